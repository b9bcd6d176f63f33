package batch

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkWriteOpinion compares the two ways of writing an opinion of
// 50 KB into a folder that fills up as a run does: under a temporary name
// then renamed (writeFileAtomic), and straight under its name
// (writeNewFile, what a run does inside its private folder).
func BenchmarkWriteOpinion(b *testing.B) {
	data := bytes.Repeat([]byte("%PDF-1.4 opinion "), 3000)
	for _, bc := range []struct {
		name  string
		write func(dir, name string, data []byte) error
	}{
		{"temp-and-rename", func(dir, name string, data []byte) error { return writeFileAtomic(dir, name, data, 0o600) }},
		{"final-name", func(dir, name string, data []byte) error { return writeNewFile(dir, name, data, 0o600) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			dir := b.TempDir()
			i := 0
			for b.Loop() {
				i++
				if err := bc.write(dir, fmt.Sprintf("F%06d_Family_Given_CEC-opinion.pdf", i), data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
