package promrange_test

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
	"github.com/slacalc/slacalc/sla/promrange"
)

func read(t *testing.T, name string) (promrange.Matrix, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	defer f.Close()
	return promrange.ReadMatrix(f)
}

func at(hhmm string) time.Time {
	t, err := time.Parse(time.RFC3339, "2027-01-04T"+hhmm+":00Z")
	if err != nil {
		panic(err)
	}
	return t
}

func TestReadMatrix(t *testing.T) {
	m, err := read(t, "up-shop.json")
	require.NoError(t, err)
	require.Len(t, m, 2)
	assert.Equal(t, "web1:9100", m[0].Labels["instance"])
	assert.Len(t, m[0].Samples, 11) // 12 steps, 08:40 missing
	assert.Len(t, m[1].Samples, 12)
	assert.True(t, m[0].Samples[0].T.Equal(at("08:00")))
	assert.Equal(t, 0.0, m[0].Samples[2].V) // 08:10
}

// TestOutagesGolden: the expected outages are read off the testdata README
// by hand: each sample stands for the 5 minutes after it.
func TestOutagesGolden(t *testing.T) {
	m, err := read(t, "up-shop.json")
	require.NoError(t, err)
	g := promrange.Grid{Start: at("08:00"), End: at("08:55"), Step: 5 * time.Minute, ScopeLabel: "instance"}
	got, err := m.Outages(g)
	require.NoError(t, err)
	want := []sla.Outage{
		{Start: at("08:10"), End: at("08:20"), Scope: "web1:9100", ErrorRate: 1}, // 0 at 08:10 and 08:15
		{Start: at("08:40"), End: at("08:45"), Scope: "web1:9100", ErrorRate: 1}, // the gap, under GapDown
		{Start: at("08:55"), End: at("09:00"), Scope: "web2:9100", ErrorRate: 1}, // the last step runs past End
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("outages (-want +got):\n%s", d)
	}

	g.Gaps = promrange.GapUp
	got, err = m.Outages(g)
	require.NoError(t, err)
	if d := cmp.Diff([]sla.Outage{want[0], want[2]}, got); d != "" {
		t.Errorf("outages with GapUp (-want +got):\n%s", d)
	}

	// Measured over the hour 08:00–09:00, 7×24, every outage in full: with
	// the scopes merged (no ScopeLabel), 10 + 5 + 5 = 20 minutes down, 1 −
	// 20/60 = 66.666…%.
	g = promrange.Grid{Start: at("08:00"), End: at("08:55"), Step: 5 * time.Minute}
	got, err = m.Outages(g)
	require.NoError(t, err)
	p, err := sla.NewPeriod(at("08:00"), at("09:00"))
	require.NoError(t, err)
	meas, err := sla.Measure(p, sla.Calendar{}, got, sla.CountingRules{})
	require.NoError(t, err)
	assert.Equal(t, 20*time.Minute, meas.Downtime)
}

// TestPartial: averaged probes give error rates; the expected values are
// 1 − 0.5 for 08:04–08:06 and 1 − 0 for 08:06–08:07, from the README.
func TestPartial(t *testing.T) {
	m, err := read(t, "probe-avg.json")
	require.NoError(t, err)
	got, err := m.Outages(promrange.Grid{Start: at("08:00"), End: at("08:09"), Step: time.Minute})
	require.NoError(t, err)
	want := []sla.Outage{
		{Start: at("08:04"), End: at("08:06"), ErrorRate: 0.5},
		{Start: at("08:06"), End: at("08:07"), ErrorRate: 1},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("outages (-want +got):\n%s", d)
	}
	// Under proportional one-minute slices: 2 min × 0.5 + 1 min × 1 = 2 min.
	p, err := sla.NewPeriod(at("08:00"), at("08:10"))
	require.NoError(t, err)
	meas, err := sla.Measure(p, sla.Calendar{}, got, sla.CountingRules{Slice: time.Minute, Proportional: true})
	require.NoError(t, err)
	assert.Equal(t, 2*time.Minute, meas.Downtime)
}

func TestReadErrors(t *testing.T) {
	_, err := read(t, "error.json")
	assert.ErrorIs(t, err, promrange.ErrAPI)
	assert.Contains(t, err.Error(), `status: "error" bad_data invalid parameter "query"`)

	_, err = read(t, "vector.json")
	assert.ErrorIs(t, err, availability.ErrSyntax)
	assert.Contains(t, err.Error(), `data.resultType: "vector" is not matrix`)

	for _, c := range []struct{ reason, body, want string }{
		{"unknown key", `{"status":"success","data":{"resultType":"matrix","result":[]},"extra":1}`, `unknown field "extra"`},
		{"unknown key in a stream", `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"histograms":[]}]}}`, `data.result[0]`},
		{"value not a string", `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,1]]}]}}`, `values[0]: has a value that is not a string`},
		{"value not a number", `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"up"]]}]}}`, `has value "up", not a number`},
		{"three elements", `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1","x"]]}]}}`, `is not [timestamp, "value"]`},
	} {
		_, err := promrange.ReadMatrix(strings.NewReader(c.body))
		require.Error(t, err, c.reason)
		assert.Contains(t, err.Error(), c.want, c.reason)
		var ie *availability.InputError
		assert.True(t, errors.As(err, &ie), c.reason)
	}
}

func TestOutagesErrors(t *testing.T) {
	g := promrange.Grid{Start: at("08:00"), End: at("08:10"), Step: 5 * time.Minute}
	m := promrange.Matrix{{Samples: []promrange.Sample{
		{T: at("08:01"), V: 1},          // off the grid
		{T: at("08:15"), V: 1},          // after End
		{T: at("08:05"), V: 2},          // above 1
		{T: at("08:10"), V: 1},          // fine
		{T: at("08:10"), V: 1},          // twice
		{T: at("08:00"), V: math.NaN()}, // a gap
	}}}
	_, err := m.Outages(g)
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, "matrix[0].samples[0]: 2027-01-04T08:01:00Z is not an instant of the grid")
	assert.Contains(t, msg, "matrix[0].samples[1]: 2027-01-04T08:15:00Z is not an instant of the grid")
	assert.Contains(t, msg, "matrix[0].samples[2]: 2 is outside [0, 1]")
	assert.Contains(t, msg, "matrix[0].samples[4]: 2027-01-04T08:10:00Z is a second sample")
	assert.NotContains(t, msg, "samples[5]")

	_, err = promrange.Matrix{}.Outages(promrange.Grid{Start: at("08:00"), End: at("07:00"), Step: time.Minute})
	assert.ErrorIs(t, err, sla.ErrOrder)

	_, err = promrange.Matrix{}.Outages(promrange.Grid{Start: at("08:00"), End: at("08:00").Add(366 * 24 * time.Hour), Step: time.Millisecond})
	assert.ErrorIs(t, err, availability.ErrRange)

	// No series at all: under GapDown the whole grid is down.
	got, err := promrange.Matrix{}.Outages(g)
	require.NoError(t, err)
	assert.Equal(t, []sla.Outage{{Start: at("08:00"), End: at("08:15"), ErrorRate: 1}}, got)
}

func TestPeriodGrid(t *testing.T) {
	p, err := sla.CalendarMonth(2027, time.February, time.UTC)
	require.NoError(t, err)
	g, err := promrange.PeriodGrid(p, 5*time.Minute)
	require.NoError(t, err)
	assert.True(t, g.End.Equal(time.Date(2027, 2, 28, 23, 55, 0, 0, time.UTC)))
	q := g.Query(`up{job="shop"}`)
	assert.Equal(t, "2027-02-01T00:00:00Z", q.Get("start"))
	assert.Equal(t, "2027-02-28T23:55:00Z", q.Get("end"))
	assert.Equal(t, "300", q.Get("step"))
	_, err = promrange.PeriodGrid(p, 7*time.Hour) // 28 d = 672 h = 96 × 7 h
	require.NoError(t, err)
	_, err = promrange.PeriodGrid(p, 5*time.Hour) // 672/5 is not whole
	assert.ErrorIs(t, err, availability.ErrDuration)
}
