package fpdf

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestAppendFixed: appendFixed writes what strconv.AppendFloat writes, for
// the numbers a document holds, halves that binary cannot hold exactly
// (1.005, 0.285), exact halves, negative zero, the limits of the fast
// path and past them, NaN and the infinities, at every precision fpdf
// uses and some it does not.
func TestAppendFixed(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 1.5, 2.5, -2.5, 1.005, 0.285, 1.015, 2.675,
		0.125, 0.375, -0.001, -0.0049, 0.0049, 0.005, 841.89, 595.28, 1 << 31, 1<<31 - 1, 214748.3647,
		21474836.47, 21474836.475, 1e300, -1e300, 5e-324, math.NaN(), math.Inf(1), math.Inf(-1),
		1.0 / 3, 2.0 / 3, 255.0 / 255, 128.0 / 255, 0.999999, 9.9999999, 99.995, 999.9995}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 200000 {
		switch rng.IntN(4) {
		case 0: // a coordinate in points, as pages have them
			values = append(values, rng.Float64()*1000)
		case 1: // a colour component
			values = append(values, float64(rng.IntN(256))/255)
		case 2: // a number of hundredths and a half, give or take an ulp
			h := (float64(rng.IntN(200000)) + 0.5) / 100
			values = append(values, h, math.Nextafter(h, 0), math.Nextafter(h, 1e9), -h)
		default: // anything
			values = append(values, math.Float64frombits(rng.Uint64()))
		}
	}
	for _, v := range values {
		for prec := -1; prec <= 7; prec++ {
			want := string(strconv.AppendFloat(nil, v, 'f', prec, 64))
			if got := string(appendFixed(nil, v, prec)); got != want {
				t.Fatalf("appendFixed(%v, %d) = %q, strconv writes %q", v, prec, got, want)
			}
		}
	}
}

func FuzzAppendFixed(f *testing.F) {
	f.Add(1.005, 2)
	f.Add(-0.0, 3)
	f.Fuzz(func(t *testing.T, v float64, prec int) {
		prec = prec % 8
		want := string(strconv.AppendFloat(nil, v, 'f', prec, 64))
		if got := string(appendFixed(nil, v, prec)); got != want {
			t.Fatalf("appendFixed(%v, %d) = %q, strconv writes %q", v, prec, got, want)
		}
	})
}

func BenchmarkAppendFixed(b *testing.B) {
	var buf []byte
	for b.Loop() {
		buf = appendFixed(buf[:0], 423.987654, 2)
	}
}

func BenchmarkAppendFloat(b *testing.B) {
	var buf []byte
	for b.Loop() {
		buf = strconv.AppendFloat(buf[:0], 423.987654, 'f', 2, 64)
	}
}
