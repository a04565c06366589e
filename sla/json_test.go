package sla_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

func inputErrors(t *testing.T, err error) []*availability.InputError {
	t.Helper()
	var out []*availability.InputError
	var walk func(error)
	walk = func(e error) {
		if ie, ok := e.(*availability.InputError); ok {
			out = append(out, ie)
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		t.Errorf("not an *availability.InputError: %T %v", e, e)
	}
	walk(err)
	return out
}

// TestWeekdaysReportsOnce checks that a bad time of day is one problem,
// not one per weekday (issue 12).
func TestWeekdaysReportsOnce(t *testing.T) {
	_, err := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.TimeOfDay(25*3600))
	require.ErrorIs(t, err, sla.ErrSchedule)
	got := inputErrors(t, err)
	require.Len(t, got, 1, "%v", err)
	assert.Equal(t, "to", got[0].Field)
	_, err = sla.Weekdays(time.UTC, sla.Clock(17, 0), sla.Clock(9, 0))
	require.Len(t, inputErrors(t, err), 1, "%v", err)
}

// TestZoneSuggestion checks the nearest IANA name in the error of a
// misspelt zone, at the zone's path.
func TestZoneSuggestion(t *testing.T) {
	var o sla.Objective
	err := json.Unmarshal([]byte(`{"target": "99.9%", "period": "month", "calendar": {"zone": "Europe/Amsterdan", "hours": []}}`), &o)
	require.ErrorIs(t, err, sla.ErrLocation)
	got := inputErrors(t, err)
	require.Len(t, got, 1, "%v", err)
	assert.Equal(t, "calendar.zone", got[0].Field)
	assert.Contains(t, got[0].Error(), `did you mean "Europe/Amsterdam"?`)
	for _, bad := range []string{"../../etc/passwd", "Local", "/usr/share/zoneinfo/UTC", ""} {
		var c sla.Calendar
		err := json.Unmarshal([]byte(`{"zone": `+quote(bad)+`, "hours": [{"day": "Monday", "from": "09:00", "to": "17:00"}]}`), &c)
		assert.ErrorIs(t, err, sla.ErrLocation, bad)
	}
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

// TestStrictJSON checks unknown keys (with the nearest key), missing
// required keys and every problem at once, at their paths.
func TestStrictJSON(t *testing.T) {
	tests := []struct {
		name  string
		v     any
		json  string
		paths []string
		text  string
	}{
		{"objective without target", new(sla.Objective), `{"period": "month"}`, []string{"target"}, "is required"},
		{"objective misspelt", new(sla.Objective), `{"target": "99%", "period": "month", "calender": {}}`, []string{"calender"}, `did you mean "calendar"?`},
		{"hours every problem", new(sla.Calendar), `{"zone": "UTC", "hours": [{"day": "Monday", "form": "09:00", "to": "17:00"}, {"day": "Tuesday", "from": "09:00"}]}`,
			[]string{"hours[0].form", "hours[0].from", "hours[1].to"}, `did you mean "from"?`},
		{"weekday", new(sla.Hours), `{"day": "Mondey", "from": "09:00", "to": "17:00"}`, []string{"day"}, `did you mean "Monday"?`},
		{"rules", new(sla.CountingRules), `{"minOutage": "1 minute", "granularty": "1m"}`, []string{"granularty", "minOutage"}, ""},
		{"target", new(sla.Target), `{}`, []string{""}, `needs "business" or "workingDays"`},
		{"target misspelt", new(sla.Target), `{"busines": "4h"}`, []string{"busines"}, `did you mean "business"?`},
		{"priority", new(sla.PriorityTargets), `{"priority": "P1", "respnd": {"business": "1h"}, "resolve": {"business": "4h"}}`, []string{"respnd"}, ""}, // the targets are optional
		{"outage", new(sla.Outage), `{"start": "2027-01-01T00:00:00Z", "knd": "planned"}`, []string{"knd", "kind"}, ""},
		{"period", new(sla.Period), `{"unit": "month", "start": "2027-01-01T00:00:00Z", "end": "2027-02-01T00:00:00Z"}`, []string{"zone"}, ""},
		{"easter without offset", new(sla.Calendar), `{"zone": "UTC", "hours": [{"day": "Monday", "from": "09:00", "to": "17:00"}], "holidays": [{"name": "Ascension Day", "rule": "easter"}]}`,
			[]string{"holidays[0].offset"}, "is required"},
		{"holiday misspelt offset", new(sla.Calendar), `{"zone": "UTC", "hours": [{"day": "Monday", "from": "09:00", "to": "17:00"}], "holidays": [{"name": "Ascension Day", "rule": "easter", "ofset": 39}]}`,
			[]string{"holidays[0].offset", "holidays[0].ofset"}, `did you mean "offset"?`},
		{"duplicate key", new(sla.Objective), `{"target": "99%", "target": "98%", "period": "month"}`, []string{"target"}, "given twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := json.Unmarshal([]byte(tt.json), tt.v)
			require.Error(t, err)
			var paths []string
			for _, e := range inputErrors(t, err) {
				paths = append(paths, e.Field)
			}
			assert.ElementsMatch(t, tt.paths, paths, "%v", err)
			assert.Contains(t, err.Error(), tt.text)
			assert.True(t, errors.Is(err, sla.ErrSyntax) || errors.Is(err, sla.ErrHoliday) || errors.Is(err, sla.ErrLocation), "%v", err)
			assert.False(t, strings.Contains(err.Error(), "sla.sla."), "one prefix")
		})
	}
}

// TestJSONRoundTrips checks that the JSON types of the package encode and
// decode to equal values, durations as Go duration strings and enums as
// text.
func TestJSONRoundTrips(t *testing.T) {
	cal, err := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.Clock(17, 0))
	require.NoError(t, err)
	period, err := sla.CalendarMonth(2027, time.March, time.UTC)
	require.NoError(t, err)
	values := []any{
		&sla.Objective{Name: "web", Target: availability.MustParse("99.9%"), Period: sla.Month, Calendar: cal,
			Rules: sla.CountingRules{Exclude: []sla.OutageKind{sla.Planned}, MinOutage: time.Minute, Granularity: time.Minute}},
		&sla.Objective{Target: availability.MustParse("99%"), Period: sla.Window, Window: 28 * 24 * time.Hour},
		&sla.Outage{ID: "a", Start: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 1, 1, 0, 0, 0, time.UTC), Kind: sla.CustomerCaused, ErrorRate: 0.5},
		&sla.CountingRules{Slice: 5 * time.Minute, SliceThreshold: 0.1},
		&sla.Target{Business: 4 * time.Hour},
		&sla.Target{WorkingDays: 2},
		&sla.PriorityTargets{Priority: "P1", Respond: sla.Target{Business: time.Hour}, Resolve: sla.Target{WorkingDays: 1}},
		&sla.Hours{Day: time.Friday, From: sla.Clock(8, 0), To: sla.Clock(24, 0)},
		&period,
	}
	for _, v := range values {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		back := newOf(v)
		require.NoError(t, json.Unmarshal(b, back), "%s", b)
		b2, err := json.Marshal(back)
		require.NoError(t, err)
		assert.JSONEq(t, string(b), string(b2))
	}
	b, _ := json.Marshal(values[0])
	assert.Contains(t, string(b), `"minOutage":"1m0s"`, "durations as Go duration strings")
	assert.Contains(t, string(b), `"exclude":["planned"]`, "enums as text")
}

func newOf(v any) any {
	switch v.(type) {
	case *sla.Objective:
		return new(sla.Objective)
	case *sla.Outage:
		return new(sla.Outage)
	case *sla.CountingRules:
		return new(sla.CountingRules)
	case *sla.Target:
		return new(sla.Target)
	case *sla.PriorityTargets:
		return new(sla.PriorityTargets)
	case *sla.Hours:
		return new(sla.Hours)
	case *sla.Period:
		return new(sla.Period)
	}
	panic("no type")
}

func TestIntervalStrictJSON(t *testing.T) {
	var iv sla.Interval
	err := json.Unmarshal([]byte(`{"start": "2027-01-01T00:00:00Z", "edn": "2027-01-01T01:00:00Z"}`), &iv)
	var paths []string
	for _, e := range inputErrors(t, err) {
		paths = append(paths, e.Field)
	}
	assert.ElementsMatch(t, []string{"edn", "end"}, paths, "%v", err)
	in := sla.Interval{Start: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 1, 1, 0, 0, 0, time.UTC)}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &iv))
	assert.Equal(t, in, iv)
}
