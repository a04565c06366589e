package bdd

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// checkSifter verifies the sifter's invariants: every node of a subtable is
// labelled with its variable, tests it above its children's levels, is
// unique, and has at least as many references as nodes pointing to it.
func checkSifter(t *testing.T, s *sifter) {
	t.Helper()
	parents := make([]int32, len(s.nodes))
	count := 0
	for v := range s.subs {
		tab := &s.subs[v]
		seen := map[[2]uint32]bool{}
		n := 0
		for _, x := range tab.heads {
			for ; x != 0; x = s.nodes[x].next {
				nd := s.nodes[x]
				require.Equal(t, int32(v), nd.v, "node %d in subtable %d", x, v)
				require.NotEqual(t, nd.lo, nd.hi, "node %d is redundant", x)
				require.Less(t, s.level(x), s.level(nd.lo), "node %d above its lo", x)
				require.Less(t, s.level(x), s.level(nd.hi), "node %d above its hi", x)
				key := [2]uint32{nd.lo, nd.hi}
				require.False(t, seen[key], "node %d duplicated", x)
				seen[key] = true
				parents[nd.lo]++
				parents[nd.hi]++
				n++
			}
		}
		require.Equal(t, tab.n, n, "subtable %d count", v)
		count += n
	}
	require.Equal(t, s.live, count, "live nodes")
	for v := range s.subs {
		for _, x := range s.subs[v].heads {
			for ; x != 0; x = s.nodes[x].next {
				require.GreaterOrEqual(t, s.nodes[x].ref, parents[x], "node %d references", x)
			}
		}
	}
}

// TestSiftAgainstBruteForce builds random structures with a sifting pass at
// every few nodes and compares the probability with enumeration, and the
// diagram's size with a static build in the order sifting left: reduced
// ordered BDDs are canonical, so the two must agree node for node.
func TestSiftAgainstBruteForce(t *testing.T) {
	cases := 1500
	if testing.Short() || raceEnabled {
		cases = 300
	}
	rng := rand.New(rand.NewPCG(7, 11))
	ctx := context.Background()
	reorders := 0
	for c := range cases {
		n := 1 + rng.IntN(12)
		st := randomStructure(rng, n, 1+rng.IntN(14))
		q := randomQ(rng, n)
		want, _, _ := bruteForce(st, q)

		s := newSifter(randomOrder(rng, n), Options{})
		s.ctx = ctx
		s.reorderAt = 1 + rng.IntN(8)
		s.firstAt = s.reorderAt
		r, _, _ := s.build(st)
		require.NotEqual(t, nilNode, r, "case %d: %v", c, s.err)
		checkSifter(t, s)
		// A sifting pass starts from a collection and frees what each
		// swap leaves unreferenced: no dead node may remain after it.
		s.reorder()
		checkSifter(t, s)
		for v := range s.subs {
			for _, x := range s.subs[v].heads {
				for ; x != 0; x = s.nodes[x].next {
					require.Positive(t, s.nodes[x].ref, "case %d: dead node %d after sifting", c, x)
				}
			}
		}
		reorders += s.reorders
		d := s.freeze(r)
		p, err := d.Probability(q)
		require.NoError(t, err)
		relClose(t, want, p, 1e-12, "case %d", c)

		order := make(Order, n)
		for l, v := range d.varAt {
			order[l] = int(v)
		}
		static, err := Compile(ctx, st, order, Options{})
		require.NoError(t, err)
		require.Equal(t, static.Size(), d.Size(), "case %d: not canonical", c)
	}
	require.Greater(t, reorders, cases/2, "the test must reorder")
}

// pairsStructure is OR(AND(x0 … xn−1), AND(x0, y0), …, AND(xn−1, yn−1))
// over x = 0..n−1 and y = n..2n−1: its depth-first order tests every x
// before every y, which takes about 2ⁿ nodes, while the order
// x0 y0 x1 y1 … takes about 3n.
func pairsStructure(n int) *Structure {
	s := &Structure{NumVars: 2 * n}
	all := Gate{Kind: KindAnd}
	top := Gate{Kind: KindOr, Inputs: []Ref{GateRef(0)}}
	for i := range n {
		all.Inputs = append(all.Inputs, VarRef(i))
		top.Inputs = append(top.Inputs, GateRef(1+i))
	}
	s.Gates = append(s.Gates, all)
	for i := range n {
		s.Gates = append(s.Gates, Gate{Kind: KindAnd, Inputs: []Ref{VarRef(i), VarRef(n + i)}})
	}
	s.Gates = append(s.Gates, top)
	s.Top = GateRef(n + 1)
	return s
}

// pairsP is the closed form of pairsStructure's probability with every
// variable at q: 1 − (1 − q²)ⁿ + qⁿ(1 − q)ⁿ (all x true and no pair).
func pairsP(n int, q float64) float64 {
	return 1 - math.Pow(1-q*q, float64(n)) + math.Pow(q, float64(n))*math.Pow(1-q, float64(n))
}

// TestSiftFindsThePairs: from the exponential depth-first order, sifting
// must find an order of polynomial size once the diagram reaches the first
// trigger (2¹² nodes, so n ≥ 12). The static build of n = 40 would need
// about 2⁴⁰ nodes.
func TestSiftFindsThePairs(t *testing.T) {
	for _, n := range []int{14, 20, 40} {
		st := pairsStructure(n)
		q := make([]float64, 2*n)
		for v := range q {
			q[v] = 0.01
		}
		d, steps, err := siftCompile(context.Background(), st, st.Order(DepthFirst), Options{MaxNodes: 20_000})
		require.NoError(t, err, "n = %d", n)
		// Sifting is a local search: it need not find the 3n-node
		// order, but it must escape the exponential one (measured:
		// 175, 103 and 2,793 nodes).
		require.LessOrEqual(t, d.Size(), 2*n*n, "n = %d", n)
		p, err := d.Probability(q)
		require.NoError(t, err)
		relClose(t, pairsP(n, 0.01), p, 1e-12, "n = %d", n)
		t.Logf("n = %d: %d nodes, %d steps", n, d.Size(), steps)
	}
	// The static build of n = 20 exceeds the same budget.
	st := pairsStructure(20)
	_, err := Compile(context.Background(), st, st.Order(DepthFirst), Options{MaxNodes: 20_000})
	require.ErrorIs(t, err, ErrBudget)
}

// TestSiftBudgets: the node budget, the step budget and the context each
// stop a sifting build with a *BuildError that says which.
func TestSiftBudgets(t *testing.T) {
	st := pairsStructure(20)
	order := st.Order(DepthFirst)
	ctx := context.Background()

	// Sifting cannot help with a budget below the final diagram.
	_, _, err := siftCompile(ctx, st, order, Options{MaxNodes: 50})
	var be *BuildError
	require.ErrorAs(t, err, &be)
	require.ErrorIs(t, err, ErrBudget)
	require.NotErrorIs(t, err, ErrStepBudget)
	require.Equal(t, "sift", be.Op)
	require.Equal(t, 50, be.Budget)
	require.Less(t, be.Done, be.Total)

	_, _, err = siftCompile(ctx, st, order, Options{MaxSteps: 1000})
	require.ErrorIs(t, err, ErrStepBudget)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, _, err = siftCompile(cancelled, pairsStructure(200), pairsStructure(200).Order(DepthFirst), Options{})
	require.ErrorIs(t, err, context.Canceled)
}

// TestModularSift: with Options.Sift a module that exceeds the budget with
// every static order is evaluated exactly; without it the evaluation
// stops with bounds that contain the same value.
func TestModularSift(t *testing.T) {
	const n = 24
	st := pairsStructure(n)
	q := make([]float64, 2*n)
	for v := range q {
		q[v] = 0.02
	}
	ctx := context.Background()
	hs := []OrderHeuristic{DepthFirst}
	res, err := ModularProbability(ctx, st, q, hs, Options{MaxNodes: 20_000, Sift: true})
	require.NoError(t, err)
	require.Equal(t, 1, res.Sifted)
	relClose(t, pairsP(n, 0.02), res.P, 1e-12, "P")
	relClose(t, 1-pairsP(n, 0.02), res.NotP, 1e-12, "NotP")

	_, err = ModularProbability(ctx, st, q, hs, Options{MaxNodes: 20_000})
	var be *BuildError
	require.ErrorAs(t, err, &be)
	require.True(t, be.Bounded)
	// Certified up to rounding: a few units in the last place.
	require.LessOrEqual(t, be.Lower, res.P*(1+1e-12))
	require.GreaterOrEqual(t, be.Upper, res.P*(1-1e-12))

	// When sifting exceeds its budget too, the bounds still come.
	_, err = ModularProbability(ctx, st, q, hs, Options{MaxNodes: 60, Sift: true})
	require.ErrorAs(t, err, &be)
	require.True(t, be.Bounded)
	// Certified up to rounding: a few units in the last place.
	require.LessOrEqual(t, be.Lower, res.P*(1+1e-12))
	require.GreaterOrEqual(t, be.Upper, res.P*(1-1e-12))
}

// TestSiftPeak: whatever the structure, a sifting build never holds more
// than a fifth over its node budget, and outside sifting never more than
// the budget, whether it finishes or stops. The budgets are tight, so that
// sifting runs near them, and the growth limit loose.
func TestSiftPeak(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 17))
	ctx := context.Background()
	stopped, worst := 0, 0.0
	for c := range 400 {
		n := 6 + rng.IntN(18)
		st := randomStructure(rng, n, 8+rng.IntN(30))
		d, err := Compile(ctx, st, NaturalOrder(n), Options{})
		require.NoError(t, err)
		// A budget around the static diagram's size (which counts
		// only the top's nodes, not the gates' the build also holds).
		budget := n + 2 + rng.IntN(d.Size()+1)
		s := newSifter(NaturalOrder(n), Options{MaxNodes: budget})
		s.ctx = ctx
		s.reorderAt = min(budget, n+1+rng.IntN(8))
		s.firstAt = s.reorderAt
		// A loose growth limit, so that only the budget check stops a
		// move.
		s.maxGrowth = 8
		r, _, _ := s.build(st)
		if r == nilNode {
			require.ErrorIs(t, s.err, ErrBudget, "case %d", c)
			stopped++
		}
		require.LessOrEqual(t, s.peak, budget+budget/5, "case %d: budget %d", c, budget)
		worst = max(worst, float64(s.peak)/float64(budget))
	}
	require.Positive(t, stopped, "some builds must reach the budget")
	require.Greater(t, worst, 1.0, "some sifting must run above the budget")
}

// TestSiftDeterministic: the same structure and order give the same
// diagram, node for node.
func TestSiftDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	st := randomStructure(rng, 30, 60)
	order := st.Order(DepthFirst)
	opts := Options{MaxNodes: 1 << 16}
	a, _, err := siftCompile(context.Background(), st, order, opts)
	require.NoError(t, err)
	b, _, err := siftCompile(context.Background(), st, order, opts)
	require.NoError(t, err)
	require.Equal(t, a, b)
}

// structureFromBytes decodes a small structure, an initial order and a
// sifting trigger from fuzz input: byte 0 the variables (1–10), then per
// gate a kind, a threshold and up to four inputs (a high bit picks an
// earlier gate).
func structureFromBytes(data []byte) (*Structure, Order, int) {
	if len(data) < 2 {
		return nil, nil, 0
	}
	n := 1 + int(data[0])%10
	trigger := 1 + int(data[1])%16
	data = data[2:]
	s := &Structure{NumVars: n}
	for len(data) >= 3 && len(s.Gates) < 20 {
		kind := Kind(1 + data[0]%3)
		k := int(data[1])
		arity := 1 + int(data[1]>>4)%4
		data = data[2:]
		var in []Ref
		for len(in) < arity && len(data) > 0 {
			b := data[0]
			data = data[1:]
			if b&0x80 != 0 && len(s.Gates) > 0 {
				in = append(in, GateRef(int(b&0x7f)%len(s.Gates)))
			} else {
				in = append(in, VarRef(int(b)%n))
			}
		}
		if len(in) == 0 {
			break
		}
		g := Gate{Kind: kind, Inputs: in}
		if kind == KindAtLeast {
			g.K = 1 + k%len(in)
		}
		s.Gates = append(s.Gates, g)
	}
	if len(s.Gates) == 0 {
		return nil, nil, 0
	}
	s.Top = GateRef(len(s.Gates) - 1)
	order := NaturalOrder(n)
	for i := range order { // a permutation from the bytes left
		if len(data) == 0 {
			break
		}
		j := i + int(data[0])%(n-i)
		order[i], order[j] = order[j], order[i]
		data = data[1:]
	}
	return s, order, trigger
}

// FuzzSift compares a sifting build, with a pass every few nodes, with a
// static build of the same structure: the same probability, and the same
// node count as a static build in the order sifting left.
func FuzzSift(f *testing.F) {
	f.Add([]byte{5, 1, 2, 0x31, 0, 1, 2, 3, 1, 0x21, 0x80, 4, 3, 0x12, 0x81, 0x80, 1, 2})
	f.Add([]byte{9, 3, 1, 0x30, 0, 9, 2, 7, 3, 0x32, 1, 8, 4, 5, 2, 0x31, 0x80, 0x81, 6, 3, 1, 4, 1, 5})
	f.Add([]byte{1, 0, 2, 0x00, 0})
	f.Add([]byte{7, 15, 3, 0x25, 0, 1, 2, 3, 0x30, 4, 5, 6, 0x80, 2, 0x11, 0x81, 0x80})
	f.Fuzz(func(t *testing.T, data []byte) {
		st, order, trigger := structureFromBytes(data)
		if st == nil {
			return
		}
		require.NoError(t, st.Validate())
		ctx := context.Background()
		static, err := Compile(ctx, st, order, Options{})
		require.NoError(t, err)
		s := newSifter(order, Options{})
		s.ctx = ctx
		s.reorderAt, s.firstAt = trigger, trigger
		r, _, _ := s.build(st)
		require.NotEqual(t, nilNode, r, "%v", s.err)
		checkSifter(t, s)
		d := s.freeze(r)
		q := make([]float64, st.NumVars)
		for v := range q {
			q[v] = 0.1 + 0.08*float64(v)
		}
		want, err := static.Probability(q)
		require.NoError(t, err)
		got, err := d.Probability(q)
		require.NoError(t, err)
		relClose(t, want, got, 1e-12, "probability")
		final := make(Order, st.NumVars)
		for l, v := range d.varAt {
			final[l] = int(v)
		}
		again, err := Compile(ctx, st, final, Options{})
		require.NoError(t, err)
		require.Equal(t, again.Size(), d.Size(), "not canonical")
	})
}
