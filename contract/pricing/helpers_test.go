package pricing_test

import (
	"strings"

	"github.com/slacalc/slacalc/availability"
)

// unjoin returns the errors joined in err, or err alone; an
// *availability.InputError is one problem, not a join.
func unjoin(err error) []error {
	if _, one := err.(*availability.InputError); one {
		return []error{err}
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// fieldOf is the field of fe without the Go type it is reported under:
// "Rate.Increment" of "HourlyRate.Rate.Increment".
func fieldOf(fe *availability.InputError) string {
	_, field, _ := strings.Cut(fe.Field, ".")
	return field
}
