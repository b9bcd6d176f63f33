package report

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/cecbatch/cecbatch/assess"
)

// The "case at a glance" is a timeline on the first page: the window, one
// lane per job period coloured by what counted, full-time study, each
// test's validity span, and the dates that decide the file (the day the
// required hours were reached, the date assessed, eligible from or the
// latest safe submission date). It is drawn
// with fpdf's vector primitives so that it stays sharp and its labels stay
// real text.

var (
	colCounted  = rgb{46, 139, 87}
	colPartly   = rgb{230, 159, 0}
	colExcluded = rgb{200, 60, 60}
	colOther    = rgb{160, 160, 160}
	colStudy    = rgb{128, 90, 170}
	colTestOK   = rgb{40, 100, 180}
	colTestBad  = rgb{175, 190, 210}
	colWindow   = rgb{232, 240, 250}
	colMarker   = navy
)

// timelineMaxJobs bounds the job lanes drawn; the work table lists them all.
const timelineMaxJobs = 10

type lane struct {
	label    string
	from, to assess.Date // inclusive
	projTo   assess.Date // projected continuation of an ongoing period, or zero
	color    rgb
	overlay  []assess.Exclusion
}

type marker struct {
	at    assess.Date
	label string
	color rgb
}

func (d *opinionDoc) lanes() (work, other []lane, more int) {
	a, c := d.a, d.c
	// With more periods than lanes, those that reach into the window
	// come first: they are what the verdict rests on.
	order := make([]int, 0, len(c.Jobs))
	for pass := range 2 {
		for i, j := range c.Jobs {
			end := j.End
			if end.IsZero() {
				end = a.AssessedOn
			}
			if inWindow := end >= a.WindowStart; inWindow == (pass == 0) {
				order = append(order, i)
			}
		}
	}
	if len(order) > timelineMaxJobs {
		more = len(order) - timelineMaxJobs
		order = order[:timelineMaxJobs]
		slices.Sort(order)
	}
	for _, i := range order {
		j := c.Jobs[i]
		var res assess.JobResult
		if i < len(a.Jobs) {
			res = a.Jobs[i]
		}
		col := colOther
		switch res.Status {
		case assess.JobCounted:
			col = colCounted
		case assess.JobPartly:
			col = colPartly
		case assess.JobExcluded:
			col = colExcluded
		}
		l := lane{label: j.Employer, from: j.Start, to: j.End, color: col, overlay: res.Exclusions}
		if j.End.IsZero() {
			l.to = a.AssessedOn.AddDays(-1)
			l.projTo = a.EligibleFrom
		}
		if l.from.IsZero() {
			continue
		}
		work = append(work, l)
	}
	for _, s := range c.Studies {
		if !s.FullTime || s.Start.IsZero() {
			continue
		}
		to := s.End
		if to.IsZero() {
			to = a.AssessedOn.AddDays(-1)
		}
		label := "Full-time study: " + s.Institution
		if s.Credential != "" {
			label += " (" + s.Credential + ")"
		}
		other = append(other, lane{label: label, from: s.Start, to: to, color: colStudy})
	}
	for i, t := range c.Tests {
		if t.Date.IsZero() {
			continue
		}
		var res assess.TestResult
		if i < len(a.Tests) {
			res = a.Tests[i]
		}
		name := string(t.Kind)
		if name == "" {
			name = t.Name
		}
		label := name
		col := colTestBad
		if res.Accepted && res.Level > 0 {
			label += " (" + levelScale(res.Kind) + " " + strconv.Itoa(res.Level) + ")"
		}
		if res.Valid {
			col = colTestOK
		}
		until := res.ValidUntil
		if until.IsZero() {
			until = t.Date.AddYears(d.rs.TestValidityYears).AddDays(-1)
		}
		other = append(other, lane{label: label, from: t.Date, to: until, color: col})
	}
	return work, other, more
}

func (d *opinionDoc) markers() []marker {
	a := d.a
	m := []marker{{a.WindowStart, "Window opens " + a.WindowStart.String(), midGray}}
	if !a.HoursReached.IsZero() {
		m = append(m, marker{a.HoursReached, wholeHours(d.rs.RequiredHours) + " h held since " + a.HoursReached.String(), colCounted})
	}
	m = append(m, marker{a.AssessedOn, "Assessed " + a.AssessedOn.String(), colMarker})
	switch {
	case a.Verdict == assess.Eligible && !a.EligibleUntil.IsZero():
		m = append(m, marker{a.EligibleUntil, "Latest safe submission " + a.EligibleUntil.String(), colExcluded})
	case !a.EligibleFrom.IsZero() && a.EligibleFrom != a.AssessedOn:
		m = append(m, marker{a.EligibleFrom, "Eligible from " + a.EligibleFrom.String(), colCounted})
	}
	return m
}

func (d *opinionDoc) glance(p *pager) {
	a := d.a
	work, other, more := d.lanes()
	marks := d.markers()

	start := a.WindowStart
	end := a.AssessedOn
	for _, m := range marks {
		end = max(end, m.at)
	}
	// Whole months on both sides, and at least the window.
	start = firstOfMonth(start)
	end = firstOfMonth(end).AddMonths(1)
	if start >= end {
		end = start.AddMonths(1)
	}

	const (
		labelW = 44.0
		laneH  = 4.6
		barH   = 3.0
	)
	x0 := p.left + labelW
	x1 := p.right
	xOf := func(t assess.Date) float64 {
		t = min(max(t, start), end)
		return x0 + (x1-x0)*float64(t-start)/float64(end-start)
	}
	nLanes := len(work) + len(other)
	if len(work) == 0 {
		nLanes++
	}
	h := 9 + 4*float64(len(marks)) + float64(nLanes)*laneH + 6 + 12
	p.heading("The case at a glance", h)
	top := p.y

	// Marker labels, one per row so that none overlaps another.
	p.setFont(false, 7)
	my := top + 2.5
	for _, m := range marks {
		x := xOf(m.at)
		w := p.width(p.visible(m.label))
		lx := min(x-w/2, x1-w)
		lx = max(lx, x0)
		p.color(m.color)
		p.text(lx, my, m.label)
		my += 4
	}
	chartTop := my - 1.5
	chartBottom := chartTop + float64(nLanes)*laneH + 1
	axisY := chartBottom + 1

	// The window, shaded.
	p.rect(xOf(a.WindowStart), chartTop, xOf(a.AssessedOn)-xOf(a.WindowStart), chartBottom-chartTop, colWindow, "F")

	// Month and year ticks along the axis.
	p.line(x0, axisY, x1, axisY, midGray, 0.2)
	p.setFont(false, 6.5)
	p.color(darkGray)
	for t := start; t <= end; t = t.AddMonths(1) {
		_, mo, _ := t.YMD()
		x := xOf(t)
		if mo == 1 {
			p.line(x, chartTop, x, axisY+1.5, rgb{200, 200, 200}, 0.15)
			y, _, _ := t.YMD()
			ys := strconv.Itoa(y)
			p.text(x-p.width(ys)/2, axisY+4.2, ys)
		} else {
			p.line(x, axisY, x, axisY+0.8, midGray, 0.15)
		}
	}
	// Lanes.
	y := chartTop + 0.8
	drawLane := func(l lane) {
		p.setFont(false, 7)
		p.color(black)
		label := p.visible(l.label)
		if p.width(label) > labelW-2 {
			label = label[:p.fit(label, labelW-2-p.width("…"))] + "…"
		}
		p.text(p.left, y+barH-0.5, label)
		if l.to >= start && l.from <= end {
			bx := xOf(l.from)
			bw := max(xOf(l.to.AddDays(1))-bx, 0.4)
			p.rect(bx, y, bw, barH, l.color, "F")
			for _, e := range l.overlay {
				ex := xOf(e.From)
				ew := max(xOf(e.To.AddDays(1))-ex, 0.4)
				p.rect(ex, y+barH*0.55, ew, barH*0.45, colExcluded, "F")
			}
		}
		if !l.projTo.IsZero() && l.projTo > l.to {
			px := xOf(l.to.AddDays(1))
			pw := xOf(l.projTo) - px
			if pw > 0 {
				p.rect(px, y+barH*0.25, pw, barH*0.5, rgb{190, 220, 200}, "F")
			}
		}
		y += laneH
	}
	for _, l := range work {
		drawLane(l)
	}
	if len(work) == 0 {
		p.setFont(false, 7)
		p.color(midGray)
		p.text(p.left, y+barH-0.5, "No job periods entered")
		y += laneH
	}
	for _, l := range other {
		drawLane(l)
	}

	// Marker lines over the lanes.
	for _, m := range marks {
		x := xOf(m.at)
		p.line(x, chartTop-1.2, x, chartBottom, m.color, 0.35)
	}

	// Legend.
	ly := axisY + 8
	p.setFont(false, 7)
	lx := p.left
	item := func(c rgb, s string) {
		if lx+5+p.width(s) > x1 {
			lx = p.left
			ly += 4
		}
		p.rect(lx, ly-2.3, 4, 2.6, c, "F")
		p.color(black)
		p.text(lx+5, ly, s)
		lx += 5 + p.width(s) + 4
	}
	present := map[rgb]bool{}
	for _, l := range append(work, other...) {
		present[l.color] = true
	}
	item(colWindow, fmt.Sprintf("%d-month window", 12*d.rs.WindowYears))
	item(colCounted, "counted")
	item(colPartly, "partly excluded")
	item(colExcluded, "excluded / excluded days")
	for _, it := range []struct {
		c     rgb
		label string
	}{
		{colOther, "outside the window, unreadable, or leave"},
		{colStudy, "full-time study"},
		{colTestOK, "test valid on the date assessed"},
		{colTestBad, "test not valid or not accepted"},
	} {
		if present[it.c] {
			item(it.c, it.label)
		}
	}
	p.y = ly + 2
	if more > 0 {
		p.color(midGray)
		p.text(p.left, p.y+2.5, fmt.Sprintf("%d more job periods are listed in the work table.", more))
		p.y += 4
	}
	p.color(black)
	p.y += 1
}

func firstOfMonth(t assess.Date) assess.Date {
	_, _, day := t.YMD()
	return t.AddDays(1 - day)
}
