package bdd

import (
	"cmp"
	"context"
	"errors"
	"math/bits"
)

// maxCondDepth bounds the number of variables conditioned on along one
// branch of [conditionPair]: each level at most doubles the work, so past
// this the method would not finish anyway and the caller falls back to
// certified bounds.
const maxCondDepth = 24

// condStepFactor divides the step and node budgets of the attempts on
// cofactors: a cofactor that does not compile quickly is conditioned
// further instead, rather than spending the whole budget on one order
// that will not fit.
const condStepFactor = 8

// conditionPair returns P(Top) and P(¬Top) of s, whose variables are
// independent with the given pairs, when its BDD exceeds the budget. It
// conditions on one pivot variable x (see [pivot]: the one beneath the
// most gates, which ties the most of the structure together), propagates the
// constant through the gates, and evaluates each cofactor by
// [modularPair], which detects the modules the constant has cut apart
// and conditions again where a module is still too large:
//
//	P(f) = q_x·P(f | x) + (1 − q_x)·P(f | ¬x)
//
// and the same for P(¬f), so both stay sums of non-negative terms. The
// result is exact; the diagrams built are bounded by opts like any other,
// and freed before the next, so the memory stays within the node budget;
// the whole expansion takes at most opts.MaxSteps steps (see
// [modularPair]) and stops at once on a done context.
func conditionPair(ctx context.Context, s *Structure, in []pair, hs []OrderHeuristic, opts Options, depth int, st *condStats) (pair, error) {
	if depth >= maxCondDepth {
		return pair{}, &BuildError{Err: ErrBudget, Op: "condition"}
	}
	x := pivot(s)
	if x < 0 {
		return pair{}, &BuildError{Err: ErrBudget, Op: "condition"}
	}
	st.conditioned++
	var out [2]pair
	for b := range 2 {
		c, constant, ok := s.fix(x, b == 1)
		if !ok {
			out[b] = pair{0, 1}
			if constant {
				out[b] = pair{1, 0}
			}
			continue
		}
		p, err := modularPair(ctx, c, in, hs, opts, depth+1, st)
		if err != nil {
			return pair{}, err
		}
		out[b] = p
	}
	qx := in[x]
	return pair{qx.t*out[1].t + qx.f*out[0].t, qx.t*out[1].f + qx.f*out[0].f}, nil
}

// condStats counts the work of a conditioned evaluation.
type condStats struct {
	conditioned int // pivots taken
	modules     int
	nodes       int
	maxNodes    int
	steps       uint64
}

// pivot returns the variable reachable from Top that lies beneath the
// most gates (ties: the one used directly by the most gates, then the
// lowest index), or −1 if there is none. An event beneath many gates is
// what ties the structure together; fixing it removes it from all of
// them at once.
func pivot(s *Structure) int {
	gates := s.postorder()
	desc := s.varSets(gates)
	under := make([]int, s.NumVars)
	uses := make([]int, s.NumVars)
	for _, g := range gates {
		for _, r := range s.Gates[g].Inputs {
			if !r.Gate {
				uses[r.Index]++
			}
		}
		for i, w := range desc[g] {
			for w != 0 {
				under[i*64+bits.TrailingZeros64(w)]++
				w &= w - 1
			}
		}
	}
	best := -1
	for v := range s.NumVars {
		if uses[v] == 0 {
			continue
		}
		if best < 0 || under[v] > under[best] || under[v] == under[best] && uses[v] > uses[best] {
			best = v
		}
	}
	return best
}

// modularPair is [ModularProbability] for exact input pairs, with
// conditioning ([conditionPair]) as the fallback of a module whose BDD
// exceeds the budget.
func modularPair(ctx context.Context, s *Structure, in []pair, hs []OrderHeuristic, opts Options, depth int, st *condStats) (pair, error) {
	if !s.Top.Gate {
		return in[s.Top.Index], nil
	}
	// Below the top an attempt gets an eighth of the budgets (never more
	// than the caller's): a cofactor that does not fit that is split
	// further rather than given the whole budget of an order that fails.
	total := uint64(cmp.Or(opts.MaxSteps, DefaultMaxSteps))
	nodes := cmp.Or(opts.MaxNodes, DefaultMaxNodes)
	sub := opts
	if depth > 0 {
		sub.MaxSteps = int(max(total/condStepFactor, min(total, 1<<16)))
		sub.MaxNodes = max(nodes/condStepFactor, min(nodes, 1<<12))
	}
	module := s.Modules()
	order := s.postorder()
	val := make([]pair, len(s.Gates))
	local := make([]int32, len(s.Gates))
	localVar := make([]int32, s.NumVars)
	localMod := make([]int32, len(s.Gates))
	for i := range local {
		local[i], localMod[i] = -1, -1
	}
	for i := range localVar {
		localVar[i] = -1
	}
	for _, m := range order {
		if !module[m] {
			continue
		}
		if ctx != nil {
			if err := ctx.Err(); err != nil {
				return pair{}, err
			}
		}
		ms, gates, leaves := extractModule(s, m, module, local, localVar, localMod)
		for _, g := range gates {
			local[g] = -1
		}
		lin := make([]pair, len(leaves))
		for i, r := range leaves {
			if r.Gate {
				localMod[r.Index] = -1
				lin[i] = val[r.Index]
			} else {
				localVar[r.Index] = -1
				lin[i] = in[r.Index]
			}
		}
		// The conditioning as a whole takes at most the step budget of
		// one construction, so that the budget still bounds the time.
		if st.steps >= total {
			return pair{}, &BuildError{Err: ErrStepBudget, Op: "condition", Steps: st.steps}
		}
		att := sub
		att.MaxSteps = int(min(uint64(cmp.Or(sub.MaxSteps, DefaultMaxSteps)), total-st.steps))
		ev, steps, err := evalModule(ctx, ms, hs, att)
		st.steps += steps
		switch {
		case err == nil:
			val[m] = ev.eval(ms, lin)
			st.modules++
			if ev.d != nil {
				st.nodes += ev.d.Size()
				st.maxNodes = max(st.maxNodes, ev.d.Size())
			}
		case errors.Is(err, ErrBudget):
			p, err := conditionPair(ctx, ms, lin, hs, opts, depth, st)
			if err != nil {
				return pair{}, err
			}
			val[m] = p
		default:
			return pair{}, err
		}
	}
	return val[s.Top.Index], nil
}

// fix returns s with variable x set to the constant v and the constant
// propagated: an And with a false input is false, an Or with a true one
// true, constant inputs are dropped otherwise, an AtLeast's threshold
// moves with its true inputs, and a gate left with one input is replaced
// by it. Repeated inputs of an And or an Or are merged (x∧x = x). The
// variables keep their indices; only the gates reachable from Top are
// kept. When the whole structure becomes constant, ok is false and
// constant is its value.
func (s *Structure) fix(x int, v bool) (out *Structure, constant, ok bool) {
	out = &Structure{NumVars: s.NumVars}
	const (
		isRef = iota
		isFalse
		isTrue
	)
	type value struct {
		kind uint8
		ref  Ref
	}
	vals := make([]value, len(s.Gates))
	seen := make(map[Ref]bool)
	var ins []Ref
	for _, g := range s.postorder() {
		gate := &s.Gates[g]
		ins = ins[:0]
		trues, falses := 0, 0
		clear(seen)
		for _, r := range gate.Inputs {
			var val value
			switch {
			case r.Gate:
				val = vals[r.Index]
			case r.Index == x:
				val.kind = isFalse
				if v {
					val.kind = isTrue
				}
			default:
				val.ref = r
			}
			switch val.kind {
			case isTrue:
				trues++
			case isFalse:
				falses++
			default:
				if gate.Kind != KindAtLeast {
					if seen[val.ref] {
						continue
					}
					seen[val.ref] = true
				}
				ins = append(ins, val.ref)
			}
		}
		kind, k := gate.Kind, gate.K
		switch kind {
		case KindAnd:
			if falses > 0 {
				vals[g] = value{kind: isFalse}
				continue
			}
			k = len(ins)
		case KindOr:
			if trues > 0 {
				vals[g] = value{kind: isTrue}
				continue
			}
			k = 1
		case KindAtLeast:
			k -= trues
		}
		switch {
		case k <= 0:
			vals[g] = value{kind: isTrue}
			continue
		case k > len(ins):
			vals[g] = value{kind: isFalse}
			continue
		case len(ins) == 1:
			vals[g] = value{ref: ins[0]}
			continue
		case k == 1:
			kind = KindOr
		case k == len(ins):
			kind = KindAnd
		default:
			kind = KindAtLeast
		}
		out.Gates = append(out.Gates, Gate{Kind: kind, K: k, Inputs: append([]Ref(nil), ins...)})
		vals[g] = value{ref: GateRef(len(out.Gates) - 1)}
	}
	top := vals[s.Top.Index]
	if top.kind != isRef {
		return nil, top.kind == isTrue, false
	}
	out.Top = top.ref
	return out, false, true
}
