package bdd

import (
	"cmp"
	"context"
	"errors"
	"slices"
)

// sifter is a BDD manager whose variable order changes while it builds, by
// Rudell's sifting: each variable in turn is moved through every level by
// swaps of adjacent levels and left where the diagram was smallest. It is
// the fallback of [ModularProbability] for a module that exceeds the
// budgets with every static order.
//
// A swap rewrites only the nodes of the two levels, in place, so every node
// keeps denoting the same function and the nodes above never change. That
// needs what [Manager] avoids for speed: a unique subtable per variable
// (a level's nodes are found without a scan of the whole table), reference
// counts (a node the swap no longer needs is freed at once), and no
// topological meaning in node indices (a relabelled node can now sit above
// nodes created after it). The diagram is copied into a [Diagram], whose
// nodes are in topological order, at the end.
//
// Nodes are reference-counted: a node's count is the number of nodes that
// point to it plus the external references (gate results still needed, the
// operands of the operation in progress). A node whose count falls to zero
// stays in its subtable, dead but reusable, until the next collection.
type sifter struct {
	nodes   []snode
	free    uint32     // head of the free list, linked by next; 0 = none
	levelOf []int32    // variable → level; levelOf[n] = n for the terminals
	varAt   []int32    // level → variable
	subs    []subtable // per variable
	proj    []uint32   // variable → its own node, 0 until made
	live    int        // nodes in the subtables, dead ones included
	cache   []cacheEntry
	// cacheMark is the step count at the cache's last resize.
	cacheMark uint64

	maxNodes int
	maxSteps uint64
	// reorderAt is the node count at which the next operation stops to
	// sift; atMax records that the last sifting left the diagram above
	// half the budget, so that reaching the budget again is final.
	reorderAt int
	atMax     bool
	// firstAt is the least trigger: siftFirst, smaller in tests.
	firstAt int
	// maxGrowth bounds how far a variable is moved in one direction: the
	// move stops when the diagram exceeds maxGrowth times the best size
	// seen for that variable.
	maxGrowth float64
	reorders  int // sifting passes done
	peak      int // the most nodes held at once
	// opsDone counts the operations finished since the last sifting: an
	// operation that reaches the trigger again before any finished needs
	// more room, not another sifting at the same size.
	opsDone int
	swaps   int
	moved   []uint32 // scratch for swap
	dead    []uint32 // scratch for swap

	ctx   context.Context
	err   error
	steps uint64
}

// snode is a node of a sifter: v is its variable (numVars for the
// terminals, freeVar when on the free list), next links its subtable chain.
type snode struct {
	v      int32
	ref    int32
	lo, hi uint32
	next   uint32
}

// subtable is the unique table of one variable: chained buckets.
type subtable struct {
	heads []uint32
	n     int
}

const freeVar = -1

// errReorder aborts an operation so that the sifter can reorder; the
// operation is then run again.
var errReorder = errors.New("bdd: reorder")

// siftMaxVars and siftMaxSwaps bound one sifting pass, as in CUDD: the
// variables with the most nodes are sifted first, so the pass spends its
// swaps where the diagram is.
const (
	siftMaxVars  = 1000
	siftMaxSwaps = 1 << 20
)

// siftFirst is the node count that triggers the first sifting; each
// sifting sets the next trigger at twice the nodes it leaves.
const siftFirst = 1 << 12

func newSifter(order Order, opts Options) *sifter {
	n := len(order)
	s := &sifter{
		levelOf:   make([]int32, n+1),
		varAt:     make([]int32, n),
		subs:      make([]subtable, n),
		proj:      make([]uint32, n),
		maxNodes:  opts.MaxNodes,
		maxSteps:  uint64(opts.MaxSteps),
		reorderAt: siftFirst,
		firstAt:   siftFirst,
		maxGrowth: 1.2,
	}
	if s.maxNodes <= 0 {
		s.maxNodes = DefaultMaxNodes
	}
	if s.maxSteps == 0 {
		s.maxSteps = DefaultMaxSteps
	}
	s.reorderAt = min(s.reorderAt, s.maxNodes)
	for l, v := range order {
		s.levelOf[v] = int32(l)
		s.varAt[l] = int32(v)
	}
	s.levelOf[n] = int32(n)
	for v := range s.subs {
		s.subs[v].heads = make([]uint32, 4)
	}
	s.nodes = make([]snode, 2, 1024)
	s.nodes[0] = snode{v: int32(n)}
	s.nodes[1] = snode{v: int32(n)}
	s.cache = make([]cacheEntry, 1<<12)
	return s
}

func (s *sifter) level(x uint32) int32 { return s.levelOf[s.nodes[x].v] }

func (s *sifter) ref(x uint32) { s.nodes[x].ref++ }

// deref drops a reference; the node stays until the next collection.
func (s *sifter) deref(x uint32) { s.nodes[x].ref-- }

func (s *sifter) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

// tick counts a step; it reports whether the operation must stop.
func (s *sifter) tick() bool {
	if s.err != nil {
		return true
	}
	s.steps++
	if s.steps%ctxCheckEvery == 0 {
		// As in Manager: a cache too small for the work recomputes the
		// same sub-problems; it doubles when the steps since its last
		// resize outnumber its entries cacheStepRatio to one.
		if s.steps-s.cacheMark > cacheStepRatio*uint64(len(s.cache)) && len(s.cache) < maxCache {
			s.cache = make([]cacheEntry, 2*len(s.cache))
			s.cacheMark = s.steps
		}
		if s.steps >= s.maxSteps {
			s.fail(ErrStepBudget)
			return true
		}
		if s.ctx != nil {
			if err := s.ctx.Err(); err != nil {
				s.fail(err)
				return true
			}
		}
	}
	return false
}

// find returns the node (v, lo, hi) of v's subtable, or 0.
func (s *sifter) find(v int32, lo, hi uint32) uint32 {
	t := &s.subs[v]
	for x := t.heads[hash2(lo, hi)&uint32(len(t.heads)-1)]; x != 0; x = s.nodes[x].next {
		if s.nodes[x].lo == lo && s.nodes[x].hi == hi {
			return x
		}
	}
	return 0
}

// insert puts node x into its variable's subtable.
func (s *sifter) insert(x uint32) {
	nd := &s.nodes[x]
	t := &s.subs[nd.v]
	b := hash2(nd.lo, nd.hi) & uint32(len(t.heads)-1)
	nd.next = t.heads[b]
	t.heads[b] = x
	t.n++
	if t.n > 2*len(t.heads) {
		s.resize(nd.v, 4*len(t.heads))
	}
}

// resize rehashes v's subtable into size buckets (a power of two).
func (s *sifter) resize(v int32, size int) {
	t := &s.subs[v]
	old := t.heads
	t.heads = make([]uint32, size)
	mask := uint32(size - 1)
	for _, x := range old {
		for x != 0 {
			next := s.nodes[x].next
			b := hash2(s.nodes[x].lo, s.nodes[x].hi) & mask
			s.nodes[x].next = t.heads[b]
			t.heads[b] = x
			x = next
		}
	}
}

// alloc returns a fresh node (v, lo, hi) with no references, inserted in
// its subtable; its children gain a reference.
func (s *sifter) alloc(v int32, lo, hi uint32) uint32 {
	var x uint32
	if s.free != 0 {
		x = s.free
		s.free = s.nodes[x].next
	} else {
		x = uint32(len(s.nodes))
		s.nodes = append(s.nodes, snode{})
	}
	s.nodes[x] = snode{v: v, lo: lo, hi: hi}
	s.nodes[lo].ref++
	s.nodes[hi].ref++
	s.insert(x)
	s.live++
	s.peak = max(s.peak, s.live)
	return x
}

// mk returns the node (v, lo, hi), reduced and hash-consed; nilNode when
// the operation must stop (budget, or time to reorder).
func (s *sifter) mk(v int32, lo, hi uint32) uint32 {
	if lo == hi {
		return lo
	}
	if x := s.find(v, lo, hi); x != 0 {
		return x
	}
	if s.live >= s.reorderAt {
		if s.live >= s.maxNodes && s.atMax {
			s.fail(ErrBudget)
		} else {
			s.fail(errReorder)
		}
		return nilNode
	}
	return s.alloc(v, lo, hi)
}

// apply returns a ∧ b (and true) or a ∨ b, sifting and starting again
// whenever the diagram reaches the reordering trigger. a and b must be
// referenced by the caller, so that a collection keeps them.
func (s *sifter) apply(and bool, a, b uint32) uint32 {
	for {
		r := s.rec(and, a, b)
		if r != nilNode {
			s.opsDone++
			return r
		}
		if s.err != errReorder {
			return nilNode
		}
		s.err = nil
		s.reorder()
		if s.err != nil {
			return nilNode
		}
	}
}

func (s *sifter) rec(and bool, a, b uint32) uint32 {
	if and {
		switch {
		case a == 0 || b == 0:
			return 0
		case a == 1 || a == b:
			return b
		case b == 1:
			return a
		}
	} else {
		switch {
		case a == 1 || b == 1:
			return 1
		case a == 0 || a == b:
			return b
		case b == 0:
			return a
		}
	}
	if a > b {
		a, b = b, a
	}
	op := opOr
	if and {
		op = opAnd
	}
	e := &s.cache[hash2(a|op, b)&uint32(len(s.cache)-1)]
	if e.a == a|op && e.b == b {
		return e.r
	}
	if s.tick() {
		return nilNode
	}
	la, lb := s.level(a), s.level(b)
	l := min(la, lb)
	a0, a1, b0, b1 := a, a, b, b
	if la == l {
		a0, a1 = s.nodes[a].lo, s.nodes[a].hi
	}
	if lb == l {
		b0, b1 = s.nodes[b].lo, s.nodes[b].hi
	}
	lo := s.rec(and, a0, b0)
	if lo == nilNode {
		return nilNode
	}
	// lo has no reference yet: nothing is collected inside an operation.
	hi := s.rec(and, a1, b1)
	if hi == nilNode {
		return nilNode
	}
	r := s.mk(s.varAt[l], lo, hi)
	if r != nilNode {
		e = &s.cache[hash2(a|op, b)&uint32(len(s.cache)-1)]
		*e = cacheEntry{a: a | op, b: b, r: r}
	}
	return r
}

// collect frees every dead node, top level first so that a node freed
// makes its children dead in time for their own level, and clears the
// operation cache (it may name freed nodes).
func (s *sifter) collect() {
	for l := range s.varAt {
		v := s.varAt[l]
		t := &s.subs[v]
		for b := range t.heads {
			prev := uint32(0)
			for x := t.heads[b]; x != 0; {
				nd := &s.nodes[x]
				next := nd.next
				if nd.ref == 0 {
					if prev == 0 {
						t.heads[b] = next
					} else {
						s.nodes[prev].next = next
					}
					s.nodes[nd.lo].ref--
					s.nodes[nd.hi].ref--
					s.release(x)
					t.n--
				} else {
					prev = x
				}
				x = next
			}
		}
		s.shrink(v)
	}
	clear(s.cache)
}

// release puts x, already out of its subtable, on the free list.
func (s *sifter) release(x uint32) {
	s.nodes[x] = snode{v: freeVar, next: s.free}
	s.free = x
	s.live--
}

func ceilPow2(n int) int {
	p := 1
	for p < n {
		p <<= 1
	}
	return p
}

// growCache keeps the operation cache at about the live nodes, or larger
// when the work has made it so, and clears it.
func (s *sifter) growCache() {
	s.cacheMark = s.steps
	want := min(max(1<<12, ceilPow2(s.live)), maxCache)
	if want > len(s.cache) {
		s.cache = make([]cacheEntry, want)
	} else {
		clear(s.cache)
	}
}

// reorder collects the garbage and sifts every variable. The next
// reordering comes when the diagram has doubled.
func (s *sifter) reorder() {
	s.collect()
	if s.maxGrowth > 0 {
		s.sift()
	}
	s.reorders++
	s.atMax = 2*s.live > s.maxNodes
	next := max(2*s.live, s.firstAt)
	if s.opsDone == 0 {
		next = max(next, 2*s.reorderAt)
	}
	s.opsDone = 0
	s.reorderAt = min(next, s.maxNodes)
	if s.atMax {
		s.reorderAt = s.maxNodes
	}
	s.growCache()
}

// sift moves each variable, the ones with the most nodes first, to the
// level where the diagram is smallest.
func (s *sifter) sift() {
	vars := make([]int32, 0, len(s.varAt))
	for v := range s.subs {
		// A variable with one node, its own, tests nothing else: moving
		// it changes little, and most variables are like that early on.
		if s.subs[v].n > 1 {
			vars = append(vars, int32(v))
		}
	}
	slices.SortStableFunc(vars, func(a, b int32) int { return s.subs[b].n - s.subs[a].n })
	start := s.swaps
	for i, v := range vars {
		if i >= siftMaxVars || s.swaps-start >= siftMaxSwaps || s.err != nil {
			return
		}
		s.siftVar(v)
	}
}

// siftVar moves v to the closer end first, then to the other, then back to
// the best level seen. Each direction stops early once the diagram exceeds
// maxGrowth times the best size.
func (s *sifter) siftVar(v int32) {
	n := int32(len(s.varAt))
	best, bestLevel := s.live, s.levelOf[v]
	limit := func() int { return int(float64(best) * s.maxGrowth) }
	down := func() {
		for l := s.levelOf[v]; l < n-1 && s.live <= limit() && s.fits(l) && s.err == nil; l++ {
			s.swap(l)
			if s.live < best {
				best, bestLevel = s.live, l+1
			}
		}
	}
	up := func() {
		for l := s.levelOf[v]; l > 0 && s.live <= limit() && s.fits(l-1) && s.err == nil; l-- {
			s.swap(l - 1)
			if s.live < best {
				best, bestLevel = s.live, l-1
			}
		}
	}
	if s.levelOf[v] > n/2 {
		down()
		up()
	} else {
		up()
		down()
	}
	for l := s.levelOf[v]; l < bestLevel && s.err == nil; l++ {
		s.swap(l)
	}
	for l := s.levelOf[v]; l > bestLevel && s.err == nil; l-- {
		s.swap(l - 1)
	}
}

// fits reports whether swapping levels l and l+1 stays within a fifth over
// the node budget whatever it creates: each node of the upper level that
// moves makes at most two new ones. Moving back to a level already seen
// needs no check: the diagram of an order is unique, so it is as large as
// when it was seen.
func (s *sifter) fits(l int32) bool {
	return s.live+2*s.subs[s.varAt[l]].n <= s.maxNodes+s.maxNodes/5
}

// swap exchanges the variables at levels l and l+1. A node of the upper
// variable x with a child at y, f = x ? (y ? f11 : f10) : (y ? f01 : f00),
// becomes the y node y ? (x ? f11 : f01) : (x ? f10 : f00) in place; the
// other x nodes do not depend on y and stay as they are. The y nodes only
// those x nodes pointed to are freed.
func (s *sifter) swap(l int32) {
	x, y := s.varAt[l], s.varAt[l+1]
	s.swaps++
	if s.swaps%1024 == 0 && s.ctx != nil {
		if err := s.ctx.Err(); err != nil {
			s.fail(err)
		}
	}
	if s.unused(y) {
		// No node points to a y node, so no x node depends on y: the
		// swap only exchanges the levels. Most variables are like this
		// while their gates are not built yet, and a variable sifted
		// down passes them all.
		s.levelOf[x], s.levelOf[y] = l+1, l
		s.varAt[l], s.varAt[l+1] = y, x
		s.steps++
		return
	}
	tx := &s.subs[x]
	s.steps += uint64(tx.n) + 1
	if s.steps >= s.maxSteps {
		s.fail(ErrStepBudget)
	}
	moved := s.moved[:0]
	for b := range tx.heads {
		prev := uint32(0)
		for f := tx.heads[b]; f != 0; {
			nd := &s.nodes[f]
			next := nd.next
			if s.nodes[nd.lo].v == y || s.nodes[nd.hi].v == y {
				if prev == 0 {
					tx.heads[b] = next
				} else {
					s.nodes[prev].next = next
				}
				tx.n--
				moved = append(moved, f)
			} else {
				prev = f
			}
			f = next
		}
	}
	s.levelOf[x], s.levelOf[y] = l+1, l
	s.varAt[l], s.varAt[l+1] = y, x
	dead := s.dead[:0]
	for _, f := range moved {
		f0, f1 := s.nodes[f].lo, s.nodes[f].hi
		f00, f01, f10, f11 := f0, f0, f1, f1
		if s.nodes[f0].v == y {
			f00, f01 = s.nodes[f0].lo, s.nodes[f0].hi
		}
		if s.nodes[f1].v == y {
			f10, f11 = s.nodes[f1].lo, s.nodes[f1].hi
		}
		hi := s.mkSwap(x, f01, f11)
		lo := s.mkSwap(x, f00, f10)
		for _, c := range [2]uint32{f0, f1} {
			s.nodes[c].ref--
			if s.nodes[c].ref == 0 && s.nodes[c].v == y {
				dead = append(dead, c)
			}
		}
		nd := &s.nodes[f]
		nd.v, nd.lo, nd.hi = y, lo, hi
		s.insert(f)
	}
	// The y nodes left without a reference were reached only through the
	// moved x nodes; their children are now reached through the new x
	// nodes, so freeing them frees nothing below. (A child whose count
	// does fall to zero stays, dead, for the next collection.)
	for _, g := range dead {
		s.unlink(g)
		s.nodes[s.nodes[g].lo].ref--
		s.nodes[s.nodes[g].hi].ref--
		s.release(g)
	}
	s.moved, s.dead = moved, dead
	s.shrink(x)
	s.shrink(y)
}

// shrink keeps v's subtable within eight buckets per node: a swap scans
// every bucket of the upper level, and a level can lose most of its nodes
// in one swap.
func (s *sifter) shrink(v int32) {
	if t := &s.subs[v]; len(t.heads) > 4 && 8*t.n < len(t.heads) {
		s.resize(v, max(4, ceilPow2(t.n)))
	}
}

// unlink removes node x from its subtable.
func (s *sifter) unlink(x uint32) {
	nd := &s.nodes[x]
	t := &s.subs[nd.v]
	b := hash2(nd.lo, nd.hi) & uint32(len(t.heads)-1)
	if t.heads[b] == x {
		t.heads[b] = nd.next
	} else {
		p := t.heads[b]
		for s.nodes[p].next != x {
			p = s.nodes[p].next
		}
		s.nodes[p].next = nd.next
	}
	t.n--
}

// mkSwap is mk for swap: it never stops, and the node it returns carries
// the new reference.
func (s *sifter) mkSwap(v int32, lo, hi uint32) uint32 {
	if lo == hi {
		s.nodes[lo].ref++
		return lo
	}
	r := s.find(v, lo, hi)
	if r == 0 {
		r = s.alloc(v, lo, hi)
	}
	s.nodes[r].ref++
	return r
}

// freeze copies the diagram rooted at f into a [Diagram] in the current
// order, children before parents.
func (s *sifter) freeze(f uint32) *Diagram {
	return copyDiagram(s.levelOf[:len(s.varAt)], s.varAt, f, len(s.nodes), func(x uint32) (int32, uint32, uint32) {
		nd := &s.nodes[x]
		return nd.v, nd.lo, nd.hi
	})
}

// siftOptions are the budgets of a sifting retry: the caller's node
// budget and an eighth of its step budget.
func siftOptions(opts Options) Options {
	return Options{MaxNodes: opts.MaxNodes, MaxSteps: max(1, cmp.Or(opts.MaxSteps, DefaultMaxSteps)/8)}
}

// siftCompile builds st with dynamic reordering from the initial order and
// returns its diagram and the steps taken (recursive steps plus the nodes
// the swaps visited).
func siftCompile(ctx context.Context, st *Structure, order Order, opts Options) (*Diagram, uint64, error) {
	s := newSifter(order, opts)
	s.ctx = ctx
	r, done, total := s.build(st)
	if r == nilNode {
		err := s.err
		if err == nil {
			err = ErrBudget
		}
		return nil, s.steps, &BuildError{Err: err, Op: "sift", Nodes: s.live + 2, Budget: s.maxNodes, Steps: s.steps, Done: done, Total: total}
	}
	return s.freeze(r), s.steps, nil
}

// build builds every gate of st bottom-up; it returns the top's node, or
// nilNode and how many gates were done.
func (s *sifter) build(st *Structure) (uint32, int, int) {
	if !st.Top.Gate {
		return s.variable(st.Top.Index), 0, 0
	}
	gates := st.postorder()
	pending := st.uses(gates)
	vars := make([]uint32, st.NumVars)
	for v := range vars {
		vars[v] = s.variable(v)
	}
	result := make([]uint32, len(st.Gates))
	var ops []uint32
	for done, g := range gates {
		gate := &st.Gates[g]
		ops = ops[:0]
		for _, r := range gate.Inputs {
			if r.Gate {
				ops = append(ops, result[r.Index])
			} else {
				ops = append(ops, vars[r.Index])
			}
		}
		var r uint32
		switch gate.Kind {
		case KindAnd:
			r = s.fold(true, ops)
		case KindOr:
			r = s.fold(false, ops)
		case KindAtLeast:
			r = s.atLeast(gate.K, ops)
		}
		if r == nilNode {
			return nilNode, done, len(gates)
		}
		result[g] = r // referenced by fold or atLeast
		for _, in := range gate.Inputs {
			if in.Gate {
				pending[in.Index]--
				if pending[in.Index] == 0 {
					s.deref(result[in.Index])
				}
			}
		}
		if s.ctx != nil && done%64 == 63 {
			if err := s.ctx.Err(); err != nil {
				s.fail(err)
				return nilNode, done + 1, len(gates)
			}
		}
	}
	return result[st.Top.Index], len(gates), len(gates)
}

// variable returns the node of variable v, made on first use with one
// reference that it keeps for the sifter's life. It never stops: the
// variables' nodes are not counted against the trigger.
func (s *sifter) variable(v int) uint32 {
	if s.proj[v] == 0 {
		s.proj[v] = s.alloc(int32(v), 0, 1)
		s.ref(s.proj[v])
	}
	return s.proj[v]
}

// unused reports whether no node points to a node of v: v has no nodes,
// or only its own with no reference but the sifter's.
func (s *sifter) unused(v int32) bool {
	switch t := &s.subs[v]; t.n {
	case 0:
		return true
	case 1:
		return s.proj[v] != 0 && s.nodes[s.proj[v]].ref == 1
	}
	return false
}

// fold returns the conjunction (and) or disjunction of ops, with one
// reference; the deepest operands are merged first, as [Manager.naryRec]
// does.
func (s *sifter) fold(and bool, ops []uint32) uint32 {
	work := slices.Clone(ops)
	slices.SortStableFunc(work, func(a, b uint32) int { return int(s.level(b)) - int(s.level(a)) })
	acc := work[0]
	s.ref(acc)
	for _, x := range work[1:] {
		r := s.apply(and, acc, x)
		if r == nilNode {
			return nilNode
		}
		s.ref(r)
		s.deref(acc)
		acc = r
	}
	return acc
}

// atLeast returns "at least k of ops" with one reference, by the row
// recurrence T(i, j) = T(i+1, j) ∨ (op i ∧ T(i+1, j−1)): for monotone
// functions T(i+1, j−1) ≥ T(i+1, j), so this is the if-then-else.
func (s *sifter) atLeast(k int, ops []uint32) uint32 {
	n := len(ops)
	switch {
	case k <= 1:
		return s.fold(false, ops)
	case k >= n:
		return s.fold(true, ops)
	}
	work := slices.Clone(ops)
	slices.SortStableFunc(work, func(a, b uint32) int { return int(s.level(a)) - int(s.level(b)) })
	row := make([]uint32, k+1)
	row[0] = 1
	for i := n - 1; i >= 0; i-- {
		for j := k; j >= max(1, k-i); j-- {
			t := s.apply(true, work[i], row[j-1])
			if t == nilNode {
				return nilNode
			}
			s.ref(t)
			r := s.apply(false, row[j], t)
			s.deref(t)
			if r == nilNode {
				return nilNode
			}
			s.ref(r)
			s.deref(row[j])
			row[j] = r
		}
	}
	r := row[k]
	s.ref(r)
	for _, x := range row {
		s.deref(x)
	}
	return r
}
