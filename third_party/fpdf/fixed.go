package fpdf

import (
	"math"
	"strconv"
)

// appendFixed appends v with prec decimals, exactly as
// strconv.AppendFloat(b, v, 'f', prec, 64) does (cecbatch patch: numbers
// are most of a page's content stream, and strconv's general path, which
// finds the shortest exact decimal first, was a tenth of writing a page).
//
// For the coordinates, sizes and colours a document holds, v·10^prec is
// below 2^31, where the product's rounding error is under 10^-6: unless
// the product is that close to a half, rounding it rounds v's exact
// decimal expansion the same way, and the integer is written with its
// decimal point. Anything else (near a half, large, NaN, infinite) goes
// to strconv.
func appendFixed(b []byte, v float64, prec int) []byte {
	if prec < 0 || prec >= len(pow10) {
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	x := math.Abs(v) * float64(pow10[prec])
	if !(x < 1<<31) {
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	if frac := x - math.Floor(x); math.Abs(frac-0.5) < 1e-6 {
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	n := uint64(math.Round(x))
	if math.Signbit(v) {
		b = append(b, '-')
	}
	// The whole part, then the decimals with their leading zeros.
	unit := pow10[prec]
	b = strconv.AppendUint(b, n/unit, 10)
	if prec > 0 {
		b = append(b, '.')
		frac := n % unit
		var d [len(pow10)]byte
		for k := prec - 1; k >= 0; k-- {
			d[k] = byte('0' + frac%10)
			frac /= 10
		}
		b = append(b, d[:prec]...)
	}
	return b
}

var pow10 = [...]uint64{1, 10, 100, 1000, 10000, 100000, 1000000}
