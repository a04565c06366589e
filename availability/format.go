package availability

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Format implements [fmt.Formatter], so that availabilities print in the
// verbs users expect:
//
//   - %v and %s print [Availability.String] ("98.6044%"), %q it quoted;
//   - %f, %F and %.Nf print the percentage with N decimals (6 without a
//     precision), rounded by [Availability.Round]: %.2f of 98.6044% is
//     "98.60%", and of 99.999% is "99.99%", never "100.00%";
//   - %e and %g print [Availability.Percent] with fmt's float verbs and a
//     "%" sign.
//
// Width and the '-' flag pad the whole text, sign and all. Other verbs
// print %!verb(availability.Availability=…) as fmt does.
func (a Availability) Format(f fmt.State, verb rune) {
	var s string
	switch verb {
	case 'v', 's':
		s = a.String()
	case 'q':
		s = strconv.Quote(a.String())
	case 'f', 'F':
		n, ok := f.Precision()
		if !ok {
			n = 6
		}
		s = a.percentDigits(n) + "%"
	case 'e', 'E', 'g', 'G':
		format := "%"
		if n, ok := f.Precision(); ok {
			format += "." + strconv.Itoa(n)
		}
		s = fmt.Sprintf(format+string(verb), a.Percent()) + "%"
	default:
		fmt.Fprintf(f, "%%!%c(availability.Availability=%s)", verb, a.String())
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

// Round returns a rounded to the given number of decimals of its
// percentage (0 to 15), for display: to the nearest, halves away from
// zero, except that an availability below 100% never rounds up to 100%
// and one above 0% never rounds down to 0%; they stop one step short
// instead. So Round(2) of 99.995% is 99.99%, not a promise of 100% that
// was never made. Decimals outside 0–15 are clamped to that range.
func (a Availability) Round(decimals int) Availability {
	v, err := Parse(a.percentDigits(min(max(decimals, 0), 15)) + "%")
	if err != nil { // unreachable: percentDigits writes a percentage in [0, 100]
		return a
	}
	return v
}

// percentDigits writes the percentage of a with n decimals as Round
// rounds it.
func (a Availability) percentDigits(n int) string {
	exact, _ := new(big.Rat).SetString(strings.TrimSuffix(percentText(strconv.FormatFloat(a.u, 'e', -1, 64)), "%"))
	s := exact.FloatString(n) // nearest, halves away from zero
	step := new(big.Rat).SetFrac64(1, 1)
	for range n {
		step.Quo(step, big.NewRat(10, 1))
	}
	r, _ := new(big.Rat).SetString(s)
	switch hundred := big.NewRat(100, 1); {
	case r.Cmp(hundred) == 0 && a.u > 0:
		s = new(big.Rat).Sub(hundred, step).FloatString(n)
	case r.Sign() == 0 && a.u < 1:
		s = step.FloatString(n)
	}
	return s
}
