package promrange_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slacalc/slacalc/sla/promrange"
)

// FuzzReadMatrix: any input either fails with an error or gives a matrix
// whose outages on a grid around its samples never panic and lie on the
// grid.
func FuzzReadMatrix(f *testing.F) {
	for _, name := range []string{"up-shop.json", "probe-avg.json", "error.json", "vector.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, body string) {
		m, err := promrange.ReadMatrix(strings.NewReader(body))
		if err != nil {
			return
		}
		start := time.Unix(1799049600, 0).UTC()
		g := promrange.Grid{Start: start, End: start.Add(55 * time.Minute), Step: 5 * time.Minute}
		outages, err := m.Outages(g)
		if err != nil {
			return
		}
		for _, o := range outages {
			if o.Start.Before(g.Start) || o.End.After(g.End.Add(g.Step)) || !o.End.After(o.Start) || o.ErrorRate <= 0 || o.ErrorRate > 1 {
				t.Fatalf("outage %+v off the grid", o)
			}
		}
	})
}
