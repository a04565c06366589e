package proposal

import (
	"errors"
	"strings"
)

// Sentinel errors. Every problem of a proposal is a *FieldError that wraps
// one of them, so callers can test the kind with errors.Is and find the place
// with errors.As.
var (
	// ErrSyntax reports malformed JSON or a value that does not parse,
	// such as an availability of "99,9%" or a duration of "4 hours".
	ErrSyntax = errors.New("invalid syntax")
	// ErrMissing reports a required field that is absent or empty.
	ErrMissing = errors.New("missing field")
	// ErrUnknown reports a name that refers to nothing: a component that
	// is not in the graph, an unknown key of an object, an unknown kind of
	// service model.
	ErrUnknown = errors.New("unknown name")
	// ErrInvalid reports a value that parses but is not allowed: out of
	// range, inconsistent with another field, or a graph that cannot be
	// built.
	ErrInvalid = errors.New("invalid value")
)

// FieldError is one problem of a proposal, at a place given as a JSON path
// such as `components[3].availability` or `suppliers[1].terms.fee`. The
// path uses the JSON names also for proposals built in Go, so that both
// read the same. Cause, if not nil, is the error of the package that
// rejected the value (an *availability.InputError, a *contract.FieldError,
// …), so errors.Is also finds that package's sentinels.
type FieldError struct {
	Path    string // where, e.g. "components[3].availability"; "" for the whole proposal
	Problem string // what, e.g. `"101%" is above 100%`
	Err     error  // the sentinel: ErrSyntax, ErrMissing, ErrUnknown or ErrInvalid
	Cause   error  // the underlying error, if any
}

// Error returns "proposal: PATH: PROBLEM".
func (e *FieldError) Error() string {
	if e.Path == "" {
		return "proposal: " + e.Problem
	}
	return "proposal: " + e.Path + ": " + e.Problem
}

// Unwrap returns the sentinel and the cause.
func (e *FieldError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

// problems collects field errors in the order they are found.
type problems []error

func (ps *problems) add(path, problem string, sentinel, cause error) {
	*ps = append(*ps, &FieldError{Path: path, Problem: problem, Err: sentinel, Cause: cause})
}

func (ps problems) err() error { return errors.Join(ps...) }

// join appends a path segment: join("suppliers[1]", "terms") is
// "suppliers[1].terms"; an index segment "[2]" is appended without a dot.
func join(path, seg string) string {
	switch {
	case path == "":
		return seg
	case seg == "":
		return path
	case strings.HasPrefix(seg, "["):
		return path + seg
	}
	return path + "." + seg
}

// jsonPath turns a Go field path of package contract ("Credits.Tiers[2].Upper")
// into the JSON path of the same field ("credits.tiers[2].upper"): the JSON
// names of contract's types are their Go names with a lower-case first letter.
func jsonPath(goPath string) string {
	parts := strings.Split(goPath, ".")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToLower(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, ".")
}

// unjoin flattens errors joined with errors.Join, at any depth.
func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if _, fe := err.(*FieldError); !fe {
			var out []error
			for _, e := range j.Unwrap() {
				out = append(out, unjoin(e)...)
			}
			return out
		}
	}
	return []error{err}
}
