package faulttree

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
)

// Source is one document of a model: a name for error messages (a path,
// say) and the reader holding the XML.
type Source struct {
	// Name names the source in errors.
	Name string
	// Reader holds the Open-PSA MEF document.
	Reader io.Reader
}

// ReadOptions controls [Read] and [ReadFiles]. The zero value reads the
// model with its unique top gate at SCRAM's default mission time of one
// year (8760 h).
type ReadOptions struct {
	// Top names the top gate, by its name or its full path
	// (fault-tree.component.gate). Empty means the unique gate that no
	// other gate references; several such gates are an [ErrTop] error that
	// lists them.
	Top string
	// MissionTime is the value of <system-mission-time/>, the t of the
	// time-dependent built-ins, which the MEF expresses in hours. Zero
	// means 8760 h. A model's own define-parameter values are not
	// affected.
	MissionTime time.Duration
	// HouseEvents overrides the values of house events, by name or full
	// path (true: the event occurs).
	HouseEvents map[string]bool
	// Limits bounds the input; the zero value takes the defaults.
	Limits Limits
}

// DefaultMissionTime is the mission time used when [ReadOptions] gives
// none: one year of 8760 hours, as SCRAM assumes.
const DefaultMissionTime = 8760 * time.Hour

// ReadFiles reads the model made of the Open-PSA MEF files at paths (a
// tree in one, its basic events in another, …); see [Read].
func ReadFiles(opts ReadOptions, paths ...string) (*Tree, error) {
	lim := opts.Limits.withDefaults()
	srcs := make([]Source, 0, len(paths))
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(f, lim.MaxBytes+1))
		f.Close()
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, Source{Name: p, Reader: bytes.NewReader(data)})
	}
	return Read(opts, srcs...)
}

// Read reads a model from one or more Open-PSA MEF documents, which share
// one namespace, and returns the fault tree of its top event with every
// probability evaluated, house events and Boolean constants propagated and
// CCF groups expanded. Every problem of the model is reported at once (up
// to 20), each a [*ReadError], joined with errors.Join.
func Read(opts ReadOptions, sources ...Source) (*Tree, error) {
	if len(sources) == 0 {
		return nil, &ReadError{Msg: "no source", Err: availability.ErrSyntax}
	}
	lim := opts.Limits.withDefaults()
	mt := opts.MissionTime
	if mt == 0 {
		mt = DefaultMissionTime
	}
	if mt < 0 {
		return nil, &ReadError{Msg: fmt.Sprintf("negative mission time %v", mt), Err: availability.ErrRange}
	}
	r := newReader(lim, mt.Hours())
	var cnt counter
	for _, s := range sources {
		root, err := readTree(s.Name, s.Reader, lim, &cnt)
		if err != nil {
			return nil, err
		}
		r.declareRoot(root)
	}
	if err := r.probs.err(); err != nil {
		return nil, err
	}
	r.houseOverrides(opts.HouseEvents)
	r.evaluate()
	if err := r.probs.err(); err != nil {
		return nil, err
	}
	top, err := r.chooseTop(opts.Top)
	if err != nil {
		return nil, err
	}
	return r.build(top, mt), nil
}

type defKind uint8

const (
	kindGate defKind = iota + 1
	kindBasic
	kindHouse
	kindParam
)

func (k defKind) String() string {
	switch k {
	case kindGate:
		return "gate"
	case kindBasic:
		return "basic event"
	case kindHouse:
		return "house event"
	}
	return "parameter"
}

// scope is a container: the model (path ""), a fault tree or a component.
type scope struct {
	path    string
	parent  *scope
	private bool // default role of its elements
}

func (s *scope) join(name string) string {
	if s.path == "" {
		return name
	}
	return s.path + "." + name
}

// definition is a gate, basic event, house event or parameter.
type definition struct {
	kind    defKind
	name    string // as written
	full    string // container path + name
	private bool
	el      *element
	sc      *scope
	used    bool // referenced by a gate (top candidates are not)
	state   uint8
	// Results.
	value  float64 // probability, house value (0/1) or parameter value
	ok     bool
	node   lit // lowered formula (gates), variable (basic events)
	ccf    *ccfGroup
	member int // index in ccf.members
}

// display is the name shown to users: the plain name of a public element,
// the full path of a private one.
func (d *definition) display() string {
	if d.private {
		return d.full
	}
	return d.name
}

type reader struct {
	lim         Limits
	missionTime float64 // hours
	probs       problems
	defs        []*definition
	gates       []*definition
	groups      []*ccfGroup
	// Namespaces: events (gates, basic and house events) and parameters,
	// by full path and, for public elements, by name.
	eventsFull, eventsPublic map[string]*definition
	paramsFull, paramsPublic map[string]*definition
	g                        *graph
	depth                    int // of parameters being evaluated
}

func newReader(lim Limits, mt float64) *reader {
	return &reader{
		lim: lim, missionTime: mt,
		eventsFull: map[string]*definition{}, eventsPublic: map[string]*definition{},
		paramsFull: map[string]*definition{}, paramsPublic: map[string]*definition{},
		g: &graph{},
	}
}

func (r *reader) fail(err error, e *element, name, format string, args ...any) {
	pe := &ReadError{Name: name, Msg: fmt.Sprintf(format, args...), Err: err}
	if e != nil {
		pe.File, pe.Line, pe.Col, pe.Element = e.file, e.line, e.col, e.name
	}
	r.probs.add(pe)
}

var rootScope = &scope{}

func (r *reader) declareRoot(root *element) {
	for _, e := range root.args() {
		switch e.name {
		case "define-fault-tree":
			r.container(e, rootScope)
		case "model-data":
			for _, d := range e.args() {
				switch d.name {
				case "define-basic-event", "define-house-event", "define-parameter":
					r.declare(d, rootScope)
				default:
					r.fail(availability.ErrSyntax, d, "", "model-data holds basic events, house events and parameters only")
				}
			}
		case "define-CCF-group":
			r.declareCCF(e, rootScope)
		case "include":
			r.fail(ErrUnsupported, e, "", "<include> is not followed; give every file of the model to Read or ReadFiles")
		case "define-event-tree", "define-initiating-event", "define-initiating-event-group", "define-sequence",
			"define-consequence", "define-consequence-group", "define-alignment", "define-mission", "define-rule",
			"define-substitution", "define-extern-function":
			n, _ := e.attr("name")
			r.fail(ErrUnsupported, e, n, "%s is outside fault-tree analysis and is not supported", e.name)
		default:
			r.fail(availability.ErrSyntax, e, "", "unknown element in <opsa-mef>")
		}
	}
}

// role reads an element's role attribute; def is the container's default.
func (r *reader) role(e *element, def bool) bool {
	s, ok := e.attr("role")
	switch {
	case !ok:
		return def
	case s == "private":
		return true
	case s == "public":
		return false
	}
	r.fail(availability.ErrSyntax, e, "", "role=%q is neither public nor private", s)
	return def
}

func (r *reader) container(e *element, parent *scope) {
	n, ok := r.name(e)
	if !ok {
		return
	}
	sc := &scope{path: parent.join(n), parent: parent, private: r.role(e, parent.private)}
	for _, d := range e.args() {
		switch d.name {
		case "define-gate", "define-basic-event", "define-house-event", "define-parameter":
			r.declare(d, sc)
		case "define-component":
			r.container(d, sc)
		case "define-CCF-group":
			r.declareCCF(d, sc)
		case "define-substitution":
			n, _ := d.attr("name")
			r.fail(ErrUnsupported, d, n, "substitutions (delete terms, recovery rules, exchange events) are not supported")
		default:
			r.fail(availability.ErrSyntax, d, "", "unknown element in <%s>", e.name)
		}
	}
}

func (r *reader) name(e *element) (string, bool) {
	n, ok := e.attr("name")
	if !ok || n == "" {
		r.fail(availability.ErrSyntax, e, "", "missing name")
		return "", false
	}
	if len(n) > r.lim.MaxNameLength {
		r.fail(ErrLimit, e, "", "name longer than %d bytes", r.lim.MaxNameLength)
		return "", false
	}
	if strings.ContainsAny(n, " \t\n\r") || strings.HasPrefix(n, ".") || strings.HasSuffix(n, ".") || strings.Contains(n, "..") {
		r.fail(availability.ErrSyntax, e, n, "not a valid identifier")
		return "", false
	}
	return n, true
}

func (r *reader) declare(e *element, sc *scope) *definition {
	n, ok := r.name(e)
	if !ok {
		return nil
	}
	if strings.Contains(n, ".") {
		r.fail(availability.ErrSyntax, e, n, "a defined name cannot contain '.' (it separates container names)")
		return nil
	}
	d := &definition{name: n, full: sc.join(n), private: r.role(e, sc.private), el: e, sc: sc}
	switch e.name {
	case "define-gate":
		d.kind = kindGate
	case "define-basic-event":
		d.kind = kindBasic
	case "define-house-event":
		d.kind = kindHouse
	default:
		d.kind = kindParam
	}
	full, public := r.eventsFull, r.eventsPublic
	if d.kind == kindParam {
		full, public = r.paramsFull, r.paramsPublic
	}
	if old := full[d.full]; old != nil {
		r.fail(ErrDuplicate, e, d.full, "defined twice (first at %s)", where(old.el))
		return nil
	}
	if !d.private {
		if old := public[n]; old != nil {
			r.fail(ErrDuplicate, e, n, "public name defined twice (first at %s)", where(old.el))
			return nil
		}
		public[n] = d
	}
	full[d.full] = d
	r.defs = append(r.defs, d)
	if d.kind == kindGate {
		r.gates = append(r.gates, d)
	}
	return d
}

func where(e *element) string {
	if e == nil {
		return "a CCF group"
	}
	if e.file != "" {
		return fmt.Sprintf("%s:%d", e.file, e.line)
	}
	return fmt.Sprintf("line %d", e.line)
}

// resolve finds the definition a reference names from scope sc, following
// the MEF: a name is looked up in the referencing container and then in
// each enclosing one (so private elements are visible inside their
// container, and "component.x" is a path relative to any of them), then
// among the public elements by plain name.
func resolve(full, public map[string]*definition, sc *scope, n string) *definition {
	for s := sc; s != nil; s = s.parent {
		if d := full[s.join(n)]; d != nil && (!d.private || within(sc, d.sc)) {
			return d
		}
	}
	return public[n]
}

// within reports whether scope a is b or inside b.
func within(a, b *scope) bool {
	for s := a; s != nil; s = s.parent {
		if s == b {
			return true
		}
	}
	return false
}

func (r *reader) houseOverrides(m map[string]bool) {
	for n, v := range m {
		d := r.eventsFull[n]
		if d == nil {
			d = r.eventsPublic[n]
		}
		if d == nil || d.kind != kindHouse {
			r.fail(ErrUndefined, nil, n, "no house event of this name to override")
			continue
		}
		d.state = 2
		d.ok = true
		d.value = 0
		if v {
			d.value = 1
		}
	}
}

// evaluate computes every definition: parameters and probabilities, house
// values, CCF events, and the lowered logic of every gate (reachable or
// not, so that every problem of the model is reported).
func (r *reader) evaluate() {
	for _, d := range r.defs {
		switch d.kind {
		case kindParam:
			r.param(d)
		case kindBasic:
			if d.ccf == nil {
				r.basicProbability(d)
			}
		case kindHouse:
			r.house(d)
		}
	}
	for _, g := range r.groups {
		r.expandCCF(g)
	}
	for _, d := range r.gates {
		r.gate(d, nil)
	}
}

func (r *reader) house(d *definition) {
	if d.state == 2 {
		return
	}
	d.state = 2
	args := d.el.args()
	switch {
	case len(args) == 0:
		d.value, d.ok = 0, true // the MEF default is false
	case len(args) == 1 && args[0].name == "constant":
		b, ok := r.boolConst(args[0], d.display())
		d.ok = ok
		if b {
			d.value = 1
		}
	default:
		r.fail(availability.ErrSyntax, d.el, d.display(), "a house event holds one <constant value=\"true|false\"/>")
	}
}

func (r *reader) boolConst(e *element, owner string) (bool, bool) {
	s, _ := e.attr("value")
	switch s {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	r.fail(availability.ErrSyntax, e, owner, "value=%q is neither true nor false", s)
	return false, false
}

func (r *reader) basicProbability(d *definition) {
	args := d.el.args()
	if len(args) != 1 {
		r.fail(availability.ErrSyntax, d.el, d.display(), "want one expression for the probability, found %d", len(args))
		return
	}
	x, ok := r.expr(args[0], d.sc, d.display())
	if !ok {
		return
	}
	if !(x >= 0 && x <= 1) {
		r.fail(availability.ErrRange, args[0], d.display(), "probability %v is outside [0, 1]", x)
		return
	}
	d.value, d.ok = x, true
}

func (r *reader) param(d *definition) float64 {
	switch d.state {
	case 2:
		return d.value
	case 1:
		r.fail(ErrCycle, d.el, d.display(), "parameter depends on itself")
		d.state = 2
		return 0
	}
	if r.depth >= r.lim.MaxReferenceDepth {
		r.fail(ErrLimit, d.el, d.display(), "parameters defined through more than %d others", r.lim.MaxReferenceDepth)
		d.state = 2
		return 0
	}
	r.depth++
	defer func() { r.depth-- }()
	d.state = 1
	if u, ok := d.el.attr("unit"); ok && !validUnit(u) {
		r.fail(availability.ErrSyntax, d.el, d.display(), "unit=%q is not one of the MEF units", u)
	}
	args := d.el.args()
	if len(args) != 1 {
		r.fail(availability.ErrSyntax, d.el, d.display(), "want one expression, found %d", len(args))
	} else if x, ok := r.expr(args[0], d.sc, d.display()); ok {
		d.value, d.ok = x, true
	}
	d.state = 2
	return d.value
}

func validUnit(u string) bool {
	switch u {
	case "bool", "int", "float", "hours", "hours-1", "years", "years-1", "demands", "fit":
		return true
	}
	return false
}

func parseInt(e *element, r *reader, owner, attr string) (int, bool) {
	s, ok := e.attr(attr)
	k, err := strconv.Atoi(s)
	if !ok || err != nil {
		r.fail(availability.ErrSyntax, e, owner, "%s=%q is not an integer", attr, s)
		return 0, false
	}
	return k, true
}
