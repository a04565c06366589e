package openpsa

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/slacalc/slacalc/internal/bdd"
)

// Kind is the logic of a [Gate].
type Kind = bdd.Kind

// The gate kinds, as in package bdd.
const (
	And     = bdd.KindAnd
	Or      = bdd.KindOr
	AtLeast = bdd.KindAtLeast
)

// Input is an input of a gate: a basic event or another gate, by index into
// [FaultTree.Events] or [FaultTree.Gates].
type Input struct {
	// Gate is true for a gate, false for a basic event.
	Gate bool
	// Index is the index of the gate or event.
	Index int
}

// Gate is a gate of a fault tree. Nested formulas become gates of their own
// named after their parent ("g12#1", "g12#2", …; '#' cannot occur in an
// Open-PSA identifier) with Anonymous set.
type Gate struct {
	// Name is the gate's name.
	Name string
	// Kind is the gate's logic.
	Kind Kind
	// Min is the threshold of an AtLeast gate (1 ≤ Min ≤ len(Inputs)).
	Min int
	// Inputs are the gate's inputs, in document order.
	Inputs []Input
	// Anonymous marks a gate made from a nested formula.
	Anonymous bool
	// Line is the line of the gate's definition.
	Line int
}

// BasicEvent is a basic event: a variable of the fault tree.
type BasicEvent struct {
	// Name is the event's name.
	Name string
	// Probability is the probability that the event occurs (the
	// component is failed), in [0, 1].
	Probability float64
	// Line is the line of the event's definition.
	Line int
}

// FaultTree is a coherent fault tree read from an Open-PSA MEF document:
// gates over basic events, with the top gate chosen. All fault trees of the
// document share one namespace.
type FaultTree struct {
	// Name is the name of the first define-fault-tree.
	Name string
	// Gates are the gates, defined ones in document order, then the
	// anonymous ones.
	Gates []Gate
	// Events are the basic events in document order.
	Events []BasicEvent
	// Top is the index of the top gate.
	Top int
}

// Options controls [Parse].
type Options struct {
	// Top names the top gate. Empty means the unique gate that no other
	// gate references; several such gates are then an [ErrTop] error
	// that lists them.
	Top string
	// MaxDepth bounds the nesting of XML elements (0 means 256), so that
	// hostile input cannot exhaust the stack.
	MaxDepth int
}

// ParseFile reads the Open-PSA document at path; see [Parse].
func ParseFile(path string, opts Options) (*FaultTree, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(bytes.NewReader(data), opts)
}

// element is one XML element of the document, with its position.
type element struct {
	name      string
	attrs     []xml.Attr
	kids      []*element
	line, col int
}

func (e *element) attr(name string) (string, bool) {
	for _, a := range e.attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// readTree reads the whole document into elements; the Aralia files are a
// few hundred kilobytes, so a tree is simpler than streaming and costs
// little.
func readTree(r io.Reader, maxDepth int) (*element, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = true
	var root *element
	var stack []*element
	for {
		line, col := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, col = dec.InputPos()
			return nil, &Error{Err: ErrSyntax, Line: line, Col: col, Msg: err.Error()}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxDepth {
				return nil, &Error{Err: ErrSyntax, Line: line, Col: col, Element: t.Name.Local, Msg: fmt.Sprintf("nesting deeper than %d", maxDepth)}
			}
			e := &element{name: t.Name.Local, attrs: slices.Clone(t.Attr), line: line, col: col}
			if len(stack) == 0 {
				if root != nil {
					return nil, &Error{Err: ErrSyntax, Line: line, Col: col, Element: e.name, Msg: "second root element"}
				}
				root = e
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, e)
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	if root == nil {
		return nil, &Error{Err: ErrSyntax, Msg: "no root element"}
	}
	if root.name != "opsa-mef" {
		return nil, &Error{Err: ErrSyntax, Line: root.line, Col: root.col, Element: root.name, Msg: "root element is not <opsa-mef>"}
	}
	return root, nil
}

// parser accumulates definitions and problems.
type parser struct {
	ft       *FaultTree
	gateDefs []*element // per defined gate, its definition
	gateIdx  map[string]int
	eventIdx map[string]int
	errs     []error
	more     int // problems beyond maxErrors
}

func (p *parser) fail(err error, e *element, name, format string, args ...any) {
	if len(p.errs) >= maxErrors {
		p.more++
		return
	}
	pe := &Error{Err: err, Name: name, Msg: fmt.Sprintf(format, args...)}
	if e != nil {
		pe.Line, pe.Col, pe.Element = e.line, e.col, e.name
	}
	p.errs = append(p.errs, pe)
}

func (p *parser) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	errs := p.errs
	if p.more > 0 {
		errs = append(errs, fmt.Errorf("openpsa: and %d more problems", p.more))
	}
	return errors.Join(errs...)
}

// ignorable are elements that carry no logic.
func ignorable(name string) bool {
	return name == "label" || name == "attributes"
}

// Parse reads an Open-PSA MEF document holding coherent fault trees: gates
// with and, or and atleast formulas (nested or not) over gates and basic
// events, and basic events with constant float probabilities. Everything
// else is rejected with an [*Error] that names the element, the gate or
// event, and the position; all problems of a document are reported at once
// (up to 20), joined with errors.Join.
func Parse(r io.Reader, opts Options) (*FaultTree, error) {
	maxDepth := opts.MaxDepth
	if maxDepth <= 0 {
		maxDepth = 256
	}
	root, err := readTree(r, maxDepth)
	if err != nil {
		return nil, err
	}
	p := &parser{ft: &FaultTree{}, gateIdx: map[string]int{}, eventIdx: map[string]int{}}
	// Pass 1: definitions, so that references may come before them.
	for _, e := range root.kids {
		switch e.name {
		case "define-fault-tree":
			if p.ft.Name == "" {
				p.ft.Name, _ = e.attr("name")
			}
			for _, d := range e.kids {
				p.definition(d, true)
			}
		case "model-data":
			for _, d := range e.kids {
				p.definition(d, false)
			}
		default:
			if !ignorable(e.name) {
				p.fail(ErrUnsupported, e, "", "only define-fault-tree and model-data are supported")
			}
		}
	}
	// Pass 2: formulas.
	for g, def := range p.gateDefs {
		p.gateFormula(g, def)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if err := p.checkCycles(); err != nil {
		return nil, err
	}
	if err := p.chooseTop(opts.Top); err != nil {
		return nil, err
	}
	return p.ft, nil
}

func (p *parser) name(e *element) (string, bool) {
	n, ok := e.attr("name")
	n = strings.TrimSpace(n)
	if !ok || n == "" {
		p.fail(ErrInvalid, e, "", "missing name")
		return "", false
	}
	return n, true
}

func (p *parser) definition(d *element, inTree bool) {
	switch d.name {
	case "define-gate":
		if !inTree {
			p.fail(ErrUnsupported, d, "", "gates belong in define-fault-tree")
			return
		}
		n, ok := p.name(d)
		if !ok {
			return
		}
		if p.defined(d, n) {
			return
		}
		p.gateIdx[n] = len(p.ft.Gates)
		p.ft.Gates = append(p.ft.Gates, Gate{Name: n, Line: d.line})
		p.gateDefs = append(p.gateDefs, d)
	case "define-basic-event":
		n, ok := p.name(d)
		if !ok {
			return
		}
		if p.defined(d, n) {
			return
		}
		prob := p.probability(d, n)
		p.eventIdx[n] = len(p.ft.Events)
		p.ft.Events = append(p.ft.Events, BasicEvent{Name: n, Probability: prob, Line: d.line})
	default:
		if !ignorable(d.name) {
			n, _ := d.attr("name")
			p.fail(ErrUnsupported, d, n, "only define-gate and define-basic-event are supported")
		}
	}
}

// defined reports (and records as an error) a name already in use: gates
// and basic events share the namespace, since a reference by <event> could
// not tell them apart.
func (p *parser) defined(d *element, n string) bool {
	_, g := p.gateIdx[n]
	_, e := p.eventIdx[n]
	if g || e {
		p.fail(ErrDuplicate, d, n, "defined twice")
		return true
	}
	return false
}

func (p *parser) probability(d *element, n string) float64 {
	var expr []*element
	for _, k := range d.kids {
		if !ignorable(k.name) {
			expr = append(expr, k)
		}
	}
	if len(expr) != 1 {
		p.fail(ErrProbability, d, n, "want exactly one <float value=…/> probability, found %d expressions", len(expr))
		return 0
	}
	e := expr[0]
	if e.name != "float" {
		p.fail(ErrUnsupported, e, n, "only constant <float> probabilities are supported")
		return 0
	}
	s, ok := e.attr("value")
	if !ok {
		p.fail(ErrProbability, e, n, "missing value")
		return 0
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !(x >= 0 && x <= 1) {
		p.fail(ErrProbability, e, n, "probability %q is not a number in [0, 1]", s)
		return 0
	}
	return x
}

func (p *parser) gateFormula(g int, d *element) {
	var formula []*element
	for _, k := range d.kids {
		if !ignorable(k.name) {
			formula = append(formula, k)
		}
	}
	name := p.ft.Gates[g].Name
	if len(formula) != 1 {
		p.fail(ErrInvalid, d, name, "want exactly one formula, found %d", len(formula))
		return
	}
	p.formula(g, formula[0], name, new(int))
}

// formula fills gate g from the formula element f; nested formulas become
// anonymous gates numbered through *anon.
func (p *parser) formula(g int, f *element, owner string, anon *int) {
	gate := &p.ft.Gates[g]
	switch f.name {
	case "and":
		gate.Kind = And
	case "or":
		gate.Kind = Or
	case "atleast":
		gate.Kind = AtLeast
	case "gate", "basic-event", "event":
		// A gate defined as a single reference: a one-input And.
		gate.Kind = And
		if in, ok := p.ref(f, owner); ok {
			gate.Inputs = []Input{in}
		}
		return
	default:
		p.fail(ErrUnsupported, f, owner, "only and, or, atleast formulas over gates and basic events are supported (coherent fault trees)")
		return
	}
	var args []*element
	for _, k := range f.kids {
		if !ignorable(k.name) {
			args = append(args, k)
		}
	}
	if len(args) == 0 {
		p.fail(ErrInvalid, f, owner, "formula without arguments")
		return
	}
	if gate.Kind == AtLeast {
		s, _ := f.attr("min")
		k, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || k < 1 || k > len(args) {
			p.fail(ErrInvalid, f, owner, "min=%q must be an integer in [1, %d]", s, len(args))
			return
		}
		gate.Min = k
	}
	inputs := make([]Input, 0, len(args))
	for _, a := range args {
		switch a.name {
		case "gate", "basic-event", "event":
			if in, ok := p.ref(a, owner); ok {
				inputs = append(inputs, in)
			}
		default:
			*anon++
			sub := len(p.ft.Gates)
			p.ft.Gates = append(p.ft.Gates, Gate{Name: fmt.Sprintf("%s#%d", owner, *anon), Anonymous: true, Line: a.line})
			p.formula(sub, a, owner, anon)
			inputs = append(inputs, Input{Gate: true, Index: sub})
		}
	}
	// gate may have moved when nested gates were appended.
	p.ft.Gates[g].Inputs = inputs
}

func (p *parser) ref(e *element, owner string) (Input, bool) {
	n, ok := e.attr("name")
	n = strings.TrimSpace(n)
	if !ok || n == "" {
		p.fail(ErrInvalid, e, owner, "reference without a name")
		return Input{}, false
	}
	if len(e.kids) > 0 {
		p.fail(ErrInvalid, e, owner, "reference %q has content", n)
		return Input{}, false
	}
	g, isGate := p.gateIdx[n]
	v, isEvent := p.eventIdx[n]
	want := e.name
	if want == "event" {
		if t, ok := e.attr("type"); ok {
			want = t
		}
	}
	switch {
	case isGate && (want == "gate" || want == "event"):
		return Input{Gate: true, Index: g}, true
	case isEvent && (want == "basic-event" || want == "event"):
		return Input{Index: v}, true
	case want == "house-event":
		p.fail(ErrUnsupported, e, owner, "house event %q: house events are not supported", n)
	case isGate || isEvent:
		p.fail(ErrUndefined, e, owner, "%q is not a %s", n, want)
	default:
		p.fail(ErrUndefined, e, owner, "undefined %s %q", want, n)
	}
	return Input{}, false
}

// Structure returns the fault tree as a [bdd.Structure]: variable i is
// basic event i (true = failed) and gate i is Gates[i].
func (ft *FaultTree) Structure() *bdd.Structure {
	s := &bdd.Structure{NumVars: len(ft.Events), Gates: make([]bdd.Gate, len(ft.Gates)), Top: bdd.GateRef(ft.Top)}
	for i, g := range ft.Gates {
		in := make([]bdd.Ref, len(g.Inputs))
		for j, x := range g.Inputs {
			in[j] = bdd.Ref{Gate: x.Gate, Index: x.Index}
		}
		s.Gates[i] = bdd.Gate{Kind: g.Kind, K: g.Min, Inputs: in}
	}
	return s
}

// Probabilities returns the basic events' probabilities, indexed like
// Events (and like the variables of [FaultTree.Structure]).
func (ft *FaultTree) Probabilities() []float64 {
	q := make([]float64, len(ft.Events))
	for i, e := range ft.Events {
		q[i] = e.Probability
	}
	return q
}

func (p *parser) checkCycles() error {
	if len(p.ft.Gates) == 0 {
		return nil // chooseTop reports it
	}
	s := p.ft.Structure()
	s.Top = bdd.GateRef(0) // any valid top: the top is chosen later
	err := s.Validate()
	var ce *bdd.CycleError
	if errors.As(err, &ce) {
		names := make([]string, len(ce.Gates))
		for i, g := range ce.Gates {
			names[i] = p.ft.Gates[g].Name
		}
		g := p.ft.Gates[ce.Gates[0]]
		return &Error{Err: ErrCycle, Line: g.Line, Name: g.Name, Msg: "cycle " + strings.Join(names, " → ") + " → " + names[0]}
	}
	if err != nil {
		// Parse has checked everything else; this would be a bug.
		return &Error{Err: ErrInvalid, Msg: err.Error()}
	}
	return nil
}

func (p *parser) chooseTop(top string) error {
	ft := p.ft
	if top != "" {
		g, ok := p.gateIdx[top]
		if !ok {
			return &Error{Err: ErrTop, Name: top, Msg: "no such gate"}
		}
		ft.Top = g
		return nil
	}
	used := make([]bool, len(ft.Gates))
	for _, g := range ft.Gates {
		for _, in := range g.Inputs {
			if in.Gate {
				used[in.Index] = true
			}
		}
	}
	var cands []string
	for g, u := range used {
		if !u && !ft.Gates[g].Anonymous {
			cands = append(cands, ft.Gates[g].Name)
			ft.Top = g
		}
	}
	switch {
	case len(cands) == 0:
		return &Error{Err: ErrTop, Msg: "no gate"}
	case len(cands) > 1:
		shown := cands[:min(len(cands), 10)]
		more := ""
		if len(cands) > len(shown) {
			more = fmt.Sprintf(" and %d more", len(cands)-len(shown))
		}
		return &Error{Err: ErrTop, Msg: fmt.Sprintf("%d gates are referenced by no other gate (%s%s); choose one with Options.Top",
			len(cands), strings.Join(shown, ", "), more)}
	}
	return nil
}

// Compile builds the BDD of the top event (true = system failed) with the
// given variable order (nil races the heuristics of [bdd.DefaultPortfolio],
// see [bdd.Compile]); variable i is Events[i]. The build stops with a
// [*bdd.BuildError] when opts.MaxNodes is exceeded or ctx is done.
func (ft *FaultTree) Compile(ctx context.Context, order bdd.Order, opts bdd.Options) (*bdd.Diagram, error) {
	return bdd.Compile(ctx, ft.Structure(), order, opts)
}

// TopProbability returns the probability of the top event, exactly, with
// [bdd.ModularProbability]: independent sub-trees are evaluated separately,
// those without shared events in linear time, the others as BDDs ordered by
// the heuristics hs (nil means [bdd.DefaultPortfolio]). opts.MaxNodes
// bounds each module's BDD.
func (ft *FaultTree) TopProbability(ctx context.Context, hs []bdd.OrderHeuristic, opts bdd.Options) (*bdd.ModularResult, error) {
	return bdd.ModularProbability(ctx, ft.Structure(), ft.Probabilities(), hs, opts)
}
