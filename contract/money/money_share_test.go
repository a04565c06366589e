package money_test

import (
	"math"
	"math/big"
	"testing"

	"github.com/slacalc/slacalc/contract/money"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseShare(t *testing.T) {
	tests := []struct {
		in       string
		num, den int64
		str      string
	}{
		{"10%", 1, 10, "10%"},
		{"12.5%", 1, 8, "12.5%"},
		{"-10%", -1, 10, "-10%"},
		{"+150%", 3, 2, "150%"},
		{"25bp", 1, 400, "0.25%"},
		{"1bp", 1, 10000, "0.01%"},
		{"1/3", 1, 3, "1/3"},
		{"-2/6", -1, 3, "-1/3"},
		{"0.125", 1, 8, "12.5%"},
		{"0", 0, 1, "0%"},
		{"1/7", 1, 7, "1/7"},
		{"3/16", 3, 16, "18.75%"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s, err := money.ParseShare(tt.in)
			require.NoError(t, err)
			assert.Equal(t, [2]int64{tt.num, tt.den}, [2]int64{s.Num(), s.Den()})
			assert.Equal(t, tt.str, s.String())
			back, err := money.ParseShare(s.String())
			require.NoError(t, err)
			assert.Equal(t, s, back, "String round trip")
		})
	}
	for _, bad := range []string{"", "%", "bp", "1/", "/3", "1/-3", "1.5/3", "1e2%", "12,5%", " 10%", "10 %", "abc", "1/2%"} {
		_, err := money.ParseShare(bad)
		assert.ErrorIs(t, err, money.ErrSyntax, bad)
	}
	_, err := money.ParseShare("1/0")
	assert.ErrorIs(t, err, money.ErrRange)
	_, err = money.ParseShare("99999999999999999999")
	assert.ErrorIs(t, err, money.ErrOverflow)
	assert.Panics(t, func() { money.MustParseShare("x") })
}

func TestShareConstructors(t *testing.T) {
	assert.Equal(t, money.MustParseShare("7%"), money.Percent(7))
	assert.Equal(t, money.MustParseShare("125bp"), money.BasisPoints(125))
	s, err := money.Ratio(6, -4)
	require.NoError(t, err)
	assert.Equal(t, "-3/2", s.Rat().String())
	assert.Equal(t, -1, s.Sign())
	_, err = money.Ratio(1, 0)
	assert.ErrorIs(t, err, money.ErrRange)
	_, err = money.Ratio(math.MinInt64, -1)
	assert.ErrorIs(t, err, money.ErrOverflow)
	s, err = money.Ratio(math.MinInt64, 1)
	require.NoError(t, err)
	assert.Equal(t, int64(math.MinInt64), s.Num())
	s, err = money.ShareFromRat(big.NewRat(5, 40))
	require.NoError(t, err)
	assert.Equal(t, money.Percent(125).String(), "125%")
	assert.Equal(t, "12.5%", s.String())
	_, err = money.ShareFromRat(new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), 70)))
	assert.ErrorIs(t, err, money.ErrOverflow)
	var zero money.Share
	assert.Equal(t, int64(1), zero.Den())
	assert.Equal(t, "0%", zero.String())
	got, err := eur(100).Scale(zero, money.HalfEven)
	require.NoError(t, err)
	assert.Equal(t, eur(0), got)
	var back money.Share
	require.NoError(t, back.UnmarshalText([]byte("12.5%")))
	txt, err := back.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "12.5%", string(txt))
	assert.ErrorIs(t, back.UnmarshalText([]byte("x")), money.ErrSyntax)
}

func FuzzParseShare(f *testing.F) {
	for _, s := range []string{"10%", "12.5%", "25bp", "1/3", "-2/6", "0.125", "1/0", "1e3", "9223372036854775807/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := money.ParseShare(s)
		if err != nil {
			return
		}
		back, err := money.ParseShare(v.String())
		if err != nil || back != v {
			t.Fatalf("ParseShare(%q) = %v; String %q parses to %v, %v", s, v, v.String(), back, err)
		}
	})
}
