package bdd

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// layered returns a structure in which every gate uses the two previous
// gates and two random variables: everything is shared, and with enough
// gates the diagrams reach hundreds of thousands of nodes, so the tables
// grow, are collected and go through the pools.
func layered(rng *rand.Rand, n, gates int) *Structure {
	s := &Structure{NumVars: n}
	s.Gates = append(s.Gates, Gate{Kind: KindOr, Inputs: []Ref{VarRef(0), VarRef(1)}})
	s.Gates = append(s.Gates, Gate{Kind: KindAnd, Inputs: []Ref{VarRef(2), VarRef(3)}})
	for g := 2; g < gates; g++ {
		gate := Gate{Kind: Kind(1 + rng.IntN(3)), Inputs: []Ref{GateRef(g - 1), GateRef(g - 2), VarRef(rng.IntN(n)), VarRef(rng.IntN(n))}}
		if gate.Kind == KindAtLeast {
			gate.K = 2
		}
		s.Gates = append(s.Gates, gate)
	}
	s.Top = GateRef(len(s.Gates) - 1)
	return s
}

// checkUnique verifies the unique table: it holds every node exactly once,
// each under its own hash, and mk finds every node again instead of
// creating a duplicate.
func checkUnique(t *testing.T, m *Manager) {
	t.Helper()
	count := 0
	seen := make([]bool, len(m.nodes))
	for _, e := range m.unique {
		if e.id == 0 {
			continue
		}
		count++
		if int(e.id) >= len(m.nodes) || seen[e.id] {
			t.Fatalf("node %d out of range or twice in the unique table", e.id)
		}
		seen[e.id] = true
		if nd := m.nodes[e.id]; hash3(uint32(nd.level), nd.lo, nd.hi) != e.tag {
			t.Fatalf("node %d: wrong tag", e.id)
		}
	}
	require.Equal(t, len(m.nodes)-2, count)
	n := len(m.nodes)
	for x := 2; x < n; x++ {
		nd := m.nodes[x]
		if got := m.mk(nd.level, nd.lo, nd.hi); got != uint32(x) {
			t.Fatalf("node %d found as %d", x, got)
		}
	}
	require.Equal(t, n, len(m.nodes), "mk created a duplicate")
}

func TestUniqueTableGrowthAndCollection(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	gates := 400
	if testing.Short() || raceEnabled {
		gates = 250
	}
	s := layered(rng, 100, gates)
	m, err := NewManager(s.Order(DepthFirst), Options{})
	require.NoError(t, err)
	m.gcMin = 1 << 10
	f, err := Build(context.Background(), m, s)
	require.NoError(t, err)
	checkUnique(t, m)

	// Growth without collection, from the smallest table.
	m2, err := NewManager(s.Order(DepthFirst), Options{})
	require.NoError(t, err)
	m2.gcMin = 1 << 30
	f2, err := Build(context.Background(), m2, s)
	require.NoError(t, err)
	require.Greater(t, len(m2.unique), 1<<14, "the table should have grown several times")
	checkUnique(t, m2)
	q := randomQ(rng, s.NumVars)
	d, err := m.Freeze(f)
	require.NoError(t, err)
	d2, err := m2.Freeze(f2)
	require.NoError(t, err)
	p, err := d.Probability(q)
	require.NoError(t, err)
	p2, err := d2.Probability(q)
	require.NoError(t, err)
	require.Equal(t, d.Size(), d2.Size())
	require.Equal(t, p, p2)
}

func TestPoolGetIsZeroed(t *testing.T) {
	var p tablePool[slot]
	for range 10 {
		s := p.get(1<<13, 1<<13, true)
		require.Len(t, s, 1<<13)
		require.Equal(t, 1<<13, cap(s))
		for i, e := range s {
			require.Zero(t, e, "entry %d", i)
		}
		for i := range s {
			s[i] = slot{id: uint32(i + 1), tag: 7}
		}
		p.put(s)
	}
	// Sizes that are not powers of two, or small, are simply allocated.
	s := p.get(100, 100, true)
	require.Len(t, s, 100)
	p.put(s)
}

// TestPooledManagersAgree builds the same structures over and over, one
// after another and concurrently, with tables recycled between managers:
// every build must give the same diagram.
func TestPooledManagersAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	ctx := context.Background()
	var structs []*Structure
	for _, g := range []int{120, 160, 200} {
		structs = append(structs, layered(rng, 70, g))
	}
	q := randomQ(rng, 70)
	type want struct {
		size int
		p    float64
	}
	wants := make([]want, len(structs))
	for i, s := range structs {
		d, err := Compile(ctx, s, s.Order(DepthFirst), Options{})
		require.NoError(t, err)
		p, err := d.Probability(q)
		require.NoError(t, err)
		wants[i] = want{d.Size(), p}
		// Another order: a different diagram, the same probability.
		d2, err := Compile(ctx, s, s.Order(Force), Options{})
		require.NoError(t, err)
		p2, err := d2.Probability(q)
		require.NoError(t, err)
		relClose(t, p, p2, 1e-12, "structure %d: order dependence", i)
	}
	rounds := 4
	if testing.Short() || raceEnabled {
		rounds = 2
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*rounds*len(structs))
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				for k := range structs {
					i := (k + w + r) % len(structs)
					s := structs[i]
					d, err := Compile(ctx, s, s.Order(DepthFirst), Options{})
					if err != nil {
						errs <- err
						return
					}
					p, err := d.Probability(q)
					if err != nil {
						errs <- err
						return
					}
					if d.Size() != wants[i].size || p != wants[i].p {
						errs <- &ProbabilityError{Var: i, Value: p}
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}

// TestNaryOperandOrder checks that And and Or give the same node whatever
// the order of the operands, and the right function.
func TestNaryOperandOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	ctx := context.Background()
	for c := range 200 {
		n := 2 + rng.IntN(10)
		m, err := NewManager(randomOrder(rng, n), Options{})
		require.NoError(t, err)
		// Operands: small random sums of products.
		ops := make([]Node, 1+rng.IntN(8))
		terms := make([][][]int, len(ops))
		for i := range ops {
			var sum []Node
			for range 1 + rng.IntN(3) {
				var prod []Node
				var vars []int
				for range 1 + rng.IntN(3) {
					v := rng.IntN(n)
					prod = append(prod, m.Var(v))
					vars = append(vars, v)
				}
				p, err := m.And(ctx, prod...)
				require.NoError(t, err)
				sum = append(sum, p)
				terms[i] = append(terms[i], vars)
			}
			ops[i], err = m.Or(ctx, sum...)
			require.NoError(t, err)
		}
		and, err := m.And(ctx, ops...)
		require.NoError(t, err)
		or, err := m.Or(ctx, ops...)
		require.NoError(t, err)
		for range 3 {
			rng.Shuffle(len(ops), func(i, j int) {
				ops[i], ops[j] = ops[j], ops[i]
				terms[i], terms[j] = terms[j], terms[i]
			})
			and2, err := m.And(ctx, ops...)
			require.NoError(t, err)
			or2, err := m.Or(ctx, ops...)
			require.NoError(t, err)
			require.Equal(t, and, and2, "case %d: and", c)
			require.Equal(t, or, or2, "case %d: or", c)
		}
		// Brute force over all assignments.
		eval := func(i int, x uint) bool {
			for _, prod := range terms[i] {
				ok := true
				for _, v := range prod {
					ok = ok && x&(1<<v) != 0
				}
				if ok {
					return true
				}
			}
			return false
		}
		da, err := m.Freeze(and)
		require.NoError(t, err)
		do, err := m.Freeze(or)
		require.NoError(t, err)
		for x := range uint(1) << n {
			wantAnd, wantOr := true, false
			for i := range ops {
				b := eval(i, x)
				wantAnd = wantAnd && b
				wantOr = wantOr || b
			}
			require.Equal(t, wantAnd, evalDiagram(da, x), "case %d: and at %b", c, x)
			require.Equal(t, wantOr, evalDiagram(do, x), "case %d: or at %b", c, x)
		}
	}
}

// evalDiagram evaluates d at the assignment x (bit v = variable v).
func evalDiagram(d *Diagram, x uint) bool {
	i := len(d.varOf) - 1
	for i > 1 {
		if x&(1<<d.varOf[i]) != 0 {
			i = int(d.hi[i])
		} else {
			i = int(d.lo[i])
		}
	}
	return i == 1
}
