package faulttree_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/availability/faulttree"
)

// A pump fails when its motor fails or both of its valves fail:
// P = 1 − (1 − 0.1)(1 − 0.2·0.3) = 1 − 0.9·0.94 = 0.154.
const pumpTree = `<define-fault-tree name="pump">
<define-gate name="top"><or><basic-event name="motor"/><gate name="valves"/></or></define-gate>
<define-gate name="valves"><and><basic-event name="v1"/><basic-event name="v2"/></and></define-gate>
</define-fault-tree>`

const pumpData = `<model-data>
<define-basic-event name="motor"><float value="0.1"/></define-basic-event>
<define-basic-event name="v1"><float value="0.2"/></define-basic-event>
<define-basic-event name="v2"><float value="0.3"/></define-basic-event>
</model-data>`

func TestReadMultiFile(t *testing.T) {
	tr := mustRead(t, faulttree.ReadOptions{}, doc(pumpTree), doc(pumpData))
	assert.Equal(t, "top", tr.Top())
	assert.True(t, tr.Coherent())
	assert.InDelta(t, 0.154, prob(t, tr), 1e-15) // hand: see pumpTree
	assert.Len(t, tr.Events(), 3)
	assert.Len(t, tr.Gates(), 2)
	// The same model in one file.
	one := mustRead(t, faulttree.ReadOptions{}, doc(pumpTree+pumpData))
	assert.InDelta(t, 0.154, prob(t, one), 1e-15)
	// A chosen top.
	valves := mustRead(t, faulttree.ReadOptions{Top: "valves"}, doc(pumpTree+pumpData))
	assert.InDelta(t, 0.06, prob(t, valves), 1e-15) // 0.2·0.3
}

func TestReadTrimsAttributes(t *testing.T) {
	// XML schema tokens: white space around names and types is not part
	// of them.
	body := strings.ReplaceAll(pumpTree, `<gate name="valves"/>`, `<event name=" valves " type="  gate "/>`)
	tr := mustRead(t, faulttree.ReadOptions{}, doc(body+pumpData))
	assert.InDelta(t, 0.154, prob(t, tr), 1e-15)
}

func TestHouseEventsAndConstants(t *testing.T) {
	// top = or(and(h, a), and(not h, b), c), atleast 2 of (T, a, b)...
	model := func(h string) string {
		return doc(`<define-fault-tree name="ft">
<define-gate name="top"><or><gate name="g1"/><gate name="g2"/><basic-event name="c"/></or></define-gate>
<define-gate name="g1"><and><house-event name="h"/><basic-event name="a"/></and></define-gate>
<define-gate name="g2"><atleast min="2"><constant value="true"/><basic-event name="b"/><basic-event name="d"/><constant value="false"/></atleast></define-gate>
<define-house-event name="h">` + h + `</define-house-event>
<define-basic-event name="a"><float value="0.5"/></define-basic-event>
<define-basic-event name="b"><float value="0.1"/></define-basic-event>
<define-basic-event name="c"><float value="0.2"/></define-basic-event>
<define-basic-event name="d"><float value="0.3"/></define-basic-event>
</define-fault-tree>`)
	}
	// h false: g1 vanishes; g2 = atleast 1 of (b, d) = or(b, d).
	// P = 1 − (1 − 0.2)(1 − 0.1)(1 − 0.3) = 1 − 0.8·0.9·0.7 = 0.496.
	off := mustRead(t, faulttree.ReadOptions{}, model(`<constant value="false"/>`))
	assert.InDelta(t, 0.496, prob(t, off), 1e-15)
	assert.Len(t, off.Events(), 3, "a is cut off by the false house event")
	dflt := mustRead(t, faulttree.ReadOptions{}, model(""))
	assert.InDelta(t, 0.496, prob(t, dflt), 1e-15, "house events are false by default")
	// h true: g1 = a. P = 1 − 0.8·0.9·0.7·0.5 = 0.748.
	on := mustRead(t, faulttree.ReadOptions{}, model(`<constant value="true"/>`))
	assert.InDelta(t, 0.748, prob(t, on), 1e-15)
	over := mustRead(t, faulttree.ReadOptions{HouseEvents: map[string]bool{"h": true}}, model(""))
	assert.InDelta(t, 0.748, prob(t, over), 1e-15)

	// A tree that reduces to a constant.
	constant := mustRead(t, faulttree.ReadOptions{}, doc(`<define-fault-tree name="ft">
<define-gate name="top"><or><house-event name="h"/><gate name="g"/></or></define-gate>
<define-gate name="g"><null><constant value="true"/></null></define-gate>
<define-house-event name="h"/></define-fault-tree>`))
	v, ok := constant.Constant()
	assert.True(t, ok)
	assert.True(t, v)
	assert.Equal(t, 1.0, prob(t, constant))
	a, err := constant.Availability(context.Background(), faulttree.EvalOptions{})
	require.NoError(t, err)
	assert.Equal(t, 1.0, a.Unavailability())
}

func TestNullGateAndNesting(t *testing.T) {
	// top = null(g); g = and(a, or(b, c)): P = 0.5·(1 − 0.5·0.5) = 0.375.
	tr := mustRead(t, faulttree.ReadOptions{}, doc(`<define-fault-tree name="ft">
<define-gate name="top"><null><gate name="g"/></null></define-gate>
<define-gate name="g"><and><basic-event name="a"/><or><basic-event name="b"/><basic-event name="c"/></or></and></define-gate>
<define-basic-event name="a"><float value="0.5"/></define-basic-event>
<define-basic-event name="b"><float value="0.5"/></define-basic-event>
<define-basic-event name="c"><float value="0.5"/></define-basic-event>
</define-fault-tree>`))
	assert.InDelta(t, 0.375, prob(t, tr), 1e-15)
	var anon int
	for _, g := range tr.Gates() {
		if g.Anonymous {
			anon++
			assert.True(t, strings.HasPrefix(g.Name, "g#"), g.Name)
		}
	}
	assert.Equal(t, 1, anon)
}

func TestComponentsAndRoles(t *testing.T) {
	// Two fault trees each with a private "pump" gate and "motor" event
	// of their own; a component whose gate is named by a path relative to
	// its fault tree; a public gate named by its full path; a public event
	// shared by plain name.
	tr := mustRead(t, faulttree.ReadOptions{Top: "top"}, doc(`
<define-fault-tree name="A">
  <define-gate name="top"><and><gate name="pump"/><gate name="B.btop"/></and></define-gate>
  <define-gate name="pump" role="private"><or><basic-event name="motor"/><gate name="valves.both"/></or></define-gate>
  <define-component name="valves">
    <define-gate name="both"><and><basic-event name="v"/><basic-event name="shared"/></and></define-gate>
    <define-basic-event name="v"><float value="0.5"/></define-basic-event>
  </define-component>
  <define-basic-event name="motor" role="private"><float value="0.1"/></define-basic-event>
</define-fault-tree>
<define-fault-tree name="B">
  <define-gate name="btop"><or><gate name="pump"/></or></define-gate>
  <define-gate name="pump" role="private"><and><basic-event name="motor"/><basic-event name="shared"/></and></define-gate>
  <define-basic-event name="motor" role="private"><float value="0.2"/></define-basic-event>
</define-fault-tree>
<model-data><define-basic-event name="shared"><float value="0.4"/></define-basic-event></model-data>`))
	// A.pump = or(A.motor, v ∧ shared); B.top = B.motor ∧ shared.
	// P = P(shared)·P(B.motor)·P(A.pump | shared) = 0.4·0.2·(1 − 0.9·0.5)
	// = 0.08·0.55 = 0.044.
	assert.InDelta(t, 0.044, prob(t, tr), 1e-15)
	names := map[string]bool{}
	for _, e := range tr.Events() {
		names[e.Name] = true
	}
	assert.Equal(t, map[string]bool{"A.motor": true, "v": true, "shared": true, "B.motor": true}, names)

	// A private gate is not visible from another fault tree.
	_, err := readString(t, faulttree.ReadOptions{}, doc(`
<define-fault-tree name="A"><define-gate name="top"><or><gate name="g"/></or></define-gate></define-fault-tree>
<define-fault-tree name="B"><define-gate name="g" role="private"><or><basic-event name="x"/></or></define-gate>
<define-basic-event name="x"><float value="0.1"/></define-basic-event></define-fault-tree>`))
	require.ErrorIs(t, err, faulttree.ErrUndefined)
}

func TestReadErrors(t *testing.T) {
	cases := []struct {
		name   string
		doc    string
		target error
		msg    string
	}{
		{"not xml", "<opsa-mef><define-gate", availability.ErrSyntax, "malformed XML"},
		{"wrong root", "<foo/>", availability.ErrSyntax, "not <opsa-mef>"},
		{"undefined namespace", `<opsa-mef><x:define-fault-tree name="a"/></opsa-mef>`, availability.ErrSyntax, `namespace prefix "x" is not defined`},
		{"undefined event", doc(`<define-fault-tree name="f"><define-gate name="t"><or><basic-event name="nope"/></or></define-gate></define-fault-tree>`), faulttree.ErrUndefined, `undefined basic event "nope"`},
		{"duplicate", doc(pumpTree + pumpData + `<model-data><define-basic-event name="v1"><float value="0.2"/></define-basic-event></model-data>`), faulttree.ErrDuplicate, "defined twice"},
		{"cycle", doc(`<define-fault-tree name="f"><define-gate name="a"><or><gate name="b"/></or></define-gate><define-gate name="b"><or><gate name="a"/></or></define-gate></define-fault-tree>`), faulttree.ErrCycle, "cycle"},
		{"probability", doc(strings.Replace(pumpTree+pumpData, `"0.3"`, `"1.5"`, 1)), availability.ErrRange, "outside [0, 1]"},
		{"extern", doc(pumpTree + `<model-data><define-basic-event name="motor"><extern-function name="f"/></define-basic-event>
<define-basic-event name="v1"><float value="0.2"/></define-basic-event><define-basic-event name="v2"><float value="0.3"/></define-basic-event></model-data>`), faulttree.ErrUnsupported, "extern function"},
		{"event tree", doc(`<define-event-tree name="e"/>`), faulttree.ErrUnsupported, "not supported"},
		{"two tops", doc(`<define-fault-tree name="f"><define-gate name="a"><or><basic-event name="x"/></or></define-gate><define-gate name="b"><or><basic-event name="x"/></or></define-gate><define-basic-event name="x"><float value="0.1"/></define-basic-event></define-fault-tree>`), faulttree.ErrTop, "a, b"},
		{"atleast", doc(`<define-fault-tree name="f"><define-gate name="a"><atleast min="3"><basic-event name="x"/><basic-event name="y"/></atleast></define-gate><define-basic-event name="x"><float value="0.1"/></define-basic-event><define-basic-event name="y"><float value="0.1"/></define-basic-event></define-fault-tree>`), availability.ErrRange, "min=3"},
		{"parameter cycle", doc(pumpTree + `<model-data><define-parameter name="p"><parameter name="p"/></define-parameter>
<define-basic-event name="motor"><parameter name="p"/></define-basic-event><define-basic-event name="v1"><float value="0.2"/></define-basic-event><define-basic-event name="v2"><float value="0.3"/></define-basic-event></model-data>`), faulttree.ErrCycle, "parameter depends on itself"},
		{"bad unit", doc(`<model-data><define-parameter name="p" unit="furlongs"><float value="1"/></define-parameter></model-data>`), availability.ErrSyntax, "unit"},
		{"log domain", doc(pumpTree + `<model-data><define-basic-event name="motor"><log><float value="-1"/></log></define-basic-event>
<define-basic-event name="v1"><float value="0.2"/></define-basic-event><define-basic-event name="v2"><float value="0.3"/></define-basic-event></model-data>`), availability.ErrRange, "not positive"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readString(t, faulttree.ReadOptions{}, c.doc)
			require.Error(t, err)
			assert.ErrorIs(t, err, c.target)
			assert.Contains(t, err.Error(), c.msg)
			var re *faulttree.ReadError
			require.True(t, errors.As(err, &re))
			if c.target != faulttree.ErrTop {
				assert.Equal(t, "doc1.xml", re.File)
			}
		})
	}
}

func TestReadReportsAllProblems(t *testing.T) {
	_, err := readString(t, faulttree.ReadOptions{}, doc(`<define-fault-tree name="f">
<define-gate name="t"><or><basic-event name="x"/><basic-event name="y"/><gate name="z"/></or></define-gate>
</define-fault-tree>`))
	require.Error(t, err)
	for _, n := range []string{`"x"`, `"y"`, `"z"`} {
		assert.Contains(t, err.Error(), n)
	}
	var re *faulttree.ReadError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 4, re.Line) // doc puts two lines before the body
}

func TestLimits(t *testing.T) {
	deep := "<opsa-mef>" + strings.Repeat("<a>", 40) + strings.Repeat("</a>", 40) + "</opsa-mef>"
	var chain strings.Builder
	chain.WriteString(`<define-fault-tree name="f">`)
	for i := range 50 {
		fmt.Fprintf(&chain, `<define-gate name="g%d"><or><gate name="g%d"/></or></define-gate>`, i, i+1)
	}
	chain.WriteString(`<define-gate name="g50"><or><basic-event name="x"/></or></define-gate><define-basic-event name="x"><float value="0.1"/></define-basic-event></define-fault-tree>`)
	var params strings.Builder
	params.WriteString(`<model-data>`)
	for i := range 50 {
		fmt.Fprintf(&params, `<define-parameter name="p%d"><parameter name="p%d"/></define-parameter>`, i, i+1)
	}
	params.WriteString(`<define-parameter name="p50"><float value="0.1"/></define-parameter></model-data>`)
	cases := []struct {
		name string
		doc  string
		lim  faulttree.Limits
	}{
		{"gate chain", doc(chain.String()), faulttree.Limits{MaxReferenceDepth: 20}},
		{"parameter chain", doc(params.String()), faulttree.Limits{MaxReferenceDepth: 20}},
		{"depth", deep, faulttree.Limits{MaxDepth: 20}},
		{"bytes", doc(pumpTree + pumpData), faulttree.Limits{MaxBytes: 100}},
		{"elements", doc(pumpTree + pumpData), faulttree.Limits{MaxElements: 5}},
		{"name", doc(strings.Replace(pumpTree+pumpData, `"motor"`, `"`+strings.Repeat("m", 100)+`"`, 2)), faulttree.Limits{MaxNameLength: 50}},
		{"ccf", doc(`<define-fault-tree name="f"><define-gate name="t"><or><basic-event name="a"/></or></define-gate>
<define-CCF-group name="g" model="MGL"><members><basic-event name="a"/><basic-event name="b"/><basic-event name="c"/></members>
<distribution><float value="0.1"/></distribution><factor level="2"><float value="0.1"/></factor></define-CCF-group></define-fault-tree>`), faulttree.Limits{MaxCCFMembers: 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readString(t, faulttree.ReadOptions{Limits: c.lim}, c.doc)
			require.ErrorIs(t, err, faulttree.ErrLimit)
		})
	}
}
