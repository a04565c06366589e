package availability_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/slacalc/slacalc/availability"
)

var sink float64

func benchParts(n int) []availability.Availability {
	r := rand.New(rand.NewPCG(uint64(n), 42))
	ps := make([]availability.Availability, n)
	for i := range ps {
		ps[i] = availability.Must(availability.FromUnavailability(math.Pow(10, -1-8*r.Float64())))
	}
	return ps
}

var sizes = []int{10, 100, 1000, 10000, 100000, 1000000}

// BenchmarkLog1pBaseline is the reference for the series goal: a plain loop
// summing math.Log1p over the same unavailabilities. Series must stay within
// 3× of it.
func BenchmarkLog1pBaseline(b *testing.B) {
	for _, n := range sizes {
		ps := benchParts(n)
		us := make([]float64, n)
		for i, p := range ps {
			us[i] = p.Unavailability()
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s := 0.0
				for _, u := range us {
					s += math.Log1p(-u)
				}
				sink = s
			}
		})
	}
}

func BenchmarkSeries(b *testing.B) {
	for _, as := range []availability.Assumption{availability.Independent, availability.WorstCase} {
		for _, n := range sizes {
			ps := benchParts(n)
			b.Run(fmt.Sprintf("%s/n=%d", as, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					a, _ := as.Series(ps...)
					sink = a.Unavailability()
				}
			})
		}
	}
}

func BenchmarkParallel(b *testing.B) {
	for _, n := range sizes {
		ps := benchParts(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				a, _ := availability.Parallel(ps...)
				sink = a.Unavailability()
			}
		})
	}
}

func BenchmarkKOfN(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		ps := benchParts(n)
		k := n / 2
		b.Run(fmt.Sprintf("different/n=%d,k=%d", n, k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				a, _ := availability.KOfN(k, ps...)
				sink = a.Unavailability()
			}
		})
		b.Run(fmt.Sprintf("worst-case/n=%d,k=%d", n, k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				a, _ := availability.WorstCase.KOfN(k, ps...)
				sink = a.Unavailability()
			}
		})
	}
	for _, n := range []int{10, 100, 1000, 10000, 100000, 1000000} {
		part := availability.MustParse("99.5%")
		k := n / 2
		b.Run(fmt.Sprintf("identical/n=%d,k=%d", n, k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				a, _ := availability.KOfNIdentical(k, n, part)
				sink = a.Unavailability()
			}
		})
	}
}
