package availability_test

import (
	"fmt"
	"testing"

	"github.com/slacalc/slacalc/availability"
	"github.com/stretchr/testify/assert"
)

// TestFormat checks the verbs of Availability.Format; the expected texts
// are the percentages rounded by hand.
func TestFormat(t *testing.T) {
	a := availability.MustParse("98.6044%")
	tests := []struct {
		format string
		a      availability.Availability
		want   string
	}{
		{"%v", a, "98.6044%"},
		{"%s", a, "98.6044%"},
		{"%q", a, `"98.6044%"`},
		{"%.2f", a, "98.60%"},
		{"%.3f", a, "98.604%"}, // 98.6044 → 98.604
		{"%.0f", a, "99%"},
		{"%f", a, "98.604400%"},
		{"%10.1f", a, "     98.6%"},
		{"%-10.1f|", a, "98.6%     |"},
		{"%.2f", availability.MustParse("99.995%"), "99.99%"}, // would be 100.00: stops one step short
		{"%.2f", availability.MustParse("99.985%"), "99.99%"}, // a half rounds away from zero
		{"%.1f", availability.MustParse("0.01%"), "0.1%"},     // never 0% unless it is
		{"%.2f", availability.MustParse("100%"), "100.00%"},   // exactly 100% stays
		{"%.2f", availability.MustParse("0%"), "0.00%"},       // exactly 0% stays
		{"%.4f", availability.MustParse("99.99999%"), "99.9999%"},
		{"%.1e", availability.MustParse("50%"), "5.0e+01%"},
		{"%d", a, "%!d(availability.Availability=98.6044%)"},
		{"%v", availability.MustParse("99.9999999999999%"), "99.9999999999999%"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, fmt.Sprintf(tt.format, tt.a), tt.format)
	}
}

func TestRound(t *testing.T) {
	assert.Equal(t, "98.6%", availability.MustParse("98.6044%").Round(1).String())
	assert.Equal(t, "99.99%", availability.MustParse("99.9999%").Round(2).String())
	assert.Equal(t, "100%", availability.MustParse("100%").Round(2).String())
	assert.Equal(t, "99%", availability.MustParse("98.6044%").Round(-3).String()) // clamped to 0 decimals
}

func ExampleAvailability_Format() {
	a, err := availability.Series(availability.MustParse("99%"), availability.MustParse("99.6%"))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%v %.2f %.1f\n", a, a, a)
	fmt.Printf("%.2f\n", availability.MustParse("99.995%"))
	// Output:
	// 98.604% 98.60% 98.6%
	// 99.99%
}
