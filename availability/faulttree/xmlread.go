package faulttree

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/slacalc/slacalc/availability"
)

// Limits bounds what a read accepts, so that hostile input cannot exhaust
// memory or the stack. A zero field takes its default.
type Limits struct {
	// MaxBytes bounds each source's size in bytes (default 64 MiB).
	MaxBytes int64
	// MaxDepth bounds the nesting of XML elements (default 256).
	MaxDepth int
	// MaxElements bounds the number of XML elements over all sources
	// (default 4 million).
	MaxElements int
	// MaxNameLength bounds the length in bytes of a name or attribute
	// value (default 1024).
	MaxNameLength int
	// MaxReferenceDepth bounds chains of gates or parameters defined
	// through each other (default 10000), which are followed
	// recursively.
	MaxReferenceDepth int
	// MaxCCFMembers bounds the members of a CCF group (default 12):
	// the MGL, alpha- and phi-factor models create up to 2ⁿ − 1 events.
	MaxCCFMembers int
}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = 64 << 20
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = 256
	}
	if l.MaxElements <= 0 {
		l.MaxElements = 4_000_000
	}
	if l.MaxNameLength <= 0 {
		l.MaxNameLength = 1024
	}
	if l.MaxReferenceDepth <= 0 {
		l.MaxReferenceDepth = 10000
	}
	if l.MaxCCFMembers <= 0 {
		l.MaxCCFMembers = 12
	}
	return l
}

// element is one XML element of a source, with its position.
type element struct {
	name      string
	attrs     []xml.Attr
	kids      []*element
	file      string
	line, col int
}

// attr returns the attribute's value with surrounding white space trimmed
// (XML schema tokens: type="  gate " is "gate").
func (e *element) attr(name string) (string, bool) {
	for _, a := range e.attrs {
		if a.Name.Local == name && a.Name.Space == "" {
			return strings.TrimSpace(a.Value), true
		}
	}
	return "", false
}

// args are the kids that carry meaning: labels and attributes are
// documentation.
func (e *element) args() []*element {
	var out []*element
	for _, k := range e.kids {
		if k.name != "label" && k.name != "attributes" {
			out = append(out, k)
		}
	}
	return out
}

// counter counts elements over all sources of one read.
type counter struct{ n int }

// readTree reads one source into elements. The Aralia files are a few
// hundred kilobytes, so a tree is simpler than streaming and costs little.
func readTree(file string, r io.Reader, lim Limits, cnt *counter) (*element, error) {
	lr := &io.LimitedReader{R: r, N: lim.MaxBytes + 1}
	dec := xml.NewDecoder(lr)
	dec.Strict = true
	var root *element
	var stack []*element
	var ns []map[string]bool // declared prefixes, per open element
	fail := func(err error, line, col int, el, format string, args ...any) error {
		return &ReadError{File: file, Line: line, Col: col, Element: el, Msg: fmt.Sprintf(format, args...), Err: err}
	}
	for {
		line, col := dec.InputPos()
		tok, err := dec.Token()
		if lr.N <= 0 {
			return nil, fail(ErrLimit, 0, 0, "", "larger than %d bytes", lim.MaxBytes)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			line, col = dec.InputPos()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, fail(availability.ErrSyntax, se.Line, 0, "", "malformed XML: %s", se.Msg)
			}
			return nil, fail(availability.ErrSyntax, line, col, "", "malformed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= lim.MaxDepth {
				return nil, fail(ErrLimit, line, col, t.Name.Local, "nesting deeper than %d", lim.MaxDepth)
			}
			if cnt.n++; cnt.n > lim.MaxElements {
				return nil, fail(ErrLimit, line, col, t.Name.Local, "more than %d elements", lim.MaxElements)
			}
			declared := map[string]bool{}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" {
					declared[a.Name.Local] = true
				}
				if len(a.Value) > lim.MaxNameLength {
					return nil, fail(ErrLimit, line, col, t.Name.Local, "attribute %s longer than %d bytes", a.Name.Local, lim.MaxNameLength)
				}
			}
			ns = append(ns, declared)
			if t.Name.Space != "" {
				// encoding/xml leaves an undeclared prefix in Space and
				// replaces a declared one by its URL.
				if isPrefix(t.Name.Space, ns) {
					return nil, fail(availability.ErrSyntax, line, col, t.Name.Space+":"+t.Name.Local, "namespace prefix %q is not defined", t.Name.Space)
				}
				return nil, fail(availability.ErrSyntax, line, col, t.Name.Local, "element in namespace %q is not part of the MEF", t.Name.Space)
			}
			for _, a := range t.Attr {
				if a.Name.Space != "" && a.Name.Space != "xmlns" && a.Name.Space != "xml" && !strings.Contains(a.Name.Space, "/") && !strings.Contains(a.Name.Space, ":") {
					return nil, fail(availability.ErrSyntax, line, col, t.Name.Local, "namespace prefix %q of attribute %s is not defined", a.Name.Space, a.Name.Local)
				}
			}
			e := &element{name: t.Name.Local, attrs: t.Copy().Attr, file: file, line: line, col: col}
			if len(stack) == 0 {
				if root != nil {
					return nil, fail(availability.ErrSyntax, line, col, e.name, "second root element")
				}
				root = e
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, e)
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			ns = ns[:len(ns)-1]
		case xml.Directive:
			if strings.Contains(string(t), "ENTITY") {
				return nil, fail(ErrUnsupported, line, col, "", "XML entity declarations are not supported; give the files to Read")
			}
		}
	}
	if root == nil {
		return nil, fail(availability.ErrSyntax, 0, 0, "", "no root element")
	}
	if root.name != "opsa-mef" {
		return nil, fail(availability.ErrSyntax, root.line, root.col, root.name, "root element is not <opsa-mef>")
	}
	return root, nil
}

// isPrefix reports whether space is a prefix rather than a URL: declared
// nowhere in scope, so encoding/xml could not translate it.
func isPrefix(space string, ns []map[string]bool) bool {
	for _, m := range ns {
		if m[space] {
			return false
		}
	}
	return !strings.Contains(space, ":") && !strings.Contains(space, "/")
}
