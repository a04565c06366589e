package money

import (
	"fmt"
	"strconv"
	"strings"
)

// Format implements [fmt.Formatter]:
//
//   - %v and %s print [Money.String] ("EUR 1234.50"), %q it quoted;
//   - %f prints the amount without its currency, with the currency's
//     minor digits ("1234.50"), and %.Nf with N decimals, rounded
//     half-even when N is below the minor digits (%.0f of EUR 1234.50 is
//     "1234"; [Money.Round] rounds under any mode);
//   - %d prints the integer number of minor units ("123450").
//
// Width and the '-' flag pad the whole text. Other verbs print
// %!verb(money.Money=…) as fmt does.
func (m Money) Format(f fmt.State, verb rune) {
	var s string
	switch verb {
	case 'v', 's':
		s = m.String()
	case 'q':
		s = strconv.Quote(m.String())
	case 'd':
		s = strconv.FormatInt(m.minor, 10)
	case 'f', 'F':
		n, ok := f.Precision()
		if !ok {
			n = m.cur.MinorDigits()
		}
		s = m.decimal(n)
	default:
		fmt.Fprintf(f, "%%!%c(money.Money=%s)", verb, m.String())
		return
	}
	w, ok := f.Width()
	if !ok || len(s) >= w {
		fmt.Fprint(f, s)
		return
	}
	pad := strings.Repeat(" ", w-len(s))
	if f.Flag('-') {
		fmt.Fprint(f, s+pad)
		return
	}
	fmt.Fprint(f, pad+s)
}

// decimal writes the amount with n decimals, rounded half-even.
func (m Money) decimal(n int) string {
	d := max(m.cur.MinorDigits(), 0)
	r := m
	if n < d {
		var err error
		if r, err = m.Round(n, HalfEven); err != nil {
			return "%!f(" + err.Error() + ")"
		}
	}
	s := string(r.appendText(nil))
	if m.cur != "" {
		s = s[len(m.cur)+1:]
	}
	switch {
	case n < d:
		s = s[:len(s)-(d-n)]
		s = strings.TrimSuffix(s, ".")
	case n > d:
		if d == 0 {
			s += "."
		}
		s += strings.Repeat("0", n-d)
	}
	return s
}

// Round rounds m to the given number of decimals of its currency (0 up
// to its minor digits) under mode: Round(0, HalfUp) of EUR 1234.50 is
// EUR 1235.00, for display or for a contract that pays whole euros.
// Decimals at or above the minor digits return m unchanged; negative
// decimals are an error wrapping [ErrRange], and so is an invalid mode.
func (m Money) Round(decimals int, mode RoundingMode) (Money, error) {
	d := m.cur.MinorDigits()
	switch {
	case decimals < 0 || !mode.IsValid():
		return Money{}, arithErr("Round", ErrRange, m, int64Text(decimals), mode)
	case decimals >= d:
		return m, nil
	}
	step := uint64(pow10[d-decimals])
	mag := uabs(m.minor)
	q, rem := mag/step, mag%step
	if mode.roundUp(q, rem, step, m.minor < 0) {
		q++
	}
	v, ok := signed(q*step, m.minor < 0)
	if !ok || q*step/step != q {
		return Money{}, arithErr("Round", ErrOverflow, m, int64Text(decimals), mode)
	}
	return Money{cur: m.cur, minor: v}, nil
}
