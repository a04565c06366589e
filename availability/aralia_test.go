package availability_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/availability/faulttree"
)

// aralia holds 43 public industrial fault trees (CC BY-SA 4.0), beside the
// repository in CI; a user's clone has none, so the tests skip.
const aralia = "../../shared/benchdata/aralia"

// faultTreeModel maps a coherent fault tree's failure logic onto a
// dependency graph: a basic event is a component whose unavailability is
// the event's probability; an OR gate (fails when any input fails) needs
// all of its inputs, an AND gate any one, and "at least k of n inputs
// failed" leaves at least n−k+1 working.
func faultTreeModel(ft *faulttree.Tree) ([]availability.NodeSpec, string, error) {
	events, gates := ft.Events(), ft.Gates()
	specs := make([]availability.NodeSpec, 0, len(events)+len(gates))
	for _, e := range events {
		a, err := availability.FromUnavailability(e.Probability)
		if err != nil {
			return nil, "", err
		}
		specs = append(specs, availability.NodeSpec{Name: "e:" + e.Name, Availability: &a})
	}
	// Gates reference each other in any order; NewModel does not care.
	for _, g := range gates {
		spec := availability.NodeSpec{Name: "g:" + g.Name}
		seen := map[string]bool{}
		for _, in := range g.Inputs {
			var dep string
			if in.Gate {
				dep = "g:" + gates[in.Index].Name
			} else {
				dep = "e:" + events[in.Index].Name
			}
			// An input listed twice changes nothing under and/or (x ∨ x = x);
			// under at-least it would count twice, which a graph cannot say.
			if seen[dep] && g.Operator != faulttree.AtLeast {
				continue
			}
			seen[dep] = true
			spec.DependsOn = append(spec.DependsOn, dep)
		}
		switch g.Operator {
		case faulttree.Or:
			spec.Requires = availability.RequireAll
		case faulttree.And:
			spec.Requires = availability.RequireAny
		default:
			spec.Requires = availability.RequireAtLeast(len(g.Inputs) - g.Min + 1)
		}
		specs = append(specs, spec)
	}
	return specs, "g:" + ft.Top(), nil
}

func araliaFiles(t testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join(aralia, "*.xml"))
	if len(files) == 0 {
		t.Skip("no Aralia fault trees beside the repository (../shared/benchdata/aralia)")
	}
	sort.Strings(files)
	return files
}

// TestAraliaThroughGraph evaluates every coherent Aralia tree through the
// public graph model and compares with the engine's own evaluation of the
// fault tree (a different path: modular BDDs over the tree's structure),
// to 1e-12 relative. nus9601 exceeds any budget we allow and is skipped.
func TestAraliaThroughGraph(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates 39 industrial fault trees")
	}
	checked := 0
	for _, path := range araliaFiles(t) {
		name := filepath.Base(path)
		if name == "nus9601.xml" {
			continue
		}
		ft, err := faulttree.ReadFiles(faulttree.ReadOptions{}, path)
		require.NoError(t, err, name)
		if !ft.Coherent() {
			continue // not, xor: no graph form
		}
		want, err := ft.Evaluate(context.Background(), faulttree.EvalOptions{})
		require.NoError(t, err, name)
		specs, top, err := faultTreeModel(ft)
		require.NoError(t, err, name)
		m, err := availability.NewModel(specs)
		require.NoError(t, err, name)
		got, err := m.Availability(top)
		require.NoError(t, err, name)
		require.InEpsilon(t, want.P, got.Unavailability(), 1e-12, name)
		checked++
	}
	require.Equal(t, 39, checked)
}

// BenchmarkAraliaGraph parses, builds and evaluates the 39 coherent trees
// (all but nus9601) through the graph model in one process.
func BenchmarkAraliaGraph(b *testing.B) {
	var trees []*faulttree.Tree
	for _, path := range araliaFiles(b) {
		if filepath.Base(path) == "nus9601.xml" {
			continue
		}
		ft, err := faulttree.ReadFiles(faulttree.ReadOptions{}, path)
		if err == nil && ft.Coherent() {
			trees = append(trees, ft)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, ft := range trees {
			specs, top, _ := faultTreeModel(ft)
			m, err := availability.NewModel(specs)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := m.Availability(top); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestAraliaNus9601Budget: the largest tree must come back quickly with a
// budget error and certified bounds, never hang.
func TestAraliaNus9601Budget(t *testing.T) {
	path := filepath.Join(aralia, "nus9601.xml")
	if _, err := os.Stat(path); err != nil {
		t.Skip("nus9601.xml not beside the repository")
	}
	ft, err := faulttree.ReadFiles(faulttree.ReadOptions{}, path)
	require.NoError(t, err)
	specs, top, err := faultTreeModel(ft)
	require.NoError(t, err)
	m, err := availability.NewModel(specs)
	require.NoError(t, err)
	start := time.Now()
	_, err = m.WithNodeBudget(100_000).Availability(top)
	require.ErrorIs(t, err, availability.ErrBudget)
	var be *availability.BudgetError
	require.ErrorAs(t, err, &be)
	require.Less(t, be.Lower.Unavailability(), 1.0)
	require.Greater(t, be.Upper.Unavailability(), 0.0)
	require.False(t, math.IsNaN(be.Lower.Unavailability()))
	t.Logf("nus9601 with 100k nodes: %v after %v", err, time.Since(start))
}
