package availability

import (
	"strconv"
)

// Assumption says what is assumed about how the parts of a composition fail
// together. The marginal availability of every part is known; their joint
// behaviour is not, and the three assumptions bracket every possibility.
//
// The zero Assumption is [Independent].
type Assumption uint8

const (
	// Independent assumes that parts fail independently of each other: the
	// engineering estimate, and what vendors' calculators compute.
	Independent Assumption = iota
	// WorstCase gives the lowest availability that is possible for ANY
	// joint behaviour of parts with the given availabilities: outages never
	// overlap where overlap would help (series) and always overlap where it
	// hurts (redundancy). It is what a contract can guarantee without
	// knowing how the parts' failures correlate.
	WorstCase
	// BestCase gives the highest availability possible for any joint
	// behaviour: outages overlap in series and never coincide in redundancy.
	BestCase
)

var assumptionNames = [...]string{"independent", "worst-case", "best-case"}

// String returns "independent", "worst-case" or "best-case".
func (as Assumption) String() string {
	if int(as) < len(assumptionNames) {
		return assumptionNames[as]
	}
	return "Assumption(" + strconv.Itoa(int(as)) + ")"
}

// MarshalText implements encoding.TextMarshaler with the names of String.
func (as Assumption) MarshalText() ([]byte, error) {
	if err := as.check("MarshalText"); err != nil {
		return nil, err
	}
	return []byte(as.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; it accepts the names of
// String.
func (as *Assumption) UnmarshalText(text []byte) error {
	for i, n := range assumptionNames {
		if string(text) == n {
			*as = Assumption(i)
			return nil
		}
	}
	return inputErr("Assumption.UnmarshalText", "text", strconv.Quote(string(text)),
		`is not "independent", "worst-case" or "best-case"`, ErrAssumption)
}

func (as Assumption) check(fn string) error {
	if int(as) >= len(assumptionNames) {
		return inputErr(fn, "assumption", strconv.Itoa(int(as)), "is not a declared Assumption", ErrAssumption)
	}
	return nil
}

// Bounds holds a composition's availability under each assumption. For
// every composition Worst ≤ Independent ≤ Best.
type Bounds struct {
	Worst       Availability `json:"worst"`
	Independent Availability `json:"independent"`
	Best        Availability `json:"best"`
}

// Under returns the member of b for the given assumption.
func (b Bounds) Under(as Assumption) Availability {
	switch as {
	case WorstCase:
		return b.Worst
	case BestCase:
		return b.Best
	}
	return b.Independent
}

// BoundsOf evaluates a composition under all three assumptions, for
// example BoundsOf(func(as Assumption) (Availability, error) { return
// as.Series(app, network) }).
func BoundsOf(f func(Assumption) (Availability, error)) (Bounds, error) {
	var b Bounds
	var err error
	if b.Worst, err = f(WorstCase); err != nil {
		return Bounds{}, err
	}
	if b.Independent, err = f(Independent); err != nil {
		return Bounds{}, err
	}
	if b.Best, err = f(BestCase); err != nil {
		return Bounds{}, err
	}
	return b, nil
}
