package money

import (
	"cmp"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// Share is an exact rational number used as a proportion of an amount: a
// percentage, a number of basis points, a credit of 1/3. It is stored as a
// reduced fraction of two int64s with a positive denominator, so 12.5% is
// 1/8 and no share suffers the binary rounding of float64.
//
// Shares may be negative (a discount written as −10%) or above one (150%).
// Share is comparable with ==. The zero Share is 0.
type Share struct {
	num, den int64 // reduced, den > 0; den == 0 only in the zero value
}

// Percent returns p percent, p/100.
func Percent(p int64) Share { return mustRatio(p, 100) }

// BasisPoints returns bp basis points, bp/10 000 (one basis point is
// 0.01%).
func BasisPoints(bp int64) Share { return mustRatio(bp, 10000) }

func mustRatio(n, d int64) Share {
	s, err := Ratio(n, d)
	if err != nil { // unreachable for the positive constant denominators used
		panic(err)
	}
	return s
}

// Ratio returns the share num/den, reduced. It fails with [ErrRange] for a
// zero denominator and with [ErrOverflow] for num/den with both at the
// most negative int64 limits where the sign cannot be normalized.
func Ratio(num, den int64) (Share, error) {
	if den == 0 {
		return Share{}, parseErr("Ratio", int64Text(num).String()+"/0", "zero denominator", ErrRange)
	}
	g := gcd(uabs(num), uabs(den))
	n, d := uabs(num)/g, uabs(den)/g
	neg := (num < 0) != (den < 0)
	if d > math.MaxInt64 || n > math.MaxInt64 && !(neg && n == 1<<63) {
		return Share{}, parseErr("Ratio", int64Text(num).String()+"/"+int64Text(den).String(), "does not reduce to a fraction of int64s with a positive denominator", ErrOverflow)
	}
	sn := int64(n)
	if neg {
		sn = -sn
	}
	return Share{num: sn, den: int64(d)}, nil
}

// ShareFromRat returns the share r. It fails with [ErrOverflow] if r's
// reduced numerator or denominator does not fit in an int64.
func ShareFromRat(r *big.Rat) (Share, error) {
	if !r.Num().IsInt64() || !r.Denom().IsInt64() {
		return Share{}, parseErr("ShareFromRat", r.String(), "numerator or denominator beyond int64", ErrOverflow)
	}
	return Ratio(r.Num().Int64(), r.Denom().Int64())
}

// MustParseShare is like [ParseShare] but panics on an error. It is meant
// for literals in tests and examples.
func MustParseShare(s string) Share {
	v, err := ParseShare(s)
	if err != nil {
		panic(err)
	}
	return v
}

// ParseShare parses a share written as a percentage ("12.5%"), basis points
// ("125bp"), a fraction ("1/3") or a plain decimal ("0.125"); a leading "-"
// or "+" is allowed. Decimals have digits on both sides of an optional
// point; exponents and spaces are not accepted.
func ParseShare(s string) (Share, error) {
	var scale int64 = 1
	body := s
	switch {
	case strings.HasSuffix(s, "%"):
		scale, body = 100, s[:len(s)-1]
	case strings.HasSuffix(s, "bp"):
		scale, body = 10000, s[:len(s)-2]
	}
	r := new(big.Rat)
	if i := strings.IndexByte(body, '/'); i >= 0 && scale == 1 {
		if !isDecimal(body[:i], false) || !isDecimal(body[i+1:], false) || strings.ContainsAny(body[i+1:], "+-") {
			return Share{}, parseErr("ParseShare", s, "a fraction is two integers around \"/\"", ErrSyntax)
		}
		n, _ := new(big.Int).SetString(body[:i], 10)
		d, _ := new(big.Int).SetString(body[i+1:], 10)
		if d.Sign() == 0 {
			return Share{}, parseErr("ParseShare", s, "zero denominator", ErrRange)
		}
		r.SetFrac(n, d)
	} else {
		if !isDecimal(body, true) {
			return Share{}, parseErr("ParseShare", s, "want a decimal with an optional %, bp or a fraction a/b", ErrSyntax)
		}
		r.SetString(body)
		r.Quo(r, big.NewRat(scale, 1))
	}
	v, err := ShareFromRat(r)
	if err != nil {
		return Share{}, parseErr("ParseShare", s, "numerator or denominator beyond int64", ErrOverflow)
	}
	return v, nil
}

// isDecimal reports whether s is [sign] digits [. digits] (the point only
// if point is true).
func isDecimal(s string, point bool) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if hasPoint && (!point || frac == "") || intPart == "" {
		return false
	}
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return false
			}
		}
	}
	return true
}

// Num returns the reduced numerator.
func (s Share) Num() int64 { return s.num }

// Den returns the reduced, positive denominator (1 for the zero Share).
func (s Share) Den() int64 {
	if s.den == 0 {
		return 1
	}
	return s.den
}

// Rat returns the share as a new [big.Rat].
func (s Share) Rat() *big.Rat { return big.NewRat(s.num, s.Den()) }

// Sign returns -1, 0 or +1 as s is negative, zero or positive.
func (s Share) Sign() int {
	switch {
	case s.num < 0:
		return -1
	case s.num > 0:
		return 1
	}
	return 0
}

// String returns the share as a percentage when that is an exact decimal
// ("12.5%", "0.01%", "-10%") and as a fraction otherwise ("1/3"); both forms
// parse back to the same share.
func (s Share) String() string {
	r := s.Rat()
	r.Mul(r, big.NewRat(100, 1))
	d := new(big.Int).Set(r.Denom())
	digits := 0
	for _, p := range []int64{2, 5} {
		bp := big.NewInt(p)
		n := 0
		m := new(big.Int)
		for {
			q, rem := new(big.Int).QuoRem(d, bp, m)
			if rem.Sign() != 0 {
				break
			}
			d, n = q, n+1
		}
		digits = max(digits, n)
	}
	if d.Cmp(big.NewInt(1)) != 0 {
		return int64Text(s.num).String() + "/" + int64Text(s.Den()).String()
	}
	return r.FloatString(digits) + "%"
}

// MarshalText implements [encoding.TextMarshaler] with the form of
// [Share.String].
func (s Share) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseShare].
func (s *Share) UnmarshalText(text []byte) error {
	v, err := ParseShare(string(text))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Scale returns m × s rounded to a whole minor unit by mode: the
// percentage, basis points or proportion s of m. The product is formed
// exactly (in 128 bits) and rounded once. It fails with [ErrOverflow] if
// the rounded result does not fit and with [ErrRange] for an unknown mode.
func (m Money) Scale(s Share, mode RoundingMode) (Money, error) {
	if !mode.IsValid() {
		return Money{}, arithErr("Scale", ErrRange, m, s, mode)
	}
	neg := (m.minor < 0) != (s.num < 0)
	hi, lo := bits.Mul64(uabs(m.minor), uabs(s.num))
	den := uint64(s.Den())
	if hi >= den { // the quotient needs more than 64 bits
		return Money{}, arithErr("Scale", ErrOverflow, m, s, mode)
	}
	q, rem := bits.Div64(hi, lo, den)
	if mode.roundUp(q, rem, den, neg) {
		if q == math.MaxUint64 {
			return Money{}, arithErr("Scale", ErrOverflow, m, s, mode)
		}
		q++
	}
	v, ok := signed(q, neg)
	if !ok {
		return Money{}, arithErr("Scale", ErrOverflow, m, s, mode)
	}
	return Money{cur: m.cur, minor: v}, nil
}

// signed returns ±mag as an int64, or false if it does not fit.
func signed(mag uint64, neg bool) (int64, bool) {
	if neg {
		if mag > 1<<63 {
			return 0, false
		}
		return -int64(mag), true // -int64(1<<63) wraps to MinInt64, as wanted
	}
	if mag > math.MaxInt64 {
		return 0, false
	}
	return int64(mag), true
}

func uabs(x int64) uint64 {
	if x < 0 {
		return -uint64(x)
	}
	return uint64(x)
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	if a == 0 {
		return 1
	}
	return a
}

// PercentText writes s as a decimal percentage ("99.95%", "0.5%") when its
// denominator divides 10¹⁵ and the digits fit, and as [Share.String]
// otherwise: the form credit tiers are read in.
func (s Share) PercentText() string {
	den := uint64(s.Den())
	k, p := 0, uint64(1)
	for ; k <= 15 && p%den != 0; k, p = k+1, p*10 {
	}
	hi, v := bits.Mul64(uabs(s.Num()), p/den) // s = ±v/10ᵏ
	if k > 15 || hi != 0 || v > 1<<62 || k < 2 && v > 1<<62/100 {
		return s.String()
	}
	b := make([]byte, 0, 24)
	if s.Num() < 0 {
		b = append(b, '-')
	}
	e := k - 2 // percent = v/10ᵉ
	if e <= 0 {
		for ; e < 0; e++ {
			v *= 10
		}
		b = strconv.AppendUint(b, v, 10)
		return string(append(b, '%'))
	}
	q := uint64(1)
	for range e {
		q *= 10
	}
	b = strconv.AppendUint(b, v/q, 10)
	if f := v % q; f != 0 {
		digits := strconv.AppendUint(make([]byte, 0, 20), f+q, 10)[1:] // zero-padded to e digits
		for len(digits) > 0 && digits[len(digits)-1] == '0' {
			digits = digits[:len(digits)-1]
		}
		b = append(append(b, '.'), digits...)
	}
	return string(append(b, '%'))
}

// Cmp compares two shares exactly: −1, 0 or +1 as a < b, a = b, a > b.
func (a Share) Cmp(b Share) int {
	sa, sb := a.Sign(), b.Sign()
	if sa != sb || sa == 0 {
		return cmp.Compare(sa, sb)
	}
	h1, l1 := bits.Mul64(uabs(a.Num()), uint64(b.Den()))
	h2, l2 := bits.Mul64(uabs(b.Num()), uint64(a.Den()))
	c := 0
	switch {
	case h1 < h2 || h1 == h2 && l1 < l2:
		c = -1
	case h1 > h2 || h1 == h2 && l1 > l2:
		c = 1
	}
	return c * sa
}
