package money

import (
	"math/bits"
	"slices"
)

// Split divides m into n parts that differ by at most one minor unit and
// add up to m exactly. The first |m| mod n parts carry the extra minor unit
// (away from zero): EUR 100.00 split in 3 is EUR 33.34, 33.33, 33.33, and
// EUR −100.00 is EUR −33.34, −33.33, −33.33. It fails with [ErrRange] for
// n < 1.
func (m Money) Split(n int) ([]Money, error) {
	if n < 1 {
		return nil, arithErr("Split", ErrRange, m, int64Text(n))
	}
	mag := uabs(m.minor)
	q, r := mag/uint64(n), mag%uint64(n)
	parts := make([]Money, n)
	for i := range parts {
		p := q
		if uint64(i) < r {
			p++
		}
		parts[i] = Money{cur: m.cur, minor: mustSigned(p, m.minor < 0)}
	}
	return parts, nil
}

// Allocate divides m in proportion to weights by the largest-remainder
// (Hamilton) method, so the parts add up to m exactly. Each part first gets
// its exact share m·wᵢ/Σw rounded toward zero; the minor units left over
// (fewer than the number of parts) go one each, away from zero, to the
// parts with the largest remainders of that rounding, and among equal
// remainders to the earlier part. A part with weight zero gets zero.
//
// Weights must be non-negative with a positive sum that fits in an int64;
// otherwise Allocate fails with [ErrRange] or [ErrOverflow].
func (m Money) Allocate(weights []int64) ([]Money, error) {
	var total uint64
	for _, w := range weights {
		if w < 0 {
			return nil, arithErr("Allocate", ErrRange, m, weightsText(weights))
		}
		var carry uint64
		total, carry = bits.Add64(total, uint64(w), 0)
		if carry != 0 || total > 1<<63-1 {
			return nil, arithErr("Allocate", ErrOverflow, m, weightsText(weights))
		}
	}
	if total == 0 {
		return nil, arithErr("Allocate", ErrRange, m, weightsText(weights))
	}
	mag := uabs(m.minor)
	quot := make([]uint64, len(weights))
	rems := make([]uint64, len(weights))
	var given uint64
	for i, w := range weights {
		hi, lo := bits.Mul64(mag, uint64(w))
		quot[i], rems[i] = bits.Div64(hi, lo, total) // hi < total since w ≤ total
		given += quot[i]
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch { // larger remainder first; stable sort keeps index order on ties
		case rems[a] > rems[b]:
			return -1
		case rems[a] < rems[b]:
			return 1
		}
		return 0
	})
	for _, i := range order[:mag-given] {
		quot[i]++
	}
	parts := make([]Money, len(weights))
	for i, q := range quot {
		parts[i] = Money{cur: m.cur, minor: mustSigned(q, m.minor < 0)}
	}
	return parts, nil
}

// mustSigned is [signed] for magnitudes known to be at most |m|.
func mustSigned(mag uint64, neg bool) int64 {
	v, _ := signed(mag, neg)
	return v
}

type weightsText []int64

func (w weightsText) String() string {
	b := []byte{'['}
	for i, x := range w {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, int64Text(x).String()...)
	}
	return string(append(b, ']'))
}
