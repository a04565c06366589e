package availability_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got); run go test -update to accept:\n%s", name, diff)
	}
}

// The golden diagrams were checked by hand against the shared-database
// model: db is shared (two dependants) and the only single point of failure
// (see TestSinglePointsFirst); path availabilities 0.99 · 0.999 = 0.98901;
// the shop 0.9989001; criticality of db = (1 − 0.0001) · 0.001/0.0010999 = 0.909, of each
// web server (0.999 · 0.01) · 0.01/0.0010999 = 0.0908.
func TestDiagrams(t *testing.T) {
	m := sharedDB(t)
	mer, err := m.Mermaid(context.Background(), "shop")
	require.NoError(t, err)
	golden(t, "shared-db.mmd", mer)
	dot, err := m.DOT(context.Background(), "shop")
	require.NoError(t, err)
	golden(t, "shared-db.dot", dot)
	plain, err := m.DOT(context.Background(), "")
	require.NoError(t, err)
	golden(t, "shared-db-plain.dot", plain)
	_, err = m.Mermaid(context.Background(), "ghost")
	require.ErrorIs(t, err, availability.ErrUnknownNode)
}

func TestDiagramEscaping(t *testing.T) {
	var b availability.Builder
	b.Component(`db "main"`, availability.MustParse("99%")).Group(`a\b`, availability.RequireAll, `db "main"`)
	m, err := b.Build()
	require.NoError(t, err)
	dot, err := m.DOT(context.Background(), `a\b`)
	require.NoError(t, err)
	require.Contains(t, dot, `label="db \"main\"\n99%`)
	require.Contains(t, dot, `label="a\\b\nall of 1`)
	mer, err := m.Mermaid(context.Background(), `a\b`)
	require.NoError(t, err)
	require.Contains(t, mer, `n0["db #quot;main#quot;<br/>99%`)
}
