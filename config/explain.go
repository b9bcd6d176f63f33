package config

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

var (
	decodeError = regexp.MustCompile(`(?m)^'([^']*)' (.*)$`)
	invalidKeys = regexp.MustCompile(`^has invalid keys: (.*)$`)
	cannotParse = regexp.MustCompile(`cannot parse value as '(u?int\d*|float\d*|bool)'`)
)

// explain turns mapstructure's decoding errors into sentences that name
// the key, the place that set it and what to write instead.
func explain(err error, s sources) string {
	var msgs []string
	for _, m := range decodeError.FindAllStringSubmatch(err.Error(), -1) {
		key, what := m[1], m[2]
		if k := invalidKeys.FindStringSubmatch(what); k != nil {
			var keys, moves []string
			for _, name := range strings.Split(k[1], ",") {
				name = strings.TrimSpace(name)
				if key != "" {
					name = key + "." + name
				}
				keys = append(keys, fmt.Sprintf("%q", name))
				if home := nestedHome(name); home != "" {
					moves = append(moves, "write "+s.example(home))
				}
			}
			where := ""
			if s.file != "" {
				where = " in " + s.file
			}
			msg := fmt.Sprintf("unknown configuration key %s%s (see cecbatch.example.yaml for the keys)", strings.Join(keys, ", "), where)
			if len(moves) > 0 {
				msg += "; " + strings.Join(moves, "; ")
			}
			msgs = append(msgs, msg)
			continue
		}
		if t := cannotParse.FindStringSubmatch(what); t != nil {
			value := fmt.Sprint(s.v.Get(key))
			switch {
			case t[1] == "bool":
				what = fmt.Sprintf("%q is not true or false", value)
			case strings.HasPrefix(t[1], "float"):
				what = fmt.Sprintf("%q is not a number", value)
			default:
				what = fmt.Sprintf("%q is not a whole number", value)
			}
		}
		msgs = append(msgs, fmt.Sprintf("configuration key %q: %s; write %s (set in %s)", key, what, s.example(key), s.where(key)))
	}
	if len(msgs) == 0 {
		return fmt.Sprintf("bad configuration: %v (%s, environment or flags)", err, s.file)
	}
	return strings.Join(msgs, "\n")
}

// nestedHome is the one known key under a section whose last part is
// key's ("permissions.dir_mode" for a top-level "dir_mode"), or "": a key
// written outside its section, the usual slip when copying one line.
func nestedHome(key string) string {
	leaf := strings.ToLower(key[strings.LastIndexByte(key, '.')+1:])
	home := ""
	for known := range Defaults() {
		if strings.HasSuffix(known, "."+leaf) && known != strings.ToLower(key) {
			if home != "" {
				return ""
			}
			home = known
		}
	}
	return home
}

// example is how a correct value of key is written in the place that set
// it, e.g. `workers: 2` in the config file or CECBATCH_WORKERS=2.
func (s sources) example(key string) string {
	value := exampleValue(key)
	switch s.of(key) {
	case fromFlag:
		return "--" + flagName(key) + " " + strings.Trim(value, `"`)
	case fromEnv:
		return envName(key) + "=" + strings.Trim(value, `"`)
	}
	section, leaf, nested := strings.Cut(key, ".")
	if !nested {
		return key + ": " + value
	}
	return leaf + ": " + value + " under " + section + ":"
}

func exampleValue(key string) string {
	if key == "workers" {
		return "2"
	}
	switch d := Defaults()[key].(type) {
	case bool:
		return "true"
	case time.Duration:
		return "60s"
	case os.FileMode:
		if strings.HasSuffix(key, "dir_mode") {
			return `"0770"`
		}
		return `"0660"`
	case int, int64:
		return fmt.Sprint(d)
	}
	return `"…"`
}

// checkBareModes rejects a permission mode written as a bare number that
// YAML reads as decimal: `dir_mode: 770` is the number 770 (octal 1402),
// not the mode 0770, and YAML cannot tell. A bare number with a leading 0
// (0770) is octal to YAML, so it is kept; quoted text is read as octal.
func checkBareModes(file string, text []byte) error {
	var doc yaml.Node
	if yaml.Unmarshal(text, &doc) != nil || len(doc.Content) == 0 {
		return nil
	}
	perms := mappingValue(doc.Content[0], "permissions")
	if perms == nil {
		return nil
	}
	for _, leaf := range []string{"dir_mode", "file_mode"} {
		n := mappingValue(perms, leaf)
		if n == nil || n.Kind != yaml.ScalarNode || n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 || n.Tag != "!!int" {
			continue
		}
		if octal.MatchString(n.Value) {
			continue
		}
		want := strings.Trim(exampleValue("permissions."+leaf), `"`)
		if digits.MatchString(n.Value) {
			want = "0" + n.Value
		}
		return errorf("configuration key \"permissions.%s\": %s without quotes is the decimal number %s to YAML, not a permission mode; write it in quotes with a leading 0: %s: %q under permissions: (config file %s)",
			leaf, n.Value, n.Value, leaf, want, file)
	}
	return nil
}

var (
	octal  = regexp.MustCompile(`^0o?[0-7]*$`)
	digits = regexp.MustCompile(`^[0-7]{1,3}$`)
)

// mappingValue is the value of key in the YAML mapping m, matched without
// regard to case as viper does; nil if absent.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if strings.EqualFold(m.Content[i].Value, key) {
			return m.Content[i+1]
		}
	}
	return nil
}
