package assess

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// This file holds the occupations the rules know: the 516 unit groups of
// NOC 2021 V1.0 with their titles, and Statistics Canada's concordance from
// NOC 2016 V1.3, both shipped inside the binary (nocdata/). A code is read
// against them, never from its digits alone: 21999 has the shape of a TEER 1
// code and is no occupation at all.

//go:embed nocdata/noc2021.csv nocdata/noc2016-2021.csv
var nocFiles embed.FS

// NOCUnit is one unit group of NOC 2021.
type NOCUnit struct {
	Code  string // five characters, leading zeros kept ("00010")
	TEER  int
	Title string // the official English class title
}

// NOCTable is NOC 2021 V1.0 and the NOC 2016 V1.3 → 2021 concordance.
// It is read-only once built, and shared by every rule set.
type NOCTable struct {
	// Version names the classification ("NOC 2021 V1.0").
	Version string
	units   map[string]NOCUnit
	codes   []string            // the NOC 2021 codes, sorted
	links   map[string][]string // NOC 2016 code → linked NOC 2021 codes, sorted
	codes16 []string            // the NOC 2016 codes, sorted
}

// NOCCodes returns the NOC table shipped with cecbatch.
func NOCCodes() *NOCTable { return nocTable() }

var nocTable = sync.OnceValue(func() *NOCTable {
	t, err := parseNOC()
	if err != nil {
		panic("assess: the embedded NOC data is damaged: " + err.Error())
	}
	return t
})

func parseNOC() (*NOCTable, error) {
	read := func(name string, header string) ([][]string, error) {
		b, err := nocFiles.ReadFile("nocdata/" + name)
		if err != nil {
			return nil, err
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(rows) == 0 || strings.Join(rows[0], ",") != header {
			return nil, fmt.Errorf("%s: header is not %q", name, header)
		}
		return rows[1:], nil
	}
	t := &NOCTable{Version: "NOC 2021 V1.0", units: map[string]NOCUnit{}, links: map[string][]string{}}
	units, err := read("noc2021.csv", "code,teer,title")
	if err != nil {
		return nil, err
	}
	for _, r := range units {
		teer, err := strconv.Atoi(r[1])
		if err != nil || len(r[0]) != 5 || int(r[0][1]-'0') != teer {
			return nil, fmt.Errorf("noc2021.csv: bad row %q", r)
		}
		t.units[r[0]] = NOCUnit{Code: r[0], TEER: teer, Title: r[2]}
		t.codes = append(t.codes, r[0])
	}
	links, err := read("noc2016-2021.csv", "noc2016,noc2021")
	if err != nil {
		return nil, err
	}
	for _, r := range links {
		if len(r[0]) != 4 || t.units[r[1]].Code == "" {
			return nil, fmt.Errorf("noc2016-2021.csv: bad row %q", r)
		}
		if _, ok := t.links[r[0]]; !ok {
			t.codes16 = append(t.codes16, r[0])
		}
		t.links[r[0]] = append(t.links[r[0]], r[1])
	}
	slices.Sort(t.codes)
	slices.Sort(t.codes16)
	for _, l := range t.links {
		slices.Sort(l)
	}
	return t, nil
}

// Unit returns the NOC 2021 unit group of a 5-character code.
func (t *NOCTable) Unit(code string) (NOCUnit, bool) {
	u, ok := t.units[code]
	return u, ok
}

// Title is the title of a NOC 2021 code, "" when it is not one.
func (t *NOCTable) Title(code string) string { return t.units[code].Title }

// Linked lists the NOC 2021 unit groups the concordance links a NOC 2016
// code to; nil when the code is not a NOC 2016 unit group.
func (t *NOCTable) Linked(code2016 string) []NOCUnit {
	var out []NOCUnit
	for _, c := range t.links[code2016] {
		out = append(out, t.units[c])
	}
	return out
}

// Len is the number of NOC 2021 unit groups and of NOC 2016 codes linked.
func (t *NOCTable) Len() (units, codes2016, links int) {
	for _, l := range t.links {
		links += len(l)
	}
	return len(t.codes), len(t.codes16), links
}

// Nearest lists the real codes nearest to one that is not: those one digit
// away first, then those with the same first three digits; at most max.
func (t *NOCTable) Nearest(code string, max int) []string {
	pool := t.codes
	if len(code) == 4 {
		pool = t.codes16
	}
	var one, prefix []string
	for _, c := range pool {
		if len(c) != len(code) || c == code {
			continue
		}
		diff := 0
		for i := range c {
			if c[i] != code[i] {
				diff++
			}
		}
		switch {
		case diff == 1:
			one = append(one, c)
		case c[:3] == code[:3]:
			prefix = append(prefix, c)
		}
	}
	out := append(one, prefix...)
	if len(out) > max {
		out = out[:max]
	}
	return out
}

// NOCReading is a NOC code as the rules read it.
type NOCReading struct {
	// Code is the code with the leading zeros Excel drops put back
	// ("10" → "00010", "111" → "0111").
	Code string
	// TEER is the TEER read (for a NOC 2016 code, the highest TEER of its
	// threshold group among the linked codes).
	TEER int
	// NOC2016 is set for a 4-digit NOC 2016 code read through the concordance.
	NOC2016 bool
	// Title is the NOC 2021 title; "" for a NOC 2016 code.
	Title string
	// Linked are the NOC 2021 unit groups a NOC 2016 code is linked to.
	Linked []NOCUnit
}

// ReadNOC reads an occupation code as written on the intake sheet.
//
//   - A 5-digit code must be a unit group of NOC 2021 V1.0; its second digit
//     is its TEER (00xxx: senior managers, TEER 0).
//   - A 1- or 2-digit code is a NOC 2021 code whose leading zeros Excel
//     dropped ("10" is 00010), and must exist as such.
//   - A 4-digit code is NOC 2016 (a 3-digit one lost its leading zero:
//     "111" is 0111), read through Statistics Canada's concordance (W-NOC2016):
//     when every NOC 2021 code it is linked to lies in one threshold group
//     (TEER 0/1, 2/3 or 4/5) it is read as that group; when they span
//     groups it is a data error naming the candidates.
//
// The error, when not nil, is a sentence a paralegal can act on, with the
// nearest real codes for a code that does not exist.
func (rs *RuleSet) ReadNOC(code string) (NOCReading, error) {
	t := rs.NOC
	c := strings.TrimSpace(code)
	if c == "" {
		return NOCReading{TEER: -1}, textErr(msg("the NOC code is blank"))
	}
	for i := 0; i < len(c); i++ {
		if c[i] < '0' || c[i] > '9' {
			return NOCReading{TEER: -1}, textErr(msg("NOC code %q is not a number: enter the 5-digit NOC 2021 code", code))
		}
	}
	r := NOCReading{Code: nocCanonical(c), TEER: -1}
	switch len(r.Code) {
	case 5:
		u, ok := t.units[r.Code]
		if !ok {
			return r, textErr(msg("NOC %s is not a unit group of %s%s: enter the 5-digit NOC 2021 code", r.Code, t.versionText(), rs.suggestNOC(r.Code)))
		}
		r.TEER, r.Title = u.TEER, u.Title
		return r, nil
	case 4:
		r.NOC2016 = true
		linked := t.Linked(r.Code)
		if len(linked) == 0 {
			return r, textErr(msg("NOC 2016 code %s is not a NOC 2016 unit group%s: enter the 5-digit NOC 2021 code", r.Code, rs.suggestNOC(r.Code)))
		}
		r.Linked = linked
		group := rs.teerGroup(linked[0].TEER)
		for _, u := range linked {
			if rs.teerGroup(u.TEER) != group {
				r.TEER = -1
				return r, textErr(msg("NOC 2016 code %s is linked by Statistics Canada's concordance to NOC 2021 codes in different TEER groups (%s): enter the NOC 2021 code of the job", r.Code, unitList(linked, true)))
			}
			r.TEER = max(r.TEER, u.TEER)
		}
		return r, nil
	}
	return NOCReading{TEER: -1}, textErr(msg("NOC code %q has %d digits: enter the 5-digit NOC 2021 code", code, len(c)))
}

// versionText names the classification in a sentence.
func (t *NOCTable) versionText() Text {
	if t.Version == "NOC 2021 V1.0" {
		return msg("NOC 2021 V1.0")
	}
	return Plain(t.Version)
}

// teerGroup is the threshold group of a TEER: 0 for the CLB 7 group, 1 for
// the CLB 5 group, 2 for the TEERs that do not count.
func (rs *RuleSet) teerGroup(teer int) int {
	switch {
	case teer <= rs.HighSkillMaxTEER:
		return 0
	case teer <= rs.MaxTEER:
		return 1
	}
	return 2
}

// teerGroupName is "TEER 0/1", "TEER 2/3" or "TEER 4/5".
func (rs *RuleSet) teerGroupName(teer int) Text {
	switch rs.teerGroup(teer) {
	case 0:
		return msg("TEER 0/%d", rs.HighSkillMaxTEER)
	case 1:
		return msg("TEER %d/%d", rs.HighSkillMaxTEER+1, rs.MaxTEER)
	}
	return msg("TEER %d/5", rs.MaxTEER+1)
}

// suggestNOC is ": the nearest real codes are 21230 (…), …" or, when none
// is near, a pointer to the classification.
func (rs *RuleSet) suggestNOC(code string) Text {
	near := rs.NOC.Nearest(code, 5)
	if len(near) == 0 {
		return msg(" (no real code is within one digit of it; look the occupation up in NOC 2021)")
	}
	if len(code) == 4 {
		return msg(" (nearest NOC 2016 codes: %s)", strings.Join(near, ", "))
	}
	units := make([]NOCUnit, len(near))
	for i, c := range near {
		units[i] = rs.NOC.units[c]
	}
	return msg(" (nearest real codes: %s)", unitList(units, false))
}

// unitList is "21211 Data scientists (TEER 1), 21231 …". The titles are
// NOC 2021's English ones, which a document in another language leaves
// out (nocdata holds no other).
func unitList(units []NOCUnit, withTEER bool) Text {
	parts := make([]Text, len(units))
	for i, u := range units {
		parts[i] = Concat(Plain(u.Code), EnglishOnly(" "+u.Title))
		if withTEER {
			parts[i] = msg("%s, TEER %d", parts[i], u.TEER)
		}
	}
	return Join("; ", parts...)
}

// nocCanonical returns the code with the leading zeros Excel dropped put
// back ("10" → "00010", "111" → "0111"), for the opinion's text.
func nocCanonical(code string) string {
	c := strings.TrimSpace(code)
	switch len(c) {
	case 1, 2:
		return strings.Repeat("0", 5-len(c)) + c
	case 3:
		return "0" + c
	}
	return c
}

// teerAgrees reports whether a TEER column value agrees with the code: the
// code's TEER, or for a NOC 2016 code (read as a threshold group) a TEER of
// that group.
func (rs *RuleSet) teerAgrees(column int, r NOCReading) bool {
	if !r.NOC2016 {
		return column == r.TEER
	}
	return rs.teerGroup(column) == rs.teerGroup(r.TEER)
}
