package availability

import (
	"errors"
	"strconv"

	"github.com/slacalc/slacalc/internal/jsonpath"
)

// ErrLimit reports JSON input beyond a documented limit: a document
// larger than 16 MiB, nesting deeper than 32, more than [MaxNodes] nodes
// or list elements, a string longer than 4096 bytes or a name longer than
// [MaxNameLength]. Every decoder of the module wraps it in an
// [*InputError] at the place of the excess, before the input costs memory.
var ErrLimit = jsonpath.ErrLimit

// Limits of the JSON decoders.
const (
	MaxNodes      = 10000 // nodes of a graph, elements of any list
	MaxNameLength = 256   // bytes of a node's name
)

// strict returns the decoder of fn's JSON.
func strict(fn string, required ...string) *jsonpath.Decoder {
	return &jsonpath.Decoder{
		Required: required,
		Err: func(is jsonpath.Issue) error {
			sentinel := ErrSyntax
			if is.Kind == jsonpath.ErrLimit {
				sentinel = ErrLimit
			}
			return &InputError{Func: "availability." + fn, Field: is.Path, Value: is.Value, Reason: is.Reason, Err: sentinel, Cause: is.Kind}
		},
		Nest: func(path string, err error, text bool) []error {
			var out []error
			for _, e := range jsonpath.Flatten(err) {
				if ie, ok := e.(*InputError); ok {
					c := *ie
					c.Field = path
					if !text {
						c.Field = jsonpath.Join(path, ie.Field)
					}
					out = append(out, &c)
					continue
				}
				v, r := jsonpath.Reason(e)
				out = append(out, &InputError{Func: "availability." + fn, Field: path, Value: v, Reason: r, Err: ErrSyntax, Cause: e})
			}
			return out
		},
	}
}

// nodeSpecJSON is NodeSpec without its methods.
type nodeSpecJSON NodeSpec

// UnmarshalJSON decodes a node; "name" is required, other keys than those
// of NodeSpec are errors, and the name is at most [MaxNameLength] bytes.
func (s *NodeSpec) UnmarshalJSON(data []byte) error {
	const fn = "NodeSpec.UnmarshalJSON"
	var j nodeSpecJSON
	errs := strict(fn, "name").Decode(data, &j)
	if len(j.Name) > MaxNameLength {
		errs = append(errs, &InputError{Func: "availability." + fn, Field: "name", Value: strconv.Itoa(len(j.Name)) + " bytes", Reason: "is longer than the limit of " + strconv.Itoa(MaxNameLength), Err: ErrLimit})
	}
	for i, d := range j.DependsOn {
		if len(d) > MaxNameLength {
			errs = append(errs, &InputError{Func: "availability." + fn, Field: "dependsOn[" + strconv.Itoa(i) + "]", Value: strconv.Itoa(len(d)) + " bytes", Reason: "is longer than the limit of " + strconv.Itoa(MaxNameLength), Err: ErrLimit})
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	*s = NodeSpec(j)
	return nil
}
