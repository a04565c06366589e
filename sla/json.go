package sla

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/internal/jsonpath"
)

// strict returns the decoder of fn's JSON: unknown keys and missing
// required keys are errors wrapping ErrSyntax (and the kind of the
// jsonpath package), and errors of nested values are moved to their path.
func strict(fn string, required ...string) *jsonpath.Decoder {
	return &jsonpath.Decoder{
		Required: required,
		Err: func(is jsonpath.Issue) error {
			sentinel := ErrSyntax
			if is.Kind == jsonpath.ErrLimit {
				sentinel = availability.ErrLimit
			}
			return &availability.InputError{Func: "sla." + fn, Field: is.Path, Value: is.Value, Reason: is.Reason, Err: sentinel, Cause: is.Kind}
		},
		Nest: func(path string, err error) []error { return nest("sla."+fn, path, err) },
	}
}

// nest moves the problems of a nested value's err to path.
func nest(fn, path string, err error) []error {
	var out []error
	for _, e := range jsonpath.Flatten(err) {
		if ie, ok := e.(*availability.InputError); ok {
			c := *ie
			c.Field = jsonpath.Join(path, ie.Field)
			out = append(out, &c)
			continue
		}
		out = append(out, &availability.InputError{Func: fn, Field: path, Reason: e.Error(), Err: ErrSyntax, Cause: e})
	}
	return out
}

// relative strips the prefix a validator puts before its field names
// ("objective."), so that the fields are relative to the decoded value.
func relative(err error, prefix string) []error {
	var out []error
	for _, e := range jsonpath.Flatten(err) {
		var ie *availability.InputError
		if errors.As(e, &ie) && e == error(ie) {
			c := *ie
			c.Field = strings.TrimPrefix(strings.TrimPrefix(c.Field, prefix), ".")
			if c.Field == strings.TrimSuffix(prefix, ".") {
				c.Field = ""
			}
			e = &c
		}
		out = append(out, e)
	}
	return out
}

// weekdayHint suggests the weekday nearest to s: `; did you mean "Monday"?`.
func weekdayHint(s string) string {
	names := make([]string, 7)
	for d := time.Sunday; d <= time.Saturday; d++ {
		names[d] = d.String()
	}
	if n, ok := jsonpath.Nearest(s, names); ok {
		return "; did you mean " + strconv.Quote(n) + "?"
	}
	return ""
}
