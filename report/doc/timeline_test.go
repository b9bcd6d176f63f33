package doc

import "testing"

// textCanvas records where texts are printed; a character is 1.5 mm wide.
type textCanvas struct{ texts []placed }

type placed struct {
	x float64
	s string
}

func (c *textCanvas) Font(bool, float64)                        {}
func (c *textCanvas) Visible(s string) string                   { return s }
func (c *textCanvas) Width(s string) float64                    { return 1.5 * float64(len(s)) }
func (c *textCanvas) Fit(s string, w float64) int               { return min(len(s), int(w/1.5)) }
func (c *textCanvas) Text(x, _ float64, s string, _ RGB)        { c.texts = append(c.texts, placed{x, s}) }
func (c *textCanvas) Rect(_, _, _, _ float64, _ RGB)            {}
func (c *textCanvas) Line(_, _, _, _ float64, _ RGB, _ float64) {}

// TestTimelineTextsInside checks that the year under the axis's last tick
// and a marker at its end are printed inside the chart: the Word draft's
// picture ends at the chart's edge and cut "2027" to "202".
func TestTimelineTextsInside(t *testing.T) {
	tl := &Timeline{From: 0, To: 730, WindowFrom: 0, WindowTo: 730,
		Ticks:   []Tick{{Day: 0, Year: "2025"}, {Day: 365, Year: "2026"}, {Day: 730, Year: "2027"}},
		Markers: []Marker{{Day: 730, Label: "Assessed 2027-01-01"}},
		NoWork:  "no work recorded"}
	const left, width = 20.0, 170.0
	var c textCanvas
	tl.Draw(&c, left, 0, width)
	seen := 0
	for _, p := range c.texts {
		if p.s == "2027" || p.s == "Assessed 2027-01-01" {
			seen++
		}
		if p.x < left || p.x+1.5*float64(len(p.s)) > left+width+1e-9 {
			t.Errorf("%q printed from %.1f to %.1f mm, outside the chart (%.1f to %.1f)", p.s, p.x, p.x+1.5*float64(len(p.s)), left, left+width)
		}
	}
	if seen != 2 {
		t.Errorf("the last year and the marker were printed %d times, want 2: %v", seen, c.texts)
	}
}
