package bdd

import (
	"context"
	"fmt"
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
// is zero: about 8.4 million nodes, roughly 250 MB with the tables.
const DefaultMaxNodes = 1 << 23

// ctxCheckEvery is how many recursive steps pass between two looks at the
// context: often enough to stop within milliseconds, rare enough to cost
// nothing measurable.
const ctxCheckEvery = 1 << 12

// Options configures a [Manager]. The zero value is usable.
type Options struct {
	// MaxNodes bounds the number of nodes the manager may hold, terminals
	// and the one node per variable included; 0 means [DefaultMaxNodes].
	// Nodes are never freed while the manager lives, so this also bounds
	// its memory: about 30 bytes per node with the hash and operation
	// tables.
	MaxNodes int
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

	// The node table: node i tests the variable at level[i]; terminals have
	// level numVars so that min(level) picks the top variable.
	level  []int32
	lo, hi []uint32

	unique []uint32 // open addressing over node indices; 0 is empty
	cache  []cacheEntry

	maxNodes int

	// State of the operation in progress.
	ctx   context.Context
	err   error
	steps uint32
}

type cacheEntry struct {
	a, b, c, r uint32
	op         uint32
}

const (
	opNone uint32 = iota
	opAnd
	opOr
	opITE
)

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
	if maxNodes > int(nilNode)-1 {
		maxNodes = int(nilNode) - 1
	}
	m := &Manager{
		levelOf:  make([]int32, n),
		varAt:    make([]int32, n),
		maxNodes: maxNodes,
	}
	for l, v := range order {
		m.levelOf[v] = int32(l)
		m.varAt[l] = int32(v)
	}
	capacity := min(maxNodes, max(1024, 4*n))
	m.level = make([]int32, 2, capacity)
	m.lo = make([]uint32, 2, capacity)
	m.hi = make([]uint32, 2, capacity)
	m.level[0], m.level[1] = int32(n), int32(n)
	m.lo[1], m.hi[1] = 1, 1
	m.unique = make([]uint32, tableSize(capacity))
	m.cache = make([]cacheEntry, cacheSize(capacity))
	for v := range n {
		m.mk(m.levelOf[v], 0, 1)
	}
	return m, nil
}

func tableSize(nodes int) int {
	s := 1024
	for s < 2*nodes {
		s <<= 1
	}
	return s
}

// maxCache caps the operation cache at 4M entries (80 MB): beyond that a
// lossy cache gains little and memory matters more.
const maxCache = 1 << 22

func cacheSize(nodes int) int {
	s := 1024
	for s < nodes && s < maxCache {
		s <<= 1
	}
	return s
}

// NumVars returns the number of variables.
func (m *Manager) NumVars() int { return len(m.levelOf) }

// NumNodes returns the number of nodes in the table, terminals included.
func (m *Manager) NumNodes() int { return len(m.level) }

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
	// NewManager created the variable nodes first, in variable order.
	return Node(2 + v)
}

// Size returns the number of nodes reachable from f, terminals included.
func (m *Manager) Size(f Node) int {
	if int(f) >= len(m.level) {
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
			stack = append(stack, m.lo[x], m.hi[x])
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
	i := hash3(uint32(level), lo, hi) & mask
	for {
		x := m.unique[i]
		if x == 0 {
			break
		}
		if m.level[x] == level && m.lo[x] == lo && m.hi[x] == hi {
			return x
		}
		i = (i + 1) & mask
	}
	if len(m.level) >= m.maxNodes {
		m.fail(ErrBudget)
		return nilNode
	}
	x := uint32(len(m.level))
	m.level = append(m.level, level)
	m.lo = append(m.lo, lo)
	m.hi = append(m.hi, hi)
	m.unique[i] = x
	if 2*len(m.level) > len(m.unique) {
		m.growUnique()
	}
	if len(m.level) > 2*len(m.cache) && len(m.cache) < maxCache {
		// The cache is lossy: dropping it on growth is correct and simpler
		// than rehashing.
		m.cache = make([]cacheEntry, 2*len(m.cache))
	}
	return x
}

func (m *Manager) growUnique() {
	t := make([]uint32, 2*len(m.unique))
	mask := uint32(len(t) - 1)
	for x := 2; x < len(m.level); x++ {
		i := hash3(uint32(m.level[x]), m.lo[x], m.hi[x]) & mask
		for t[i] != 0 {
			i = (i + 1) & mask
		}
		t[i] = uint32(x)
	}
	m.unique = t
}

func (m *Manager) lookup(op, a, b, c uint32) (uint32, bool) {
	e := &m.cache[hash3(a^op<<30, b, c)&uint32(len(m.cache)-1)]
	if e.op == op && e.a == a && e.b == b && e.c == c {
		return e.r, true
	}
	return 0, false
}

func (m *Manager) store(op, a, b, c, r uint32) {
	m.cache[hash3(a^op<<30, b, c)&uint32(len(m.cache)-1)] = cacheEntry{a: a, b: b, c: c, r: r, op: op}
}

// tick counts a recursive step and looks at the context now and then; it
// reports whether the operation must stop.
func (m *Manager) tick() bool {
	if m.err != nil {
		return true
	}
	m.steps++
	if m.steps%ctxCheckEvery == 0 && m.ctx != nil {
		if err := m.ctx.Err(); err != nil {
			m.fail(err)
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
	return &BuildError{Err: err, Op: op, Nodes: len(m.level), Budget: m.maxNodes, Done: done, Total: total}
}

func (m *Manager) check(ops []Node) error {
	for i, f := range ops {
		if int(f) >= len(m.level) {
			return invalid(fmt.Sprintf("operand %d", i), "node %d does not belong to this manager", f)
		}
	}
	return nil
}
