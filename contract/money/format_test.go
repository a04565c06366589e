package money_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/slacalc/slacalc/contract/money"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFormat checks the verbs of Money.Format against amounts written by
// hand.
func TestFormat(t *testing.T) {
	eur := money.MustParseMoney("EUR 1234.50")
	tests := []struct {
		format string
		m      money.Money
		want   string
	}{
		{"%v", eur, "EUR 1234.50"},
		{"%s", eur, "EUR 1234.50"},
		{"%q", eur, `"EUR 1234.50"`},
		{"%d", eur, "123450"},
		{"%f", eur, "1234.50"},
		{"%.0f", eur, "1234"}, // half-even: 1234.5 → 1234
		{"%.0f", money.MustParseMoney("EUR 1235.50"), "1236"},
		{"%.1f", money.MustParseMoney("EUR -0.05"), "0.0"}, // half-even to zero cents: no negative zero
		{"%.4f", eur, "1234.5000"},
		{"%.2f", money.MustParseMoney("JPY 1234"), "1234.00"},
		{"%12v|", eur, " EUR 1234.50|"},
		{"%-12v|", eur, "EUR 1234.50 |"},
		{"%x", eur, "%!x(money.Money=EUR 1234.50)"},
		{"%f", money.MustParseMoney("KWD 1.250"), "1.250"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, fmt.Sprintf(tt.format, tt.m), tt.format)
	}
}

// TestRound checks Money.Round under each mode at a tie and off a tie.
func TestRound(t *testing.T) {
	tests := []struct {
		in       string
		decimals int
		mode     money.RoundingMode
		want     string
	}{
		{"EUR 1234.50", 0, money.HalfUp, "EUR 1235.00"},
		{"EUR 1234.50", 0, money.HalfEven, "EUR 1234.00"},
		{"EUR 1234.50", 0, money.HalfDown, "EUR 1234.00"},
		{"EUR 1234.51", 0, money.HalfDown, "EUR 1235.00"},
		{"EUR -1234.50", 0, money.HalfUp, "EUR -1235.00"},
		{"EUR -1234.01", 0, money.Ceiling, "EUR -1234.00"},
		{"EUR -1234.01", 0, money.Floor, "EUR -1235.00"},
		{"EUR 1234.01", 0, money.Up, "EUR 1235.00"},
		{"EUR 1234.99", 0, money.Down, "EUR 1234.00"},
		{"EUR 1234.56", 1, money.HalfEven, "EUR 1234.60"},
		{"EUR 1234.56", 2, money.HalfEven, "EUR 1234.56"},
		{"KWD 1.255", 2, money.HalfEven, "KWD 1.260"},
	}
	for _, tt := range tests {
		got, err := money.MustParseMoney(tt.in).Round(tt.decimals, tt.mode)
		require.NoError(t, err)
		assert.Equal(t, tt.want, got.String(), "%s %d %v", tt.in, tt.decimals, tt.mode)
	}
	_, err := money.MustParseMoney("EUR 1.00").Round(-1, money.HalfEven)
	assert.ErrorIs(t, err, money.ErrRange)
	_, err = money.MustParseMoney("EUR 1.00").Round(0, money.RoundingMode(99))
	assert.ErrorIs(t, err, money.ErrRange)
	big, err := money.NewMoney(money.EUR, math.MaxInt64)
	require.NoError(t, err)
	_, err = big.Round(0, money.Up)
	assert.ErrorIs(t, err, money.ErrOverflow)
}

func ExampleMoney_Format() {
	fee := money.MustParseMoney("EUR 1234.50")
	fmt.Printf("%v | %f | %.0f | %d\n", fee, fee, fee, fee)
	// Output:
	// EUR 1234.50 | 1234.50 | 1234 | 123450
}

func ExampleMoney_Round() {
	whole, _ := money.MustParseMoney("EUR 1234.50").Round(0, money.HalfUp)
	fmt.Println(whole)
	// Output:
	// EUR 1235.00
}
