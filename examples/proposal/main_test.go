package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Expected figures, by hand, with U the unavailabilities (network 0.0002,
// lb 0.0001, web1 = web2 0.005, db 0.0005):
//   - independent: 1 − 0.9998·0.9999·(1 − 0.005²)·0.9995 = 0.000824810014…,
//     99.917518998575%; 35m38s of a 30-day month (0.000824810014 × 43,200 min).
//   - worst case: 0.0002 + 0.0001 + min(0.005, 0.005) + 0.0005 = 0.0058, 99.42%,
//     4h10m34s a month; the web pair's redundancy guarantees nothing.
//   - 99.9% allows 43m12s in 30 days and 8h45m36s in 365 days.
//   - suppliers at their targets (AppHost 99.99% ×4, NetCo 99.98%), worst
//     case 0.0001·3 + 0.0002 = 0.0005, 99.95%; NetCo's network may use
//     0.001 − 0.0003 = 0.0007 in the worst case: 99.93%.
func TestProposal(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	var out bytes.Buffer
	files, err := run(&out, webshop, dir)
	require.NoError(t, err)
	report := out.String()
	for _, want := range []string{
		"# Web shop, standard offer",
		"| independent | 99.917518998575% | 35m38s | covered |",
		"| worst-case | 99.42% | 4h10m34s | **not covered** |",
		"| month | 30-day month | 43m12s |",
		"| year | 365-day year | 8h45m36s |",
		"| NetCo | network | 99.98% | 99.9199839965995% | 99.93% | covered |",
		"- NetCo P1 response: their 2 business hours can end after our 1 business hour",
		"```mermaid",
		"Expected credit a year: **EUR ",
		"| break/fix | EUR ",
	} {
		assert.Contains(t, report, want)
	}
	assert.NotContains(t, report, "NaN")
	require.Len(t, files, 3)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.NotEmpty(t, b, f)
	}
	dot, err := os.ReadFile(filepath.Join(dir, "proposal.dot"))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(dot), "digraph"), "a Graphviz digraph")
	svg, err := os.ReadFile(filepath.Join(dir, "proposal.svg"))
	require.NoError(t, err)
	var root struct{ XMLName xml.Name }
	require.NoError(t, xml.Unmarshal(svg, &root), "the chart is well-formed XML")
	assert.Equal(t, "svg", root.XMLName.Local)
}

func TestBadProposal(t *testing.T) {
	_, err := run(new(bytes.Buffer), []byte(`{"service": "shop", "components": []}`), t.TempDir())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "components: the dependency graph is empty")
	assert.Contains(t, err.Error(), "offer: the proposal needs the terms offered")
}
