package openslo_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
	"github.com/slacalc/slacalc/sla/openslo"
)

func amsterdam(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(t, err)
	return loc
}

// objectives covers every period, the zero and non-UTC calendars, office
// hours with holidays, and each kind of counting rule.
func objectives(t *testing.T) []sla.Objective {
	ams := amsterdam(t)
	office, err := sla.Weekdays(ams, 8*3600, 18*3600, sla.Holiday{Name: "King's Day", Rule: sla.Annual, Month: time.April, Day: 27})
	require.NoError(t, err)
	always, err := sla.Always(ams)
	require.NoError(t, err)
	return []sla.Objective{
		{Name: "shop monthly", Target: availability.MustParse("99.9%"), Period: sla.Month},
		{Target: availability.MustParse("99.95%"), Period: sla.Window, Window: 30 * 24 * time.Hour},
		{Name: "rolling 90m", Target: availability.MustParse("99%"), Period: sla.Window, Window: 90 * time.Minute},
		{Name: "office hours", Target: availability.MustParse("99.5%"), Period: sla.Month, Calendar: office,
			Rules: sla.CountingRules{Exclude: []sla.OutageKind{sla.Planned, sla.CustomerCaused}, MinOutage: time.Minute, Granularity: time.Minute}},
		{Name: "weekly ams", Target: availability.MustParse("99.99%"), Period: sla.Week, Calendar: always},
		{Name: "slices", Target: availability.MustParse("99.9%"), Period: sla.Quarter, Rules: sla.CountingRules{Slice: 5 * time.Minute, SliceThreshold: 0.05}},
		{Name: "proportional", Target: availability.MustParse("99.9%"), Period: sla.Year, Rules: sla.CountingRules{Slice: time.Hour, Proportional: true, Scopes: []string{"eu"}}},
		{Name: "daily", Target: availability.MustParse("99.999%"), Period: sla.Day},
		{Name: "a target without a short decimal", Target: availability.Must(availability.FromFraction(1 - 1.0/3)), Period: sla.Month},
	}
}

// sameObjective compares objectives by their JSON, which is lossless
// (sla.Objective.MarshalJSON) and sees through the Calendar's pointer.
func sameObjective(t *testing.T, want, got sla.Objective) {
	t.Helper()
	w, err := json.Marshal(want)
	require.NoError(t, err)
	g, err := json.Marshal(got)
	require.NoError(t, err)
	assert.JSONEq(t, string(w), string(g))
	assert.Equal(t, want.Target, got.Target, "the target is the identical value")
}

func TestRoundTrip(t *testing.T) {
	objs := objectives(t)
	var docs []openslo.SLO
	for i, o := range objs {
		d, err := openslo.FromObjective("shop", o)
		require.NoError(t, err, i)
		back, err := d.Objective()
		require.NoError(t, err, i)
		sameObjective(t, o, back)
		docs = append(docs, d)
	}
	// The same through YAML, as one multi-document stream.
	var buf bytes.Buffer
	require.NoError(t, openslo.Encode(&buf, docs...))
	read, err := openslo.Decode(&buf)
	require.NoError(t, err)
	require.Len(t, read, len(objs))
	if d := cmp.Diff(docs, read); d != "" {
		t.Errorf("documents after YAML (-want +got):\n%s", d)
	}
	for i, d := range read {
		back, err := d.Objective()
		require.NoError(t, err, i)
		sameObjective(t, objs[i], back)
	}
}

func TestUnderpinning(t *testing.T) {
	o := sla.Objective{Name: "AppHost managed hosting", Target: availability.MustParse("99.99%"), Period: sla.Month}
	d, err := openslo.Underpinning("shop", "AppHost", o)
	require.NoError(t, err)
	assert.Equal(t, "apphost-managed-hosting", d.Metadata.Name)
	assert.Equal(t, "AppHost", d.Spec.Service)
	assert.Equal(t, map[string]string{
		openslo.AnnotationTarget: "99.99%", openslo.AnnotationRole: "underpinning",
		openslo.AnnotationUnderpins: "shop", openslo.AnnotationSupplier: "AppHost",
	}, d.Metadata.Annotations)
	back, err := d.Objective()
	require.NoError(t, err)
	sameObjective(t, o, back)
}

// TestGolden checks the written form field by field against the mapping of
// the package documentation, written out by hand.
func TestGolden(t *testing.T) {
	o := sla.Objective{Name: "Shop slices", Target: availability.MustParse("99.9%"), Period: sla.Month,
		Rules: sla.CountingRules{Slice: 5 * time.Minute, SliceThreshold: 0.25}}
	d, err := openslo.FromObjective("shop", o)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, openslo.Encode(&buf, d))
	// timeSliceTarget = 1 − 0.25 = 0.75 (exact in binary); target 0.999 is
	// the shortest float64 text of 1 − 0.001.
	want := `apiVersion: openslo/v1
kind: SLO
metadata:
  name: shop-slices
  displayName: Shop slices
  annotations:
    slacalc.io/rules: '{"slice":"5m0s","sliceThreshold":0.25}'
    slacalc.io/target: 99.9%
spec:
  description: 99.9% availability over each calendar month in UTC, counted in 7×24 (slacalc)
  service: shop
  indicatorRef: shop-availability
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar:
        startTime: "2024-01-01 00:00:00"
        timeZone: UTC
  budgetingMethod: Timeslices
  objectives:
    - displayName: Shop slices
      target: 0.999
      timeSliceTarget: 0.75
      timeSliceWindow: 5m
`
	assert.Equal(t, want, buf.String())
}

// TestImportPlain reads a document written by hand without slacalc
// annotations, as another tool would write it.
func TestImportPlain(t *testing.T) {
	const doc = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: web-availability
  displayName: Web
spec:
  service: web
  indicator:
    metadata:
      name: web-up
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{code!~"5.."}[5m]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total[5m]))
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Timeslices
  objectives:
    - target: 0.995
      timeSliceTarget: 0.9
      timeSliceWindow: 1m
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: monthly
spec:
  service: web
  indicatorRef: web-up
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar:
        startTime: 2022-03-01 00:00:00
        timeZone: Europe/Amsterdam
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`
	docs, err := openslo.Decode(strings.NewReader(doc))
	require.NoError(t, err)
	require.Len(t, docs, 2)
	o, err := docs[0].Objective()
	require.NoError(t, err)
	assert.Equal(t, "Web", o.Name)
	assert.Equal(t, sla.Window, o.Period)
	assert.Equal(t, 28*24*time.Hour, o.Window) // 28d
	assert.Equal(t, 5*time.Minute/5, o.Rules.Slice)
	assert.InDelta(t, 0.1, o.Rules.SliceThreshold, 1e-15) // 1 − 0.9
	assert.InDelta(t, 0.005, o.Target.Unavailability(), 1e-15)
	o, err = docs[1].Objective()
	require.NoError(t, err)
	assert.Equal(t, sla.Month, o.Period)
	assert.Equal(t, "Europe/Amsterdam", o.Calendar.Location().String())
	assert.Equal(t, "99.9%", o.Target.String())
}

func TestDecodeStrict(t *testing.T) {
	const doc = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: x
spec:
  service: web
  timeWindow:
    - duration: 1M
      isRolling: false
      calender: {startTime: 2022-01-01 00:00:00, timeZone: UTC}
  budgetingMethod: Occurrences
  objectives: [{target: 0.99}]
---
apiVersion: openslo/v2alpha
kind: Service
metadata: {name: y}
spec: {service: y, timeWindow: [], budgetingMethod: Occurrences, objectives: []}
`
	_, err := openslo.Decode(strings.NewReader(doc))
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, "openslo.Decode: documents[0]:")
	assert.Contains(t, msg, "calender")
	assert.Contains(t, msg, `documents[1].apiVersion: "openslo/v2alpha" is not openslo/v1`)
	assert.Contains(t, msg, `documents[1].kind: "Service" is not SLO`)
	assert.ErrorIs(t, err, availability.ErrSyntax)
	assert.ErrorIs(t, err, openslo.ErrUnsupported)
	var ie *availability.InputError
	assert.True(t, errors.As(err, &ie))
}

func TestObjectiveErrors(t *testing.T) {
	base := func() openslo.SLO {
		d, err := openslo.FromObjective("shop", sla.Objective{Name: "x", Target: availability.MustParse("99.9%"), Period: sla.Month, Calendar: mustAlways(t)})
		require.NoError(t, err)
		return d
	}
	cases := []struct {
		reason string
		edit   func(*openslo.SLO)
		want   error
		text   string
	}{
		{"target edited without the annotation", func(d *openslo.SLO) { d.Spec.Objectives[0].Target = 0.99 }, openslo.ErrConflict, "differs from slacalc.io/target 99.9%"},
		{"zone differs from the calendar annotation", func(d *openslo.SLO) { d.Spec.TimeWindow[0].Calendar.TimeZone = "UTC" }, openslo.ErrConflict, "differs from the zone"},
		{"start not aligned to a month", func(d *openslo.SLO) { d.Spec.TimeWindow[0].Calendar.StartTime = "2024-01-15 00:00:00" }, openslo.ErrUnsupported, "does not start a calendar month"},
		{"two months", func(d *openslo.SLO) { d.Spec.TimeWindow[0].Duration = "2M" }, openslo.ErrUnsupported, "is not one calendar day"},
		{"rolling month", func(d *openslo.SLO) { d.Spec.TimeWindow[0].IsRolling = true; d.Spec.TimeWindow[0].Calendar = nil }, openslo.ErrUnsupported, "not a fixed positive length"},
		{"budgeting method disagrees with the rules", func(d *openslo.SLO) { d.Spec.BudgetingMethod = openslo.Timeslices }, openslo.ErrConflict, "is not Occurrences"},
		{"unknown budgeting method", func(d *openslo.SLO) { d.Spec.BudgetingMethod = "Events" }, openslo.ErrUnsupported, "is not Occurrences, Timeslices or RatioTimeslices"},
		{"unknown slacalc annotation", func(d *openslo.SLO) { d.Metadata.Annotations["slacalc.io/window"] = "x" }, openslo.ErrUnsupported, "slacalc.io/window"},
		{"time slice target above 1", func(d *openslo.SLO) {
			x := 1.5
			delete(d.Metadata.Annotations, openslo.AnnotationRules)
			d.Spec.BudgetingMethod = openslo.Timeslices
			d.Spec.Objectives[0].TimeSliceWindow, d.Spec.Objectives[0].TimeSliceTarget = "5m", &x
		}, availability.ErrRange, "gives invalid counting rules"},
		{"bad duration", func(d *openslo.SLO) { d.Spec.TimeWindow[0].Duration = "month" }, availability.ErrSyntax, "is not a number and one of"},
	}
	for _, c := range cases {
		d := base()
		c.edit(&d)
		_, err := d.Objective()
		require.Error(t, err, c.reason)
		assert.ErrorIs(t, err, c.want, c.reason)
		assert.Contains(t, err.Error(), c.text, c.reason)
	}
}

func mustAlways(t *testing.T) sla.Calendar {
	c, err := sla.Always(amsterdam(t))
	require.NoError(t, err)
	return c
}

func TestFromObjectiveErrors(t *testing.T) {
	for _, c := range []struct {
		reason string
		o      sla.Objective
	}{
		{"a window without a length", sla.Objective{Target: availability.MustParse("99%")}},
		{"a window of seconds", sla.Objective{Target: availability.MustParse("99%"), Window: 90 * time.Second}},
		{"a slice of seconds", sla.Objective{Target: availability.MustParse("99%"), Period: sla.Month, Rules: sla.CountingRules{Slice: 30 * time.Second}}},
	} {
		_, err := openslo.FromObjective("shop", c.o)
		assert.ErrorIs(t, err, openslo.ErrUnsupported, c.reason)
	}
}
