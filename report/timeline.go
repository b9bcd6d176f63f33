package report

import (
	"slices"
	"strconv"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/report/doc"
)

// The "case at a glance" is a timeline on the first page: the window, one
// lane per job period coloured by what counted, full-time study, each
// test's validity span, and the dates that decide the file (the day the
// required hours were reached, the date assessed, eligible from or the
// latest safe submission date). This file gathers what it shows; report/doc
// draws it, as vectors in the PDF and as a picture in the DOCX.

// timelineMaxJobs bounds the job lanes drawn; the work table lists them all.
const timelineMaxJobs = 10

func (d *opinionDoc) lanes() (work, other []doc.Lane, more int) {
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
		col := doc.OtherWork
		switch res.Status {
		case assess.JobCounted:
			col = doc.Counted
		case assess.JobPartly:
			col = doc.Partly
		case assess.JobExcluded:
			col = doc.Excluded
		}
		if j.Start.IsZero() {
			continue
		}
		l := doc.Lane{Label: j.Employer, From: int(j.Start), To: int(j.End), Color: col}
		for _, e := range res.Exclusions {
			l.Overlays = append(l.Overlays, [2]int{int(e.From), int(e.To)})
		}
		if j.End.IsZero() {
			l.To = int(a.AssessedOn.AddDays(-1))
			l.Projected, l.ProjTo = !a.EligibleFrom.IsZero(), int(a.EligibleFrom)
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
		label := d.t("Full-time study: %s", s.Institution)
		if s.Credential != "" {
			label += " (" + s.Credential + ")"
		}
		other = append(other, doc.Lane{Label: label, From: int(s.Start), To: int(to), Color: doc.Study})
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
		col := doc.TestInvalid
		if res.Accepted && res.Level > 0 {
			label += " (" + d.loc.scale(levelScale(res.Kind)) + " " + strconv.Itoa(res.Level) + ")"
		}
		if res.Valid {
			col = doc.TestValid
		}
		until := res.ValidUntil
		if until.IsZero() {
			until = t.Date.AddYears(d.rs.TestValidityYears).AddDays(-1)
		}
		other = append(other, doc.Lane{Label: label, From: int(t.Date), To: int(until), Color: col})
	}
	return work, other, more
}

func (d *opinionDoc) markers() []doc.Marker {
	a := d.a
	m := []doc.Marker{{Day: int(a.WindowStart), Label: d.t("Window opens %s", a.WindowStart), Color: doc.MidGray}}
	if !a.HoursReached.IsZero() {
		label := d.t("%s h held since %s", d.loc.whole(d.rs.RequiredHours), a.HoursReached)
		if d.hoursOnlyAsCounted() {
			label = d.t("%s h held since %s, as counted", d.loc.whole(d.rs.RequiredHours), a.HoursReached)
		}
		m = append(m, doc.Marker{Day: int(a.HoursReached), Label: label, Color: doc.Counted})
	}
	m = append(m, doc.Marker{Day: int(a.AssessedOn), Label: d.t("Assessed %s", a.AssessedOn), Color: doc.Navy})
	switch {
	case a.Verdict == assess.Eligible && !a.EligibleUntil.IsZero():
		m = append(m, doc.Marker{Day: int(a.EligibleUntil), Label: d.t("Latest safe submission %s", a.EligibleUntil), Color: doc.Excluded})
	case !a.EligibleFrom.IsZero() && a.EligibleFrom != a.AssessedOn:
		m = append(m, doc.Marker{Day: int(a.EligibleFrom), Label: d.t("Eligible from %s", a.EligibleFrom), Color: doc.Counted})
	}
	return m
}

// timeline gathers the case at a glance.
func (d *opinionDoc) timeline() *doc.Timeline {
	a := d.a
	work, other, more := d.lanes()
	marks := d.markers()

	start := a.WindowStart
	end := a.AssessedOn
	for _, m := range marks {
		end = max(end, assess.Date(m.Day))
	}
	// Whole months on both sides, and at least the window.
	start = firstOfMonth(start)
	end = firstOfMonth(end).AddMonths(1)
	if start >= end {
		end = start.AddMonths(1)
	}
	tl := &doc.Timeline{
		From: int(start), To: int(end), WindowFrom: int(a.WindowStart), WindowTo: int(a.AssessedOn),
		Markers: marks, Work: work, Other: other, NoWork: d.t("No job periods entered"),
	}
	for t := start; t <= end; t = t.AddMonths(1) {
		tk := doc.Tick{Day: int(t)}
		if y, mo, _ := t.YMD(); mo == 1 {
			tk.Year = strconv.Itoa(y)
		}
		tl.Ticks = append(tl.Ticks, tk)
	}
	present := map[doc.RGB]bool{}
	for _, l := range append(work, other...) {
		present[l.Color] = true
	}
	tl.Legend = []doc.LegendItem{
		{Color: doc.WindowShade, Label: d.t("%d-month window", 12*d.rs.WindowYears)},
		{Color: doc.Counted, Label: d.t("counted")},
		{Color: doc.Partly, Label: d.t("partly excluded")},
		{Color: doc.Excluded, Label: d.t("excluded / excluded days")},
	}
	for _, it := range []doc.LegendItem{
		{Color: doc.OtherWork, Label: d.t("outside the window, unreadable, or leave")},
		{Color: doc.Study, Label: d.t("full-time study")},
		{Color: doc.TestValid, Label: d.t("test valid on the date assessed")},
		{Color: doc.TestInvalid, Label: d.t("test not valid or not accepted")},
	} {
		if present[it.Color] {
			tl.Legend = append(tl.Legend, it)
		}
	}
	if more > 0 {
		tl.More = d.t("%d more job periods are listed in the work table.", more)
	}
	return tl
}

func (d *opinionDoc) glance() {
	tl := d.timeline()
	d.heading(d.t("The case at a glance"), tl.MinHeight())
	d.add(tl)
}

func firstOfMonth(t assess.Date) assess.Date {
	_, _, day := t.YMD()
	return t.AddDays(1 - day)
}
