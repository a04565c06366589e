package faulttree

import (
	"math"

	"github.com/slacalc/slacalc/availability"
)

var posInf = math.Inf(1)

// NodeSpecs returns the tree as nodes of an availability dependency graph
// and the name of the node for the top event, so that a fault tree can be
// part of a service model or be evaluated by [availability.NewModel]. Each
// basic event becomes a component named prefix+event whose unavailability
// is the event's probability; each gate a group named prefix+gate: an Or
// gate (fails when any input fails) requires all of its inputs, an And
// gate any one, and "at least k of n inputs failed" at least n−k+1
// working. A shared event is one node, so the graph's exact evaluation
// gives the tree's probability. Trees with negation have no such form: a
// [*CoherenceError].
func (t *Tree) NodeSpecs(prefix string) ([]availability.NodeSpec, string, error) {
	if err := t.coherenceError("dependency-graph forms"); err != nil {
		return nil, "", err
	}
	if v, ok := t.Constant(); ok {
		a := availability.Perfect
		if v {
			a = availability.Never
		}
		return []availability.NodeSpec{{Name: prefix + t.top, Availability: &a}}, prefix + t.top, nil
	}
	specs := make([]availability.NodeSpec, 0, len(t.events)+len(t.gates))
	for _, e := range t.events {
		a, err := availability.FromUnavailability(e.Probability)
		if err != nil {
			return nil, "", err
		}
		specs = append(specs, availability.NodeSpec{Name: prefix + "event:" + e.Name, Availability: &a})
	}
	for _, g := range t.gates {
		spec := availability.NodeSpec{Name: prefix + "gate:" + g.Name}
		seen := map[string]bool{}
		for _, in := range g.Inputs {
			var dep string
			if in.Gate {
				dep = prefix + "gate:" + t.gates[in.Index].Name
			} else {
				dep = prefix + "event:" + t.events[in.Index].Name
			}
			// x ∨ x = x: a repeated input changes nothing under and/or.
			if seen[dep] && g.Operator != AtLeast {
				continue
			}
			seen[dep] = true
			spec.DependsOn = append(spec.DependsOn, dep)
		}
		switch g.Operator {
		case Or:
			spec.Requires = availability.RequireAll
		case And:
			spec.Requires = availability.RequireAny
		default:
			spec.Requires = availability.RequireAtLeast(len(g.Inputs) - g.Min + 1)
		}
		specs = append(specs, spec)
	}
	return specs, prefix + "gate:" + t.top, nil
}
