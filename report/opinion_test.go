package report

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
	"github.com/cecbatch/cecbatch/report/doc"
)

var asOf = assess.MustDate("2026-03-01")

var testLetterhead = Letterhead{
	FirmName: "Bérubé & Ødegård LLP",
	Address:  "100 King Street West, Suite 5600, Toronto ON M5X 1C9",
	Phone:    "416-555-0100",
	Email:    "intake@example.com",
	Lawyer:   "Jane Doe",
}

func ref(sheet string, row int) assess.Ref {
	return assess.Ref{Sheet: sheet, Row: row, Cols: map[string]string{
		assess.FieldClientID: "A", assess.FieldFamilyName: "B", assess.FieldGivenNames: "C",
		assess.FieldNotes: "K", assess.FieldEmployer: "B", assess.FieldTitle: "C", assess.FieldEnd: "G",
		assess.FieldAuthorization: "K", assess.FieldTest: "B",
	}}
}

func job(row int, employer, noc string, start, end string, h float64, auth assess.Authorization) assess.Job {
	j := assess.Job{Ref: ref("Employment", row), Employer: employer, Title: "Analyst", NOC: noc, TEER: -1,
		Start: assess.MustDate(start), HoursPerWeek: h, InCanada: true, Type: assess.Employee, Authorization: auth}
	if end != "" {
		j.End = assess.MustDate(end)
	}
	return j
}

func ielts(row int, date string, l, r, w, s float64) assess.Test {
	return assess.Test{Ref: ref("Language", row), Name: "IELTS General Training", Kind: assess.IELTSGeneral,
		Date: assess.MustDate(date), Scores: [4]assess.Score{{Value: l}, {Value: r}, {Value: w}, {Value: s}}}
}

// testClients are the golden cases: one per verdict.
func testClients() map[string]*assess.Client {
	return map[string]*assess.Client{
		"eligible": {
			Ref: ref("Clients", 2), SourceFile: "intake-2026-03.xlsx", ID: "C-001",
			FamilyName: "Nguyễn", GivenNames: "Thị Minh", DateOfBirth: assess.MustDate("1991-04-02"),
			Province: "ON", InCanada: assess.Yes, Status: assess.StatusWorker, StatusExpiry: assess.MustDate("2027-12-31"),
			Notes: "Pay stubs and T4s on file.",
			Jobs: []assess.Job{
				job(2, "Maple Leaf Analytics Inc.", "21223", "2023-09-01", "", 37.5, assess.AuthPGWP),
			},
			Tests: []assess.Test{ielts(2, "2025-06-10", 8, 7, 7, 7)},
			Studies: []assess.Study{{Ref: ref("Study", 2), Institution: "Université Laval", Credential: "M.Sc.",
				Start: assess.MustDate("2021-09-01"), End: assess.MustDate("2023-05-31"), FullTime: true}},
		},
		"not-eligible": {
			Ref: ref("Clients", 3), SourceFile: "intake-2026-03.xlsx", ID: "C-002",
			FamilyName: "Żółć", GivenNames: "Łukasz", DateOfBirth: assess.MustDate("1988-11-20"),
			Province: "BC", InCanada: assess.Yes, Status: assess.StatusWorker, StatusExpiry: assess.MustDate("2027-06-30"),
			Jobs: []assess.Job{
				job(3, "Harbour Grill", "63200", "2025-01-06", "", 30, assess.AuthOpenPermit),
				job(4, "Coastline Consulting Ltd.", "21222", "2024-01-01", "2024-12-31", 40, assess.AuthOpenPermit),
			},
			Tests: []assess.Test{ielts(3, "2024-02-01", 6, 5.5, 6, 6)},
		},
		"needs-review": {
			Ref: ref("Clients", 4), SourceFile: "intake-2026-03.xlsx", ID: "C-003",
			FamilyName: "Ødegård", GivenNames: "Élodie Bérubé", DateOfBirth: assess.MustDate("1995-07-14"),
			Province: "ON", InCanada: assess.Yes, Status: assess.StatusWorker, StatusExpiry: assess.MustDate("2027-03-31"),
			Admissibility: "Refused a visitor visa in 2019 (misrepresentation alleged).",
			Notes:         "Client will send the refusal letter.\nAsk about the 2019 application.",
			Jobs: []assess.Job{
				job(5, "Northern Lights Engineering Consultants of Greater Vancouver and the Fraser Valley Ltd.", "21300", "2022-05-02", "", 40, assess.AuthUnknown),
			},
			Tests:    []assess.Test{ielts(4, "2025-01-15", 7.5, 7, 6.5, 7)},
			Problems: []assess.Problem{{Cell: "Employment!H5", Message: fixtureText("Hours per week %q is not a number: enter the hours as a number.", "40h")}},
		},
		// The hours rest on facts the intake leaves open: 243 days on
		// maintained status since the permit expired on 2025-06-30, and a
		// bare "Halifax" read as Nova Scotia. Each decides the outcome.
		"doubts": {
			Ref: ref("Clients", 5), SourceFile: "intake-2026-03.xlsx", ID: "C-004",
			FamilyName: "Kaur", GivenNames: "Harpreet", DateOfBirth: assess.MustDate("1995-10-03"),
			Province: "NS", InCanada: assess.Yes, Status: assess.StatusMaintained, StatusExpiry: assess.MustDate("2025-06-30"),
			Jobs: []assess.Job{func() assess.Job {
				j := job(6, "Bluenose Analytics Inc.", "21223", "2024-09-03", "", 40, assess.AuthEmployerSpecific)
				j.PermitExpiry, j.Location, j.PlaceDoubt = assess.MustDate("2025-06-30"), "Halifax", true
				return j
			}()},
			Tests: []assess.Test{ielts(5, "2025-02-01", 8, 7, 7, 7)},
		},
		// Eligible, but the test expires on 2026-04-15, 45 days after the run.
		"eligible-until-soon": {
			Ref: ref("Clients", 6), SourceFile: "intake-2026-03.xlsx", ID: "C-005",
			FamilyName: "Tanaka", GivenNames: "Yui", DateOfBirth: assess.MustDate("1994-05-05"),
			Province: "AB", InCanada: assess.Yes, Status: assess.StatusWorker, StatusExpiry: assess.MustDate("2028-03-31"),
			Jobs:  []assess.Job{job(7, "Chinook Robotics Inc.", "21301", "2022-03-01", "", 40, assess.AuthOpenPermit)},
			Tests: []assess.Test{ielts(6, "2024-04-16", 8, 7, 7, 7)},
		},
	}
}

func assessFor(t testing.TB, c *assess.Client, r *OpinionRenderer) *assess.Assessment {
	t.Helper()
	a := assess.Current().Assess(c, asOf)
	a.Findings = append(a.Findings, r.Unprintable(a)...)
	return a
}

func newRenderer(t testing.TB) *OpinionRenderer {
	t.Helper()
	r, err := NewOpinionRenderer(testLetterhead, Letter)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// render writes a's opinion; x is the Express Entry estimate beside it
// (none, or one).
func render(t testing.TB, r *OpinionRenderer, a *assess.Assessment, x ...*crs.Estimate) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := r.Render(&b, a, estimateOf(x), asOf); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// traced renders a and returns one line per text printed: page, position
// (0.1 mm), font and text. It is the document's content, in the order and
// place it is drawn, without depending on a PDF text extractor's version.
func traced(t testing.TB, r *OpinionRenderer, a *assess.Assessment, x ...*crs.Estimate) (string, []byte) {
	t.Helper()
	return tracedDoc(t, r, func() (*doc.Document, error) { return r.memo(a, estimateOf(x), asOf) })
}

// tracedDoc renders the document build makes as a PDF, and returns its
// trace (see traced) and the PDF.
func tracedDoc(t testing.TB, r *OpinionRenderer, build func() (*doc.Document, error)) (string, []byte) {
	t.Helper()
	d, err := build()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	p := r.pdf.WithTrace(func(page int, x, y float64, bold bool, size float64, s string) {
		style := "R"
		if bold {
			style = "B"
		}
		fmt.Fprintf(&b, "p%d %5.1f %5.1f %s%.1f %s\n", page, x, y, style, size, s)
	})
	var pdf bytes.Buffer
	if err := p.Render(&pdf, d); err != nil {
		t.Fatal(err)
	}
	return b.String(), pdf.Bytes()
}

// TestOpinionGolden keeps the text of every opinion, where it is printed,
// on both papers: US Letter (the default) and A4.
func TestOpinionGolden(t *testing.T) {
	want := map[string]assess.Verdict{"eligible": assess.Eligible, "not-eligible": assess.NotEligible, "needs-review": assess.NeedsReview,
		"unreadable-rows": assess.NeedsReview, "doubts": assess.NeedsReview, "eligible-until-soon": assess.Eligible}
	for _, paper := range []Paper{Letter, A4} {
		r, err := NewOpinionRenderer(testLetterhead, paper)
		if err != nil {
			t.Fatal(err)
		}
		for name, verdict := range want {
			t.Run(paper.Name+"/"+name, func(t *testing.T) {
				goldenOpinion(t, r, name, verdict)
			})
		}
	}
}

func goldenOpinion(t *testing.T, r *OpinionRenderer, name string, verdict assess.Verdict) {
	t.Helper()
	c := testClients()[name]
	if name == "unreadable-rows" {
		c = unreadableClient()
	}
	a := assessFor(t, c, r)
	if a.Verdict != verdict {
		t.Fatalf("fixture %s: engine says %s, the fixture is meant to be %s", name, a.Verdict, verdict)
	}
	got, _ := traced(t, r, a)
	checkGolden(t, "opinion/"+strings.ToLower(r.opt.Paper.Name)+"/"+name+".golden", []byte(got))
	for _, s := range []string{draftMark, "Page 1 of ", locales()[English].verdictLabel(verdict)[:3], a.AssessedOn.String()} {
		if !strings.Contains(got, s) {
			t.Errorf("opinion lacks %q", s)
		}
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d\nwant: %s\n got: %s", i+1, w, g)
		}
	}
	return ""
}

func TestOpinionByteIdentical(t *testing.T) {
	r := newRenderer(t)
	for name, c := range testClients() {
		a := assessFor(t, c, r)
		one, two := render(t, r, a), render(t, newRenderer(t), a)
		if !bytes.Equal(one, two) {
			t.Errorf("%s: two renders of the same client differ", name)
		}
	}
}

func TestOpinionValidatesWithPdfcpu(t *testing.T) {
	r := newRenderer(t)
	conf := model.NewDefaultConfiguration()
	for name, c := range testClients() {
		pdf := render(t, r, assessFor(t, c, r))
		if err := api.Validate(bytes.NewReader(pdf), conf); err != nil {
			t.Errorf("%s: pdfcpu: %v", name, err)
		}
	}
}

// pdftotext extracts pages first..last (0: all) of pdf.
func pdftotext(t *testing.T, pdf []byte, first, last int) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; CI installs it")
	}
	f := filepath.Join(t.TempDir(), "o.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", fmt.Sprint(first), "-l", fmt.Sprint(last))
	}
	out, err := exec.Command(bin, append(args, f, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestOpinionNamesExtractExactly(t *testing.T) {
	names := []struct{ given, family string }{
		{"Élodie", "Bérubé"},
		{"Thị Minh", "Nguyễn"},
		{"Łukasz", "Żółć"},
		{"Åse", "Ødegård"},
		{"Σωκράτης", "Παπαδόπουλος"},
		{"Пётр", "Чайковский"},
		{"Dương Văn", "Trần"},
		{"François-Xavier", "Lefèvre-Gagné"},
		{"Jürgen", "Groß"},
		{"Şükrü", "Çağlayan"},
		{"Արամ", "Խաչատրյան"},
		{"ნინო", "ბერიძე"},
	}
	r := newRenderer(t)
	for _, n := range names {
		c := testClients()["eligible"]
		c.GivenNames, c.FamilyName = n.given, n.family
		c.Jobs[0].Employer = "Café " + n.family
		a := assessFor(t, c, r)
		if u := r.Unprintable(a); len(u) != 0 {
			t.Errorf("%s %s: reported unprintable: %v", n.given, n.family, u)
		}
		text := pdftotext(t, render(t, r, a), 0, 0)
		for _, want := range []string{n.given + " " + n.family, "Café " + n.family} {
			if !strings.Contains(text, want) {
				t.Errorf("pdftotext does not give back %q", want)
			}
		}
	}
}

func TestOpinionCJKNameIsReportedAndMarked(t *testing.T) {
	r := newRenderer(t)
	c := testClients()["eligible"]
	c.FamilyName, c.GivenNames = "王", "小明 (Ming)"
	a := assessFor(t, c, r)
	var glyph []assess.Finding
	for _, f := range a.Findings {
		if f.Code == CodeGlyph {
			glyph = append(glyph, f)
		}
	}
	if len(glyph) != 2 {
		t.Fatalf("want a PDF-GLYPH finding for the family and the given names, got %+v", glyph)
	}
	for _, f := range glyph {
		if f.Kind != assess.KindNote || f.Cell == "" {
			t.Errorf("finding %+v: want KindNote with the cell", f)
		}
	}
	if !strings.Contains(glyph[0].Text.String(), "U+738B") || glyph[0].Cell != "Clients!B2" {
		t.Errorf("family-name finding %+v does not name U+738B at Clients!B2", glyph[0])
	}
	text := pdftotext(t, render(t, r, a), 0, 0)
	if !strings.Contains(text, "[U+5C0F][U+660E] (Ming) [U+738B]") {
		t.Errorf("the name is not printed with visible markers:\n%s", text[:min(len(text), 800)])
	}
	for _, ch := range "王小明" {
		if strings.ContainsRune(text, ch) {
			t.Errorf("%c reached the PDF, where the font draws it as an empty box", ch)
		}
	}
}

// TestOpinionLongWorkHistory checks wrapping and a work table over several
// pages: every line stays inside the page, and each page the table runs on
// repeats its header.
func TestOpinionLongWorkHistory(t *testing.T) {
	r := newRenderer(t)
	c := testClients()["not-eligible"]
	c.Jobs = nil
	for i := range 40 {
		start := assess.MustDate("2023-03-06").AddDays(30 * i)
		j := job(10+i, fmt.Sprintf("Établissements Guðmundsdóttir-Szczęśniak Restauration et Hôtellerie Internationale numéro %d", i), "63200",
			start.String(), start.AddDays(27).String(), 20, assess.AuthOpenPermit)
		c.Jobs = append(c.Jobs, j)
	}
	a := assessFor(t, c, r)
	trace, pdf := traced(t, r, a)
	paper := r.opt.Paper
	left, right := (paper.W-170)/2, (paper.W+170)/2
	for _, line := range strings.Split(strings.TrimSpace(trace), "\n") {
		var page int
		var x, y, size float64
		var style string
		if _, err := fmt.Sscanf(line, "p%d %f %f %1s%f", &page, &x, &y, &style, &size); err != nil {
			t.Fatalf("trace line %q: %v", line, err)
		}
		if x < left-0.01 || y > paper.H {
			t.Errorf("text outside the page: %s", line)
		}
	}
	// Each line's right edge, measured with the font, stays in the page.
	rr := *r
	rr.pdf = r.pdf.WithTrace(func(page int, x, y float64, bold bool, size float64, s string) {
		if edge := x + r.pdf.TextWidth(bold, size, s); edge > right+0.01 {
			t.Errorf("page %d: %q overflows to %.1f mm", page, s, edge)
		}
	})
	render(t, &rr, a)

	pages := strings.Count(pdftotext(t, pdf, 0, 0), "\f")
	if pages < 3 {
		t.Fatalf("want the 40-job table to run over several pages, got %d pages", pages)
	}
	// A row of the work table is printed at 8 pt (the notes that name the
	// same employers, at 9.5 pt).
	tableRowOn := map[int]bool{}
	for _, line := range strings.Split(trace, "\n") {
		var page int
		if _, err := fmt.Sscanf(line, "p%d", &page); err == nil && strings.Contains(line, " R8.0 ") && strings.Contains(line, "numéro") {
			tableRowOn[page] = true
		}
	}
	tablePages := 0
	for pg := 1; pg <= pages; pg++ {
		text := pdftotext(t, pdf, pg, pg)
		if tableRowOn[pg] {
			tablePages++
			if !strings.Contains(text, "Employer and job title") || !strings.Contains(text, "Excluded, and why") {
				t.Errorf("page %d: the work table's header is not repeated", pg)
			}
		}
		if !strings.Contains(text, fmt.Sprintf("Page %d of %d", pg, pages)) {
			t.Errorf("page %d lacks \"Page %d of %d\"", pg, pg, pages)
		}
		if !strings.Contains(text, "DRAFT — for lawyer review — not legal advice") {
			t.Errorf("page %d lacks the DRAFT marking", pg)
		}
	}
	if tablePages < 2 {
		t.Errorf("the work table should span at least 2 pages, spans %d", tablePages)
	}
	all := pdftotext(t, pdf, 0, 0)
	if !strings.Contains(all, "numéro 39") || !strings.Contains(all, "Szczęśniak") {
		t.Error("a wrapped employer name was lost")
	}
}

// TestOpinionManyScriptsFallsBack prints more distinct characters than a
// one-byte encoding holds: the document must switch to fpdf's UTF-8 path
// and still give every character back.
func TestOpinionManyScriptsFallsBack(t *testing.T) {
	r := newRenderer(t)
	c := testClients()["eligible"]
	greek := "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψω"
	cyrillic := "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя"
	viet := "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
	c.Notes = greek + " " + cyrillic + " " + viet
	a := assessFor(t, c, r)
	text := pdftotext(t, render(t, r, a), 0, 0)
	for _, s := range []string{greek, cyrillic[:40], viet} {
		if !strings.Contains(strings.ReplaceAll(text, "\n", ""), s) {
			t.Errorf("pdftotext does not give back %q", s)
		}
	}
}

func TestOpinionLogo(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "logo.gif")
	if err := os.WriteFile(bad, []byte("GIF89a"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewOpinionRenderer(Letterhead{FirmName: "X", LogoPath: bad}, Letter); err == nil {
		t.Error("a GIF logo was accepted")
	}
	if _, err := NewOpinionRenderer(Letterhead{FirmName: "X", LogoPath: filepath.Join(dir, "none.png")}, Letter); err == nil {
		t.Error("a missing logo was accepted")
	}
	png := filepath.Join(dir, "logo.png")
	if err := os.WriteFile(png, tinyPNG(), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := NewOpinionRenderer(Letterhead{FirmName: "X", LogoPath: png}, Letter)
	if err != nil {
		t.Fatal(err)
	}
	pdf := render(t, r, assessFor(t, testClients()["eligible"], r))
	if !bytes.Contains(pdf, []byte("/Subtype /Image")) {
		t.Error("the logo is not in the PDF")
	}
}

func BenchmarkRenderOpinion(b *testing.B) {
	r := newRenderer(b)
	a := assessFor(b, testClients()["eligible"], r)
	stock := *r
	stock.pdf = r.pdf.WithUTF8Fonts(dejavusans.TTF, dejavusansbold.TTF)
	cutUTF8 := *r
	cutUTF8.pdf = r.pdf.WithUTF8Fonts(r.pdf.CutFonts())
	for _, bc := range []struct {
		name string
		r    *OpinionRenderer
	}{
		{"one-byte-subset", r},            // what Render does
		{"fpdf-utf8-cut-font", &cutUTF8},  // the fallback path
		{"fpdf-utf8-full-dejavu", &stock}, // fpdf's stock path: the "before"
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var size int
			cpu0 := processCPU()
			for b.Loop() {
				var buf bytes.Buffer
				if err := bc.r.Render(&buf, a, nil, asOf); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
			b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(size), "bytes/pdf")
		})
	}
}

// tinyPNG is a 40×20 two-colour logo.
func tinyPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := range 40 {
		for y := range 20 {
			c := color.RGBA{20, 50, 90, 255}
			if x > 20 {
				c = color.RGBA{200, 160, 40, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// TestOpinionConcurrentRenders shares one renderer between goroutines, as
// the batch's workers do; run under -race it also checks for data races.
func TestOpinionConcurrentRenders(t *testing.T) {
	r := newRenderer(t)
	clients := testClients()
	names := []string{"eligible", "not-eligible", "needs-review"}
	want := map[string][]byte{}
	as := map[string]*assess.Assessment{}
	for _, n := range names {
		as[n] = assessFor(t, clients[n], r)
		want[n] = render(t, r, as[n])
	}
	var wg sync.WaitGroup
	errs := make(chan string, 12)
	for i := range 12 {
		n := names[i%len(names)]
		wg.Go(func() {
			var b bytes.Buffer
			if err := r.Render(&b, as[n], nil, asOf); err != nil {
				errs <- err.Error()
				return
			}
			if !bytes.Equal(b.Bytes(), want[n]) {
				errs <- n + ": concurrent render differs from the sequential one"
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestOpinionOddInput renders what a half-filled or hostile intake can
// produce: no dates, no jobs, a bare assessment, PDF syntax and control
// characters in the text, a notes field of several pages.
func TestOpinionOddInput(t *testing.T) {
	r := newRenderer(t)
	hostile := "Notes (with) \\ backslash\t tab\r\n) BT /F1 12 Tf (x) Tj ET\x00\x07 " + strings.Repeat("Long notes about the client's history. ", 600)
	cases := map[string]*assess.Assessment{
		"bare": {Client: &assess.Client{}, Rules: assess.Current()},
		"hostile": {
			Client: &assess.Client{ID: "../../etc/passwd", FamilyName: "=HYPERLINK(\"x\")", GivenNames: "(Robert'); DROP", Notes: hostile,
				Jobs:  []assess.Job{{Employer: strings.Repeat("W", 300)}},
				Tests: []assess.Test{{Name: "TOEFL"}}},
			AssessedOn: asOf, WindowStart: asOf.AddYears(-3), Verdict: assess.NeedsReview, Rules: assess.Current(),
			Findings: []assess.Finding{{Code: assess.CodeData, Kind: assess.KindData, Text: assess.Untranslated(strings.Repeat("x", 500)), Cell: "Clients!A2"}},
		},
	}
	for name, a := range cases {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := r.Render(&b, a, nil, asOf); err != nil {
				t.Fatal(err)
			}
			if err := api.Validate(bytes.NewReader(b.Bytes()), model.NewDefaultConfiguration()); err != nil {
				t.Errorf("pdfcpu: %v", err)
			}
			if name == "hostile" {
				text := pdftotext(t, b.Bytes(), 0, 0)
				for _, s := range []string{"=HYPERLINK(\"x\")", "Notes (with) \\ backslash", ") BT /F1 12 Tf (x) Tj ET"} {
					if !strings.Contains(text, s) {
						t.Errorf("text %q not printed as text", s)
					}
				}
			}
		})
	}
}

// The opinion prints the same tenths as results.jsonl and the summary, with
// thousands separators: a PDF saying "1,560.0 hours" next to "does not
// meet" would contradict the other outputs.
func TestOpinionHours(t *testing.T) {
	for in, want := range map[float64]string{
		0:                  "0.0",
		999.95:             "999.9",
		1559.96:            "1,559.9",
		1559.9999999999998: "1,560.0",
		1234567.89:         "1,234,567.8",
	} {
		if got := hours(in); got != want {
			t.Errorf("hours(%v) = %s, want %s", in, got, want)
		}
	}
}

// A data problem the engine did not turn into a finding is listed in the
// opinion even when other data findings are, as results.jsonl and the
// summary list it; one without a cell prints no empty "[]".
func TestOpinionListsUnreportedProblems(t *testing.T) {
	a := fxNeedsReview()
	a.Rules = assess.Current()
	a.Client.Problems = append(a.Client.Problems,
		assess.Problem{Cell: "Language Tests!D5", Message: assess.Untranslated("Reading score \"abc\" is not a number.")},
		assess.Problem{Message: assess.Untranslated("Two rows for client C-1003.")})
	text := printed(t, newRenderer(t), a)
	mustContain(t, text,
		"DATA: Reading score \"abc\" is not a number. [Language Tests!D5]",
		"DATA: Two rows for client C-1003.",
		"1 job row could not be read (Employment!G7), 1 language test row could not be read (Language Tests!D5) and 1 other data problem in the intake file")
	if strings.Contains(text, "[]") {
		t.Error("a problem without a cell is printed with an empty []")
	}
}

// estimateOf is the optional estimate of render and traced.
func estimateOf(x []*crs.Estimate) *crs.Estimate {
	if len(x) == 0 {
		return nil
	}
	return x[0]
}
