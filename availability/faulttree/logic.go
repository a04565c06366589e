package faulttree

import (
	"strings"

	"github.com/slacalc/slacalc/availability"
)

// lit is an edge of the lowered logic: a node, possibly negated. Node −1
// is the constant true, so {−1, true} is false.
type lit struct {
	node int32
	neg  bool
}

var (
	litTrue  = lit{node: -1}
	litFalse = lit{node: -1, neg: true}
)

func (l lit) not() lit      { return lit{l.node, !l.neg} }
func (l lit) isConst() bool { return l.node < 0 }

type opcode uint8

const (
	opVar opcode = iota + 1
	opAnd
	opOr
	opAtLeast
	opXor
)

// lnode is a node of the lowered logic: a basic event or a gate whose
// inputs are edges. not, nand, nor, iff, imply, cardinality and null are
// written with these and negated edges.
type lnode struct {
	op   opcode
	k    int
	in   []lit
	ev   *definition // opVar
	name string      // the defining gate, if any
}

type graph struct{ nodes []lnode }

func (g *graph) add(n lnode) lit {
	g.nodes = append(g.nodes, n)
	return lit{node: int32(len(g.nodes) - 1)}
}

// mk builds op(k, in) with constants folded: the MEF's propagation of
// house events and Boolean constants.
func (g *graph) mk(op opcode, k int, in []lit) lit {
	out := in[:0:0]
	neg := false
	switch op {
	case opAnd, opOr:
		absorb, unit := litFalse, litTrue // and: false absorbs, true vanishes
		if op == opOr {
			absorb, unit = litTrue, litFalse
		}
		for _, x := range in {
			switch x {
			case absorb:
				return absorb
			case unit:
			default:
				out = append(out, x)
			}
		}
		switch len(out) {
		case 0:
			return unit
		case 1:
			return out[0]
		}
	case opAtLeast:
		for _, x := range in {
			switch x {
			case litTrue:
				k--
			case litFalse:
			default:
				out = append(out, x)
			}
		}
		switch {
		case k <= 0:
			return litTrue
		case k > len(out):
			return litFalse
		case k == 1:
			return g.mk(opOr, 0, out)
		case k == len(out):
			return g.mk(opAnd, 0, out)
		}
	case opXor:
		for _, x := range in {
			switch x {
			case litTrue:
				neg = !neg
			case litFalse:
			default:
				out = append(out, x)
			}
		}
		switch len(out) {
		case 0:
			return lit{node: -1, neg: !neg}
		case 1:
			return lit{out[0].node, out[0].neg != neg}
		}
	}
	l := g.add(lnode{op: op, k: k, in: out})
	l.neg = neg
	return l
}

// gate lowers a gate definition; stack holds the gates being lowered, to
// name a cycle.
func (r *reader) gate(d *definition, stack []*definition) (lit, bool) {
	switch d.state {
	case 2:
		return d.node, d.ok
	case 1:
		names := []string{}
		for i := len(stack) - 1; i >= 0; i-- {
			names = append([]string{stack[i].display()}, names...)
			if stack[i] == d {
				break
			}
		}
		r.fail(ErrCycle, d.el, d.display(), "cycle %s → %s", strings.Join(names, " → "), d.display())
		return litFalse, false
	}
	if len(stack) >= r.lim.MaxReferenceDepth {
		r.fail(ErrLimit, d.el, d.display(), "gates defined through more than %d others", r.lim.MaxReferenceDepth)
		d.state = 2
		return litFalse, false
	}
	d.state = 1
	stack = append(stack, d)
	args := d.el.args()
	if len(args) != 1 {
		r.fail(availability.ErrSyntax, d.el, d.display(), "want exactly one formula, found %d", len(args))
		d.state = 2
		return litFalse, false
	}
	l, ok := r.formula(args[0], d, stack)
	if ok && !l.isConst() && r.g.nodes[l.node].name == "" && r.g.nodes[l.node].op != opVar {
		r.g.nodes[l.node].name = d.display()
	}
	d.node, d.ok, d.state = l, ok, 2
	return l, ok
}

var formulaOps = map[string]bool{
	"and": true, "or": true, "not": true, "xor": true, "nand": true, "nor": true, "iff": true,
	"imply": true, "atleast": true, "cardinality": true, "null": true,
}

func (r *reader) formula(f *element, owner *definition, stack []*definition) (lit, bool) {
	on := owner.display()
	switch f.name {
	case "gate", "basic-event", "house-event", "event":
		return r.ref(f, owner, stack)
	case "constant":
		if len(f.args()) > 0 {
			r.fail(availability.ErrSyntax, f, on, "a constant has no content")
			return litFalse, false
		}
		b, ok := r.boolConst(f, on)
		if b {
			return litTrue, ok
		}
		return litFalse, ok
	}
	if !formulaOps[f.name] {
		r.fail(availability.ErrSyntax, f, on, "not a Boolean formula (and, or, atleast, not, xor, nand, nor, iff, imply, cardinality, null, a reference or a constant)")
		return litFalse, false
	}
	args := f.args()
	in := make([]lit, 0, len(args))
	ok := true
	for _, a := range args {
		l, k := r.formula(a, owner, stack)
		in = append(in, l)
		ok = ok && k
	}
	want := func(lo, hi int) bool {
		if len(in) < lo || hi >= 0 && len(in) > hi {
			r.fail(availability.ErrSyntax, f, on, "wrong number of arguments (%d)", len(in))
			return false
		}
		return true
	}
	var lo, hi int
	switch f.name {
	case "not", "null":
		lo, hi = 1, 1
	case "iff", "imply":
		lo, hi = 2, 2
	case "and", "or", "nand", "nor", "xor":
		lo, hi = 1, -1
	default:
		lo, hi = 1, -1
	}
	if !want(lo, hi) || !ok {
		return litFalse, false
	}
	g := r.g
	switch f.name {
	case "and":
		return g.mk(opAnd, 0, in), true
	case "or":
		return g.mk(opOr, 0, in), true
	case "nand":
		return g.mk(opAnd, 0, in).not(), true
	case "nor":
		return g.mk(opOr, 0, in).not(), true
	case "xor":
		return g.mk(opXor, 0, in), true
	case "iff":
		return g.mk(opXor, 0, in).not(), true
	case "not":
		return in[0].not(), true
	case "null":
		return in[0], true
	case "imply":
		return g.mk(opOr, 0, []lit{in[0].not(), in[1]}), true
	case "atleast":
		k, ok := parseInt(f, r, on, "min")
		if !ok {
			return litFalse, false
		}
		if k < 1 || k > len(in) {
			r.fail(availability.ErrRange, f, on, "min=%d must lie in [1, %d]", k, len(in))
			return litFalse, false
		}
		return g.mk(opAtLeast, k, in), true
	}
	// cardinality: between min and max inputs true, i.e.
	// atleast(min) ∧ ¬atleast(max+1).
	lo, ok1 := parseInt(f, r, on, "min")
	hi, ok2 := parseInt(f, r, on, "max")
	if !ok1 || !ok2 {
		return litFalse, false
	}
	if lo < 0 || hi < lo || hi > len(in) {
		r.fail(availability.ErrRange, f, on, "want 0 ≤ min ≤ max ≤ %d, found min=%d max=%d", len(in), lo, hi)
		return litFalse, false
	}
	return g.mk(opAnd, 0, []lit{g.mk(opAtLeast, lo, in), g.mk(opAtLeast, hi+1, in).not()}), true
}

func (r *reader) ref(f *element, owner *definition, stack []*definition) (lit, bool) {
	on := owner.display()
	n, ok := f.attr("name")
	if !ok || n == "" {
		r.fail(availability.ErrSyntax, f, on, "reference without a name")
		return litFalse, false
	}
	if len(f.args()) > 0 {
		r.fail(availability.ErrSyntax, f, on, "reference %q has content", n)
		return litFalse, false
	}
	want := f.name
	if want == "event" {
		if t, ok := f.attr("type"); ok {
			want = t
			if t != "gate" && t != "basic-event" && t != "house-event" {
				r.fail(availability.ErrSyntax, f, on, "type=%q is not gate, basic-event or house-event", t)
				return litFalse, false
			}
		}
	}
	d := resolve(r.eventsFull, r.eventsPublic, owner.sc, n)
	if d == nil {
		r.fail(ErrUndefined, f, on, "undefined %s %q", strings.ReplaceAll(want, "-", " "), n)
		return litFalse, false
	}
	kind := map[string]defKind{"gate": kindGate, "basic-event": kindBasic, "house-event": kindHouse}[want]
	if want != "event" && d.kind != kind {
		r.fail(ErrUndefined, f, on, "%q is a %s, not a %s", n, d.kind, strings.ReplaceAll(want, "-", " "))
		return litFalse, false
	}
	switch d.kind {
	case kindGate:
		d.used = true
		return r.gate(d, stack)
	case kindHouse:
		r.house(d)
		if d.value != 0 {
			return litTrue, d.ok
		}
		return litFalse, d.ok
	}
	return r.basicLit(d)
}

// basicLit is the variable of a basic event, or for a CCF member the OR
// of the CCF events that include it.
func (r *reader) basicLit(d *definition) (lit, bool) {
	if d.ccf != nil {
		if !d.ccf.ok {
			return litFalse, false
		}
		return d.ccf.memberLit[d.member], true
	}
	if !d.ok {
		return litFalse, false
	}
	if d.state != 3 {
		d.node = r.g.add(lnode{op: opVar, ev: d})
		d.state = 3
	}
	return d.node, true
}
