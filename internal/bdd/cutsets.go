package bdd

import (
	"container/heap"
	"context"
	"math"
	"math/big"
	"slices"
)

// CutSets is the family of minimal solutions (minimal cut sets, in fault
// tree terms) of a monotone function, held as a zero-suppressed BDD: a node
// (v, lo, hi) stands for lo ∪ {s ∪ {v} : s ∈ hi}, terminal 0 is the empty
// family and terminal 1 the family holding only the empty set. It is
// immutable and safe for concurrent use.
type CutSets struct {
	levelOf []int32
	varOf   []int32 // node → variable; −1 for terminals
	lo, hi  []uint32
	root    uint32
}

// zdd is the scratch manager of the minimal-solutions construction.
type zdd struct {
	levelOf []int32
	nvars   int32
	level   []int32
	lo, hi  []uint32
	unique  []uint32
	cache   []cacheEntry
	max     int
	ctx     context.Context
	err     error
	steps   uint64
}

// MinimalCutSets computes the minimal solutions of the diagram's function
// (the minimal sets of variables whose truth makes it true) by Rauzy's
// decomposition: for a node f = ite(v, f1, f0) of a monotone function,
// f0 ≤ f1 and
//
//	MCS(f) = MCS(f0) ∪ { {v} ∪ s : s ∈ MCS(f1), s contains no set of MCS(f0) }.
//
// The "contains no set of" filter is the classic non-superset operation on
// the zero-suppressed result. opts.MaxNodes bounds the result's node count
// (0 means [DefaultMaxNodes]); a stop returns a [*BuildError] with Op
// "cutsets".
func (d *Diagram) MinimalCutSets(ctx context.Context, opts Options) (*CutSets, error) {
	maxNodes := opts.MaxNodes
	if maxNodes == 0 {
		maxNodes = DefaultMaxNodes
	}
	z := &zdd{
		levelOf: d.levelOf,
		nvars:   int32(len(d.levelOf)),
		level:   []int32{int32(len(d.levelOf)), int32(len(d.levelOf))},
		lo:      []uint32{0, 1},
		hi:      []uint32{0, 1},
		max:     max(maxNodes, 2),
		ctx:     ctx,
	}
	z.unique = make([]uint32, tableSize(len(d.varOf)))
	z.cache = make([]cacheEntry, cacheSize(len(d.varOf)))
	if ctx != nil {
		if err := ctx.Err(); err != nil {
			return nil, &BuildError{Err: err, Op: "cutsets", Nodes: 2, Budget: z.max}
		}
	}
	memo := make([]uint32, len(d.varOf))
	var root uint32
	for i := range memo {
		switch {
		case i < 2:
			memo[i] = uint32(i)
		default:
			// Nodes come children first, so the memo is filled bottom-up
			// without recursion over the BDD.
			m0, m1 := memo[d.lo[i]], memo[d.hi[i]]
			l := d.levelOf[d.varOf[i]]
			r := z.nonsup(m1, m0)
			if r != nilNode {
				r = z.mk(l, m0, r)
			}
			if r == nilNode {
				return nil, &BuildError{Err: z.err, Op: "cutsets", Nodes: len(z.level), Budget: z.max, Done: i, Total: len(memo)}
			}
			memo[i] = r
		}
		root = memo[i]
	}
	return z.freeze(root), nil
}

func (z *zdd) mk(level int32, lo, hi uint32) uint32 {
	if hi == 0 {
		return lo
	}
	mask := uint32(len(z.unique) - 1)
	i := hash3(uint32(level), lo, hi) & mask
	for {
		x := z.unique[i]
		if x == 0 {
			break
		}
		if z.level[x] == level && z.lo[x] == lo && z.hi[x] == hi {
			return x
		}
		i = (i + 1) & mask
	}
	if len(z.level) >= z.max {
		z.fail(ErrBudget)
		return nilNode
	}
	x := uint32(len(z.level))
	z.level = append(z.level, level)
	z.lo = append(z.lo, lo)
	z.hi = append(z.hi, hi)
	z.unique[i] = x
	if 2*len(z.level) > len(z.unique) {
		t := make([]uint32, 2*len(z.unique))
		mask := uint32(len(t) - 1)
		for y := 2; y < len(z.level); y++ {
			j := hash3(uint32(z.level[y]), z.lo[y], z.hi[y]) & mask
			for t[j] != 0 {
				j = (j + 1) & mask
			}
			t[j] = uint32(y)
		}
		z.unique = t
	}
	if len(z.level) > 2*len(z.cache) && len(z.cache) < maxCache {
		z.cache = make([]cacheEntry, 2*len(z.cache))
	}
	return x
}

func (z *zdd) fail(err error) {
	if z.err == nil {
		z.err = err
	}
}

// nonsup returns the sets of F that contain no set of G.
func (z *zdd) nonsup(f, g uint32) uint32 {
	switch {
	case g == 0:
		return f
	case f == 0 || f == g || g == 1:
		// g == 1 holds the empty set, a subset of everything.
		return 0
	}
	e := &z.cache[hash2(f, g)&uint32(len(z.cache)-1)]
	if e.a == f && e.b == g {
		return e.r
	}
	if z.err != nil {
		return nilNode
	}
	z.steps++
	if z.steps%ctxCheckEvery == 0 && z.ctx != nil {
		if err := z.ctx.Err(); err != nil {
			z.fail(err)
			return nilNode
		}
	}
	lf, lg := z.level[f], z.level[g]
	var r uint32
	switch {
	case lf > lg:
		// Sets of G holding g's variable cannot fit in any set of F.
		r = z.nonsup(f, z.lo[g])
	case lf < lg:
		lo := z.nonsup(z.lo[f], g)
		if lo == nilNode {
			return nilNode
		}
		hi := z.nonsup(z.hi[f], g)
		if hi == nilNode {
			return nilNode
		}
		r = z.mk(lf, lo, hi)
	default:
		lo := z.nonsup(z.lo[f], z.lo[g])
		if lo == nilNode {
			return nilNode
		}
		// {v} ∪ s contains a set of G iff s contains one of G1 (sets with
		// v) or one of G0 (sets without).
		hi := z.nonsup(z.hi[f], z.hi[g])
		if hi == nilNode {
			return nilNode
		}
		hi = z.nonsup(hi, z.lo[g])
		if hi == nilNode {
			return nilNode
		}
		r = z.mk(lf, lo, hi)
	}
	if r != nilNode {
		// Re-derive the slot: mk may have replaced the cache.
		z.cache[hash2(f, g)&uint32(len(z.cache)-1)] = cacheEntry{a: f, b: g, r: r}
	}
	return r
}

// freeze keeps the nodes reachable from root, children first.
func (z *zdd) freeze(root uint32) *CutSets {
	c := &CutSets{levelOf: z.levelOf}
	varAt := make([]int32, len(z.levelOf))
	for v, l := range z.levelOf {
		varAt[l] = int32(v)
	}
	newID := make([]uint32, len(z.level))
	newID[0], newID[1] = 1, 2
	c.varOf = []int32{-1, -1}
	c.lo = []uint32{0, 1}
	c.hi = []uint32{0, 1}
	stack := []uint32{root}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		if newID[x] != 0 {
			stack = stack[:len(stack)-1]
			continue
		}
		if newID[z.lo[x]] == 0 {
			stack = append(stack, z.lo[x])
			continue
		}
		if newID[z.hi[x]] == 0 {
			stack = append(stack, z.hi[x])
			continue
		}
		stack = stack[:len(stack)-1]
		c.varOf = append(c.varOf, varAt[z.level[x]])
		c.lo = append(c.lo, newID[z.lo[x]]-1)
		c.hi = append(c.hi, newID[z.hi[x]]-1)
		newID[x] = uint32(len(c.varOf))
	}
	c.root = newID[root] - 1
	return c
}

// Size returns the number of nodes of the zero-suppressed diagram,
// terminals included.
func (c *CutSets) Size() int { return len(c.varOf) }

// Count returns the number of minimal cut sets, exactly.
func (c *CutSets) Count() *big.Int {
	count := make([]*big.Int, c.root+1)
	count[0] = new(big.Int)
	if c.root >= 1 {
		count[1] = big.NewInt(1)
	}
	for i := 2; i <= int(c.root); i++ {
		count[i] = new(big.Int).Add(count[c.lo[i]], count[c.hi[i]])
	}
	return count[c.root]
}

// CutSet is one minimal cut set.
type CutSet struct {
	// Vars are the set's variables, ascending.
	Vars []int
	// Probability is the product of the variables' probabilities: the
	// probability that all of them are true (it may underflow to 0).
	Probability float64
}

// Top returns up to limit minimal cut sets in decreasing order of
// probability (the product of q over their variables), ties in an
// unspecified but deterministic order; limit ≤ 0 returns them all, which
// can be astronomically many: check [CutSets.Count] first.
//
// It is a best-first search over the diagram guided by the exact best
// product reachable from each node (computed in log space, so products of
// hundreds of small probabilities still order correctly), so each set costs
// O(depth · log) however many sets there are.
func (c *CutSets) Top(q []float64, limit int) ([]CutSet, error) {
	if len(q) != len(c.levelOf) {
		return nil, &ProbabilityError{Var: -1, Value: float64(len(q))}
	}
	for v, x := range q {
		if !(x >= 0 && x <= 1) {
			return nil, &ProbabilityError{Var: v, Value: x}
		}
	}
	logq := make([]float64, len(q))
	for v, x := range q {
		logq[v] = math.Log(x)
	}
	n := int(c.root) + 1
	best := make([]float64, n) // log of the best product below each node
	best[0] = math.Inf(-1)
	for i := 1; i < n; i++ {
		if i == 1 {
			best[1] = 0
			continue
		}
		best[i] = max(best[c.lo[i]], logq[c.varOf[i]]+best[c.hi[i]])
	}
	var out []CutSet
	if c.root == 0 {
		return out, nil
	}
	type step struct {
		v      int32
		parent int32
	}
	var path []step // arena of partial sets as parent-linked lists
	h := &searchHeap{}
	heap.Push(h, searchItem{node: c.root, logAcc: 0, priority: best[c.root], path: -1})
	for h.Len() > 0 && (limit <= 0 || len(out) < limit) {
		it := heap.Pop(h).(searchItem)
		if it.node == 1 {
			var vars []int
			p := 1.0
			for s := it.path; s >= 0; s = path[s].parent {
				vars = append(vars, int(path[s].v))
				p *= q[path[s].v]
			}
			slices.Sort(vars)
			out = append(out, CutSet{Vars: vars, Probability: p})
			continue
		}
		v := c.varOf[it.node]
		hi, lo := c.hi[it.node], c.lo[it.node]
		path = append(path, step{v: v, parent: it.path})
		acc := it.logAcc + logq[v]
		h.seq++
		heap.Push(h, searchItem{node: hi, logAcc: acc, priority: acc + best[hi], path: int32(len(path) - 1), seq: h.seq})
		if lo != 0 {
			h.seq++
			heap.Push(h, searchItem{node: lo, logAcc: it.logAcc, priority: it.logAcc + best[lo], path: it.path, seq: h.seq})
		}
	}
	return out, nil
}

type searchItem struct {
	node     uint32
	path     int32
	logAcc   float64
	priority float64
	seq      int
}

type searchHeap struct {
	items []searchItem
	seq   int
}

func (h *searchHeap) Len() int { return len(h.items) }
func (h *searchHeap) Less(i, j int) bool {
	a, b := h.items[i], h.items[j]
	if a.priority != b.priority {
		return a.priority > b.priority
	}
	return a.seq < b.seq
}
func (h *searchHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *searchHeap) Push(x any)    { h.items = append(h.items, x.(searchItem)) }
func (h *searchHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}
