package assess

import "testing"

// typicalClient has three job periods (one ongoing, one concurrent, one
// excluded in part by study) and two tests, as an intake row usually does.
func typicalClient() *Client {
	return newClient("2025-09-15", []Job{
		job("Maple Software", "21231", "2022-02-01", "2023-08-31", 37.5),
		job("Northwind Logistics", "13100", "2023-09-05", "", 40),
		job("Corner Café", "62200", "2023-01-01", "2024-03-31", 12, func(j *Job) { j.Authorization = AuthUnknown }),
	}, []Test{
		ielts("2023-04-10", 7.5, 7, 6.5, 7),
		{Name: "CELPIP-G", Date: day("2024-10-02"), Scores: [4]Score{{Value: 9}, {Value: 8}, {Value: 9}, {Value: 8}}},
	}, study("2022-09-01", "2022-12-20", true))
}

func BenchmarkAssess(b *testing.B) {
	rs := Current()
	c := typicalClient()
	b.ReportAllocs()
	for b.Loop() {
		a := rs.Assess(c, 0)
		if a.EligibleFrom == 0 {
			b.Fatal("no projection")
		}
	}
}

// TestConcurrentAssess shares one RuleSet between goroutines, as batch's
// workers do; under -race it checks the engine keeps no shared state.
func TestConcurrentAssess(t *testing.T) {
	rs := Current()
	want := render(rs.Assess(typicalClient(), 0))
	errs := make(chan string, 8)
	for range 8 {
		go func() {
			for range 50 {
				if got := render(rs.Assess(typicalClient(), 0)); got != want {
					errs <- got
					return
				}
			}
			errs <- ""
		}()
	}
	for range 8 {
		if got := <-errs; got != "" {
			t.Fatalf("a concurrent assessment differs:\n%s", got)
		}
	}
}
