package openslo

import (
	"errors"
	"fmt"

	"github.com/slacalc/slacalc/availability"
)

// Sentinel errors of this package, besides availability.ErrSyntax (YAML
// that cannot be read) and availability.ErrRange (values out of range).
var (
	// ErrUnsupported reports an OpenSLO construct that has no slacalc
	// objective: another kind or apiVersion, a time window that is not
	// aligned to a calendar unit, more than one time window or objective.
	ErrUnsupported = errors.New("not expressible as an sla.Objective")
	// ErrConflict reports an annotation that disagrees with the OpenSLO
	// field it refines.
	ErrConflict = errors.New("annotation conflicts with the document")
)

func inputErr(fn, field, value, reason string, sentinel error) *availability.InputError {
	return &availability.InputError{Func: "openslo." + fn, Field: field, Value: value, Reason: reason, Err: sentinel}
}

func docField(i int, path string) string {
	if path == "" {
		return fmt.Sprintf("documents[%d]", i)
	}
	return fmt.Sprintf("documents[%d].%s", i, path)
}
