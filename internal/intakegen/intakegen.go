// Package intakegen writes generated intake workbooks: realistic clients
// in the format paralegals fill in, for the whole-run benchmark
// (cmd/cecbatch-bench) and the workbook reader's benchmarks. It is test
// tooling, not part of cecbatch.
package intakegen

import (
	"fmt"
	"math/rand/v2"

	"github.com/xuri/excelize/v2"
)

var (
	families = []string{"Tremblay", "Bérubé", "Nguyễn", "Żółć", "Ødegård", "Smith", "García", "Ivanova", "Papadopoulos", "O'Brien", "Singh", "Okafor", "Иванов", "Παπαδόπουλος"}
	givens   = []string{"Élodie", "Thị Minh", "Łukasz", "Jean-François", "Aisha", "Mohammed", "Chen", "Olga", "Dimitris", "Siobhán", "Priya", "Chinedu", "Анна", "Ελένη"}
	nocs     = []string{"21231", "21232", "13110", "62020", "72410", "33102", "00012", "41200", "64100", "2173"}
	emps     = []string{"Maple Software Inc.", "Les Services Bérubé", "Northern Logistics Ltd.", "City Hospital", "Café Ørsted", "Prairie Farms Co-op"}
	provs    = []string{"ON", "BC", "AB", "Québec", "MB", "NS", "SK"}
)

// WriteWorkbook writes an intake workbook of count clients, numbered from
// first (Client IDs F000001 on), at path: one to three jobs and one or two
// language tests each, names in several scripts, drawn from rng; the rows
// are written by excelize's stream writer, as inline strings.
func WriteWorkbook(path string, rng *rand.Rand, first, count int) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Clients")
	f.NewSheet("Employment")
	f.NewSheet("Language Tests")
	streams := map[string]*excelize.StreamWriter{}
	rowNo := map[string]int{}
	for _, sheet := range []string{"Clients", "Employment", "Language Tests"} {
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			return err
		}
		streams[sheet] = sw
	}
	add := func(sheet string, values ...any) error {
		rowNo[sheet]++
		cell, _ := excelize.CoordinatesToCellName(1, rowNo[sheet])
		return streams[sheet].SetRow(cell, values)
	}
	for _, header := range [][]any{
		{"Clients", "Client ID", "Family Name", "Given Names", "Date of Birth", "Intended Province", "In Canada", "Status", "Admissibility Concern", "Notes"},
		{"Employment", "Client ID", "Employer", "Job Title", "NOC", "Start Date", "End Date", "Hours Per Week", "Employment Type", "Work Authorization"},
		{"Language Tests", "Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking"},
	} {
		if err := add(header[0].(string), header[1:]...); err != nil {
			return err
		}
	}
	day := func(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }
	for i := first; i < first+count; i++ {
		id := fmt.Sprintf("F%06d", i+1)
		concern := "no"
		if rng.IntN(20) == 0 {
			concern = "prior refusal in 2019"
		}
		if err := add("Clients", id, families[rng.IntN(len(families))], givens[rng.IntN(len(givens))],
			day(1975+rng.IntN(25), 1+rng.IntN(12), 1+rng.IntN(28)), provs[rng.IntN(len(provs))], "yes", "worker", concern,
			"Referred by the firm's website; prefers email."); err != nil {
			return err
		}
		for j := 0; j < 1+rng.IntN(3); j++ {
			start := day(2019+rng.IntN(5), 1+rng.IntN(12), 1+rng.IntN(28))
			end := ""
			if rng.IntN(3) == 0 {
				end = day(2024+rng.IntN(2), 1+rng.IntN(5), 1+rng.IntN(28))
			}
			auth := []string{"open work permit", "PGWP", "employer-specific work permit", ""}[rng.IntN(4)]
			if err := add("Employment", id, emps[rng.IntN(len(emps))], "Analyst", nocs[rng.IntN(len(nocs))], start, end,
				[]float64{20, 30, 37.5, 40, 45}[rng.IntN(5)], "employee", auth); err != nil {
				return err
			}
		}
		for j := 0; j < 1+rng.IntN(2); j++ {
			score := 5 + rng.IntN(6)
			if err := add("Language Tests", id, "CELPIP-General", day(2023+rng.IntN(2), 1+rng.IntN(12), 1+rng.IntN(28)),
				score, score, max(4, score-1), score); err != nil {
				return err
			}
		}
	}
	for _, sw := range streams {
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.SaveAs(path)
}
