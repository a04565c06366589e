package availability

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// Sentinel errors. Every error returned by this package wraps exactly one of
// them, so callers can test the kind of problem with [errors.Is] and the
// details with [errors.As] on [*InputError].
var (
	// ErrRange reports a number that is NaN, infinite, or outside the range
	// its parameter allows (a percentage above 100, a negative fraction, ...).
	ErrRange = errors.New("value out of range")
	// ErrSyntax reports text that is not an availability.
	ErrSyntax = errors.New("invalid syntax")
	// ErrDuration reports a duration that cannot describe the quantity it
	// stands for: MTBF ≤ 0, MTTR < 0, a period ≤ 0, or downtime longer than
	// its period.
	ErrDuration = errors.New("invalid duration")
	// ErrEmpty reports a composition without parts.
	ErrEmpty = errors.New("empty composition")
	// ErrK reports a k-of-n requirement whose k is below 1 or above n.
	ErrK = errors.New("k out of range")
	// ErrAssumption reports an Assumption value that is not one of the
	// declared constants.
	ErrAssumption = errors.New("unknown assumption")
)

// InputError describes a rejected input: which function refused it, the
// parameter, its value as text, and why.
type InputError struct {
	Func   string // the function that rejected the input, e.g. "FromPercent"
	Param  string // the parameter, e.g. "percent"
	Value  string // the offending value as text (quoted for text input)
	Reason string // a short explanation, e.g. "is above 100"
	Err    error  // the sentinel: ErrRange, ErrSyntax, ErrDuration, ErrEmpty or ErrK
}

// Error implements error.
func (e *InputError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("availability.%s: %s %s", e.Func, e.Param, e.Reason)
	}
	return fmt.Sprintf("availability.%s: %s %s %s", e.Func, e.Param, e.Value, e.Reason)
}

// Unwrap returns the sentinel error.
func (e *InputError) Unwrap() error { return e.Err }

func inputErr(fn, param, value, reason string, sentinel error) error {
	return &InputError{Func: fn, Param: param, Value: value, Reason: reason, Err: sentinel}
}

// checkFloat rejects NaN, ±Inf and values outside [lo, hi]; unit is
// appended to numbers in the message ("%" for percentages).
func checkFloat(fn, param string, x, lo, hi float64, unit string) error {
	switch {
	case math.IsNaN(x):
		return inputErr(fn, param, "NaN", "is not a number", ErrRange)
	case math.IsInf(x, 0):
		return inputErr(fn, param, fmtFloat(x), "is not finite", ErrRange)
	case x > hi:
		return inputErr(fn, param, fmtFloat(x)+unit, "is above "+fmtFloat(hi)+unit, ErrRange)
	case x < lo:
		return inputErr(fn, param, fmtFloat(x)+unit, "is below "+fmtFloat(lo)+unit, ErrRange)
	}
	return nil
}

func fmtFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
