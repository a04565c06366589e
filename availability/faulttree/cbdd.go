package faulttree

import (
	"context"
	"fmt"
	"math"

	"github.com/slacalc/slacalc/availability"
)

// cbdd is a small reduced ordered BDD with complement edges, for trees
// with negation, which the engine in internal/bdd (monotone functions
// only) does not build. An edge is a node index shifted left once, its
// low bit set when the edge negates the node; node 0 is the terminal
// true, so edge 0 is true and edge 1 false. The hi edge of a stored node
// is never complemented, which keeps the representation canonical.
//
// Probabilities keep both P and 1 − P of every node as separate sums of
// non-negative terms, so a negation costs no precision.
type cbdd struct {
	levelOf []int32 // variable → level
	varAt   []int32 // level → variable
	nodes   []cnode
	unique  []uint32 // open addressing; 0 is empty (the terminal is never stored)
	cache   []centry // lossy
	max     int
	ctx     context.Context
	steps   int
}

type cnode struct {
	lvl    int32 // level; terminal: MaxInt32
	hi, lo uint32
}

type centry struct {
	f, g, r uint32
	op      uint8
}

const (
	eTrue  uint32 = 0
	eFalse uint32 = 1
)

func newCBDD(ctx context.Context, order []int, maxNodes int) *cbdd {
	if maxNodes <= 0 {
		maxNodes = 4 << 20
	}
	levelOf, varAt := make([]int32, len(order)), make([]int32, len(order))
	for l, v := range order {
		levelOf[v], varAt[l] = int32(l), int32(v)
	}
	b := &cbdd{levelOf: levelOf, varAt: varAt, nodes: []cnode{{lvl: math.MaxInt32}}, max: maxNodes, ctx: ctx}
	b.unique = make([]uint32, 1<<12)
	b.cache = make([]centry, 1<<12)
	return b
}

// budgetError is returned when a build exceeds its node budget.
func budgetError(nodes, budget int) error {
	return fmt.Errorf("faulttree: %w: %d nodes, budget %d", availability.ErrBudget, nodes, budget)
}

type stop struct{ err error }

func hash3(a, b, c uint32) uint32 {
	h := uint64(a)*0x9E3779B97F4A7C15 ^ uint64(b)*0xC2B2AE3D27D4EB4F ^ uint64(c)*0x165667B19E3779F9
	h ^= h >> 29
	return uint32(h)
}

func (b *cbdd) mk(lvl int32, hi, lo uint32) uint32 {
	if hi == lo {
		return hi
	}
	comp := hi & 1
	hi ^= comp
	lo ^= comp
	mask := uint32(len(b.unique) - 1)
	for i := hash3(uint32(lvl), hi, lo) & mask; ; i = (i + 1) & mask {
		x := b.unique[i]
		if x == 0 {
			break
		}
		if n := b.nodes[x]; n.lvl == lvl && n.hi == hi && n.lo == lo {
			return x<<1 | comp
		}
	}
	if len(b.nodes) >= b.max {
		panic(stop{budgetError(len(b.nodes), b.max)})
	}
	b.nodes = append(b.nodes, cnode{lvl: lvl, hi: hi, lo: lo})
	x := uint32(len(b.nodes) - 1)
	b.insert(x)
	if 2*len(b.nodes) > len(b.unique) {
		b.rehash()
	}
	return x<<1 | comp
}

func (b *cbdd) insert(x uint32) {
	n := b.nodes[x]
	mask := uint32(len(b.unique) - 1)
	i := hash3(uint32(n.lvl), n.hi, n.lo) & mask
	for b.unique[i] != 0 {
		i = (i + 1) & mask
	}
	b.unique[i] = x
}

// rehash sizes the unique table for the nodes (load at most 1/4 after)
// and the cache to one entry per two nodes.
func (b *cbdd) rehash() {
	size := 1 << 12
	for size < 4*len(b.nodes) {
		size <<= 1
	}
	b.unique = make([]uint32, size)
	for x := 1; x < len(b.nodes); x++ {
		b.insert(uint32(x))
	}
	if len(b.cache) < size/2 {
		b.cache = make([]centry, size/2)
	}
}

func (b *cbdd) lookup(op uint8, f, g uint32) (*centry, bool) {
	e := &b.cache[hash3(uint32(op), f, g)&uint32(len(b.cache)-1)]
	return e, e.op == op+1 && e.f == f && e.g == g
}

func (b *cbdd) tick() {
	if b.steps++; b.steps&4095 == 0 {
		if err := b.ctx.Err(); err != nil {
			panic(stop{err})
		}
	}
}

func (b *cbdd) level(e uint32) int32 { return b.nodes[e>>1].lvl }

// cof returns the cofactors of e with respect to level lvl.
func (b *cbdd) cof(e uint32, lvl int32) (hi, lo uint32) {
	n := b.nodes[e>>1]
	if n.lvl != lvl {
		return e, e
	}
	c := e & 1
	return n.hi ^ c, n.lo ^ c
}

func (b *cbdd) and(f, g uint32) uint32 {
	switch {
	case f == eFalse || g == eFalse || f == g^1:
		return eFalse
	case f == eTrue || f == g:
		return g
	case g == eTrue:
		return f
	}
	if f > g {
		f, g = g, f
	}
	if e, ok := b.lookup(0, f, g); ok {
		return e.r
	}
	b.tick()
	lvl := min(b.level(f), b.level(g))
	fh, fl := b.cof(f, lvl)
	gh, gl := b.cof(g, lvl)
	r := b.mk(lvl, b.and(fh, gh), b.and(fl, gl))
	e, _ := b.lookup(0, f, g) // the table may have grown
	*e = centry{f: f, g: g, r: r, op: 1}
	return r
}

func (b *cbdd) or(f, g uint32) uint32 { return b.and(f^1, g^1) ^ 1 }

func (b *cbdd) xor(f, g uint32) uint32 {
	c := (f ^ g) & 1
	f &^= 1
	g &^= 1
	switch {
	case f == g:
		return eFalse ^ c
	case f == eTrue:
		return g ^ 1 ^ c
	case g == eTrue:
		return f ^ 1 ^ c
	}
	if f > g {
		f, g = g, f
	}
	if e, ok := b.lookup(1, f, g); ok {
		return e.r ^ c
	}
	b.tick()
	lvl := min(b.level(f), b.level(g))
	fh, fl := b.cof(f, lvl)
	gh, gl := b.cof(g, lvl)
	r := b.mk(lvl, b.xor(fh, gh), b.xor(fl, gl))
	e, _ := b.lookup(1, f, g)
	*e = centry{f: f, g: g, r: r, op: 2}
	return r ^ c
}

func (b *cbdd) atLeast(k int, ops []uint32) uint32 {
	dp := make([]uint32, k+1) // dp[j]: at least j of the operands so far
	dp[0] = eTrue
	for j := 1; j <= k; j++ {
		dp[j] = eFalse
	}
	for _, x := range ops {
		for j := k; j >= 1; j-- {
			dp[j] = b.or(dp[j], b.and(x, dp[j-1]))
		}
	}
	return dp[k]
}

// collect keeps only the nodes reachable from roots (updated in place),
// renumbered in the same order, so children still come first.
func (b *cbdd) collect(roots []*uint32) {
	mark := make([]bool, len(b.nodes))
	mark[0] = true
	for _, r := range roots {
		mark[*r>>1] = true
	}
	for i := len(b.nodes) - 1; i >= 1; i-- {
		if mark[i] {
			mark[b.nodes[i].hi>>1] = true
			mark[b.nodes[i].lo>>1] = true
		}
	}
	newIdx := make([]uint32, len(b.nodes))
	kept := b.nodes[:1]
	for i := 1; i < len(b.nodes); i++ {
		if !mark[i] {
			continue
		}
		n := b.nodes[i]
		n.hi = newIdx[n.hi>>1]<<1 | n.hi&1
		n.lo = newIdx[n.lo>>1]<<1 | n.lo&1
		newIdx[i] = uint32(len(kept))
		kept = append(kept, n)
	}
	b.nodes = kept
	for _, r := range roots {
		*r = newIdx[*r>>1]<<1 | *r&1
	}
	b.rehash()
	clear(b.cache)
}

// compile builds the edge of gate top of gates, whose event inputs are
// the manager's variables. Gates are built children first; between gates
// the nodes that no pending gate needs are collected once the table has
// doubled since the last collection.
func (b *cbdd) compile(gates []Gate, top int) (edge uint32, err error) {
	defer func() {
		if p := recover(); p != nil {
			s, ok := p.(stop)
			if !ok {
				panic(p)
			}
			err = s.err
		}
	}()
	// Post-order from top and the number of pending uses of each gate.
	post := make([]int, 0, len(gates))
	uses := make([]int, len(gates))
	seen := make([]bool, len(gates))
	type frame struct{ g, next int }
	stack := []frame{{top, 0}}
	seen[top] = true
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if f.next == len(gates[f.g].Inputs) {
			post = append(post, f.g)
			stack = stack[:len(stack)-1]
			continue
		}
		in := gates[f.g].Inputs[f.next]
		f.next++
		if in.Gate {
			uses[in.Index]++
			if !seen[in.Index] {
				seen[in.Index] = true
				stack = append(stack, frame{in.Index, 0})
			}
		}
	}
	val := make([]uint32, len(gates))
	live := make([]bool, len(gates))
	threshold := 1 << 16
	ops := []uint32{}
	for _, g := range post {
		gt := &gates[g]
		ops = ops[:0]
		for _, in := range gt.Inputs {
			var e uint32
			if in.Gate {
				e = val[in.Index]
			} else {
				e = b.mk(b.levelOf[in.Index], eTrue, eFalse)
			}
			if in.Negated {
				e ^= 1
			}
			ops = append(ops, e)
		}
		var r uint32
		switch gt.Operator {
		case And:
			r = eTrue
			for _, x := range ops {
				r = b.and(r, x)
			}
		case Or:
			r = eFalse
			for _, x := range ops {
				r = b.or(r, x)
			}
		case Xor:
			r = eFalse
			for _, x := range ops {
				r = b.xor(r, x)
			}
		case AtLeast:
			r = b.atLeast(gt.Min, ops)
		}
		val[g], live[g] = r, true
		for _, in := range gt.Inputs {
			if in.Gate {
				if uses[in.Index]--; uses[in.Index] == 0 {
					live[in.Index] = false
				}
			}
		}
		if len(b.nodes) > threshold {
			var roots []*uint32
			for i := range gates {
				if live[i] {
					roots = append(roots, &val[i])
				}
			}
			b.collect(roots)
			threshold = max(threshold, 2*len(b.nodes))
		}
	}
	edge = val[top]
	b.collect([]*uint32{&edge})
	return edge, nil
}

// probabilities returns P and 1 − P of every node (as a regular
// function), given each variable's probability q and its complement nq.
func (b *cbdd) probabilities(q, nq []float64) (p, np []float64) {
	p = make([]float64, len(b.nodes))
	np = make([]float64, len(b.nodes))
	p[0], np[0] = 1, 0
	for i := 1; i < len(b.nodes); i++ {
		n := b.nodes[i]
		v := b.varAt[n.lvl]
		qi, ni := q[v], nq[v]
		hp, hn := edgeP(p, np, n.hi)
		lp, ln := edgeP(p, np, n.lo)
		p[i] = qi*hp + ni*lp
		np[i] = qi*hn + ni*ln
	}
	return p, np
}

func edgeP(p, np []float64, e uint32) (float64, float64) {
	if e&1 == 1 {
		return np[e>>1], p[e>>1]
	}
	return p[e>>1], np[e>>1]
}

// birnbaum returns ∂P(top)/∂q_v for every variable: the sum over the nodes
// testing v of (the derivative of P(top) with respect to the node's value)
// × (P(hi) − P(lo)). Nodes are numbered children first, so one pass from
// the root down accumulates the derivatives.
func (b *cbdd) birnbaum(top uint32, q, nq, p, np []float64) []float64 {
	d := make([]float64, len(b.nodes))
	if top&1 == 1 {
		d[top>>1] = -1
	} else {
		d[top>>1] = 1
	}
	out := make([]float64, len(q))
	for i := len(b.nodes) - 1; i >= 1; i-- {
		if d[i] == 0 {
			continue
		}
		n := b.nodes[i]
		v := b.varAt[n.lvl]
		hp, _ := edgeP(p, np, n.hi)
		lp, _ := edgeP(p, np, n.lo)
		out[v] += d[i] * (hp - lp)
		d[n.hi>>1] += d[i] * q[v] // hi edges are regular
		if n.lo&1 == 1 {
			d[n.lo>>1] -= d[i] * nq[v]
		} else {
			d[n.lo>>1] += d[i] * nq[v]
		}
	}
	return out
}
