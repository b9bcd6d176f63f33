package assess

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
)

// A Text is stored as JSON (the register keeps a client's intake problems
// with its facts): a message as its catalog's name, its format and its
// arguments, each tagged with its type, so that a client re-assessed from
// the register prints them in its language as the intake did; any other
// Text as its English words, a JSON string (as the register stored them
// before messages existed, which read back as untranslated English).

// catalogs are the catalogs made, by name, for reading stored messages.
var catalogs sync.Map

type textJSON struct {
	Catalog string    `json:"c,omitempty"`
	Format  string    `json:"f,omitempty"`
	Args    []argJSON `json:"a,omitempty"`
	Kind    string    `json:"k,omitempty"` // "join", "and", "or", "upper", "lower": the parts are Args
	Sep     *string   `json:"sep,omitempty"`
}

// argJSON is one argument, by its type.
type argJSON struct {
	S  *string   `json:"s,omitempty"`
	I  *int      `json:"i,omitempty"`
	D  *Date     `json:"d,omitempty"`
	H  *float64  `json:"h,omitempty"`
	Q  *float64  `json:"q,omitempty"`
	N  *float64  `json:"n,omitempty"`
	Sp *int      `json:"sp,omitempty"`
	Sc *Score    `json:"sc,omitempty"`
	T  *Text     `json:"t,omitempty"`
	DY *Date     `json:"dy,omitempty"` // DayMonthYear
	DM *Date     `json:"dm,omitempty"` // DayMonth
	MY *Date     `json:"my,omitempty"` // MonthYear
	F  *float64  `json:"f,omitempty"`
	L  *[]string `json:"l,omitempty"`
}

// MarshalJSON writes t for storage (see above).
func (t Text) MarshalJSON() ([]byte, error) {
	switch {
	case t.kind == textJoin || t.kind == textAnd || t.kind == textOr || t.kind == textUpper || t.kind == textLower:
		return t.marshalParts()
	case t.kind == textPlain && t.format != "":
		return marshal(textJSON{Kind: "plain", Format: t.format})
	case t.kind == textEnglishOnly && t.format != "":
		return marshal(textJSON{Kind: "english", Format: t.format})
	case t.kind != textMessage || t.cat == nil:
		return marshal(t.String())
	}
	doc := textJSON{Catalog: t.cat.name, Format: t.format}
	for _, a := range t.args {
		aj, err := argOf(a)
		if err != nil {
			return nil, err
		}
		doc.Args = append(doc.Args, aj)
	}
	return marshal(doc)
}

func (t Text) marshalParts() ([]byte, error) {
	kind := map[textKind]string{textJoin: "join", textAnd: "and", textOr: "or", textUpper: "upper", textLower: "lower"}[t.kind]
	doc := textJSON{Kind: kind}
	if t.kind == textJoin {
		sep := t.format
		doc.Sep = &sep
	}
	for _, p := range t.args {
		x := p.(Text)
		doc.Args = append(doc.Args, argJSON{T: &x})
	}
	return marshal(doc)
}

func argOf(a any) (argJSON, error) {
	switch v := a.(type) {
	case string:
		return argJSON{S: &v}, nil
	case int:
		return argJSON{I: &v}, nil
	case Date:
		return argJSON{D: &v}, nil
	case Hours:
		f := float64(v)
		return argJSON{H: &f}, nil
	case Quantity:
		f := float64(v)
		return argJSON{Q: &f}, nil
	case Num:
		f := float64(v)
		return argJSON{N: &f}, nil
	case Spelled:
		n := int(v)
		return argJSON{Sp: &n}, nil
	case Score:
		return argJSON{Sc: &v}, nil
	case DayMonthYear:
		d := Date(v)
		return argJSON{DY: &d}, nil
	case DayMonth:
		d := Date(v)
		return argJSON{DM: &d}, nil
	case MonthYear:
		d := Date(v)
		return argJSON{MY: &d}, nil
	case Text:
		return argJSON{T: &v}, nil
	case float64:
		return argJSON{F: &v}, nil
	}
	return argJSON{}, fmt.Errorf("a message argument of type %T cannot be stored", a)
}

func (a argJSON) value() any {
	switch {
	case a.S != nil:
		return *a.S
	case a.I != nil:
		return *a.I
	case a.D != nil:
		return *a.D
	case a.H != nil:
		return Hours(*a.H)
	case a.Q != nil:
		return Quantity(*a.Q)
	case a.N != nil:
		return Num(*a.N)
	case a.Sp != nil:
		return Spelled(*a.Sp)
	case a.Sc != nil:
		return *a.Sc
	case a.T != nil:
		return *a.T
	case a.DY != nil:
		return DayMonthYear(*a.DY)
	case a.DM != nil:
		return DayMonth(*a.DM)
	case a.MY != nil:
		return MonthYear(*a.MY)
	case a.F != nil:
		return *a.F
	}
	return ""
}

// UnmarshalJSON reads a Text stored by MarshalJSON.
func (t *Text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = Text{}
		if s != "" {
			*t = Untranslated(s)
		}
		return nil
	}
	var doc textJSON
	if err := json.Unmarshal(b, &doc); err != nil {
		return err
	}
	var args []any
	for _, a := range doc.Args {
		args = append(args, a.value())
	}
	switch doc.Kind {
	case "plain":
		*t = Plain(doc.Format)
		return nil
	case "english":
		*t = EnglishOnly(doc.Format)
		return nil
	case "join", "and", "or", "upper", "lower":
		kind := map[string]textKind{"join": textJoin, "and": textAnd, "or": textOr, "upper": textUpper, "lower": textLower}[doc.Kind]
		*t = Text{kind: kind, args: args}
		if doc.Sep != nil {
			t.format = *doc.Sep
		}
		return nil
	}
	c, ok := catalogs.Load(doc.Catalog)
	if !ok {
		// A catalog this program does not have: its English stands.
		c = &Catalog{name: doc.Catalog}
	}
	*t = Text{kind: textMessage, cat: c.(*Catalog), format: doc.Format, args: args}
	return nil
}

// InEnglish is t with every message written as its English: how a Text
// is stored where only its words count (the hash of a client's facts,
// which must not change with how a message is kept).
func (t Text) InEnglish() Text {
	if t.IsZero() {
		return t
	}
	return Untranslated(t.String())
}

// marshal is json.Marshal without HTML escaping: the encoder that writes
// the whole document escapes, or not, as it was told.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
