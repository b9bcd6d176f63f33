package register

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
	"github.com/cecbatch/cecbatch/ingest"
)

// fill sets every field reachable from v (exported or not) to a non-zero
// value: a slice gets two elements, a map two entries. It fails the test
// on a kind it cannot fill: a field of that kind could not be stored.
func fill(t *testing.T, v reflect.Value, path string, n *int) {
	t.Helper()
	*n++
	if v.Type() == reflect.TypeOf(assess.Text{}) {
		// A message of a catalog, with an argument of each kind a stored
		// message holds.
		v.Set(reflect.ValueOf(storedTextCatalog.T("%s %d %s %s %s %s %s %s %s", path, *n, assess.Date(20000+*n), assess.Hours(1.5),
			assess.Quantity(1560), assess.Num(37.5), assess.Spelled(3), assess.Score{Label: "M"}, storedTextCatalog.T("nested %s", "x").Capitalized())))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("%s-%d", path, *n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*n%100 + 1))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*n%100 + 1))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Field(i)
			if !f.CanSet() {
				f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
			}
			fill(t, f, path+"."+v.Type().Field(i).Name, n)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(t, s.Index(i), fmt.Sprintf("%s[%d]", path, i), n)
		}
		v.Set(s)
	case reflect.Array:
		for i := range v.Len() {
			fill(t, v.Index(i), fmt.Sprintf("%s[%d]", path, i), n)
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for i := range 2 {
			k := reflect.New(v.Type().Key()).Elem()
			fill(t, k, path+"#key", n)
			e := reflect.New(v.Type().Elem()).Elem()
			fill(t, e, fmt.Sprintf("%s[%d]", path, i), n)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(t, p.Elem(), path, n)
		v.Set(p)
	default:
		t.Fatalf("%s is a %s: the register cannot store it; store it in facts.go", path, v.Kind())
	}
}

// storedTextCatalog is the catalog of the messages of the clients stored
// in these tests.
var storedTextCatalog = assess.NewCatalog("register-test", nil)

// TestEveryClientFieldIsStored: a client with every field set (those added
// after this test too, unexported ones included) comes back from the
// register equal, field for field. A field that JSON drops, or a kind it
// cannot write, fails here.
func TestEveryClientFieldIsStored(t *testing.T) {
	var c assess.Client
	n := 0
	fill(t, reflect.ValueOf(&c).Elem(), "Client", &n)
	// The rows of one sheet share one column map, as ingest gives them.
	for i := range c.Jobs {
		c.Jobs[i].Ref.Cols = c.Jobs[0].Ref.Cols
	}
	data, hash, err := EncodeFacts(&c)
	if err != nil {
		t.Fatal(err)
	}
	if hash == "" {
		t.Fatal("no hash")
	}
	back, err := DecodeFacts(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&c, back) {
		t.Fatalf("the client changed in the register:\nstored %+v\nread   %+v", c, *back)
	}
	if reflect.ValueOf(back.Jobs[0].Ref.Cols).UnsafePointer() != reflect.ValueOf(back.Jobs[1].Ref.Cols).UnsafePointer() {
		t.Error("the rows of one sheet no longer share their column map")
	}
	// Nil and empty are told apart.
	c2 := assess.Client{ID: "E", Jobs: []assess.Job{}, Problems: nil}
	data, _, _ = EncodeFacts(&c2)
	back, err = DecodeFacts(data)
	if err != nil || back.Jobs == nil || back.Problems != nil {
		t.Fatalf("nil and empty slices: %#v, %v", back, err)
	}
}

// TestFactsHashIgnoresTheFileName: the same rows under another file name
// are the same facts; one cell changed is not.
func TestFactsHashIgnoresTheFileName(t *testing.T) {
	c := &assess.Client{ID: "A-1", SourceFile: "week1.xlsx", Jobs: []assess.Job{{Employer: "Acme", HoursPerWeek: 40}}}
	_, h1, _ := EncodeFacts(c)
	c.SourceFile = "week2.xlsx"
	_, h2, _ := EncodeFacts(c)
	c.Jobs[0].HoursPerWeek = 35
	_, h3, _ := EncodeFacts(c)
	if h1 != h2 || h1 == h3 {
		t.Fatalf("hashes: %s %s %s", h1, h2, h3)
	}
}

// sameAssessment fails the test when the two assessments differ in
// anything the outputs print.
func sameAssessment(t *testing.T, what string, a, b *assess.Assessment, x, y *crs.Estimate) {
	t.Helper()
	ca, cb := *a, *b
	ca.Client, cb.Client, ca.Rules, cb.Rules = nil, nil, nil, nil
	if !reflect.DeepEqual(ca, cb) {
		t.Errorf("%s: re-assessing from the register differs:\nworkbook %+v\nregister %+v", what, ca, cb)
	}
	if !reflect.DeepEqual(x, y) {
		t.Errorf("%s: the Express Entry estimate from the register differs:\nworkbook %+v\nregister %+v", what, x, y)
	}
}

// assessBoth assesses c as the run does (the CEC rules and the Express
// Entry estimate) before and after a trip through the register.
func assessBoth(t *testing.T, c *assess.Client, asOf assess.Date) {
	t.Helper()
	rs, ee := assess.Current(), crs.Builtin()
	data, _, err := EncodeFacts(c)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeFacts(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c, back) {
		t.Fatalf("client %s changed in the register", c.ID)
	}
	a1, a2 := rs.Assess(c, asOf), rs.Assess(back, asOf)
	x1, x2 := ee.Assess(rs, c, a1.AssessedOn), ee.Assess(rs, back, a2.AssessedOn)
	sameAssessment(t, c.ID, a1, a2, x1, x2)
	if !outcomeOf(a1, x1).Equal(outcomeOf(a2, x2)) {
		t.Errorf("%s: outcomes differ", c.ID)
	}
}

// TestSamplesReassessTheSame: every client of the sample workbooks (typed
// dates, problems, rows as entered, the CRS columns) is assessed the same
// from the register as from the workbook.
func TestSamplesReassessTheSame(t *testing.T) {
	files, _ := filepath.Glob("../samples/*.xlsx")
	if len(files) == 0 {
		t.Fatal("no sample workbooks in ../samples")
	}
	clients := 0
	for _, f := range files {
		wb, err := ingest.ReadFile(f, ingest.Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, c := range wb.Clients {
			assessBoth(t, c, assess.MustDate("2026-12-01"))
			clients++
		}
	}
	if clients < 10 {
		t.Fatalf("only %d sample clients", clients)
	}
}

// TestRandomClientsReassessTheSame: random clients (jobs, tests, studies,
// problems on their rows, rows as entered) on random dates.
func TestRandomClientsReassessTheSame(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for i := range 300 {
		c := randomClient(r, i)
		assessBoth(t, c, assess.MustDate("2024-01-01").AddDays(r.IntN(1500)))
	}
}

// randomClient is a plausible client of the intake: its rows share their
// sheets' column maps, some rows could not be read.
func randomClient(r *rand.Rand, i int) *assess.Client {
	clientCols := map[string]string{assess.FieldClientID: "A", assess.FieldFamilyName: "B", assess.FieldAppDate: "E"}
	jobCols := map[string]string{assess.FieldEmployer: "B", assess.FieldStart: "E", assess.FieldEnd: "F", assess.FieldHours: "G"}
	testCols := map[string]string{assess.FieldTest: "B", assess.FieldTestDate: "C", assess.FieldReading: "E"}
	base := assess.MustDate("2019-01-01")
	day := func() assess.Date { return base.AddDays(r.IntN(2500)) }
	c := &assess.Client{
		Ref: assess.Ref{Sheet: "Clients", Row: i + 2, Cols: clientCols}, SourceFile: "week.xlsx",
		ID: fmt.Sprintf("R-%d", i), FamilyName: "Nguyễn", GivenNames: "Thị Minh", DateOfBirth: assess.MustDate("1991-03-04"),
		Province: []string{"ON", "QC", "BC", ""}[r.IntN(4)], InCanada: assess.Tristate(r.IntN(3)),
		Status: []assess.Status{assess.StatusWorker, assess.StatusMaintained, assess.StatusUnknown}[r.IntN(3)],
	}
	if r.IntN(4) == 0 {
		c.ApplicationDate = day()
	}
	if r.IntN(3) == 0 {
		c.StatusExpiry = day()
	}
	for j := range r.IntN(4) {
		start := day()
		job := assess.Job{
			Ref:      assess.Ref{Sheet: "Employment", Row: 2 + j, Cols: jobCols},
			Employer: fmt.Sprintf("Employer %d", j), NOC: []string{"21231", "62020", "10010", "2173", "65201"}[r.IntN(5)],
			TEER: -1, Start: start, HoursPerWeek: float64(10 + r.IntN(40)), InCanada: r.IntN(5) > 0,
			Type:          []assess.EmploymentType{assess.Employee, assess.SelfEmployed, assess.Employee}[r.IntN(3)],
			Authorization: []assess.Authorization{assess.AuthPGWP, assess.AuthOpenPermit, assess.AuthUnknown}[r.IntN(3)],
		}
		if r.IntN(2) == 0 {
			job.End = start.AddDays(30 + r.IntN(900))
		}
		if r.IntN(3) == 0 {
			job.PermitExpiry = start.AddDays(r.IntN(1200))
		}
		if r.IntN(8) == 0 {
			job.Entered = map[string]string{assess.FieldHours: "forty"}
			c.Problems = append(c.Problems, assess.Problem{Cell: job.Ref.Cell(assess.FieldHours), Message: assess.Untranslated("Hours Per Week is not a number.")})
		}
		c.Jobs = append(c.Jobs, job)
	}
	for j := range r.IntN(3) {
		k := []string{"CELPIP-General", "IELTS General Training", "TEF Canada"}[r.IntN(3)]
		test := assess.Test{Ref: assess.Ref{Sheet: "Language Tests", Row: 2 + j, Cols: testCols}, Name: k, Date: day()}
		for a := range test.Scores {
			if strings.HasPrefix(k, "IELTS") {
				test.Scores[a] = assess.Score{Value: float64(5+r.IntN(5)) + 0.5*float64(r.IntN(2))}
			} else if k == "TEF Canada" {
				test.Scores[a] = assess.Score{Value: float64(300 + r.IntN(300))}
			} else {
				test.Scores[a] = assess.Score{Value: float64(5 + r.IntN(7))}
			}
		}
		c.Tests = append(c.Tests, test)
	}
	return c
}

// BenchmarkEncodeFacts measures storing one client's facts (JSON,
// hashed, compressed), which every client of a night with a register
// costs.
func BenchmarkEncodeFacts(b *testing.B) {
	c := agendaClient()
	for b.Loop() {
		if _, _, err := EncodeFacts(c); err != nil {
			b.Fatal(err)
		}
	}
}
