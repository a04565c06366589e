package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/sla/openslo"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run([]string{"-out", dir, "-proposal", filepath.Join("..", "proposal", "proposal.json")}, &out))
	text := out.String()
	t.Log("\n" + text)

	// The offer and its two suppliers (proposal.json), all read back equal.
	assert.Contains(t, text, "OpenSLO: 3 SLO documents in "+filepath.Join(dir, "openslo.yaml")+" (3 read back equal)")
	assert.Contains(t, text, "web-shop-to-example-retail 99.9%    1M         offer")
	assert.Contains(t, text, "apphost-managed-hosting  99.99%   1M         underpins shop")
	assert.Contains(t, text, "netco-business-fibre     99.98%   1M         underpins shop")
	f, err := os.Open(filepath.Join(dir, "openslo.yaml"))
	require.NoError(t, err)
	defer f.Close()
	docs, err := openslo.Decode(f)
	require.NoError(t, err)
	require.Len(t, docs, 3)
	// Every objective of proposal.json is 7×24 in UTC (NetCo's office hours
	// are its support calendar, not its objective's): no calendar
	// annotation, and the supplier annotations on the underpinning ones.
	for i, d := range docs {
		assert.NotContains(t, d.Metadata.Annotations, openslo.AnnotationCalendar, i)
	}
	assert.Equal(t, "NetCo", docs[2].Metadata.Annotations[openslo.AnnotationSupplier])

	// 7 window records + objective + budget; 4 policies. For 99.9% over a
	// 30-day month the factors are 14.4, 6, 3, 1 (SRE workbook), times 0.001.
	assert.Contains(t, text, "Prometheus: 9 recording and 4 alerting rules in "+filepath.Join(dir, "shop.rules.yml"))
	assert.Contains(t, text, "alert page   when the error ratio over 1h and 5m exceeds (14.4 * 0.001)")
	assert.Contains(t, text, "alert ticket when the error ratio over 3d and 6h exceeds (1 * 0.001)")

	// The recording holds the outages of TestPrometheusServer: 35 + 5 + 25
	// = 65 min of January's 44,640: 1 − 65/44640 = 99.85439…%, printed
	// as 99.8543% (the statement's lines truncate to four decimals), in
	// the 10% tier of EUR 8000.00 = EUR 800.00.
	for _, want := range []string{
		"8923 samples", "3 outages",
		"down 2027-01-05 10:00 – 10:35 (35m0s)", "down 2027-01-05 13:00 – 13:05 (5m0s)", "down 2027-01-05 20:05 – 20:30 (25m0s)",
		"measured 99.8543% (1h5m0s down of 744h0m0s) misses the target 99.9%",
		"EUR 800.00",
	} {
		assert.Contains(t, text, want)
	}

	if promtool, err := exec.LookPath("promtool"); err == nil {
		out, err := exec.Command(promtool, "check", "rules", filepath.Join(dir, "shop.rules.yml")).CombinedOutput()
		require.NoError(t, err, "%s", out)
		assert.Contains(t, string(out), "SUCCESS: 13 rules found")
	} else {
		t.Log("promtool not installed: rule file not checked")
	}
}

func TestRunMissingProposal(t *testing.T) {
	err := run([]string{"-out", t.TempDir(), "-proposal", "nowhere.json"}, &bytes.Buffer{})
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "run from the repository root"))
}
