package ingest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// convert runs LibreOffice headless to convert src to format in outDir,
// with a private profile so that concurrent runs do not share a lock.
func convert(t *testing.T, src, format, outDir string, extra ...string) string {
	t.Helper()
	lo, err := exec.LookPath("libreoffice")
	if err != nil {
		t.Skip("libreoffice is not on PATH: install it (apt-get install libreoffice-calc) to test workbooks saved by LibreOffice; CI installs it")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	profile := "file://" + filepath.Join(t.TempDir(), "lo-profile")
	args := append([]string{"-env:UserInstallation=" + profile, "--headless"}, extra...)
	args = append(args, "--convert-to", format, "--outdir", outDir, src)
	cmd := exec.CommandContext(ctx, lo, args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("libreoffice --convert-to %s: %v\n%s", format, err, out)
	}
	ext := format
	if i := indexByte(format, ':'); i >= 0 {
		ext = format[:i]
	}
	dst := filepath.Join(outDir, trimExt(filepath.Base(src))+"."+ext)
	if _, err := os.Stat(dst); err != nil {
		t.Fatalf("libreoffice wrote no %s: %s", dst, out)
	}
	return dst
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func trimExt(name string) string { return name[:len(name)-len(filepath.Ext(name))] }

// TestLibreOfficeRoundTrip saves the test workbook through LibreOffice
// (xlsx -> ods -> xlsx), in the 1904 date system, and reads the same
// clients as from the original.
func TestLibreOfficeRoundTrip(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("LibreOffice conversions take seconds; skipped with -short")
	}
	dir := t.TempDir()
	yes := true
	orig := writeBook(t, dir, "intake.xlsx", baseSheets(), func(f *excelize.File) {
		// Typed dates are stored as serials of the workbook's system:
		// rewrite the serial cells for 1904 so that they mean the same days.
		for _, s := range baseSheets() {
			for r, row := range s.rows {
				for c, v := range row {
					if ser, ok := v.(dateSerial); ok {
						cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
						if err := f.SetCellFloat(s.name, cell, float64(ser)-1462, -1, 64); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
		}
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	})
	want := mustRead(t, orig, Options{})
	odsDir, xlsxDir := filepath.Join(dir, "ods"), filepath.Join(dir, "back")
	ods := convert(t, orig, "ods", odsDir)
	back := convert(t, ods, "xlsx:Calc MS Excel 2007 XML", xlsxDir)
	got := mustRead(t, back, Options{})
	if len(got.Problems) != 0 {
		t.Errorf("problems after LibreOffice:\n%s", problemsText(got))
	}
	if len(got.Clients) != len(want.Clients) {
		t.Fatalf("%d clients after LibreOffice, want %d", len(got.Clients), len(want.Clients))
	}
	for i := range want.Clients {
		w, g := *want.Clients[i], *got.Clients[i]
		g.SourceFile = w.SourceFile
		if !reflect.DeepEqual(g, w) {
			t.Errorf("client %d after LibreOffice:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

// TestLibreOfficeFromCSV converts a CSV of clients (the sheet takes the
// file's name, "clients") into xlsx: LibreOffice turns the ISO text dates
// into date cells, and numbers into number cells.
func TestLibreOfficeFromCSV(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("LibreOffice conversions take seconds; skipped with -short")
	}
	dir := t.TempDir()
	csv := writeRaw(t, dir, "clients.csv", []byte("Client ID,Family Name,Given Names,Intended Province,Application Date,Date of Birth\n"+
		"101,Петренко,Ольга,AB,2026-04-01,1988-11-30\n"+
		"102,Bérubé,Élodie,Québec,2026-04-02,\n"))
	// 44,34,76: comma-separated, double-quoted, UTF-8.
	xlsx := convert(t, csv, "xlsx:Calc MS Excel 2007 XML", filepath.Join(dir, "out"), "--infilter=CSV:44,34,76,1")
	wb := mustRead(t, xlsx, Options{})
	if len(wb.Clients) != 2 || len(wb.Problems) != 0 {
		t.Fatalf("clients %d, problems:\n%s", len(wb.Clients), problemsText(wb))
	}
	c := wb.Clients[0]
	if c.ID != "101" || c.FamilyName != "Петренко" || c.Province != "AB" || c.ApplicationDate != d("2026-04-01") || c.DateOfBirth != d("1988-11-30") || len(c.Problems) != 0 {
		t.Errorf("client = %+v", *c)
	}
	if c2 := wb.Clients[1]; c2.Province != "QC" || c2.DateOfBirth != 0 || c2.ApplicationDate != d("2026-04-02") {
		t.Errorf("client 2 = %+v", *c2)
	}
}

// TestLibreOfficeOldXLS saves a real Excel 97-2003 workbook and checks that
// it is rejected as one.
func TestLibreOfficeOldXLS(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("LibreOffice conversions take seconds; skipped with -short")
	}
	dir := t.TempDir()
	orig := writeBook(t, dir, "old.xlsx", baseSheets()[:1])
	xls := convert(t, orig, "xls", filepath.Join(dir, "xls"))
	renamed := filepath.Join(dir, "renamed.xlsx")
	if err := os.Rename(xls, renamed); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(renamed, Options{})
	fe, ok := err.(*FileError)
	if !ok || !contains(fe.Reason, "Excel 97-2003 workbook (.xls), which cecbatch does not read") {
		t.Errorf("err = %v", err)
	}
}

func contains(s, sub string) bool {
	return len(sub) == 0 || (len(s) >= len(sub) && indexOf(s, sub) >= 0)
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// TestLibreOfficeRenamedSheets saves through LibreOffice a workbook whose
// Employment sheet is named "Jobs Held" and whose Admissibility Concern is
// a formula that its writer did not calculate: the sheet is still read by
// its headers, and the formula is never read as no concern.
func TestLibreOfficeRenamedSheets(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("LibreOffice conversions take seconds; skipped with -short")
	}
	dir := t.TempDir()
	sheets := renamed("Employment", "Jobs Held")
	setCell(sheets, "Clients", 2, colOf(sheets, "Clients", "Admissibility Concern"), nil)
	orig := writeBook(t, dir, "renamed.xlsx", sheets, func(f *excelize.File) {
		if err := f.SetCellFormula("Clients", "J2", `IF(1=1,"yes","no")`); err != nil {
			t.Fatal(err)
		}
	})
	back := convert(t, orig, "xlsx:Calc MS Excel 2007 XML", filepath.Join(dir, "back"))
	got := mustRead(t, back, Options{})
	want := mustRead(t, writeBook(t, dir, "base.xlsx", baseSheets()), Options{})
	if len(got.Problems) != 0 {
		t.Errorf("problems after LibreOffice:\n%s", problemsText(got))
	}
	if len(got.Clients) != 2 || len(got.Clients[1].Jobs) != 2 || got.Clients[1].Jobs[0].Ref.Sheet != "Jobs Held" {
		t.Fatalf("the renamed Employment sheet was not read after LibreOffice: %+v", got.Clients)
	}
	for i, c := range got.Clients {
		if len(c.Jobs) != len(want.Clients[i].Jobs) || len(c.Tests) != len(want.Clients[i].Tests) || len(c.Studies) != len(want.Clients[i].Studies) {
			t.Errorf("client %s: %d jobs, %d tests, %d studies", c.ID, len(c.Jobs), len(c.Tests), len(c.Studies))
		}
	}
	// LibreOffice calculates the formula when it saves; were it not to,
	// the cell would be a problem. Either way, not "no concern".
	c := got.Clients[0]
	t.Logf("after LibreOffice, Clients!J2 reads as %q with problems %v", c.Admissibility, c.Problems)
	if c.Admissibility != "yes" && (len(c.Problems) == 0 || c.Problems[0].Cell != "Clients!J2") {
		t.Errorf("the formula of Clients!J2 read as admissibility %q with problems %v", c.Admissibility, c.Problems)
	}
}

// TestLibreOfficeTemplate saves the template, with one client typed in,
// through LibreOffice, as a paralegal who fills it in there does: the
// worked example's sheet is still never read, and the drop-downs and
// checks survive.
func TestLibreOfficeTemplate(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("LibreOffice conversions take seconds; skipped with -short")
	}
	dir := t.TempDir()
	orig := writeRaw(t, dir, "template.xlsx", writeTemplate(t))
	typeOneClient(t, orig)
	back := convert(t, orig, "xlsx:Calc MS Excel 2007 XML", filepath.Join(dir, "back"))
	wb := mustRead(t, back, Options{})
	if len(wb.Clients) != 1 || len(wb.AllProblems()) != 0 {
		t.Errorf("the template saved by LibreOffice reads as %d clients and:\n%s", len(wb.Clients), problemsText(wb))
	}
	f, err := excelize.OpenFile(back)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if idx, err := f.GetSheetIndex(exampleSheet); err != nil || idx < 0 {
		t.Errorf("the worked example's sheet did not survive LibreOffice: %v", f.GetSheetList())
	}
	dvs, err := f.GetDataValidations("Employment")
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]int{}
	for _, dv := range dvs {
		types[dv.Type]++
	}
	if types["list"] != 4 || types["date"] != 3 || types["custom"] != 1 {
		t.Errorf("the Employment sheet's checks after LibreOffice: %v", types)
	}
}
