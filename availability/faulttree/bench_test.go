package faulttree_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/slacalc/slacalc/availability/faulttree"
)

// BenchmarkAraliaCoherent reads and evaluates the 39 coherent Aralia trees
// other than nus9601 in one loop.
func BenchmarkAraliaCoherent(b *testing.B) {
	var paths []string
	for name := range araliaCoherent {
		paths = append(paths, filepath.Join(aralia, name))
	}
	if _, err := os.Stat(paths[0]); err != nil {
		b.Skip("no Aralia fault trees beside the repository")
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paths {
			tr, err := faulttree.ReadFiles(faulttree.ReadOptions{}, p)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := tr.Evaluate(context.Background(), faulttree.EvalOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAraliaNonCoherent reads and evaluates each Aralia tree with
// negation.
func BenchmarkAraliaNonCoherent(b *testing.B) {
	for _, name := range []string{"das9601.xml", "cea9601.xml", "das9701.xml"} {
		path := filepath.Join(aralia, name)
		if _, err := os.Stat(path); err != nil {
			b.Skip("no Aralia fault trees beside the repository")
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var nodes int
			for b.Loop() {
				tr, err := faulttree.ReadFiles(faulttree.ReadOptions{}, path)
				if err != nil {
					b.Fatal(err)
				}
				ev, err := tr.Evaluate(context.Background(), faulttree.EvalOptions{})
				if err != nil {
					b.Fatal(err)
				}
				nodes = ev.Nodes
			}
			b.ReportMetric(float64(nodes), "nodes")
		})
	}
}

// BenchmarkAraliaNus9601 reads nus9601 and evaluates it until the budgets
// stop it with bounds (see TestAraliaNus9601): the cost of the fallback
// chain on a tree it cannot finish.
func BenchmarkAraliaNus9601(b *testing.B) {
	path := filepath.Join(aralia, "nus9601.xml")
	if _, err := os.Stat(path); err != nil {
		b.Skip("no Aralia fault trees beside the repository")
	}
	b.ReportAllocs()
	for b.Loop() {
		tr, err := faulttree.ReadFiles(faulttree.ReadOptions{}, path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tr.Evaluate(context.Background(), faulttree.EvalOptions{}); err == nil {
			b.Fatal("nus9601 solved: record its value in TestAraliaNus9601")
		}
	}
}
