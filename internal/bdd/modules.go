package bdd

import (
	"cmp"
	"context"
	"errors"
	"math"
)

// Modules returns, for each gate of s, whether it is a module: a gate whose
// descendants (gates and variables) are reached from the rest of the
// structure only through it. Its function is then independent of
// everything outside it, so it can be evaluated on its own and replaced by
// one variable. Top is always a module; gates not reachable from Top are
// reported false. s must be valid.
//
// It is the linear-time algorithm of Dutuit and Rauzy (1996): one
// depth-first walk from Top dates every visit of every node, and a gate is
// a module exactly when every visit of every descendant falls between the
// gate's own entry and exit dates of its first visit, that is, when no
// path from outside reaches a descendant before or after the walk has
// explored the gate. A second pass, children first, takes the earliest and
// latest dates beneath each gate. Time and memory are O(G + V + E).
func (s *Structure) Modules() []bool {
	module := make([]bool, len(s.Gates))
	if !s.Top.Gate {
		return module
	}
	nv := s.NumVars
	// Dates per node: variables first, then gates. first is the date of
	// the first visit (0 = never), last that of the last visit (for a
	// gate, its exit or a later revisit); exit is a gate's exit date.
	first := make([]int32, nv+len(s.Gates))
	last := make([]int32, nv+len(s.Gates))
	exit := make([]int32, len(s.Gates))
	var date int32
	type frame struct{ g, next int }
	var stack []frame
	post := make([]int, 0, len(s.Gates))
	enter := func(g int) {
		date++
		first[nv+g], last[nv+g] = date, date
		stack = append(stack, frame{g, 0})
	}
	enter(s.Top.Index)
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		in := s.Gates[f.g].Inputs
		if f.next == len(in) {
			date++
			exit[f.g], last[nv+f.g] = date, date
			post = append(post, f.g)
			stack = stack[:len(stack)-1]
			continue
		}
		r := in[f.next]
		f.next++
		switch x := r.Index; {
		case !r.Gate:
			date++
			if first[x] == 0 {
				first[x] = date
			}
			last[x] = date
		case first[nv+x] == 0:
			enter(x)
		default:
			date++
			last[nv+x] = date
		}
	}
	// lo and hi: the earliest and latest visit of any descendant.
	lo := make([]int32, len(s.Gates))
	hi := make([]int32, len(s.Gates))
	for _, g := range post {
		l, h := int32(math.MaxInt32), int32(0)
		for _, r := range s.Gates[g].Inputs {
			x := r.Index
			if r.Gate {
				l, h = min(l, lo[x]), max(h, hi[x])
				x += nv
			}
			l, h = min(l, first[x]), max(h, last[x])
		}
		lo[g], hi[g] = l, h
		module[g] = first[nv+g] < l && h < exit[g]
	}
	return module
}

// ModularResult is the outcome of [ModularProbability].
type ModularResult struct {
	// P is P(Top = true).
	P float64
	// NotP is P(Top = false), computed separately (not as 1 − P) so that it
	// keeps its relative precision when P is close to 1.
	NotP float64
	// Modules is the number of modules evaluated.
	Modules int
	// Trees counts the modules evaluated by the linear tree path.
	Trees int
	// Nodes is the sum of the sizes of the modules' diagrams.
	Nodes int
	// MaxNodes is the size of the largest module diagram.
	MaxNodes int
	// Steps counts the recursive apply steps of every attempt at every
	// module, those that lost a race included: the work done, the same
	// on every machine.
	Steps uint64
	// Conditioned counts the pivot variables conditioned on (Shannon
	// expansions) in modules whose diagram exceeded the budget; 0 when
	// every module fitted.
	Conditioned int
	// Sifted counts the modules evaluated with dynamic reordering
	// ([Options.Sift]) after every static order exceeded the budget.
	Sifted int
}

// ModularProbability returns P(Top = true) like [Compile] followed by
// [Diagram.Probability], but splits s into modules (see
// [Structure.Modules]) first: each module is compiled on its own, with its
// sub-modules replaced by single variables whose probabilities (and
// complements) were computed before, and a module without sharing takes the
// linear [TreeProbability] path. The diagrams are much smaller than one for
// the whole structure, and the result is the same: modules are independent
// of everything outside them.
//
// Each module's variables are ordered by the heuristics hs (nil means
// [DefaultPortfolio]). With more than one, they race: each builds the
// module's diagram concurrently (the others join the first once it has
// taken some tens of thousands of steps), and the one needing the fewest
// steps wins (deterministic, whatever the machine's load); an attempt
// stops as soon as it has taken more steps than a finished one, or twice
// as many as another for the same gates, so the work is well under
// len(hs) times that of the best order for the module, shared among the
// processors. opts.MaxNodes bounds each attempt's manager.
//
// When a module exceeds the budget and opts.Sift is set, it is rebuilt
// with dynamic variable reordering (Sifted counts these); when that too
// exceeds its budget and opts.Condition is set, it is evaluated exactly by
// Shannon expansion on pivot variables instead (Conditioned counts them);
// when that too runs out of budget, or without either option, the
// evaluation goes on: that module is
// bracketed as in [Bounds], tightened where it can be by two builds whose
// gates' diagrams are cut down to a few thousand nodes, from below and
// from above (nus9601: [9.94e-6, 1.30e-5] instead of [9.94e-6, 2.53e-5]),
// and the modules above are evaluated at both ends of their inputs'
// brackets. The returned [*BuildError] wraps [ErrBudget]
// and carries the resulting certified bounds on P(Top) (Bounded, Lower,
// Upper). A done context stops the evaluation at once: the modules left
// are bracketed the same way, and the [*BuildError], which wraps the
// context's error, carries bounds too.
func ModularProbability(ctx context.Context, s *Structure, q []float64, hs []OrderHeuristic, opts Options) (*ModularResult, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if len(q) != s.NumVars {
		return nil, &ProbabilityError{Var: -1, Value: float64(len(q))}
	}
	for v, x := range q {
		if !(x >= 0 && x <= 1) {
			return nil, &ProbabilityError{Var: v, Value: x}
		}
	}
	if len(hs) == 0 {
		hs = DefaultPortfolio()
	}
	res := &ModularResult{}
	if !s.Top.Gate {
		res.P, res.NotP = q[s.Top.Index], 1-q[s.Top.Index]
		return res, nil
	}
	module := s.Modules()
	order := s.postorder() // children first: sub-modules are done before
	// Each module's probability is bracketed by the pairs lo and hi, equal
	// while every module so far was evaluated exactly. When a module's
	// BDD exceeds the budget, Bounds-style propagation brackets it instead
	// and the modules above are evaluated at both ends: their probability
	// increases with their inputs', so the brackets stay certified.
	lo := make([]pair, len(s.Gates))
	hi := make([]pair, len(s.Gates))
	local := make([]int32, len(s.Gates)) // gate → local gate index, −1 if absent
	localVar := make([]int32, s.NumVars)
	localMod := make([]int32, len(s.Gates)) // module gate → local variable
	for i := range local {
		local[i], localMod[i] = -1, -1
	}
	for i := range localVar {
		localVar[i] = -1
	}
	var budgetErr *BuildError // the first budget stop, if any
	var stopErr *BuildError   // the context's stop, if any
	for done, m := range order {
		if !module[m] {
			continue
		}
		// A done context stops the evaluation, but the modules left are
		// still bracketed (in linear time), so that the stop gives
		// certified bounds like a budget stop.
		stopped := func(err error) {
			if stopErr == nil {
				stopErr = &BuildError{Err: err, Op: "modules", Nodes: res.Nodes, Budget: cmp.Or(opts.MaxNodes, DefaultMaxNodes), Done: done, Total: len(order)}
			}
		}
		if ctx != nil && stopErr == nil {
			if err := ctx.Err(); err != nil {
				stopped(err)
			}
		}
		sub, gates, leaves := extractModule(s, m, module, local, localVar, localMod)
		// Reset the scratch maps for the next module.
		for _, g := range gates {
			local[g] = -1
		}
		inLo := make([]pair, len(leaves))
		inHi := make([]pair, len(leaves))
		exactIn := true
		for i, r := range leaves {
			if r.Gate {
				localMod[r.Index] = -1
				inLo[i], inHi[i] = lo[r.Index], hi[r.Index]
				exactIn = exactIn && lo[r.Index] == hi[r.Index]
			} else {
				localVar[r.Index] = -1
				inLo[i] = pair{q[r.Index], 1 - q[r.Index]}
				inHi[i] = inLo[i]
			}
		}
		if stopErr != nil {
			lo[m], _ = boundPairs(sub, inLo, inLo)
			_, hi[m] = boundPairs(sub, inHi, inHi)
			continue
		}
		ev, steps, err := evalModule(ctx, sub, hs, opts)
		res.Steps += steps
		if err != nil && ctx != nil && ctx.Err() != nil {
			stopped(ctx.Err())
			lo[m], _ = boundPairs(sub, inLo, inLo)
			_, hi[m] = boundPairs(sub, inHi, inHi)
			continue
		}
		var be *BuildError
		switch {
		case err == nil:
			lo[m] = ev.eval(sub, inLo)
			hi[m] = lo[m]
			if !exactIn {
				hi[m] = ev.eval(sub, inHi)
			}
		case errors.As(err, &be) && errors.Is(err, ErrBudget):
			if opts.Sift {
				d, steps, serr := siftCompile(ctx, sub, sub.Order(hs[0]), siftOptions(opts))
				res.Steps += steps
				if serr == nil {
					ev := evaluator{d: d}
					lo[m] = ev.eval(sub, inLo)
					hi[m] = lo[m]
					if !exactIn {
						hi[m] = ev.eval(sub, inHi)
					}
					res.Modules++
					res.Sifted++
					res.Nodes += d.Size()
					res.MaxNodes = max(res.MaxNodes, d.Size())
					continue
				}
				if ctx != nil && ctx.Err() != nil {
					stopped(ctx.Err())
				} else if !errors.Is(serr, ErrBudget) {
					return nil, serr
				}
			}
			if exactIn && opts.Condition && stopErr == nil {
				// Too large for one diagram: condition on pivot
				// variables until the cofactors' modules fit.
				var st condStats
				p, cerr := conditionPair(ctx, sub, inLo, hs, opts, 0, &st)
				res.Steps += st.steps
				if cerr == nil {
					lo[m], hi[m] = p, p
					res.Modules += st.modules
					res.Nodes += st.nodes
					res.MaxNodes = max(res.MaxNodes, st.maxNodes)
					res.Conditioned += st.conditioned
					continue
				}
				if ctx != nil && ctx.Err() != nil {
					stopped(ctx.Err())
				} else if !errors.Is(cerr, ErrBudget) {
					return nil, cerr
				}
			}
			if budgetErr == nil {
				be.Op, be.Done, be.Total = "modules", done, len(order)
				budgetErr = be
			}
			lo[m], _ = boundPairs(sub, inLo, inLo)
			_, hi[m] = boundPairs(sub, inHi, inHi)
			if stopErr == nil {
				// Tighter, still certified: diagrams cut down from
				// below and above (see approxBounds).
				l, h, steps, aerr := approxBounds(ctx, sub, inLo, inHi, sub.Order(hs[0]), approxKeep, opts)
				res.Steps += steps
				switch {
				case aerr == nil:
					if l.t > lo[m].t {
						lo[m] = l
					}
					if h.t < hi[m].t {
						hi[m] = h
					}
				case ctx != nil && ctx.Err() != nil:
					stopped(ctx.Err())
				}
			}
			continue
		default:
			if errors.As(err, &be) {
				be.Op, be.Done, be.Total = "modules", done, len(order)
			}
			return nil, err
		}
		res.Modules++
		if ev.d == nil {
			res.Trees++
		} else {
			res.Nodes += ev.d.Size()
			res.MaxNodes = max(res.MaxNodes, ev.d.Size())
		}
	}
	top := s.Top.Index
	if stopErr != nil {
		stopErr.Bounded = true
		stopErr.Lower, stopErr.Upper = clamp01(lo[top].t), clamp01(hi[top].t)
		return nil, stopErr
	}
	if budgetErr != nil {
		budgetErr.Bounded = true
		budgetErr.Lower, budgetErr.Upper = clamp01(lo[top].t), clamp01(hi[top].t)
		return nil, budgetErr
	}
	res.P, res.NotP = clamp01(lo[top].t), clamp01(lo[top].f)
	return res, nil
}

// extractModule returns the structure of module m with its sub-modules as
// variables: the local variable i stands for leaves[i], a variable or a
// sub-module of s; gates are the module's own gates.
func extractModule(s *Structure, m int, module []bool, local, localVar, localMod []int32) (sub *Structure, gates []int, leaves []Ref) {
	sub = &Structure{}
	// Collect the module's own gates (stopping at sub-modules) depth-first.
	stack := []int{m}
	local[m] = 0
	gates = append(gates, m)
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, r := range s.Gates[g].Inputs {
			if r.Gate && !module[r.Index] && local[r.Index] < 0 {
				local[r.Index] = int32(len(gates))
				gates = append(gates, r.Index)
				stack = append(stack, r.Index)
			}
		}
	}
	leaf := func(r Ref) Ref {
		if r.Gate && !module[r.Index] {
			return GateRef(int(local[r.Index]))
		}
		slot := localVar
		if r.Gate {
			slot = localMod
		}
		if slot[r.Index] < 0 {
			slot[r.Index] = int32(len(leaves))
			leaves = append(leaves, r)
		}
		return VarRef(int(slot[r.Index]))
	}
	sub.Gates = make([]Gate, len(gates))
	for i, g := range gates {
		gate := s.Gates[g]
		in := make([]Ref, len(gate.Inputs))
		for j, r := range gate.Inputs {
			in[j] = leaf(r)
		}
		sub.Gates[i] = Gate{Kind: gate.Kind, K: gate.K, Inputs: in}
	}
	sub.NumVars = len(leaves)
	sub.Top = GateRef(0)
	return sub, gates, leaves
}

// evaluator evaluates a module: by its diagram, or directly when d is nil
// (a module without sharing).
type evaluator struct{ d *Diagram }

func (e evaluator) eval(sub *Structure, in []pair) pair {
	q, nq := splitPairs(in)
	if e.d == nil {
		t, f := treePair(sub, q, nq)
		return pair{t, f}
	}
	t, f := e.d.pair(q, nq)
	return pair{t, f}
}

func evalModule(ctx context.Context, sub *Structure, hs []OrderHeuristic, opts Options) (evaluator, uint64, error) {
	if sub.IsTree() {
		return evaluator{}, 0, nil
	}
	if sub.NumVars < raceMinVars {
		hs = hs[:1]
	}
	d, steps, err := race(ctx, sub, hs, opts)
	return evaluator{d: d}, steps, err
}

// splitPairs returns the variables' probabilities and their complements
// as two slices, as [Diagram.pair] and treePair take them.
func splitPairs(in []pair) (q, nq []float64) {
	q = make([]float64, 2*len(in))
	nq = q[len(in):]
	q = q[:len(in)]
	for i, x := range in {
		q[i], nq[i] = x.t, x.f
	}
	return q, nq
}

// pair returns P(f) and P(¬f), each as its own Shannon sum of non-negative
// terms, given the probabilities q of the variables and their complements.
func (d *Diagram) pair(q, nq []float64) (p, np float64) {
	n := len(d.varOf)
	buf := make([]float64, 2*n)
	pt, pf := buf[:n], buf[n:]
	pt[0], pf[0] = 0, 1
	if n > 1 {
		pt[1], pf[1] = 1, 0
	}
	for i := 2; i < n; i++ {
		v := d.varOf[i]
		lo, hi := d.lo[i], d.hi[i]
		pt[i] = q[v]*pt[hi] + nq[v]*pt[lo]
		pf[i] = q[v]*pf[hi] + nq[v]*pf[lo]
	}
	return pt[n-1], pf[n-1]
}

// DefaultPortfolio returns the heuristic portfolio of [ModularProbability]:
// DepthFirst against ForceBest. On the Aralia fault trees no single
// heuristic is within a factor of ten of the best on every tree. Measured
// in steps of the winning order on the largest module of each of the 39
// coherent trees (nus9601 aside): the best of all five plain heuristics
// would take 6.76 M in all; DepthFirst against ForceLargeFirst, the pair
// before, 8.10 M (up to 3.9 times the best on one tree); DepthFirst
// against ForceBest 7.04 M (at most 3.5 times), for the same two attempts,
// and the cold runs of the 39 trees took 0.81 s instead of 0.92 s. A
// third or fourth attempt would come closer to the best (6.83 M with
// four) but shares two processors on every module.
func DefaultPortfolio() []OrderHeuristic {
	return []OrderHeuristic{DepthFirst, ForceBest}
}

// raceMinVars is the module size below which the portfolio is not raced:
// the first heuristic's diagram is small anyway.
const raceMinVars = 64
