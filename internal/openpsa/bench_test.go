package openpsa

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/slacalc/slacalc/internal/bdd"
)

// BenchmarkAralia parses and evaluates each coherent Aralia tree exactly
// (nus9601 apart: see TestNus9601Budget) and reports the nodes of its
// module diagrams.
func BenchmarkAralia(b *testing.B) {
	for _, f := range araliaFiles(b) {
		name := treeName(f)
		if nonCoherent[name] || name == "nus9601" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var res *bdd.ModularResult
			for b.Loop() {
				res = evaluate(b, data)
			}
			b.ReportMetric(float64(res.Nodes), "nodes")
		})
	}
}

// BenchmarkAraliaAll evaluates the 39 coherent trees other than nus9601 in
// one loop: the figure to compare with the 1 s goal.
func BenchmarkAraliaAll(b *testing.B) {
	var docs [][]byte
	for _, f := range araliaFiles(b) {
		name := treeName(f)
		if nonCoherent[name] || name == "nus9601" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, data)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range docs {
			evaluate(b, data)
		}
	}
}

func evaluate(b *testing.B, data []byte) *bdd.ModularResult {
	ft, err := Parse(bytes.NewReader(data), Options{})
	if err != nil {
		b.Fatal(err)
	}
	res, err := ft.TopProbability(context.Background(), nil, bdd.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return res
}
