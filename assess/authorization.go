package assess

import (
	"slices"
	"strings"
)

// This file decides, for each job row in Canada, which days were worked
// without authorization (W-AUTH) and which only on maintained status
// (IRPR 186(u)): maintained status keeps the conditions of the permit that
// expired, so at another employer than an employer-specific permit's the
// days are unauthorized; the rest are counted as a doubt (W-MAINT-VERIFY),
// resolved when a new permit follows them.

// authPlan is one row's authorization by day.
type authPlan struct {
	unauth []partial // days worked without authorization, over the whole row
	maint  []span    // days authorized only by maintained status, up to A − 1
	// maintFrom is the row's first day on maintained status (0: none): no
	// day from it after A is projected.
	maintFrom Date
	// permit names the permit maintained ("the employer-specific work
	// permit of Acme, expired 2026-04-30 (Employment!L2)"); expired is its
	// last day, the day before which the extension had to be applied for.
	permit  Text
	expired Date
	// unidentified: the permit maintained on some of the days cannot be
	// told from the intake.
	unidentified bool
}

// maintRun is a run of maintained (or R186(w)) days of the client, up to
// A − 1, and whether a permit granted after it resolves it.
type maintRun struct {
	s        span
	resolved bool
}

// expiredFrom is the first day a row is no longer authorized by date: the
// day after its permit expired or after the client's status expired,
// whichever is first; 0 when neither is given. Days after a status expiry
// that is on or after A are future days: the projections stop there.
func (e *engine) expiredFrom(j *Job) (from Date, reason Text, cell string) {
	c := e.c
	pe, se := j.PermitExpiry, c.StatusExpiry
	switch {
	case pe != 0 && (se == 0 || pe <= se):
		return pe + 1, msg("the row's permit expired on %s and no maintained status is recorded", pe), j.Ref.Cell(FieldPermitExpiry)
	case se != 0:
		return se + 1, msg("the client's status expired on %s and no maintained status is recorded", se), c.Ref.Cell(FieldStatusExpiry)
	}
	return 0, Text{}, ""
}

// rowEnd is the last day of a row: its end date, or for an ongoing row
// the last day of the projections.
func (e *engine) rowEnd(j *Job) Date {
	if j.End != 0 {
		return j.End
	}
	return max(e.last, j.Start)
}

// isPermit reports whether a row's authorization is a permit that a
// maintained status could keep, or that an extension could grant.
func isPermit(a Authorization) bool {
	switch a {
	case AuthOpenPermit, AuthEmployerSpecific, AuthPGWP, AuthStudyPermit:
		return true
	}
	return false
}

// authorize works out row i's unauthorized and maintained days.
func (e *engine) authorize(i int) authPlan {
	c, j, jp := e.c, &e.c.Jobs[i], &e.jobs[i]
	var ap authPlan
	row := span{j.Start, e.rowEnd(j)}
	if j.Authorization == AuthNone {
		ap.unauth = []partial{{code: RuleAuth, reason: msg("the row's work authorization is none"), cell: j.Ref.Cell(FieldAuthorization), s: row}}
		return ap
	}
	from, why, cell := e.expiredFrom(j)
	onMaintained := j.Authorization == AuthMaintained || c.Status == StatusMaintained
	if !onMaintained {
		if from != 0 && from <= row.to {
			ap.unauth = []partial{{code: RuleAuth, reason: why, cell: cell, s: span{max(from, row.from), row.to}}}
		}
		return ap
	}
	if j.Authorization == AuthMaintained {
		// The row says it was worked on maintained status: every day of it
		// rests on it, whatever the expiries.
		from = j.Start
	}
	if from == 0 || from > row.to {
		return ap
	}
	m := span{max(from, row.from), row.to}
	ap.expired, ap.maintFrom = from-1, m.from
	// The permit maintained changes only where another permit's expiry
	// falls inside the days.
	bounds := []Date{m.from}
	for k := range e.jobs {
		if pe := e.c.Jobs[k].PermitExpiry; e.permitRow(k) && pe+1 > m.from && pe+1 <= m.to {
			bounds = append(bounds, pe+1)
		}
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	for b, start := range bounds {
		end := m.to
		if b+1 < len(bounds) {
			end = bounds[b+1] - 1
		}
		s := span{start, end}
		held, expired, ok := e.maintainedPermit(start)
		switch {
		case !ok:
			ap.unidentified = true
			ap.maint = append(ap.maint, s)
		case held >= 0 && e.c.Jobs[held].Authorization == AuthEmployerSpecific && e.jobs[held].key != jp.key:
			p := &e.c.Jobs[held]
			ap.unauth = append(ap.unauth, partial{code: RuleAuth, cell: j.Ref.Cell(FieldEmployer), s: s,
				reason: msg("maintained status keeps the conditions of the permit that expired, here the employer-specific work permit of %s (expired %s, %s), and it authorizes no other employer",
					nameOf(p), expired, p.Ref.RowCell())})
		default:
			ap.maint = append(ap.maint, s)
			if ap.permit.IsZero() {
				ap.permit, ap.expired = e.permitName(held, expired), expired
			}
		}
	}
	var upToA []span
	for _, s := range ap.maint {
		if s, ok := s.clip(s.from, e.A-1); ok {
			upToA = append(upToA, s)
		}
	}
	ap.maint = upToA
	return ap
}

// permitRow reports whether row k is a permit whose expiry a maintained
// status can follow: usable, in Canada, a permit (or a blank authorization,
// whose permit is to verify) with a Permit Expiry.
func (e *engine) permitRow(k int) bool {
	jp, j := &e.jobs[k], &e.c.Jobs[k]
	return jp.usable && !jp.leave && jp.inCanada && j.PermitExpiry != 0 &&
		(isPermit(j.Authorization) || j.Authorization == AuthUnknown)
}

// maintainedPermit is the permit maintained on day d: the permit row with
// the latest Permit Expiry before d; when no row has one, the row in
// progress on the client's Status Expiry. held is its row (-1 when the
// rows that could be it agree on the conditions but are several), expired
// the day it expired; ok is false when it cannot be told.
func (e *engine) maintainedPermit(d Date) (held int, expired Date, ok bool) {
	var cands []int
	for k := range e.jobs {
		if pe := e.c.Jobs[k].PermitExpiry; e.permitRow(k) && pe < d {
			switch {
			case len(cands) == 0 || pe > expired:
				cands, expired = []int{k}, pe
			case pe == expired:
				cands = append(cands, k)
			}
		}
	}
	if len(cands) == 0 {
		se := e.c.StatusExpiry
		if se == 0 || se >= d {
			return -1, 0, false
		}
		expired = se
		for k := range e.jobs {
			jp, j := &e.jobs[k], &e.c.Jobs[k]
			if jp.usable && !jp.leave && jp.inCanada && (isPermit(j.Authorization) || j.Authorization == AuthUnknown) &&
				j.Start <= se && (j.End == 0 || j.End >= se) {
				cands = append(cands, k)
			}
		}
	}
	if len(cands) == 0 {
		return -1, 0, false
	}
	// Several rows: they must impose the same conditions.
	cond := func(k int) string {
		if e.c.Jobs[k].Authorization == AuthEmployerSpecific {
			return e.jobs[k].key
		}
		return ""
	}
	for _, k := range cands[1:] {
		if cond(k) != cond(cands[0]) {
			return -1, 0, false
		}
	}
	return cands[0], expired, true
}

// permitName names the permit maintained, for the concern.
func (e *engine) permitName(k int, expired Date) Text {
	if k < 0 {
		return msg("the permit that expired on %s", expired)
	}
	j := &e.c.Jobs[k]
	kind := j.Authorization.Text()
	if j.Authorization == AuthUnknown {
		kind = msg("permit (authorization blank)")
	}
	if j.Authorization == AuthEmployerSpecific {
		return msg("the employer-specific work permit of %s, expired %s (%s)", nameOf(j), expired, j.Ref.RowCell())
	}
	return msg("the %s of %s, expired %s (%s)", kind, nameOf(j), expired, j.Ref.RowCell())
}

// nameOf is a row's employer as written, or "an unnamed employer".
func nameOf(j *Job) Text {
	if n := strings.TrimSpace(j.Employer); n != "" {
		return Plain(n)
	}
	return msg("an unnamed employer")
}

// maintainedRuns gathers the client's runs of maintained days and of
// R186(w) days, and whether a permit granted after each resolves it.
func (e *engine) maintainedRuns() {
	var maint, r186 []span
	for i := range e.auth {
		maint = append(maint, e.auth[i].maint...)
		if jp, j := &e.jobs[i], &e.c.Jobs[i]; jp.usable && jp.ledger && j.Authorization == AuthR186w {
			if s, ok := (span{j.Start, e.rowEnd(j)}).clip(j.Start, e.A-1); ok {
				r186 = append(r186, s)
			}
		}
	}
	granted := func(s span) bool {
		for k := range e.jobs {
			j := &e.c.Jobs[k]
			if e.jobs[k].usable && !e.jobs[k].leave && isPermit(j.Authorization) && j.Start > s.from && j.Start <= s.to+1 {
				return true
			}
		}
		return false
	}
	for _, s := range mergeSpans(maint) {
		st := e.c.Status
		e.maintRuns = append(e.maintRuns, maintRun{s, granted(s) ||
			((st == StatusWorker || st == StatusStudent) && e.c.StatusExpiry > s.to)})
	}
	for _, s := range mergeSpans(r186) {
		e.r186Runs = append(e.r186Runs, maintRun{s, granted(s)})
	}
}
