package faulttree

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors of the package. Every problem found while reading is a
// [*ReadError] that wraps one of them or one of availability's sentinels:
// [availability.ErrSyntax] for input that is not a well-formed MEF
// document, [availability.ErrRange] for a value outside its domain (a
// probability outside [0, 1], a negative rate, a CCF factor above 1).
var (
	// ErrUnsupported: a construct of the MEF that the package does not
	// evaluate (event trees, substitutions, extern functions, …).
	ErrUnsupported = errors.New("unsupported MEF construct")
	// ErrUndefined: a reference to a gate, event or parameter that is not
	// defined, or not visible from where it is referenced.
	ErrUndefined = errors.New("undefined reference")
	// ErrDuplicate: a name defined twice in the same scope.
	ErrDuplicate = errors.New("duplicate definition")
	// ErrCycle: gates or parameters that depend on themselves.
	ErrCycle = errors.New("cycle")
	// ErrTop: no top gate, several candidates and none chosen, or a
	// chosen top that does not exist.
	ErrTop = errors.New("cannot decide the top event")
	// ErrLimit: the input exceeds a [Limits] bound (size, nesting,
	// elements, name length, CCF group size).
	ErrLimit = errors.New("input exceeds a limit")
	// ErrNotCoherent: an analysis that is defined only for coherent trees
	// (minimal cut sets, the dependency-graph form) was asked of a tree
	// with negation (not, xor, nand, nor, iff, imply, cardinality).
	ErrNotCoherent = errors.New("fault tree is not coherent")
)

// ReadError is one problem in a model: the file, the position, the element
// and the name concerned, and what is wrong. Err is the sentinel it wraps.
type ReadError struct {
	// File is the name of the source (a path, or the name given with a
	// [Source]); empty for a single unnamed reader.
	File string
	// Line and Col locate the offending element's start (1-based; 0 when
	// unknown).
	Line, Col int
	// Element is the offending XML element, if any (e.g. "define-gate").
	Element string
	// Name is the gate, event, parameter or group concerned, if any.
	Name string
	// Msg says what is wrong.
	Msg string
	// Err is the sentinel: one of this package's or
	// [availability.ErrSyntax] or [availability.ErrRange].
	Err error
}

// Error formats the problem as "file:line:col: <element> "name": msg".
func (e *ReadError) Error() string {
	var b strings.Builder
	b.WriteString("faulttree: ")
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(":")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "%d:%d:", e.Line, e.Col)
	}
	if e.File != "" || e.Line > 0 {
		b.WriteString(" ")
	}
	if e.Element != "" {
		fmt.Fprintf(&b, "<%s> ", e.Element)
	}
	if e.Name != "" {
		fmt.Fprintf(&b, "%q: ", e.Name)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the sentinel.
func (e *ReadError) Unwrap() error { return e.Err }

// maxErrors caps the problems reported at once, so that a broken
// multi-megabyte model gives a readable error.
const maxErrors = 20

// problems collects the errors of one read.
type problems struct {
	errs []error
	more int
}

func (p *problems) add(e *ReadError) {
	if len(p.errs) >= maxErrors {
		p.more++
		return
	}
	p.errs = append(p.errs, e)
}

func (p *problems) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	errs := p.errs
	if p.more > 0 {
		errs = append(errs, fmt.Errorf("faulttree: and %d more problems", p.more))
	}
	return errors.Join(errs...)
}
