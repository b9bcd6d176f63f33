// Package catalogcheck tests a package's message catalog against its
// code: every message the code writes has a translation in the catalog,
// with the same verbs in the same argument order, and the catalog
// translates nothing the code no longer writes. The packages that write
// sentences (assess, assess/crs, ingest, batch, report) call it from their
// messages test; it is for tests only.
package catalogcheck

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

// Keys reads the Go files of dir, tests left out, and returns the format
// of every call to one of funcs (a function or method name, with the
// indexes of its format arguments: {"msg": {0}, "plural": {1, 2}}), each
// with where it is. A format must be a string literal, or literals joined
// with +; a call passing its own parameter named format or key on (a
// wrapper) is left out.
func Keys(t testing.TB, dir string, funcs map[string][]int) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
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
			var fn string
			switch f := call.Fun.(type) {
			case *ast.Ident:
				fn = f.Name
			case *ast.SelectorExpr:
				fn = f.Sel.Name
			default:
				return true
			}
			for _, arg := range funcs[fn] {
				if len(call.Args) <= arg {
					continue
				}
				if id, ok := call.Args[arg].(*ast.Ident); ok && (id.Name == "format" || id.Name == "key" || id.Name == "one" || id.Name == "many") {
					continue // a wrapper passing its own format on
				}
				s, ok := literal(call.Args[arg])
				if !ok {
					t.Errorf("%s: a message of the catalog that is not a string literal: %s", fset.Position(call.Pos()), fn)
					continue
				}
				keys[s] = fset.Position(call.Pos()).String()
			}
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

// Check fails t for a key that translations lacks, a translation that
// formats other values than its key, and a translation of no key.
func Check(t testing.TB, keys map[string]string, translations map[string]string) {
	t.Helper()
	var missing []string
	for k, where := range keys {
		tr, ok := translations[k]
		if !ok {
			missing = append(missing, where+": "+strconv.Quote(k))
			continue
		}
		if Verbs(k) != Verbs(tr) {
			t.Errorf("%s: %q and its translation %q format different values (%s, %s)", where, k, tr, Verbs(k), Verbs(tr))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no translation for %s", m)
	}
	var stale []string
	for k := range translations {
		if _, ok := keys[k]; !ok {
			stale = append(stale, k)
		}
	}
	sort.Strings(stale)
	for _, k := range stale {
		t.Errorf("the catalog translates %q, which the code no longer writes", k)
	}
}

// Verbs lists a format's verbs, in argument order (an indexed verb "%[2]s"
// counts as its argument's), so that a translation that reorders its
// arguments still matches.
func Verbs(format string) string {
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
