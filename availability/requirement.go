package availability

import (
	"strconv"
	"strings"
)

// Requirement says how many of a node's dependencies must work for the node
// to work: all of them (the zero value), any one, or at least k.
type Requirement struct {
	kind requirementKind
	k    int // for requireAtLeast; validated against the dependencies at Build
}

type requirementKind uint8

const (
	requireAll requirementKind = iota
	requireAny
	requireAtLeast
)

// The requirements that need no parameter.
var (
	// RequireAll needs every dependency (series). It is the zero Requirement.
	RequireAll = Requirement{}
	// RequireAny needs one dependency (parallel, redundancy).
	RequireAny = Requirement{kind: requireAny}
)

// RequireAtLeast needs at least k of the dependencies (k-of-n). It is checked
// against the number of dependencies when the model is built.
func RequireAtLeast(k int) Requirement { return Requirement{kind: requireAtLeast, k: k} }

// atLeast returns the number of dependencies out of n that must work.
func (r Requirement) atLeast(n int) int {
	switch r.kind {
	case requireAll:
		return n
	case requireAny:
		return 1
	}
	return r.k
}

// String returns "all", "any" or "at least k".
func (r Requirement) String() string {
	switch r.kind {
	case requireAll:
		return "all"
	case requireAny:
		return "any"
	}
	return "at least " + strconv.Itoa(r.k)
}

// MarshalText implements encoding.TextMarshaler with the text of String.
func (r Requirement) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts "all",
// "any" and "at least K" with K ≥ 1.
func (r *Requirement) UnmarshalText(text []byte) error {
	s := strings.TrimSpace(string(text))
	switch s {
	case "all":
		*r = RequireAll
		return nil
	case "any":
		*r = RequireAny
		return nil
	}
	if rest, ok := strings.CutPrefix(s, "at least "); ok {
		if k, err := strconv.Atoi(strings.TrimSpace(rest)); err == nil && k >= 1 {
			*r = RequireAtLeast(k)
			return nil
		}
	}
	return inputErr("Requirement.UnmarshalText", "text", strconv.Quote(s), `is not "all", "any" or "at least K" with K ≥ 1`, ErrSyntax)
}
