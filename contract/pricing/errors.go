package pricing

import (
	"errors"
	"strconv"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
)

// Sentinel errors. Every error returned by this package wraps one of them
// or one of package money's, so callers can test the kind of problem with
// [errors.Is] and read the field, its value and the reason with
// [errors.As] on [*availability.InputError]. Validation reports every
// invalid field at once, joined with [errors.Join].
var (
	// ErrRange (the same value as availability.ErrRange) reports a number
	// outside the range its field allows: a negative rate or fee, a zero
	// billing increment, a distribution parameter that is not positive.
	ErrRange = availability.ErrRange
	// ErrSyntax (the same value as availability.ErrSyntax) reports text
	// that is not a distribution, work kind or tier pricing.
	ErrSyntax = availability.ErrSyntax
	// ErrTierOrder reports volume tiers that are out of order or overlap.
	ErrTierOrder = errors.New("tiers out of order or overlapping")
	// ErrNoBreakEven reports two plans whose expected costs do not cross
	// at any incident rate in the searched range.
	ErrNoBreakEven = errors.New("no break-even point")
)

// ErrCurrencyMismatch is money.ErrCurrencyMismatch: a plan, rate or
// delivery cost in another currency than the rest.
var ErrCurrencyMismatch = money.ErrCurrencyMismatch

// fieldErr reports field of a value of type typ.
func fieldErr(typ, field, value, reason string, sentinel error) error {
	return &availability.InputError{Func: "pricing", Field: typ + "." + field, Value: value, Reason: reason, Err: sentinel}
}

// parseErr reports text that fn could not read, quoted as given.
func parseErr(fn, input, msg string, sentinel error) error {
	return &availability.InputError{Func: "pricing." + fn, Value: strconv.Quote(input), Reason: msg, Err: sentinel}
}
