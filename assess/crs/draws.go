package crs

import (
	"errors"
	"fmt"
	"slices"

	"github.com/cecbatch/cecbatch/assess"
)

// This file holds the recent Express Entry rounds the estimate is compared
// with: each round's date, number, type and lowest CRS score invited, and
// the date the table was last brought up to date, which every comparison
// prints.

// Round is one Express Entry round of invitations.
type Round struct {
	Date   assess.Date
	Number int
	// Type is "cec", a category id ("french", "healthcare", …) or another
	// round type of RoundTypes.
	Type        string
	Invitations int
	// Cutoff is the lowest CRS score invited.
	Cutoff int
}

// DrawTable is the table of recent rounds.
type DrawTable struct {
	// AsOf is the day the table was last brought up to date: no round
	// after it is known.
	AsOf assess.Date
	// Source says where the rounds come from.
	Source string
	// Rounds are in date order.
	Rounds []Round
}

// RoundTypes are the round types a table may hold besides the category
// ids of the category rule set.
var RoundTypes = []string{"cec", "pnp", "general", "fsw", "fst", "agriculture", "french"}

// Validate checks a table read from a file: known types (categories holds
// the category ids allowed besides RoundTypes), rounds in date order, no
// round after AsOf.
func (t *DrawTable) Validate(categories []string) error {
	var errs []error
	if t.AsOf == 0 {
		errs = append(errs, errors.New("draws.as_of: missing"))
	}
	for i, r := range t.Rounds {
		key := fmt.Sprintf("draws.rounds[%d]", i)
		switch {
		case r.Date == 0:
			errs = append(errs, fmt.Errorf("%s.date: missing", key))
		case t.AsOf != 0 && r.Date > t.AsOf:
			errs = append(errs, fmt.Errorf("%s.date: round %d of %s is after draws.as_of %s", key, r.Number, r.Date, t.AsOf))
		case i > 0 && r.Date < t.Rounds[i-1].Date:
			errs = append(errs, fmt.Errorf("%s.date: %s is before the previous round's %s; list the rounds in date order", key, r.Date, t.Rounds[i-1].Date))
		}
		if !slices.Contains(RoundTypes, r.Type) && !slices.Contains(categories, r.Type) {
			errs = append(errs, fmt.Errorf("%s.type: %q is not a round type (%v or a category id %v)", key, r.Type, RoundTypes, categories))
		}
		if r.Cutoff <= 0 || r.Cutoff > 1200 {
			errs = append(errs, fmt.Errorf("%s.cutoff: %d is not a CRS score (1 to 1200)", key, r.Cutoff))
		}
		if r.Number <= 0 {
			errs = append(errs, fmt.Errorf("%s.round: %d is not a round number", key, r.Number))
		}
		if r.Invitations < 0 {
			errs = append(errs, fmt.Errorf("%s.invitations: %d is negative", key, r.Invitations))
		}
	}
	return errors.Join(errs...)
}

// Latest returns the latest round of type typ on or before A, or nil.
func (t *DrawTable) Latest(typ string, A assess.Date) *Round {
	for i := len(t.Rounds) - 1; i >= 0; i-- {
		if r := &t.Rounds[i]; r.Type == typ && r.Date <= A {
			return r
		}
	}
	return nil
}

// BuiltinDraws returns the rounds of 2025-01-08 to 2026-10-01 (PNP rounds
// left out: their cut-offs include the nomination's 600 points).
func BuiltinDraws() *DrawTable {
	rounds := []struct {
		date      string
		number    int
		typ       string
		itas, cut int
	}{
		{"2025-01-08", 332, "cec", 1350, 542},
		{"2025-01-23", 333, "cec", 4000, 527},
		{"2025-02-05", 335, "cec", 4000, 521},
		{"2025-02-19", 337, "french", 6500, 428},
		{"2025-03-06", 339, "french", 4500, 410},
		{"2025-03-21", 341, "french", 7500, 379},
		{"2025-05-01", 344, "education", 1000, 479},
		{"2025-05-02", 345, "healthcare", 500, 510},
		{"2025-05-13", 347, "cec", 500, 547},
		{"2025-06-04", 349, "healthcare", 500, 504},
		{"2025-06-12", 351, "cec", 3000, 529},
		{"2025-06-26", 353, "cec", 3000, 521},
		{"2025-07-08", 355, "cec", 3000, 518},
		{"2025-07-22", 357, "healthcare", 4000, 475},
		{"2025-08-07", 359, "cec", 1000, 534},
		{"2025-08-08", 360, "french", 2500, 481},
		{"2025-08-19", 362, "healthcare", 2500, 470},
		{"2025-09-03", 364, "cec", 1000, 534},
		{"2025-09-04", 365, "french", 4500, 446},
		{"2025-09-17", 367, "education", 2500, 462},
		{"2025-09-18", 368, "trades", 1250, 505},
		{"2025-10-01", 370, "cec", 1000, 534},
		{"2025-10-06", 371, "french", 4500, 432},
		{"2025-10-15", 373, "healthcare", 2500, 472},
		{"2025-10-28", 375, "cec", 1000, 533},
		{"2025-10-29", 376, "french", 6000, 416},
		{"2025-11-12", 378, "cec", 1000, 533},
		{"2025-11-14", 379, "healthcare", 3500, 462},
		{"2025-11-26", 381, "cec", 1000, 531},
		{"2025-11-28", 382, "french", 6000, 408},
		{"2025-12-10", 384, "cec", 6000, 520},
		{"2025-12-11", 385, "healthcare", 1000, 476},
		{"2025-12-16", 387, "cec", 5000, 515},
		{"2025-12-17", 388, "french", 6000, 399},
		{"2026-01-07", 390, "cec", 8000, 511},
		{"2026-01-21", 392, "cec", 6000, 509},
		{"2026-02-06", 394, "french", 8500, 400},
		{"2026-02-17", 396, "cec", 6000, 508},
		{"2026-02-19", 397, "physicians", 391, 169},
		{"2026-02-20", 398, "healthcare", 4000, 467},
		{"2026-03-03", 400, "cec", 4000, 508},
		{"2026-03-04", 401, "french", 5500, 397},
		{"2026-03-05", 402, "senior_managers", 250, 429},
		{"2026-03-17", 404, "cec", 4000, 507},
		{"2026-03-18", 405, "french", 4000, 393},
		{"2026-03-31", 407, "cec", 2250, 509},
		{"2026-04-02", 408, "trades", 3000, 477},
		{"2026-04-14", 410, "cec", 2000, 515},
		{"2026-04-15", 411, "french", 4000, 419},
		{"2026-04-28", 413, "cec", 2000, 514},
		{"2026-04-29", 414, "french", 4000, 400},
		{"2026-05-27", 417, "cec", 3000, 518},
		{"2026-05-28", 418, "french", 4500, 409},
		{"2026-06-23", 420, "cec", 4000, 516},
		{"2026-06-24", 421, "physicians", 271, 223},
		{"2026-06-25", 422, "healthcare", 4000, 475},
		{"2026-07-07", 424, "cec", 2000, 517},
		{"2026-07-09", 425, "french", 5000, 420},
		{"2026-07-10", 426, "senior_managers", 500, 392},
		{"2026-07-21", 428, "cec", 2000, 516},
		{"2026-07-22", 429, "french", 5000, 399},
		{"2026-07-23", 430, "military", 4, 368},
		{"2026-08-05", 432, "cec", 3000, 516},
		{"2026-08-06", 433, "french", 5000, 391},
		{"2026-08-07", 434, "transport", 300, 470},
		{"2026-08-18", 436, "cec", 1000, 523},
		{"2026-08-19", 437, "french", 5000, 382},
		{"2026-09-01", 439, "cec", 2000, 521},
		{"2026-09-03", 440, "physicians", 229, 198},
		{"2026-09-04", 441, "healthcare", 3500, 475},
		{"2026-09-15", 443, "cec", 2000, 519},
		{"2026-09-16", 444, "senior_managers", 250, 389},
		{"2026-09-29", 446, "cec", 2000, 518},
		{"2026-10-01", 447, "trades", 3500, 476},
	}
	t := &DrawTable{
		AsOf: assess.MustDate("2026-10-01"),
		Source: "IRCC's rounds feed (ee_rounds_123_en.json) as copied on 2026-08-07 for rounds 332–434, " +
			"and a public mirror of the feed for rounds 436–447; PNP rounds left out",
		Rounds: make([]Round, len(rounds)),
	}
	for i, r := range rounds {
		t.Rounds[i] = Round{Date: assess.MustDate(r.date), Number: r.number, Type: r.typ, Invitations: r.itas, Cutoff: r.cut}
	}
	return t
}
