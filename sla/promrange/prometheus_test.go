package promrange_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/sla"
	"github.com/slacalc/slacalc/sla/promrange"
)

var (
	record = flag.String("record", "", "write the query_range response of TestPrometheusServer to this file")
	month  = flag.Bool("month", false, "run TestPrometheusServer over all of January 2027 (promtool takes about 90 s for its 372 two-hour blocks) instead of 5 January")
)

// span is the period of the server test and its outages as given
// directly: what the backfilled samples say, read by hand. All of them are
// on 5 January 2027, so the day and the month have the same outages.
func span(t *testing.T) (sla.Period, []sla.Outage) {
	var p sla.Period
	var err error
	if *month {
		p, err = sla.CalendarMonth(2027, time.January, time.UTC)
	} else {
		p, err = sla.CalendarPeriod(sla.Day, time.Date(2027, time.January, 5, 0, 0, 0, 0, time.UTC), time.UTC)
	}
	require.NoError(t, err)
	d := func(h, m int) time.Time { return time.Date(2027, time.January, 5, h, m, 0, 0, time.UTC) }
	return p, []sla.Outage{
		{Start: d(10, 0), End: d(10, 35), ErrorRate: 1}, // up = 0 at 10:00 … 10:30: 7 steps
		{Start: d(13, 0), End: d(13, 5), ErrorRate: 1},  // up = 0 at 13:00: one step
		// No samples at 20:00 … 20:25. Prometheus 2.x looks back 5
		// minutes including the boundary, so the evaluation at 20:00
		// still sees 19:55's 1; from 20:05 there is no sample until
		// 20:30: a gap of 5 steps, down under GapDown.
		{Start: d(20, 5), End: d(20, 30), ErrorRate: 1},
	}
}

// openMetrics writes up{job="shop"} every 5 minutes over the period, 0 at
// the down steps and nothing in the gap, in the OpenMetrics text format
// that promtool backfills.
func openMetrics(p sla.Period) string {
	down := func(t time.Time) bool {
		return t.Day() == 5 && ((t.Hour() == 10 && t.Minute() < 35) || (t.Hour() == 13 && t.Minute() == 0))
	}
	gap := func(t time.Time) bool { return t.Day() == 5 && t.Hour() == 20 && t.Minute() < 30 }
	var b strings.Builder
	b.WriteString("# HELP up Whether the target was reachable.\n# TYPE up gauge\n")
	for t := p.Start(); t.Before(p.End()); t = t.Add(5 * time.Minute) {
		if gap(t) {
			continue
		}
		v := 1
		if down(t) {
			v = 0
		}
		fmt.Fprintf(&b, "up{instance=\"web1:9100\",job=\"shop\"} %d %d\n", v, t.Unix())
	}
	b.WriteString("# EOF\n")
	return b.String()
}

func shopTerms(u sla.Unit) contract.Terms {
	return contract.Terms{
		Name:      "web shop to Example Retail",
		Effective: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		Fee:       money.MustParseMoney("EUR 8000.00"),
		Objective: sla.Objective{Target: availability.MustParse("99.9%"), Period: u},
		Credits: contract.CreditSchedule{Tiers: []contract.CreditTier{
			{Upper: contract.Below(money.MustParseShare("99.9%")), Lower: contract.AtLeast(money.Percent(99)), Credit: money.Percent(10)},
			{Upper: contract.Below(money.Percent(99)), Lower: contract.AtLeast(money.Percent(0)), Credit: money.Percent(25)},
		}},
	}
}

// TestPrometheusServer backfills a month of up samples with promtool,
// starts the Debian prometheus on 127.0.0.1 over them, asks
// /api/v1/query_range over HTTP and checks that the statement made from
// its answer equals the one made from the outages given directly.
func TestPrometheusServer(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Prometheus server; skipped under -short")
	}
	prom, err1 := exec.LookPath("prometheus")
	promtool, err2 := exec.LookPath("promtool")
	if err1 != nil || err2 != nil {
		t.Skip("prometheus and promtool not installed (Debian: apt-get install prometheus)")
	}
	p, direct := span(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	om := filepath.Join(dir, "up.om")
	require.NoError(t, os.WriteFile(om, []byte(openMetrics(p)), 0o644))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start := time.Now()
	out, err := exec.CommandContext(ctx, promtool, "tsdb", "create-blocks-from", "openmetrics", om, data).CombinedOutput()
	require.NoError(t, err, "%s", out)
	t.Logf("promtool tsdb create-blocks-from openmetrics: %v", time.Since(start).Round(time.Millisecond))

	cfg := filepath.Join(dir, "prometheus.yml")
	require.NoError(t, os.WriteFile(cfg, []byte("global:\n  scrape_interval: 1m\nscrape_configs: []\n"), 0o644))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	// The server logs to a file: os/exec copies into an io.Writer from a
	// goroutine of its own, which reading it here would race with.
	logs, err := os.Create(filepath.Join(dir, "prometheus.log"))
	require.NoError(t, err)
	defer logs.Close()
	logText := func() string { b, _ := os.ReadFile(logs.Name()); return string(b) }
	cmd := exec.CommandContext(ctx, prom, "--config.file="+cfg, "--storage.tsdb.path="+data,
		"--storage.tsdb.retention.time=100y", "--web.listen-address="+addr)
	cmd.Stdout, cmd.Stderr = logs, logs
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	client := &http.Client{Timeout: 10 * time.Second}
	ready := false
	for i := 0; i < 300 && !ready; i++ { // at most 30 s
		if resp, err := client.Get("http://" + addr + "/-/ready"); err == nil {
			ready = resp.StatusCode == http.StatusOK
			resp.Body.Close()
		}
		if !ready {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if !ready {
		t.Fatalf("prometheus did not become ready:\n%s", logText())
	}
	t.Logf("prometheus ready after %v", time.Since(start).Round(time.Millisecond))

	grid, err := promrange.PeriodGrid(p, 5*time.Minute)
	require.NoError(t, err)
	resp, err := client.Get("http://" + addr + "/api/v1/query_range?" + grid.Query(`up{job="shop"}`).Encode())
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	if *record != "" {
		require.NoError(t, os.WriteFile(*record, body, 0o644))
	}
	m, err := promrange.ReadMatrix(strings.NewReader(string(body)))
	require.NoError(t, err)
	require.Len(t, m, 1)
	// 288 steps a day, minus the 5 gap steps the lookback cannot fill.
	days := int(p.Length() / (24 * time.Hour))
	assert.Len(t, m[0].Samples, days*288-5)
	got, err := m.Outages(grid)
	require.NoError(t, err)
	if d := cmp.Diff(direct, got); d != "" {
		t.Fatalf("outages from Prometheus (-direct +prometheus):\n%s", d)
	}

	terms := shopTerms(p.Unit())
	fromProm, err := terms.Statement(contract.PeriodRecords{Period: p, Outages: got})
	require.NoError(t, err)
	given, err := terms.Statement(contract.PeriodRecords{Period: p, Outages: direct})
	require.NoError(t, err)
	// Every field, unexported ones included: the statements are the same
	// value, not merely the same text.
	if d := cmp.Diff(given, fromProm, cmp.Exporter(func(reflect.Type) bool { return true })); d != "" {
		t.Errorf("statement (-direct +prometheus):\n%s", d)
	}
	// 35 + 5 + 25 = 65 min. Of a month's 44,640 min: 99.85439%, in the 10%
	// tier, EUR 800.00; of a day's 1,440: 95.486%, in the 25% tier, EUR
	// 2000.00.
	assert.Equal(t, 65*time.Minute, fromProm.Measurement.Downtime)
	want := "EUR 2000.00"
	if *month {
		want = "EUR 800.00"
	}
	assert.Equal(t, want, fromProm.Total.String())
	t.Logf("Prometheus query_range: %d samples; measured %v; total due %v", len(m[0].Samples), fromProm.Measurement.Availability, fromProm.Total)
}
