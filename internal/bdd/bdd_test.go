package bdd

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomStructure returns a random coherent structure over n variables:
// each gate draws 2..4 inputs among all variables and earlier gates, so
// variables and sub-trees are shared; the last gate is the top.
func randomStructure(rng *rand.Rand, n, gates int) *Structure {
	s := &Structure{NumVars: n}
	for g := range gates {
		k := 2 + rng.IntN(3)
		var in []Ref
		for range k {
			if g > 0 && rng.IntN(3) == 0 {
				in = append(in, GateRef(rng.IntN(g)))
			} else {
				in = append(in, VarRef(rng.IntN(n)))
			}
		}
		gate := Gate{Kind: Kind(1 + rng.IntN(3)), Inputs: in}
		if gate.Kind == KindAtLeast {
			gate.K = 1 + rng.IntN(len(in))
		}
		s.Gates = append(s.Gates, gate)
	}
	s.Top = GateRef(gates - 1)
	return s
}

// eval returns the value of s.Top under the assignment x (bit v = variable v).
func eval(s *Structure, x uint64, val []bool) bool {
	get := func(r Ref) bool {
		if r.Gate {
			return val[r.Index]
		}
		return x>>r.Index&1 == 1
	}
	for g, gate := range s.Gates { // gates only use earlier gates here
		c := 0
		for _, r := range gate.Inputs {
			if get(r) {
				c++
			}
		}
		switch gate.Kind {
		case KindAnd:
			val[g] = c == len(gate.Inputs)
		case KindOr:
			val[g] = c > 0
		case KindAtLeast:
			val[g] = c >= gate.K
		}
	}
	return get(s.Top)
}

// bruteForce returns P(top), P(top | v) and P(top | ¬v) by enumerating all
// 2^n assignments: the independent reference for the BDD.
func bruteForce(s *Structure, q []float64) (p float64, givenT, givenF []float64) {
	n := s.NumVars
	val := make([]bool, len(s.Gates))
	givenT = make([]float64, n)
	givenF = make([]float64, n)
	for x := uint64(0); x < 1<<n; x++ {
		if !eval(s, x, val) {
			continue
		}
		w := 1.0
		for v := range n {
			if x>>v&1 == 1 {
				w *= q[v]
			} else {
				w *= 1 - q[v]
			}
		}
		p += w
		for v := range n {
			// The weight without v's own factor.
			if x>>v&1 == 1 {
				givenT[v] += w / q[v]
			} else {
				givenF[v] += w / (1 - q[v])
			}
		}
	}
	return p, givenT, givenF
}

// bruteCutSets returns the minimal solutions by enumeration: a solution is
// minimal when removing any one element breaks it (enough for monotone f).
func bruteCutSets(s *Structure) [][]int {
	val := make([]bool, len(s.Gates))
	var out [][]int
	for x := uint64(0); x < 1<<s.NumVars; x++ {
		if !eval(s, x, val) {
			continue
		}
		minimal := true
		for v := range s.NumVars {
			if x>>v&1 == 1 && eval(s, x&^(1<<v), val) {
				minimal = false
				break
			}
		}
		if minimal {
			var set []int
			for v := range s.NumVars {
				if x>>v&1 == 1 {
					set = append(set, v)
				}
			}
			out = append(out, set)
		}
	}
	return out
}

func relClose(t *testing.T, want, got, tol float64, msgAndArgs ...any) {
	t.Helper()
	if want == got {
		return
	}
	assert.LessOrEqual(t, math.Abs(want-got), tol*math.Max(math.Abs(want), math.Abs(got)), msgAndArgs...)
}

func randomQ(rng *rand.Rand, n int) []float64 {
	q := make([]float64, n)
	for v := range q {
		// Mix ordinary and tiny probabilities (strictly inside (0, 1) so
		// the brute force can divide by them).
		if rng.IntN(4) == 0 {
			q[v] = math.Pow(10, -1-14*rng.Float64())
		} else {
			q[v] = 0.01 + 0.98*rng.Float64()
		}
	}
	return q
}

func randomOrder(rng *rand.Rand, n int) Order {
	o := NaturalOrder(n)
	rng.Shuffle(n, func(i, j int) { o[i], o[j] = o[j], o[i] })
	return o
}

// TestRandomAgainstBruteForce checks probability, conditionals and minimal
// cut sets against enumeration on thousands of random small structures.
func TestRandomAgainstBruteForce(t *testing.T) {
	cases := 3000
	if testing.Short() || raceEnabled {
		cases = 500
	}
	rng := rand.New(rand.NewPCG(1, 2))
	ctx := context.Background()
	for c := range cases {
		n := 1 + rng.IntN(12)
		s := randomStructure(rng, n, 1+rng.IntN(12))
		require.NoError(t, s.Validate())
		q := randomQ(rng, n)
		wantP, wantT, wantF := bruteForce(s, q)

		d, err := Compile(ctx, s, randomOrder(rng, n), Options{})
		require.NoError(t, err)
		cond, err := d.Conditionals(q)
		require.NoError(t, err)
		p, err := d.Probability(q)
		require.NoError(t, err)
		require.Equal(t, cond.P, p, "case %d", c)
		relClose(t, wantP, p, 1e-12, "case %d: P", c)
		for v := range n {
			relClose(t, wantT[v], cond.GivenTrue[v], 1e-12, "case %d: P(f|x%d)", c, v)
			relClose(t, wantF[v], cond.GivenFalse[v], 1e-12, "case %d: P(f|¬x%d)", c, v)
		}

		// Garbage collection between gates must not change the function.
		m, err := NewManager(NaturalOrder(n), Options{})
		require.NoError(t, err)
		m.gcMin = 4
		f, err := Build(ctx, m, s)
		require.NoError(t, err)
		dgc, err := m.Freeze(f)
		require.NoError(t, err)
		pgc, err := dgc.Probability(q)
		require.NoError(t, err)
		relClose(t, wantP, pgc, 1e-12, "case %d: P after collection", c)

		// A second order must give the same answer.
		d2, err := Compile(ctx, s, s.Order(DepthFirstSmallFirst), Options{})
		require.NoError(t, err)
		p2, err := d2.Probability(q)
		require.NoError(t, err)
		relClose(t, p, p2, 1e-12, "case %d: order dependence", c)

		cs, err := d.MinimalCutSets(ctx, Options{})
		require.NoError(t, err)
		sets, err := cs.Top(q, 0)
		require.NoError(t, err)
		var got [][]int
		for i, set := range sets {
			got = append(got, set.Vars)
			if i > 0 {
				require.GreaterOrEqual(t, sets[i-1].Probability, set.Probability, "case %d: order", c)
			}
		}
		want := bruteCutSets(s)
		sortSets(got)
		sortSets(want)
		require.Equal(t, want, got, "case %d: cut sets", c)
		require.Equal(t, int64(len(want)), cs.Count().Int64(), "case %d: count", c)
		if s.IsTree() {
			pt, err := TreeProbability(s, q)
			require.NoError(t, err)
			relClose(t, wantP, pt, 1e-12, "case %d: tree", c)
		}
	}
}

func sortSets(s [][]int) {
	slices.SortFunc(s, func(a, b []int) int {
		if len(a) != len(b) {
			return len(a) - len(b)
		}
		return slices.Compare(a, b)
	})
}

// bridge returns the failure logic of the bridge network: A,B (0,1) in the
// first stage, C (2) the bridge, D,E (3,4) the second stage; the system
// works if A-D, B-E, A-C-E or B-C-D works, so it fails when every path has a
// failed part.
func bridge() *Structure {
	or := func(v ...int) Gate {
		g := Gate{Kind: KindOr}
		for _, x := range v {
			g.Inputs = append(g.Inputs, VarRef(x))
		}
		return g
	}
	return &Structure{
		NumVars: 5,
		Gates: []Gate{
			or(0, 3), or(1, 4), or(0, 2, 4), or(1, 2, 3),
			{Kind: KindAnd, Inputs: []Ref{GateRef(0), GateRef(1), GateRef(2), GateRef(3)}},
		},
		Top: GateRef(4),
	}
}

func TestBridge(t *testing.T) {
	for _, p := range []float64{0.5, 0.9, 0.99} {
		q := slices.Repeat([]float64{1 - p}, 5)
		d, err := Compile(context.Background(), bridge(), nil, Options{})
		require.NoError(t, err)
		got, err := d.Probability(q)
		require.NoError(t, err)
		// Closed form for the bridge with identical parts of availability
		// p: R = 2p² + 2p³ − 5p⁴ + 2p⁵ (pivotal decomposition on C).
		r := 2*p*p + 2*p*p*p - 5*math.Pow(p, 4) + 2*math.Pow(p, 5)
		relClose(t, 1-r, got, 1e-9, "p=%g", p)
	}
	d, err := Compile(context.Background(), bridge(), nil, Options{})
	require.NoError(t, err)
	cs, err := d.MinimalCutSets(context.Background(), Options{})
	require.NoError(t, err)
	sets, err := cs.Top([]float64{0.1, 0.1, 0.1, 0.1, 0.1}, 0)
	require.NoError(t, err)
	var got [][]int
	for _, s := range sets {
		got = append(got, s.Vars)
	}
	// The bridge's minimal cut sets: cut both first-stage parts, both
	// second-stage parts, or a diagonal with the bridge; pairs first since
	// all parts are alike (ties in any order).
	assert.ElementsMatch(t, [][]int{{0, 1}, {3, 4}}, got[:2])
	assert.ElementsMatch(t, [][]int{{0, 2, 4}, {1, 2, 3}}, got[2:])
}

func TestClosedForms(t *testing.T) {
	vars := func(n int) []Ref {
		r := make([]Ref, n)
		for i := range r {
			r[i] = VarRef(i)
		}
		return r
	}
	tests := []struct {
		name string
		s    *Structure
		q    float64
		want float64
		tol  float64
	}{
		{
			// Parallel pair: both must fail, q² = 1e-30 exactly.
			name: "and of two 1e-15", s: &Structure{NumVars: 2, Gates: []Gate{{Kind: KindAnd, Inputs: vars(2)}}, Top: GateRef(0)},
			q: 1e-15, want: 1e-30, tol: 1e-15,
		},
		{
			// Series of 50: 1 − (1−q)⁵⁰ computed as −expm1(50·log1p(−q)).
			name: "or of fifty 1e-9", s: &Structure{NumVars: 50, Gates: []Gate{{Kind: KindOr, Inputs: vars(50)}}, Top: GateRef(0)},
			q: 1e-9, want: -math.Expm1(50 * math.Log1p(-1e-9)), tol: 1e-14,
		},
		{
			// 2-of-3: 3q² − 2q³ (binomial tail).
			name: "2 of 3", s: &Structure{NumVars: 3, Gates: []Gate{{Kind: KindAtLeast, K: 2, Inputs: vars(3)}}, Top: GateRef(0)},
			q: 0.1, want: 3*0.01 - 2*0.001, tol: 1e-14,
		},
		{
			// 2-of-4 with q = 1e-8: 6q² − 8q³ + 3q⁴ (binomial tail), which
			// 1 − P(≤1 failed) could not resolve.
			name: "2 of 4 tiny", s: &Structure{NumVars: 4, Gates: []Gate{{Kind: KindAtLeast, K: 2, Inputs: vars(4)}}, Top: GateRef(0)},
			q: 1e-8, want: 6e-16 - 8e-24 + 3e-32, tol: 1e-14,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := slices.Repeat([]float64{tt.q}, tt.s.NumVars)
			d, err := Compile(context.Background(), tt.s, nil, Options{})
			require.NoError(t, err)
			got, err := d.Probability(q)
			require.NoError(t, err)
			relClose(t, tt.want, got, tt.tol)
			tree, err := TreeProbability(tt.s, q)
			require.NoError(t, err)
			relClose(t, tt.want, tree, tt.tol)
		})
	}
}

// hard returns OR_i (x_i AND y_i) over 2n variables; with all x before all
// y its BDD has about 2^n nodes.
func hard(n int) (*Structure, Order) {
	s := &Structure{NumVars: 2 * n}
	var top []Ref
	for i := range n {
		s.Gates = append(s.Gates, Gate{Kind: KindAnd, Inputs: []Ref{VarRef(i), VarRef(n + i)}})
		top = append(top, GateRef(i))
	}
	s.Gates = append(s.Gates, Gate{Kind: KindOr, Inputs: top})
	s.Top = GateRef(n)
	return s, NaturalOrder(2 * n)
}

func TestBudget(t *testing.T) {
	s, order := hard(40)
	start := time.Now()
	_, err := Compile(context.Background(), s, order, Options{MaxNodes: 10000})
	require.ErrorIs(t, err, ErrBudget)
	var be *BuildError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, 10000, be.Nodes)
	assert.Equal(t, 41, be.Total)
	assert.Less(t, time.Since(start), 2*time.Second)
	// The same function in the interleaved order is linear.
	d, err := Compile(context.Background(), s, s.Order(DepthFirst), Options{MaxNodes: 10000})
	require.NoError(t, err)
	assert.Less(t, d.Size(), 200)
}

func TestCancel(t *testing.T) {
	s, order := hard(60)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Compile(ctx, s, order, Options{})
	require.ErrorIs(t, err, context.Canceled)

	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = Compile(ctx, s, order, Options{MaxNodes: math.MaxInt32})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	var be *BuildError
	require.ErrorAs(t, err, &be)
	assert.Greater(t, be.Nodes, 2)
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestInvalid(t *testing.T) {
	tests := []struct {
		name string
		s    *Structure
	}{
		{"cycle", &Structure{NumVars: 1, Gates: []Gate{
			{Kind: KindOr, Inputs: []Ref{VarRef(0), GateRef(1)}},
			{Kind: KindAnd, Inputs: []Ref{VarRef(0), GateRef(0)}},
		}, Top: GateRef(0)}},
		{"bad threshold", &Structure{NumVars: 2, Gates: []Gate{{Kind: KindAtLeast, K: 3, Inputs: []Ref{VarRef(0), VarRef(1)}}}, Top: GateRef(0)}},
		{"empty gate", &Structure{NumVars: 1, Gates: []Gate{{Kind: KindOr}}, Top: GateRef(0)}},
		{"variable out of range", &Structure{NumVars: 1, Gates: []Gate{{Kind: KindOr, Inputs: []Ref{VarRef(1)}}}, Top: GateRef(0)}},
		{"top out of range", &Structure{NumVars: 1, Top: GateRef(0)}},
		{"unknown kind", &Structure{NumVars: 1, Gates: []Gate{{Kind: 9, Inputs: []Ref{VarRef(0)}}}, Top: GateRef(0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile(context.Background(), tt.s, nil, Options{})
			require.ErrorIs(t, err, ErrInvalid)
			var ie *InputError
			var ce *CycleError
			require.True(t, errors.As(err, &ie) || errors.As(err, &ce))
			if tt.name == "cycle" {
				require.ErrorAs(t, err, &ce)
				assert.ElementsMatch(t, []int{0, 1}, ce.Gates)
			}
		})
	}
	_, err := NewManager(Order{0, 0}, Options{})
	require.ErrorIs(t, err, ErrInvalid)
	d, err := Compile(context.Background(), bridge(), nil, Options{})
	require.NoError(t, err)
	_, err = d.Probability([]float64{0.1, 0.1, 0.1, 0.1, math.NaN()})
	var pe *ProbabilityError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 4, pe.Var)
	_, err = d.Probability([]float64{0.1})
	require.ErrorIs(t, err, ErrInvalid)
}

func TestConstants(t *testing.T) {
	m, err := NewManager(NaturalOrder(2), Options{})
	require.NoError(t, err)
	ctx := context.Background()
	x, y := m.Var(0), m.Var(1)
	f, err := m.AtLeast(ctx, 0, x, y)
	require.NoError(t, err)
	assert.Equal(t, True, f)
	f, err = m.AtLeast(ctx, 3, x, y)
	require.NoError(t, err)
	assert.Equal(t, False, f)
	for _, c := range []Node{False, True} {
		d, err := m.Freeze(c)
		require.NoError(t, err)
		v, ok := d.Constant()
		assert.True(t, ok)
		assert.Equal(t, c == True, v)
		p, err := d.Probability([]float64{0.5, 0.5})
		require.NoError(t, err)
		assert.Equal(t, float64(c), p)
		cs, err := d.MinimalCutSets(ctx, Options{})
		require.NoError(t, err)
		sets, err := cs.Top([]float64{0.5, 0.5}, 0)
		require.NoError(t, err)
		// False has no cut set; True has the empty one.
		assert.Len(t, sets, int(c))
	}
	// x ∧ y and x ∨ y are different nodes; x ∧ x is x (hash-consing).
	a, err := m.And(ctx, x, y)
	require.NoError(t, err)
	o, err := m.Or(ctx, x, y)
	require.NoError(t, err)
	assert.NotEqual(t, a, o)
	xx, err := m.And(ctx, x, x)
	require.NoError(t, err)
	assert.Equal(t, x, xx)
	_, err = m.And(ctx, Node(999))
	require.ErrorIs(t, err, ErrInvalid)
}

func TestTopLimitAndOrder(t *testing.T) {
	// 2-of-4 with distinct probabilities: the six pairs, by product.
	s := &Structure{NumVars: 4, Gates: []Gate{{Kind: KindAtLeast, K: 2, Inputs: []Ref{VarRef(0), VarRef(1), VarRef(2), VarRef(3)}}}, Top: GateRef(0)}
	d, err := Compile(context.Background(), s, nil, Options{})
	require.NoError(t, err)
	cs, err := d.MinimalCutSets(context.Background(), Options{})
	require.NoError(t, err)
	q := []float64{0.1, 0.4, 0.2, 0.3}
	sets, err := cs.Top(q, 3)
	require.NoError(t, err)
	// Products by hand: {1,3} 0.12, {1,2} 0.08, {0,1} 0.04 are the three largest.
	require.Len(t, sets, 3)
	assert.Equal(t, []int{1, 3}, sets[0].Vars)
	assert.Equal(t, []int{1, 2}, sets[1].Vars)
	assert.InDelta(t, 0.06, sets[2].Probability, 1e-15) // {2,3}: 0.2·0.3
	assert.Equal(t, int64(6), cs.Count().Int64())
}

func TestBuildErrorMessage(t *testing.T) {
	err := &BuildError{Err: ErrBudget, Op: "build", Nodes: 10, Budget: 10, Done: 3, Total: 7}
	assert.Equal(t, "bdd: build stopped after 10 nodes (budget 10), 3 of 7 done: bdd: node budget exceeded", err.Error())
	assert.True(t, errors.Is(err, ErrBudget))
}

// TestModularAgainstBruteForce checks the modular evaluation, and the module
// detection it rests on, against enumeration.
func TestModularAgainstBruteForce(t *testing.T) {
	cases := 2000
	if testing.Short() || raceEnabled {
		cases = 300
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for c := range cases {
		n := 1 + rng.IntN(12)
		s := randomStructure(rng, n, 1+rng.IntN(14))
		q := randomQ(rng, n)
		wantP, _, _ := bruteForce(s, q)
		for _, h := range []OrderHeuristic{DepthFirst, DepthFirstSmallFirst, DepthFirstLargeFirst} {
			res, err := ModularProbability(context.Background(), s, q, []OrderHeuristic{h}, Options{})
			require.NoError(t, err)
			relClose(t, wantP, res.P, 1e-12, "case %d: P", c)
			// P(¬f) by enumeration is 1 − P here; compare loosely.
			assert.InDelta(t, 1-wantP, res.NotP, 1e-12, "case %d: NotP", c)
		}
		res, err := ModularProbability(context.Background(), s, q, nil, Options{})
		require.NoError(t, err)
		relClose(t, wantP, res.P, 1e-12, "case %d: portfolio", c)
	}
}

func TestModules(t *testing.T) {
	// top = AND(g1, g2), g1 = OR(x0, x1), g2 = OR(x1, g3), g3 = AND(x2, x3):
	// g1 and g2 share x1, so neither is a module; g3 is.
	s := &Structure{NumVars: 4, Gates: []Gate{
		{Kind: KindAnd, Inputs: []Ref{GateRef(1), GateRef(2)}},
		{Kind: KindOr, Inputs: []Ref{VarRef(0), VarRef(1)}},
		{Kind: KindOr, Inputs: []Ref{VarRef(1), GateRef(3)}},
		{Kind: KindAnd, Inputs: []Ref{VarRef(2), VarRef(3)}},
	}, Top: GateRef(0)}
	assert.Equal(t, []bool{true, false, false, true}, s.Modules())
}

// TestRace checks the heuristic race on structures big enough for losing
// attempts to be stopped: the winner's probability must match every single
// heuristic's.
func TestRace(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	ctx := context.Background()
	for c := range 3 {
		// A layered DAG: every gate uses the two previous gates and two
		// random variables, so everything is shared and reachable.
		n := 60
		s := &Structure{NumVars: n}
		s.Gates = append(s.Gates, Gate{Kind: KindOr, Inputs: []Ref{VarRef(0), VarRef(1)}})
		s.Gates = append(s.Gates, Gate{Kind: KindAnd, Inputs: []Ref{VarRef(2), VarRef(3)}})
		for g := 2; g < 120; g++ {
			gate := Gate{Kind: Kind(1 + rng.IntN(3)), Inputs: []Ref{GateRef(g - 1), GateRef(g - 2), VarRef(rng.IntN(n)), VarRef(rng.IntN(n))}}
			if gate.Kind == KindAtLeast {
				gate.K = 2
			}
			s.Gates = append(s.Gates, gate)
		}
		s.Top = GateRef(len(s.Gates) - 1)
		q := randomQ(rng, n)
		m, err := NewManager(s.Order(DepthFirst), Options{})
		require.NoError(t, err)
		_, err = Build(ctx, m, s)
		require.NoError(t, err)
		require.Greater(t, m.steps, uint64(4*ctxCheckEvery), "too small for attempts to be overtaken")
		res, err := ModularProbability(ctx, s, q, nil, Options{})
		require.NoError(t, err)
		for _, h := range []OrderHeuristic{DepthFirst, DepthFirstSmallFirst, DepthFirstLargeFirst, Force, ForceBest} {
			d, err := Compile(ctx, s, s.Order(h), Options{})
			require.NoError(t, err)
			p, err := d.Probability(q)
			require.NoError(t, err)
			relClose(t, p, res.P, 1e-12, "case %d heuristic %d", c, h)
		}
	}
}

// TestConditionalsEdgeProbabilities checks P(f | v) = P(f) with q[v] set to
// 1 (and to 0 for ¬v), including variables that are surely true or false.
func TestConditionalsEdgeProbabilities(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for c := range 300 {
		n := 1 + rng.IntN(10)
		s := randomStructure(rng, n, 1+rng.IntN(10))
		q := randomQ(rng, n)
		for v := range q {
			switch rng.IntN(4) {
			case 0:
				q[v] = 0
			case 1:
				q[v] = 1
			}
		}
		d, err := Compile(context.Background(), s, nil, Options{})
		require.NoError(t, err)
		cond, err := d.Conditionals(q)
		require.NoError(t, err)
		for v := range n {
			saved := q[v]
			q[v] = 1
			pt, err := d.Probability(q)
			require.NoError(t, err)
			q[v] = 0
			pf, err := d.Probability(q)
			require.NoError(t, err)
			q[v] = saved
			relClose(t, pt, cond.GivenTrue[v], 1e-12, "case %d var %d", c, v)
			relClose(t, pf, cond.GivenFalse[v], 1e-12, "case %d var %d", c, v)
		}
	}
}

// TestBoundsAgainstBruteForce checks that Bounds brackets the enumerated
// probability, exactly for structures without sharing.
func TestBoundsAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for c := range 2000 {
		n := 1 + rng.IntN(12)
		s := randomStructure(rng, n, 1+rng.IntN(12))
		q := randomQ(rng, n)
		want, _, _ := bruteForce(s, q)
		lo, hi, err := Bounds(s, q)
		require.NoError(t, err)
		assert.LessOrEqual(t, lo, want*(1+1e-12), "case %d", c)
		assert.GreaterOrEqual(t, hi, want*(1-1e-12), "case %d", c)
		if s.IsTree() {
			relClose(t, want, lo, 1e-12, "case %d: tree lower", c)
			relClose(t, want, hi, 1e-12, "case %d: tree upper", c)
		}
	}
}

// TestModularBudgetBounds gives ModularProbability a budget too small for
// most modules: it must then condition on pivot variables and still give
// the enumerated probability (a brute-force check of the conditioning),
// or fail with ErrBudget and certified bounds that bracket it.
func TestModularBudgetBounds(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	bounded, conditioned := 0, 0
	for c := range 1000 {
		n := 2 + rng.IntN(11)
		s := randomStructure(rng, n, 2+rng.IntN(14))
		q := randomQ(rng, n)
		want, _, _ := bruteForce(s, q)
		res, err := ModularProbability(context.Background(), s, q, nil, Options{MaxNodes: n + 4, Condition: c%2 == 0})
		if err == nil {
			relClose(t, want, res.P, 1e-12, "case %d", c)
			if res.Conditioned > 0 {
				conditioned++
			}
			continue
		}
		var be *BuildError
		require.ErrorAs(t, err, &be)
		require.ErrorIs(t, err, ErrBudget)
		require.True(t, be.Bounded, "case %d", c)
		assert.LessOrEqual(t, be.Lower, want*(1+1e-12), "case %d", c)
		assert.GreaterOrEqual(t, be.Upper, want*(1-1e-12), "case %d", c)
		bounded++
	}
	assert.Greater(t, conditioned, 100)
	assert.Greater(t, bounded, 100)
	t.Logf("%d conditioned exactly, %d bounded", conditioned, bounded)
}
