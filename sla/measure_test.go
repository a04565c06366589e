package sla_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

func TestMeasureByHand(t *testing.T) {
	p := mustMonth(t, 2025, time.January, time.UTC) // 44,640 minutes
	jan := func(d, h, m int) time.Time { return time.Date(2025, 1, d, h, m, 0, 0, time.UTC) }
	outages := []sla.Outage{
		{ID: "a", Start: jan(6, 10, 0), End: jan(6, 10, 30)},                                                            // 30 min
		{ID: "b", Start: jan(6, 10, 20), End: jan(6, 11, 0)},                                                            // overlaps a: merged 10:00–11:00
		{ID: "c", Start: jan(7, 2, 0), End: jan(7, 4, 0), Kind: sla.Planned},                                            // excluded
		{ID: "d", Start: jan(8, 9, 0), End: jan(8, 9, 0).Add(40 * time.Second)},                                         // 40 s
		{ID: "e", Start: jan(31, 23, 0)},                                                                                // open: 1 h to the period's end
		{ID: "f", Start: time.Date(2024, 12, 31, 23, 30, 0, 0, time.UTC), End: jan(1, 0, 10)},                           // clipped: 10 min
		{ID: "g", Start: time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 2, 3, 1, 0, 0, 0, time.UTC)}, // outside
		{ID: "h", Start: jan(9, 12, 0), End: jan(9, 12, 30), Scope: "eu-west"},                                          // counted: no scope rule
	}
	rules := sla.CountingRules{Exclude: []sla.OutageKind{sla.Planned, sla.CustomerCaused}}
	m, err := sla.Measure(p, sla.Calendar{}, outages, rules)
	require.NoError(t, err)
	// Counted: 10 min + 60 min + 40 s + 30 min + 60 min = 160 min 40 s = 9640 s.
	assert.Equal(t, 160*time.Minute+40*time.Second, m.Downtime)
	// 1 − 9640/2,678,400 = 0.996400836...
	assert.InDelta(t, 1-9640.0/2678400, m.Availability.Fraction(), 1e-15)
	assert.Equal(t, 44640*time.Minute, m.ServiceTime)
	assert.Equal(t, 1, m.Ignored)
	require.Len(t, m.Excluded, 1)
	assert.Equal(t, sla.Exclusion{Index: 2, ID: "c", Kind: sla.Planned, Reason: sla.ExcludedKind, InWindow: 2 * time.Hour}, m.Excluded[0])
	require.Len(t, m.Outages, 5)
	assert.Equal(t, sla.MeasuredOutage{Interval: sla.Interval{Start: jan(6, 10, 0), End: jan(6, 11, 0)}, Records: 2, InWindow: time.Hour, Counted: time.Hour}, m.Outages[1])
	assert.True(t, m.Outages[4].Open)
	assert.Equal(t, p.End(), m.Outages[4].End)

	// Only whole minutes of at least one minute count: d (40 s) drops.
	rules.MinOutage, rules.Granularity = time.Minute, time.Minute
	m, err = sla.Measure(p, sla.Calendar{}, outages, rules)
	require.NoError(t, err)
	assert.Equal(t, 160*time.Minute, m.Downtime)
	assert.Equal(t, 40*time.Second, m.BelowMinimum)

	// Scope rule: h is out of scope, the rest have scope "" which is not listed either.
	rules = sla.CountingRules{Scopes: []string{"eu-west"}}
	m, err = sla.Measure(p, sla.Calendar{}, outages, rules)
	require.NoError(t, err)
	assert.Equal(t, 30*time.Minute, m.Downtime)
	assert.Len(t, m.Excluded, 6)
	assert.Equal(t, sla.OutOfScope, m.Excluded[0].Reason)
}

func TestMeasureServiceWindow(t *testing.T) {
	c := office(t, time.UTC)
	p := mustMonth(t, 2025, time.January, time.UTC) // 23 weekdays: 184 h of service
	outages := []sla.Outage{
		// Friday 10 January 16:00 to Monday 13 January 10:00: 1 h + 1 h in window.
		{Start: fri.Add(16 * time.Hour), End: mon.Add(10 * time.Hour)},
	}
	m, err := sla.Measure(p, c, outages, sla.CountingRules{})
	require.NoError(t, err)
	assert.Equal(t, 184*time.Hour, m.ServiceTime)
	assert.Equal(t, 2*time.Hour, m.Downtime)
	assert.Equal(t, 64*time.Hour, m.OutsideWindow) // 66 h in all
	// 1 − 2/184 = 98.913043...%
	assert.InDelta(t, 100*(1-2.0/184), m.Availability.Percent(), 1e-12)
}

func TestMeasureSlices(t *testing.T) {
	// One hour cut into twelve 5-minute slices.
	start := time.Date(2025, 1, 6, 10, 0, 0, 0, time.UTC)
	p, err := sla.NewPeriod(start, start.Add(time.Hour))
	require.NoError(t, err)
	at := func(m int) time.Time { return start.Add(time.Duration(m) * time.Minute) }
	outages := []sla.Outage{
		{Start: at(0), End: at(5), ErrorRate: 0.5},    // slice 0: rate 0.5
		{Start: at(5), End: at(6)},                    // slice 1: 1 min of rate 1 → 0.2
		{Start: at(10), End: at(20), ErrorRate: 0.02}, // slices 2, 3: 0.02
		{Start: at(12), End: at(13), ErrorRate: 0.9},  // slice 2: max(0.9, 0.02) for 1 min → (4×0.02+0.9)/5 = 0.196
	}
	rules := sla.CountingRules{Slice: 5 * time.Minute, SliceThreshold: 0.1}
	m, err := sla.Measure(p, sla.Calendar{}, outages, rules)
	require.NoError(t, err)
	// Slices 0 (0.5), 1 (0.2), 2 (0.196) exceed 10%; slice 3 (0.02) does not: 15 min.
	assert.Equal(t, 12, m.Slices)
	assert.Equal(t, 3, m.SlicesDown)
	assert.Equal(t, 15*time.Minute, m.Downtime)

	rules.Proportional = true
	m, err = sla.Measure(p, sla.Calendar{}, outages, rules)
	require.NoError(t, err)
	// 0.5×5 + 1×1 + (0.02×4 + 0.9×1) + 0.02×5 = 2.5 + 1 + 0.98 + 0.1 = 4.58 min = 274.8 s.
	assert.Equal(t, 274800*time.Millisecond, m.Downtime)
	assert.Equal(t, 4, m.SlicesDown)

	_, err = sla.Measure(p, sla.Calendar{}, outages, sla.CountingRules{Slice: 7 * time.Minute})
	assert.ErrorIs(t, err, sla.ErrSlice)
	_, err = sla.Measure(p, sla.Calendar{}, outages, sla.CountingRules{Slice: 5 * time.Minute, MinOutage: time.Minute})
	assert.ErrorIs(t, err, sla.ErrSlice)
}

func TestMeasureErrors(t *testing.T) {
	p := mustMonth(t, 2025, time.January, time.UTC)
	now := p.Start().Add(time.Hour)
	_, err := sla.Measure(p, sla.Calendar{}, []sla.Outage{
		{Start: now, End: now.Add(-time.Minute)},
		{End: now},
		{Start: now, Kind: sla.OutageKind(42)},
		{Start: now, ErrorRate: math.NaN()},
	}, sla.CountingRules{MinOutage: -time.Second, SliceThreshold: 2})
	require.Error(t, err)
	for _, s := range []error{sla.ErrOrder, sla.ErrRange, sla.ErrDuration} {
		assert.ErrorIs(t, err, s)
	}
	var ie *availability.InputError
	require.True(t, errors.As(err, &ie))
	assert.Equal(t, 6, len(err.(interface{ Unwrap() []error }).Unwrap()))

	many := make([]sla.Outage, 1000)
	_, err = sla.Measure(p, sla.Calendar{}, many, sla.CountingRules{})
	listed := err.(interface{ Unwrap() []error }).Unwrap()
	assert.Len(t, listed, 21, "20 problems and a count")
	// 1000 records without a start: 20 listed, 980 counted.
	assert.EqualError(t, listed[20], "sla.Measure: and 980 more problems")
}

// TestMeasureBruteForce compares Measure with a minute-by-minute count on
// random outage sets (seeded) over a DST week in Amsterdam, for a 5×8 and a
// night-shift calendar and every kind of counting rule.
func TestMeasureBruteForce(t *testing.T) {
	if testing.Short() {
		t.Skip("randomized cross-check")
	}
	ams := mustLoad(t, "Europe/Amsterdam")
	cals := []sla.Calendar{
		office(t, ams, sla.EasterMonday()),
		mustCal(t)(sla.Daily(ams, sla.Clock(1, 0), sla.Clock(5, 0))),
		sla.Calendar{},
	}
	p, err := sla.CalendarPeriod(sla.Week, time.Date(2025, 10, 22, 0, 0, 0, 0, ams), ams) // 169 h
	require.NoError(t, err)
	minutes := int(p.Length() / time.Minute)
	rng := rand.New(rand.NewPCG(7, 11))
	rulesets := []sla.CountingRules{
		{},
		{Exclude: []sla.OutageKind{sla.Planned}, MinOutage: 3 * time.Minute, Granularity: 2 * time.Minute},
		{Slice: 5 * time.Minute, SliceThreshold: 0.3},
		{Slice: 15 * time.Minute, Proportional: true},
	}
	nonzero := 0
	for trial := range 40 {
		c := cals[trial%len(cals)]
		r := rulesets[trial/len(cals)%len(rulesets)]
		var outages []sla.Outage
		for range 1 + rng.IntN(40) {
			s := rng.IntN(minutes+200) - 100
			o := sla.Outage{Start: p.Start().Add(time.Duration(s) * time.Minute), Kind: sla.OutageKind(rng.IntN(2))}
			if rng.IntN(20) > 0 {
				o.End = o.Start.Add(time.Duration(rng.IntN(300)) * time.Minute)
			}
			if rng.IntN(2) == 0 {
				o.ErrorRate = float64(1+rng.IntN(10)) / 10
			}
			outages = append(outages, o)
		}
		got, err := sla.Measure(p, c, outages, r)
		require.NoError(t, err)
		want := bruteMeasure(c, p, outages, r)
		require.Equal(t, want, got.Downtime, "trial %d", trial)
		if want > 0 {
			nonzero++
		}
	}
	assert.Greater(t, nonzero, 30, "the trials exercise downtime")
}

// bruteMeasure is the definition of Measure, minute by minute.
func bruteMeasure(c sla.Calendar, p sla.Period, outages []sla.Outage, r sla.CountingRules) time.Duration {
	n := int(p.Length() / time.Minute)
	rate := make([]float64, n) // highest error rate of a counted record covering the minute
	down := make([]bool, n)
	in := make([]bool, n)
	for i := range n {
		t := p.Start().Add(time.Duration(i) * time.Minute)
		in[i] = bruteService(c, t, t.Add(time.Minute)) == time.Minute
	}
	for _, o := range outages {
		if slicesContains(r.Exclude, o.Kind) {
			continue
		}
		end := o.End
		if o.Open() {
			end = p.End()
		}
		er := o.ErrorRate
		if er == 0 {
			er = 1
		}
		for i := range n {
			t := p.Start().Add(time.Duration(i) * time.Minute)
			if !t.Before(o.Start) && t.Before(end) {
				down[i] = true
				rate[i] = max(rate[i], er)
			}
		}
	}
	var total time.Duration
	if r.Slice > 0 {
		k := int(r.Slice / time.Minute)
		for s := 0; s < n; s += k {
			var acc float64
			var win int
			for i := s; i < s+k; i++ {
				if in[i] {
					win++
					acc += rate[i]
				}
			}
			switch {
			case win == 0:
			case r.Proportional:
				total += time.Duration(math.Round(acc * float64(time.Minute)))
			case acc/float64(win) > r.SliceThreshold:
				total += time.Duration(win) * time.Minute
			}
		}
		return total
	}
	// Runs of consecutive down minutes are the merged outages.
	for i := 0; i < n; {
		if !down[i] {
			i++
			continue
		}
		var win time.Duration
		for ; i < n && down[i]; i++ {
			if in[i] {
				win += time.Minute
			}
		}
		if win < r.MinOutage {
			continue
		}
		if r.Granularity > 0 {
			win = win / r.Granularity * r.Granularity
		}
		total += win
	}
	return total
}

func slicesContains(ks []sla.OutageKind, k sla.OutageKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func TestOutageAndRulesJSON(t *testing.T) {
	start := time.Date(2025, 3, 30, 1, 30, 0, 0, time.UTC)
	outages := []sla.Outage{
		{ID: "INC-1", Start: start, End: start.Add(90 * time.Minute), Scope: "api", Kind: sla.CustomerCaused, ErrorRate: 0.25},
		{ID: "INC-2", Start: start}, // open
	}
	b, err := json.Marshal(outages)
	require.NoError(t, err)
	assert.JSONEq(t, `[{"id":"INC-1","start":"2025-03-30T01:30:00Z","end":"2025-03-30T03:00:00Z","scope":"api","kind":"customer","errorRate":0.25},
		{"id":"INC-2","start":"2025-03-30T01:30:00Z","kind":"unplanned"}]`, string(b))
	var back []sla.Outage
	require.NoError(t, json.Unmarshal(b, &back))
	if d := cmp.Diff(outages, back); d != "" {
		t.Errorf("outages (-want +got):\n%s", d)
	}
	rules := sla.CountingRules{Exclude: []sla.OutageKind{sla.Planned, sla.ForceMajeure}, Scopes: []string{"api"}, Slice: 5 * time.Minute, SliceThreshold: 0.05}
	b, err = json.Marshal(rules)
	require.NoError(t, err)
	assert.JSONEq(t, `{"exclude":["planned","force-majeure"],"scopes":["api"],"slice":"5m0s","sliceThreshold":0.05}`, string(b))
	var rb sla.CountingRules
	require.NoError(t, json.Unmarshal(b, &rb))
	if d := cmp.Diff(rules, rb); d != "" {
		t.Errorf("rules (-want +got):\n%s", d)
	}
	assert.Error(t, json.Unmarshal([]byte(`{"slice":"5 minutes"}`), &rb))
	assert.Error(t, json.Unmarshal([]byte(`{"start":"2025-03-30T01:30:00Z","end":"2025-03-29T01:30:00Z","kind":"unplanned"}`), &back[0]))
	assert.Error(t, json.Unmarshal([]byte(`{"start":"2025-03-30T01:30:00Z","kind":"meteor"}`), &back[0]))
}
