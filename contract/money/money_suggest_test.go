package money_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/contract/money"
)

// TestParseMoneySuggestsDecimalPoint checks that a decimal comma is
// answered with the amount written with a decimal point (issue 12).
func TestParseMoneySuggestsDecimalPoint(t *testing.T) {
	tests := []struct{ in, hint string }{
		{"EUR 450,00", `did you mean "EUR 450.00"?`},
		{"EUR 1.450,00", `did you mean "EUR 1,450.00"?`},
		{"EUR -3,5", `did you mean "EUR -3.5"?`},
	}
	for _, tt := range tests {
		_, err := money.ParseMoney(tt.in)
		require.ErrorIs(t, err, money.ErrSyntax, tt.in)
		assert.Contains(t, err.Error(), tt.hint, tt.in)
	}
	for _, in := range []string{"EUR 1234,567", "EUR 1.005", "EUR 12"} {
		_, err := money.ParseMoney(in)
		if err != nil {
			assert.NotContains(t, err.Error(), "did you mean", "%s: no valid reading with a point", in)
		}
	}
}
