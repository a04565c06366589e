package money

import (
	"math"
	"strconv"
)

// Money is an amount in a currency, held as an integer number of the
// currency's minor units (cents for EUR, yen for JPY, fils for KWD).
//
// Money is an immutable value, comparable with ==: two amounts are equal
// exactly when their currencies and minor units are. No operation uses
// floating point. Arithmetic returns an error instead of wrapping around
// or mixing currencies: [ErrOverflow] when the result does not fit in an
// int64 number of minor units, [ErrCurrencyMismatch] when the operands are
// in different currencies.
//
// The zero Money has no currency; it is what a failed operation returns.
// Its String is "0" and its text (and JSON) form is empty; [Money.IsValid]
// tells it from an amount.
type Money struct {
	cur   Currency
	minor int64
}

// NewMoney returns minor units of currency c: NewMoney(EUR, 123450) is
// EUR 1234.50. It returns [ErrUnknownCurrency] for a code not in the table.
func NewMoney(c Currency, minor int64) (Money, error) {
	if !c.Known() {
		return Money{}, parseErr("NewMoney", string(c), "not an ISO 4217 code in the table", ErrUnknownCurrency)
	}
	return Money{cur: c, minor: minor}, nil
}

// MustNewMoney is like [NewMoney] but panics on an unknown currency. It is
// meant for literals in tests and examples.
func MustNewMoney(c Currency, minor int64) Money {
	m, err := NewMoney(c, minor)
	if err != nil {
		panic(err)
	}
	return m
}

// Currency returns m's currency, "" for the zero Money.
func (m Money) Currency() Currency { return m.cur }

// MinorUnits returns m as an integer number of minor units.
func (m Money) MinorUnits() int64 { return m.minor }

// IsZero reports whether m is a zero amount (in any currency, or none).
func (m Money) IsZero() bool { return m.minor == 0 }

// Sign returns -1, 0 or +1 as m is negative, zero or positive.
func (m Money) Sign() int {
	switch {
	case m.minor < 0:
		return -1
	case m.minor > 0:
		return 1
	}
	return 0
}

// IsValid reports whether m has a known currency, that is, whether it is
// not the zero Money.
func (m Money) IsValid() bool { return m.cur.Known() }

// Add returns m + o.
func (m Money) Add(o Money) (Money, error) {
	if m.cur != o.cur {
		return Money{}, arithErr("Add", ErrCurrencyMismatch, m, o)
	}
	s := m.minor + o.minor
	// Signed overflow happened iff both operands have the sign opposite to s.
	if (m.minor^s)&(o.minor^s) < 0 {
		return Money{}, arithErr("Add", ErrOverflow, m, o)
	}
	return Money{cur: m.cur, minor: s}, nil
}

// Sub returns m − o.
func (m Money) Sub(o Money) (Money, error) {
	if m.cur != o.cur {
		return Money{}, arithErr("Sub", ErrCurrencyMismatch, m, o)
	}
	d := m.minor - o.minor
	if (m.minor^o.minor)&(m.minor^d) < 0 {
		return Money{}, arithErr("Sub", ErrOverflow, m, o)
	}
	return Money{cur: m.cur, minor: d}, nil
}

// Neg returns −m. It fails only for the most negative amount, whose
// negation does not fit.
func (m Money) Neg() (Money, error) {
	if m.minor == math.MinInt64 {
		return Money{}, arithErr("Neg", ErrOverflow, m)
	}
	return Money{cur: m.cur, minor: -m.minor}, nil
}

// Abs returns |m|. It fails only for the most negative amount.
func (m Money) Abs() (Money, error) {
	if m.minor < 0 {
		return m.Neg()
	}
	return m, nil
}

// Mul returns m × n.
func (m Money) Mul(n int64) (Money, error) {
	if m.minor == 0 || n == 0 {
		return Money{cur: m.cur}, nil
	}
	p := m.minor * n
	if p/n != m.minor || (m.minor == -1 && n == math.MinInt64) || (n == -1 && m.minor == math.MinInt64) {
		return Money{}, arithErr("Mul", ErrOverflow, m, int64Text(n))
	}
	return Money{cur: m.cur, minor: p}, nil
}

// Cmp compares m and o: -1 if m < o, 0 if m == o, +1 if m > o. Amounts in
// different currencies do not compare.
func (m Money) Cmp(o Money) (int, error) {
	if m.cur != o.cur {
		return 0, arithErr("Cmp", ErrCurrencyMismatch, m, o)
	}
	switch {
	case m.minor < o.minor:
		return -1, nil
	case m.minor > o.minor:
		return 1, nil
	}
	return 0, nil
}

// Sum returns the sum of amounts, all in currency c; the sum of none is
// zero in c. It fails on the first amount in another currency or on
// overflow of a partial sum.
func Sum(c Currency, amounts ...Money) (Money, error) {
	if !c.Known() {
		return Money{}, parseErr("Sum", string(c), "not an ISO 4217 code in the table", ErrUnknownCurrency)
	}
	s := Money{cur: c}
	for _, a := range amounts {
		var err error
		if s, err = s.Add(a); err != nil {
			return Money{}, err
		}
	}
	return s, nil
}

type int64Text int64

func (n int64Text) String() string { return strconv.FormatInt(int64(n), 10) }

// Zero returns the zero amount in currency c, without checking c: the
// starting point of a sum whose currency is already known to be valid.
func Zero(c Currency) Money { return Money{cur: c} }

// Check says why m cannot stand for a fee, rate or price in cur: unset
// (the zero Money), an unknown currency, another currency than cur, or
// negative. It returns "" and nil when m can.
func (m Money) Check(cur Currency) (reason string, sentinel error) {
	switch {
	case m == Money{}:
		return "must be an amount", ErrRange
	case !m.cur.Known():
		return "has an unknown currency", ErrUnknownCurrency
	case m.cur != cur:
		return "is not in " + cur.String(), ErrCurrencyMismatch
	case m.minor < 0:
		return "must not be negative", ErrRange
	}
	return "", nil
}

// FromMinorFloat rounds x, a number of minor units of c such as a
// simulated mean, half-even to a whole minor unit. A NaN or an x beyond
// the int64 range is an [ArithmeticError] wrapping [ErrOverflow].
func FromMinorFloat(x float64, c Currency) (Money, error) {
	r := math.RoundToEven(x)
	if math.IsNaN(r) || r < math.MinInt64 || r >= math.MaxInt64 {
		return Money{}, &ArithmeticError{Op: "FromMinorFloat", Operands: []string{strconv.FormatFloat(x, 'g', -1, 64) + " " + c.String() + " minor units"}, Err: ErrOverflow}
	}
	return NewMoney(c, int64(r))
}
