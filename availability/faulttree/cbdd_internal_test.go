package faulttree

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestComplementBDDOnCoherentAralia runs coherent Aralia trees through the
// path for trees with negation (modules, BDDs with complement edges) and
// compares with the engine's modular evaluation and its importance: two
// independent implementations on industrial trees.
func TestComplementBDDOnCoherentAralia(t *testing.T) {
	if testing.Short() {
		t.Skip("industrial trees")
	}
	for _, name := range []string{"baobab1.xml", "baobab3.xml", "das9206.xml", "edf9205.xml", "isp9603.xml", "jbd9601.xml", "edfpa15r.xml"} {
		path := filepath.Join("../../../shared/benchdata/aralia", name)
		if _, err := os.Stat(path); err != nil {
			t.Skip("no Aralia fault trees beside the repository")
		}
		tr, err := ReadFiles(ReadOptions{}, path)
		require.NoError(t, err)
		require.True(t, tr.coherent)
		want, err := tr.Evaluate(context.Background(), EvalOptions{})
		require.NoError(t, err)
		order, byRoot, err := tr.evalRegions(context.Background(), EvalOptions{}, true)
		require.NoError(t, err, name)
		top := byRoot[tr.topGate]
		assert.InEpsilon(t, want.P, top.p, 1e-12, name)
		assert.InEpsilon(t, want.NotP, top.np, 1e-12, name)
		imp, err := tr.Importance(context.Background(), EvalOptions{})
		require.NoError(t, err)
		b := tr.birnbaumNonCoherent(order, byRoot)
		for v, im := range imp {
			assert.InDelta(t, im.Birnbaum, b[v], 1e-12+1e-9*im.Birnbaum, "%s %s", name, im.Event)
		}
	}
}
