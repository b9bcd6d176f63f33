package assess_test

import (
	"fmt"

	"github.com/cecbatch/cecbatch/assess"
)

// A client with one year and a half of full-time work in a TEER 1
// occupation and a recent IELTS General Training result.
func Example() {
	c := &assess.Client{
		ID:              "2025-0042",
		Province:        "ON",
		ApplicationDate: assess.MustDate("2025-09-15"),
		Jobs: []assess.Job{{
			Employer: "Maple Software", NOC: "21231", TEER: -1,
			Start: assess.MustDate("2024-01-08"), HoursPerWeek: 40,
			InCanada: true, Type: assess.Employee, Authorization: assess.AuthPGWP,
		}},
		Tests: []assess.Test{{
			Name: "IELTS GT", Date: assess.MustDate("2024-11-02"),
			Scores: [4]assess.Score{{Value: 7.5}, {Value: 7}, {Value: 6.5}, {Value: 7}},
		}},
	}
	a := assess.Current().Assess(c, 0)
	fmt.Println(a.Verdict, a.RequiredCLB, a.LanguageCLB)
	fmt.Printf("%.1f hours, 1,560 met since %s\n", a.QualifyingHours, a.HoursReached)
	fmt.Printf("eligible until %s (%s)\n", a.EligibleUntil, a.LapseCode)
	for _, f := range a.Findings {
		fmt.Println(f.Code, f.Text)
	}
	// Output:
	// eligible 7 8
	// 2640.0 hours, 1,560 met since 2025-01-06
	// eligible until 2026-11-01 (L-VALID)
	// W-HOURS Hours above 30 a week are not counted: 40 h/week at Maple Software from 2024-01-08 credited as 30.
	// L-LEVEL The best valid test is the IELTS General Training test of 2024-11-02, valid until 2026-11-01: listening 7.5 (CLB 8), reading 7 (CLB 9), writing 6.5 (CLB 8), speaking 7 (CLB 9). A test's level is its lowest ability: CLB 8 (listening, writing).
}

func ExampleRuleSet_ReadNOC() {
	rs := assess.Current()
	for _, code := range []string{"21231", "10", "2173", "21999"} {
		r, err := rs.ReadNOC(code)
		fmt.Println(r.Code, r.TEER, r.NOC2016, r.Title, err)
	}
	// Output:
	// 21231 1 false Software engineers and designers <nil>
	// 00010 0 false Legislators <nil>
	// 2173 1 true  <nil>
	// 21999 -1 false  NOC 21999 is not a unit group of NOC 2021 V1.0 (nearest real codes: 21399 Other professional engineers): enter the 5-digit NOC 2021 code
}

func ExampleParseTestKind() {
	for _, name := range []string{"ielts-gt", "CELPIP", "TEF", "IELTS Academic", "IELTS"} {
		k, ok := assess.ParseTestKind(name)
		fmt.Printf("%s: %q ok=%v accepted=%v\n", name, k, ok, k.Accepted())
	}
	// Output:
	// ielts-gt: "IELTS General Training" ok=true accepted=true
	// CELPIP: "CELPIP-General" ok=true accepted=true
	// TEF: "TEF Canada" ok=true accepted=true
	// IELTS Academic: "IELTS Academic" ok=true accepted=false
	// IELTS: "" ok=false accepted=false
}
