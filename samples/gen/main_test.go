package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedSamplesAreUpToDate regenerates the samples and compares them
// byte for byte with the committed ones: the generator is deterministic,
// and whoever changes it must run `make samples` and commit the result.
func TestCommittedSamplesAreUpToDate(t *testing.T) {
	dir := t.TempDir()
	if err := writeAll(dir); err != nil {
		t.Fatal(err)
	}
	for _, b := range books() {
		got, err := os.ReadFile(filepath.Join(dir, b.file))
		if err != nil {
			t.Fatal(err)
		}
		committed, err := os.ReadFile(filepath.Join("..", b.file))
		if err != nil {
			t.Fatalf("%s is not committed: run `go run ./samples/gen` from the repository root (%v)", b.file, err)
		}
		if !bytes.Equal(got, committed) {
			t.Errorf("samples/%s differs from what the generator writes: run `go run ./samples/gen` and commit the result", b.file)
		}
	}
}
