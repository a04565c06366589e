package availability

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/slacalc/slacalc/internal/bdd"
	"github.com/slacalc/slacalc/internal/fsum"
)

// This file evaluates many nodes of a large graph exactly in one pass, in
// time and memory close to linear in the graph for the shapes service
// graphs have. It works on a rewritten view of the failure logic:
//
//   - A node whose dependencies form a tree that nothing else shares
//     (Model.tree) is exact by the value algebra and independent of every
//     other such node and component: it is an "atom", one independent event.
//   - A node that needs all of its dependencies fails when any of them does:
//     its failure is the OR of its dependencies' failures. When each of
//     those is itself an OR of atoms, so is the node, and its unavailability
//     is 1 − Π(1 − qₐ) over the distinct atoms of its support: no BDD.
//   - A replica group, "at least k of n" over inputs that fail when their
//     own part fails or when a common set of dependencies C does, is
//     separable: atleast(xᵢ ∨ C) = C ∨ atleast(xᵢ). When the rest of each
//     input (its own part and the dependencies it does not share with the
//     others) is private to the group, atleast(xᵢ) is a new atom whose
//     exact value the value algebra gives ([KOfN] of independent parts), and
//     the group becomes an OR of C and that atom.
//
// Whatever remains (a threshold over shared inputs that is not separable) is
// compiled in one shared BDD manager over the atoms, which are far fewer
// than the components. Supports are freed as soon as their last dependant
// has used them, and their total size is bounded by the node budget: past
// it, nodes go to the BDD, whose node budget then applies.

// supportEntriesPerNode converts the node budget into a bound on the atom
// entries that live supports may hold at once: a BDD node costs about 50
// bytes, a support entry 4.
const supportEntriesPerNode = 12

// Form of a node in the rewritten view.
const (
	formTree    uint8 = iota + 1 // an atom: exact by the value algebra, private below
	formOr                       // OR of the atoms in its support
	formComplex                  // needs the BDD
)

// allEval is the state of one evaluation of many nodes.
type allEval struct {
	m    *Model
	n    int            // number of nodes; atom ids: node i, own part of i (n+i), group atom of i (2n+i)
	need []bool         // in the closure of the requested nodes
	form []uint8        // formTree, formOr or formComplex for needed nodes
	vals []Availability // exact values of tree nodes and of every finished node
	sep  [][]int        // for a separable group: its common dependencies C
	tU   []float64      // for a separable group: the unavailability of its group atom

	support [][]int32 // supports of formOr nodes still to be used
	uses    []int     // dependants (in the rewritten view) that have yet to use a support
	live    int       // entries held in support
	limit   int       // bound on live
	mark    []int32   // mark[atom] = node+1 while building that node's support
}

// availabilities evaluates the nodes idx exactly; see [Model.AvailabilityOf].
func (m *Model) availabilities(ctx context.Context, idx []int) ([]Availability, error) {
	e := m.newAllEval()
	complex, err := e.forms(ctx, idx)
	if err != nil {
		return nil, err
	}
	if len(complex) > 0 {
		if err := e.compile(ctx, complex); err != nil {
			// Name the first requested node left unfinished, with its bounds.
			for _, i := range idx {
				if e.form[i] == formComplex {
					return nil, m.budgetError(i, err)
				}
			}
			return nil, m.budgetError(complex[0], err)
		}
	}
	out := make([]Availability, len(idx))
	for j, i := range idx {
		out[j] = e.vals[i]
	}
	return out, nil
}

// withoutBDD returns node i's exact availability when the rewritten view
// gives it without a BDD (a tree, an OR of independent parts, or one over
// separated replica groups), and false otherwise.
func (m *Model) withoutBDD(ctx context.Context, i int) (Availability, bool) {
	e := m.newAllEval()
	if _, err := e.forms(ctx, []int{i}); err != nil || e.form[i] == formComplex {
		return Availability{}, false
	}
	return e.vals[i], true
}

func (m *Model) newAllEval() *allEval {
	n := len(m.names)
	return &allEval{
		m: m, n: n,
		need: make([]bool, n), form: make([]uint8, n), vals: make([]Availability, n),
		sep: make([][]int, n), tU: make([]float64, n),
		support: make([][]int32, n), uses: make([]int, n), mark: make([]int32, 3*n),
		limit: supportEntriesPerNode * m.nodeBudget(),
	}
}

// forms classifies every node below idx and computes the values of all
// but the complex ones, which it returns, every one after its dependencies.
func (e *allEval) forms(ctx context.Context, idx []int) ([]int, error) {
	m := e.m
	e.closure(idx)
	order := make([]int, 0, len(idx))
	for _, v := range m.order {
		if e.need[v] {
			order = append(order, v)
		}
	}
	// Forms and tree values, from the components up.
	var buf []Availability
	for _, v := range order {
		if m.tree[v] {
			e.form[v] = formTree
			e.vals[v], buf = m.nodeValue(v, e.vals, Independent, buf)
			continue
		}
		e.classify(v)
	}
	// Dependants that will read each support.
	for _, v := range order {
		if e.form[v] == formOr {
			for _, c := range e.children(v) {
				if e.form[c] == formOr {
					e.uses[c]++
				}
			}
		}
	}
	var complex []int
	for j, v := range order {
		if j%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, m.budgetError(v, &bdd.BuildError{Err: err})
			}
		}
		switch e.form[v] {
		case formOr:
			if !e.orValue(v) {
				e.form[v] = formComplex
				complex = append(complex, v)
			}
		case formComplex:
			complex = append(complex, v)
		}
	}
	return complex, nil
}

// closure marks every node below the requested ones.
func (e *allEval) closure(idx []int) {
	stack := slices.Clone(idx)
	for _, i := range idx {
		e.need[i] = true
	}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, d := range e.m.deps[v] {
			if !e.need[d] {
				e.need[d] = true
				stack = append(stack, d)
			}
		}
	}
}

// orGate reports whether node v fails as soon as any dependency fails.
func (m *Model) orGate(v int) bool {
	n := len(m.deps[v])
	return n > 0 && m.req[v].atLeast(n) == n
}

// classify decides the form of a non-tree node whose dependencies are
// classified: OR when it is (or is rewritten as) an OR of atoms and OR
// nodes, complex otherwise.
func (e *allEval) classify(v int) {
	m := e.m
	if !m.orGate(v) && !e.separable(v) {
		e.form[v] = formComplex
		return
	}
	e.form[v] = formOr
	for _, c := range e.children(v) {
		if e.form[c] == formComplex {
			e.form[v] = formComplex
			return
		}
	}
}

// children returns the nodes v's rewritten failure logic reads: its
// dependencies, or for a separable group its common dependencies C. Its
// own part and group atom are not nodes and are added by the callers.
func (e *allEval) children(v int) []int {
	if e.sep[v] != nil {
		return e.sep[v]
	}
	return e.m.deps[v]
}

// separable checks whether the threshold node v is a replica group that
// splits into C ∨ atleast(xᵢ) with private xᵢ, and if so records C and the
// group atom's exact unavailability.
func (e *allEval) separable(v int) bool {
	m := e.m
	inputs := m.deps[v]
	if len(inputs) < 2 {
		return false
	}
	// Every input fails when its own part or any of its dependencies
	// does, and only v uses it.
	for _, i := range inputs {
		if m.tree[i] || !m.orGate(i) || m.parent[i] != 1 {
			return false
		}
	}
	// C: the dependencies every input has.
	count := make(map[int]int, len(m.deps[inputs[0]]))
	for _, i := range inputs {
		for _, d := range m.deps[i] {
			count[d]++
		}
	}
	var common []int
	for _, d := range m.deps[inputs[0]] {
		if count[d] == len(inputs) {
			common = append(common, d)
		}
	}
	if len(common) == 0 {
		return false
	}
	// The rest of each input must be private: trees used by that input
	// alone. Then the inputs' rests are independent of each other and of
	// everything else.
	rest := make([]Availability, len(inputs))
	for j, i := range inputs {
		parts := make([]Availability, 0, len(m.deps[i])-len(common)+1)
		if m.hasOwn[i] {
			parts = append(parts, m.own[i])
		}
		for _, d := range m.deps[i] {
			if count[d] == len(inputs) {
				continue
			}
			if !m.tree[d] || m.parent[d] != 1 {
				return false
			}
			parts = append(parts, e.vals[d])
		}
		rest[j] = Availability{} // perfect when nothing is left
		if len(parts) > 0 {
			rest[j], _ = Independent.Series(parts...)
		}
	}
	g := Independent.atLeast(m.req[v].atLeast(len(inputs)), rest)
	e.sep[v] = common
	e.tU[v] = g.u
	return true
}

// atomU returns the unavailability of an atom.
func (e *allEval) atomU(a int32) float64 {
	switch i := int(a); {
	case i < e.n:
		return e.vals[i].u
	case i < 2*e.n:
		return e.m.own[i-e.n].u
	default:
		return e.tU[i-2*e.n]
	}
}

// atoms calls f with the atoms v's rewritten logic reads directly: its own
// part, its group atom and its tree dependencies.
func (e *allEval) atoms(v int, f func(a int32)) {
	if e.m.hasOwn[v] {
		f(int32(e.n + v))
	}
	if e.sep[v] != nil {
		f(int32(2*e.n + v))
	}
	for _, c := range e.children(v) {
		if e.form[c] == formTree {
			f(int32(c))
		}
	}
}

// orValue builds the support of OR node v from its children's, computes
// its exact unavailability and frees the supports no one needs any more.
// It reports false, building nothing, when the support would exceed the
// memory bound.
func (e *allEval) orValue(v int) bool {
	defer e.release(v)
	for _, c := range e.children(v) {
		if e.form[c] == formComplex { // demoted for memory
			return false
		}
	}
	stamp := int32(v + 1)
	var s []int32
	add := func(a int32) {
		if e.mark[a] != stamp {
			e.mark[a] = stamp
			s = append(s, a)
		}
	}
	e.atoms(v, add)
	for _, c := range e.children(v) {
		if e.form[c] == formOr {
			for _, a := range e.support[c] {
				add(a)
			}
		}
	}
	if e.live+len(s) > e.limit {
		return false
	}
	// U = 1 − Π(1 − qₐ) = −expm1(Σ log1p(−qₐ)): every term keeps its
	// relative precision, and the compensated sum keeps the total's.
	var sum fsum.Acc
	u := 0.0
	for _, a := range s {
		q := e.atomU(a)
		if q >= 1 { // a part that is always down: log1p would give −Inf
			u = 1
			break
		}
		sum.Add(math.Log1p(-q))
	}
	if u < 1 {
		u = min(1, -math.Expm1(sum.Value()))
	}
	e.vals[v] = Availability{u: u}
	if e.uses[v] > 0 {
		e.support[v] = slices.Clip(s)
		e.live += len(s)
	}
	return true
}

// release tells v's OR children that v has used their supports, freeing
// those no other dependant needs.
func (e *allEval) release(v int) {
	for _, c := range e.children(v) {
		if e.form[c] == formOr {
			if e.uses[c]--; e.uses[c] == 0 {
				e.live -= len(e.support[c])
				e.support[c] = nil
			}
		}
	}
}

// compile evaluates the complex nodes in one BDD manager whose variables
// are the atoms they read, the atoms read by the most gates first (ties in
// depth-first order): a part many services share then splits their
// functions once at the top.
func (e *allEval) compile(ctx context.Context, complex []int) error {
	m := e.m
	// The non-atom nodes the complex nodes read, every one after its
	// children, and the atoms in depth-first order.
	inner := make([]bool, e.n)
	varOf := map[int32]int{}
	var atoms []int32
	var uses []int
	var gates []int
	type frame struct{ v, next int }
	for _, root := range complex {
		if inner[root] {
			continue
		}
		inner[root] = true
		stack := []frame{{root, 0}}
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next == 0 {
				e.atoms(f.v, func(a int32) {
					x, ok := varOf[a]
					if !ok {
						x = len(atoms)
						varOf[a] = x
						atoms = append(atoms, a)
						uses = append(uses, 0)
					}
					uses[x]++
				})
			}
			ch := e.children(f.v)
			if f.next < len(ch) {
				c := ch[f.next]
				f.next++
				if e.form[c] != formTree && !inner[c] {
					inner[c] = true
					stack = append(stack, frame{c, 0})
				}
				continue
			}
			gates = append(gates, f.v)
			stack = stack[:len(stack)-1]
		}
	}
	order := make(bdd.Order, len(atoms))
	for x := range order {
		order[x] = x
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(uses[b], uses[a]) })
	mgr, err := bdd.NewManager(order, bdd.Options{MaxNodes: m.nodeBudget()})
	if err != nil { // the budget cannot even hold the variables
		return &bdd.BuildError{Err: bdd.ErrBudget, Op: "build", Budget: m.nodeBudget(), Total: len(gates)}
	}
	built := make(map[int]bdd.Node, len(gates))
	var operands []bdd.Node
	for _, v := range gates {
		operands = operands[:0]
		for _, c := range e.children(v) {
			if e.form[c] == formTree {
				operands = append(operands, mgr.Var(varOf[int32(c)]))
			} else {
				operands = append(operands, built[c])
			}
		}
		var f bdd.Node
		switch n := len(operands); {
		case e.sep[v] != nil || m.orGate(v):
			f, err = mgr.Or(ctx, operands...)
		default:
			down := n - m.req[v].atLeast(n) + 1
			if down == n {
				f, err = mgr.And(ctx, operands...)
			} else {
				f, err = mgr.AtLeast(ctx, down, operands...)
			}
		}
		if err == nil && m.hasOwn[v] {
			f, err = mgr.Or(ctx, f, mgr.Var(varOf[int32(e.n+v)]))
		}
		if err == nil && e.sep[v] != nil {
			f, err = mgr.Or(ctx, f, mgr.Var(varOf[int32(2*e.n+v)]))
		}
		if err != nil {
			return err
		}
		built[v] = f
	}
	q := make([]float64, len(atoms))
	for x, a := range atoms {
		q[x] = e.atomU(a)
	}
	roots := make([]bdd.Node, len(complex))
	for r, v := range complex {
		roots[r] = built[v]
	}
	us, err := mgr.Probabilities(q, roots...)
	if err != nil {
		return err
	}
	for r, v := range complex {
		e.vals[v] = Availability{u: us[r]}
	}
	return nil
}
