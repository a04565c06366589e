package faulttree

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Operator is the logic of a [Gate] of a [Tree]. The MEF's other
// connectives are written with these and negated inputs: not x is a
// negated input, nand and nor negate an And or Or, iff is a negated Xor,
// imply(a, b) is Or(¬a, b), cardinality(l, h) is
// And(AtLeast l, ¬AtLeast h+1), and null is its input.
type Operator uint8

// The operators.
const (
	// And is true when all inputs are true.
	And Operator = iota + 1
	// Or is true when at least one input is true.
	Or
	// AtLeast is true when at least Min inputs are true.
	AtLeast
	// Xor is true when an odd number of inputs are true.
	Xor
)

// String returns "and", "or", "atleast" or "xor".
func (o Operator) String() string {
	switch o {
	case And:
		return "and"
	case Or:
		return "or"
	case AtLeast:
		return "atleast"
	case Xor:
		return "xor"
	}
	return fmt.Sprintf("Operator(%d)", uint8(o))
}

// Input is an input of a gate: a basic event or another gate, by index
// into [Tree.Events] or [Tree.Gates], possibly negated.
type Input struct {
	// Gate is true for a gate, false for a basic event.
	Gate bool
	// Index is the index of the gate or event.
	Index int
	// Negated is true when the gate reads the negation of the input.
	Negated bool
}

// Gate is a gate of a [Tree], after house events and constants were
// propagated and the connectives normalised (see [Operator]). Formulas
// nested in a definition become gates of their own, named after the
// defining gate ("g#1", "g#2", …; '#' cannot occur in an MEF name), with
// Anonymous set.
type Gate struct {
	// Name is the gate's name: its plain name when public, its full path
	// (fault-tree.component.gate) when private.
	Name string
	// Operator is the gate's logic.
	Operator Operator
	// Min is the threshold of an AtLeast gate (2 ≤ Min < len(Inputs)).
	Min int
	// Inputs are the gate's inputs.
	Inputs []Input
	// Anonymous marks a gate made from a nested formula.
	Anonymous bool
}

// BasicEvent is a basic event of a [Tree]: a variable, true when the event
// occurs (the component is failed). CCF expansion adds events named after
// the members they fail together, "[pumpA pumpB]".
type BasicEvent struct {
	// Name is the event's name (the full path of a private event).
	Name string
	// Probability is the probability that the event occurs, in [0, 1],
	// evaluated at the mission time.
	Probability float64
}

// Tree is the fault tree of one top event, read from an Open-PSA MEF
// model: gates over basic events, every probability evaluated. Only the
// gates and events the top event depends on are kept, events in the order
// a depth-first walk from the top meets them. A Tree is immutable and safe
// for concurrent use.
type Tree struct {
	top         string
	gates       []Gate
	events      []BasicEvent
	topGate     int // -1 when constant
	constant    bool
	coherent    bool
	missionTime time.Duration
}

// Top returns the name of the top gate.
func (t *Tree) Top() string { return t.top }

// TopGate returns the index in [Tree.Gates] of the top gate, or −1 when
// the top event reduced to a constant (see [Tree.Constant]).
func (t *Tree) TopGate() int { return t.topGate }

// Constant reports whether propagating house events and Boolean constants
// reduced the top event to a constant, and which.
func (t *Tree) Constant() (value, ok bool) { return t.constant, t.topGate < 0 }

// Coherent reports whether the tree is monotone: no negated input and no
// Xor gate, so that minimal cut sets and the dependency-graph form exist.
func (t *Tree) Coherent() bool { return t.coherent }

// MissionTime returns the mission time the probabilities were evaluated
// at.
func (t *Tree) MissionTime() time.Duration { return t.missionTime }

// Gates returns a copy of the gates.
func (t *Tree) Gates() []Gate {
	out := slices.Clone(t.gates)
	for i := range out {
		out[i].Inputs = slices.Clone(out[i].Inputs)
	}
	return out
}

// Events returns a copy of the basic events.
func (t *Tree) Events() []BasicEvent { return slices.Clone(t.events) }

// Probabilities returns the events' probabilities, indexed like
// [Tree.Events].
func (t *Tree) Probabilities() []float64 {
	q := make([]float64, len(t.events))
	for i, e := range t.events {
		q[i] = e.Probability
	}
	return q
}

func (r *reader) chooseTop(top string) (*definition, error) {
	if top != "" {
		d := r.eventsFull[top]
		if d == nil {
			d = r.eventsPublic[top]
		}
		if d == nil || d.kind != kindGate {
			return nil, &ReadError{Name: top, Msg: "no such gate", Err: ErrTop}
		}
		return d, nil
	}
	var cands []*definition
	for _, d := range r.gates {
		if !d.used {
			cands = append(cands, d)
		}
	}
	switch len(cands) {
	case 0:
		return nil, &ReadError{Msg: "no gate that could be the top event", Err: ErrTop}
	case 1:
		return cands[0], nil
	}
	names := make([]string, 0, 10)
	for _, d := range cands[:min(len(cands), 10)] {
		names = append(names, d.display())
	}
	more := ""
	if len(cands) > len(names) {
		more = fmt.Sprintf(" and %d more", len(cands)-len(names))
	}
	return nil, &ReadError{Err: ErrTop, Msg: fmt.Sprintf("%d gates are referenced by no other gate (%s%s); choose one",
		len(cands), strings.Join(names, ", "), more)}
}

// build keeps what the top event depends on, numbering events and gates
// in depth-first order.
func (r *reader) build(top *definition, mt time.Duration) *Tree {
	t := &Tree{top: top.display(), missionTime: mt, coherent: true}
	l := top.node
	if l.isConst() {
		t.topGate, t.constant = -1, !l.neg
		return t
	}
	gateOf := map[int32]int{}
	varOf := map[int32]int{}
	anon := map[string]int{}
	var visit func(n int32, parent string) Input
	visit = func(n int32, parent string) Input {
		node := &r.g.nodes[n]
		if node.op == opVar {
			if v, ok := varOf[n]; ok {
				return Input{Index: v}
			}
			varOf[n] = len(t.events)
			t.events = append(t.events, BasicEvent{Name: node.ev.display(), Probability: node.ev.value})
			return Input{Index: varOf[n]}
		}
		if g, ok := gateOf[n]; ok {
			return Input{Gate: true, Index: g}
		}
		g := len(t.gates)
		gateOf[n] = g
		name, anonymous := node.name, false
		if name == "" {
			anon[parent]++
			name, anonymous = fmt.Sprintf("%s#%d", parent, anon[parent]), true
		}
		op := map[opcode]Operator{opAnd: And, opOr: Or, opAtLeast: AtLeast, opXor: Xor}[node.op]
		if op == Xor {
			t.coherent = false
		}
		t.gates = append(t.gates, Gate{Name: name, Operator: op, Min: node.k, Anonymous: anonymous})
		owner := name
		if anonymous {
			owner = parent
		}
		in := make([]Input, len(node.in))
		for i, x := range node.in {
			in[i] = visit(x.node, owner)
			in[i].Negated = x.neg
			if x.neg {
				t.coherent = false
			}
		}
		if op != AtLeast {
			t.gates[g].Min = 0
		}
		t.gates[g].Inputs = in
		return Input{Gate: true, Index: g}
	}
	in := visit(l.node, t.top)
	if !in.Gate || l.neg || t.gates[in.Index].Name != t.top {
		// The top is an event, a negation or another gate: give it a gate
		// of its own name.
		in.Negated = l.neg
		if l.neg {
			t.coherent = false
		}
		t.gates = append(t.gates, Gate{Name: t.top, Operator: And, Inputs: []Input{in}})
		t.topGate = len(t.gates) - 1
		return t
	}
	t.topGate = in.Index
	return t
}
