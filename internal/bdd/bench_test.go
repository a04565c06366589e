package bdd

import (
	"context"
	"fmt"
	"testing"
)

// ladder returns a structure over n variables in which stage i is
// "at least 2 of x_i, x_{i+1} and stage i−1": every variable is shared by
// two stages, and the depth-first order keeps the BDD linear in n.
func ladder(n int) *Structure {
	s := &Structure{NumVars: n}
	s.Gates = append(s.Gates, Gate{Kind: KindOr, Inputs: []Ref{VarRef(0), VarRef(1)}})
	for i := 1; i+1 < n; i++ {
		s.Gates = append(s.Gates, Gate{Kind: KindAtLeast, K: 2, Inputs: []Ref{VarRef(i), VarRef(i + 1), GateRef(i - 1)}})
	}
	s.Top = GateRef(len(s.Gates) - 1)
	return s
}

var sizes = []int{10, 100, 1000, 10000, 100000}

func BenchmarkCompileLadder(b *testing.B) {
	for _, n := range sizes {
		s := ladder(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			var d *Diagram
			for b.Loop() {
				var err error
				d, err = Compile(context.Background(), s, nil, Options{})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(d.Size()), "nodes")
		})
	}
}

func benchDiagram(b *testing.B, n int) (*Diagram, []float64) {
	d, err := Compile(context.Background(), ladder(n), nil, Options{})
	if err != nil {
		b.Fatal(err)
	}
	q := make([]float64, n)
	for i := range q {
		q[i] = 1e-3 * float64(1+i%7)
	}
	return d, q
}

func BenchmarkProbability(b *testing.B) {
	for _, n := range sizes {
		d, q := benchDiagram(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := d.Probability(q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkConditionals(b *testing.B) {
	for _, n := range sizes {
		d, q := benchDiagram(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := d.Conditionals(q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMinimalCutSets(b *testing.B) {
	for _, n := range sizes[:4] {
		d, q := benchDiagram(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				cs, err := d.MinimalCutSets(context.Background(), Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := cs.Top(q, 100); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkTreeProbability(b *testing.B) {
	for _, n := range sizes {
		// A balanced-ish tree without sharing: OR of ANDs of pairs.
		s := &Structure{NumVars: n}
		var top []Ref
		for i := 0; i+1 < n; i += 2 {
			s.Gates = append(s.Gates, Gate{Kind: KindAnd, Inputs: []Ref{VarRef(i), VarRef(i + 1)}})
			top = append(top, GateRef(len(s.Gates)-1))
		}
		s.Gates = append(s.Gates, Gate{Kind: KindOr, Inputs: top})
		s.Top = GateRef(len(s.Gates) - 1)
		q := make([]float64, n)
		for i := range q {
			q[i] = 1e-3
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := TreeProbability(s, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkModules finds the modules of the ladder, where every gate's
// descendants are shared (the bitset method it replaced was quadratic:
// 1.25 GB at 100,000 variables).
func BenchmarkModules(b *testing.B) {
	for _, n := range sizes {
		s := ladder(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Modules()
			}
		})
	}
}

// BenchmarkOrder computes the static orders of the ladder: the support
// sizes behind the LargeFirst heuristics are counted exactly below
// exactWords and from sketches above, and FORCE sorts 2·log₂ n times.
func BenchmarkOrder(b *testing.B) {
	for _, h := range []struct {
		name string
		h    OrderHeuristic
	}{{"DepthFirstLargeFirst", DepthFirstLargeFirst}, {"ForceLargeFirst", ForceLargeFirst}} {
		for _, n := range sizes[2:] {
			s := ladder(n)
			b.Run(fmt.Sprintf("%s/%d", h.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					s.Order(h.h)
				}
			})
		}
	}
}

// BenchmarkSift builds pairsStructure(n) with dynamic reordering from its
// exponential depth-first order (the static build of n = 32 would need
// about 2³² nodes); it reports the final diagram's nodes and the steps,
// swaps included.
func BenchmarkSift(b *testing.B) {
	for _, n := range []int{16, 32, 64, 128} {
		s := pairsStructure(n)
		order := s.Order(DepthFirst)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			var d *Diagram
			var steps uint64
			for b.Loop() {
				var err error
				d, steps, err = siftCompile(context.Background(), s, order, Options{})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(d.Size()), "nodes")
			b.ReportMetric(float64(steps), "steps")
		})
	}
}
