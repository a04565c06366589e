package contract

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error returned by this package wraps one of them,
// so callers can test the kind of problem with [errors.Is] and read the
// details with [errors.As] on [*ParseError], [*ArithmeticError] or
// [*FieldError].
var (
	// ErrSyntax reports text that is not a money amount, currency code,
	// share or rounding mode.
	ErrSyntax = errors.New("invalid syntax")
	// ErrUnknownCurrency reports a currency code that is not in the
	// package's ISO 4217 table (see [Currency]).
	ErrUnknownCurrency = errors.New("unknown currency")
	// ErrPrecision reports an amount written with more fraction digits than
	// its currency's minor unit has ("EUR 1.005").
	ErrPrecision = errors.New("more fraction digits than the currency's minor unit")
	// ErrCurrencyMismatch reports arithmetic, a comparison or a model whose
	// amounts are in different currencies.
	ErrCurrencyMismatch = errors.New("currency mismatch")
	// ErrOverflow reports a result that does not fit in an int64 number of
	// minor units.
	ErrOverflow = errors.New("overflow")
	// ErrRange reports a number outside the range its parameter allows: a
	// negative rate or fee, a zero billing increment, a share with a zero
	// denominator, a split into zero parts, an unknown rounding mode.
	ErrRange = errors.New("value out of range")
	// ErrTierOrder reports volume tiers that are out of order or overlap.
	ErrTierOrder = errors.New("tiers out of order or overlapping")
	// ErrNoBreakEven reports two models whose expected costs do not cross
	// at any incident rate in the searched range.
	ErrNoBreakEven = errors.New("no break-even point")
)

// ParseError describes text that could not be parsed.
type ParseError struct {
	Func  string // the function that rejected the input, e.g. "ParseMoney"
	Input string // the text as given
	Msg   string // what is wrong with it
	Err   error  // the sentinel: ErrSyntax, ErrUnknownCurrency, ErrPrecision, ErrOverflow or ErrRange
}

// Error implements error.
func (e *ParseError) Error() string {
	return fmt.Sprintf("contract.%s(%q): %s", e.Func, e.Input, e.Msg)
}

// Unwrap returns the sentinel error.
func (e *ParseError) Unwrap() error { return e.Err }

// ArithmeticError describes an operation on money whose result cannot be
// represented or whose operands do not fit together.
type ArithmeticError struct {
	Op       string   // the operation, e.g. "Add" or "Scale"
	Operands []string // the operands as text, e.g. ["EUR 1.00", "USD 2.00"]
	Err      error    // the sentinel: ErrCurrencyMismatch, ErrOverflow or ErrRange
}

// Error implements error.
func (e *ArithmeticError) Error() string {
	return fmt.Sprintf("contract: %s%v: %v", e.Op, e.Operands, e.Err)
}

// Unwrap returns the sentinel error.
func (e *ArithmeticError) Unwrap() error { return e.Err }

func arithErr(op string, err error, operands ...fmt.Stringer) error {
	s := make([]string, len(operands))
	for i, o := range operands {
		s[i] = o.String()
	}
	return &ArithmeticError{Op: op, Operands: s, Err: err}
}

// FieldError describes an invalid field of a model, rate, demand or
// profile: the type, the field, its value as text and why it is rejected.
// Validation reports every invalid field at once, joined with
// [errors.Join].
type FieldError struct {
	Type   string // the type, e.g. "Bundle"
	Field  string // the field, e.g. "Hours" or "Tiers[2].Above"
	Value  string // the offending value as text
	Reason string // a short explanation, e.g. "must be positive"
	Err    error  // the sentinel: ErrRange, ErrTierOrder or ErrCurrencyMismatch
}

// Error implements error.
func (e *FieldError) Error() string {
	return fmt.Sprintf("contract: %s.%s = %s %s", e.Type, e.Field, e.Value, e.Reason)
}

// Unwrap returns the sentinel error.
func (e *FieldError) Unwrap() error { return e.Err }

func fieldErr(typ, field, value, reason string, sentinel error) error {
	return &FieldError{Type: typ, Field: field, Value: value, Reason: reason, Err: sentinel}
}
