package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

var (
	families = []string{"Tremblay", "Bérubé", "Nguyễn", "Żółć", "Ødegård", "Smith", "García", "Ivanova", "Papadopoulos", "O'Brien", "Singh", "Okafor", "Иванов", "Παπαδόπουλος"}
	givens   = []string{"Élodie", "Thị Minh", "Łukasz", "Jean-François", "Aisha", "Mohammed", "Chen", "Olga", "Dimitris", "Siobhán", "Priya", "Chinedu", "Анна", "Ελένη"}
	nocs     = []string{"21231", "21232", "13110", "62020", "72410", "33102", "00012", "41200", "64100", "2173"}
	emps     = []string{"Maple Software Inc.", "Les Services Bérubé", "Northern Logistics Ltd.", "City Hospital", "Café Ørsted", "Prairie Farms Co-op"}
	provs    = []string{"ON", "BC", "AB", "Québec", "MB", "NS", "SK"}
)

// generate writes an inbox of n clients in workbooks of perFile clients.
func generate(inbox string, n, perFile int) error {
	if matches, _ := filepath.Glob(filepath.Join(inbox, "*.xlsx")); len(matches) > 0 {
		return nil // kept from an earlier run with -keep
	}
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(uint64(n), 87))
	for file, first := 0, 0; first < n; file, first = file+1, first+perFile {
		count := min(perFile, n-first)
		if err := writeWorkbook(filepath.Join(inbox, fmt.Sprintf("intake-week-%03d.xlsx", file+1)), rng, first, count); err != nil {
			return err
		}
	}
	return nil
}

func writeWorkbook(path string, rng *rand.Rand, first, count int) error {
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
	if err := add("Clients", "Client ID", "Family Name", "Given Names", "Date of Birth", "Intended Province", "In Canada", "Status", "Admissibility Concern", "Notes"); err != nil {
		return err
	}
	add("Employment", "Client ID", "Employer", "Job Title", "NOC", "Start Date", "End Date", "Hours Per Week", "Employment Type", "Work Authorization")
	add("Language Tests", "Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking")
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
