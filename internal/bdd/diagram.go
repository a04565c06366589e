package bdd

import (
	"fmt"
	"math"
)

// Diagram is an immutable, compact copy of one BDD: only the nodes reachable
// from its root, numbered so that children come before parents (0 and 1 are
// the terminals, the root is last). It is safe for concurrent use, and the
// analyses below each take one or two linear passes over it.
type Diagram struct {
	levelOf []int32 // variable → level
	varAt   []int32 // level → variable
	varOf   []int32 // node → variable; −1 for terminals
	lo, hi  []int32
}

// Freeze copies the BDD rooted at f out of m into a [Diagram]. m stays
// usable; the diagram does not refer to it.
func (m *Manager) Freeze(f Node) (*Diagram, error) {
	if err := m.check([]Node{f}); err != nil {
		return nil, err
	}
	return copyDiagram(m.levelOf, m.varAt, uint32(f), len(m.nodes), func(x uint32) (int32, uint32, uint32) {
		nd := &m.nodes[x]
		return m.varAt[nd.level], nd.lo, nd.hi
	}), nil
}

// copyDiagram copies the diagram rooted at f out of a manager with n node
// slots, whose node x tests variable v and has children lo and hi, into a
// [Diagram] with the manager's order (levelOf and varAt are copied).
// Node 0 is False and node 1 True in every manager.
func copyDiagram(levelOf, varAt []int32, f uint32, n int, node func(x uint32) (v int32, lo, hi uint32)) *Diagram {
	d := &Diagram{
		levelOf: append([]int32(nil), levelOf...),
		varAt:   append([]int32(nil), varAt...),
	}
	// Node 0 is always False and the root is the last node, so the
	// constant False keeps only node 0.
	d.varOf = []int32{-1, -1}
	d.lo = []int32{0, 1}
	d.hi = []int32{0, 1}
	if f <= 1 {
		d.varOf, d.lo, d.hi = d.varOf[:f+1], d.lo[:f+1], d.hi[:f+1]
		return d
	}
	// newID[x] = 1 + index in d, 0 = not yet visited; one allocation the
	// size of the manager, dropped on return.
	newID := make([]int32, n)
	newID[0], newID[1] = 1, 2
	stack := []uint32{f}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		if newID[x] != 0 {
			stack = stack[:len(stack)-1]
			continue
		}
		v, lo, hi := node(x)
		if newID[lo] == 0 {
			stack = append(stack, lo)
			continue
		}
		if newID[hi] == 0 {
			stack = append(stack, hi)
			continue
		}
		stack = stack[:len(stack)-1]
		d.varOf = append(d.varOf, v)
		d.lo = append(d.lo, newID[lo]-1)
		d.hi = append(d.hi, newID[hi]-1)
		newID[x] = int32(len(d.varOf))
	}
	return d
}

// NumVars returns the number of variables of the manager the diagram came
// from; probability vectors are indexed by these.
func (d *Diagram) NumVars() int { return len(d.levelOf) }

// Size returns the number of nodes, terminals included.
func (d *Diagram) Size() int { return len(d.varOf) }

// Constant reports whether the function is constant, and which constant.
func (d *Diagram) Constant() (value, ok bool) {
	if len(d.varOf) > 2 {
		return false, false
	}
	return len(d.varOf) == 2, true
}

func (d *Diagram) root() int { return len(d.varOf) - 1 }

func (d *Diagram) levelOfNode(i int) int {
	if i < 2 {
		return len(d.levelOf)
	}
	return int(d.levelOf[d.varOf[i]])
}

// ProbabilityError reports a probability vector that does not fit: wrong
// length or a value outside [0, 1].
type ProbabilityError struct {
	// Var is the offending variable, or −1 for a length mismatch.
	Var int
	// Value is the offending value (the length for a mismatch).
	Value float64
}

// Error implements the error interface.
func (e *ProbabilityError) Error() string {
	if e.Var < 0 {
		return fmt.Sprintf("bdd: probability vector of length %g does not match the variables", e.Value)
	}
	return fmt.Sprintf("bdd: probability of variable %d is %g, not in [0, 1]", e.Var, e.Value)
}

// Unwrap returns [ErrInvalid].
func (e *ProbabilityError) Unwrap() error { return ErrInvalid }

func (d *Diagram) checkQ(q []float64) error {
	if len(q) != len(d.levelOf) {
		return &ProbabilityError{Var: -1, Value: float64(len(q))}
	}
	for v, x := range q {
		if !(x >= 0 && x <= 1) { // also catches NaN
			return &ProbabilityError{Var: v, Value: x}
		}
	}
	return nil
}

// Probability returns P(f = true) when variable v is true with probability
// q[v], independently. It evaluates the Shannon expansion
// P(node) = q·P(hi) + (1−q)·P(lo) bottom-up: every term is non-negative, so
// the result has a small relative error whatever its magnitude (see the
// package documentation). It takes one pass and one allocation.
func (d *Diagram) Probability(q []float64) (float64, error) {
	if err := d.checkQ(q); err != nil {
		return 0, err
	}
	p := make([]float64, len(d.varOf))
	d.probabilities(q, p)
	return clamp01(p[d.root()]), nil
}

func (d *Diagram) probabilities(q, p []float64) {
	p[0] = 0
	if len(p) > 1 {
		p[1] = 1
	}
	for i := 2; i < len(p); i++ {
		qi := q[d.varOf[i]]
		p[i] = qi*p[d.hi[i]] + (1-qi)*p[d.lo[i]]
	}
}

// Conditionals holds P(f) and, for every variable v, the probabilities of f
// given v true and given v false, from which importance measures follow
// (Birnbaum = GivenTrue[v] − GivenFalse[v]).
type Conditionals struct {
	// P is P(f = true).
	P float64
	// GivenTrue[v] is P(f = true | variable v true).
	GivenTrue []float64
	// GivenFalse[v] is P(f = true | variable v false).
	GivenFalse []float64
}

// Conditionals returns P(f) and the conditional probabilities given each
// variable true and false, for all variables in two linear passes (plus a
// log factor for the edges that skip levels).
//
// The bottom-up pass gives P(node); the top-down pass gives R(node), the
// probability that the random assignment's path from the root reaches the
// node. Then P(f | v = b) sums R(n)·P(child_b(n)) over the nodes n testing v,
// plus R(u)·w·P(c) over the edges u→c that jump over v's level (those paths
// do not depend on v). The jump sums are range additions over levels, kept
// in a binary segment tree so that no value is ever subtracted: every
// result is a sum of non-negative products and keeps the relative precision
// of [Diagram.Probability].
func (d *Diagram) Conditionals(q []float64) (*Conditionals, error) {
	if err := d.checkQ(q); err != nil {
		return nil, err
	}
	n := len(d.levelOf)
	nodes := len(d.varOf)
	buf := make([]float64, 2*nodes)
	p, reach := buf[:nodes], buf[nodes:]
	d.probabilities(q, p)
	root := d.root()
	res := &Conditionals{P: clamp01(p[root]), GivenTrue: make([]float64, n), GivenFalse: make([]float64, n)}
	// Segment tree over levels 0..n−1 (range add, point query).
	size := 1
	for size < n {
		size <<= 1
	}
	seg := make([]float64, 2*size)
	addRange := func(a, b int, x float64) { // levels [a, b)
		if x == 0 || a >= b {
			return
		}
		for a, b = a+size, b+size; a < b; a, b = a>>1, b>>1 {
			if a&1 == 1 {
				seg[a] += x
				a++
			}
			if b&1 == 1 {
				b--
				seg[b] += x
			}
		}
	}
	addRange(0, d.levelOfNode(root), p[root])
	byLevelT := make([]float64, n)
	byLevelF := make([]float64, n)
	reach[root] = 1
	for i := root; i >= 2; i-- {
		r := reach[i]
		if r == 0 {
			continue
		}
		qi := q[d.varOf[i]]
		l := d.levelOfNode(i)
		lo, hi := d.lo[i], d.hi[i]
		wlo, whi := r*(1-qi), r*qi
		reach[lo] += wlo
		reach[hi] += whi
		addRange(l+1, d.levelOfNode(int(lo)), wlo*p[lo])
		addRange(l+1, d.levelOfNode(int(hi)), whi*p[hi])
		byLevelT[l] += r * p[hi]
		byLevelF[l] += r * p[lo]
	}
	for l := range n {
		var skip float64
		for x := l + size; x >= 1; x >>= 1 {
			skip += seg[x]
		}
		v := d.varAt[l]
		res.GivenTrue[v] = clamp01(byLevelT[l] + skip)
		res.GivenFalse[v] = clamp01(byLevelF[l] + skip)
	}
	return res, nil
}

// clamp01 guards the final sums against the last-bit overshoot of 1 that
// rounding can produce for functions that are almost surely true.
func clamp01(x float64) float64 { return math.Min(1, x) }
