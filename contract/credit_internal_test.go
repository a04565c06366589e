package contract

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestShareTextMatchesString cross-checks the fast share text with
// Share.String on fixed and random shares.
func TestShareTextMatchesString(t *testing.T) {
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
		assert.Equal(t, s.String(), shareText(s), "%d/%d", s.Num(), s.Den())
	}
}

// TestCmpShare cross-checks cmpShare with big.Rat comparison.
func TestCmpShare(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		a, _ := Ratio(rng.Int64()-math.MaxInt64/2, 1+rng.Int64N(math.MaxInt64-1))
		b, _ := Ratio(rng.Int64()-math.MaxInt64/2, 1+rng.Int64N(math.MaxInt64-1))
		if rng.IntN(10) == 0 {
			b = a
		}
		require.Equal(t, a.Rat().Cmp(b.Rat()), cmpShare(a, b), "%v vs %v", a, b)
	}
}

// TestExactPercent checks the truncated percentages written on
// statements against values computed by hand.
func TestExactPercent(t *testing.T) {
	m := 44640 * time.Minute                                                                            // March: 31 days
	assert.Equal(t, "99% (7h26m24s down of 744h0m0s)", exactPercent(446*time.Minute+24*time.Second, m)) // 1 − 446.4/44640 = 0.99
	assert.Equal(t, "98.9986% (7h27m0s down of 744h0m0s)", exactPercent(447*time.Minute, m))            // 0.989986559…
	assert.Equal(t, "99.9999% (1ns down of 744h0m0s)", exactPercent(1, m))                              // truncated, never 100%
	assert.Equal(t, "0% (744h0m0s down of 744h0m0s)", exactPercent(m, m))
	assert.Equal(t, "100% (no service time)", exactPercent(0, 0))
}
