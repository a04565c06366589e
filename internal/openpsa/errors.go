package openpsa

import (
	"errors"
	"fmt"
)

// Sentinel errors; every problem is an [*Error] that wraps one of them.
var (
	// ErrSyntax: the input is not well-formed XML or not an opsa-mef
	// document.
	ErrSyntax = errors.New("openpsa: malformed document")
	// ErrUnsupported: a construct outside coherent fault trees with
	// constant probabilities (not, xor, imply, house events, parameters,
	// expressions other than a constant float, event trees, …).
	ErrUnsupported = errors.New("openpsa: unsupported construct")
	// ErrUndefined: a reference to a gate or basic event that is not
	// defined.
	ErrUndefined = errors.New("openpsa: undefined reference")
	// ErrDuplicate: a name defined twice.
	ErrDuplicate = errors.New("openpsa: duplicate definition")
	// ErrCycle: gates that depend on themselves.
	ErrCycle = errors.New("openpsa: cycle")
	// ErrProbability: a probability that does not parse or lies outside
	// [0, 1], or a basic event without one.
	ErrProbability = errors.New("openpsa: invalid probability")
	// ErrInvalid: any other invalid content: a missing name, an atleast
	// with a bad min, an empty formula.
	ErrInvalid = errors.New("openpsa: invalid content")
	// ErrTop: no top gate, or several candidates and none chosen.
	ErrTop = errors.New("openpsa: cannot decide the top event")
)

// Error is one problem in a document, located by line and column (1-based;
// 0 when unknown) and by the gate or event it concerns.
type Error struct {
	// Err is one of the package's sentinel errors.
	Err error
	// Line and Col locate the offending element's start.
	Line, Col int
	// Element is the offending XML element, if any (e.g. "not").
	Element string
	// Name is the gate or basic event concerned, if any.
	Name string
	// Msg says what is wrong.
	Msg string
}

// Error implements the error interface.
func (e *Error) Error() string {
	s := "openpsa: "
	if e.Line > 0 {
		s += fmt.Sprintf("line %d:%d: ", e.Line, e.Col)
	}
	if e.Name != "" {
		s += fmt.Sprintf("%q: ", e.Name)
	}
	if e.Element != "" {
		s += fmt.Sprintf("<%s>: ", e.Element)
	}
	return s + e.Msg
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// maxErrors caps the problems reported at once, so a broken multi-megabyte
// file gives a readable error.
const maxErrors = 20
