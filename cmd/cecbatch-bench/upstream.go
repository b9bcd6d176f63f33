package main

import (
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// The floor is built from the fpdf cecbatch uses, the vendored copy with
// its patches (third_party/fpdf): those patches make every fpdf document
// cheaper, the floor's too, so the ratio to the floor says what cecbatch
// does above fpdf as it now is. The upstream floor is the same program
// built against fpdf as released (codeberg.org/go-pdf/fpdf at the version
// vendored, fetched through the module proxy): the floor the targets were
// first set against, before the patches.

// upstreamFPDF is the release third_party/fpdf was taken from.
const upstreamFPDF = "codeberg.org/go-pdf/fpdf v0.12.0"

//go:embed floor.go
var floorSource []byte

const upstreamMain = `package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	workers, err := strconv.Atoi(os.Args[2])
	if err == nil {
		err = floorMain(os.Args[1], workers)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "upstream floor:", err)
		os.Exit(1)
	}
}
`

// buildUpstreamFloor builds the upstream floor in dir and returns its
// program, or why it could not (no module proxy, say).
func buildUpstreamFloor(dir string) (string, error) {
	src := filepath.Join(dir, "upstream-floor")
	if err := os.MkdirAll(src, 0o700); err != nil {
		return "", err
	}
	files := map[string]string{
		"go.mod":   "module cecbatchbench/upstreamfloor\n\ngo 1.25.0\n\nrequire " + upstreamFPDF + "\n",
		"floor.go": string(floorSource),
		"main.go":  upstreamMain,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o600); err != nil {
			return "", err
		}
	}
	binary := filepath.Join(dir, "upstream-floor.bin")
	build := exec.Command("go", "build", "-mod=mod", "-o", binary, ".")
	build.Dir = src
	// Its own module: no workspace, no flags meant for cecbatch's.
	build.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build against %s: %v\n%s", upstreamFPDF, err, out)
	}
	return binary, nil
}
