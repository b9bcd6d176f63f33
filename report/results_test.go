package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./report -run %s -update after checking the change)\ngot:\n%s\nwant:\n%s", path, t.Name(), got, want)
	}
}

func writeFixtureResults(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	r := NewResults(&buf)
	pdfs := []string{"opinions/C-1001_Bérubé_Élodie_CEC-opinion.pdf", "opinions/C-1002_Nguyễn_Thị-Minh_CEC-opinion.pdf", ""}
	for i, a := range fxAll() {
		if err := r.WriteClient(a, nil, pdfs[i]); err != nil {
			t.Fatal(err)
		}
	}
	files := []FileResult{
		{SourceFile: "intake-2026-11.xlsx", Clients: 2, Reasons: []Reason{
			{Code: "DATA", Text: "Employment row for client C-9999, who is not on the Clients sheet.", Cell: "Employment!A12"},
		}},
		{SourceFile: "walk-ins.xlsx", Clients: 1},
		{SourceFile: "old-format.xls", Rejected: true, Reasons: []Reason{
			{Code: "DATA", Text: "This is an old .xls workbook: open it in Excel and save it as .xlsx."},
		}},
	}
	for _, f := range files {
		if err := r.WriteFile(f); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func TestResultsGolden(t *testing.T) {
	checkGolden(t, "results.jsonl.golden", writeFixtureResults(t))
}

// TestResultsFields checks the contract of results.jsonl in the README independently of the
// golden file: field names, their order, types and nulls.
func TestResultsFields(t *testing.T) {
	out := writeFixtureResults(t)
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("got %d lines, want 6:\n%s", len(lines), out)
	}
	contract := []string{"client_id", "source_file", "verdict", "assessed_on", "qualifying_hours",
		"required_clb", "language_clb", "eligible_from", "hours_reached", "rules", "eligible_until", "reasons", "opinion_pdf"}
	for i, line := range lines[:3] {
		keys := jsonKeys(t, line)
		if len(keys) < len(contract) || !reflect.DeepEqual(keys[:len(contract)], contract) {
			t.Errorf("line %d keys = %v, want them to start with %v", i+1, keys, contract)
		}
	}
	fileKeys := []string{"source_file", "file_status", "clients", "reasons"}
	for i, line := range lines[3:] {
		if keys := jsonKeys(t, line); !reflect.DeepEqual(keys, fileKeys) {
			t.Errorf("file line %d keys = %v, want %v", i+1, keys, fileKeys)
		}
	}

	var eligible, notEligible, review map[string]any
	for i, m := range []*map[string]any{&eligible, &notEligible, &review} {
		if err := json.Unmarshal([]byte(lines[i]), m); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"eligible verdict", eligible["verdict"], "eligible"},
		{"eligible hours", eligible["qualifying_hours"], 3437.1},
		{"eligible required_clb", eligible["required_clb"], 7.0},
		{"eligible language_clb", eligible["language_clb"], 9.0},
		{"eligible eligible_from", eligible["eligible_from"], "2026-11-20"},
		{"eligible eligible_until", eligible["eligible_until"], "2027-06-09"},
		{"eligible next_steps: the Express Entry sequence", len(eligible["next_steps"].([]any)), 2},
		{"eligible assessed_from", eligible["assessed_from"], "as_of"},
		{"eligible hours_reached", eligible["hours_reached"], "2025-08-31"},
		{"eligible rules", eligible["rules"], map[string]any{"id": "cec-2024-01-30", "effective": "2024-01-30", "reviewed": "2026-12-01"}},
		{"not eligible hours_reached null", notEligible["hours_reached"], nil},
		{"eligible rule_set kept", eligible["rule_set"], fxRuleSet},
		{"not eligible verdict", notEligible["verdict"], "not_eligible"},
		{"not eligible language_clb below 4 is 0", notEligible["language_clb"], 0.0},
		{"not eligible eligible_from null", notEligible["eligible_from"], nil},
		{"not eligible eligible_until null", notEligible["eligible_until"], nil},
		{"needs review opinion_pdf null", review["opinion_pdf"], nil},
		{"needs review documents empty", review["documents"], []any{}},
		{"eligible documents: the opinion", eligible["documents"], []any{"opinions/C-1001_Bérubé_Élodie_CEC-opinion.pdf"}},
		{"needs review assessed_on", review["assessed_on"], "2026-12-01"},
		{"needs review assessed_from", review["assessed_from"], "application_date"},
		{"needs review eligible_until null", review["eligible_until"], nil},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s = %#v, want %#v", tt.name, tt.got, tt.want)
		}
	}
	if !strings.Contains(lines[0], `"qualifying_hours":3437.1,`) {
		t.Errorf("qualifying_hours is not written with one decimal: %s", lines[0])
	}
	if !strings.Contains(lines[1], `"cell":null`) || !strings.Contains(lines[1], `"cell":"Employment!D4"`) {
		t.Errorf("reasons cells not written as string or null: %s", lines[1])
	}
	if !strings.Contains(lines[1], "Harbour Grill & Bar <Vancouver>") {
		t.Errorf("<, > or & were escaped: %s", lines[1])
	}
	// Names appear only inside the file paths the caller gave (opinion_pdf
	// and documents); birth dates never.
	if n := strings.Count(string(out), "Élodie"); n != 2 || strings.Contains(string(out), "1994-03-02") {
		t.Errorf("results carry personal data beyond the client ID and the document paths")
	}
	// The needs-review client's data problem is a reason exactly once.
	if reasons, _ := json.Marshal(review["reasons"]); strings.Count(string(reasons), "Employment!G7") != 1 {
		t.Errorf("data problem Employment!G7 is not a reason exactly once: %s", reasons)
	}
	var rejected map[string]any
	if err := json.Unmarshal([]byte(lines[5]), &rejected); err != nil {
		t.Fatal(err)
	}
	if rejected["file_status"] != "rejected" || rejected["clients"] != 0.0 {
		t.Errorf("rejected file line = %v", rejected)
	}
	var processed map[string]any
	if err := json.Unmarshal([]byte(lines[4]), &processed); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(processed["reasons"], []any{}) {
		t.Errorf("file with no reasons has reasons = %#v, want []", processed["reasons"])
	}
}

// jsonKeys returns the top-level keys of one JSON object in file order.
func jsonKeys(t *testing.T, line string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(line))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", line)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestRoundTenth(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0.0"},
		{1559.96, "1559.9"}, // never shows 1560.0 for a total that does not qualify
		{1560, "1560.0"},
		{1559.9999999999998, "1560.0"}, // 1,560 up to floating-point noise
		{780.0000001, "780.0"},
		{3437.142857142857, "3437.1"},
	}
	for _, tt := range tests {
		if got := formatHoursTenth(tt.in); got != tt.want {
			t.Errorf("formatHoursTenth(%v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// lineCountingWriter fails the test if a Write holds anything but whole lines.
type lineCountingWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	calls int
}

func (w *lineCountingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.calls++
	return w.buf.Write(p)
}

func TestResultsConcurrent(t *testing.T) {
	w := &lineCountingWriter{}
	r := NewResults(w)
	var wg sync.WaitGroup
	const goroutines, each = 8, 25
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				a := fxAll()[i%3]
				if err := r.WriteClient(a, nil, ""); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if w.calls != goroutines*each {
		t.Errorf("%d Write calls, want one per line (%d)", w.calls, goroutines*each)
	}
	sc := bufio.NewScanner(&w.buf)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		if !json.Valid(sc.Bytes()) {
			t.Fatalf("line %d is not valid JSON: %s", n, sc.Bytes())
		}
	}
	if n != goroutines*each {
		t.Errorf("%d lines, want %d", n, goroutines*each)
	}
}

// BenchmarkResultsWriteClient measures one results.jsonl line, next steps
// included: the pipeline around the PDF must add little.
func BenchmarkResultsWriteClient(b *testing.B) {
	r := NewResults(io.Discard)
	fixtures := fxAll()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := r.WriteClient(fixtures[i%3], nil, "opinions/C-1001_Bérubé_Élodie_CEC-opinion.pdf"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestResultsRules: the "rules" object comes from the rule set the engine
// applied, and is null (not an empty object) for an assessment without one.
func TestResultsRules(t *testing.T) {
	var buf bytes.Buffer
	r := NewResults(&buf)
	applied := fxEligible()
	applied.Rules = assess.Current()
	bare := fxEligible()
	bare.Rules = nil
	for _, a := range []*assess.Assessment{applied, bare} {
		if err := r.WriteClient(a, nil, ""); err != nil {
			t.Fatal(err)
		}
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	var got [2]struct {
		Rules *struct{ ID, Effective, Reviewed string } `json:"rules"`
	}
	for i := range got {
		if err := json.Unmarshal([]byte(lines[i]), &got[i]); err != nil {
			t.Fatal(err)
		}
	}
	cur := assess.Current()
	if got[0].Rules == nil || got[0].Rules.ID != cur.ID || got[0].Rules.Effective != cur.EffectiveFrom.String() || got[0].Rules.Reviewed != cur.Reviewed.String() {
		t.Errorf("rules = %+v, want the current rule set's id %s, effective %s, reviewed %s", got[0].Rules, cur.ID, cur.EffectiveFrom, cur.Reviewed)
	}
	if got[1].Rules != nil || !strings.Contains(lines[1], `"rules":null`) {
		t.Errorf("an assessment without a rule set gives %s, want \"rules\":null", lines[1])
	}
}
