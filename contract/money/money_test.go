package money_test

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in    string
		cur   money.Currency
		minor int64
		canon string // String() of the result
	}{
		{"EUR 1234.50", money.EUR, 123450, "EUR 1234.50"},
		{"EUR 1,234.50", money.EUR, 123450, "EUR 1234.50"},
		{"EUR 1,234,567.89", money.EUR, 123456789, "EUR 1234567.89"},
		{"EUR +1234.5", money.EUR, 123450, "EUR 1234.50"},
		{"EUR 1234", money.EUR, 123400, "EUR 1234.00"},
		{"EUR -0.05", money.EUR, -5, "EUR -0.05"},
		{"EUR -0.00", money.EUR, 0, "EUR 0.00"},
		{"EUR 007.10", money.EUR, 710, "EUR 7.10"},
		{"JPY 1234", money.JPY, 1234, "JPY 1234"},
		{"JPY -1,000", money.JPY, -1000, "JPY -1000"},
		{"KWD 1.25", money.KWD, 1250, "KWD 1.250"},
		{"KWD -0.125", money.KWD, -125, "KWD -0.125"},
		{"CLF 1.0001", "CLF", 10001, "CLF 1.0001"},
		// The int64 edges: 2⁶³ − 1 and −2⁶³ minor units.
		{"EUR 92233720368547758.07", money.EUR, math.MaxInt64, "EUR 92233720368547758.07"},
		{"EUR -92233720368547758.08", money.EUR, math.MinInt64, "EUR -92233720368547758.08"},
		{"JPY 9,223,372,036,854,775,807", money.JPY, math.MaxInt64, "JPY 9223372036854775807"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, err := money.ParseMoney(tt.in)
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
		{"", money.ErrSyntax},
		{"EUR", money.ErrSyntax},
		{"EUR ", money.ErrSyntax},
		{"EUR  12", money.ErrSyntax},
		{"EUR12", money.ErrSyntax},
		{"eur 12", money.ErrSyntax},
		{"1234.50 EUR", money.ErrSyntax},
		{"XXY 12", money.ErrUnknownCurrency},
		{"EUR 1.234,50", money.ErrSyntax},
		{"EUR 12,34", money.ErrSyntax},
		{"EUR 1234,567", money.ErrSyntax},
		{"EUR ,123", money.ErrSyntax},
		{"EUR 1,23,456", money.ErrSyntax},
		{"EUR 1234.", money.ErrSyntax},
		{"EUR .5", money.ErrSyntax},
		{"EUR -", money.ErrSyntax},
		{"EUR --1", money.ErrSyntax},
		{"EUR 1e3", money.ErrSyntax},
		{"EUR 1.2.3", money.ErrSyntax},
		{"EUR 12 ", money.ErrSyntax},
		{"EUR 1.005", money.ErrPrecision},
		{"EUR 1.500", money.ErrPrecision},
		{"JPY 1.0", money.ErrPrecision},
		{"EUR 92233720368547758.08", money.ErrOverflow},  // 2⁶³ minor units
		{"EUR -92233720368547758.09", money.ErrOverflow}, // −2⁶³ − 1
		{"JPY 99999999999999999999999", money.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := money.ParseMoney(tt.in)
			require.ErrorIs(t, err, tt.want)
			var pe *availability.InputError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, strconv.Quote(tt.in), pe.Value)
			assert.Contains(t, err.Error(), "ParseMoney")
		})
	}
}

func TestMustParseMoneyPanics(t *testing.T) {
	assert.Panics(t, func() { money.MustParseMoney("EUR x") })
	assert.Panics(t, func() { money.MustNewMoney("ZZZ", 1) })
	assert.NotPanics(t, func() { money.MustParseMoney("EUR 1") })
}

func TestParseCurrency(t *testing.T) {
	for _, code := range []string{"EUR", "USD", "GBP", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN", "CAD", "AUD", "NZD", "CNY", "INR", "BRL", "KWD", "BHD"} {
		c, err := money.ParseCurrency(code)
		require.NoError(t, err, code)
		assert.Equal(t, code, c.String())
	}
	// Minor digits from ISO 4217 List One, column "Minor unit".
	digits := map[money.Currency]int{"EUR": 2, "USD": 2, "JPY": 0, "KWD": 3, "BHD": 3, "CLF": 4, "ISK": 0, "KRW": 0, "ZZZ": -1, "": -1}
	for c, d := range digits {
		assert.Equal(t, d, c.MinorDigits(), c)
	}
	for _, bad := range []string{"", "EU", "EURO", "eur", "E1R"} {
		_, err := money.ParseCurrency(bad)
		assert.ErrorIs(t, err, money.ErrSyntax, bad)
	}
	_, err := money.ParseCurrency("ZZZ")
	assert.ErrorIs(t, err, money.ErrUnknownCurrency)
	_, err = money.NewMoney("ZZZ", 1)
	assert.ErrorIs(t, err, money.ErrUnknownCurrency)
}

func eur(minor int64) money.Money { return money.MustNewMoney(money.EUR, minor) }

func TestArithmetic(t *testing.T) {
	usd := money.MustNewMoney(money.USD, 1)
	type op func() (money.Money, error)
	tests := []struct {
		name string
		f    op
		want money.Money
		err  error
	}{
		{"add", func() (money.Money, error) { return eur(150).Add(eur(-200)) }, eur(-50), nil},
		{"sub", func() (money.Money, error) { return eur(150).Sub(eur(200)) }, eur(-50), nil},
		{"neg", func() (money.Money, error) { return eur(150).Neg() }, eur(-150), nil},
		{"abs", func() (money.Money, error) { return eur(-150).Abs() }, eur(150), nil},
		{"mul", func() (money.Money, error) { return eur(-150).Mul(-3) }, eur(450), nil},
		{"mul zero", func() (money.Money, error) { return eur(math.MinInt64).Mul(0) }, eur(0), nil},
		{"add edge", func() (money.Money, error) { return eur(math.MaxInt64 - 1).Add(eur(1)) }, eur(math.MaxInt64), nil},
		{"sub edge", func() (money.Money, error) { return eur(math.MinInt64 + 1).Sub(eur(1)) }, eur(math.MinInt64), nil},
		{"mul edge", func() (money.Money, error) { return eur(math.MinInt64 / 2).Mul(2) }, eur(math.MinInt64), nil},
		{"mismatch add", func() (money.Money, error) { return eur(1).Add(usd) }, money.Money{}, money.ErrCurrencyMismatch},
		{"mismatch sub", func() (money.Money, error) { return eur(1).Sub(usd) }, money.Money{}, money.ErrCurrencyMismatch},
		{"add overflow", func() (money.Money, error) { return eur(math.MaxInt64).Add(eur(1)) }, money.Money{}, money.ErrOverflow},
		{"add underflow", func() (money.Money, error) { return eur(math.MinInt64).Add(eur(-1)) }, money.Money{}, money.ErrOverflow},
		{"sub overflow", func() (money.Money, error) { return eur(math.MaxInt64).Sub(eur(-1)) }, money.Money{}, money.ErrOverflow},
		{"sub underflow", func() (money.Money, error) { return eur(math.MinInt64).Sub(eur(1)) }, money.Money{}, money.ErrOverflow},
		{"sub zero minus min", func() (money.Money, error) { return eur(0).Sub(eur(math.MinInt64)) }, money.Money{}, money.ErrOverflow},
		{"neg min", func() (money.Money, error) { return eur(math.MinInt64).Neg() }, money.Money{}, money.ErrOverflow},
		{"abs min", func() (money.Money, error) { return eur(math.MinInt64).Abs() }, money.Money{}, money.ErrOverflow},
		{"mul overflow", func() (money.Money, error) { return eur(math.MaxInt64/2 + 1).Mul(2) }, money.Money{}, money.ErrOverflow},
		{"mul min by -1", func() (money.Money, error) { return eur(math.MinInt64).Mul(-1) }, money.Money{}, money.ErrOverflow},
		{"mul -1 by min", func() (money.Money, error) { return eur(-1).Mul(math.MinInt64) }, money.Money{}, money.ErrOverflow},
		{"mul big", func() (money.Money, error) { return eur(1 << 32).Mul(1 << 31) }, money.Money{}, money.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.f()
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				var ae *money.ArithmeticError
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
	_, err = eur(1).Cmp(money.MustNewMoney(money.GBP, 1))
	assert.ErrorIs(t, err, money.ErrCurrencyMismatch)
	assert.ErrorContains(t, err, "EUR 0.01")
	assert.ErrorContains(t, err, "GBP 0.01")
	assert.Equal(t, []int{-1, 0, 1}, []int{eur(-7).Sign(), eur(0).Sign(), eur(7).Sign()})
	assert.True(t, eur(0).IsZero())
	assert.True(t, money.Money{}.IsZero())
	assert.False(t, money.Money{}.IsValid())
	assert.True(t, eur(0).IsValid())
	assert.Equal(t, "0", money.Money{}.String())
}

func TestSum(t *testing.T) {
	s, err := money.Sum(money.EUR, eur(1), eur(2), eur(-5))
	require.NoError(t, err)
	assert.Equal(t, eur(-2), s)
	s, err = money.Sum(money.EUR)
	require.NoError(t, err)
	assert.Equal(t, eur(0), s)
	_, err = money.Sum(money.EUR, eur(1), money.MustNewMoney(money.USD, 1))
	assert.ErrorIs(t, err, money.ErrCurrencyMismatch)
	_, err = money.Sum(money.EUR, eur(math.MaxInt64), eur(1))
	assert.ErrorIs(t, err, money.ErrOverflow)
	_, err = money.Sum("ZZZ")
	assert.ErrorIs(t, err, money.ErrUnknownCurrency)
}

func TestMoneyJSON(t *testing.T) {
	type invoice struct {
		Total money.Money   `json:"total"`
		Lines []money.Money `json:"lines"`
		Unset money.Money   `json:"unset"`
	}
	in := invoice{
		Total: money.MustParseMoney("EUR 1234.50"),
		Lines: []money.Money{money.MustParseMoney("JPY -5"), money.MustParseMoney("KWD 0.001")},
	}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"total":"EUR 1234.50","lines":["JPY -5","KWD 0.001"],"unset":""}`, string(b))
	var out invoice
	require.NoError(t, json.Unmarshal(b, &out))
	if diff := cmp.Diff(in, out, cmp.Comparer(func(a, b money.Money) bool { return a == b })); diff != "" {
		t.Errorf("JSON round trip (-in +out):\n%s", diff)
	}
	err = json.Unmarshal([]byte(`{"total":"EUR 1.005"}`), &out)
	assert.ErrorIs(t, err, money.ErrPrecision)
}

func TestAppendTextAllocs(t *testing.T) {
	m := money.MustParseMoney("EUR -1234.05")
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
		m, err := money.ParseMoney(s)
		if err != nil {
			var pe *availability.InputError
			if !errors.As(err, &pe) || pe.Value != strconv.Quote(s) {
				t.Fatalf("ParseMoney(%q) error %v is not an *availability.InputError naming the input", s, err)
			}
			return
		}
		text := m.String()
		m2, err := money.ParseMoney(text)
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
