package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/availability/faulttree"
)

func write(t *testing.T, name, xml string) string {
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(xml), 0o644))
	return path
}

// A pump fails when its motor fails or both of its two valves fail:
// P = 1 − (1 − 0.1)(1 − 0.2·0.3) = 1 − 0.9·0.94 = 0.154.
const pumpTree = `<?xml version="1.0"?>
<opsa-mef>
<define-fault-tree name="pump">
<define-gate name="top"><or><basic-event name="motor"/><gate name="valves"/></or></define-gate>
<define-gate name="valves"><and><basic-event name="v1"/><basic-event name="v2"/></and></define-gate>
</define-fault-tree>
</opsa-mef>`

const pumpData = `<?xml version="1.0"?>
<opsa-mef>
<model-data>
<define-basic-event name="motor"><exponential><float value="1e-5"/><system-mission-time/></exponential></define-basic-event>
<define-basic-event name="v1"><float value="0.2"/></define-basic-event>
<define-basic-event name="v2"><float value="0.3"/></define-basic-event>
</model-data>
</opsa-mef>`

func TestFaultTree(t *testing.T) {
	tree, data := write(t, "tree.xml", pumpTree), write(t, "data.xml", pumpData)
	var out bytes.Buffer
	// motor: 1 − e^(−1e-5·10536.05 h) = 1 − e^(−0.1053605) = 0.1 (10536.05 h
	// = −ln(0.9)/1e-5), so P = 0.154 as above, to the 7 digits given.
	require.NoError(t, run(&out, []string{"-mission-time", "10536.05157h", tree, data}))
	first, _, _ := strings.Cut(out.String(), "\n")
	assert.Equal(t, "top-event probability: 0.154000000", first[:len("top-event probability: 0.154000000")])
	assert.Contains(t, out.String(), "top gate: top, basic events: 3, gates: 2, coherent")

	out.Reset()
	require.NoError(t, run(&out, []string{"-top", "valves", "-importance", "-cutsets", "5", tree, data}))
	// valves = v1 ∧ v2: 0.2·0.3; Birnbaum of v1 = P(v2) = 0.3; cut set {v1, v2}.
	assert.Contains(t, out.String(), "top-event probability: 0.06\n")
	assert.Regexp(t, `v1 +0.2 +0.3 `, out.String())
	assert.Contains(t, out.String(), "minimal cut sets: 1, the 1 most probable:\n  0.06 [v1 v2]")
}

func TestFaultTreeNegation(t *testing.T) {
	// not v1: top = motor ∨ (¬v1 ∧ v2) = 1 − 0.9·(1 − 0.8·0.3) = 0.316
	// with motor at 0.1 (mission time as above).
	tree := write(t, "tree.xml", strings.Replace(pumpTree, `<and><basic-event name="v1"/>`, `<and><not><basic-event name="v1"/></not>`, 1))
	data := write(t, "data.xml", pumpData)
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{"-mission-time", "10536.05157h", tree, data}))
	assert.True(t, strings.HasPrefix(out.String(), "top-event probability: 0.316000000"), out.String())
	assert.Contains(t, out.String(), "with negation")
	err := run(&out, []string{"-cutsets", "3", tree, data})
	require.ErrorIs(t, err, faulttree.ErrNotCoherent)
	assert.Contains(t, err.Error(), "coherent")
}

func TestFaultTreeErrors(t *testing.T) {
	var out bytes.Buffer
	err := run(&out, []string{filepath.Join(t.TempDir(), "missing.xml")})
	require.Error(t, err)
	assert.True(t, errors.Is(err, os.ErrNotExist))

	// The tree without its data file: every undefined event is named.
	tree := write(t, "tree.xml", pumpTree)
	err = run(&out, []string{tree})
	require.ErrorIs(t, err, faulttree.ErrUndefined)
	for _, n := range []string{`"motor"`, `"v1"`, `"v2"`, "tree.xml:4:"} {
		assert.Contains(t, err.Error(), n)
	}
	err = run(&out, []string{write(t, "bad.xml", "<opsa-mef><define-gate")})
	require.ErrorIs(t, err, availability.ErrSyntax)

	var usage usageError
	require.ErrorAs(t, run(&out, nil), &usage)
	require.ErrorAs(t, run(&out, []string{"-cutsets", "x", tree}), &usage)
	require.ErrorAs(t, run(&out, []string{"-budget", "0s", tree}), &usage)
	require.ErrorAs(t, run(&out, []string{"-budget", "soon", tree}), &usage)
	assert.Empty(t, out.String())
}

// TestAralia runs the command as CI does, on baobab1 when the Aralia
// trees are beside the repository; the value is internal/openpsa's at b338da3 (see
// availability/faulttree's Aralia test).
func TestAralia(t *testing.T) {
	path := "../../../shared/benchdata/aralia/baobab1.xml"
	if _, err := os.Stat(path); err != nil {
		t.Skip("no Aralia fault trees beside the repository")
	}
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{path}))
	assert.True(t, strings.HasPrefix(out.String(), "top-event probability: 0.000101708077838\n"), out.String())
}
