package faulttree

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/internal/bdd"
)

// EvalOptions bounds an evaluation. The zero value is usable.
type EvalOptions struct {
	// MaxNodes bounds the nodes of each binary decision diagram built.
	// 0 means about 4.2 million (some 200 MB) for coherent trees and 8.4
	// million (some 500 MB) for trees with negation, whose diagrams keep
	// complement edges and are larger. Beyond it the evaluation stops with
	// an error that wraps [availability.ErrBudget].
	MaxNodes int
}

// Evaluation is the exact probability of a tree's top event.
type Evaluation struct {
	// P is the probability that the top event occurs (the system is
	// failed).
	P float64
	// NotP is 1 − P, computed separately so that it keeps its relative
	// precision when P is close to 1.
	NotP float64
	// Nodes is the number of BDD nodes built.
	Nodes int
	// Modules is the number of independent sub-trees evaluated apart
	// (coherent trees; 1 for a tree with negation).
	Modules int
}

// CoherenceError says why an analysis defined only for coherent trees
// does not apply: the first gate that negates an input or is a Xor.
type CoherenceError struct {
	// Gate is the gate that makes the tree non-coherent.
	Gate string
	// Analysis is what was asked ("minimal cut sets", …).
	Analysis string
}

// Error explains the problem.
func (e *CoherenceError) Error() string {
	return fmt.Sprintf("faulttree: %s are defined for coherent fault trees only; gate %q uses negation (not, nand, nor, xor, iff, imply or cardinality), so its cut sets would be prime implicants, which are not computed", e.Analysis, e.Gate)
}

// Unwrap returns [ErrNotCoherent].
func (e *CoherenceError) Unwrap() error { return ErrNotCoherent }

func (t *Tree) coherenceError(analysis string) error {
	for _, g := range t.gates {
		if g.Operator == Xor {
			return &CoherenceError{Gate: g.Name, Analysis: analysis}
		}
		for _, in := range g.Inputs {
			if in.Negated {
				return &CoherenceError{Gate: g.Name, Analysis: analysis}
			}
		}
	}
	return nil
}

// structure is the engine's view of a coherent tree.
func (t *Tree) structure() *bdd.Structure {
	s := &bdd.Structure{NumVars: len(t.events), Gates: make([]bdd.Gate, len(t.gates)), Top: bdd.GateRef(t.topGate)}
	for i, g := range t.gates {
		in := make([]bdd.Ref, len(g.Inputs))
		for j, x := range g.Inputs {
			in[j] = bdd.Ref{Gate: x.Gate, Index: x.Index}
		}
		kind := map[Operator]bdd.Kind{And: bdd.KindAnd, Or: bdd.KindOr, AtLeast: bdd.KindAtLeast}[g.Operator]
		s.Gates[i] = bdd.Gate{Kind: kind, K: g.Min, Inputs: in}
	}
	return s
}

// engineError turns the engine's budget error into one that wraps
// availability.ErrBudget; other errors (a done context) keep their chain.
func engineError(err error) error {
	if errors.Is(err, bdd.ErrBudget) {
		return fmt.Errorf("faulttree: %w: %v", availability.ErrBudget, err)
	}
	return fmt.Errorf("faulttree: evaluation stopped: %w", err)
}

// Evaluate returns the exact probability of the top event. A coherent tree
// goes to slacalc's BDD engine, module by module (independent sub-trees
// apart, those without shared events in linear time); a tree with negation
// is split into modules the same way, each compiled into a BDD with
// complement edges. Either way every
// probability is a sum of non-negative terms, exact to a few units in the
// last place whatever its magnitude.
//
// A coherent module whose diagram exceeds opts.MaxNodes (or the engine's
// step budget) with every static variable order is rebuilt with dynamic
// reordering (sifting), then expanded on pivot events; when those exceed
// their budgets too, the error wraps [availability.ErrBudget] and states
// certified bounds on P (nus9601: [9.93928e-06, 1.29972e-05]).
func (t *Tree) Evaluate(ctx context.Context, opts EvalOptions) (*Evaluation, error) {
	if v, ok := t.Constant(); ok {
		if v {
			return &Evaluation{P: 1}, nil
		}
		return &Evaluation{NotP: 1}, nil
	}
	if t.coherent {
		res, err := bdd.ModularProbability(ctx, t.structure(), t.Probabilities(), nil, bdd.Options{MaxNodes: opts.MaxNodes, Condition: true, Sift: true})
		if err != nil {
			return nil, engineError(err)
		}
		return &Evaluation{P: res.P, NotP: res.NotP, Nodes: res.Nodes, Modules: res.Modules}, nil
	}
	order, byRoot, err := t.evalRegions(ctx, opts, false)
	if err != nil {
		return nil, err
	}
	ev := &Evaluation{Modules: len(order)}
	top := byRoot[t.topGate]
	ev.P, ev.NotP = top.p, top.np
	for _, r := range order {
		ev.Nodes += r.nodes
	}
	return ev, nil
}

// Availability returns the probability that the top event does not occur
// as an [availability.Availability], so that a fault tree can be a
// component of a dependency graph or of a Series or Parallel composition.
func (t *Tree) Availability(ctx context.Context, opts EvalOptions) (availability.Availability, error) {
	ev, err := t.Evaluate(ctx, opts)
	if err != nil {
		return availability.Availability{}, err
	}
	return availability.FromUnavailability(min(max(ev.P, 0), 1))
}

// EventImportance holds the importance measures of one basic event for
// the top event, all derived from P(top) and the two conditional
// probabilities.
type EventImportance struct {
	// Event is the basic event's name.
	Event string
	// Probability is the event's probability q.
	Probability float64
	// GivenTrue is P(top | event occurs) and GivenFalse P(top | it does
	// not).
	GivenTrue, GivenFalse float64
	// Birnbaum is GivenTrue − GivenFalse: how much P(top) moves per unit
	// of q. Negative when the event's occurrence helps (non-coherent
	// trees).
	Birnbaum float64
	// Criticality is Birnbaum · q / P(top).
	Criticality float64
	// FussellVesely is (P(top) − GivenFalse) / P(top): the share of the
	// risk the event takes part in.
	FussellVesely float64
	// RAW, the risk achievement worth, is GivenTrue / P(top).
	RAW float64
	// RRW, the risk reduction worth, is P(top) / GivenFalse (+Inf when
	// GivenFalse is 0).
	RRW float64
}

// Importance returns the importance measures of every basic event, in
// the order of [Tree.Events]. For a tree with negation they come from the
// derivative of P(top) (GivenTrue = P + (1 − q)·B, GivenFalse = P − q·B),
// which may lose relative precision when P(top) is far smaller than q·B
// cancels; for a coherent tree from the engine's conditional
// probabilities, with full precision.
func (t *Tree) Importance(ctx context.Context, opts EvalOptions) ([]EventImportance, error) {
	q := t.Probabilities()
	if _, ok := t.Constant(); ok {
		return []EventImportance{}, nil
	}
	var P float64
	given1, given0 := make([]float64, len(q)), make([]float64, len(q))
	if t.coherent {
		d, err := bdd.Compile(ctx, t.structure(), nil, bdd.Options{MaxNodes: opts.MaxNodes})
		if err != nil {
			return nil, engineError(err)
		}
		c, err := d.Conditionals(q)
		if err != nil {
			return nil, err
		}
		P, given1, given0 = c.P, c.GivenTrue, c.GivenFalse
	} else {
		order, byRoot, err := t.evalRegions(ctx, opts, true)
		if err != nil {
			return nil, err
		}
		P = byRoot[t.topGate].p
		B := t.birnbaumNonCoherent(order, byRoot)
		for v := range q {
			given1[v] = min(max(P+(1-q[v])*B[v], 0), 1)
			given0[v] = min(max(P-q[v]*B[v], 0), 1)
		}
	}
	out := make([]EventImportance, len(q))
	for v, e := range t.events {
		im := EventImportance{Event: e.Name, Probability: q[v], GivenTrue: given1[v], GivenFalse: given0[v]}
		im.Birnbaum = im.GivenTrue - im.GivenFalse
		if P > 0 {
			im.Criticality = im.Birnbaum * q[v] / P
			im.FussellVesely = (P - im.GivenFalse) / P
			im.RAW = im.GivenTrue / P
		}
		if im.GivenFalse > 0 {
			im.RRW = P / im.GivenFalse
		} else if P > 0 {
			im.RRW = posInf
		}
		out[v] = im
	}
	return out, nil
}

// MinimalCutSet is a minimal set of basic events whose occurrence makes
// the top event occur.
type MinimalCutSet struct {
	// Events are the events' names.
	Events []string
	// Probability is the product of their probabilities.
	Probability float64
}

// CutSetList is the result of [Tree.MinimalCutSets].
type CutSetList struct {
	// Count is the exact number of minimal cut sets, which may be
	// astronomical.
	Count *big.Int
	// Top are the most probable cut sets, most probable first.
	Top []MinimalCutSet
}

// MinimalCutSets returns the number of minimal cut sets and the limit most
// probable ones (all when limit ≤ 0; check the count first). They are
// defined for coherent trees; a tree with negation gets a
// [*CoherenceError].
func (t *Tree) MinimalCutSets(ctx context.Context, limit int, opts EvalOptions) (*CutSetList, error) {
	if err := t.coherenceError("minimal cut sets"); err != nil {
		return nil, err
	}
	if v, ok := t.Constant(); ok {
		if v {
			return &CutSetList{Count: big.NewInt(1), Top: []MinimalCutSet{{Events: []string{}, Probability: 1}}}, nil
		}
		return &CutSetList{Count: new(big.Int), Top: []MinimalCutSet{}}, nil
	}
	d, err := bdd.Compile(ctx, t.structure(), nil, bdd.Options{MaxNodes: opts.MaxNodes})
	if err != nil {
		return nil, engineError(err)
	}
	cs, err := d.MinimalCutSets(ctx, bdd.Options{MaxNodes: opts.MaxNodes})
	if err != nil {
		return nil, engineError(err)
	}
	top, err := cs.Top(t.Probabilities(), limit)
	if err != nil {
		return nil, err
	}
	out := &CutSetList{Count: cs.Count(), Top: make([]MinimalCutSet, len(top))}
	for i, c := range top {
		names := make([]string, len(c.Vars))
		for j, v := range c.Vars {
			names[j] = t.events[v].Name
		}
		out.Top[i] = MinimalCutSet{Events: names, Probability: c.Probability}
	}
	return out, nil
}
