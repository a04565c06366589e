package bdd

import (
	"cmp"
	"context"
	"slices"
)

// approxCap is the most nodes a gate's diagram keeps in the approximate
// builds of [approxBounds]. On nus9601 (whole tree, no modules, gate
// results cut but not the partial results of folds) 2,048 gave [9.9392e-6,
// 1.3240e-5] in 2.4 s for both builds, against [9.94e-6, 2.53e-5] from
// the linear bounds; 10,000 took 35 s for no better bracket, as the nodes
// cut are chosen gate by gate, not for Top. Within ModularProbability,
// folds cut too: [9.94e-6, 1.30e-5].
//
// Ranking the nodes by the probability mass a cut loses instead of the
// probability of reaching them gained under 0.2% on nus9601 and cost
// time, so the simpler rank stays.
const approxCap = 2048

// approxKeep is what ModularProbability uses: approxCap, smaller in tests
// so that small structures are cut.
var approxKeep = approxCap

// approx configures the approximate builds of [approxBounds]: after each
// gate and each merge of an And or Or fold (both increase with what they
// merge), a diagram of more than keep nodes is cut down to keep nodes by
// replacing the sub-diagrams least likely to be reached (under q) by cut,
// False for a lower bound, True for an upper one.
type approx struct {
	q    []float64 // P(variable = true), by variable
	keep int
	cut  uint32
	// Scratch, reused across gates.
	mark  []uint32 // node → stamp of the last walk that reached it
	stamp uint32
	reach []float64 // node → probability of reaching it from the root
	nodes []uint32
	remap []uint32
	rs    []float64
}

// subset returns f, or a diagram of about a.keep nodes (more only where
// reach probabilities tie at the threshold) that is below
// (cut = False) or above (cut = True) f everywhere: every node reached
// with probability below that of the keep-th most likely one is replaced
// by cut. ITE(x, g, h) increases with g and h whatever x, so replacing a
// sub-diagram by a constant below (above) it keeps the whole below
// (above) f, and the gates above, all increasing in their inputs, keep
// the order: the final diagram bounds Top.
func (m *Manager) subset(a *approx, f uint32) uint32 {
	if f <= uint32(True) {
		return f
	}
	if len(a.mark) < len(m.nodes) {
		// 16 bytes per node of the table, a quarter more than it holds
		// now: within the node budget's memory, grown rarely.
		n := len(m.nodes) + len(m.nodes)/4
		a.mark = make([]uint32, n)
		a.reach = make([]float64, n)
		a.remap = make([]uint32, n)
		a.stamp = 0
	}
	a.stamp++
	if a.stamp == 0 { // wrapped: forget every old stamp
		clear(a.mark)
		a.stamp = 1
	}
	// The nodes of f, by a walk; children have smaller indices than
	// their parents, so sorting gives a topological order.
	a.nodes = append(a.nodes[:0], f)
	a.mark[f] = a.stamp
	for i := 0; i < len(a.nodes); i++ {
		n := m.nodes[a.nodes[i]]
		for _, c := range [2]uint32{n.lo, n.hi} {
			if c > uint32(True) && a.mark[c] != a.stamp {
				a.mark[c] = a.stamp
				a.nodes = append(a.nodes, c)
			}
		}
	}
	if len(a.nodes) <= a.keep {
		return f
	}
	slices.Sort(a.nodes)
	for _, x := range a.nodes {
		a.reach[x] = 0
	}
	a.reach[f] = 1
	for i := len(a.nodes) - 1; i >= 0; i-- { // parents first
		x := a.nodes[i]
		n := m.nodes[x]
		p := a.q[m.varAt[n.level]]
		if n.hi > uint32(True) {
			a.reach[n.hi] += a.reach[x] * p
		}
		if n.lo > uint32(True) {
			a.reach[n.lo] += a.reach[x] * (1 - p)
		}
	}
	rs := a.rs[:0]
	for _, x := range a.nodes {
		rs = append(rs, a.reach[x])
	}
	a.rs = rs
	slices.Sort(rs)
	tau := rs[len(rs)-a.keep]
	a.remap[False], a.remap[True] = uint32(False), uint32(True)
	for _, x := range a.nodes { // children first
		if a.reach[x] < tau {
			a.remap[x] = a.cut
			continue
		}
		n := m.nodes[x]
		r := m.mk(n.level, a.remap[n.lo], a.remap[n.hi])
		if r == nilNode {
			return nilNode
		}
		a.remap[x] = r
	}
	return a.remap[f]
}

// approxBounds brackets P(Top) of s, whose variables are independent with
// probabilities at least lo and at most hi, by two approximate builds
// (see [approx]): the structure with every gate's diagram cut down to
// keep nodes from below, evaluated at lo, and from above, at hi. Each
// build is bounded by opts' node budget and an eighth of its step budget
// (condStepFactor), so that a failed evaluation does not take much longer
// to give its bounds; an error means no bracket.
func approxBounds(ctx context.Context, s *Structure, lo, hi []pair, order Order, keep int, opts Options) (pair, pair, uint64, error) {
	opts.MaxSteps = cmp.Or(opts.MaxSteps, DefaultMaxSteps) / condStepFactor
	var out [2]pair
	var steps uint64
	for i, in := range [2][]pair{lo, hi} {
		m, err := NewManager(order, opts)
		if err != nil {
			return pair{}, pair{}, steps, err
		}
		q, nq := splitPairs(in)
		m.approx = &approx{q: q, keep: keep, cut: uint32(i)}
		f, err := Build(ctx, m, s)
		var d *Diagram
		if err == nil {
			d, err = m.Freeze(f)
		}
		steps += m.steps
		m.release()
		if err != nil {
			return pair{}, pair{}, steps, err
		}
		out[i].t, out[i].f = d.pair(q, nq)
	}
	return out[0], out[1], steps, nil
}
