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
	val := make([]pair, len(s.Gates))
	var c combiner
	var in []pair
	for _, g := range s.postorder() {
		in = in[:0]
		for _, r := range s.Gates[g].Inputs {
			if r.Gate {
				in = append(in, val[r.Index])
			} else {
				in = append(in, pair{q[r.Index], nq[r.Index]})
			}
		}
		val[g] = c.exact(&s.Gates[g], in)
	}
	top := val[s.Top.Index]
	return top.t, top.f
}

// pair is a probability and its complement, carried separately so that
// neither is ever computed as 1 minus the other.
type pair struct{ t, f float64 }

// combiner computes gate probabilities from independent inputs, reusing
// its buffers.
type combiner struct{ row, crow []float64 }

// exact returns the pair of gate g for independent inputs with the given
// pairs. Every result is a sum of non-negative products: for Or the first
// true input i contributes Π_{j<i} f_j · t_i and all false gives Π f_j (And
// is the dual); for AtLeast a dynamic programme carries P(at least j) and
// P(fewer than j) side by side.
func (c *combiner) exact(g *Gate, in []pair) pair {
	switch g.Kind {
	case KindAnd, KindOr:
		var sum, prod float64 = 0, 1
		for _, x := range in {
			if g.Kind == KindAnd {
				x.t, x.f = x.f, x.t
			}
			sum += prod * x.t
			prod *= x.f
		}
		if g.Kind == KindAnd {
			return pair{prod, sum}
		}
		return pair{sum, prod}
	}
	k := g.K
	c.row = append(c.row[:0], make([]float64, k+1)...)
	c.crow = append(c.crow[:0], make([]float64, k+1)...)
	c.row[0] = 1
	for j := 1; j <= k; j++ {
		c.crow[j] = 1
	}
	for _, x := range in {
		for j := k; j >= 1; j-- {
			c.row[j] = x.t*c.row[j-1] + x.f*c.row[j]
			c.crow[j] = x.t*c.crow[j-1] + x.f*c.crow[j]
		}
	}
	return pair{c.row[k], c.crow[k]}
}
