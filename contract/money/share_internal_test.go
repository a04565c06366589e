package money

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPercentTextMatchesString cross-checks the fast PercentText with
// Share.String on fixed and random shares.
func TestPercentTextMatchesString(t *testing.T) {
	shares := []Share{{}, Percent(0), Percent(100), Percent(-10), BasisPoints(9999), BasisPoints(1), MustParseShare("99.9999999999%"),
		MustParseShare("1/3"), MustParseShare("1/8"), MustParseShare("-7/16"), MustParseShare("123456789.125"), mustRatio(math.MaxInt64, 1),
		mustRatio(1, 1<<62), mustRatio(math.MinInt64+1, 5), mustRatio(1<<61, 1), mustRatio(-(1 << 61), 1), mustRatio(1<<62/100, 1),
		mustRatio(1<<62/100+1, 10)}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		d := []int64{1, 2, 4, 5, 8, 10, 16, 20, 25, 40, 100, 1000, 3, 7, 10000, 1 << 20, 1_000_000_000_000}[rng.IntN(17)]
		s, err := Ratio(rng.Int64N(2_000_000_000)-1_000_000_000, d)
		require.NoError(t, err)
		shares = append(shares, s)
	}
	for _, s := range shares {
		assert.Equal(t, s.String(), s.PercentText(), "%d/%d", s.Num(), s.Den())
	}
}

// TestShareCmp cross-checks Share.Cmp with big.Rat comparison.
func TestShareCmp(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		a, _ := Ratio(rng.Int64()-math.MaxInt64/2, 1+rng.Int64N(math.MaxInt64-1))
		b, _ := Ratio(rng.Int64()-math.MaxInt64/2, 1+rng.Int64N(math.MaxInt64-1))
		if rng.IntN(10) == 0 {
			b = a
		}
		require.Equal(t, a.Rat().Cmp(b.Rat()), a.Cmp(b), "%v vs %v", a, b)
	}
}
