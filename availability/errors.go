package availability

import (
	"errors"
	"math"
	"strconv"
	"strings"
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

// InputError is the one error type of the module for a rejected input: a
// parameter of a function, or a field of a document at its path. Every
// package of slacalc (availability, sla, contract and its subpackages, the
// proposal loader) reports bad input as an *InputError, so one
// [errors.As] finds the place and the reason whichever package refused it,
// and [errors.Is] finds the sentinel, which is one of this package's
// (ErrRange, ErrSyntax, ErrDuration, …) or of the package that returned it.
//
// It prints as "Func: Field: Value Reason", leaving out the empty parts
// (see [InputError.Problem]):
//
//	availability.Parse: text: "101%" is above 100%
//	sla.NewCalendar: hours[1].to: 10:00 is not after from 11:00
//	proposal: components[0].availability: "101%" is above 100%
type InputError struct {
	Func   string // who rejected the input, e.g. "availability.FromPercent" or "proposal"
	Field  string // the parameter or the path of the field, e.g. "percent" or "suppliers[1].terms.fee"
	Value  string // the offending value as text (quoted for text input); may be empty
	Reason string // a short explanation, e.g. "is above 100%"
	Err    error  // the sentinel, e.g. ErrRange
	Cause  error  // the error of a lower layer that rejected the value, if any
}

// Error implements error.
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.Func)
	if e.Field != "" {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(e.Field)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Problem())
	return b.String()
}

// Problem is what is wrong, without who found it or where: "Value Reason",
// or "Value: Reason" when the value itself is the subject (no Field), as
// in `"EUR 1.005": 3 fraction digits, EUR has 2`.
func (e *InputError) Problem() string {
	switch {
	case e.Value == "":
		return e.Reason
	case e.Reason == "":
		return e.Value
	case e.Field == "":
		return e.Value + ": " + e.Reason
	}
	return e.Value + " " + e.Reason
}

// Unwrap returns the sentinel and the cause, if any.
func (e *InputError) Unwrap() []error {
	switch {
	case e.Err == nil && e.Cause == nil:
		return nil
	case e.Cause == nil:
		return []error{e.Err}
	case e.Err == nil:
		return []error{e.Cause}
	}
	return []error{e.Err, e.Cause}
}

func inputErr(fn, param, value, reason string, sentinel error) error {
	return &InputError{Func: "availability." + fn, Field: param, Value: value, Reason: reason, Err: sentinel}
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

// retag returns err, an *InputError, with its sentinel replaced.
func retag(err error, sentinel error) error {
	if ie, ok := err.(*InputError); ok {
		c := *ie
		c.Err = sentinel
		return &c
	}
	return err
}
