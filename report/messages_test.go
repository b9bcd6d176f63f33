package report

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// catalogKeys reads report's own source and returns every message it
// writes through the catalog: the format of each call of t, fprintf and
// raw (a string literal, or literals joined with +), with where it is.
func catalogKeys(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	keys := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			arg := -1
			switch sel.Sel.Name {
			case "t", "raw":
				arg = 0
			case "fprintf":
				arg = 1
			}
			if arg < 0 || len(call.Args) <= arg {
				return true
			}
			if id, ok := call.Args[arg].(*ast.Ident); ok && (id.Name == "format" || id.Name == "key") {
				return true // a wrapper passing its own format on
			}
			s, ok := literal(call.Args[arg])
			if !ok {
				t.Errorf("%s: a message of the catalog that is not a string literal: %s", fset.Position(call.Pos()), sel.Sel.Name)
				return true
			}
			keys[s] = fset.Position(call.Pos()).String()
			return true
		})
	}
	return keys
}

// literal is the value of a string literal, or of literals joined by +.
func literal(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok1 := literal(e.X)
		y, ok2 := literal(e.Y)
		return x + y, ok1 && ok2
	case *ast.ParenExpr:
		return literal(e.X)
	}
	return "", false
}

// TestCatalogComplete: every message report writes has its French
// translation, with the same verbs, and the French catalog holds nothing
// the code no longer writes.
func TestCatalogComplete(t *testing.T) {
	keys := catalogKeys(t)
	var missing []string
	for k, where := range keys {
		fr, ok := messagesFR[k]
		if !ok {
			missing = append(missing, where+": "+strconv.Quote(k))
			continue
		}
		if verbs(k) != verbs(fr) {
			t.Errorf("%s: %q and its translation %q format different values (%s, %s)", where, k, fr, verbs(k), verbs(fr))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no French for %s", m)
	}
	for k := range messagesFR {
		if _, ok := keys[k]; !ok {
			t.Errorf("the French catalog translates %q, which report no longer writes", k)
		}
	}
}

// verbs lists a format's verbs, in argument order (an indexed verb
// "%[2]s" counts as its argument's), so that a translation that reorders
// its arguments still matches.
func verbs(format string) string {
	var out []string
	next := 1
	byIndex := map[int]string{}
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		arg := next
		if i < len(format) && format[i] == '[' {
			end := strings.IndexByte(format[i:], ']')
			n, _ := strconv.Atoi(format[i+1 : i+end])
			arg = n
			i += end + 1
		}
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i < len(format) {
			byIndex[arg] = string(format[i])
		}
		next = arg + 1
	}
	for n := 1; n <= len(byIndex); n++ {
		out = append(out, byIndex[n])
	}
	return strings.Join(out, "")
}
