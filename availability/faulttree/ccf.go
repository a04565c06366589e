package faulttree

import (
	"math"
	"slices"
	"strings"

	"github.com/slacalc/slacalc/availability"
)

// ccfGroup is a define-CCF-group: members that fail independently or
// together from a common cause.
type ccfGroup struct {
	name      string
	el        *element
	sc        *scope
	model     string
	members   []*definition
	memberLit []lit
	ok        bool
}

func (r *reader) declareCCF(e *element, sc *scope) {
	n, ok := r.name(e)
	if !ok {
		return
	}
	g := &ccfGroup{name: sc.join(n), el: e, sc: sc}
	g.model, _ = e.attr("model")
	switch g.model {
	case "beta-factor", "MGL", "alpha-factor", "phi-factor":
	default:
		r.fail(availability.ErrSyntax, e, g.name, "model=%q is not beta-factor, MGL, alpha-factor or phi-factor", g.model)
		return
	}
	for _, k := range e.args() {
		if k.name != "members" {
			continue
		}
		for _, m := range k.args() {
			if m.name != "basic-event" {
				r.fail(availability.ErrSyntax, m, g.name, "members are <basic-event name=…/> elements")
				continue
			}
			// A member is a basic event defined by the group.
			d := r.declare(&element{name: "define-basic-event", attrs: m.attrs, file: m.file, line: m.line, col: m.col}, sc)
			if d != nil {
				d.ccf, d.member = g, len(g.members)
				g.members = append(g.members, d)
			}
		}
	}
	r.groups = append(r.groups, g)
}

// expandCCF applies the group's model as the MEF defines it: a new basic
// event for each combination of members that can fail together (for
// beta-factor: each member alone and all of them), with the probability of
// its level, and each member replaced by the OR of the events that include
// it. With Q the members' probability and n their number, the probability
// of one combination of k members is
//
//	beta-factor   Q₁ = (1 − β)·Q, Qₙ = β·Q
//	MGL           Q_k = ρ₁·…·ρ_k·(1 − ρ_(k+1)) / C(n−1, k−1) · Q, ρ₁ = 1, ρ above the last level 0
//	alpha-factor  Q_k = k / C(n−1, k−1) · α_k / α_t · Q, α_t = Σ j·α_j
//	phi-factor    Q_k = φ_k · Q
//
// Combinations of a level whose probability is zero are not created.
func (r *reader) expandCCF(g *ccfGroup) {
	e := g.el
	n := len(g.members)
	if n < 2 {
		r.fail(availability.ErrSyntax, e, g.name, "a CCF group needs at least 2 members, found %d", n)
		return
	}
	if n > r.lim.MaxCCFMembers {
		r.fail(ErrLimit, e, g.name, "%d members, more than the limit of %d", n, r.lim.MaxCCFMembers)
		return
	}
	var dist *element
	var factors []*element
	for _, k := range e.args() {
		switch k.name {
		case "members":
		case "distribution":
			if a := k.args(); len(a) == 1 {
				dist = a[0]
			} else {
				r.fail(availability.ErrSyntax, k, g.name, "a distribution holds one expression")
				return
			}
		case "factors":
			factors = append(factors, k.args()...)
		case "factor":
			factors = append(factors, k)
		default:
			r.fail(availability.ErrSyntax, k, g.name, "unknown element in a CCF group")
			return
		}
	}
	if dist == nil || len(factors) == 0 {
		r.fail(availability.ErrSyntax, e, g.name, "a CCF group needs a <distribution> and factors")
		return
	}
	owner := g.name
	q, ok := r.expr(dist, g.sc, owner)
	if !ok {
		return
	}
	if !(q >= 0 && q <= 1) {
		r.fail(availability.ErrRange, dist, owner, "probability %v is outside [0, 1]", q)
		return
	}
	first := map[string]int{"beta-factor": n, "MGL": 2, "alpha-factor": 1, "phi-factor": 1}[g.model]
	if g.model == "beta-factor" && len(factors) != 1 {
		r.fail(availability.ErrSyntax, e, owner, "the beta-factor model takes one factor, found %d", len(factors))
		return
	}
	f := map[int]float64{} // by level
	last := 0
	for i, fe := range factors {
		if fe.name != "factor" || len(fe.args()) != 1 {
			r.fail(availability.ErrSyntax, fe, owner, "want <factor [level=…]> expression </factor>")
			return
		}
		level := first + i
		if _, has := fe.attr("level"); has {
			if level, ok = parseInt(fe, r, owner, "level"); !ok {
				return
			}
		}
		if level < first || level > n || level != first+i {
			r.fail(availability.ErrRange, fe, owner, "level %d: the %s model wants levels %d, %d, … in order, at most %d", level, g.model, first, first+1, n)
			return
		}
		x, ok := r.expr(fe.args()[0], g.sc, owner)
		if !ok {
			return
		}
		if !(x >= 0 && x <= 1) {
			r.fail(availability.ErrRange, fe, owner, "factor %v is outside [0, 1]", x)
			return
		}
		f[level] = x
		last = level
	}
	qk := make([]float64, last+1) // probability of one combination of k members
	switch g.model {
	case "beta-factor":
		qk = make([]float64, n+1)
		qk[1] = (1 - f[n]) * q
		qk[n] = f[n] * q
	case "MGL":
		prod := 1.0
		for k := 1; k <= last; k++ {
			if k > 1 {
				prod *= f[k]
			}
			qk[k] = prod * (1 - f[k+1]) / binomial(n-1, k-1) * q // f[last+1] is 0
		}
	case "alpha-factor":
		var at float64
		for k := 1; k <= last; k++ {
			at += float64(k) * f[k]
		}
		if at == 0 {
			r.fail(availability.ErrRange, e, owner, "all alpha factors are zero")
			return
		}
		for k := 1; k <= last; k++ {
			qk[k] = float64(k) / binomial(n-1, k-1) * f[k] / at * q
		}
	case "phi-factor":
		var sum float64
		for k := 1; k <= last; k++ {
			sum += f[k]
			qk[k] = f[k] * q
		}
		if math.Abs(sum-1) > 1e-9 {
			r.fail(availability.ErrRange, e, owner, "phi factors sum to %v, not 1", sum)
			return
		}
	}
	// One event per combination, smallest first; member i's OR collects
	// the events that include it.
	ors := make([][]lit, n)
	for k := 1; k < len(qk); k++ {
		if qk[k] == 0 && k > 1 {
			continue
		}
		forCombinations(n, k, func(idx []int) {
			names := make([]string, len(idx))
			for j, i := range idx {
				names[j] = g.members[i].display()
			}
			name := "[" + strings.Join(names, " ") + "]"
			d := &definition{kind: kindBasic, name: name, full: g.sc.join(name), sc: g.sc, value: qk[k], ok: true}
			l, _ := r.basicLit(d)
			for _, i := range idx {
				ors[i] = append(ors[i], l)
			}
		})
	}
	g.memberLit = make([]lit, n)
	for i := range ors {
		g.memberLit[i] = r.g.mk(opOr, 0, ors[i])
	}
	g.ok = true
}

// binomial is C(n, k) as a float64, exact for the group sizes allowed.
func binomial(n, k int) float64 {
	c := 1.0
	for i := 1; i <= k; i++ {
		c = c * float64(n-k+i) / float64(i)
	}
	return math.Round(c)
}

// forCombinations calls f with each k-subset of 0..n−1 in lexicographic
// order; f must not keep idx.
func forCombinations(n, k int, f func(idx []int)) {
	idx := make([]int, k)
	for i := range idx {
		idx[i] = i
	}
	for {
		f(slices.Clone(idx))
		i := k - 1
		for i >= 0 && idx[i] == n-k+i {
			i--
		}
		if i < 0 {
			return
		}
		idx[i]++
		for j := i + 1; j < k; j++ {
			idx[j] = idx[j-1] + 1
		}
	}
}
