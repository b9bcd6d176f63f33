package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestSubsetCacheSameBytes renders documents with the process's faces,
// whose subset cache is warm after the first render, and with faces whose
// caches are empty: a subset served from the cache must give the very same
// PDF, and each render keeps one subset per face.
func TestSubsetCacheSameBytes(t *testing.T) {
	warm := faces(t)
	render := func(f [2]*fontFace, text string) []byte {
		t.Helper()
		var b bytes.Buffer
		job := pdfJob{paper: Letter, faces: f, title: "subsets", stamp: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC),
			write: func(p *pager) {
				p.newPage()
				p.setFont(false, 10)
				p.para(text, 0)
				p.setFont(true, 12)
				p.para(strings.ToUpper(text), 0)
			}}
		if err := job.run(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, text := range []string{"Élodie Bérubé, Nguyễn Thị Minh", "Łukasz Żółć — 1 560,0 h", "Ἀθηνᾶ Παπαδοπούλου, Ольга Петренко"} {
		render(warm, text) // fills the cache with this text's subsets
		cached := render(warm, text)
		var cold [2]*fontFace
		for i, f := range warm {
			fresh := *f
			fresh.subsets = newSubsetCache(subsetCacheSize)
			cold[i] = &fresh
		}
		made := render(cold, text)
		if !bytes.Equal(cached, made) {
			t.Errorf("%q: the document with cached font subsets differs from the one that made them", text)
		}
		if cold[0].subsets.len() != 1 || cold[1].subsets.len() != 1 {
			t.Errorf("%q: a render kept %d regular and %d bold subsets, want one each", text, cold[0].subsets.len(), cold[1].subsets.len())
		}
	}
}

// TestSubsetCacheBounded checks that the cache keeps at most its limit,
// dropping the subset used least recently.
func TestSubsetCacheBounded(t *testing.T) {
	c := newSubsetCache(3)
	for i := range 3 {
		c.put(fmt.Sprint(i), embeddedSubset{file: []byte{byte(i)}})
	}
	c.get("0") // 1 is now the least recently used
	c.put("3", embeddedSubset{file: []byte{3}})
	if c.len() != 3 {
		t.Errorf("%d subsets kept, want the limit 3", c.len())
	}
	if _, ok := c.get("1"); ok {
		t.Error("the least recently used subset was kept")
	}
	for _, k := range []string{"0", "2", "3"} {
		if s, ok := c.get(k); !ok || s.file[0] != k[0]-'0' {
			t.Errorf("subset %s: %v, %v", k, s.file, ok)
		}
	}
}
