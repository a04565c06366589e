package availability

import (
	"math/big"
	"strconv"
	"strings"
)

// Limits that keep Parse cheap on hostile input: big.Rat would otherwise
// happily build 10^999999999.
const (
	maxTextLen  = 800 // enough for the exact decimal of any float64 unavailability
	maxExponent = 400
)

// Parse reads an availability written as a percentage ("99.95%", "99.95 %")
// or as a fraction in [0, 1] ("0.9995", "9.995e-1"). The number is read as an
// exact decimal and the unavailability is rounded once, so "99.9999999999%"
// gives exactly the float64 nearest to 10⁻¹². Signs are not allowed, nor are
// NaN, Inf, hexadecimal or underscores.
func Parse(s string) (Availability, error) {
	return parse("Parse", s)
}

// MustParse is like Parse but panics on error. It is meant for literals in
// tests and examples.
func MustParse(s string) Availability {
	a, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return a
}

func parse(fn, s string) (Availability, error) {
	if len(s) > maxTextLen {
		return Availability{}, inputErr(fn, "text", strconv.Quote(s[:40]+"…"), "is longer than "+strconv.Itoa(maxTextLen)+" bytes", ErrSyntax)
	}
	t := strings.TrimSpace(s)
	percent := strings.HasSuffix(t, "%")
	if percent {
		t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	}
	r, reason := parseDecimal(t)
	if reason != "" {
		return Availability{}, inputErr(fn, "text", strconv.Quote(s), reason, ErrSyntax)
	}
	max := big.NewRat(1, 1)
	unit, scale := "", big.NewRat(1, 1)
	if percent {
		max.SetInt64(100)
		unit, scale = "%", big.NewRat(1, 100)
	}
	if r.Cmp(max) > 0 {
		return Availability{}, inputErr(fn, "text", strconv.Quote(s), "is above "+max.RatString()+unit, ErrRange)
	}
	u := new(big.Rat).Sub(max, r)
	u.Mul(u, scale)
	f, _ := u.Float64()
	return Availability{u: f}, nil
}

// parseDecimal accepts digits with at most one '.', at least one digit, and an
// optional exponent e/E[+-]digits. It returns the exact value or a reason.
func parseDecimal(t string) (*big.Rat, string) {
	if t == "" {
		return nil, "has no number"
	}
	i, digits := 0, 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
		digits++
	}
	if i < len(t) && t[i] == '.' {
		i++
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return nil, "is not a decimal number"
	}
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		j := i + 1
		if j < len(t) && (t[j] == '+' || t[j] == '-') {
			j++
		}
		k := j
		for k < len(t) && t[k] >= '0' && t[k] <= '9' {
			k++
		}
		if k == j {
			return nil, "has an exponent without digits"
		}
		e, err := strconv.Atoi(t[j:k])
		if err != nil || e > maxExponent {
			return nil, "has an exponent beyond ±" + strconv.Itoa(maxExponent)
		}
		i = k
	}
	if i != len(t) {
		return nil, "is not a decimal number"
	}
	r, ok := new(big.Rat).SetString(t)
	if !ok {
		return nil, "is not a decimal number"
	}
	return r, ""
}

// String returns the availability as a percentage with as many digits as the
// value needs and no floating-point noise: "98.604%", "99.95%",
// "99.9999999999%", "100%". It shows the unavailability to 12 significant
// digits, which is below every documented error bound of this package but
// above the noise of float64 arithmetic. For an exact, round-tripping form
// use [Availability.MarshalText].
func (a Availability) String() string {
	return percentText(strconv.FormatFloat(a.u, 'e', 11, 64))
}

// MarshalText implements encoding.TextMarshaler. The text is a percentage
// that [Parse] reads back to the identical value: the shortest decimal that
// identifies the stored unavailability, subtracted exactly from 100%.
func (a Availability) MarshalText() ([]byte, error) {
	return []byte(percentText(strconv.FormatFloat(a.u, 'e', -1, 64))), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with the syntax of Parse.
func (a *Availability) UnmarshalText(text []byte) error {
	v, err := parse("UnmarshalText", string(text))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// AppendText implements encoding.TextAppender.
func (a Availability) AppendText(b []byte) ([]byte, error) {
	t, _ := a.MarshalText()
	return append(b, t...), nil
}

// percentText turns a decimal unavailability in 'e' notation into the exact
// decimal text of 100·(1 − u), with trailing zeros removed.
func percentText(ue string) string {
	r, ok := new(big.Rat).SetString(ue)
	if !ok { // unreachable: ue comes from strconv
		return "?%"
	}
	mant, exp, _ := strings.Cut(ue, "e")
	e, _ := strconv.Atoi(exp)
	frac := 0
	if dot := strings.IndexByte(mant, '.'); dot >= 0 {
		frac = len(mant) - dot - 1
	}
	// u has frac−e decimal places; 100·u has two fewer.
	places := max(frac-e-2, 0)
	p := new(big.Rat).Sub(big.NewRat(1, 1), r)
	p.Mul(p, big.NewRat(100, 1))
	s := p.FloatString(places)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	return s + "%"
}
