package faulttree

import (
	"context"
	"errors"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/internal/bdd"
)

// shape is the tree with negations dropped and Xor read as Or: the same
// graph, which is all that modules and variable orders depend on.
func (t *Tree) shape() *bdd.Structure {
	s := &bdd.Structure{NumVars: len(t.events), Gates: make([]bdd.Gate, len(t.gates)), Top: bdd.GateRef(t.topGate)}
	for i, g := range t.gates {
		in := make([]bdd.Ref, len(g.Inputs))
		for j, x := range g.Inputs {
			in[j] = bdd.Ref{Gate: x.Gate, Index: x.Index}
		}
		kind := map[Operator]bdd.Kind{And: bdd.KindAnd, Or: bdd.KindOr, AtLeast: bdd.KindAtLeast, Xor: bdd.KindOr}[g.Operator]
		s.Gates[i] = bdd.Gate{Kind: kind, K: g.Min, Inputs: in}
	}
	return s
}

// region is one module of a non-coherent tree: the gates below its root
// down to the events and the roots of other modules, which are its
// variables.
type region struct {
	root   int
	gates  []Gate // local; inputs index local gates and vars
	leaves []Input
	// Results: P and 1 − P of the root, and ∂P(root)/∂P(leaf).
	p, np float64
	birn  []float64
	nodes int
}

func (t *Tree) regions(module []bool) (order []*region, byRoot map[int]*region) {
	byRoot = map[int]*region{}
	var visit func(m int) *region
	visit = func(m int) *region {
		if r, ok := byRoot[m]; ok {
			return r
		}
		r := &region{root: m}
		local := map[int]int{}
		leafOf := map[Input]int{}
		var walk func(g int) int
		walk = func(g int) int {
			if l, ok := local[g]; ok {
				return l
			}
			l := len(r.gates)
			local[g] = l
			r.gates = append(r.gates, Gate{Operator: t.gates[g].Operator, Min: t.gates[g].Min})
			in := make([]Input, len(t.gates[g].Inputs))
			for i, x := range t.gates[g].Inputs {
				if x.Gate && !module[x.Index] {
					in[i] = Input{Gate: true, Index: walk(x.Index), Negated: x.Negated}
					continue
				}
				key := Input{Gate: x.Gate, Index: x.Index}
				v, ok := leafOf[key]
				if !ok {
					v = len(r.leaves)
					leafOf[key] = v
					r.leaves = append(r.leaves, key)
				}
				in[i] = Input{Index: v, Negated: x.Negated}
			}
			r.gates[l].Inputs = in
			return l
		}
		walk(m)
		for _, x := range r.leaves {
			if x.Gate {
				visit(x.Index)
			}
		}
		byRoot[m] = r
		order = append(order, r) // sub-modules first
		return r
	}
	visit(t.topGate)
	return order, byRoot
}

// orders are the variable orders tried for a module, in turn until one
// fits the budget. Depth-first with the larger sub-trees first is the
// only one that builds das9701 (Aralia) within 8 million nodes.
var orders = []bdd.OrderHeuristic{bdd.DepthFirstLargeFirst, bdd.DepthFirst, bdd.DepthFirstSmallFirst, bdd.Force}

// defaultNonCoherentNodes is the default budget of a module's BDD with
// complement edges: about 60 bytes a node with its tables, so 500 MB.
const defaultNonCoherentNodes = 8 << 20

// evaluate evaluates every module bottom-up: each is compiled into a BDD
// with complement edges over its events and the modules below it, whose
// (P, 1 − P) are known by then, with the variable orders of [orders] in
// turn. With wantBirnbaum each module also keeps the derivative of its
// root by its variables.
func (t *Tree) evalRegions(ctx context.Context, opts EvalOptions, wantBirnbaum bool) ([]*region, map[int]*region, error) {
	s := t.shape()
	module := s.Modules()
	order, byRoot := t.regions(module)
	maxNodes := opts.MaxNodes
	if maxNodes <= 0 {
		maxNodes = defaultNonCoherentNodes
	}
	for _, r := range order {
		q, nq := make([]float64, len(r.leaves)), make([]float64, len(r.leaves))
		for i, x := range r.leaves {
			if x.Gate {
				sub := byRoot[x.Index]
				q[i], nq[i] = sub.p, sub.np
			} else {
				q[i] = t.events[x.Index].Probability
				nq[i] = 1 - q[i]
			}
		}
		// The region's own shape, for the order heuristics.
		rs := &bdd.Structure{NumVars: len(r.leaves), Gates: make([]bdd.Gate, len(r.gates)), Top: bdd.GateRef(0)}
		for i, g := range r.gates {
			in := make([]bdd.Ref, len(g.Inputs))
			for j, x := range g.Inputs {
				in[j] = bdd.Ref{Gate: x.Gate, Index: x.Index}
			}
			rs.Gates[i] = bdd.Gate{Kind: bdd.KindOr, Inputs: in}
		}
		var lastErr error
		for _, h := range orders {
			b := newCBDD(ctx, rs.Order(h), maxNodes)
			top, err := b.compile(r.gates, 0)
			if err != nil {
				lastErr = err
				if !errors.Is(err, availability.ErrBudget) {
					return nil, nil, err
				}
				continue
			}
			p, np := b.probabilities(q, nq)
			r.p, r.np = edgeP(p, np, top)
			if wantBirnbaum {
				r.birn = b.birnbaum(top, q, nq, p, np)
			}
			r.nodes, lastErr = len(b.nodes), nil
			break
		}
		if lastErr != nil {
			return nil, nil, lastErr
		}
	}
	return order, byRoot, nil
}

// birnbaumNonCoherent is ∂P(top)/∂q_v for every event by the chain rule
// over the modules: each event and each module is a variable of exactly
// one module above it.
func (t *Tree) birnbaumNonCoherent(order []*region, byRoot map[int]*region) []float64 {
	out := make([]float64, len(t.events))
	d := map[int]float64{t.topGate: 1}
	for i := len(order) - 1; i >= 0; i-- { // from the top down
		r := order[i]
		for j, x := range r.leaves {
			if x.Gate {
				d[x.Index] += d[r.root] * r.birn[j]
			} else {
				out[x.Index] += d[r.root] * r.birn[j]
			}
		}
	}
	return out
}
