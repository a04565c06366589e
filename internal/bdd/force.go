package bdd

import (
	"math"
	"slices"
)

// forceOrder improves a starting order by the FORCE placement heuristic
// (Aloul, Markov and Sakallah, 2003): variables and gates are points on a
// line, every gate with its inputs is a net; each round moves every point
// to the mean of the centres of gravity of its nets and re-ranks, and the
// order with the smallest total net span is kept. Small spans keep the
// variables a gate depends on close together, which is what keeps the
// intermediate BDDs small. Cost: O(rounds · (pins + V log V)).
func (s *Structure) forceOrder(start Order) Order {
	gates := s.postorder()
	nv := s.NumVars
	n := nv + len(s.Gates)
	pos := make([]float64, n)
	// Start: variables at their rank in start; each gate just after its
	// last input, so the first round begins from a consistent layout.
	for l, v := range start {
		pos[v] = float64(l)
	}
	id := func(r Ref) int {
		if r.Gate {
			return nv + r.Index
		}
		return r.Index
	}
	for _, g := range gates {
		p := 0.0
		for _, r := range s.Gates[g].Inputs {
			p = math.Max(p, pos[id(r)])
		}
		pos[nv+g] = p + 0.5
	}
	type net struct{ pins []int32 }
	// One backing array for all the pins: a slice per gate was 100,000
	// allocations on a 100,000-variable structure.
	npins := 0
	for _, g := range gates {
		npins += 1 + len(s.Gates[g].Inputs)
	}
	all := make([]int32, 0, npins)
	nets := make([]net, 0, len(gates))
	for _, g := range gates {
		start := len(all)
		all = append(all, int32(nv+g))
		for _, r := range s.Gates[g].Inputs {
			all = append(all, int32(id(r)))
		}
		nets = append(nets, net{all[start:len(all):len(all)]})
	}
	used := make([]bool, n)
	for _, e := range nets {
		for _, p := range e.pins {
			used[p] = true
		}
	}
	// rank re-ranks the used points by position, ties by index (what a
	// stable sort of the indices would give), sorting (position, index)
	// pairs in place.
	type point struct {
		pos float64
		i   int32
	}
	// The points are listed in the previous round's ranking, which the
	// new positions mostly keep, so the sort has little to do.
	var pts []point
	for i := range n {
		if used[i] {
			pts = append(pts, point{0, int32(i)})
		}
	}
	idx := make([]int, len(pts)) // reused by every round: extract copies
	rank := func() []int {
		for k := range pts {
			pts[k].pos = pos[pts[k].i]
		}
		slices.SortFunc(pts, func(a, b point) int {
			switch {
			case a.pos < b.pos:
				return -1
			case a.pos > b.pos:
				return 1
			}
			return int(a.i - b.i)
		})
		for r, p := range pts {
			idx[r] = int(p.i)
			pos[p.i] = float64(r)
		}
		return idx
	}
	span := func() float64 {
		total := 0.0
		for _, e := range nets {
			// Positions are ranks here, never NaN: plain comparisons.
			lo, hi := pos[e.pins[0]], pos[e.pins[0]]
			for _, p := range e.pins[1:] {
				if x := pos[p]; x < lo {
					lo = x
				} else if x > hi {
					hi = x
				}
			}
			total += hi - lo
		}
		return total
	}
	extract := func(idx []int) Order {
		o := make(Order, 0, nv)
		seen := make([]bool, nv)
		for _, i := range idx {
			if i < nv {
				o = append(o, i)
				seen[i] = true
			}
		}
		for v := range nv {
			if !seen[v] {
				o = append(o, v)
			}
		}
		return o
	}
	best := extract(rank())
	bestSpan := span()
	sum := make([]float64, n)
	cnt := make([]float64, n)
	rounds := 2 * (1 + int(math.Log2(float64(n+1))))
	for range rounds {
		clear(sum)
		clear(cnt)
		for _, e := range nets {
			cog := 0.0
			for _, p := range e.pins {
				cog += pos[p]
			}
			cog /= float64(len(e.pins))
			for _, p := range e.pins {
				sum[p] += cog
				cnt[p]++
			}
		}
		for i := range n {
			if cnt[i] > 0 {
				pos[i] = sum[i] / cnt[i]
			}
		}
		idx := rank()
		if sp := span(); sp < bestSpan {
			bestSpan, best = sp, extract(idx)
		}
	}
	return best
}
