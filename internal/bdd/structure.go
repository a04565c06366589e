package bdd

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
)

// Kind is the logic of a [Gate].
type Kind uint8

// The gate kinds. All are monotone, so every [Structure] is coherent.
const (
	// KindAnd is true when all inputs are true.
	KindAnd Kind = iota + 1
	// KindOr is true when at least one input is true.
	KindOr
	// KindAtLeast is true when at least K inputs are true.
	KindAtLeast
)

// String returns "and", "or" or "atleast".
func (k Kind) String() string {
	switch k {
	case KindAnd:
		return "and"
	case KindOr:
		return "or"
	case KindAtLeast:
		return "atleast"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Ref refers to an input of a gate: a variable or another gate of the same
// [Structure].
type Ref struct {
	// Gate is true for a gate index, false for a variable index.
	Gate bool
	// Index is the variable (0..NumVars−1) or gate (index into Gates).
	Index int
}

// VarRef returns a reference to variable v.
func VarRef(v int) Ref { return Ref{Index: v} }

// GateRef returns a reference to gate g.
func GateRef(g int) Ref { return Ref{Gate: true, Index: g} }

// Gate is a monotone gate over inputs.
type Gate struct {
	// Kind is the gate's logic.
	Kind Kind
	// K is the threshold of a KindAtLeast gate, 1 ≤ K ≤ len(Inputs);
	// ignored for the other kinds.
	K int
	// Inputs are the gate's operands; an input may appear in several gates
	// (a shared variable or sub-tree) but must not lead back to the gate.
	Inputs []Ref
}

// Structure is a coherent structure function: a directed acyclic graph of
// monotone gates over the variables 0..NumVars−1, read from Top. In fault
// tree terms a variable is a basic event (true = failed) and Top the top
// event; in dependency-graph terms a variable can equally be "works".
type Structure struct {
	// NumVars is the number of variables.
	NumVars int
	// Gates are the gates; gates not reachable from Top are ignored by
	// [Build] but still validated.
	Gates []Gate
	// Top is the function of interest.
	Top Ref
}

// Validate reports every problem of s at once (joined with errors.Join):
// references out of range, empty gates, thresholds outside [1, n] and
// cycles (with the cycle's gates).
func (s *Structure) Validate() error {
	var errs []error
	if s.NumVars < 0 {
		errs = append(errs, invalid("NumVars", "negative (%d)", s.NumVars))
	}
	// where is formatted only on error: Validate runs before every build
	// and must not allocate per input.
	checkRef := func(g, i int, r Ref) {
		bad := r.Gate && (r.Index < 0 || r.Index >= len(s.Gates)) || !r.Gate && (r.Index < 0 || r.Index >= s.NumVars)
		if !bad {
			return
		}
		where := "Top"
		if g >= 0 {
			where = fmt.Sprintf("gate %d input %d", g, i)
		}
		if r.Gate {
			errs = append(errs, invalid(where, "gate %d out of range [0, %d)", r.Index, len(s.Gates)))
		} else {
			errs = append(errs, invalid(where, "variable %d out of range [0, %d)", r.Index, s.NumVars))
		}
	}
	checkRef(-1, 0, s.Top)
	for g, gate := range s.Gates {
		switch gate.Kind {
		case KindAnd, KindOr:
		case KindAtLeast:
			if gate.K < 1 || gate.K > len(gate.Inputs) {
				errs = append(errs, invalid(fmt.Sprintf("gate %d", g), "threshold %d outside [1, %d]", gate.K, len(gate.Inputs)))
			}
		default:
			errs = append(errs, invalid(fmt.Sprintf("gate %d", g), "unknown kind %d", gate.Kind))
		}
		if len(gate.Inputs) == 0 {
			errs = append(errs, invalid(fmt.Sprintf("gate %d", g), "no inputs"))
		}
		for i, r := range gate.Inputs {
			checkRef(g, i, r)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if cycle := s.findCycle(); cycle != nil {
		return &CycleError{Gates: cycle}
	}
	return nil
}

// findCycle returns the gates of one cycle, or nil. Iterative so that deep
// structures cannot overflow the stack.
func (s *Structure) findCycle() []int {
	const (
		white = iota
		grey
		black
	)
	color := make([]uint8, len(s.Gates))
	type frame struct{ g, next int }
	for start := range s.Gates {
		if color[start] != white {
			continue
		}
		stack := []frame{{start, 0}}
		color[start] = grey
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next == len(s.Gates[f.g].Inputs) {
				color[f.g] = black
				stack = stack[:len(stack)-1]
				continue
			}
			r := s.Gates[f.g].Inputs[f.next]
			f.next++
			if !r.Gate {
				continue
			}
			switch color[r.Index] {
			case grey:
				var cycle []int
				for i := len(stack) - 1; i >= 0; i-- {
					cycle = append(cycle, stack[i].g)
					if stack[i].g == r.Index {
						break
					}
				}
				slices.Reverse(cycle)
				return cycle
			case white:
				color[r.Index] = grey
				stack = append(stack, frame{r.Index, 0})
			}
		}
	}
	return nil
}

// postorder returns the gates reachable from Top, every gate after all the
// gates it uses. s must be valid.
func (s *Structure) postorder() []int {
	if !s.Top.Gate {
		return nil
	}
	return s.appendPostorder(nil, s.Top.Index, make([]bool, len(s.Gates)))
}

// appendPostorder appends to out the gates reachable from root that are not
// yet seen, in post-order, and marks them seen.
func (s *Structure) appendPostorder(out []int, root int, seen []bool) []int {
	if seen[root] {
		return out
	}
	type frame struct{ g, next int }
	stack := []frame{{root, 0}}
	seen[root] = true
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if f.next == len(s.Gates[f.g].Inputs) {
			out = append(out, f.g)
			stack = stack[:len(stack)-1]
			continue
		}
		r := s.Gates[f.g].Inputs[f.next]
		f.next++
		if r.Gate && !seen[r.Index] {
			seen[r.Index] = true
			stack = append(stack, frame{r.Index, 0})
		}
	}
	return out
}

// OrderHeuristic selects how [Structure.Order] ranks the variables.
type OrderHeuristic uint8

const (
	// DepthFirst lists the variables in order of first appearance in a
	// depth-first, left-to-right walk from Top. Variables of one sub-tree
	// stay together, which is what keeps a BDD of a fault tree small: the
	// classic heuristic of the fault-tree literature.
	DepthFirst OrderHeuristic = iota
	// DepthFirstSmallFirst is DepthFirst, but at each gate the inputs are
	// visited by increasing number of distinct variables beneath them
	// (variables first), so small sub-trees, which are cheap to keep
	// together, come before large ones that share variables with others.
	DepthFirstSmallFirst
	// DepthFirstLargeFirst visits the inputs by decreasing number of
	// distinct variables beneath them.
	DepthFirstLargeFirst
	// Force starts from DepthFirst and improves it with the FORCE
	// placement heuristic, which moves the variables of each gate closer
	// together (smallest total span of the gates' inputs).
	Force
	// ForceLargeFirst is Force started from DepthFirstLargeFirst.
	ForceLargeFirst
	// ForceBest is Force or ForceLargeFirst, whichever gives the gates'
	// supports the smaller total extent (the sum over gates of the
	// distance between the first and the last level tested beneath
	// them; see supportSpan): the two FORCE starts are each far better
	// than the other on some Aralia trees, and the smaller extent picks
	// the better one on most of them.
	ForceBest
)

// Order returns a variable order for s by the given heuristic. Variables not
// reachable from Top come last, by index. s must be valid.
func (s *Structure) Order(h OrderHeuristic) Order {
	switch h {
	case Force:
		return s.forceOrder(s.Order(DepthFirst))
	case ForceLargeFirst:
		return s.forceOrder(s.Order(DepthFirstLargeFirst))
	case ForceBest:
		a, b := s.Order(Force), s.Order(ForceLargeFirst)
		if s.supportSpan(b) < s.supportSpan(a) {
			return b
		}
		return a
	}
	var size []int
	if h != DepthFirst {
		size = s.supportSizes()
	}
	key := func(r Ref) int {
		if !r.Gate {
			return 0
		}
		return size[r.Index]
	}
	seenVar := make([]bool, s.NumVars)
	seenGate := make([]bool, len(s.Gates))
	order := make(Order, 0, s.NumVars)
	var inputs [][]Ref // per-gate visiting order, computed lazily
	var backing []Ref  // shared by the inputs' copies
	if h != DepthFirst {
		inputs = make([][]Ref, len(s.Gates))
	}
	visitOrder := func(g int) []Ref {
		if inputs == nil {
			return s.Gates[g].Inputs
		}
		if inputs[g] == nil {
			if len(s.Gates[g].Inputs) > cap(backing)-len(backing) {
				backing = make([]Ref, 0, max(1024, len(s.Gates[g].Inputs)))
			}
			start := len(backing)
			backing = append(backing, s.Gates[g].Inputs...)
			in := backing[start:len(backing):len(backing)]
			slices.SortStableFunc(in, func(a, b Ref) int {
				if h == DepthFirstLargeFirst {
					return key(b) - key(a)
				}
				return key(a) - key(b)
			})
			inputs[g] = in
		}
		return inputs[g]
	}
	type frame struct{ g, next int }
	var stack []frame
	visit := func(r Ref) {
		if !r.Gate {
			if !seenVar[r.Index] {
				seenVar[r.Index] = true
				order = append(order, r.Index)
			}
			return
		}
		if !seenGate[r.Index] {
			seenGate[r.Index] = true
			stack = append(stack, frame{r.Index, 0})
		}
	}
	visit(s.Top)
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		in := visitOrder(f.g)
		if f.next == len(in) {
			stack = stack[:len(stack)-1]
			continue
		}
		r := in[f.next]
		f.next++
		visit(r)
	}
	for v := range s.NumVars {
		if !seenVar[v] {
			order = append(order, v)
		}
	}
	return order
}

// supportSpan returns, for an order, the sum over the gates reachable
// from Top of the distance between the highest and the lowest level of
// the variables beneath them: how far, in all, the diagram must carry
// the gates' partial results. Linear time.
func (s *Structure) supportSpan(o Order) int {
	gates := s.postorder()
	level := o.Levels()
	lo := make([]int, len(s.Gates))
	hi := make([]int, len(s.Gates))
	total := 0
	for _, g := range gates {
		l, h := len(o), -1
		for _, r := range s.Gates[g].Inputs {
			if r.Gate {
				l, h = min(l, lo[r.Index]), max(h, hi[r.Index])
			} else {
				l, h = min(l, level[r.Index]), max(h, level[r.Index])
			}
		}
		lo[g], hi[g] = l, h
		total += max(0, h-l)
	}
	return total
}

// supportSizes returns, per gate, the number of distinct variables beneath
// it. It is exact, with one bitset per gate, while those bitsets take at
// most exactWords words in all; beyond that (deep sharing over many
// variables, where exact counting is quadratic: 1.25 GB and seconds for a
// 100,000-variable ladder) it estimates the sizes of sketchK variables and more
// from sketches, see supportSketches. Sizes below sketchK stay exact.
func (s *Structure) supportSizes() []int {
	// Every gate, not only those under Top, so that the key is defined.
	var order []int
	seen := make([]bool, len(s.Gates))
	for g := range s.Gates {
		order = s.appendPostorder(order, g, seen)
	}
	if len(s.Gates)*((s.NumVars+63)/64) > exactWords {
		return s.supportSketches(order)
	}
	sets := s.varSets(order)
	size := make([]int, len(s.Gates))
	for _, g := range order {
		for _, w := range sets[g] {
			size[g] += bits.OnesCount64(w)
		}
	}
	return size
}

// exactWords bounds the bitsets of exact support counting: 8 MB, a
// millisecond or two of work; sketches are cheaper beyond (10,000-variable
// ladder: 12.4 ms exact, 5.7 ms sketched). Every published fault tree is far
// below it (the largest Aralia tree needs about 35,000 words).
const exactWords = 1 << 20

// sketchK is the size of a support sketch: the relative error of an
// estimate is about 1/√(sketchK−2), 13%, enough to rank sub-trees whose
// sizes differ, and sizes below sketchK are exact.
const sketchK = 64

// supportSketches estimates the support sizes by the k-minimum-values
// method (Bar-Yossef et al. 2002): each variable gets a fixed
// pseudo-random 64-bit hash, each gate keeps the sketchK smallest
// distinct hashes beneath it (merged from its inputs'), and a gate with a
// full sketch has about (sketchK−1)·2⁶⁴/h variables beneath it, h being
// the largest hash kept. The hashes are fixed, so the result is
// deterministic. A sketch is dropped once every gate reading it is done:
// time O(E·sketchK), memory O(sketchK) per gate being built.
func (s *Structure) supportSketches(order []int) []int {
	uses := make([]int32, len(s.Gates))
	for _, g := range order {
		for _, r := range s.Gates[g].Inputs {
			if r.Gate {
				uses[r.Index]++
			}
		}
	}
	sketch := make([][]uint64, len(s.Gates))
	size := make([]int, len(s.Gates))
	var buf []uint64
	for _, g := range order {
		buf = buf[:0]
		for _, r := range s.Gates[g].Inputs {
			if !r.Gate {
				buf = append(buf, varHash(r.Index))
				continue
			}
			buf = append(buf, sketch[r.Index]...)
			if uses[r.Index]--; uses[r.Index] == 0 {
				sketch[r.Index] = nil
			}
		}
		slices.Sort(buf)
		buf = slices.Compact(buf)
		kept := slices.Clone(buf[:min(len(buf), sketchK)])
		if len(kept) < sketchK {
			size[g] = len(kept)
		} else {
			frac := float64(kept[sketchK-1]) / (1 << 64)
			size[g] = max(sketchK, int(math.Round(float64(sketchK-1)/frac)))
		}
		if uses[g] > 0 {
			sketch[g] = kept
		}
	}
	return size
}

// varHash is the SplitMix64 finaliser of v+1: a fixed, well-mixed hash
// per variable, distinct for distinct variables (the finaliser is a
// bijection).
func varHash(v int) uint64 {
	z := uint64(v+1) * 0x9E3779B97F4A7C15
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}

// varSets returns, for each gate of order (which lists every gate after
// the gates it reads), the bitset of the variables beneath it; gates not
// in order get nil.
func (s *Structure) varSets(order []int) [][]uint64 {
	words := (s.NumVars + 63) / 64
	sets := make([][]uint64, len(s.Gates))
	for _, g := range order {
		set := make([]uint64, words)
		for _, r := range s.Gates[g].Inputs {
			if r.Gate {
				for i, w := range sets[r.Index] {
					set[i] |= w
				}
			} else {
				set[r.Index/64] |= 1 << (r.Index % 64)
			}
		}
		sets[g] = set
	}
	return sets
}

// gcMinNodes is the table size below which Build does not collect garbage:
// small tables fit in the processor caches anyway.
const gcMinNodes = 1 << 16

// gcGrowth is how much the node table may grow between two collections in
// Build, as a multiple of the nodes live after the last one.
const gcGrowth = 2

// Build returns the BDD of s.Top in m. m must have s.NumVars variables. The
// gates are built bottom-up, and between gates the nodes created by this
// call that no remaining gate needs are collected (nodes m held before the
// call stay valid), so the budget bounds the live nodes plus the garbage of
// at most one gate. On a budget or context stop the returned [*BuildError]
// counts the gates done out of those reachable from Top.
func Build(ctx context.Context, m *Manager, s *Structure) (Node, error) {
	if err := s.Validate(); err != nil {
		return False, err
	}
	if s.NumVars != m.NumVars() {
		return False, invalid("structure", "%d variables, manager has %d", s.NumVars, m.NumVars())
	}
	if !s.Top.Gate {
		return m.Var(s.Top.Index), nil
	}
	gates := s.postorder()
	if err := m.begin(ctx); err != nil {
		return False, m.endWith("build", err, 0, len(gates))
	}
	result := make([]Node, len(s.Gates))
	operands := make([]Node, 0, 16)
	// Garbage collection between gates: the roots are the results still
	// needed by a gate not yet built. pending counts, per gate, the uses
	// not yet consumed.
	pending := s.uses(gates)
	keep := m.NumNodes()
	threshold := max(m.gcMin, gcGrowth*keep)
	var live []int // gates whose results are roots
	var roots []Node
	for done, g := range gates {
		gate := &s.Gates[g]
		operands = operands[:0]
		for _, r := range gate.Inputs {
			if r.Gate {
				operands = append(operands, result[r.Index])
			} else {
				operands = append(operands, m.Var(r.Index))
			}
		}
		var r uint32
		switch gate.Kind {
		case KindAnd:
			r, _ = m.naryRec(opAnd, operands)
		case KindOr:
			r, _ = m.naryRec(opOr, operands)
		case KindAtLeast:
			r, _ = m.atLeast(gate.K, operands)
		}
		if r != nilNode && m.approx != nil {
			r = m.subset(m.approx, r)
		}
		if r == nilNode {
			return False, m.end("build", done, len(gates))
		}
		result[g] = Node(r)
		if m.gateDone != nil && m.gateDone(done, m.steps) {
			m.fail(errOvertaken)
			return False, m.end("build", done+1, len(gates))
		}
		live = append(live, g)
		for _, in := range gate.Inputs {
			if in.Gate {
				pending[in.Index]--
			}
		}
		if len(m.nodes) > threshold || len(m.nodes) > m.maxNodes/2 && len(m.nodes)-keep > m.gcMin/8 {
			live = slices.DeleteFunc(live, func(g int) bool { return pending[g] == 0 })
			roots = roots[:0]
			for _, g := range live {
				roots = append(roots, result[g])
			}
			// The next collection comes at twice the live nodes: size
			// the unique table for that.
			m.collect(roots, keep, gcGrowth)
			for i, g := range live {
				result[g] = roots[i]
			}
			threshold = max(m.gcMin, gcGrowth*len(m.nodes))
		}
		// A gate without work still gives the context a chance.
		if ctx != nil && done%64 == 63 {
			if err := ctx.Err(); err != nil {
				return False, m.endWith("build", err, done+1, len(gates))
			}
		}
	}
	if err := m.end("build", len(gates), len(gates)); err != nil {
		return False, err
	}
	return result[s.Top.Index], nil
}

// uses counts, per gate, its uses as an input of the given gates, plus one
// for Top: the references a bottom-up build holds until they are consumed.
func (s *Structure) uses(gates []int) []int32 {
	n := make([]int32, len(s.Gates))
	for _, g := range gates {
		for _, r := range s.Gates[g].Inputs {
			if r.Gate {
				n[r.Index]++
			}
		}
	}
	n[s.Top.Index]++
	return n
}

// Compile builds the BDD of s in a fresh [Manager] with the given order and
// returns it frozen as a [Diagram]; the manager and its intermediate nodes
// are dropped. A nil order races the [DefaultPortfolio] of heuristics as
// [ModularProbability] does (only the first for fewer than 64 variables)
// and keeps the diagram built in the fewest steps.
func Compile(ctx context.Context, s *Structure, order Order, opts Options) (*Diagram, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if order == nil {
		hs := DefaultPortfolio()
		if s.NumVars < raceMinVars {
			hs = hs[:1]
		}
		d, _, err := race(ctx, s, hs, opts)
		return d, err
	}
	if len(order) != s.NumVars {
		return nil, invalid("order", "%d variables, structure has %d", len(order), s.NumVars)
	}
	d, _, err := compile(ctx, s, order, opts)
	return d, err
}

// compile builds s in a fresh manager with the given order and also
// returns the steps taken.
func compile(ctx context.Context, s *Structure, order Order, opts Options) (*Diagram, uint64, error) {
	m, err := NewManager(order, opts)
	if err != nil {
		return nil, 0, err
	}
	defer m.release()
	f, err := Build(ctx, m, s)
	if err != nil {
		return nil, m.steps, err
	}
	d, err := m.Freeze(f)
	return d, m.steps, err
}
