package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/cecbatch/cecbatch/internal/intakegen"
)

// generate writes an inbox of n clients in workbooks of perFile clients.
func generate(inbox string, n, perFile int) error {
	if matches, _ := filepath.Glob(filepath.Join(inbox, "*.xlsx")); len(matches) > 0 {
		return nil // kept from an earlier run with -keep
	}
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(uint64(n), 87))
	for file, first := 0, 0; first < n; file, first = file+1, first+perFile {
		count := min(perFile, n-first)
		if err := intakegen.WriteWorkbook(filepath.Join(inbox, fmt.Sprintf("intake-week-%03d.xlsx", file+1)), rng, first, count); err != nil {
			return err
		}
	}
	return nil
}
