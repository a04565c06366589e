package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func write(t *testing.T, xml string) string {
	path := filepath.Join(t.TempDir(), "tree.xml")
	require.NoError(t, os.WriteFile(path, []byte(xml), 0o644))
	return path
}

// A pump fails when its motor fails or both of its two valves fail:
// P = 1 − (1 − 0.1)(1 − 0.2·0.3) = 1 − 0.9·0.94 = 0.154.
const pump = `<?xml version="1.0"?>
<opsa-mef>
<define-fault-tree name="pump">
<define-gate name="top"><or><basic-event name="motor"/><gate name="valves"/></or></define-gate>
<define-gate name="valves"><and><basic-event name="v1"/><basic-event name="v2"/></and></define-gate>
</define-fault-tree>
<model-data>
<define-basic-event name="motor"><float value="0.1"/></define-basic-event>
<define-basic-event name="v1"><float value="0.2"/></define-basic-event>
<define-basic-event name="v2"><float value="0.3"/></define-basic-event>
</model-data>
</opsa-mef>`

func TestFaultTree(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, write(t, pump)))
	first, _, _ := strings.Cut(out.String(), "\n")
	assert.Equal(t, "top-event probability: 0.154", first)
	assert.Contains(t, out.String(), "basic events: 3, gates: 2")
}

func TestFaultTreeErrors(t *testing.T) {
	var out bytes.Buffer
	err := run(&out, filepath.Join(t.TempDir(), "missing.xml"))
	require.Error(t, err)
	notCoherent := strings.Replace(pump, "<and><basic-event name=\"v1\"/>", "<and><not><basic-event name=\"v1\"/></not>", 1)
	err = run(&out, write(t, notCoherent))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "coherent")
	assert.Empty(t, out.String())
}
