package bdd

import (
	"errors"
	"fmt"
)

// ErrBudget is wrapped by a [*BuildError] when a construction stopped because
// the number of nodes would have exceeded the [Manager]'s budget.
var ErrBudget = errors.New("bdd: node budget exceeded")

// ErrStepBudget is wrapped by a [*BuildError] when a construction stopped
// because it took more recursive steps than [Options.MaxSteps] allows.
// errors.Is(ErrStepBudget, ErrBudget) holds: both budgets bound the work,
// and callers that bracket or retry on one treat the other alike.
var ErrStepBudget error = stepBudgetError{}

type stepBudgetError struct{}

func (stepBudgetError) Error() string { return "bdd: step budget exceeded" }

func (stepBudgetError) Is(target error) bool { return target == ErrBudget }

// ErrInvalid is wrapped by errors that report invalid input: a bad order, a
// malformed [Structure], a probability outside [0, 1] or a node that does not
// belong to the [Manager].
var ErrInvalid = errors.New("bdd: invalid input")

// BuildError reports a construction that stopped before it finished,
// because the node budget was exhausted (Err is [ErrBudget]), the step
// budget was (Err is [ErrStepBudget]) or the context was done (Err is the
// context's error). It says how far the
// construction got, so a caller can decide whether a bigger budget is worth
// trying.
type BuildError struct {
	// Err is ErrBudget, ErrStepBudget or the context's error.
	Err error
	// Op names the operation that stopped: "build", "and", "or",
	// "atleast", "cutsets" or "modules".
	Op string
	// Nodes is the number of nodes that existed when the construction stopped.
	Nodes int
	// Budget is the node budget in force.
	Budget int
	// Steps is the number of recursive steps the stopped operation took.
	Steps uint64
	// Done and Total count the units of work (gates for [Build], operands
	// for the n-ary operations) completed and planned; Total is 0 when
	// unknown.
	Done, Total int
	// Bounded is set when Lower and Upper hold: [ModularProbability] on
	// a budget stop still brackets P(Top) by certified bounds (see
	// [Bounds]), using the exact probabilities of every module it could
	// evaluate.
	Bounded bool
	// Lower and Upper bound P(Top = true) when Bounded is set.
	Lower, Upper float64
}

// Error implements the error interface.
func (e *BuildError) Error() string {
	s := fmt.Sprintf("bdd: %s stopped after %d nodes (budget %d)", e.Op, e.Nodes, e.Budget)
	if e.Total > 0 {
		s += fmt.Sprintf(", %d of %d done", e.Done, e.Total)
	}
	if e.Bounded {
		s += fmt.Sprintf(", probability in [%.6g, %.6g]", e.Lower, e.Upper)
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the cause, so errors.Is(err, ErrBudget) and
// errors.Is(err, context.Canceled) work.
func (e *BuildError) Unwrap() error { return e.Err }

// InputError reports invalid input, naming what was wrong.
type InputError struct {
	// What names the offending argument or element, for example
	// "order[3]", "q[7]" or "gate 12".
	What string
	// Reason says what is wrong with it.
	Reason string
}

// Error implements the error interface.
func (e *InputError) Error() string {
	return "bdd: invalid " + e.What + ": " + e.Reason
}

// Unwrap returns [ErrInvalid].
func (e *InputError) Unwrap() error { return ErrInvalid }

func invalid(what, format string, args ...any) error {
	return &InputError{What: what, Reason: fmt.Sprintf(format, args...)}
}

// CycleError reports a [Structure] whose gates form a cycle.
type CycleError struct {
	// Gates lists the gates of one cycle in order: each uses the next, and
	// the last uses the first.
	Gates []int
}

// Error implements the error interface.
func (e *CycleError) Error() string {
	return fmt.Sprintf("bdd: invalid structure: cycle through gates %v", e.Gates)
}

// Unwrap returns [ErrInvalid].
func (e *CycleError) Unwrap() error { return ErrInvalid }
