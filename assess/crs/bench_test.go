package crs

import "github.com/cecbatch/cecbatch/assess"
import "testing"

// BenchmarkCRS estimates a typical client: two job periods, an English and
// a French test, a spouse, two blank inputs (a range and what to ask first).
func BenchmarkCRS(b *testing.B) {
	ee, rs, c := Builtin(), assess.Current(), benchCRSClient()
	b.ReportAllocs()
	for b.Loop() {
		if x := ee.Assess(rs, c, c.ApplicationDate); x.Min == x.Max {
			b.Fatal("no range")
		}
	}
}

// BenchmarkCRSAllBlank is the worst case: every CRS input blank.
func BenchmarkCRSAllBlank(b *testing.B) {
	ee, rs := Builtin(), assess.Current()
	c := eeClient("2026-06-01", "", []assess.Job{eeJob("21231", "2019-02-01", "", 40)},
		[]assess.Test{celpip("2025-09-01", 9, 8, 9, 8), tcf("2025-11-01", 6, 7, 6, 5)}, func(p *assess.CRSProfile) {
			*p = assess.CRSProfile{Columns: true}
		})
	b.ReportAllocs()
	for b.Loop() {
		if x := ee.Assess(rs, c, c.ApplicationDate); x.NarrowFirst == nil {
			b.Fatal("nothing to ask")
		}
	}
}

// BenchmarkAssessWithCRS is what the run does for each client: the CEC
// assessment, then the Express Entry estimate for the same day.
func BenchmarkAssessWithCRS(b *testing.B) {
	ee, rs, c := Builtin(), assess.Current(), benchCRSClient()
	b.ReportAllocs()
	for b.Loop() {
		a := rs.Assess(c, c.ApplicationDate)
		if x := ee.Assess(rs, c, a.AssessedOn); x == nil || a == nil {
			b.Fatal("no estimate")
		}
	}
}

// benchCRSClient is a typical client of the estimate: two jobs, English
// and French tests, an accompanying spouse with a test, two blank inputs.
func benchCRSClient() *assess.Client {
	return eeClient("2026-06-01", "1992-03-14", []assess.Job{
		eeJob("21231", "2019-02-01", "2022-08-31", 40),
		eeJob("31301", "2022-09-05", "", 37.5),
	}, []assess.Test{celpip("2025-09-01", 9, 8, 9, 8), tcf("2025-11-01", 6, 7, 6, 5)}, func(p *assess.CRSProfile) {
		p.Education, p.ECA, p.CanadianEducation = assess.EducationMasters, assess.ECAYes, assess.EducationTwoYear
		p.SpouseAccompanying, p.SpouseEducation, p.SpouseECA = assess.Yes, assess.EducationThreeYear, assess.ECANo
		p.ForeignWorkYears, p.SpouseCanadianWorkYears = assess.Years{}, assess.Years{}
		p.SpouseTests = []assess.Test{celpip("2025-10-01", 7, 7, 6, 7)}
	})
}
