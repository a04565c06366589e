package contract_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/contract"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in    string
		cur   contract.Currency
		minor int64
		canon string // String() of the result
	}{
		{"EUR 1234.50", contract.EUR, 123450, "EUR 1234.50"},
		{"EUR 1,234.50", contract.EUR, 123450, "EUR 1234.50"},
		{"EUR 1,234,567.89", contract.EUR, 123456789, "EUR 1234567.89"},
		{"EUR +1234.5", contract.EUR, 123450, "EUR 1234.50"},
		{"EUR 1234", contract.EUR, 123400, "EUR 1234.00"},
		{"EUR -0.05", contract.EUR, -5, "EUR -0.05"},
		{"EUR -0.00", contract.EUR, 0, "EUR 0.00"},
		{"EUR 007.10", contract.EUR, 710, "EUR 7.10"},
		{"JPY 1234", contract.JPY, 1234, "JPY 1234"},
		{"JPY -1,000", contract.JPY, -1000, "JPY -1000"},
		{"KWD 1.25", contract.KWD, 1250, "KWD 1.250"},
		{"KWD -0.125", contract.KWD, -125, "KWD -0.125"},
		{"CLF 1.0001", "CLF", 10001, "CLF 1.0001"},
		// The int64 edges: 2⁶³ − 1 and −2⁶³ minor units.
		{"EUR 92233720368547758.07", contract.EUR, math.MaxInt64, "EUR 92233720368547758.07"},
		{"EUR -92233720368547758.08", contract.EUR, math.MinInt64, "EUR -92233720368547758.08"},
		{"JPY 9,223,372,036,854,775,807", contract.JPY, math.MaxInt64, "JPY 9223372036854775807"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, err := contract.ParseMoney(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.cur, m.Currency())
			assert.Equal(t, tt.minor, m.MinorUnits())
			assert.Equal(t, tt.canon, m.String())
		})
	}
}

func TestParseMoneyErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", contract.ErrSyntax},
		{"EUR", contract.ErrSyntax},
		{"EUR ", contract.ErrSyntax},
		{"EUR  12", contract.ErrSyntax},
		{"EUR12", contract.ErrSyntax},
		{"eur 12", contract.ErrSyntax},
		{"1234.50 EUR", contract.ErrSyntax},
		{"XXY 12", contract.ErrUnknownCurrency},
		{"EUR 1.234,50", contract.ErrSyntax},
		{"EUR 12,34", contract.ErrSyntax},
		{"EUR 1234,567", contract.ErrSyntax},
		{"EUR ,123", contract.ErrSyntax},
		{"EUR 1,23,456", contract.ErrSyntax},
		{"EUR 1234.", contract.ErrSyntax},
		{"EUR .5", contract.ErrSyntax},
		{"EUR -", contract.ErrSyntax},
		{"EUR --1", contract.ErrSyntax},
		{"EUR 1e3", contract.ErrSyntax},
		{"EUR 1.2.3", contract.ErrSyntax},
		{"EUR 12 ", contract.ErrSyntax},
		{"EUR 1.005", contract.ErrPrecision},
		{"EUR 1.500", contract.ErrPrecision},
		{"JPY 1.0", contract.ErrPrecision},
		{"EUR 92233720368547758.08", contract.ErrOverflow},  // 2⁶³ minor units
		{"EUR -92233720368547758.09", contract.ErrOverflow}, // −2⁶³ − 1
		{"JPY 99999999999999999999999", contract.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := contract.ParseMoney(tt.in)
			require.ErrorIs(t, err, tt.want)
			var pe *contract.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.in, pe.Input)
			assert.Contains(t, err.Error(), "ParseMoney")
		})
	}
}

func TestMustParseMoneyPanics(t *testing.T) {
	assert.Panics(t, func() { contract.MustParseMoney("EUR x") })
	assert.Panics(t, func() { contract.MustNewMoney("ZZZ", 1) })
	assert.NotPanics(t, func() { contract.MustParseMoney("EUR 1") })
}

func TestParseCurrency(t *testing.T) {
	for _, code := range []string{"EUR", "USD", "GBP", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN", "CAD", "AUD", "NZD", "CNY", "INR", "BRL", "KWD", "BHD"} {
		c, err := contract.ParseCurrency(code)
		require.NoError(t, err, code)
		assert.Equal(t, code, c.String())
	}
	// Minor digits from ISO 4217 List One, column "Minor unit".
	digits := map[contract.Currency]int{"EUR": 2, "USD": 2, "JPY": 0, "KWD": 3, "BHD": 3, "CLF": 4, "ISK": 0, "KRW": 0, "ZZZ": -1, "": -1}
	for c, d := range digits {
		assert.Equal(t, d, c.MinorDigits(), c)
	}
	for _, bad := range []string{"", "EU", "EURO", "eur", "E1R"} {
		_, err := contract.ParseCurrency(bad)
		assert.ErrorIs(t, err, contract.ErrSyntax, bad)
	}
	_, err := contract.ParseCurrency("ZZZ")
	assert.ErrorIs(t, err, contract.ErrUnknownCurrency)
	_, err = contract.NewMoney("ZZZ", 1)
	assert.ErrorIs(t, err, contract.ErrUnknownCurrency)
}

func eur(minor int64) contract.Money { return contract.MustNewMoney(contract.EUR, minor) }

func TestArithmetic(t *testing.T) {
	usd := contract.MustNewMoney(contract.USD, 1)
	type op func() (contract.Money, error)
	tests := []struct {
		name string
		f    op
		want contract.Money
		err  error
	}{
		{"add", func() (contract.Money, error) { return eur(150).Add(eur(-200)) }, eur(-50), nil},
		{"sub", func() (contract.Money, error) { return eur(150).Sub(eur(200)) }, eur(-50), nil},
		{"neg", func() (contract.Money, error) { return eur(150).Neg() }, eur(-150), nil},
		{"abs", func() (contract.Money, error) { return eur(-150).Abs() }, eur(150), nil},
		{"mul", func() (contract.Money, error) { return eur(-150).Mul(-3) }, eur(450), nil},
		{"mul zero", func() (contract.Money, error) { return eur(math.MinInt64).Mul(0) }, eur(0), nil},
		{"add edge", func() (contract.Money, error) { return eur(math.MaxInt64 - 1).Add(eur(1)) }, eur(math.MaxInt64), nil},
		{"sub edge", func() (contract.Money, error) { return eur(math.MinInt64 + 1).Sub(eur(1)) }, eur(math.MinInt64), nil},
		{"mul edge", func() (contract.Money, error) { return eur(math.MinInt64 / 2).Mul(2) }, eur(math.MinInt64), nil},
		{"mismatch add", func() (contract.Money, error) { return eur(1).Add(usd) }, contract.Money{}, contract.ErrCurrencyMismatch},
		{"mismatch sub", func() (contract.Money, error) { return eur(1).Sub(usd) }, contract.Money{}, contract.ErrCurrencyMismatch},
		{"add overflow", func() (contract.Money, error) { return eur(math.MaxInt64).Add(eur(1)) }, contract.Money{}, contract.ErrOverflow},
		{"add underflow", func() (contract.Money, error) { return eur(math.MinInt64).Add(eur(-1)) }, contract.Money{}, contract.ErrOverflow},
		{"sub overflow", func() (contract.Money, error) { return eur(math.MaxInt64).Sub(eur(-1)) }, contract.Money{}, contract.ErrOverflow},
		{"sub underflow", func() (contract.Money, error) { return eur(math.MinInt64).Sub(eur(1)) }, contract.Money{}, contract.ErrOverflow},
		{"sub zero minus min", func() (contract.Money, error) { return eur(0).Sub(eur(math.MinInt64)) }, contract.Money{}, contract.ErrOverflow},
		{"neg min", func() (contract.Money, error) { return eur(math.MinInt64).Neg() }, contract.Money{}, contract.ErrOverflow},
		{"abs min", func() (contract.Money, error) { return eur(math.MinInt64).Abs() }, contract.Money{}, contract.ErrOverflow},
		{"mul overflow", func() (contract.Money, error) { return eur(math.MaxInt64/2 + 1).Mul(2) }, contract.Money{}, contract.ErrOverflow},
		{"mul min by -1", func() (contract.Money, error) { return eur(math.MinInt64).Mul(-1) }, contract.Money{}, contract.ErrOverflow},
		{"mul -1 by min", func() (contract.Money, error) { return eur(-1).Mul(math.MinInt64) }, contract.Money{}, contract.ErrOverflow},
		{"mul big", func() (contract.Money, error) { return eur(1 << 32).Mul(1 << 31) }, contract.Money{}, contract.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.f()
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				var ae *contract.ArithmeticError
				require.ErrorAs(t, err, &ae)
				assert.NotEmpty(t, ae.Operands)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCompareAndSign(t *testing.T) {
	c, err := eur(-1).Cmp(eur(2))
	require.NoError(t, err)
	assert.Equal(t, -1, c)
	c, err = eur(2).Cmp(eur(2))
	require.NoError(t, err)
	assert.Equal(t, 0, c)
	c, err = eur(3).Cmp(eur(2))
	require.NoError(t, err)
	assert.Equal(t, 1, c)
	_, err = eur(1).Cmp(contract.MustNewMoney(contract.GBP, 1))
	assert.ErrorIs(t, err, contract.ErrCurrencyMismatch)
	assert.ErrorContains(t, err, "EUR 0.01")
	assert.ErrorContains(t, err, "GBP 0.01")
	assert.Equal(t, []int{-1, 0, 1}, []int{eur(-7).Sign(), eur(0).Sign(), eur(7).Sign()})
	assert.True(t, eur(0).IsZero())
	assert.True(t, contract.Money{}.IsZero())
	assert.False(t, contract.Money{}.IsValid())
	assert.True(t, eur(0).IsValid())
	assert.Equal(t, "0", contract.Money{}.String())
}

func TestSum(t *testing.T) {
	s, err := contract.Sum(contract.EUR, eur(1), eur(2), eur(-5))
	require.NoError(t, err)
	assert.Equal(t, eur(-2), s)
	s, err = contract.Sum(contract.EUR)
	require.NoError(t, err)
	assert.Equal(t, eur(0), s)
	_, err = contract.Sum(contract.EUR, eur(1), contract.MustNewMoney(contract.USD, 1))
	assert.ErrorIs(t, err, contract.ErrCurrencyMismatch)
	_, err = contract.Sum(contract.EUR, eur(math.MaxInt64), eur(1))
	assert.ErrorIs(t, err, contract.ErrOverflow)
	_, err = contract.Sum("ZZZ")
	assert.ErrorIs(t, err, contract.ErrUnknownCurrency)
}

func TestMoneyJSON(t *testing.T) {
	type invoice struct {
		Total contract.Money   `json:"total"`
		Lines []contract.Money `json:"lines"`
		Unset contract.Money   `json:"unset"`
	}
	in := invoice{
		Total: contract.MustParseMoney("EUR 1234.50"),
		Lines: []contract.Money{contract.MustParseMoney("JPY -5"), contract.MustParseMoney("KWD 0.001")},
	}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"total":"EUR 1234.50","lines":["JPY -5","KWD 0.001"],"unset":""}`, string(b))
	var out invoice
	require.NoError(t, json.Unmarshal(b, &out))
	if diff := cmp.Diff(in, out, cmp.Comparer(func(a, b contract.Money) bool { return a == b })); diff != "" {
		t.Errorf("JSON round trip (-in +out):\n%s", diff)
	}
	err = json.Unmarshal([]byte(`{"total":"EUR 1.005"}`), &out)
	assert.ErrorIs(t, err, contract.ErrPrecision)
}

func TestAppendTextAllocs(t *testing.T) {
	m := contract.MustParseMoney("EUR -1234.05")
	buf := make([]byte, 0, 64)
	allocs := testing.AllocsPerRun(100, func() {
		buf, _ = m.AppendText(buf[:0])
	})
	assert.Zero(t, allocs)
	assert.Equal(t, "EUR -1234.05", string(buf))
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{
		"EUR 1234.50", "EUR 1,234.50", "EUR -0.05", "EUR +1", "JPY 1234", "KWD -0.125", "CLF 1.0001",
		"EUR 92233720368547758.07", "EUR -92233720368547758.08", "EUR 92233720368547758.08",
		"EUR 1.005", "EUR 1,23", "eur 1", "EUR", "", "EUR .5", "EUR 1.", "JPY 1,000,000",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := contract.ParseMoney(s)
		if err != nil {
			var pe *contract.ParseError
			if !errors.As(err, &pe) || pe.Input != s {
				t.Fatalf("ParseMoney(%q) error %v is not a *ParseError naming the input", s, err)
			}
			return
		}
		text := m.String()
		m2, err := contract.ParseMoney(text)
		if err != nil {
			t.Fatalf("ParseMoney(%q) = %v, but its String %q does not parse: %v", s, m, text, err)
		}
		if m2 != m {
			t.Fatalf("round trip %q -> %v -> %q -> %v", s, m, text, m2)
		}
		if m2.String() != text {
			t.Fatalf("String not canonical: %q then %q", text, m2.String())
		}
	})
}
