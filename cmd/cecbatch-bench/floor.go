package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// The floor is what fpdf itself costs to write a document as long as each
// opinion with a core font: Helvetica (nothing embedded), the same page
// count, each page's body filled with justified paragraphs that fpdf
// wraps itself (MultiCell, measuring every character), a header and a
// "Page N of M" footer, pages compressed as fpdf compresses them. No
// reading, no assessment, no file written: what a run costs above it is
// what the run does besides laying out and writing pages of text. A floor
// page carries about 5,000 characters, more than an opinion page's 2,400
// to 3,700: the floor is a full page of text, not a lighter one.
const floorFlag = "-floor"

// floorParagraph is a paragraph of the length an opinion's paragraphs have.
var floorParagraph = strings.TrimSpace(strings.Repeat("The client meets the work experience requirement of the Canadian Experience Class: the hours counted are in skilled occupations, in Canada, while authorized to work, within the three years before the application. ", 3))

// floorDoc writes one floor document of pages pages to buf.
func floorDoc(buf *bytes.Buffer, pages int, stamp time.Time) error {
	const (
		left, width   = 23.0, 170.0
		top, bottom   = 24.0, 259.0
		lineH, spacer = 4.3, 2.0
	)
	pdf := fpdf.New("P", "mm", "Letter", "")
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(left, top, 215.9-left-width)
	for p := 1; p <= pages; p++ {
		pdf.AddPage()
		pdf.SetFont("Helvetica", "B", 8.5)
		pdf.Text(left, 12, "DRAFT - for lawyer review - not legal advice")
		pdf.SetFont("Helvetica", "", 7.5)
		pdf.Text(178, 267, fmt.Sprintf("Page %d of %d", p, pages))
		pdf.SetFont("Helvetica", "", 9.5)
		lines := float64(len(pdf.SplitText(floorParagraph, width)))
		for y := top; y+lines*lineH <= bottom; y = pdf.GetY() + spacer {
			pdf.SetXY(left, y)
			pdf.MultiCell(width, lineH, floorParagraph, "", "J", false)
		}
	}
	return pdf.Output(buf)
}

// floorMain renders one floor document per line of pagesFile (its page
// count) on workers goroutines, into memory.
func floorMain(pagesFile string, workers int) error {
	pages, err := readPageCounts(pagesFile)
	if err != nil {
		return err
	}
	stamp := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Go(func() {
			var buf bytes.Buffer
			for {
				i := int(next.Add(1) - 1)
				if i >= len(pages) {
					return
				}
				buf.Reset()
				if err := floorDoc(&buf, pages[i], stamp); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

func readPageCounts(path string) ([]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var pages []int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n, err := strconv.Atoi(strings.TrimSpace(sc.Text()))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%s: %q is not a page count", path, sc.Text())
		}
		pages = append(pages, n)
	}
	return pages, sc.Err()
}

// opinionPages returns the page count of every opinion in a run folder,
// read from the /Count of each PDF's page tree.
func opinionPages(runDir string) ([]int, error) {
	files, err := filepath.Glob(filepath.Join(runDir, "opinions", "*_CEC-opinion.pdf"))
	if err != nil {
		return nil, err
	}
	pages := make([]int, 0, len(files))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		n, err := pageCount(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		pages = append(pages, n)
	}
	return pages, nil
}

func pageCount(pdf []byte) (int, error) {
	i := bytes.Index(pdf, []byte("/Type /Pages"))
	if i < 0 {
		return 0, fmt.Errorf("no page tree")
	}
	rest := pdf[i:]
	j := bytes.Index(rest, []byte("/Count "))
	if j < 0 {
		return 0, fmt.Errorf("no page count")
	}
	rest = rest[j+len("/Count "):]
	end := bytes.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
	if end <= 0 {
		return 0, fmt.Errorf("no page count")
	}
	return strconv.Atoi(string(rest[:end]))
}
