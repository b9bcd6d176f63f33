package doc

// The "case at a glance" is a timeline of the 36-month window: one lane
// per job period coloured by what counted, full-time study, each test's
// validity span, and the dates that decide the file. It is drawn once, by
// Draw, on any Canvas: the PDF draws it with vector strokes and real text,
// the DOCX embeds it as a picture drawn by the same code.

// RGB is a colour.
type RGB struct{ R, G, B uint8 }

// The timeline's colours: what each lane and marker means.
var (
	Counted     = RGB{46, 139, 87}
	Partly      = RGB{230, 159, 0}
	Excluded    = RGB{200, 60, 60}
	OtherWork   = RGB{160, 160, 160}
	Study       = RGB{128, 90, 170}
	TestValid   = RGB{40, 100, 180}
	TestInvalid = RGB{175, 190, 210}
	WindowShade = RGB{232, 240, 250}
	Projected   = RGB{190, 220, 200}
	Navy        = RGB{20, 50, 90}
	Black       = RGB{0, 0, 0}
	DarkGray    = RGB{70, 70, 70}
	MidGray     = RGB{120, 120, 120}
	RuleGray    = RGB{200, 200, 200}
)

// Timeline is the case at a glance. Dates are day numbers (any epoch, the
// same for every field).
type Timeline struct {
	// From and To are the axis's ends: whole months.
	From, To int
	// WindowFrom and WindowTo (exclusive) are the window, shaded.
	WindowFrom, WindowTo int
	// Ticks are the first days of the months on the axis; a January's
	// carries its year, printed under the axis.
	Ticks   []Tick
	Markers []Marker
	// Work are the job periods' lanes; NoWork the text of the one lane
	// shown when there are none. Other are study and tests.
	Work, Other []Lane
	NoWork      string
	Legend      []LegendItem
	// More says how many job periods were left out ("" for none).
	More string
}

// Tick is a month on the axis.
type Tick struct {
	Day  int
	Year string // "" except in January
}

// Marker is a date that decides the file, drawn as a line over the lanes
// with its label above.
type Marker struct {
	Day   int
	Label string
	Color RGB
}

// Lane is one period: its bar from From to To (inclusive), an ongoing
// period's projected continuation to ProjTo (when Projected), and the
// excluded days drawn over it.
type Lane struct {
	Label     string
	From, To  int
	Projected bool
	ProjTo    int
	Color     RGB
	Overlays  [][2]int // inclusive spans
}

// LegendItem is a colour and what it means.
type LegendItem struct {
	Color RGB
	Label string
}

// The timeline's geometry, in millimetres.
const (
	timelineLabelW = 44.0
	timelineLaneH  = 4.6
	timelineBarH   = 3.0
)

func (t *Timeline) lanes() int {
	n := len(t.Work) + len(t.Other)
	if len(t.Work) == 0 {
		n++
	}
	return n
}

// MinHeight is the height, in millimetres, the timeline needs before its
// legend wraps: its heading keeps that much on its page.
func (t *Timeline) MinHeight() float64 {
	return 9 + 4*float64(len(t.Markers)) + float64(t.lanes())*timelineLaneH + 6 + 12
}

// Canvas is what the timeline is drawn on: lengths in millimetres, font
// sizes in points, y growing down, text placed by its baseline.
type Canvas interface {
	Font(bold bool, size float64)
	// Visible is s as it will be printed (a character the font lacks
	// shown as its code).
	Visible(s string) string
	// Width is the printed width of a visible string.
	Width(s string) float64
	// Fit is the byte length of the longest prefix of s no wider than w.
	Fit(s string, w float64) int
	Text(x, y float64, s string, c RGB)
	Rect(x, y, w, h float64, c RGB)
	Line(x1, y1, x2, y2 float64, c RGB, width float64)
}

// Draw draws the timeline in the column from left, width wide, starting at
// top, and returns where it ends.
func (t *Timeline) Draw(c Canvas, left, top, width float64) (bottom float64) {
	start, end := t.From, t.To
	if start >= end {
		end = start + 1
	}
	x0 := left + timelineLabelW
	x1 := left + width
	xOf := func(d int) float64 {
		d = min(max(d, start), end)
		return x0 + (x1-x0)*float64(d-start)/float64(end-start)
	}

	// Marker labels, one per row so that none overlaps another.
	c.Font(false, 7)
	my := top + 2.5
	for _, m := range t.Markers {
		x := xOf(m.Day)
		w := c.Width(c.Visible(m.Label))
		lx := min(x-w/2, x1-w)
		lx = max(lx, x0)
		c.Text(lx, my, m.Label, m.Color)
		my += 4
	}
	chartTop := my - 1.5
	chartBottom := chartTop + float64(t.lanes())*timelineLaneH + 1
	axisY := chartBottom + 1

	// The window, shaded.
	c.Rect(xOf(t.WindowFrom), chartTop, xOf(t.WindowTo)-xOf(t.WindowFrom), chartBottom-chartTop, WindowShade)

	// Month and year ticks along the axis.
	c.Line(x0, axisY, x1, axisY, MidGray, 0.2)
	c.Font(false, 6.5)
	for _, tk := range t.Ticks {
		x := xOf(tk.Day)
		if tk.Year != "" {
			c.Line(x, chartTop, x, axisY+1.5, RuleGray, 0.15)
			// Centred under its tick, but inside the chart, as the
			// markers are: the DOCX's picture ends at the chart's edge.
			c.Text(min(x-c.Width(tk.Year)/2, x1-c.Width(tk.Year)), axisY+4.2, tk.Year, DarkGray)
		} else {
			c.Line(x, axisY, x, axisY+0.8, MidGray, 0.15)
		}
	}

	// Lanes.
	y := chartTop + 0.8
	drawLane := func(l Lane) {
		c.Font(false, 7)
		label := c.Visible(l.Label)
		if c.Width(label) > timelineLabelW-2 {
			label = label[:c.Fit(label, timelineLabelW-2-c.Width("…"))] + "…"
		}
		c.Text(left, y+timelineBarH-0.5, label, Black)
		if l.To >= start && l.From <= end {
			bx := xOf(l.From)
			bw := max(xOf(l.To+1)-bx, 0.4)
			c.Rect(bx, y, bw, timelineBarH, l.Color)
			for _, e := range l.Overlays {
				ex := xOf(e[0])
				ew := max(xOf(e[1]+1)-ex, 0.4)
				c.Rect(ex, y+timelineBarH*0.55, ew, timelineBarH*0.45, Excluded)
			}
		}
		if l.Projected && l.ProjTo > l.To {
			px := xOf(l.To + 1)
			if pw := xOf(l.ProjTo) - px; pw > 0 {
				c.Rect(px, y+timelineBarH*0.25, pw, timelineBarH*0.5, Projected)
			}
		}
		y += timelineLaneH
	}
	for _, l := range t.Work {
		drawLane(l)
	}
	if len(t.Work) == 0 {
		c.Font(false, 7)
		c.Text(left, y+timelineBarH-0.5, t.NoWork, MidGray)
		y += timelineLaneH
	}
	for _, l := range t.Other {
		drawLane(l)
	}

	// Marker lines over the lanes.
	for _, m := range t.Markers {
		x := xOf(m.Day)
		c.Line(x, chartTop-1.2, x, chartBottom, m.Color, 0.35)
	}

	// Legend.
	ly := axisY + 8
	c.Font(false, 7)
	lx := left
	for _, it := range t.Legend {
		if lx+5+c.Width(it.Label) > x1 {
			lx = left
			ly += 4
		}
		c.Rect(lx, ly-2.3, 4, 2.6, it.Color)
		c.Text(lx+5, ly, it.Label, Black)
		lx += 5 + c.Width(it.Label) + 4
	}
	bottom = ly + 2
	if t.More != "" {
		c.Text(left, bottom+2.5, t.More, MidGray)
		bottom += 4
	}
	return bottom + 1
}
