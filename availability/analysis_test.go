package availability_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
)

var bg = context.Background()

func TestMinimalCutSetsBridge(t *testing.T) {
	// The bridge's minimal cut sets are {A,B}, {D,E}, {A,C,E}, {B,C,D}
	// (cut both inputs, both outputs, or one side of each stage and the
	// bridge). With A,B at 99%, C at 90%, D,E at 99.9%: probabilities
	// 1e-4, 1e-6, 0.01·0.1·0.001 = 1e-6, 1e-6.
	var b availability.Builder
	b.Component("A", availability.MustParse("99%")).Component("B", availability.MustParse("99%")).
		Component("C", availability.MustParse("90%")).
		Component("D", availability.MustParse("99.9%")).Component("E", availability.MustParse("99.9%")).
		Group("AD", availability.RequireAll, "A", "D").Group("BE", availability.RequireAll, "B", "E").
		Group("ACE", availability.RequireAll, "A", "C", "E").Group("BCD", availability.RequireAll, "B", "C", "D").
		Group("bridge", availability.RequireAny, "AD", "BE", "ACE", "BCD")
	m, err := b.Build()
	require.NoError(t, err)
	cs, err := m.MinimalCutSets(bg, "bridge", 0)
	require.NoError(t, err)
	require.Len(t, cs, 4)
	assert.Equal(t, []string{"A", "B"}, cs[0].Components)
	assert.InEpsilon(t, 1e-4, cs[0].Unavailability, 1e-12)
	var rest []string
	for _, c := range cs[1:] {
		rest = append(rest, strings.Join(c.Components, ","))
		assert.InEpsilon(t, 1e-6, c.Unavailability, 1e-9)
	}
	slices.Sort(rest)
	assert.Equal(t, []string{"A,C,E", "B,C,D", "D,E"}, rest)
	top2, err := m.MinimalCutSets(bg, "bridge", 2)
	require.NoError(t, err)
	assert.Len(t, top2, 2)
	spof, err := m.SinglePointsOfFailure(bg, "bridge")
	require.NoError(t, err)
	assert.Empty(t, spof)
}

func TestSinglePointsFirst(t *testing.T) {
	// Shared database: {db} is the only single point of failure; the pair
	// {web1, web2} is the other cut set, with probability 0.01² = 1e-4,
	// which is smaller than the database's 1e-3.
	m := sharedDB(t)
	cs, err := m.MinimalCutSets(bg, "shop", 0)
	require.NoError(t, err)
	require.Len(t, cs, 2)
	assert.Equal(t, availability.CutSet{Components: []string{"db"}, Unavailability: 0.001}, cs[0])
	assert.Equal(t, []string{"web1", "web2"}, cs[1].Components)
	assert.InEpsilon(t, 1e-4, cs[1].Unavailability, 1e-12)
	spof, err := m.SinglePointsOfFailure(bg, "shop")
	require.NoError(t, err)
	assert.Equal(t, []string{"db"}, spof)

	// A very reliable single point comes first even when a pair is more
	// likely: SPOFs are listed before everything else.
	var b availability.Builder
	b.Component("dns", availability.MustParse("99.99999%")).
		Component("x", availability.MustParse("90%")).Component("y", availability.MustParse("90%")).
		Group("pair", availability.RequireAny, "x", "y").
		Group("svc", availability.RequireAll, "dns", "pair")
	m2, err := b.Build()
	require.NoError(t, err)
	cs, err = m2.MinimalCutSets(bg, "svc", 1)
	require.NoError(t, err)
	assert.Equal(t, []string{"dns"}, cs[0].Components)
}

// bruteCutSets enumerates the minimal cut sets of a node by checking every
// subset of components: the independent reference for MinimalCutSets.
func bruteCutSets(t *testing.T, m *availability.Model, node string) []string {
	comps := m.Components()
	fails := func(set int) bool {
		over := map[string]availability.Availability{}
		for j, c := range comps {
			if set>>j&1 == 1 {
				over[c] = availability.Never
			} else {
				over[c] = availability.Perfect
			}
		}
		w, err := m.WhatIf(over)
		require.NoError(t, err)
		a, err := w.Availability(node)
		require.NoError(t, err)
		return a.Unavailability() == 1
	}
	var cut []int
	for set := 0; set < 1<<len(comps); set++ {
		if !fails(set) {
			continue
		}
		minimal := true
		for j := range comps {
			if set>>j&1 == 1 && fails(set&^(1<<j)) {
				minimal = false
				break
			}
		}
		if minimal {
			cut = append(cut, set)
		}
	}
	var out []string
	for _, set := range cut {
		var names []string
		for j, c := range comps {
			if set>>j&1 == 1 {
				names = append(names, c)
			}
		}
		out = append(out, strings.Join(names, ","))
	}
	slices.Sort(out)
	return out
}

func TestCutSetsAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for trial := range 150 {
		specs := randomModel(r, 1+r.IntN(6), 1+r.IntN(5))
		m, err := availability.NewModel(specs)
		require.NoError(t, err)
		node := specs[len(specs)-1].Name
		got, err := m.MinimalCutSets(bg, node, 0)
		require.NoError(t, err)
		var names []string
		for i, c := range got {
			names = append(names, strings.Join(c.Components, ","))
			if i > 0 && len(c.Components) > 1 && len(got[i-1].Components) > 1 {
				assert.GreaterOrEqual(t, got[i-1].Unavailability, c.Unavailability, "trial %d: sorted", trial)
			}
		}
		slices.Sort(names)
		assert.Equal(t, bruteCutSets(t, m, node), names, "trial %d", trial)
	}
}

func TestImportanceAgainstReevaluation(t *testing.T) {
	// Each measure from its definition, by re-evaluating the model with the
	// component forced down (U₁) and up (U₀), and Birnbaum also by a finite
	// difference (exact up to rounding, since U is linear in q).
	m := bridge(t, availability.MustParse("99%"))
	m, err := m.WhatIf(map[string]availability.Availability{
		"A": availability.MustParse("99.9%"), "C": availability.MustParse("95%"), "E": availability.MustParse("98%")})
	require.NoError(t, err)
	imps, err := m.Importance(bg, "bridge")
	require.NoError(t, err)
	require.Len(t, imps, 5)
	u := func(over map[string]availability.Availability) float64 {
		w, err := m.WhatIf(over)
		require.NoError(t, err)
		a, err := w.Availability("bridge")
		require.NoError(t, err)
		return a.Unavailability()
	}
	base := u(nil)
	for i, imp := range imps {
		u1 := u(map[string]availability.Availability{imp.Component: availability.Never})
		u0 := u(map[string]availability.Availability{imp.Component: availability.Perfect})
		spec, _ := m.Spec(imp.Component)
		q := spec.Availability.Unavailability()
		h := q / 4
		up := u(map[string]availability.Availability{imp.Component: availability.Must(availability.FromUnavailability(q + h))})
		dn := u(map[string]availability.Availability{imp.Component: availability.Must(availability.FromUnavailability(q - h))})
		assert.InEpsilon(t, u1-u0, imp.Birnbaum, 1e-9, imp.Component)
		assert.InEpsilon(t, (up-dn)/(2*h), imp.Birnbaum, 1e-6, imp.Component)
		assert.InEpsilon(t, (u1-u0)*q/base, imp.Criticality, 1e-9, imp.Component)
		assert.InEpsilon(t, u1/base, imp.RiskAchievement, 1e-9, imp.Component)
		assert.InEpsilon(t, base/u0, imp.RiskReduction, 1e-9, imp.Component)
		assert.InEpsilon(t, (base-u0)/base, imp.FussellVesely, 1e-9, imp.Component)
		if i > 0 {
			assert.GreaterOrEqual(t, imps[i-1].Criticality, imp.Criticality)
		}
	}
}

func TestImportanceEdgeCases(t *testing.T) {
	// A single point of failure: without its failure the node never fails
	// (U₀ = 0), so its risk reduction worth is infinite, not 0.
	var b availability.Builder
	b.Component("only", availability.MustParse("99%")).Group("svc", availability.RequireAll, "only")
	m, err := b.Build()
	require.NoError(t, err)
	imps, err := m.Importance(bg, "svc")
	require.NoError(t, err)
	require.Len(t, imps, 1)
	assert.True(t, math.IsInf(imps[0].RiskReduction, 1))
	assert.InEpsilon(t, 1, imps[0].Birnbaum, 1e-15)
	assert.InEpsilon(t, 1, imps[0].Criticality, 1e-15)
	assert.InEpsilon(t, 100, imps[0].RiskAchievement, 1e-12) // 1 / 0.01
	// A node that never fails: ratios are defined, not NaN.
	var b2 availability.Builder
	b2.Component("p", availability.Perfect).Group("svc", availability.RequireAll, "p")
	m2, err := b2.Build()
	require.NoError(t, err)
	imps, err = m2.Importance(bg, "svc")
	require.NoError(t, err)
	assert.Equal(t, availability.Importance{Component: "p", Birnbaum: 1, RiskAchievement: 1, RiskReduction: 1}, imps[0])
}

func TestAllocate(t *testing.T) {
	// What must the database promise for the shop to reach 99.9%?
	// A = a_db · (1 − 0.01²) = a_db · 0.9999 ≥ 0.999 ⇒ a_db ≥ 0.999/0.9999
	// = 0.99909990999…, i.e. U_db ≤ 1 − 0.999/0.9999 = 0.0009/0.9999.
	m := sharedDB(t)
	need, err := m.Allocate(bg, "shop", "db", availability.MustParse("99.9%"))
	require.NoError(t, err)
	assert.InEpsilon(t, 0.0009/0.9999, need.Unavailability(), 1e-12)
	w, err := m.WhatIf(map[string]availability.Availability{"db": need})
	require.NoError(t, err)
	got, err := w.Availability("shop")
	require.NoError(t, err)
	assert.InEpsilon(t, 0.001, got.Unavailability(), 1e-12)

	// Out of reach: with the database perfect the shop reaches 99.99%.
	_, err = m.Allocate(bg, "shop", "db", availability.MustParse("99.999%"))
	require.ErrorIs(t, err, availability.ErrUnreachable)
	assert.Contains(t, err.Error(), `even with "db" at 100% it reaches 99.99%`)
	// Already met with the web server always down: any availability will do.
	low, err := m.Allocate(bg, "shop", "web1", availability.MustParse("98%"))
	require.NoError(t, err)
	assert.Equal(t, availability.Never, low)
	_, err = m.Allocate(bg, "shop", "path1", availability.MustParse("99%"))
	require.ErrorIs(t, err, availability.ErrNotComponent)

	// Against re-evaluation on random graphs.
	r := rand.New(rand.NewPCG(31, 32))
	checked := 0
	for range 300 {
		specs := randomModel(r, 2+r.IntN(6), 1+r.IntN(5))
		m, err := availability.NewModel(specs)
		require.NoError(t, err)
		node := specs[len(specs)-1].Name
		comps := m.Components()
		comp := comps[r.IntN(len(comps))]
		target := availability.Must(availability.FromUnavailability(math.Pow(10, -6*r.Float64())))
		need, err := m.Allocate(bg, node, comp, target)
		if err != nil {
			require.ErrorIs(t, err, availability.ErrUnreachable)
			continue
		}
		if need == availability.Never {
			continue
		}
		w, err := m.WhatIf(map[string]availability.Availability{comp: need})
		require.NoError(t, err)
		got, err := w.Availability(node)
		require.NoError(t, err)
		assert.InEpsilon(t, target.Unavailability(), got.Unavailability(), 1e-9, fmt.Sprint(specs))
		checked++
	}
	assert.Greater(t, checked, 30)
}

func TestAllocateUnder(t *testing.T) {
	// Series of an application and a 99.6% network; we offer 99.5%.
	// Worst case: U_app + 0.004 ≤ 0.005 ⇒ U_app ≤ 0.001, so the application
	// must promise 99.9%. Best case: max(U_app, 0.004) ≤ 0.005 ⇒ U_app ≤ 0.005,
	// 99.5%. Independent: 1 − (1 − U)(0.996) ≤ 0.005 ⇒ U ≤ 1 − 0.995/0.996.
	var b availability.Builder
	b.Component("app", availability.MustParse("99%")).
		Component("network", availability.MustParse("99.6%")).
		Group("svc", availability.RequireAll, "app", "network")
	m, err := b.Build()
	require.NoError(t, err)
	target := availability.MustParse("99.5%")
	worst, err := m.AllocateUnder(bg, "svc", "app", target, availability.WorstCase)
	require.NoError(t, err)
	assert.InDelta(t, 0.001, worst.Unavailability(), 1e-16)
	best, err := m.AllocateUnder(bg, "svc", "app", target, availability.BestCase)
	require.NoError(t, err)
	assert.InDelta(t, 0.005, best.Unavailability(), 1e-16)
	ind, err := m.AllocateUnder(bg, "svc", "app", target, availability.Independent)
	require.NoError(t, err)
	assert.InEpsilon(t, 1-0.995/0.996, ind.Unavailability(), 1e-12)
	// The answer is the largest U that still meets the target: one ulp more
	// does not.
	w, err := m.WhatIf(map[string]availability.Availability{"app": worst})
	require.NoError(t, err)
	got, err := w.Evaluate(bg, "svc", availability.WorstCase)
	require.NoError(t, err)
	assert.LessOrEqual(t, got.Unavailability(), target.Unavailability())
	w, err = m.WhatIf(map[string]availability.Availability{"app": availability.Must(availability.FromUnavailability(math.Nextafter(worst.Unavailability(), 1)))})
	require.NoError(t, err)
	got, err = w.Evaluate(bg, "svc", availability.WorstCase)
	require.NoError(t, err)
	assert.Greater(t, got.Unavailability(), target.Unavailability())

	// Redundancy guarantees nothing in the worst case: the pair of paths is
	// as good as its better member, U = min over paths of (U_web + U_db).
	sh := sharedDB(t)
	need, err := sh.AllocateUnder(bg, "shop", "db", availability.MustParse("98%"), availability.WorstCase)
	require.NoError(t, err)
	// Worst case of shop: U = min over paths of (U_web + U_db) = 0.01 + U_db ≤ 0.02.
	assert.InDelta(t, 0.01, need.Unavailability(), 1e-15)
	_, err = sh.AllocateUnder(bg, "shop", "db", availability.MustParse("99.5%"), availability.WorstCase)
	require.ErrorIs(t, err, availability.ErrUnreachable)
	assert.Contains(t, err.Error(), "under worst-case")
	// At a 1% target: 0.01 + U_db ≤ 0.99 ⇒ U_db ≤ 0.98; at 0% anything goes.
	low, err := sh.AllocateUnder(bg, "shop", "db", availability.MustParse("1%"), availability.WorstCase)
	require.NoError(t, err)
	assert.InDelta(t, 0.98, low.Unavailability(), 1e-15)
	anything, err := sh.AllocateUnder(bg, "shop", "db", availability.Never, availability.WorstCase)
	require.NoError(t, err)
	assert.Equal(t, availability.Never, anything)
	_, err = sh.AllocateUnder(bg, "shop", "path1", target, availability.WorstCase)
	require.ErrorIs(t, err, availability.ErrNotComponent)
	_, err = sh.AllocateUnder(bg, "shop", "db", target, availability.Assumption(9))
	require.ErrorIs(t, err, availability.ErrAssumption)
}
