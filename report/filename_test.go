package report

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/cecbatch/cecbatch/assess"
)

func TestOpinionFileName(t *testing.T) {
	long := strings.Repeat("Abcdefghij", 30) // 300 ASCII letters
	longCyr := strings.Repeat("Жанна", 60)   // 300 two-byte letters
	longViet := strings.Repeat("Nguyễn", 50) // 300 letters, some three bytes
	nfd := "Nguye\u0302\u0303n"              // ễ typed as e + two combining marks
	tests := []struct {
		name              string
		id, family, given string
		want              string // "" = only the properties are checked
		wantPrefix        string
	}{
		{name: "plain", id: "C-001", family: "Smith", given: "Anna Maria",
			want: "C-001_Smith_Anna-Maria_CEC-opinion.pdf"},
		{name: "accents kept", id: "7", family: "Bérubé", given: "Élodie",
			want: "7_Bérubé_Élodie_CEC-opinion.pdf"},
		{name: "vietnamese", id: "8", family: "Nguyễn", given: "Thị Minh",
			want: "8_Nguyễn_Thị-Minh_CEC-opinion.pdf"},
		{name: "combining accents kept", id: "8", family: nfd, given: "Minh",
			want: "8_" + nfd + "_Minh_CEC-opinion.pdf"},
		{name: "polish", id: "9", family: "Żółć", given: "Łukasz",
			want: "9_Żółć_Łukasz_CEC-opinion.pdf"},
		{name: "cyrillic and greek", id: "10", family: "Иванова", given: "Σοφία",
			want: "10_Иванова_Σοφία_CEC-opinion.pdf"},
		{name: "parent traversal", id: "../../etc/passwd", family: "..", given: "x",
			want: "etc-passwd_unknown_x_CEC-opinion.pdf"},
		{name: "absolute path", id: "/etc/cron.d/x", family: "A", given: "B",
			want: "etc-cron-d-x_A_B_CEC-opinion.pdf"},
		{name: "backslashes and drive", id: `C:\Windows\System32`, family: "A", given: "B",
			want: "C-Windows-System32_A_B_CEC-opinion.pdf"},
		{name: "windows forbidden", id: `a*b?c"d<e>f|g:h`, family: "O'Brien", given: "Mary-Jane",
			want: "a-b-c-d-e-f-g-h_O-Brien_Mary-Jane_CEC-opinion.pdf"},
		{name: "NUL and controls", id: "A\x00B\tC\r\nD\x1b", family: "E\u202eF", given: "G\u200bH",
			want: "A-B-C-D_E-F_G-H_CEC-opinion.pdf"},
		{name: "reserved CON", id: "CON", family: "PRN", given: "AUX",
			want: "CON_PRN_AUX_CEC-opinion.pdf"},
		{name: "reserved with extension", id: "nul.txt", family: "com1", given: "LPT1.pdf",
			want: "nul-txt_com1_LPT1-pdf_CEC-opinion.pdf"},
		{name: "reserved lower case", id: "con", family: "Lpt9", given: "cOm3",
			want: "con_Lpt9_cOm3_CEC-opinion.pdf"},
		{name: "only dots", id: "...", family: ".", given: "..",
			want: "unknown_unknown_unknown_CEC-opinion.pdf"},
		{name: "empty", id: "", family: "", given: "",
			want: "unknown_unknown_unknown_CEC-opinion.pdf"},
		{name: "spaces only", id: "   ", family: "\t", given: " - ",
			want: "unknown_unknown_unknown_CEC-opinion.pdf"},
		{name: "leading dot hidden file", id: ".bashrc", family: "A", given: "B",
			want: "bashrc_A_B_CEC-opinion.pdf"},
		{name: "formula-like", id: "=cmd|' /C calc'!A0", family: "+1", given: "@SUM",
			want: "cmd-C-calc-A0_1_SUM_CEC-opinion.pdf"},
		{name: "300 characters", id: long, family: long, given: long,
			wantPrefix: long[:maxIDBytes] + "_" + long[:maxNameBytes] + "_"},
		{name: "300 cyrillic", id: "1", family: longCyr, given: longCyr,
			wantPrefix: "1_" + longCyr[:maxNameBytes] + "_"},
		{name: "300 vietnamese cut on a rune", id: "1", family: longViet, given: "A"},
		{name: "emoji and symbols", id: "1", family: "Smith 😀", given: "€uro ©",
			want: "1_Smith_uro_CEC-opinion.pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &assess.Client{ID: tt.id, FamilyName: tt.family, GivenNames: tt.given}
			got := OpinionFileName(c)
			if tt.want != "" && got != tt.want {
				t.Errorf("OpinionFileName = %q, want %q", got, tt.want)
			}
			if tt.wantPrefix != "" && !strings.HasPrefix(got, tt.wantPrefix) {
				t.Errorf("OpinionFileName = %q, want prefix %q", got, tt.wantPrefix)
			}
			assertSafeOpinionName(t, got)
		})
	}
}

// assertSafeOpinionName checks what every opinion file name must be,
// whatever the client typed: a single valid path element that stays inside
// opinions/ on Linux, macOS and Windows.
func assertSafeOpinionName(t *testing.T, name string) {
	t.Helper()
	if !utf8.ValidString(name) {
		t.Errorf("%q is not valid UTF-8", name)
	}
	if len(name) >= 200 {
		t.Errorf("%q is %d bytes, want < 200", name, len(name))
	}
	if !strings.HasSuffix(name, opinionSuffix) {
		t.Errorf("%q does not end in %q", name, opinionSuffix)
	}
	parts := strings.Split(strings.TrimSuffix(name, opinionSuffix), "_")
	if len(parts) < 3 {
		t.Errorf("%q has fewer than three parts", name)
	}
	for _, p := range parts {
		if p == "" {
			t.Errorf("%q has an empty part", name)
		}
	}
	for _, r := range strings.TrimSuffix(name, ".pdf") {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r) || r == '-' || r == '_') {
			t.Errorf("%q contains %U", name, r)
		}
	}
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "-") {
		t.Errorf("%q starts with %q", name, name[:1])
	}
	if isReservedWindowsName(name) {
		t.Errorf("%q is a reserved Windows name", name)
	}
	dir := filepath.Join("run", "opinions")
	joined := filepath.Join(dir, name)
	if filepath.Dir(joined) != dir || filepath.Base(joined) != name {
		t.Errorf("%q escapes %s: %s", name, dir, joined)
	}
}

// isReservedWindowsName reports whether name, up to its first dot, is a
// device name Windows refuses as a file name in any folder, in any case.
func isReservedWindowsName(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	base = strings.TrimRight(base, " ")
	switch strings.ToUpper(base) {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) < 4 {
		return false
	}
	head := strings.ToUpper(base[:3])
	if head != "COM" && head != "LPT" {
		return false
	}
	switch base[3:] {
	case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
		return true
	}
	return false
}

func TestIsReservedWindowsName(t *testing.T) {
	for _, s := range []string{"CON", "con", "Nul.txt", "COM1", "lpt9.pdf", "AUX.tar.gz", "COM²"} {
		if !isReservedWindowsName(s) {
			t.Errorf("isReservedWindowsName(%q) = false", s)
		}
	}
	for _, s := range []string{"CONX", "COM", "COM10", "CON_A_B_CEC-opinion.pdf", "LPTX"} {
		if isReservedWindowsName(s) {
			t.Errorf("isReservedWindowsName(%q) = true", s)
		}
	}
}

func TestFileNamesUnique(t *testing.T) {
	n := NewFileNames()
	steps := []struct{ in, want string }{
		{"1_A_B_CEC-opinion.pdf", "1_A_B_CEC-opinion.pdf"},
		{"1_A_B_CEC-opinion.pdf", "1_A_B_CEC-opinion-2.pdf"},
		{"1_a_b_cec-OPINION.pdf", "1_a_b_cec-OPINION-3.pdf"},
		{"1_A_B_CEC-opinion-2.pdf", "1_A_B_CEC-opinion-2-2.pdf"},
		{"1_É_B_CEC-opinion.pdf", "1_É_B_CEC-opinion.pdf"},
		{"1_é_b_CEC-opinion.pdf", "1_é_b_CEC-opinion-2.pdf"},
		{"noext", "noext"},
		{"NOEXT", "NOEXT-2"},
	}
	for _, s := range steps {
		if got := n.Unique(s.in); got != s.want {
			t.Errorf("Unique(%q) = %q, want %q", s.in, got, s.want)
		}
	}
}

func TestFileNamesUniqueConcurrent(t *testing.T) {
	n := NewFileNames()
	const workers, each = 8, 50
	var mu sync.Mutex
	seen := make(map[string]bool)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				got := n.Unique(fmt.Sprintf("Client_%d.pdf", i%5))
				mu.Lock()
				if seen[strings.ToLower(got)] {
					t.Errorf("Unique returned %q twice", got)
				}
				seen[strings.ToLower(got)] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != workers*each {
		t.Errorf("got %d distinct names, want %d", len(seen), workers*each)
	}
}

// BenchmarkFileNamesSameName: the opinion names of an inbox where every
// workbook is a copy of one (the same client's name each time). Each name
// costs the same however many came before (ns/op stays flat as b.N grows;
// it grew with b.N when each name tried every suffix from -2).
func BenchmarkFileNamesSameName(b *testing.B) {
	n := NewFileNames()
	for b.Loop() {
		n.Unique("C-1_Bérubé_Élodie_CEC-opinion.pdf")
	}
}
