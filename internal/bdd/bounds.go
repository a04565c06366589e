package bdd

import (
	"math/bits"
	"slices"
)

// Bounds returns a lower and an upper bound on P(Top = true), certified up
// to floating-point rounding, in time linear in the size of s and without a
// BDD. They are exact (equal) for a structure without sharing.
//
// Gates whose inputs share no variable combine their inputs' bounds
// exactly, since such inputs are independent and the gate's probability
// increases with theirs. Elsewhere the inputs are still associated (they
// are increasing functions of independent variables: Esary, Proschan and
// Walkup, 1967), so P(and) ≥ Π P(inputs) and P(or) ≤ 1 − Π(1 − P(inputs)),
// while P(and) ≤ min and P(or) ≥ max hold always; an at-least-k gate is at
// least the and of its k likeliest inputs and at most the or of its n−k+1
// least likely ones.
func Bounds(s *Structure, q []float64) (lower, upper float64, err error) {
	if err := s.Validate(); err != nil {
		return 0, 0, err
	}
	if len(q) != s.NumVars {
		return 0, 0, &ProbabilityError{Var: -1, Value: float64(len(q))}
	}
	for v, x := range q {
		if !(x >= 0 && x <= 1) {
			return 0, 0, &ProbabilityError{Var: v, Value: x}
		}
	}
	in := make([]pair, len(q))
	for v, x := range q {
		in[v] = pair{x, 1 - x}
	}
	lo, hi := boundPairs(s, in, in)
	return clamp01(lo.t), clamp01(hi.t), nil
}

// boundPairs returns pairs bounding P(Top) from below (lo.t) and above
// (hi.t), given such pairs for the variables.
func boundPairs(s *Structure, loIn, hiIn []pair) (lo, hi pair) {
	if !s.Top.Gate {
		return loIn[s.Top.Index], hiIn[s.Top.Index]
	}
	gates := s.postorder()
	independent := s.independentInputs(gates)
	loVal := make([]pair, len(s.Gates))
	hiVal := make([]pair, len(s.Gates))
	var c combiner
	var l, h, sel []pair
	byT := func(a, b pair) int {
		switch {
		case a.t < b.t:
			return -1
		case a.t > b.t:
			return 1
		}
		return 0
	}
	for _, g := range gates {
		gate := &s.Gates[g]
		l, h = l[:0], h[:0]
		for _, r := range gate.Inputs {
			if r.Gate {
				l, h = append(l, loVal[r.Index]), append(h, hiVal[r.Index])
			} else {
				l, h = append(l, loIn[r.Index]), append(h, hiIn[r.Index])
			}
		}
		if independent[g] {
			loVal[g], hiVal[g] = c.exact(gate, l), c.exact(gate, h)
			continue
		}
		switch gate.Kind {
		case KindAnd:
			loVal[g] = c.exact(gate, l) // association: P(and) ≥ Π
			hiVal[g] = slices.MinFunc(h, byT)
		case KindOr:
			loVal[g] = slices.MaxFunc(l, byT)
			hiVal[g] = c.exact(gate, h) // association: P(or) ≤ 1 − Π(1 − p)
		case KindAtLeast:
			k, n := gate.K, len(gate.Inputs)
			// Lower: all of the k likeliest inputs true.
			sel = append(sel[:0], l...)
			slices.SortFunc(sel, byT)
			loVal[g] = c.exact(&Gate{Kind: KindAnd}, sel[n-k:])
			// Upper: one of the n−k+1 least likely inputs true.
			sel = append(sel[:0], h...)
			slices.SortFunc(sel, byT)
			hiVal[g] = c.exact(&Gate{Kind: KindOr}, sel[:n-k+1])
		}
	}
	return loVal[s.Top.Index], hiVal[s.Top.Index]
}

// independentInputs reports, per gate, whether its inputs depend on
// pairwise disjoint sets of variables, with one variable bitset per gate:
// the inputs are disjoint exactly when their support sizes add up to the
// gate's.
func (s *Structure) independentInputs(gates []int) []bool {
	words := (s.NumVars + 63) / 64
	support := make([][]uint64, len(s.Gates))
	size := make([]int, len(s.Gates))
	independent := make([]bool, len(s.Gates))
	for _, g := range gates {
		set := make([]uint64, words)
		sum := 0
		for _, r := range s.Gates[g].Inputs {
			if r.Gate {
				for i, w := range support[r.Index] {
					set[i] |= w
				}
				sum += size[r.Index]
			} else {
				set[r.Index/64] |= 1 << (r.Index % 64)
				sum++
			}
		}
		n := 0
		for _, w := range set {
			n += bits.OnesCount64(w)
		}
		support[g], size[g], independent[g] = set, n, n == sum
	}
	return independent
}
