package availability_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
)

// replicaModel builds a random graph rich in the shapes AvailabilityOf
// rewrites: replica groups whose replicas share dependencies and may each
// have private parts of their own (a component or a small private
// parallel pair), groups whose replicas share only some dependencies,
// replicas that another node also uses (which forbids the rewrite), and
// thresholds over shared nodes that stay for the BDD. It stays within
// maxComps components so that brute force can check it.
func replicaModel(r *rand.Rand, maxComps int) []availability.NodeSpec {
	var specs []availability.NodeSpec
	comps := 0
	comp := func(name string) string {
		a := availability.Must(availability.FromUnavailability(randomU(r)))
		specs = append(specs, availability.NodeSpec{Name: name, Availability: &a})
		comps++
		return name
	}
	var pool []string // nodes later nodes may depend on
	for i := range 2 + r.IntN(3) {
		pool = append(pool, comp(fmt.Sprint("infra", i)))
	}
	pick := func(n int) []string {
		var out []string
		for _, j := range r.Perm(len(pool))[:min(n, len(pool))] {
			out = append(out, pool[j])
		}
		return out
	}
	for g := 0; comps < maxComps; g++ {
		name := fmt.Sprint("n", g)
		switch r.IntN(4) {
		case 0, 1: // a replica group
			n := 2 + r.IntN(2)
			common := pick(1 + r.IntN(3))
			var replicas []string
			for k := range n {
				rep := fmt.Sprintf("%s#%d", name, k)
				deps := append([]string(nil), common...)
				if r.IntN(3) == 0 && k > 0 {
					deps = deps[1:] // shares only part of the dependencies
				}
				switch r.IntN(4) {
				case 0:
					deps = append(deps, comp(rep+".disk"))
				case 1:
					a, b := comp(rep+".a"), comp(rep+".b")
					specs = append(specs, availability.NodeSpec{Name: rep + ".pair", Requires: availability.RequireAny, DependsOn: []string{a, b}})
					deps = append(deps, rep+".pair")
				}
				spec := availability.NodeSpec{Name: rep, DependsOn: deps}
				if r.IntN(4) > 0 {
					a := availability.Must(availability.FromUnavailability(randomU(r)))
					spec.Availability = &a
					comps++
				}
				if len(deps) == 0 {
					deps = append(deps, common[0])
					spec.DependsOn = deps
				}
				specs = append(specs, spec)
				replicas = append(replicas, rep)
			}
			if r.IntN(5) == 0 {
				pool = append(pool, replicas[0]) // used elsewhere too
			}
			spec := availability.NodeSpec{Name: name, Requires: availability.RequireAtLeast(1 + r.IntN(n)), DependsOn: replicas}
			if r.IntN(3) == 0 {
				a := availability.Must(availability.FromUnavailability(randomU(r)))
				spec.Availability = &a
				comps++
			}
			specs = append(specs, spec)
		case 2: // a service over shared nodes
			spec := availability.NodeSpec{Name: name, DependsOn: pick(1 + r.IntN(3))}
			if r.IntN(2) == 0 {
				a := availability.Must(availability.FromUnavailability(randomU(r)))
				spec.Availability = &a
				comps++
			}
			specs = append(specs, spec)
		default: // a threshold over shared nodes
			deps := pick(2 + r.IntN(2))
			specs = append(specs, availability.NodeSpec{Name: name, Requires: availability.RequireAtLeast(1 + r.IntN(len(deps))), DependsOn: deps})
		}
		pool = append(pool, name)
	}
	return specs
}

// Every node of random graphs against enumeration of all component states
// (bruteForce, in 4096-bit floats): the rewrite into supports and group
// atoms must change nothing.
func TestAvailabilityOfAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	trials := 300
	if testing.Short() {
		trials = 60
	}
	for trial := range trials {
		var specs []availability.NodeSpec
		if trial%3 == 0 {
			specs = randomModel(r, 1+r.IntN(8), 1+r.IntN(7))
		} else {
			specs = replicaModel(r, 5+r.IntN(5))
		}
		m, err := availability.NewModel(specs)
		require.NoError(t, err, "trial %d", trial)
		want := bruteForce(specs)
		nodes := m.Nodes()
		got, err := m.AvailabilityOf(context.Background(), nodes...)
		require.NoError(t, err, "trial %d", trial)
		for j, name := range nodes {
			require.LessOrEqual(t, relErr(got[j].Unavailability(), want[name]), 1e-12, "trial %d node %s", trial, name)
		}
	}
}

// On a layered service graph too large to enumerate, every node against
// the per-node path (modular BDD of each node on its own), an independent
// engine.
func TestAvailabilityOfAgainstPerNode(t *testing.T) {
	specs, _ := microservices(5, []int{8, 30, 90, 250}, 40)
	m, err := availability.NewModel(specs)
	require.NoError(t, err)
	nodes := m.Nodes()
	got, err := m.AvailabilityOf(context.Background(), nodes...)
	require.NoError(t, err)
	for j, name := range nodes {
		want, err := m.Availability(name)
		require.NoError(t, err)
		require.InDelta(t, 0, math.Abs(got[j].Unavailability()-want.Unavailability())/want.Unavailability(), 1e-12, "node %s", name)
	}
}

// A small node budget bounds the supports too: nodes whose supports do not
// fit go to the BDD, whose budget then applies, and the values stay exact.
func TestAvailabilityOfSupportBudget(t *testing.T) {
	// 60 services over the same 40 shared parts, and one entry over all.
	var specs []availability.NodeSpec
	var infra, svcs []string
	for i := range 40 {
		a := availability.Must(availability.FromUnavailability(1e-4 * float64(i+1)))
		infra = append(infra, fmt.Sprint("infra", i))
		specs = append(specs, availability.NodeSpec{Name: infra[i], Availability: &a})
	}
	for i := range 60 {
		a := availability.Must(availability.FromUnavailability(1e-3))
		svcs = append(svcs, fmt.Sprint("svc", i))
		specs = append(specs, availability.NodeSpec{Name: svcs[i], Availability: &a, DependsOn: infra})
	}
	specs = append(specs, availability.NodeSpec{Name: "entry", DependsOn: svcs})
	m, err := availability.NewModel(specs)
	require.NoError(t, err)
	// Closed form: the entry needs all 40 parts and all 60 services' own parts.
	logA := 0.0
	for i := range 40 {
		logA += math.Log1p(-1e-4 * float64(i+1))
	}
	logA += 60 * math.Log1p(-1e-3)
	wantEntry := -math.Expm1(logA)
	wantSvc := -math.Expm1(logA - 59*math.Log1p(-1e-3))
	for _, budget := range []int{0, 400, 250} {
		got, err := m.WithNodeBudget(budget).AvailabilityOf(context.Background(), "entry", "svc7")
		require.NoError(t, err, "budget %d", budget)
		require.InEpsilon(t, wantEntry, got[0].Unavailability(), 1e-13, "budget %d", budget)
		require.InEpsilon(t, wantSvc, got[1].Unavailability(), 1e-13, "budget %d", budget)
	}
	// Too small for either: a budget error with bounds around the truth.
	_, err = m.WithNodeBudget(60).AvailabilityOf(context.Background(), "entry")
	var be *availability.BudgetError
	require.ErrorAs(t, err, &be)
	require.ErrorIs(t, err, availability.ErrBudget)
	require.LessOrEqual(t, be.Upper.Unavailability(), wantEntry)
	require.GreaterOrEqual(t, be.Lower.Unavailability(), wantEntry)
}

func TestAvailabilityOfCancelled(t *testing.T) {
	specs, entries := microservices(1, []int{5, 20, 60}, 10)
	m, err := availability.NewModel(specs)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = m.AvailabilityOf(ctx, entries...)
	require.ErrorIs(t, err, context.Canceled)
}
