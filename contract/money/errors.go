package money

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/slacalc/slacalc/availability"
)

// Sentinel errors. Every error returned by this package wraps one of them,
// so callers can test the kind of problem with [errors.Is] and read the
// details with [errors.As] on [*availability.InputError] (text and
// parameters that were refused) or [*ArithmeticError] (operations).
var (
	// ErrSyntax (the same value as availability.ErrSyntax) reports text
	// that is not a money amount, currency code, share or rounding mode.
	ErrSyntax = availability.ErrSyntax
	// ErrRange (the same value as availability.ErrRange) reports a number
	// outside the range its parameter allows: a share with a zero
	// denominator, a split into zero parts, an unknown rounding mode.
	ErrRange = availability.ErrRange
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
)

// parseErr reports text or a parameter that fn refused, quoted as given.
func parseErr(fn, input, msg string, sentinel error) error {
	return &availability.InputError{Func: "money." + fn, Value: strconv.Quote(input), Reason: msg, Err: sentinel}
}

// ArithmeticError describes an operation on money whose result cannot be
// represented or whose operands do not fit together.
type ArithmeticError struct {
	Op       string   // the operation, e.g. "Add" or "Scale"
	Operands []string // the operands as text, e.g. ["EUR 1.00", "USD 2.00"]
	Err      error    // the sentinel: ErrCurrencyMismatch, ErrOverflow or ErrRange
}

// Error implements error.
func (e *ArithmeticError) Error() string {
	return fmt.Sprintf("money: %s%v: %v", e.Op, e.Operands, e.Err)
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
