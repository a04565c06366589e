package availability

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/slacalc/slacalc/internal/bdd"
)

// ErrUnreachable reports an allocation target that cannot be met even if the
// component never fails.
var ErrUnreachable = errors.New("target out of reach")

// CutSet is a minimal cut set of a node: a set of components whose joint
// failure brings the node down, none of which can be left out.
type CutSet struct {
	// Components are the set's members, by name, in the model's order.
	Components []string `json:"components"`
	// Unavailability is the probability that all members are down at once,
	// assuming independent failures: the product of their unavailabilities.
	Unavailability float64 `json:"unavailability"`
}

// MinimalCutSets returns up to limit minimal cut sets of a node (limit ≤ 0
// means all, which can be astronomically many). Single points of failure
// (cut sets of one component) come first, by decreasing unavailability;
// then the other sets by decreasing probability that all their members are
// down together, computed from the BDD by a best-first search, so the first
// sets cost little however many there are.
func (m *Model) MinimalCutSets(ctx context.Context, node string, limit int) ([]CutSet, error) {
	i, err := m.lookup(node)
	if err != nil {
		return nil, err
	}
	d, err := m.diagram(ctx, i)
	if err != nil {
		return nil, err
	}
	cs, err := d.MinimalCutSets(ctx, bdd.Options{MaxNodes: m.nodeBudget()})
	if err != nil {
		return nil, m.budgetError(i, err)
	}
	q := m.q()
	spof, err := m.singlePoints(d, q)
	if err != nil {
		return nil, err
	}
	var out []CutSet
	for _, c := range spof {
		out = append(out, CutSet{Components: []string{m.names[m.components[c]]}, Unavailability: q[c]})
	}
	if limit > 0 && len(out) >= limit {
		return out[:limit], nil
	}
	want := 0
	if limit > 0 {
		want = limit
	}
	top, err := cs.Top(q, want)
	if err != nil {
		return nil, err
	}
	for _, c := range top {
		if len(c.Vars) == 1 {
			continue
		}
		set := CutSet{Unavailability: c.Probability}
		for _, v := range c.Vars {
			set.Components = append(set.Components, m.names[m.components[v]])
		}
		out = append(out, set)
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out, nil
}

// singlePoints returns the components that bring the node down alone, by
// decreasing unavailability. With every other component up (q = 0),
// P(down | c down) is 1 exactly when {c} is a cut set.
func (m *Model) singlePoints(d *bdd.Diagram, q []float64) ([]int, error) {
	zero := make([]float64, len(q))
	c, err := d.Conditionals(zero)
	if err != nil {
		return nil, err
	}
	var out []int
	for v, p := range c.GivenTrue {
		if p == 1 {
			out = append(out, v)
		}
	}
	slices.SortStableFunc(out, func(a, b int) int { return cmp.Compare(q[b], q[a]) })
	return out, nil
}

// SinglePointsOfFailure returns the components whose failure alone brings
// the node down, by decreasing unavailability.
func (m *Model) SinglePointsOfFailure(ctx context.Context, node string) ([]string, error) {
	i, err := m.lookup(node)
	if err != nil {
		return nil, err
	}
	d, err := m.diagram(ctx, i)
	if err != nil {
		return nil, err
	}
	spof, err := m.singlePoints(d, m.q())
	if err != nil {
		return nil, err
	}
	out := make([]string, len(spof))
	for j, c := range spof {
		out[j] = m.names[m.components[c]]
	}
	return out, nil
}

// Importance holds the importance measures of one component for one node,
// under independent failures. With U the node's unavailability, U₁ its
// unavailability when the component is down for sure and U₀ when it is up
// for sure, and q the component's unavailability:
//
//	Birnbaum       B   = U₁ − U₀ = ∂A/∂Aᵢ: how much the node gains per unit
//	                     of the component's availability
//	Criticality    CR  = B·q / U: the probability that the component is
//	                     down and critical, given that the node is down
//	RiskAchievement RAW = U₁ / U: how many times worse the node gets when
//	                     the component is always down
//	RiskReduction  RRW = U / U₀: how many times better the node gets when
//	                     the component never fails; +Inf when U₀ = 0
//	                     (with the component perfect the node never fails)
//	FussellVesely  FV  = (U − U₀) / U: the share of the node's unavailability
//	                     that disappears when the component never fails
//
// Because U = q·U₁ + (1−q)·U₀ exactly, FV = CR = 1 − 1/RRW under
// independence; FV is given in this exact form, of which the classic
// cut-set sum Σ P(C ∋ i)/U is the rare-event approximation. When U = 0 the
// node never fails and CR, RAW and FV are defined as 0, 1 and 0 (nothing
// to improve or lose by ratio) and RRW as 1.
type Importance struct {
	Component       string  `json:"component"`
	Unavailability  float64 `json:"unavailability"` // q, the component's own
	Birnbaum        float64 `json:"birnbaum"`
	Criticality     float64 `json:"criticality"`
	RiskAchievement float64 `json:"riskAchievementWorth"`
	RiskReduction   float64 `json:"riskReductionWorth"`
	FussellVesely   float64 `json:"fussellVesely"`
}

// Importance returns the importance measures of every component below a
// node, sorted by decreasing criticality (the weakest links first), ties by
// decreasing Birnbaum importance and then by name. All of them come from
// two linear passes over the node's BDD.
func (m *Model) Importance(ctx context.Context, node string) ([]Importance, error) {
	i, err := m.lookup(node)
	if err != nil {
		return nil, err
	}
	d, err := m.diagram(ctx, i)
	if err != nil {
		return nil, err
	}
	q := m.q()
	c, err := d.Conditionals(q)
	if err != nil {
		return nil, err
	}
	var out []Importance
	for _, v := range m.reachable(i) {
		if !m.hasOwn[v] {
			continue
		}
		k := m.comp[v]
		out = append(out, importance(m.names[v], q[k], c.P, c.GivenTrue[k], c.GivenFalse[k]))
	}
	slices.SortStableFunc(out, func(a, b Importance) int {
		if r := cmp.Compare(b.Criticality, a.Criticality); r != 0 {
			return r
		}
		if r := cmp.Compare(b.Birnbaum, a.Birnbaum); r != 0 {
			return r
		}
		return cmp.Compare(a.Component, b.Component)
	})
	return out, nil
}

func importance(name string, q, u, u1, u0 float64) Importance {
	imp := Importance{Component: name, Unavailability: q, Birnbaum: max(0, u1-u0)}
	if u == 0 {
		imp.RiskAchievement, imp.RiskReduction = 1, 1
		return imp
	}
	imp.Criticality = imp.Birnbaum * q / u
	imp.RiskAchievement = u1 / u
	imp.FussellVesely = imp.Criticality
	if u0 == 0 {
		imp.RiskReduction = math.Inf(1)
	} else {
		imp.RiskReduction = u / u0
	}
	return imp
}

// Allocate returns the lowest availability that a component must have for
// a node to reach the target availability, assuming independent failures
// and the other components as they are. It is exact: the node's
// unavailability is linear in the component's, U = U₀ + q·(U₁ − U₀), so
// the answer is q = (Uₜ − U₀)/(U₁ − U₀).
//
// If the target is met even when the component is always down, the result
// is 0% ([Never]). If it is missed even when the component never fails, the
// error wraps [ErrUnreachable] and says what the node reaches at best.
func (m *Model) Allocate(ctx context.Context, node, component string, target Availability) (Availability, error) {
	i, v, err := m.allocationPair(node, component)
	if err != nil {
		return Availability{}, err
	}
	d, err := m.diagram(ctx, i)
	if err != nil {
		return Availability{}, err
	}
	c, err := d.Conditionals(m.q())
	if err != nil {
		return Availability{}, err
	}
	k := m.comp[v]
	u0, u1, ut := c.GivenFalse[k], c.GivenTrue[k], target.u
	switch {
	case ut >= u1:
		return Never, nil
	case ut < u0:
		return Availability{}, unreachable(node, component, target, Availability{u: u0}, "")
	}
	return Availability{u: clamp01((ut - u0) / (u1 - u0))}, nil
}

// allocationPair looks up the node and the component of an allocation; the
// component must have an availability of its own.
func (m *Model) allocationPair(node, component string) (i, v int, err error) {
	if i, err = m.lookup(node); err != nil {
		return 0, 0, err
	}
	if v, err = m.lookup(component); err != nil {
		return 0, 0, err
	}
	if !m.hasOwn[v] {
		return 0, 0, &GraphError{Node: component, Problem: "is a pure group; allocate to its components", Err: ErrNotComponent}
	}
	return i, v, nil
}

// unreachable reports a target missed even with the component perfect, in
// which case the node reaches best.
func unreachable(node, component string, target, best Availability, under string) error {
	return &GraphError{Node: node,
		Problem: fmt.Sprintf("cannot reach %s through %s%s: even with %s at 100%% it reaches %s", target,
			strconv.Quote(component), under, strconv.Quote(component), best),
		Err: ErrUnreachable}
}

// AllocateUnder is [Model.Allocate] under any assumption. Independent is
// Allocate itself. Under WorstCase and BestCase the node's bound (see
// [Model.Evaluate]) does not decrease as the component's unavailability
// grows, so the largest unavailability that keeps the node's bound within
// the target is found by bisection on the float64 values of U, to the last
// bit. The errors are those of Allocate.
func (m *Model) AllocateUnder(ctx context.Context, node, component string, target Availability, as Assumption) (Availability, error) {
	if err := as.check("Model.AllocateUnder"); err != nil {
		return Availability{}, err
	}
	if as == Independent {
		return m.Allocate(ctx, node, component, target)
	}
	i, v, err := m.allocationPair(node, component)
	if err != nil {
		return Availability{}, err
	}
	w := *m
	w.own = slices.Clone(m.own)
	at := func(u float64) float64 {
		w.own[v] = Availability{u: u}
		return w.bound(i, as).u
	}
	if at(1) <= target.u {
		return Never, nil
	}
	if best := at(0); best > target.u {
		return Availability{}, unreachable(node, component, target, Availability{u: best}, " under "+as.String())
	}
	// Invariant: at(lo) ≤ target < at(hi). Bisect on the bit patterns of
	// non-negative float64s, which order like the values.
	lo, hi := uint64(0), math.Float64bits(1)
	for hi-lo > 1 {
		if err := ctx.Err(); err != nil {
			return Availability{}, err
		}
		mid := lo + (hi-lo)/2
		if at(math.Float64frombits(mid)) <= target.u {
			lo = mid
		} else {
			hi = mid
		}
	}
	return Availability{u: math.Float64frombits(lo)}, nil
}
