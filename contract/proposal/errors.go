package proposal

import (
	"errors"
	"strconv"
	"strings"

	"github.com/slacalc/slacalc/availability"
)

// Sentinel errors. Every problem of a proposal is an
// [*availability.InputError] with Func "proposal", the problem's JSON path
// in Field (such as `components[3].availability` or
// `suppliers[1].terms.fee`, with the JSON names also for proposals built in
// Go) and what is wrong in Reason. It wraps one of these sentinels, so
// callers can test the kind with errors.Is, and in Cause the error of the
// package that rejected the value, if any, so errors.Is also finds that
// package's sentinels.
var (
	// ErrSyntax (the same value as availability.ErrSyntax) reports malformed JSON or a value that does not parse,
	// such as an availability of "99,9%" or a duration of "4 hours".
	ErrSyntax = availability.ErrSyntax
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
	// ErrLimit (the same value as availability.ErrLimit) reports a
	// document beyond a limit: larger than [MaxSize], nested deeper than
	// [MaxDepth], with more than [MaxNodes] elements in a list, more than
	// [MaxTiers] credit tiers, a name longer than [MaxNameLength] or a
	// string longer than [MaxString].
	ErrLimit = availability.ErrLimit
)

// problems collects field errors in the order they are found.
type problems []error

func (ps *problems) add(path, problem string, sentinel, cause error) {
	*ps = append(*ps, &availability.InputError{Func: "proposal", Field: path, Reason: problem, Err: sentinel, Cause: cause})
}

// MaxProblems is the most problems Load and Parse list; the rest are
// counted in a last problem, "and 12 more problems".
const MaxProblems = 100

func (ps problems) err() error {
	if len(ps) > MaxProblems {
		more := &availability.InputError{Func: "proposal", Reason: "and " + strconv.Itoa(len(ps)-MaxProblems) + " more problems", Err: ErrInvalid}
		if ie, ok := ps[MaxProblems].(*availability.InputError); ok {
			more.Err = ie.Err
		}
		ps = append(ps[:MaxProblems:MaxProblems], more)
	}
	return errors.Join(ps...)
}

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
		if _, fe := err.(*availability.InputError); !fe {
			var out []error
			for _, e := range j.Unwrap() {
				out = append(out, unjoin(e)...)
			}
			return out
		}
	}
	return []error{err}
}

// goField is the Go field path of an error of package contract or pricing
// without the type it is reported under: "Credits.Tiers[2].Upper" of
// "Terms.Credits.Tiers[2].Upper".
func goField(ie *availability.InputError) string {
	_, field, _ := strings.Cut(ie.Field, ".")
	return field
}
