package money

import (
	"math"
	"strconv"
	"strings"

	"github.com/slacalc/slacalc/availability"
)

// ParseMoney parses an amount written as a currency code, one space and a
// decimal number: "EUR 1234.50", "JPY 1234", "KWD -0.125".
//
// The grammar, chosen so that every accepted string means exactly one
// amount and [Money.String] output is always accepted:
//
//	money    = code " " [sign] integer ["." fraction]
//	code     = three upper-case letters, a currency in the table
//	sign     = "-" | "+"
//	integer  = digits | 1–3 digits then groups of "," and 3 digits
//	fraction = 1 to MinorDigits(code) digits
//
// So "EUR 1,234.50", "EUR +1234.5" and "EUR 1234" are accepted (and mean
// EUR 1234.50, EUR 1234.50 and EUR 1234.00); "EUR 1.234,50", "EUR 12,34",
// "1234.50 EUR", "eur 1234.50", "EUR 1234.", "EUR .5" and "EUR 1e3" are
// not. Thousands separators are optional but, when present, must separate
// every group of three. More fraction digits than the currency's minor
// unit are an error ([ErrPrecision]) even when they are zeros, because
// rounding is a decision [ParseMoney] does not make. Amounts beyond an
// int64 number of minor units return [ErrOverflow].
func ParseMoney(s string) (Money, error) {
	m, msg, err := parseMoney(s)
	if err != nil {
		if alt := decimalPoint(s); alt != "" {
			msg = "has a decimal comma; the decimal separator is a point: did you mean " + strconv.Quote(alt) + "?"
		}
		return Money{}, parseErr("ParseMoney", s, msg, err)
	}
	return m, nil
}

// decimalPoint returns s with a decimal comma read as the decimal point
// ("EUR 450,00" as "EUR 450.00", "EUR 1.450,00" as "EUR 1,450.00") when
// that is valid money, or "".
func decimalPoint(s string) string {
	if len(s) < 5 || !strings.Contains(s[4:], ",") {
		return ""
	}
	alt := s[:4] + strings.Map(func(r rune) rune {
		switch r {
		case ',':
			return '.'
		case '.':
			return ','
		}
		return r
	}, s[4:])
	if _, _, err := parseMoney(alt); err != nil {
		return ""
	}
	return alt
}

// MustParseMoney is like [ParseMoney] but panics on an error. It is meant
// for literals in tests and examples.
func MustParseMoney(s string) Money {
	m, err := ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

func parseMoney(s string) (Money, string, error) {
	if len(s) < 5 || s[3] != ' ' {
		return Money{}, "want a currency code, a space and an amount", ErrSyntax
	}
	c, err := ParseCurrency(s[:3])
	if err != nil {
		return Money{}, "bad currency code " + strconv.Quote(s[:3]), err.(*availability.InputError).Err
	}
	digits := c.MinorDigits()
	num := s[4:]
	neg := false
	if num[0] == '-' || num[0] == '+' {
		neg = num[0] == '-'
		num = num[1:]
	}
	intPart, frac := num, ""
	for i := 0; i < len(num); i++ {
		if num[i] == '.' {
			intPart, frac = num[:i], num[i+1:]
			if frac == "" {
				return Money{}, "a decimal point must be followed by digits", ErrSyntax
			}
			break
		}
	}
	if intPart == "" {
		return Money{}, "missing integer digits", ErrSyntax
	}
	for i := 0; i < len(frac); i++ {
		if frac[i] < '0' || frac[i] > '9' {
			return Money{}, "unexpected character " + strconv.QuoteRune(rune(frac[i])) + " in the fraction", ErrSyntax
		}
	}
	if len(frac) > digits {
		return Money{}, strconv.Itoa(len(frac)) + " fraction digits, " + string(c) + " has " + strconv.Itoa(digits), ErrPrecision
	}
	// Magnitude in minor units, checked against 2⁶³ (the most negative
	// int64) or 2⁶³ − 1.
	limit := uint64(math.MaxInt64)
	if neg {
		limit++
	}
	var mag uint64
	overflow := false
	push := func(d byte) {
		if mag > (limit-uint64(d))/10 {
			overflow = true
			return
		}
		mag = mag*10 + uint64(d)
	}
	grouped := false
	for i := 0; i < len(intPart); i++ {
		if intPart[i] == ',' {
			grouped = true
			continue
		}
		if intPart[i] < '0' || intPart[i] > '9' {
			return Money{}, "unexpected character " + strconv.QuoteRune(rune(intPart[i])), ErrSyntax
		}
		push(intPart[i] - '0')
	}
	if grouped && !wellGrouped(intPart) {
		return Money{}, "thousands separators must separate every group of three digits", ErrSyntax
	}
	for i := 0; i < len(frac); i++ {
		push(frac[i] - '0')
	}
	for range digits - len(frac) {
		push(0)
	}
	if overflow {
		return Money{}, "beyond an int64 number of minor units", ErrOverflow
	}
	minor := int64(mag) // wraps to MinInt64 for 2⁶³, which is only allowed when neg
	if neg {
		minor = -minor
	}
	return Money{cur: c, minor: minor}, "", nil
}

// wellGrouped reports whether digits with commas has 1–3 leading digits and
// then only groups of "," and three digits.
func wellGrouped(s string) bool {
	first := len(s)
	for i := 0; i < len(s); i++ {
		if s[i] == ',' {
			first = i
			break
		}
	}
	if first < 1 || first > 3 {
		return false
	}
	rest := s[first:]
	if len(rest)%4 != 0 {
		return false
	}
	for i := 0; i < len(rest); i += 4 {
		if rest[i] != ',' {
			return false
		}
		for _, d := range []byte(rest[i+1 : i+4]) {
			if d < '0' || d > '9' {
				return false
			}
		}
	}
	return true
}

// String returns m in the canonical form [ParseMoney] reads: the currency
// code, a space, a minus sign if negative, the integer part without
// thousands separators and exactly MinorDigits fraction digits, e.g.
// "EUR 1234.50", "EUR -0.05", "JPY 1234", "KWD 1.250". The zero Money
// (no currency) is "0".
func (m Money) String() string {
	if m.cur == "" {
		return "0"
	}
	return string(m.appendText(make([]byte, 0, 24)))
}

func (m Money) appendText(b []byte) []byte {
	b = append(b, m.cur...)
	b = append(b, ' ')
	mag := uint64(m.minor)
	if m.minor < 0 {
		b = append(b, '-')
		mag = -mag
	}
	d := m.cur.MinorDigits()
	if d <= 0 {
		return strconv.AppendUint(b, mag, 10)
	}
	p := uint64(pow10[d])
	b = strconv.AppendUint(b, mag/p, 10)
	b = append(b, '.')
	f := mag % p
	for q := p / 10; q > 1 && f < q; q /= 10 {
		b = append(b, '0')
	}
	return strconv.AppendUint(b, f, 10)
}

// AppendText implements [encoding.TextAppender]: it appends the form
// [Money.String] returns, or nothing for the zero Money.
func (m Money) AppendText(b []byte) ([]byte, error) {
	if m.cur == "" {
		return b, nil
	}
	return m.appendText(b), nil
}

// MarshalText implements [encoding.TextMarshaler]. As a result Money
// marshals to JSON as a string, "EUR 1234.50"; the zero Money as "".
func (m Money) MarshalText() ([]byte, error) { return m.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]. It accepts what
// [ParseMoney] accepts, and empty text as the zero Money.
func (m *Money) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*m = Money{}
		return nil
	}
	v, err := ParseMoney(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
