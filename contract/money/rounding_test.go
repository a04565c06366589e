package money_test

import (
	"bufio"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/slacalc/slacalc/contract/money"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var allModes = []money.RoundingMode{money.HalfEven, money.HalfUp, money.HalfDown, money.Up, money.Down, money.Ceiling, money.Floor}

// TestRoundingJavaTable checks every mode against the table of
// java.math.RoundingMode in testdata/rounding_modes.txt: the input x.y is
// written as xy minor units scaled by 1/10, so the result is x.y rounded
// to a whole minor unit.
func TestRoundingJavaTable(t *testing.T) {
	f, err := os.Open("testdata/rounding_modes.txt")
	require.NoError(t, err)
	defer f.Close()
	// The file's column order.
	cols := []money.RoundingMode{money.Up, money.Down, money.Ceiling, money.Floor, money.HalfUp, money.HalfDown, money.HalfEven}
	sc := bufio.NewScanner(f)
	rows := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		require.Len(t, fields, 8, line)
		tenths, err := strconv.ParseInt(strings.Replace(fields[0], ".", "", 1), 10, 64)
		require.NoError(t, err)
		for i, mode := range cols {
			want, err := strconv.ParseInt(fields[i+1], 10, 64)
			require.NoError(t, err)
			got, err := eur(tenths).Scale(money.MustParseShare("1/10"), mode)
			require.NoError(t, err)
			assert.Equal(t, want, got.MinorUnits(), "%s rounded %s", fields[0], mode)
		}
		rows++
	}
	require.NoError(t, sc.Err())
	assert.Equal(t, 10, rows)
}

// roundRat rounds x to an integer under mode, written independently of the
// package from the definitions of the modes on exact rationals.
func roundRat(x *big.Rat, mode money.RoundingMode) *big.Int {
	fl := new(big.Int).Div(x.Num(), x.Denom()) // Euclidean division: the floor, as Denom > 0
	frac := new(big.Rat).Sub(x, new(big.Rat).SetInt(fl))
	up := new(big.Int).Add(fl, big.NewInt(1))
	if frac.Sign() == 0 {
		return fl
	}
	half := frac.Cmp(big.NewRat(1, 2))
	pos := x.Sign() > 0
	switch mode {
	case money.Floor:
		return fl
	case money.Ceiling:
		return up
	case money.Down:
		if pos {
			return fl
		}
		return up
	case money.Up:
		if pos {
			return up
		}
		return fl
	}
	switch {
	case half < 0:
		return fl
	case half > 0:
		return up
	}
	switch mode {
	case money.HalfUp:
		if pos {
			return up
		}
		return fl
	case money.HalfDown:
		if pos {
			return fl
		}
		return up
	}
	if fl.Bit(0) == 0 {
		return fl
	}
	return up
}

// randInt64 returns integers of all magnitudes, with the int64 edges and
// small values over-represented.
func randInt64(r *rand.Rand) int64 {
	switch r.IntN(6) {
	case 0:
		return []int64{0, 1, -1, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1}[r.IntN(7)]
	case 1:
		return r.Int64N(201) - 100
	default:
		return int64(r.Uint64() >> r.UintN(64))
	}
}

// TestScaleAgainstBigRat compares Scale with exact rational arithmetic on
// random amounts and shares, for every rounding mode, including overflow.
func TestScaleAgainstBigRat(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	minI, maxI := big.NewInt(math.MinInt64), big.NewInt(math.MaxInt64)
	for range n {
		m := eur(randInt64(r))
		den := randInt64(r)
		if den == 0 {
			den = 1
		}
		s, err := money.Ratio(randInt64(r), den)
		if err != nil {
			require.ErrorIs(t, err, money.ErrOverflow) // −2⁶³/−1 has no int64 form
			continue
		}
		exact := new(big.Rat).Mul(big.NewRat(m.MinorUnits(), 1), s.Rat())
		for _, mode := range allModes {
			want := roundRat(exact, mode)
			got, err := m.Scale(s, mode)
			if want.Cmp(minI) < 0 || want.Cmp(maxI) > 0 {
				require.ErrorIs(t, err, money.ErrOverflow, "%v × %v %v", m, s, mode)
				continue
			}
			require.NoError(t, err, "%v × %v %v", m, s, mode)
			require.Equal(t, want.Int64(), got.MinorUnits(), "%v × %v = %v rounded %v", m, s, exact.FloatString(4), mode)
			require.Equal(t, money.EUR, got.Currency())
		}
	}
}

func TestScaleExamples(t *testing.T) {
	tests := []struct {
		amount, share string
		mode          money.RoundingMode
		want          string
		reason        string
	}{
		{"EUR 1234.50", "10%", money.HalfEven, "EUR 123.45", "exact"},
		{"EUR 100.00", "1/3", money.HalfEven, "EUR 33.33", "3333.33… cents"},
		{"EUR 100.00", "2/3", money.HalfEven, "EUR 66.67", "6666.66… cents"},
		{"EUR 0.25", "50%", money.HalfEven, "EUR 0.12", "12.5 cents, tie to even"},
		{"EUR 0.25", "50%", money.HalfUp, "EUR 0.13", "12.5 cents, tie away from zero"},
		{"EUR -0.25", "50%", money.HalfUp, "EUR -0.13", "−12.5 cents, tie away from zero"},
		{"EUR 0.35", "50%", money.HalfDown, "EUR 0.17", "17.5 cents, tie toward zero"},
		{"EUR 999.99", "12.5%", money.HalfEven, "EUR 125.00", "12499.875 cents"},
		{"EUR 10000.00", "25bp", money.HalfEven, "EUR 25.00", "0.25% of 1 000 000 cents"},
		{"JPY 1001", "10%", money.Ceiling, "JPY 101", "100.1 yen"},
		{"JPY -1001", "10%", money.Ceiling, "JPY -100", "−100.1 yen"},
		{"JPY -1001", "10%", money.Floor, "JPY -101", "−100.1 yen"},
		{"EUR 100.00", "-10%", money.HalfEven, "EUR -10.00", "negative share"},
		{"EUR 92233720368547758.07", "1/1", money.Up, "EUR 92233720368547758.07", "edge, exact"},
	}
	for _, tt := range tests {
		t.Run(tt.amount+"×"+tt.share+" "+tt.mode.String(), func(t *testing.T) {
			got, err := money.MustParseMoney(tt.amount).Scale(money.MustParseShare(tt.share), tt.mode)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.String(), tt.reason)
		})
	}
	_, err := eur(math.MaxInt64).Scale(money.Percent(101), money.Down)
	assert.ErrorIs(t, err, money.ErrOverflow)
	_, err = eur(math.MinInt64).Scale(money.Percent(-100), money.Down)
	assert.ErrorIs(t, err, money.ErrOverflow)
	_, err = eur(1).Scale(money.Percent(1), money.RoundingMode(99))
	assert.ErrorIs(t, err, money.ErrRange)
}

func TestRoundingModeText(t *testing.T) {
	for _, m := range allModes {
		b, err := m.MarshalText()
		require.NoError(t, err)
		var back money.RoundingMode
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, m, back)
	}
	assert.Equal(t, money.HalfEven, money.RoundingMode(0), "the zero value is half-even")
	assert.Equal(t, "RoundingMode(9)", money.RoundingMode(9).String())
	_, err := money.RoundingMode(9).MarshalText()
	assert.ErrorIs(t, err, money.ErrRange)
	var m money.RoundingMode
	assert.ErrorIs(t, m.UnmarshalText([]byte("bankers")), money.ErrSyntax)
}
