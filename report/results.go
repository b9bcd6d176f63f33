package report

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
)

// Results writes results.jsonl: one JSON object per line, one line per call,
// for scripts and case-management imports. The field names and their order
// are a stable interface (the README's results.jsonl section); fields are only ever added. Lines
// carry the client ID, never names or birth dates: the file travels to
// other systems and should hold no more personal data than it needs.
// Safe for concurrent use.
type Results struct {
	mu  sync.Mutex
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
}

// NewResults returns a Results writing to w. Each line reaches w in a single
// Write call.
func NewResults(w io.Writer) *Results {
	r := &Results{w: w}
	r.enc = json.NewEncoder(&r.buf)
	// Employer names such as "Smith & Sons <Ltd>" stay readable.
	r.enc.SetEscapeHTML(false)
	return r
}

// Reason is one finding or problem on a results line.
type Reason struct {
	Code string // rule id of `cecbatch rules`, or DATA
	Text string // plain words
	Cell string // "Employment!F7", or "" for none (JSON null)
}

// MarshalJSON writes {"code","text","cell"} with cell null when there is none.
func (r Reason) MarshalJSON() ([]byte, error) {
	return json.Marshal(resultsReason{Code: r.Code, Text: r.Text, Cell: jsonNullString(r.Cell)})
}

type resultsReason struct {
	Code string  `json:"code"`
	Text string  `json:"text"`
	Cell *string `json:"cell"`
}

// resultsClientReason adds the finding's kind, so that a script can tell a
// failed requirement from a note without knowing every rule id.
type resultsClientReason struct {
	Code string  `json:"code"`
	Kind string  `json:"kind"`
	Text string  `json:"text"`
	Cell *string `json:"cell"`
}

// FileResult is the line of one input file.
type FileResult struct {
	SourceFile string
	Rejected   bool
	Clients    int
	Reasons    []Reason // why rejected, and problems that belong to no client
}

type resultsFileLine struct {
	SourceFile string   `json:"source_file"`
	FileStatus string   `json:"file_status"`
	Clients    int      `json:"clients"`
	Reasons    []Reason `json:"reasons"`
}

// resultsClientLine is one client's line. The first thirteen fields are
// those the README documents, in its order; the rest are additions.
type resultsClientLine struct {
	ClientID        string         `json:"client_id"`
	SourceFile      string         `json:"source_file"`
	Verdict         assess.Verdict `json:"verdict"`
	AssessedOn      string         `json:"assessed_on"`
	QualifyingHours json.Number    `json:"qualifying_hours"`
	RequiredCLB     *int           `json:"required_clb"`
	LanguageCLB     *int           `json:"language_clb"`
	EligibleFrom    *string        `json:"eligible_from"`
	// HoursReached is the day since which the hours requirement has held
	// without a break up to assessed_on; null when it does not hold on
	// assessed_on.
	HoursReached  *string               `json:"hours_reached"`
	Rules         *resultsRules         `json:"rules"`
	EligibleUntil *string               `json:"eligible_until"`
	Reasons       []resultsClientReason `json:"reasons"`
	OpinionPDF    *string               `json:"opinion_pdf"`

	NextSteps []string `json:"next_steps"`
	// AssessedFrom says where assessed_on came from: "application_date"
	// or "as_of".
	AssessedFrom string  `json:"assessed_from"`
	WindowStart  *string `json:"window_start"`
	LapseCode    *string `json:"lapse_code"`
	// RuleSet is the rule set's name, kept for the scripts that read it
	// before "rules" existed.
	RuleSet string `json:"rule_set"`
	// Documents are every file written for the client, relative to the
	// run folder: the opinion draft first (PDF, DOCX), then the client
	// letter's.
	Documents []string `json:"documents"`

	// The Express Entry readiness estimate (results_ee.go); its fields are
	// left out when the estimate was not run.
	*resultsEE
}

// resultsRules names the rule set applied, so that a line can be matched to
// the rule book (`cecbatch rules`) it was decided under.
type resultsRules struct {
	ID        string  `json:"id"`
	Effective *string `json:"effective"`
	Reviewed  *string `json:"reviewed"`
}

// resultsRulesOf is the "rules" object, or nil (JSON null) for an
// assessment that records no rule set.
func resultsRulesOf(rs *assess.RuleSet) *resultsRules {
	if rs == nil {
		return nil
	}
	return &resultsRules{ID: rs.ID, Effective: jsonNullString(rs.EffectiveFrom.String()), Reviewed: jsonNullString(rs.Reviewed.String())}
}

// WriteClient writes the line of one assessed client, with x, the Express
// Entry estimate beside a (nil when none was computed). opinionPDF is the
// PDF's path relative to the run folder ("opinions/…pdf"), or "" when no
// opinion was written (JSON null).
func (r *Results) WriteClient(a *assess.Assessment, x *crs.Estimate, opinionPDF string) error {
	var files []string
	if opinionPDF != "" {
		files = []string{opinionPDF}
	}
	return r.WriteClientFiles(a, x, files)
}

// WriteClientFiles writes the line of one assessed client whose documents
// are files, relative to the run folder, the opinion draft first:
// opinion_pdf is the opinion's PDF (null when only its DOCX was written),
// documents lists them all.
func (r *Results) WriteClientFiles(a *assess.Assessment, x *crs.Estimate, files []string) error {
	return r.write(resultsLineFiles(a, x, files))
}

// resultsLineFiles is a client's line whose documents are files.
func resultsLineFiles(a *assess.Assessment, x *crs.Estimate, files []string) resultsClientLine {
	pdf := ""
	if len(files) > 0 && strings.HasSuffix(files[0], ".pdf") {
		pdf = files[0]
	}
	line := resultsLineOf(a, x, pdf)
	line.Documents = append([]string{}, files...)
	return line
}

// WriteFile writes the line of one input file.
func (r *Results) WriteFile(f FileResult) error {
	status := "processed"
	if f.Rejected {
		status = "rejected"
	}
	reasons := f.Reasons
	if reasons == nil {
		reasons = []Reason{}
	}
	return r.write(resultsFileLine{SourceFile: f.SourceFile, FileStatus: status, Clients: f.Clients, Reasons: reasons})
}

func (r *Results) write(v any) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buf.Reset()
	if err := r.enc.Encode(v); err != nil {
		return err
	}
	_, err := r.w.Write(r.buf.Bytes())
	return err
}

func resultsLineOf(a *assess.Assessment, x *crs.Estimate, opinionPDF string) resultsClientLine {
	c := a.Client
	if c == nil {
		c = &assess.Client{}
	}
	line := resultsClientLine{
		ClientID:        c.ID,
		SourceFile:      c.SourceFile,
		Verdict:         a.Verdict,
		AssessedOn:      a.AssessedOn.String(),
		QualifyingHours: json.Number(formatHoursTenth(a.QualifyingHours)),
		RequiredCLB:     jsonNullInt(a.RequiredCLB, a.RequiredCLB > 0),
		LanguageCLB:     jsonNullInt(a.LanguageCLB, a.LanguageCLB >= 0),
		EligibleFrom:    jsonNullString(a.EligibleFrom.String()),
		HoursReached:    jsonNullString(a.HoursReached.String()),
		Rules:           resultsRulesOf(a.Rules),
		Reasons:         resultsReasonsOf(a),
		OpinionPDF:      jsonNullString(opinionPDF),
		NextSteps:       NextSteps(a),
		AssessedFrom:    "application_date",
		WindowStart:     jsonNullString(a.WindowStart.String()),
		RuleSet:         a.RuleSet,
	}
	if a.Verdict == assess.Eligible {
		line.EligibleUntil = jsonNullString(a.EligibleUntil.String())
		line.LapseCode = jsonNullString(a.LapseCode)
	}
	if a.FromAsOf {
		line.AssessedFrom = "as_of"
	}
	if x != nil {
		ee := resultsExpressEntry(x)
		line.resultsEE = &ee
	}
	if line.NextSteps == nil {
		line.NextSteps = []string{}
	}
	return line
}

// resultsReasonsOf lists every finding, in the engine's order, then the
// unreported problems, so that no data error is ever missing from the line.
func resultsReasonsOf(a *assess.Assessment) []resultsClientReason {
	out := make([]resultsClientReason, 0, len(a.Findings))
	for _, f := range a.Findings {
		out = append(out, resultsClientReason{Code: f.Code, Kind: string(f.Kind), Text: f.Text.String(), Cell: jsonNullString(f.Cell)})
	}
	for _, p := range unreportedProblems(a) {
		out = append(out, resultsClientReason{Code: assess.CodeData, Kind: string(assess.KindData), Text: p.Message.String(), Cell: jsonNullString(p.Cell)})
	}
	return out
}

// unreportedProblems are the client's data problems on cells that no DATA
// finding names. The engine turns every problem ingest found into a
// finding; one it did not must still reach every output (results line,
// summary, opinion, next steps), each of which asks here.
func unreportedProblems(a *assess.Assessment) []assess.Problem {
	if a.Client == nil {
		return nil
	}
	var out []assess.Problem
	// A client has a handful of problems and findings: a plain scan, so
	// that the usual case (all reported) allocates nothing per opinion.
	for _, p := range a.Client.Problems {
		if !slices.ContainsFunc(a.Findings, func(f assess.Finding) bool { return f.Code == assess.CodeData && f.Cell == p.Cell }) {
			out = append(out, p)
		}
	}
	return out
}

// roundTenth cuts the hours down to one decimal, as every output shows them.
// Down, not to nearest: 1,559.96 hours do not qualify, and "1560.0" next to
// "not eligible" would look like a bug to the paralegal. The tiny epsilon
// keeps a total that is 1,560 up to floating-point noise (daily credits of
// 30/7) at 1560.0.
func roundTenth(h float64) float64 {
	return math.Floor(h*10+1e-6) / 10
}

func jsonNullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func jsonNullInt(v int, ok bool) *int {
	if !ok {
		return nil
	}
	return &v
}

// formatHoursTenth is the hours with one decimal, as every output shows them.
func formatHoursTenth(h float64) string {
	return strconv.FormatFloat(roundTenth(h), 'f', 1, 64)
}
