package proposal_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/contract/proposal"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func load(t testing.TB, name string) *proposal.Proposal {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	defer f.Close()
	p, err := proposal.Load(f)
	require.NoError(t, err)
	return p
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create the golden file")
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s differs from the golden file (-want +got); run go test -update after checking it:\n%s", name, d)
	}
}

// TestReportGolden renders the proposals of testdata and compares the
// reports and charts with testdata/golden; go test -update rewrites them.
//
// The key numbers of webshop.md, checked by hand (U the unavailabilities:
// network 0.0002, lb 0.0001, web1 = web2 0.005, db 0.0005):
//   - composite, independent: 1 − 0.9998·0.9999·(1 − 0.005²)·0.9995
//     = 0.00082481001424975 (exact rationals), 99.917518998575%, 2137.9 s =
//     35m38s of a 30-day month;
//     worst case 0.0002 + 0.0001 + min(0.005, 0.005) + 0.0005 = 0.0058,
//     99.42%, 4h10m34s; best case max(0.0002, 0.0001, max(0, 0.01 − 1), 0.0005)
//     = 0.0005, 99.95%, 21m36s.
//   - downtime at 99.9%: 0.001 × 86,400 s = 1m26.4s a day; × 30 d = 43m12s;
//     × 90 d = 2h9m36s; × 365 d = 8h45m36s.
//   - allocation: suppliers at their targets, lb, db 0.0001 each, web pair
//     0.0001² (independent) or 0.0001 (worst case), network 0.0002; the
//     network may use 0.001 − 0.0003 = 0.0007 in the worst case (99.93%);
//     under independence (1 − 0.001)/((1 − 0.0001)²·(1 − 10⁻⁸)) =
//     0.999199839965995 (exact rationals in Python), 99.9199839965995%.
//   - minimal.md: 0.995 × 0.999 = 0.994005.
//   - dutch-office.md: the service hours and budgets of each month and the
//     worst case in time of May 2027, 10.416 h of 180 h, as derived in
//     TestDutchOfficeHoursOffer.
func TestReportGolden(t *testing.T) {
	for _, name := range []string{"webshop", "minimal", "dutch-office"} {
		t.Run(name, func(t *testing.T) {
			p := load(t, name+".json")
			a, err := proposal.Analyze(context.Background(), p)
			require.NoError(t, err)
			var md, svg bytes.Buffer
			require.NoError(t, a.WriteMarkdown(&md))
			golden(t, name+".md", md.Bytes())
			require.NoError(t, a.WriteSVG(&svg))
			golden(t, name+".svg", svg.Bytes())
			var root struct{ XMLName xml.Name }
			require.NoError(t, xml.Unmarshal(svg.Bytes(), &root), "the chart is well-formed XML")
			assert.Equal(t, "svg", root.XMLName.Local)
		})
	}
}

// TestReportManyNines checks that a report never rounds many nines to
// "100%" and never prints NaN.
func TestReportManyNines(t *testing.T) {
	p, err := proposal.Parse([]byte(`{
	  "service": "pair",
	  "components": [
	    {"name": "a", "availability": "99.9999%"},
	    {"name": "b", "availability": "99.9999%"},
	    {"name": "pair", "requires": "any", "dependsOn": ["a", "b"]}
	  ],
	  "offer": {"effective": "2027-01-01T00:00:00Z", "fee": "EUR 100.00",
	    "objective": {"target": "99.99999999%", "period": "month"},
	    "credits": {"tiers": [{"upper": "< 99.99999999%", "lower": ">= 0%", "credit": "10%"}]}},
	  "simulation": {"years": 20, "seed": 3}
	}`))
	require.NoError(t, err)
	a, err := proposal.Analyze(context.Background(), p)
	require.NoError(t, err)
	var md, svg bytes.Buffer
	require.NoError(t, a.WriteMarkdown(&md))
	require.NoError(t, a.WriteSVG(&svg))
	report := md.String()
	// U = (10⁻⁶)² = 10⁻¹² under independence; the worst case is the better
	// part, 10⁻⁶; the best case max(0, 2·10⁻⁶ − 1) = 0.
	assert.Contains(t, report, "| independent | 99.9999999999% |")
	assert.Contains(t, report, "| worst-case | 99.9999% |")
	assert.Contains(t, report, "| best-case | 100% |", "the best case really is 100%")
	assert.NotContains(t, report, "| independent | 100%")
	assert.NotContains(t, report, "NaN")
	assert.NotContains(t, svg.String(), "NaN")
}

// TestAnalyzeInvalid checks that an invalid proposal built in Go is an
// error, not a panic.
func TestAnalyzeInvalid(t *testing.T) {
	for _, p := range []*proposal.Proposal{{}, {Service: "x"}} {
		_, err := proposal.Analyze(context.Background(), p)
		require.Error(t, err)
		assert.ErrorIs(t, err, proposal.ErrMissing)
	}
}
