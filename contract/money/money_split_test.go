package money_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func minors(ms []money.Money) []int64 {
	out := make([]int64, len(ms))
	for i, m := range ms {
		out[i] = m.MinorUnits()
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		amount int64
		n      int
		want   []int64
		reason string
	}{
		{10000, 3, []int64{3334, 3333, 3333}, "10000 = 3·3333 + 1: the first part gets the extra cent"},
		{-10000, 3, []int64{-3334, -3333, -3333}, "the extra cent goes away from zero"},
		{2, 5, []int64{1, 1, 0, 0, 0}, "2 = 5·0 + 2"},
		{0, 2, []int64{0, 0}, "nothing to share"},
		{7, 1, []int64{7}, "one part"},
		{math.MinInt64, 2, []int64{math.MinInt64 / 2, math.MinInt64 / 2}, "the most negative amount halves exactly"},
		{math.MaxInt64, 2, []int64{math.MaxInt64/2 + 1, math.MaxInt64 / 2}, "2⁶³ − 1 = 2·(2⁶² − 1) + 1"},
	}
	for _, tt := range tests {
		parts, err := eur(tt.amount).Split(tt.n)
		require.NoError(t, err)
		if diff := cmp.Diff(tt.want, minors(parts)); diff != "" {
			t.Errorf("Split(%d, %d): %s (-want +got):\n%s", tt.amount, tt.n, tt.reason, diff)
		}
	}
	_, err := eur(1).Split(0)
	assert.ErrorIs(t, err, money.ErrRange)
}

func TestAllocate(t *testing.T) {
	tests := []struct {
		amount  int64
		weights []int64
		want    []int64
		reason  string
	}{
		// 100·(1,1,1)/3 = 33.33…: each gets 33, the 1 left over goes to the first (equal remainders).
		{100, []int64{1, 1, 1}, []int64{34, 33, 33}, "ties go to the earlier part"},
		// 100·(1,2,3,4)/10 = 10, 20, 30, 40 exactly.
		{100, []int64{1, 2, 3, 4}, []int64{10, 20, 30, 40}, "exact"},
		// 5·(3,3,4)/10 = 1.5, 1.5, 2: floors 1, 1, 2, one left; remainders .5, .5, 0 → the first.
		{5, []int64{3, 3, 4}, []int64{2, 1, 2}, "largest remainder, first on ties"},
		// 10·(1,6)/7 = 1.43, 8.57: floors 1, 8; remainders 3/7, 4/7 → the second.
		{10, []int64{1, 6}, []int64{1, 9}, "largest remainder wins over index"},
		// −10·(1,6)/7: magnitudes as above, negated.
		{-10, []int64{1, 6}, []int64{-1, -9}, "negative amounts mirror positive ones"},
		{7, []int64{0, 1, 0}, []int64{0, 7, 0}, "zero weights get nothing"},
		{math.MaxInt64, []int64{math.MaxInt64 - 1, 1}, []int64{math.MaxInt64 - 1, 1}, "weights summing to 2⁶³ − 1: (2⁶³−1)·w/(2⁶³−1) = w exactly, the product needs 128 bits"},
		// 3·(2⁶²−1, 2⁶²−1, 1)/(2⁶³−1): shares 1.4999…, 1.4999…, 3/(2⁶³−1); floors 1, 1, 0; the 1 left goes to the first.
		{3, []int64{1<<62 - 1, 1<<62 - 1, 1}, []int64{2, 1, 0}, "huge weights, remainders compared exactly"},
	}
	for _, tt := range tests {
		parts, err := eur(tt.amount).Allocate(tt.weights)
		require.NoError(t, err)
		if diff := cmp.Diff(tt.want, minors(parts)); diff != "" {
			t.Errorf("Allocate(%d, %v): %s (-want +got):\n%s", tt.amount, tt.weights, tt.reason, diff)
		}
	}
	for _, bad := range [][]int64{nil, {0, 0}, {1, -1}} {
		_, err := eur(1).Allocate(bad)
		assert.ErrorIs(t, err, money.ErrRange, bad)
	}
	_, err := eur(1).Allocate([]int64{math.MaxInt64, 1})
	assert.ErrorIs(t, err, money.ErrOverflow)
}

// TestSplitProperties checks on random inputs that the parts of Split and
// Allocate add up exactly, that Split's parts differ by at most one minor
// unit, and that every Allocate part is within one minor unit of its exact
// share (computed with math/big).
func TestSplitProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	n := 5000
	if testing.Short() {
		n = 500
	}
	for range n {
		m := eur(randInt64(r))
		k := 1 + r.IntN(12)
		parts, err := m.Split(k)
		require.NoError(t, err)
		require.Equal(t, m, sumBig(t, parts), "Split(%v, %d)", m, k)
		lo, hi := parts[k-1].MinorUnits(), parts[0].MinorUnits()
		if m.Sign() < 0 {
			lo, hi = hi, lo
		}
		require.LessOrEqual(t, hi-lo, int64(1))

		weights := make([]int64, k)
		var total int64
		for i := range weights {
			weights[i] = r.Int64N(1 << uint(r.IntN(40)+1))
			total += weights[i]
		}
		if total == 0 {
			weights[0], total = 1, 1
		}
		parts, err = m.Allocate(weights)
		require.NoError(t, err)
		require.Equal(t, m, sumBig(t, parts), "Allocate(%v, %v)", m, weights)
		for i, p := range parts {
			exact := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(m.MinorUnits()), big.NewInt(weights[i])), big.NewInt(total))
			diff := new(big.Rat).Sub(new(big.Rat).SetInt64(p.MinorUnits()), exact)
			require.Less(t, new(big.Rat).Abs(diff).Cmp(big.NewRat(1, 1)), 0, "part %d of Allocate(%v, %v) is %v, exact %s", i, m, weights, p, exact.FloatString(3))
		}
	}
}

// sumBig adds the parts without overflow and returns the total as Money.
func sumBig(t *testing.T, parts []money.Money) money.Money {
	t.Helper()
	s := new(big.Int)
	for _, p := range parts {
		s.Add(s, big.NewInt(p.MinorUnits()))
	}
	require.True(t, s.IsInt64())
	return money.MustNewMoney(parts[0].Currency(), s.Int64())
}
