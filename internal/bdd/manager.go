package bdd

import (
	"context"
	"fmt"
	"math/bits"
)

// Node is a reference to a function built by a [Manager]: an index into the
// manager's node table. [False] and [True] are the two terminals. A Node is
// only meaningful together with the Manager that made it.
type Node uint32

// The two terminal nodes, shared by every [Manager].
const (
	False Node = 0
	True  Node = 1
)

// nilNode marks an aborted operation inside the recursions; it is never
// returned to callers.
const nilNode = ^uint32(0)

// DefaultMaxNodes is the node budget of a [Manager] whose [Options.MaxNodes]
// is zero: about 4.2 million nodes, roughly 200 MB with the tables.
const DefaultMaxNodes = 1 << 22

// DefaultMaxSteps is the step budget of a [Manager] whose
// [Options.MaxSteps] is zero: about 134 million recursive steps, ten times
// the most any order needs on any Aralia fault tree, and some seconds of
// work. The node budget alone does not bound the time: an operation can
// recompute the same results for minutes in a table far below it.
const DefaultMaxSteps = 1 << 27

// ctxCheckEvery is how many recursive steps pass between two looks at the
// context: often enough to stop within milliseconds, rare enough to cost
// nothing measurable.
const ctxCheckEvery = 1 << 12

// Options configures a [Manager]. The zero value is usable.
type Options struct {
	// MaxNodes bounds the number of nodes the manager may hold at any
	// time, terminals and the one node per variable included; 0 means
	// [DefaultMaxNodes]. It also bounds the memory: about 50 bytes per
	// node with the unique and operation tables. Only [Build] frees nodes
	// (between gates); the other operations keep every node they create.
	MaxNodes int
	// MaxSteps bounds the recursive steps (operation-cache misses) of one
	// operation or [Build], and so its time, whatever the context; 0
	// means [DefaultMaxSteps]. A construction that exceeds it stops with
	// [ErrStepBudget], which errors.Is also reports as [ErrBudget].
	MaxSteps int
	// Condition lets [ModularProbability] evaluate a module whose diagram
	// exceeds the budgets exactly, by Shannon expansion on pivot
	// variables with each cofactor's modules compiled apart, instead of
	// stopping with bounds at once. The whole expansion takes at most
	// MaxSteps steps (each attempt is bounded by MaxNodes), so a
	// structure it cannot do still stops, later, with bounds.
	Condition bool
	// Sift lets [ModularProbability] retry a module whose diagram exceeds
	// the budgets with dynamic variable reordering (Rudell's sifting),
	// before conditioning: the diagram is rebuilt from the first
	// heuristic's order, and whenever it doubles every variable is moved
	// to the level where the diagram is smallest. The retry has MaxNodes
	// (exceeded by at most a fifth while sifting: a swap that could go
	// beyond is not made) and an eighth of MaxSteps, each swap counting
	// the nodes it visits.
	Sift bool
}

// Manager builds reduced ordered BDDs over the variables 0..n−1 in a fixed
// [Order]. Nodes live in flat slices and are hash-consed in a unique table,
// so two equal functions are the same [Node]. Every function a Manager can
// build (from variables with [Manager.And], [Manager.Or] and
// [Manager.AtLeast]) is monotone, which the analyses of a [Diagram] rely on.
//
// A Manager is not safe for concurrent use; the [Diagram] it freezes is.
type Manager struct {
	levelOf []int32 // variable → level
	varAt   []int32 // level → variable

	// The node table: node i tests the variable at nodes[i].level;
	// terminals have level numVars so that min(level) picks the top
	// variable.
	nodes []node

	unique []slot       // open addressing; id 0 marks an empty slot
	cache  []cacheEntry // And and Or results
	ites   []iteEntry   // ITE results

	maxNodes int
	maxSteps uint64
	// cacheCap bounds the operation cache; cacheMark is the step count
	// at its last resize (see grow).
	cacheCap  int
	cacheMark uint64
	scratch   []uint32 // reused by collect
	gcMin     int      // gcMinNodes; smaller in tests to exercise collect
	// overtaken, if set, is asked now and then whether another attempt
	// of a race has finished in fewer steps (see race).
	overtaken func(steps uint64) bool
	// gateDone, if set, is told by Build the steps taken after each gate
	// and says whether the attempt has fallen behind (see lockstep).
	gateDone func(gate int, steps uint64) bool
	// approx, if set, makes Build cut every gate's diagram down from
	// below or above (see approxBounds).
	approx *approx

	// State of the operation in progress.
	ctx   context.Context
	err   error
	steps uint64 // since the manager was made
	begun uint64 // steps when the operation began
}

type node struct {
	level  int32
	lo, hi uint32
}

// slot is a unique-table entry: the node and 32 bits of its hash, so that
// a probe reads the node only when the hashes agree.
type slot struct {
	id, tag uint32
}

// cacheEntry caches a binary operation; the operation is the top bit of a
// (node indices stay below 2³¹), so an entry is 12 bytes.
type cacheEntry struct {
	a, b, r uint32
}

type iteEntry struct {
	f, g, h, r uint32
}

const (
	opAnd uint32 = 1 << 31
	opOr  uint32 = 0
	opITE uint32 = 2 // only tags progress; ITE has its own cache
)

// maxNodeIndex keeps node indices below 2³¹ for the operation tag bit.
const maxNodeIndex = 1<<31 - 2

// Order lists the variables of a [Manager] from the top level of the diagram
// to the bottom: Order[0] is tested first. It must be a permutation of
// 0..n−1. See [DepthFirstOrder] for a heuristic.
type Order []int

// Levels returns the inverse permutation: the level of each variable.
func (o Order) Levels() []int {
	lv := make([]int, len(o))
	for l, v := range o {
		lv[v] = l
	}
	return lv
}

// Validate reports whether o is a permutation of 0..len(o)−1.
func (o Order) Validate() error {
	seen := make([]bool, len(o))
	for l, v := range o {
		if v < 0 || v >= len(o) {
			return invalid(fmt.Sprintf("order[%d]", l), "variable %d out of range [0, %d)", v, len(o))
		}
		if seen[v] {
			return invalid(fmt.Sprintf("order[%d]", l), "variable %d appears twice", v)
		}
		seen[v] = true
	}
	return nil
}

// NaturalOrder returns the order 0, 1, …, n−1.
func NaturalOrder(n int) Order {
	o := make(Order, n)
	for i := range o {
		o[i] = i
	}
	return o
}

// NewManager returns a manager for len(order) variables tested in the given
// order. It fails if order is not a permutation or the budget cannot even
// hold the terminals and one node per variable.
func NewManager(order Order, opts Options) (*Manager, error) {
	if err := order.Validate(); err != nil {
		return nil, err
	}
	n := len(order)
	maxNodes := opts.MaxNodes
	if maxNodes == 0 {
		maxNodes = DefaultMaxNodes
	}
	if maxNodes < n+2 {
		return nil, invalid("Options.MaxNodes", "budget %d cannot hold the %d variables", maxNodes, n)
	}
	maxNodes = min(maxNodes, maxNodeIndex)
	maxSteps := uint64(DefaultMaxSteps)
	if opts.MaxSteps > 0 {
		maxSteps = uint64(opts.MaxSteps)
	}
	m := &Manager{
		levelOf:  make([]int32, n),
		varAt:    make([]int32, n),
		maxNodes: maxNodes,
		maxSteps: maxSteps,
		cacheCap: cacheSize(maxNodes),
		gcMin:    gcMinNodes,
	}
	for l, v := range order {
		m.levelOf[v] = int32(l)
		m.varAt[l] = int32(v)
	}
	// Small first: the public layer compiles many small structures, and
	// the tables double as needed.
	capacity := min(maxNodes, 1<<bits.Len(uint(max(64, 4*n)-1)))
	m.nodes = nodePool.get(2, capacity, false)
	m.nodes[0] = node{level: int32(n)}
	m.nodes[1] = node{level: int32(n), lo: 1, hi: 1}
	m.unique = slotPool.get(tableSize(capacity), tableSize(capacity), true)
	m.newCache(cacheSize(capacity))
	for v := range n {
		m.mk(m.levelOf[v], 0, 1)
	}
	return m, nil
}

// tableSize returns the unique-table size for a number of nodes: a power of
// two with a load factor of at most 3/4, where linear probing with a good
// hash still needs under two probes on average.
func tableSize(nodes int) int {
	s := 64
	for 3*s < 4*nodes {
		s <<= 1
	}
	return s
}

// maxCache caps the operation cache at 4M entries (48 MB): beyond that a
// lossy cache gains little and memory matters more.
const maxCache = 1 << 22

// cacheRatio is how many nodes the table may hold per entry of the
// operation cache before the cache doubles. A cache an eighth of the node
// table costs a few percent more steps than one as large as the table, but
// it stays in the processor caches far better and is cheaper to clear at
// every collection: on the Aralia trees the build is about a fifth faster.
//
// The node table alone is a poor measure of what the cache must hold,
// though: the distinct sub-problems of an apply can outnumber its result's
// nodes by orders of magnitude, and a cache too small for them makes the
// recursion recompute them again and again, exponentially in the worst
// case (issue 15: a tree of 200 events whose diagrams never pass 8,000
// nodes took minutes). So the cache also doubles whenever more than
// cacheStepRatio steps per entry (misses, each a recursive call) pass
// without a resize: then the operations have clearly outgrown it, and
// the doubling costs a small fraction of the steps that caused it.
const (
	cacheRatio     = 8
	cacheStepRatio = 4
)

// cacheSize returns the initial operation-cache size for a node capacity:
// as large as the capacity, so that small managers, which never grow,
// recompute nothing.
func cacheSize(nodes int) int {
	s := 64
	for s < nodes && s < maxCache {
		s <<= 1
	}
	return s
}

// newCache replaces the operation caches by empty ones of n entries (and
// n/4 for ITE).
func (m *Manager) newCache(n int) {
	cachePool.put(m.cache)
	itePool.put(m.ites)
	m.cache = cachePool.get(n, n, true)
	m.ites = itePool.get(n/4, n/4, true)
}

// growCache doubles the operation caches, within cacheCap. The cache is
// lossy: dropping it on growth is correct and simpler than rehashing.
func (m *Manager) growCache() {
	m.cacheMark = m.steps
	if len(m.cache) < m.cacheCap {
		m.newCache(2 * len(m.cache))
	}
}

// NumVars returns the number of variables.
func (m *Manager) NumVars() int { return len(m.levelOf) }

// NumNodes returns the number of nodes in the table, terminals included.
func (m *Manager) NumNodes() int { return len(m.nodes) }

// MaxNodes returns the node budget.
func (m *Manager) MaxNodes() int { return m.maxNodes }

// Order returns the variable order (a fresh copy).
func (m *Manager) Order() Order {
	o := make(Order, len(m.varAt))
	for l, v := range m.varAt {
		o[l] = int(v)
	}
	return o
}

// Var returns the function "variable v is true". It panics if v is not in
// [0, NumVars), like an index out of range.
func (m *Manager) Var(v int) Node {
	if v < 0 || v >= len(m.levelOf) {
		panic(fmt.Sprintf("bdd: variable %d out of range [0, %d)", v, len(m.levelOf)))
	}
	// NewManager created the variable nodes first, in variable order.
	return Node(2 + v)
}

// Size returns the number of nodes reachable from f, terminals included.
func (m *Manager) Size(f Node) int {
	if int(f) >= len(m.nodes) {
		return 0
	}
	seen := make(map[uint32]struct{})
	stack := []uint32{uint32(f)}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if _, ok := seen[x]; ok {
			continue
		}
		seen[x] = struct{}{}
		if x > 1 {
			stack = append(stack, m.nodes[x].lo, m.nodes[x].hi)
		}
	}
	return len(seen)
}

func hash3(a, b, c uint32) uint32 {
	h := uint64(a)*0x9E3779B97F4A7C15 ^ uint64(b)*0xC2B2AE3D27D4EB4F ^ uint64(c)*0x165667B19E3779F9
	h ^= h >> 29
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 32
	return uint32(h)
}

// mk returns the node (level, lo, hi), creating it if needed; nilNode when
// the budget is exhausted.
func (m *Manager) mk(level int32, lo, hi uint32) uint32 {
	if lo == hi {
		return lo
	}
	mask := uint32(len(m.unique) - 1)
	h := hash3(uint32(level), lo, hi)
	i := h & mask
	want := node{level: level, lo: lo, hi: hi}
	for {
		e := m.unique[i]
		if e.id == 0 {
			break
		}
		if e.tag == h && m.nodes[e.id] == want {
			return e.id
		}
		i = (i + 1) & mask
	}
	if len(m.nodes) >= m.maxNodes {
		m.fail(ErrBudget)
		return nilNode
	}
	x := uint32(len(m.nodes))
	if len(m.nodes) == cap(m.nodes) {
		// Double explicitly: append grows large slices by only 1.25×,
		// which for millions of nodes means many copies into fresh,
		// page-faulting memory.
		grown := nodePool.get(len(m.nodes), min(2*cap(m.nodes), m.maxNodes), false)
		copy(grown, m.nodes)
		nodePool.put(m.nodes)
		m.nodes = grown
	}
	m.nodes = append(m.nodes, want)
	m.unique[i] = slot{id: x, tag: h}
	if 4*len(m.nodes) > 3*len(m.unique) {
		m.growUnique()
	}
	if len(m.nodes) > cacheRatio*len(m.cache) {
		m.growCache()
	}
	return x
}

// growUnique doubles the unique table. Growth by more would halve the
// rehashing but waste memory, and touching fresh memory (a page fault per
// 4 KB) is what growth costs most; the pools spare most of that.
//
// The tags are the full hashes, so no node is read or hashed again, and
// scanning the old table in order makes the writes sweep the new one in
// order too (an entry's new home is its old one or that plus the old
// size): about three times cheaper than rehash.
func (m *Manager) growUnique() {
	old := m.unique
	m.unique = slotPool.get(2*len(old), 2*len(old), true)
	mask := uint32(len(m.unique) - 1)
	for _, e := range old {
		if e.id == 0 {
			continue
		}
		i := e.tag & mask
		for m.unique[i].id != 0 {
			i = (i + 1) & mask
		}
		m.unique[i] = e
	}
	slotPool.put(old)
}

// rehash inserts every node into the (empty) unique table. Inserting in
// node order would miss the processor cache on every node; sorting the
// nodes by their slot's high bits first (a counting sort) makes the writes
// sweep the table once, several times faster on big tables.
func (m *Manager) rehash() {
	mask := uint32(len(m.unique) - 1)
	n := len(m.nodes) - 2
	const bucketBits = 12
	shift := bits.Len32(mask) - bucketBits
	if n <= 0 || shift <= 0 || n < 1<<bucketBits {
		for x := 2; x < len(m.nodes); x++ {
			m.insert(uint32(x), mask)
		}
		return
	}
	var count [1<<bucketBits + 1]int32
	slotOf := make([]uint32, 2*n)
	order := slotOf[n:]
	slotOf = slotOf[:n]
	for x := 2; x < len(m.nodes); x++ {
		nd := m.nodes[x]
		h := hash3(uint32(nd.level), nd.lo, nd.hi)
		slotOf[x-2] = h
		count[(h&mask)>>shift+1]++
	}
	for b := 1; b < len(count); b++ {
		count[b] += count[b-1]
	}
	for x, h := range slotOf {
		b := (h & mask) >> shift
		order[count[b]] = uint32(x + 2)
		count[b]++
	}
	for _, x := range order {
		h := slotOf[x-2]
		i := h & mask
		for m.unique[i].id != 0 {
			i = (i + 1) & mask
		}
		m.unique[i] = slot{id: x, tag: h}
	}
}

func (m *Manager) insert(x, mask uint32) {
	nd := m.nodes[x]
	h := hash3(uint32(nd.level), nd.lo, nd.hi)
	i := h & mask
	for m.unique[i].id != 0 {
		i = (i + 1) & mask
	}
	m.unique[i] = slot{id: x, tag: h}
}

func hash2(a, b uint32) uint32 {
	h := (uint64(a)<<32 | uint64(b)) * 0x9E3779B97F4A7C15
	return uint32(h >> 32)
}

// lookup finds op(a, b) in the cache; the zero entry never matches since
// a is at least 2 for a cached operation.
func (m *Manager) lookup(op, a, b uint32) (uint32, bool) {
	key := a | op
	e := &m.cache[hash2(key, b)&uint32(len(m.cache)-1)]
	if e.a == key && e.b == b {
		return e.r, true
	}
	return 0, false
}

func (m *Manager) store(op, a, b, r uint32) {
	key := a | op
	m.cache[hash2(key, b)&uint32(len(m.cache)-1)] = cacheEntry{a: key, b: b, r: r}
}

func (m *Manager) lookupITE(f, g, h uint32) (uint32, bool) {
	e := &m.ites[hash3(f, g, h)&uint32(len(m.ites)-1)]
	if e.f == f && e.g == g && e.h == h {
		return e.r, true
	}
	return 0, false
}

func (m *Manager) storeITE(f, g, h, r uint32) {
	m.ites[hash3(f, g, h)&uint32(len(m.ites)-1)] = iteEntry{f: f, g: g, h: h, r: r}
}

// tick counts a recursive step and looks at the context now and then; it
// reports whether the operation must stop.
func (m *Manager) tick() bool {
	if m.err != nil {
		return true
	}
	m.steps++
	if m.steps%ctxCheckEvery == 0 {
		if m.steps-m.cacheMark > cacheStepRatio*uint64(len(m.cache)) {
			m.growCache()
		}
		if m.steps-m.begun >= m.maxSteps {
			m.fail(ErrStepBudget)
			return true
		}
		if m.ctx != nil {
			if err := m.ctx.Err(); err != nil {
				m.fail(err)
				return true
			}
		}
		if m.overtaken != nil && m.overtaken(m.steps) {
			m.fail(errOvertaken)
			return true
		}
	}
	return false
}

func (m *Manager) fail(err error) {
	if m.err == nil {
		m.err = err
	}
}

// begin starts a public operation; it fails at once if ctx is already done.
func (m *Manager) begin(ctx context.Context) error {
	m.ctx = ctx
	m.err = nil
	m.begun = m.steps
	if ctx != nil {
		return ctx.Err()
	}
	return nil
}

// end finishes a public operation and turns an abort into a *BuildError.
func (m *Manager) end(op string, done, total int) error {
	err := m.err
	m.ctx, m.err = nil, nil
	if err == nil {
		return nil
	}
	return &BuildError{Err: err, Op: op, Nodes: len(m.nodes), Budget: m.maxNodes, Steps: m.steps - m.begun, Done: done, Total: total}
}

func (m *Manager) check(ops []Node) error {
	for i, f := range ops {
		if int(f) >= len(m.nodes) {
			return invalid(fmt.Sprintf("operand %d", i), "node %d does not belong to this manager", f)
		}
	}
	return nil
}
