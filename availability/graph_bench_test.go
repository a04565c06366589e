package availability_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/slacalc/slacalc/availability"
)

// microservices generates a seeded layered service graph: nInfra shared
// infrastructure components, then services in layers; each service depends
// on 2–5 services of the layer below and 1–3 infrastructure components, and
// one service in five is a replica group that needs 2 of 3 replicas, each
// replica failing on its own and needing the same dependencies. It returns
// the specs and the names of the entry services (the top layer).
func microservices(seed uint64, nServices, nLayers, nInfra int) ([]availability.NodeSpec, []string) {
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
	perLayer := nServices / nLayers
	var below []string
	var entries []string
	for l := range nLayers {
		var layer []string
		for s := range perLayer {
			name := fmt.Sprintf("svc%d.%d", l, s)
			var deps []string
			if len(below) > 0 {
				n := 2 + r.IntN(4)
				for _, j := range r.Perm(len(below))[:min(n, len(below))] {
					deps = append(deps, below[j])
				}
			}
			for _, j := range r.Perm(nInfra)[:1+r.IntN(3)] {
				deps = append(deps, infra[j])
			}
			if r.IntN(5) == 0 {
				var replicas []string
				for k := range 3 {
					rep := fmt.Sprintf("%s#%d", name, k)
					specs = append(specs, availability.NodeSpec{Name: rep, Availability: avail(2, 3), DependsOn: deps})
					replicas = append(replicas, rep)
				}
				specs = append(specs, availability.NodeSpec{Name: name, Requires: availability.RequireAtLeast(2), DependsOn: replicas})
			} else {
				specs = append(specs, availability.NodeSpec{Name: name, Availability: avail(3, 4), DependsOn: deps})
			}
			layer = append(layer, name)
		}
		below = layer
		if l == nLayers-1 {
			entries = layer
		}
	}
	return specs, entries
}

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

func BenchmarkMicroservices(b *testing.B) {
	specs, entries := microservices(1, 10000, 5, 200)
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
// components (80 services over 20 shared infrastructure parts, with replica
// groups), on 1 and 2 workers.
func BenchmarkSimulate(b *testing.B) {
	specs, entries := microservices(3, 60, 3, 20)
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
