package faulttree_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability/faulttree"
)

// doc wraps definitions in an opsa-mef document.
func doc(body string) string {
	return `<?xml version="1.0"?>` + "\n<opsa-mef>\n" + body + "\n</opsa-mef>\n"
}

func readString(t *testing.T, opts faulttree.ReadOptions, docs ...string) (*faulttree.Tree, error) {
	t.Helper()
	srcs := make([]faulttree.Source, len(docs))
	for i, d := range docs {
		srcs[i] = faulttree.Source{Name: "doc" + string(rune('1'+i)) + ".xml", Reader: strings.NewReader(d)}
	}
	return faulttree.Read(opts, srcs...)
}

func mustRead(t *testing.T, opts faulttree.ReadOptions, docs ...string) *faulttree.Tree {
	t.Helper()
	tr, err := readString(t, opts, docs...)
	require.NoError(t, err)
	return tr
}

func prob(t *testing.T, tr *faulttree.Tree) float64 {
	t.Helper()
	ev, err := tr.Evaluate(context.Background(), faulttree.EvalOptions{})
	require.NoError(t, err)
	return ev.P
}

// event returns the probability of the named basic event of tr.
func event(t *testing.T, tr *faulttree.Tree, name string) float64 {
	t.Helper()
	for _, e := range tr.Events() {
		if e.Name == name {
			return e.Probability
		}
	}
	t.Fatalf("no event %q in %v", name, tr.Events())
	return 0
}
