package bdd

import "errors"

// ErrShared is returned by [TreeProbability] for a structure in which a
// variable or a gate is used more than once: its inputs are then not
// independent and the structure needs a BDD.
var ErrShared = errors.New("bdd: structure shares a variable or gate")

// IsTree reports whether every variable and gate reachable from Top is used
// at most once, so that the inputs of every gate are independent and
// [TreeProbability] applies. s must be valid.
func (s *Structure) IsTree() bool {
	usedVar := make([]bool, s.NumVars)
	usedGate := make([]bool, len(s.Gates))
	for _, g := range s.postorder() {
		for _, r := range s.Gates[g].Inputs {
			used := usedVar
			if r.Gate {
				used = usedGate
			}
			if used[r.Index] {
				return false
			}
			used[r.Index] = true
		}
	}
	return true
}

// TreeProbability returns P(Top = true) for a structure without sharing
// (see [Structure.IsTree]) in time linear in its size, without a BDD. Each
// gate carries both P and 1 − P, each computed as a sum of non-negative
// products (P(or) = p₁ + q̄₁p₂ + q̄₁q̄₂p₃ + …, with q̄ = 1 − p), so the
// precision matches [Diagram.Probability]. It returns [ErrShared] when the
// structure shares inputs.
func TreeProbability(s *Structure, q []float64) (float64, error) {
	if err := s.Validate(); err != nil {
		return 0, err
	}
	if len(q) != s.NumVars {
		return 0, &ProbabilityError{Var: -1, Value: float64(len(q))}
	}
	for v, x := range q {
		if !(x >= 0 && x <= 1) {
			return 0, &ProbabilityError{Var: v, Value: x}
		}
	}
	if !s.IsTree() {
		return 0, ErrShared
	}
	nq := make([]float64, len(q))
	for v, x := range q {
		nq[v] = 1 - x
	}
	p, _ := treePair(s, q, nq)
	return clamp01(p), nil
}

// treePair returns P(Top) and P(¬Top) of a structure without sharing,
// given the variables' probabilities and their complements.
func treePair(s *Structure, q, nq []float64) (p, np float64) {
	if !s.Top.Gate {
		return q[s.Top.Index], nq[s.Top.Index]
	}
	type pair struct{ t, f float64 } // P(true), P(false)
	val := make([]pair, len(s.Gates))
	in := func(r Ref) pair {
		if r.Gate {
			return val[r.Index]
		}
		return pair{q[r.Index], nq[r.Index]}
	}
	var row, crow []float64
	for _, g := range s.postorder() {
		gate := &s.Gates[g]
		switch gate.Kind {
		case KindAnd, KindOr:
			// For Or: first true input i contributes Π_{j<i} f_j · t_i;
			// all false gives Π f_j. And is the dual.
			var sum, prod float64 = 0, 1
			for _, r := range gate.Inputs {
				x := in(r)
				if gate.Kind == KindAnd {
					x.t, x.f = x.f, x.t
				}
				sum += prod * x.t
				prod *= x.f
			}
			if gate.Kind == KindAnd {
				val[g] = pair{prod, sum}
			} else {
				val[g] = pair{sum, prod}
			}
		case KindAtLeast:
			// row[j] = P(at least j of the inputs seen so far are true),
			// crow[j] = P(fewer than j), both by the same recurrence of
			// non-negative terms.
			k := gate.K
			row = append(row[:0], make([]float64, k+1)...)
			crow = append(crow[:0], make([]float64, k+1)...)
			row[0] = 1
			for j := 1; j <= k; j++ {
				crow[j] = 1
			}
			for _, r := range gate.Inputs {
				x := in(r)
				for j := k; j >= 1; j-- {
					row[j] = x.t*row[j-1] + x.f*row[j]
					crow[j] = x.t*crow[j-1] + x.f*crow[j]
				}
			}
			val[g] = pair{row[k], crow[k]}
		}
	}
	top := val[s.Top.Index]
	return top.t, top.f
}
