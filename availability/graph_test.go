package availability_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
)

// sharedDB is DOMAIN.md's example: two 99% web servers in parallel, both
// needing one 99.9% database.
func sharedDB(t testing.TB) *availability.Model {
	var b availability.Builder
	b.Component("db", availability.MustParse("99.9%")).
		Component("web1", availability.MustParse("99%")).
		Component("web2", availability.MustParse("99%")).
		Group("path1", availability.RequireAll, "web1", "db").
		Group("path2", availability.RequireAll, "web2", "db").
		Group("shop", availability.RequireAny, "path1", "path2")
	m, err := b.Build()
	require.NoError(t, err)
	return m
}

// bridge is the five-component bridge network: A and B in the first stage,
// C the bridge, D and E in the second; it works when A-D, B-E, A-C-E or
// B-C-D works.
func bridge(t testing.TB, p availability.Availability) *availability.Model {
	var b availability.Builder
	for _, n := range []string{"A", "B", "C", "D", "E"} {
		b.Component(n, p)
	}
	b.Group("AD", availability.RequireAll, "A", "D").
		Group("BE", availability.RequireAll, "B", "E").
		Group("ACE", availability.RequireAll, "A", "C", "E").
		Group("BCD", availability.RequireAll, "B", "C", "D").
		Group("bridge", availability.RequireAny, "AD", "BE", "ACE", "BCD")
	m, err := b.Build()
	require.NoError(t, err)
	return m
}

func TestSharedDatabase(t *testing.T) {
	m := sharedDB(t)
	got, err := m.Availability("shop")
	require.NoError(t, err)
	// Exact: 0.999 × (1 − 0.01²) = 0.9989001 (DOMAIN.md).
	assert.Equal(t, "99.89001%", got.String())
	// The naive answer copies the database into each path:
	// 1 − (1 − 0.99·0.999)² = 1 − 0.01099² = 0.9998792199 (DOMAIN.md rounds it
	// to 0.99987922), which overstates it.
	path, _ := availability.Series(availability.MustParse("99%"), availability.MustParse("99.9%"))
	naive, _ := availability.Parallel(path, path)
	assert.Equal(t, "99.98792199%", naive.String())
	assert.Equal(t, -1, got.Compare(naive))
	shared, err := m.Shared("db")
	require.NoError(t, err)
	assert.True(t, shared)
}

func TestBridgeClosedForm(t *testing.T) {
	// R = 2p² + 2p³ − 5p⁴ + 2p⁵ for identical parts (pivotal decomposition
	// on C), evaluated exactly in big.Rat from the decimal p.
	for _, pct := range []string{"90", "99", "99.9", "99.999", "50", "10"} {
		p, _ := new(big.Rat).SetString(pct)
		p.Quo(p, big.NewRat(100, 1))
		pw := func(n int) *big.Rat {
			r := big.NewRat(1, 1)
			for range n {
				r.Mul(r, p)
			}
			return r
		}
		r := new(big.Rat).Mul(big.NewRat(2, 1), pw(2))
		r.Add(r, new(big.Rat).Mul(big.NewRat(2, 1), pw(3)))
		r.Sub(r, new(big.Rat).Mul(big.NewRat(5, 1), pw(4)))
		r.Add(r, new(big.Rat).Mul(big.NewRat(2, 1), pw(5)))
		u := new(big.Rat).Sub(big.NewRat(1, 1), r)
		m := bridge(t, availability.MustParse(pct+"%"))
		got, err := m.Availability("bridge")
		require.NoError(t, err)
		assert.LessOrEqual(t, relErr(got.Unavailability(), new(big.Float).SetPrec(prec).SetRat(u)), 1e-13, pct)
	}
}

func TestKOfNWithSharedMembers(t *testing.T) {
	// Three replicas, each needing its own server and a shared storage; 2 of 3
	// must work. Conditioning on the storage s (availability 0.999):
	// A = s · P(2-of-3 servers at 0.99) = 0.999 · (3·0.99² − 2·0.99³)
	//   = 0.999 · 0.999702 = 0.999702 − 0.000999702 = 0.998702298.
	var b availability.Builder
	b.Component("storage", availability.MustParse("99.9%"))
	for i := 1; i <= 3; i++ {
		b.Component(fmt.Sprint("server", i), availability.MustParse("99%"))
		b.Group(fmt.Sprint("replica", i), availability.RequireAll, fmt.Sprint("server", i), "storage")
	}
	b.Group("quorum", availability.RequireAtLeast(2), "replica1", "replica2", "replica3")
	m, err := b.Build()
	require.NoError(t, err)
	got, err := m.Availability("quorum")
	require.NoError(t, err)
	assert.Equal(t, "99.8702298%", got.String())
}

func TestServiceWithOwnAvailability(t *testing.T) {
	// A service that fails by itself (99.95%) and needs a database (99.9%):
	// 0.9995 × 0.999 = 0.9985005.
	var b availability.Builder
	b.Component("db", availability.MustParse("99.9%")).
		Service("api", availability.MustParse("99.95%"), availability.RequireAll, "db")
	m, err := b.Build()
	require.NoError(t, err)
	got, err := m.Availability("api")
	require.NoError(t, err)
	assert.Equal(t, "99.85005%", got.String())
	leaf, err := m.Availability("db")
	require.NoError(t, err)
	assert.Equal(t, "99.9%", leaf.String())
}

// randomModel builds a random coherent graph: nc components, then ng nodes
// that depend on random earlier nodes with a random requirement and, at
// random, an availability of their own.
func randomModel(r *rand.Rand, nc, ng int) []availability.NodeSpec {
	var specs []availability.NodeSpec
	for i := range nc {
		a := availability.Must(availability.FromUnavailability(randomU(r)))
		specs = append(specs, availability.NodeSpec{Name: fmt.Sprint("c", i), Availability: &a})
	}
	for g := range ng {
		avail := len(specs)
		n := 1 + r.IntN(min(4, avail))
		perm := r.Perm(avail)[:n]
		spec := availability.NodeSpec{Name: fmt.Sprint("g", g)}
		for _, p := range perm {
			spec.DependsOn = append(spec.DependsOn, specs[p].Name)
		}
		switch r.IntN(3) {
		case 0:
			spec.Requires = availability.RequireAll
		case 1:
			spec.Requires = availability.RequireAny
		default:
			spec.Requires = availability.RequireAtLeast(1 + r.IntN(n))
		}
		if r.IntN(4) == 0 {
			a := availability.Must(availability.FromUnavailability(randomU(r)))
			spec.Availability = &a
		}
		specs = append(specs, spec)
	}
	return specs
}

// bruteForce returns each node's unavailability by enumerating all states
// of the components: the independent reference for the BDD.
func bruteForce(specs []availability.NodeSpec) map[string]*big.Float {
	var comps []int
	for i, s := range specs {
		if s.Availability != nil {
			comps = append(comps, i)
		}
	}
	down := make(map[string]*big.Float, len(specs))
	for _, s := range specs {
		down[s.Name] = bf(0)
	}
	index := map[string]int{}
	for i, s := range specs {
		index[s.Name] = i
	}
	up := make([]bool, len(specs))
	for state := 0; state < 1<<len(comps); state++ {
		p := one()
		compUp := map[int]bool{}
		for j, c := range comps {
			u := specs[c].Availability.Unavailability()
			if state>>j&1 == 1 {
				compUp[c] = true
				p.Mul(p, new(big.Float).SetPrec(prec).Sub(one(), bf(u)))
			} else {
				p.Mul(p, bf(u))
			}
		}
		// specs are in dependency order: every dependency comes earlier.
		for i, s := range specs {
			ok := true
			if s.Availability != nil {
				ok = compUp[i]
			}
			if len(s.DependsOn) > 0 {
				working := 0
				for _, d := range s.DependsOn {
					if up[index[d]] {
						working++
					}
				}
				k := len(s.DependsOn)
				switch s.Requires {
				case availability.RequireAny:
					k = 1
				case availability.RequireAll:
				default:
					k, _ = parseAtLeast(s.Requires)
				}
				ok = ok && working >= k
			}
			up[i] = ok
			if !ok {
				down[s.Name].Add(down[s.Name], p)
			}
		}
	}
	return down
}

func parseAtLeast(r availability.Requirement) (int, error) {
	var k int
	_, err := fmt.Sscanf(r.String(), "at least %d", &k)
	return k, err
}

func TestGraphAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	trials := 2000
	if testing.Short() {
		trials = 200
	}
	for trial := range trials {
		nc := 1 + r.IntN(8)
		ng := 1 + r.IntN(7)
		specs := randomModel(r, nc, ng)
		m, err := availability.NewModel(specs)
		require.NoError(t, err)
		want := bruteForce(specs)
		for _, s := range specs {
			got, err := m.Availability(s.Name)
			require.NoError(t, err)
			require.LessOrEqual(t, relErr(got.Unavailability(), want[s.Name]), 1e-12, "trial %d node %s", trial, s.Name)
			worst, err := m.Evaluate(context.Background(), s.Name, availability.WorstCase)
			require.NoError(t, err)
			best, err := m.Evaluate(context.Background(), s.Name, availability.BestCase)
			require.NoError(t, err)
			// The bounds hold for independence too (up to rounding).
			wf, _ := want[s.Name].Float64()
			require.GreaterOrEqual(t, worst.Unavailability()*(1+1e-12), wf, "trial %d node %s worst", trial, s.Name)
			require.LessOrEqual(t, best.Unavailability()*(1-1e-12), wf, "trial %d node %s best", trial, s.Name)
		}
	}
}

func TestTreesAgainstValueAlgebra(t *testing.T) {
	// A tree: (a ∥ b) in series with 2-of-3(c, d, e), under an own part f.
	a, b, c := availability.MustParse("99%"), availability.MustParse("98%"), availability.MustParse("99.9%")
	d, e, f := availability.MustParse("99.5%"), availability.MustParse("97%"), availability.MustParse("99.99%")
	var bl availability.Builder
	bl.Component("a", a).Component("b", b).Component("c", c).Component("d", d).Component("e", e).
		Group("front", availability.RequireAny, "a", "b").
		Group("back", availability.RequireAtLeast(2), "c", "d", "e").
		Service("top", f, availability.RequireAll, "front", "back")
	m, err := bl.Build()
	require.NoError(t, err)
	for _, as := range []availability.Assumption{availability.Independent, availability.WorstCase, availability.BestCase} {
		front, _ := as.Parallel(a, b)
		back, _ := as.KOfN(2, c, d, e)
		inner, _ := as.Series(front, back)
		want, _ := as.Series(f, inner)
		got, err := m.Evaluate(context.Background(), "top", as)
		require.NoError(t, err)
		assert.InEpsilon(t, want.Unavailability(), got.Unavailability(), 1e-15, as.String())
	}
}

func TestBuildErrors(t *testing.T) {
	var b availability.Builder
	x := availability.MustParse("99%")
	b.Component("a", x).
		Component("a", x).
		Component("", x).
		Group("g1", availability.RequireAll, "a", "missing").
		Group("self", availability.RequireAny, "self", "a").
		Group("loop1", availability.RequireAll, "loop2").
		Group("loop2", availability.RequireAll, "loop3").
		Group("loop3", availability.RequireAll, "loop1").
		Group("k", availability.RequireAtLeast(3), "a", "g1").
		Add(availability.NodeSpec{Name: "empty"}).
		Add(availability.NodeSpec{Name: "anyleaf", Availability: &x, Requires: availability.RequireAny}).
		Group("dup", availability.RequireAll, "a", "a")
	_, err := b.Build()
	require.Error(t, err)
	for _, want := range []struct {
		sentinel error
		msg      string
	}{
		{availability.ErrDuplicateNode, `availability: node "a" is defined more than once`},
		{availability.ErrEmptyName, `availability: model has an empty name`},
		{availability.ErrUnknownNode, `availability: node "g1" depends on unknown node "missing"`},
		{availability.ErrSelfDependency, `availability: node "self" depends on itself`},
		{availability.ErrCycle, `availability: node "loop1" is on a dependency cycle: loop1 → loop2 → loop3 → loop1`},
		{availability.ErrK, `availability: node "k" requires at least 3 of 2 dependencies; k must lie in [1, 2]`},
		{availability.ErrNoDependencies, `availability: node "empty" has neither an availability of its own nor dependencies`},
		{availability.ErrNoDependencies, `availability: node "anyleaf" requires any but has no dependencies`},
		{availability.ErrDuplicateNode, `availability: node "dup" lists dependency "a" more than once`},
	} {
		assert.ErrorIs(t, err, want.sentinel)
		assert.Contains(t, err.Error(), want.msg)
	}
	var ge *availability.GraphError
	require.ErrorAs(t, err, &ge)

	_, err = availability.NewModel(nil)
	require.ErrorIs(t, err, availability.ErrEmptyModel)
	_, err = sharedDB(t).Availability("nope")
	require.ErrorIs(t, err, availability.ErrUnknownNode)
	_, err = sharedDB(t).Evaluate(context.Background(), "shop", availability.Assumption(5))
	require.ErrorIs(t, err, availability.ErrAssumption)
}

func TestWhatIf(t *testing.T) {
	m := sharedDB(t)
	before, err := m.Availability("shop")
	require.NoError(t, err)
	w, err := m.WhatIf(map[string]availability.Availability{"db": availability.MustParse("99.99%")})
	require.NoError(t, err)
	after, err := w.Availability("shop")
	require.NoError(t, err)
	// 0.9999 × (1 − 0.01²) = 0.99980001.
	assert.Equal(t, "99.980001%", after.String())
	again, err := m.Availability("shop")
	require.NoError(t, err)
	assert.Equal(t, before, again, "the original model is unchanged")
	_, err = m.WhatIf(map[string]availability.Availability{"path1": availability.Perfect, "zz": availability.Perfect})
	require.ErrorIs(t, err, availability.ErrNotComponent)
	require.ErrorIs(t, err, availability.ErrUnknownNode)
}

func TestBudgetError(t *testing.T) {
	// A structure whose BDD is large under any order: 2-of-n over pairs
	// built from shared components in a scrambled way. With a tiny budget
	// the evaluation must stop with certified bounds.
	r := rand.New(rand.NewPCG(1, 1))
	var b availability.Builder
	const n = 40
	for i := range n {
		b.Component(fmt.Sprint("c", i), availability.Must(availability.FromUnavailability(0.01+0.1*r.Float64())))
	}
	var groups []string
	for g := range 60 {
		name := fmt.Sprint("g", g)
		perm := r.Perm(n)
		b.Group(name, availability.RequireAtLeast(2), fmt.Sprint("c", perm[0]), fmt.Sprint("c", perm[1]), fmt.Sprint("c", perm[2]))
		groups = append(groups, name)
	}
	b.Group("top", availability.RequireAtLeast(30), groups...)
	m, err := b.Build()
	require.NoError(t, err)
	_, err = m.WithNodeBudget(200).Availability("top")
	require.ErrorIs(t, err, availability.ErrBudget)
	var be *availability.BudgetError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, "top", be.Node)
	assert.Equal(t, 200, be.Budget)
	assert.LessOrEqual(t, be.Lower.Compare(be.Upper), 0)
	assert.Contains(t, err.Error(), `exact evaluation of "top" stopped`)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = m.Evaluate(ctx, "top", availability.Independent)
	require.ErrorIs(t, err, context.Canceled)
}

func TestModelConcurrentUse(t *testing.T) {
	m := bridge(t, availability.MustParse("99%"))
	want, err := m.Availability("bridge")
	require.NoError(t, err)
	m = bridge(t, availability.MustParse("99%")) // fresh, nothing compiled
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, err := m.Availability("bridge")
			assert.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
	wg.Wait()
}

func TestSpecsJSONRoundTrip(t *testing.T) {
	m := sharedDB(t)
	data, err := json.Marshal(m.Specs())
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(data), `{"name":"shop","requires":"any","dependsOn":["path1","path2"]}`), string(data))
	var specs []availability.NodeSpec
	require.NoError(t, json.Unmarshal(data, &specs))
	m2, err := availability.NewModel(specs)
	require.NoError(t, err)
	a1, _ := m.Availability("shop")
	a2, _ := m2.Availability("shop")
	assert.Equal(t, a1, a2)
	var r availability.Requirement
	require.NoError(t, r.UnmarshalText([]byte("at least 2")))
	assert.Equal(t, availability.RequireAtLeast(2), r)
	require.ErrorIs(t, r.UnmarshalText([]byte("at least 0")), availability.ErrSyntax)
	require.True(t, errors.Is(r.UnmarshalText([]byte("most")), availability.ErrSyntax))
	_ = math.Pi
}
