package availability

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/slacalc/slacalc/internal/bdd"
)

// Errors of dependency-graph models. A [*GraphError] wraps one of them (or
// [ErrK]) and names the node.
var (
	// ErrUnknownNode reports a reference to a node that is not in the model.
	ErrUnknownNode = errors.New("unknown node")
	// ErrDuplicateNode reports two nodes with the same name.
	ErrDuplicateNode = errors.New("duplicate node")
	// ErrSelfDependency reports a node that depends on itself.
	ErrSelfDependency = errors.New("node depends on itself")
	// ErrCycle reports dependencies that lead back to where they started.
	ErrCycle = errors.New("dependency cycle")
	// ErrNoDependencies reports a requirement ("any", "at least k") on a node
	// without dependencies, or a node with neither an availability of its own
	// nor dependencies.
	ErrNoDependencies = errors.New("no dependencies")
	// ErrEmptyName reports a node without a name.
	ErrEmptyName = errors.New("empty node name")
	// ErrEmptyModel reports a model without nodes.
	ErrEmptyModel = errors.New("empty model")
)

// GraphError describes one problem of a dependency graph, naming the node.
type GraphError struct {
	Node    string // the node with the problem ("" for the whole model)
	Problem string // what is wrong, e.g. `depends on unknown node "db"`
	Err     error  // the sentinel
}

// Error implements error.
func (e *GraphError) Error() string {
	if e.Node == "" {
		return "availability: model " + e.Problem
	}
	return "availability: node " + strconv.Quote(e.Node) + " " + e.Problem
}

// Unwrap returns the sentinel.
func (e *GraphError) Unwrap() error { return e.Err }

// NodeSpec describes one node of a dependency graph. A node works when its
// own part works (if it has one) and its requirement over its dependencies
// is met. A node without dependencies is a component and needs an
// availability of its own; a node without an availability of its own is a
// pure group.
//
// In JSON: {"name": "web", "availability": "99.9%", "requires": "any",
// "dependsOn": ["web1", "web2"]}; "availability" is omitted for a pure group
// and "requires" defaults to "all".
type NodeSpec struct {
	Name string `json:"name"`
	// Availability is the node's own availability, or nil for a pure group.
	Availability *Availability `json:"availability,omitempty"`
	// Requires says how many dependencies must work; the zero value is all.
	Requires Requirement `json:"requires"`
	// DependsOn names the nodes this node needs. A name may be depended on
	// by many nodes: it is one part, shared, not a copy per dependant.
	DependsOn []string `json:"dependsOn,omitempty"`
}

// Builder collects node specifications and builds a [Model]. The zero value
// is ready to use. Methods return the builder so that calls chain; problems
// are reported together by [Builder.Build].
type Builder struct {
	specs []NodeSpec
}

// Component adds a leaf: a part with its own availability and no
// dependencies.
func (b *Builder) Component(name string, a Availability) *Builder {
	return b.Add(NodeSpec{Name: name, Availability: &a})
}

// Group adds a pure group that works when its requirement over deps is met.
func (b *Builder) Group(name string, req Requirement, deps ...string) *Builder {
	return b.Add(NodeSpec{Name: name, Requires: req, DependsOn: slices.Clone(deps)})
}

// Service adds a node that can fail by itself (availability own) and also
// needs its dependencies according to req.
func (b *Builder) Service(name string, own Availability, req Requirement, deps ...string) *Builder {
	return b.Add(NodeSpec{Name: name, Availability: &own, Requires: req, DependsOn: slices.Clone(deps)})
}

// Add adds a node described by spec. The spec is copied.
func (b *Builder) Add(spec NodeSpec) *Builder {
	if spec.Availability != nil {
		a := *spec.Availability
		spec.Availability = &a
	}
	spec.DependsOn = slices.Clone(spec.DependsOn)
	b.specs = append(b.specs, spec)
	return b
}

// Build validates the nodes and returns an immutable model. It reports every
// problem at once (joined with [errors.Join]), each a [*GraphError] naming
// the node: empty or duplicate names, unknown dependencies, self-dependency,
// cycles (with the cycle's path), k out of range, and requirements without
// dependencies.
func (b *Builder) Build() (*Model, error) {
	return NewModel(b.specs)
}

// Model is an immutable dependency graph, safe for concurrent use. Each node
// is one variable however many nodes depend on it.
type Model struct {
	names  []string
	index  map[string]int
	own    []Availability
	hasOwn []bool
	req    []Requirement
	deps   [][]int
	order  []int  // every node after all of its dependencies
	parent []int  // number of dependants of each node
	tree   []bool // no node below is shared by anything (sufficient for a tree)

	// comp maps a node with its own availability to its component number;
	// −1 for pure groups. components lists them in the same numbering.
	comp       []int
	components []int

	fault    *bdd.Structure // failure logic of every node, see buildStructure
	ref      []bdd.Ref      // the failure of node i in fault
	budget   int            // BDD node budget; ≤ 0 means DefaultNodeBudget
	compiled *compiledModel // BDDs, built on demand and shared by WhatIf copies
}

// NewModel builds a model from specs; see [Builder.Build].
func NewModel(specs []NodeSpec) (*Model, error) {
	var errs []error
	add := func(node, problem string, sentinel error) {
		errs = append(errs, &GraphError{Node: node, Problem: problem, Err: sentinel})
	}
	if len(specs) == 0 {
		return nil, &GraphError{Problem: "has no nodes", Err: ErrEmptyModel}
	}
	m := &Model{index: make(map[string]int, len(specs))}
	for _, s := range specs {
		if s.Name == "" {
			add("", "has an empty name", ErrEmptyName)
			continue
		}
		if _, dup := m.index[s.Name]; dup {
			add(s.Name, "is defined more than once", ErrDuplicateNode)
			continue
		}
		m.index[s.Name] = len(m.names)
		m.names = append(m.names, s.Name)
		if s.Availability != nil {
			m.own = append(m.own, *s.Availability)
		} else {
			m.own = append(m.own, Availability{})
		}
		m.hasOwn = append(m.hasOwn, s.Availability != nil)
		m.req = append(m.req, s.Requires)
	}
	m.deps = make([][]int, len(m.names))
	for _, s := range specs {
		i, ok := m.index[s.Name]
		if !ok || m.deps[i] != nil || m.names[i] != s.Name {
			continue
		}
		deps := make([]int, 0, len(s.DependsOn))
		seen := make(map[int]bool, len(s.DependsOn))
		for _, d := range s.DependsOn {
			j, ok := m.index[d]
			switch {
			case !ok:
				add(s.Name, "depends on unknown node "+strconv.Quote(d), ErrUnknownNode)
			case j == i:
				add(s.Name, "depends on itself", ErrSelfDependency)
			case seen[j]:
				add(s.Name, "lists dependency "+strconv.Quote(d)+" more than once", ErrDuplicateNode)
			default:
				seen[j] = true
				deps = append(deps, j)
			}
		}
		m.deps[i] = deps
		n := len(s.DependsOn)
		r := s.Requires
		switch {
		case n == 0 && !s.Availability.isSet():
			add(s.Name, "has neither an availability of its own nor dependencies", ErrNoDependencies)
		case n == 0 && r.kind != requireAll:
			add(s.Name, "requires "+r.String()+" but has no dependencies", ErrNoDependencies)
		case r.kind == requireAtLeast && (r.k < 1 || r.k > n):
			add(s.Name, fmt.Sprintf("requires at least %d of %d dependencies; k must lie in [1, %d]", r.k, n, n), ErrK)
		}
	}
	m.order = m.dependencyOrder()
	if m.order == nil {
		for _, cycle := range m.cycles() {
			add(cycle[0], "is on a dependency cycle: "+strings.Join(cycle, " → "), ErrCycle)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	m.parent = make([]int, len(m.names))
	for _, ds := range m.deps {
		for _, d := range ds {
			m.parent[d]++
		}
	}
	m.tree = make([]bool, len(m.names))
	for _, i := range m.order {
		m.tree[i] = true
		for _, d := range m.deps[i] {
			m.tree[i] = m.tree[i] && m.tree[d] && m.parent[d] <= 1
		}
	}
	m.comp = make([]int, len(m.names))
	for i := range m.names {
		m.comp[i] = -1
		if m.hasOwn[i] {
			m.comp[i] = len(m.components)
			m.components = append(m.components, i)
		}
	}
	m.buildStructure()
	m.compiled = &compiledModel{}
	return m, nil
}

func (a *Availability) isSet() bool { return a != nil }

// dependencyOrder returns every node after all of its dependencies (Kahn's
// algorithm, linear time), or nil when the dependencies have a cycle.
func (m *Model) dependencyOrder() []int {
	pending := make([]int, len(m.names)) // dependencies not yet placed
	dependants := make([][]int, len(m.names))
	var ready []int
	for i, ds := range m.deps {
		pending[i] = len(ds)
		for _, d := range ds {
			dependants[d] = append(dependants[d], i)
		}
		if len(ds) == 0 {
			ready = append(ready, i)
		}
	}
	order := make([]int, 0, len(m.names))
	for len(ready) > 0 {
		v := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		order = append(order, v)
		for _, p := range dependants[v] {
			if pending[p]--; pending[p] == 0 {
				ready = append(ready, p)
			}
		}
	}
	if len(order) < len(m.names) {
		return nil
	}
	return order
}

// cycles returns one cycle per strongly connected component, found with
// gonum's topological sort, as paths of names from a node back to itself.
func (m *Model) cycles() [][]string {
	g := simple.NewDirectedGraph()
	for i := range m.names {
		g.AddNode(simple.Node(i))
	}
	for i, ds := range m.deps {
		for _, d := range ds {
			g.SetEdge(g.NewEdge(simple.Node(i), simple.Node(d)))
		}
	}
	_, err := topo.Sort(g)
	var un topo.Unorderable
	if !errors.As(err, &un) {
		return nil
	}
	out := make([][]string, 0, len(un))
	for _, scc := range un {
		out = append(out, m.cyclePath(scc))
	}
	return out
}

// cyclePath returns one cycle through the strongly connected component scc,
// as node names from a node back to itself.
func (m *Model) cyclePath(scc []graph.Node) []string {
	in := make(map[int]bool, len(scc))
	start := int(scc[0].ID())
	for _, n := range scc {
		in[int(n.ID())] = true
		start = min(start, int(n.ID()))
	}
	// Breadth-first search inside the component for the shortest way back.
	prev := map[int]int{}
	queue := []int{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, d := range m.depsRaw(v) {
			if !in[d] {
				continue
			}
			if d == start {
				path := []string{m.names[start]}
				var back []string
				for x := v; x != start; x = prev[x] {
					back = append(back, m.names[x])
				}
				slices.Reverse(back)
				path = append(path, back...)
				return append(path, m.names[start])
			}
			if _, ok := prev[d]; !ok {
				prev[d] = v
				queue = append(queue, d)
			}
		}
	}
	return []string{m.names[start], m.names[start]}
}

// depsRaw returns the validated dependencies of node v; it is used while the
// model is being built, when deps is filled for every node.
func (m *Model) depsRaw(v int) []int { return m.deps[v] }

// compiledModel holds the BDDs of a model's nodes, built on first use.
type compiledModel struct {
	mu       sync.Mutex
	diagrams map[int]*bdd.Diagram // by node
}

// Nodes returns the names of all nodes in the order they were added.
func (m *Model) Nodes() []string { return slices.Clone(m.names) }

// Components returns the names of the nodes that have an availability of
// their own: the model's variables, in the order they were added.
func (m *Model) Components() []string {
	out := make([]string, len(m.components))
	for i, n := range m.components {
		out[i] = m.names[n]
	}
	return out
}

// Has reports whether the model has a node with the given name.
func (m *Model) Has(name string) bool {
	_, ok := m.index[name]
	return ok
}

// Spec returns the specification of a node, as it was given to the builder
// (with the availability overridden by [Model.WhatIf], if any).
func (m *Model) Spec(name string) (NodeSpec, error) {
	i, err := m.lookup(name)
	if err != nil {
		return NodeSpec{}, err
	}
	return m.spec(i), nil
}

func (m *Model) spec(i int) NodeSpec {
	s := NodeSpec{Name: m.names[i], Requires: m.req[i]}
	if m.hasOwn[i] {
		a := m.own[i]
		s.Availability = &a
	}
	for _, d := range m.deps[i] {
		s.DependsOn = append(s.DependsOn, m.names[d])
	}
	return s
}

// Specs returns the specifications of all nodes, in the order they were
// added; NewModel(m.Specs()) rebuilds an equal model.
func (m *Model) Specs() []NodeSpec {
	out := make([]NodeSpec, len(m.names))
	for i := range m.names {
		out[i] = m.spec(i)
	}
	return out
}

// Dependants returns the names of the nodes that depend directly on name.
func (m *Model) Dependants(name string) ([]string, error) {
	i, err := m.lookup(name)
	if err != nil {
		return nil, err
	}
	var out []string
	for v, ds := range m.deps {
		if slices.Contains(ds, i) {
			out = append(out, m.names[v])
		}
	}
	return out, nil
}

// Shared reports whether the node is depended on by more than one node.
func (m *Model) Shared(name string) (bool, error) {
	i, err := m.lookup(name)
	if err != nil {
		return false, err
	}
	return m.parent[i] > 1, nil
}

func (m *Model) lookup(name string) (int, error) {
	i, ok := m.index[name]
	if !ok {
		return 0, &GraphError{Node: name, Problem: "is not in the model", Err: ErrUnknownNode}
	}
	return i, nil
}

// WhatIf returns a model with the same structure in which the named
// components have the given availabilities. The structure is not rebuilt:
// the copy shares the original's compiled diagrams, so evaluating a what-if
// costs only a probability pass. Every name must be a node with an
// availability of its own.
func (m *Model) WhatIf(overrides map[string]Availability) (*Model, error) {
	c := *m
	c.own = slices.Clone(m.own)
	var errs []error
	names := make([]string, 0, len(overrides))
	for name := range overrides {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		i, err := m.lookup(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !m.hasOwn[i] {
			errs = append(errs, &GraphError{Node: name, Problem: "is a pure group without an availability of its own to override", Err: ErrNotComponent})
			continue
		}
		c.own[i] = overrides[name]
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &c, nil
}

// modelJSON is the JSON form of a model: its nodes in order.
type modelJSON struct {
	Nodes []NodeSpec `json:"nodes"`
}

// MarshalJSON encodes the model as {"nodes": [...]}, each node a
// [NodeSpec].
func (m *Model) MarshalJSON() ([]byte, error) {
	return json.Marshal(modelJSON{Nodes: m.Specs()})
}

// UnmarshalJSON decodes {"nodes": [...]} and builds the model, reporting
// every problem as [NewModel] does, and every unknown or missing key and
// every limit exceeded (see [MaxNodes]) at its path, such as
// "nodes[3].dependsOn". It is meant for decoding into a new, zero Model.
func (m *Model) UnmarshalJSON(data []byte) error {
	const fn = "Model.UnmarshalJSON"
	var mj modelJSON
	d := strict(fn, "nodes")
	d.Limits.Items = MaxNodes
	if errs := d.Decode(data, &mj); len(errs) > 0 {
		return errors.Join(errs...)
	}
	built, err := NewModel(mj.Nodes)
	if err != nil {
		return err
	}
	*m = *built
	return nil
}
