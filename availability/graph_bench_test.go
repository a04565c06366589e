package availability_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/slacalc/slacalc/availability"
)

// microservices generates a seeded layered service graph: nInfra shared
// infrastructure components, then services in layers of the given sizes,
// from the entry services (layers[0]) down. Each service depends on 2–5
// services of the layer below (every service below is used by at least
// one) and on 1–3 infrastructure components; one service in five is a
// replica group that needs 2 of 3 replicas, each replica failing on its own
// and needing the same dependencies. It returns the specs and the names of
// the entry services.
func microservices(seed uint64, layers []int, nInfra int) ([]availability.NodeSpec, []string) {
	r := rand.New(rand.NewPCG(seed, 7))
	// Unavailabilities are log-uniform between 10^-hi and 10^-lo.
	avail := func(lo, hi float64) *availability.Availability {
		a := availability.Must(availability.FromUnavailability(math.Pow(10, -lo-(hi-lo)*r.Float64())))
		return &a
	}
	var specs []availability.NodeSpec
	infra := make([]string, nInfra)
	for i := range infra {
		infra[i] = fmt.Sprint("infra", i)
		specs = append(specs, availability.NodeSpec{Name: infra[i], Availability: avail(3, 5)})
	}
	// Decide every service's dependencies from the top down, then emit the
	// specs from the bottom up.
	names := make([][]string, len(layers))
	for l, n := range layers {
		for s := range n {
			names[l] = append(names[l], fmt.Sprintf("svc%d.%d", l, s))
		}
	}
	deps := map[string][]string{}
	for l := 0; l+1 < len(layers); l++ {
		below := names[l+1]
		// Round-robin first, so that every service below has a dependant.
		for j, name := range r.Perm(len(below)) {
			parent := names[l][j%len(names[l])]
			deps[parent] = append(deps[parent], below[name])
		}
		for _, parent := range names[l] {
			// Distinct services below, drawn uniformly (rejection is cheap:
			// at most five of thousands are taken).
			want := min(2+r.IntN(4), len(below))
			for len(deps[parent]) < want {
				if j := r.IntN(len(below)); !slices.Contains(deps[parent], below[j]) {
					deps[parent] = append(deps[parent], below[j])
				}
			}
		}
	}
	for l := len(layers) - 1; l >= 0; l-- {
		for _, name := range names[l] {
			d := slices.Clone(deps[name])
			for want := len(d) + min(1+r.IntN(3), nInfra); len(d) < want; {
				if j := r.IntN(nInfra); !slices.Contains(d, infra[j]) {
					d = append(d, infra[j])
				}
			}
			if r.IntN(5) == 0 {
				var replicas []string
				for k := range 3 {
					rep := fmt.Sprintf("%s#%d", name, k)
					specs = append(specs, availability.NodeSpec{Name: rep, Availability: avail(2, 3), DependsOn: d})
					replicas = append(replicas, rep)
				}
				specs = append(specs, availability.NodeSpec{Name: name, Requires: availability.RequireAtLeast(2), DependsOn: replicas})
			} else {
				specs = append(specs, availability.NodeSpec{Name: name, Availability: avail(3, 4), DependsOn: d})
			}
		}
	}
	return specs, names[0]
}

// serviceLayers are the layer sizes of the 10,000-service benchmark graph:
// 50 entry services over four layers, each at most 3.6 times the one above.
var serviceLayers = []int{50, 175, 600, 2000, 7175}

// wideTree generates a tree without sharing: every group has 2–6 children,
// requirements all, any and k-of-n, until n nodes exist.
func wideTree(seed uint64, n int) []availability.NodeSpec {
	r := rand.New(rand.NewPCG(seed, 9))
	specs := make([]availability.NodeSpec, 0, n)
	var free []string // nodes not yet used as a dependency
	for len(specs) < n {
		if len(free) < 6 || r.IntN(3) > 0 && len(specs) < n-1 {
			a := availability.Must(availability.FromUnavailability(math.Pow(10, -1-4*r.Float64())))
			name := fmt.Sprint("c", len(specs))
			specs = append(specs, availability.NodeSpec{Name: name, Availability: &a})
			free = append(free, name)
			continue
		}
		k := 2 + r.IntN(5)
		deps := append([]string(nil), free[len(free)-k:]...)
		free = free[:len(free)-k]
		spec := availability.NodeSpec{Name: fmt.Sprint("g", len(specs)), DependsOn: deps}
		switch r.IntN(3) {
		case 1:
			spec.Requires = availability.RequireAny
		case 2:
			spec.Requires = availability.RequireAtLeast(1 + r.IntN(k))
		}
		specs = append(specs, spec)
		free = append(free, spec.Name)
	}
	// One root over whatever is left.
	specs = append(specs, availability.NodeSpec{Name: "root", DependsOn: free})
	return specs
}

// organisationLayers are the layer sizes of the 100,000-component graph of
// issue 15: 70,000 services (a fifth of them 2-of-3 replica groups) over
// 2,000 shared infrastructure parts, 99,964 components in all.
var organisationLayers = []int{350, 1225, 4200, 14000, 50225}

// BenchmarkEveryNode evaluates every node of layered service graphs of
// 10,000 and 100,000 components exactly, in one AvailabilityOf call.
func BenchmarkEveryNode(b *testing.B) {
	for _, size := range []struct {
		layers []int
		infra  int
	}{{serviceLayers, 200}, {organisationLayers, 2000}} {
		specs, _ := microservices(1, size.layers, size.infra)
		m, err := availability.NewModel(specs)
		if err != nil {
			b.Fatal(err)
		}
		nodes := m.Nodes()
		b.Run(fmt.Sprintf("components=%d/nodes=%d", len(m.Components()), len(nodes)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := m.AvailabilityOf(context.Background(), nodes...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMicroservices(b *testing.B) {
	specs, entries := microservices(1, serviceLayers, 200)
	m, err := availability.NewModel(specs)
	if err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("all-%d-entries", len(entries)), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := m.AvailabilityOf(context.Background(), entries...); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("build-model", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := availability.NewModel(specs); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkTree(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000, 1000000} {
		specs := wideTree(1, n)
		m, err := availability.NewModel(specs)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				a, err := m.Evaluate(context.Background(), "root", availability.Independent)
				if err != nil {
					b.Fatal(err)
				}
				sink = a.Unavailability()
			}
		})
	}
}

// BenchmarkSimulate runs 10,000 one-year runs of a graph with 100
// components (55 services in three layers over 21 shared infrastructure
// parts, with replica groups), on 1 and 2 workers.
func BenchmarkSimulate(b *testing.B) {
	specs, entries := microservices(3, []int{10, 20, 25}, 21)
	m, err := availability.NewModel(append(specs, availability.NodeSpec{Name: "entry", DependsOn: entries}))
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("components: %d", len(m.Components()))
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("years=10000/workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, err := m.Simulate(context.Background(), availability.SimulationConfig{
					Node: "entry", RepairTime: 4 * time.Hour, Horizon: 365 * 24 * time.Hour, Runs: 10000, Seed: 1, Workers: workers,
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
