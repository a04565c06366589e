package availability

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/slacalc/slacalc/internal/bdd"
)

// DefaultNodeBudget is the number of BDD nodes an exact evaluation may
// create unless [Model.WithNodeBudget] says otherwise: about 4.2 million
// nodes, roughly 200 MB.
const DefaultNodeBudget = bdd.DefaultMaxNodes

// ErrBudget is wrapped by a [*BudgetError]: an exact evaluation needed more
// BDD nodes than its budget allowed.
var ErrBudget = errors.New("node budget exceeded")

// ErrNotComponent reports an override or analysis that names a pure group,
// which has no availability of its own.
var ErrNotComponent = errors.New("not a component")

// BudgetError reports an exact evaluation that stopped because it needed
// more BDD nodes than its budget, or because its context was done. It says
// how far it got and carries certified bounds: the true availability under
// independence lies in [Lower, Upper], since the worst and best cases hold
// for every joint behaviour, independence included.
type BudgetError struct {
	Node         string       // the node being evaluated
	Budget       int          // the node budget in force
	Nodes        int          // BDD nodes created when it stopped
	Done, Total  int          // gates compiled out of those needed
	Lower, Upper Availability // certified bounds on the exact result
	Err          error        // ErrBudget or the context's error
}

// Error implements error.
func (e *BudgetError) Error() string {
	return fmt.Sprintf("availability: exact evaluation of %q stopped after %d BDD nodes (budget %d), %d of %d gates compiled: %v; the result lies in [%s, %s]",
		e.Node, e.Nodes, e.Budget, e.Done, e.Total, e.Err, e.Lower, e.Upper)
}

// Unwrap returns ErrBudget or the context's error.
func (e *BudgetError) Unwrap() error { return e.Err }

// WithNodeBudget returns a model that shares m's structure and compiled
// diagrams but limits new exact evaluations to n BDD nodes (n ≤ 0 means
// [DefaultNodeBudget]).
func (m *Model) WithNodeBudget(n int) *Model {
	c := *m
	c.budget = n
	return &c
}

func (m *Model) nodeBudget() int {
	if m.budget <= 0 {
		return DefaultNodeBudget
	}
	return m.budget
}

// buildStructure builds the failure logic of the whole model as a bdd.Structure:
// variable c is TRUE when component c is down, and ref[i] is TRUE when node
// i is down. A node is down when its own part is down or its requirement
// fails: "all" fails when any dependency is down (or), "any" when all are
// down (and), "at least k of n" when at least n−k+1 are down.
func (m *Model) buildStructure() {
	s := &bdd.Structure{NumVars: len(m.components)}
	ref := make([]bdd.Ref, len(m.names))
	for _, i := range m.order {
		deps := m.deps[i]
		if len(deps) == 0 {
			ref[i] = bdd.VarRef(m.comp[i])
			continue
		}
		in := make([]bdd.Ref, len(deps), len(deps)+1)
		for j, d := range deps {
			in[j] = ref[d]
		}
		n := len(deps)
		down := n - m.req[i].atLeast(n) + 1 // dependencies down for the requirement to fail
		gate := bdd.Gate{Kind: bdd.KindAtLeast, K: down, Inputs: in}
		switch {
		case down == 1:
			gate = bdd.Gate{Kind: bdd.KindOr, Inputs: in}
			if m.hasOwn[i] { // or(own, deps...) in one gate
				gate.Inputs = append(gate.Inputs, bdd.VarRef(m.comp[i]))
			}
		case down == n:
			gate = bdd.Gate{Kind: bdd.KindAnd, Inputs: in}
		}
		s.Gates = append(s.Gates, gate)
		ref[i] = bdd.GateRef(len(s.Gates) - 1)
		if m.hasOwn[i] && down != 1 {
			s.Gates = append(s.Gates, bdd.Gate{Kind: bdd.KindOr, Inputs: []bdd.Ref{bdd.VarRef(m.comp[i]), ref[i]}})
			ref[i] = bdd.GateRef(len(s.Gates) - 1)
		}
	}
	m.fault = s
	m.ref = ref
}

// Availability returns the exact availability of a node assuming
// independent failures. It is Evaluate(context.Background(), node,
// Independent).
func (m *Model) Availability(node string) (Availability, error) {
	return m.Evaluate(context.Background(), node, Independent)
}

// Evaluate returns the availability of a node under an assumption.
//
// Independent is exact for any coherent structure. When no part below the
// node is reached by two paths (a tree), it is computed in linear time with
// the value algebra ([Series], [Parallel], [KOfN]). When it needs all of
// its dependencies over such parts, or over replica groups that separate
// from the dependencies they share, it is computed without a BDD as
// [Model.AvailabilityOf] does. Otherwise a reduced
// ordered BDD of the node's failure logic is built (variables ordered
// depth-first from the node, the classic fault-tree heuristic) and its
// probability computed as a sum of non-negative terms, so the unavailability
// keeps its relative precision. The diagram is kept for later evaluations,
// what-ifs and analyses. When the BDD needs more nodes than the budget, or
// ctx is done, the error is a [*BudgetError] with certified bounds.
//
// WorstCase and BestCase apply the Fréchet-type bounds of the value algebra
// node by node, from the components up. A shared node enters each of its
// dependants' bounds with its own bound; since those bounds hold for any
// joint behaviour of the inputs, including the perfect correlation of a
// node with itself, the results are valid bounds for every joint behaviour
// of the components, though not sharp in general.
func (m *Model) Evaluate(ctx context.Context, node string, as Assumption) (Availability, error) {
	if err := as.check("Model.Evaluate"); err != nil {
		return Availability{}, err
	}
	i, err := m.lookup(node)
	if err != nil {
		return Availability{}, err
	}
	if as != Independent {
		return m.bound(i, as), nil
	}
	if m.isTree(i) {
		return m.treeValue(i), nil
	}
	if a, ok := m.withoutBDD(ctx, i); ok {
		return a, nil
	}
	if d := m.cached(i); d != nil {
		u, err := d.Probability(m.q())
		if err != nil {
			return Availability{}, err
		}
		return Availability{u: u}, nil
	}
	s := *m.fault
	s.Top = m.ref[i]
	res, err := bdd.ModularProbability(ctx, &s, m.q(), nil, bdd.Options{MaxNodes: m.nodeBudget()})
	if err != nil {
		return Availability{}, m.budgetError(i, err)
	}
	return Availability{u: min(1, res.P)}, nil
}

// cached returns node i's compiled diagram if an analysis built it already.
func (m *Model) cached(i int) *bdd.Diagram {
	c := m.compiled
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.diagrams[i]
}

// Bounds evaluates a node under all three assumptions.
func (m *Model) Bounds(ctx context.Context, node string) (Bounds, error) {
	return BoundsOf(func(as Assumption) (Availability, error) { return m.Evaluate(ctx, node, as) })
}

// q returns the components' unavailabilities, indexed by component number.
func (m *Model) q() []float64 {
	q := make([]float64, len(m.components))
	for c, i := range m.components {
		q[c] = m.own[i].u
	}
	return q
}

// reachable returns the nodes below i (i included), every node after its
// dependencies.
func (m *Model) reachable(i int) []int {
	type frame struct{ v, next int }
	done := make([]bool, len(m.names))
	out := make([]int, 0, 16)
	stack := []frame{{i, 0}}
	done[i] = true
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if f.next < len(m.deps[f.v]) {
			d := m.deps[f.v][f.next]
			f.next++
			if !done[d] {
				done[d] = true
				stack = append(stack, frame{d, 0})
			}
			continue
		}
		out = append(out, f.v)
		stack = stack[:len(stack)-1]
	}
	return out
}

// isTree reports whether every node below i is reached by exactly one path.
func (m *Model) isTree(i int) bool {
	if m.tree[i] {
		return true
	}
	seen := make([]bool, len(m.names))
	stack := []int{i}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, d := range m.deps[v] {
			if seen[d] {
				return false
			}
			seen[d] = true
			stack = append(stack, d)
		}
	}
	return true
}

// nodeValue combines a node's own availability with its dependencies'
// values under an assumption; buf is scratch space.
func (m *Model) nodeValue(i int, vals []Availability, as Assumption, buf []Availability) (Availability, []Availability) {
	deps := m.deps[i]
	if len(deps) == 0 {
		return m.own[i], buf
	}
	buf = buf[:0]
	for _, d := range deps {
		buf = append(buf, vals[d])
	}
	r := as.atLeast(m.req[i].atLeast(len(deps)), buf)
	if m.hasOwn[i] {
		r, _ = as.Series(m.own[i], r)
	}
	return r, buf
}

// atLeast is the availability of parts of which at least k must work, by
// the value algebra under as: series, parallel or k-of-n. The parts are
// valid availabilities and 1 ≤ k ≤ len(parts), so it cannot fail.
func (as Assumption) atLeast(k int, parts []Availability) Availability {
	var r Availability
	switch {
	case k == len(parts):
		r, _ = as.Series(parts...)
	case k == 1:
		r, _ = as.Parallel(parts...)
	default:
		r, _ = as.KOfN(k, parts...)
	}
	return r
}

// treeValue evaluates a node whose dependencies form a tree: the parts are
// independent, so the value algebra is exact.
func (m *Model) treeValue(i int) Availability {
	return m.recursive(i, Independent)
}

// bound applies an assumption node by node from the components up.
func (m *Model) bound(i int, as Assumption) Availability {
	return m.recursive(i, as)
}

func (m *Model) recursive(i int, as Assumption) Availability {
	vals := make([]Availability, len(m.names))
	var buf []Availability
	for _, v := range m.reachable(i) {
		vals[v], buf = m.nodeValue(v, vals, as, buf)
	}
	return vals[i]
}

// diagram returns the BDD of node i's failure logic, compiling it on first
// use.
func (m *Model) diagram(ctx context.Context, i int) (*bdd.Diagram, error) {
	c := m.compiled
	c.mu.Lock()
	defer c.mu.Unlock()
	if d, ok := c.diagrams[i]; ok {
		return d, nil
	}
	s := *m.fault
	s.Top = m.ref[i]
	d, err := bdd.Compile(ctx, &s, nil, bdd.Options{MaxNodes: m.nodeBudget()})
	if err != nil {
		return nil, m.budgetError(i, err)
	}
	if c.diagrams == nil {
		c.diagrams = make(map[int]*bdd.Diagram)
	}
	c.diagrams[i] = d
	return d, nil
}

func (m *Model) budgetError(i int, err error) error {
	var be *bdd.BuildError
	if !errors.As(err, &be) {
		return fmt.Errorf("availability: evaluating node %s: %w", strconv.Quote(m.names[i]), err)
	}
	sentinel := be.Err
	if errors.Is(sentinel, bdd.ErrBudget) {
		sentinel = ErrBudget
	}
	e := &BudgetError{
		Node: m.names[i], Budget: be.Budget, Nodes: be.Nodes, Done: be.Done, Total: be.Total,
		Lower: m.bound(i, WorstCase), Upper: m.bound(i, BestCase), Err: sentinel,
	}
	if be.Bounded {
		// The engine's bounds are on the probability of failure; keep the
		// tighter of them and the worst and best cases.
		e.Lower = Availability{u: min(e.Lower.u, clamp01(be.Upper))}
		e.Upper = Availability{u: max(e.Upper.u, clamp01(be.Lower))}
	}
	return e
}

// AvailabilityOf returns the exact availabilities of several nodes,
// assuming independent failures, in the order given; pass [Model.Nodes] to
// evaluate every node. All of them are evaluated in one pass from the
// components up, which is much faster than calling [Model.Availability] for
// each node of a large graph:
//
//   - a node whose dependencies form a tree shared by nothing else takes the
//     value algebra and counts as one independent part above it;
//   - a node that needs all of its dependencies, over such parts and other
//     such nodes, is 1 − Π(1 − qₐ) over the distinct parts below it;
//   - a replica group (at least k of n replicas that each fail with their
//     own part or with dependencies they all share) is separated into the
//     shared dependencies and one independent part, the k-of-n of the
//     replicas' own parts;
//   - whatever is left is compiled in one BDD manager over those parts.
//
// Memory is bounded by the node budget (about 50 bytes a node), enforced;
// on a stop the [*BudgetError] names the first node that was not finished
// and carries certified bounds for it.
func (m *Model) AvailabilityOf(ctx context.Context, nodes ...string) ([]Availability, error) {
	idx := make([]int, len(nodes))
	for j, name := range nodes {
		i, err := m.lookup(name)
		if err != nil {
			return nil, err
		}
		idx[j] = i
	}
	return m.availabilities(ctx, idx)
}
