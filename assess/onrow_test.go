package assess

import "testing"

// A data problem from ingest names its cell; the engine must match it to
// the right row even when the paralegal's sheet name contains "!" (Excel
// allows it), or the bad row would be counted as if it were clean.
func TestRefColumn(t *testing.T) {
	work := Ref{Sheet: "Work!History", Row: 7}
	for _, tc := range []struct {
		cell string
		r    Ref
		col  string
		ok   bool
	}{
		{"Employment!F7", Ref{Sheet: "Employment", Row: 7}, "F", true},
		{"Employment!AB7", Ref{Sheet: "Employment", Row: 7}, "AB", true},
		{"Employment!F70", Ref{Sheet: "Employment", Row: 7}, "", false},
		{"Employment!F7", Ref{Sheet: "Study", Row: 7}, "", false},
		{"Work!History!E7", work, "E", true},
		{"History!E7", work, "", false},
		{"F7", Ref{Sheet: "Employment", Row: 7}, "", false},
	} {
		col, ok := tc.r.Column(tc.cell)
		if col != tc.col || ok != tc.ok {
			t.Errorf("Ref{%[2]s, %[3]d}.Column(%[1]q) = %q, %v; want %q, %v", tc.cell, tc.r.Sheet, tc.r.Row, col, ok, tc.col, tc.ok)
		}
	}
}
