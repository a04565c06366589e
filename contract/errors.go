package contract

import (
	"errors"
	"strconv"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
)

// fieldErr reports field of a value of type typ as the module's one error
// type for rejected input, [availability.InputError].
func fieldErr(typ, field, value, reason string, sentinel error) error {
	return &availability.InputError{Func: "contract", Field: typ + "." + field, Value: value, Reason: reason, Err: sentinel}
}

// joinErrs joins errs, returning the only error itself.
func joinErrs(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}

// parseErr reports text that fn could not read, quoted as given.
func parseErr(fn, input, msg string, sentinel error) error {
	return &availability.InputError{Func: "contract." + fn, Value: strconv.Quote(input), Reason: msg, Err: sentinel}
}

// checkAmount checks that m is in currency cur and not negative. An
// optional amount may be the zero Money.
func checkAmount(typ, field string, m money.Money, cur money.Currency, optional bool) error {
	if m == (money.Money{}) && optional {
		return nil
	}
	if reason, sentinel := m.Check(cur); sentinel != nil {
		value := m.String()
		if m == (money.Money{}) {
			value = "unset"
		}
		return fieldErr(typ, field, value, reason, sentinel)
	}
	return nil
}
