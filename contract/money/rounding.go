package money

// RoundingMode says how a result that falls between two whole minor units
// is rounded. It is passed as a value to every operation that may round;
// the package has no default setting to change. The zero RoundingMode is
// [HalfEven].
//
// The modes, on EUR 0.125, EUR 0.135 and EUR −0.125 rounded to cents:
//
//	HalfEven  nearest, ties to the even cent       0.12   0.14  −0.12
//	HalfUp    nearest, ties away from zero         0.13   0.14  −0.13
//	HalfDown  nearest, ties toward zero            0.12   0.13  −0.12
//	Up        away from zero                       0.13   0.14  −0.13
//	Down      toward zero (truncate)               0.12   0.13  −0.12
//	Ceiling   toward +∞                            0.13   0.14  −0.12
//	Floor     toward −∞                            0.12   0.13  −0.13
type RoundingMode uint8

// The rounding modes.
const (
	HalfEven RoundingMode = iota // round to nearest, ties to even (banker's rounding); the zero value
	HalfUp                       // round to nearest, ties away from zero (commercial rounding)
	HalfDown                     // round to nearest, ties toward zero
	Up                           // round away from zero
	Down                         // round toward zero (truncate)
	Ceiling                      // round toward positive infinity
	Floor                        // round toward negative infinity
)

var roundingNames = [...]string{"half-even", "half-up", "half-down", "up", "down", "ceiling", "floor"}

// String returns the mode's name: "half-even", "half-up", "half-down",
// "up", "down", "ceiling" or "floor".
func (r RoundingMode) String() string {
	if int(r) < len(roundingNames) {
		return roundingNames[r]
	}
	return "RoundingMode(" + int64Text(r).String() + ")"
}

// IsValid reports whether r is one of the declared modes.
func (r RoundingMode) IsValid() bool { return int(r) < len(roundingNames) }

// MarshalText implements [encoding.TextMarshaler] with the names of
// [RoundingMode.String].
func (r RoundingMode) MarshalText() ([]byte, error) {
	if !r.IsValid() {
		return nil, parseErr("RoundingMode.MarshalText", r.String(), "not a declared rounding mode", ErrRange)
	}
	return []byte(r.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (r *RoundingMode) UnmarshalText(text []byte) error {
	for i, n := range roundingNames {
		if n == string(text) {
			*r = RoundingMode(i)
			return nil
		}
	}
	return parseErr("RoundingMode.UnmarshalText", string(text), "not a rounding mode name", ErrSyntax)
}

// roundUp reports whether the magnitude q of a quotient q + rem/div (with
// 0 ≤ rem < div, rem and div unsigned) must be increased by one under r,
// given the sign of the exact value (negative or not).
func (r RoundingMode) roundUp(q, rem, div uint64, negative bool) bool {
	if rem == 0 {
		return false
	}
	switch r {
	case Up:
		return true
	case Down:
		return false
	case Ceiling:
		return !negative
	case Floor:
		return negative
	}
	switch { // rem against div/2, as rem against div − rem to avoid overflow
	case rem > div-rem:
		return true
	case rem < div-rem:
		return false
	}
	switch r { // an exact tie
	case HalfUp:
		return true
	case HalfDown:
		return false
	}
	return q%2 == 1 // HalfEven
}
