package proposal_test

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/slacalc/slacalc/contract/proposal"
)

// BenchmarkAnalyze measures the whole report of the web shop proposal:
// three verdicts, importance, cut sets, diagrams, supplier cover, 200
// simulated years of credit risk and of 30-day months, 4000 spans of three
// service models.
func BenchmarkAnalyze(b *testing.B) {
	p := load(b, "webshop.json")
	b.ReportAllocs()
	for b.Loop() {
		a, err := proposal.Analyze(context.Background(), p)
		if err != nil {
			b.Fatal(err)
		}
		if err := a.WriteMarkdown(io.Discard); err != nil {
			b.Fatal(err)
		}
		if err := a.WriteSVG(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse measures loading the web shop proposal.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("testdata/webshop.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := proposal.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}
