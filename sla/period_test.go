package sla_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

const day = 24 * time.Hour

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

func TestConventionDowntime(t *testing.T) {
	a := availability.MustParse("99.9%")
	tests := []struct {
		c    sla.Convention
		want time.Duration
	}{
		// 0.001 × 30 × 86400 s = 2592 s = 43m12s.
		{sla.Month30d, 43*time.Minute + 12*time.Second},
		// 0.001 × 365.2425/12 × 86400 s = 0.001 × 2629746 s = 2629.746 s = 43m49.746s.
		// The brief's "43m49.7056s" does not follow from its own formula:
		// 2629.7056 s would need a month of 30.43641 days.
		{sla.MeanGregorianMonth, 43*time.Minute + 49746*time.Millisecond},
		// 0.001 × 31 × 86400 s = 2678.4 s = 44m38.4s.
		{sla.Month31d, 44*time.Minute + 38400*time.Millisecond},
		// 0.001 × 365 × 86400 s = 31536 s = 8h45m36s.
		{sla.Year365d, 8*time.Hour + 45*time.Minute + 36*time.Second},
		// 0.001 × 365.2425 × 86400 s = 31556.952 s = 8h45m56.952s.
		{sla.MeanGregorianYear, 8*time.Hour + 45*time.Minute + 56952*time.Millisecond},
		// 0.001 × 28 × 86400 s = 2419.2 s.
		{sla.Window28d, 40*time.Minute + 19200*time.Millisecond},
		// 0.001 × 86400 s = 86.4 s.
		{sla.Day24h, time.Minute + 26400*time.Millisecond},
		// 0.001 × 604800 s = 604.8 s.
		{sla.Week7d, 10*time.Minute + 4800*time.Millisecond},
		// 0.001 × 90 d = 7776 s.
		{sla.Quarter90d, 2*time.Hour + 9*time.Minute + 36*time.Second},
		// 0.001 × 7889238 s = 7889.238 s.
		{sla.MeanGregorianQuarter, 7889238 * time.Millisecond},
		// 0.001 × 366 d = 31622.4 s.
		{sla.Year366d, 31622400 * time.Millisecond},
	}
	require.Len(t, tests, len(sla.Conventions()), "every convention is tested")
	for _, tt := range tests {
		t.Run(tt.c.String(), func(t *testing.T) {
			assert.Equal(t, tt.want, tt.c.Downtime(a))
			if tt.c == sla.MeanGregorianMonth { // the 43m49.7s that calculators print
				assert.Equal(t, 43*time.Minute+49700*time.Millisecond, tt.c.Downtime(a).Round(100*time.Millisecond))
			}
			back, err := tt.c.Availability(tt.want)
			require.NoError(t, err)
			assert.Equal(t, "99.9%", back.String())
			text, err := tt.c.MarshalText()
			require.NoError(t, err)
			var c sla.Convention
			require.NoError(t, c.UnmarshalText(text))
			assert.Equal(t, tt.c, c)
		})
	}
}

func TestCalendarPeriodLengths(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	ny := mustLoad(t, "America/New_York")
	tests := []struct {
		name string
		unit sla.Unit
		at   time.Time
		loc  *time.Location
		want time.Duration
	}{
		// January has 31 days: 31 × 1440 = 44,640 minutes.
		{"UTC January", sla.Month, time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC), time.UTC, 44640 * time.Minute},
		// Clocks go forward on 30 March 2025: 44,640 − 60 = 44,580 minutes.
		{"Amsterdam March 2025", sla.Month, time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC), ams, 44580 * time.Minute},
		// Clocks go back on 26 October 2025: 44,640 + 60 = 44,700 minutes.
		{"Amsterdam October 2025", sla.Month, time.Date(2025, 10, 10, 0, 0, 0, 0, time.UTC), ams, 44700 * time.Minute},
		// The spring-forward day lasts 23 hours.
		{"Amsterdam 2025-03-30", sla.Day, time.Date(2025, 3, 30, 12, 0, 0, 0, ams), ams, 23 * time.Hour},
		// The week of Monday 24 March 2025 contains the transition: 167 hours.
		{"Amsterdam DST week", sla.Week, time.Date(2025, 3, 27, 12, 0, 0, 0, ams), ams, 167 * time.Hour},
		// New York: 2 November 2025 falls back, the week of 27 October has 169 hours.
		{"New York fall-back week", sla.Week, time.Date(2025, 11, 1, 12, 0, 0, 0, ny), ny, 169 * time.Hour},
		// New York springs forward 9 March 2025 (a Sunday, so the ISO week of 3 March).
		{"New York spring week", sla.Week, time.Date(2025, 3, 9, 12, 0, 0, 0, ny), ny, 167 * time.Hour},
		// Q1 2025 in UTC: 31 + 28 + 31 = 90 days.
		{"UTC Q1 2025", sla.Quarter, time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), time.UTC, 90 * day},
		// A year in any DST zone has its two hours cancel: 365 days.
		{"Amsterdam 2025", sla.Year, time.Date(2025, 6, 1, 0, 0, 0, 0, ams), ams, 365 * day},
		// 2024 is a leap year.
		{"UTC 2024", sla.Year, time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), time.UTC, 366 * day},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := sla.CalendarPeriod(tt.unit, tt.at, tt.loc)
			require.NoError(t, err)
			assert.Equal(t, tt.want, p.Length())
			assert.True(t, p.Contains(tt.at))
			assert.Equal(t, tt.unit, p.Unit())
		})
	}
}

func TestCalendarMonthAndNext(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	p, err := sla.CalendarMonth(2025, time.January, ams)
	require.NoError(t, err)
	// Month lengths of 2025 in hours: 31, 28, 31 days; March −1 h, October +1 h.
	want := []time.Duration{744, 672, 743, 720, 744, 720, 744, 744, 720, 745, 720, 744}
	for i, w := range want {
		assert.Equal(t, w*time.Hour, p.Length(), "month %d", i+1)
		assert.Equal(t, time.Month(i+1), p.Start().Month())
		assert.Equal(t, 0, p.Start().Hour())
		p = p.Next()
	}
	assert.Equal(t, 2026, p.Start().Year())

	r, err := sla.RollingWindow(time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), 28*day)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), r.Start())
	assert.Equal(t, time.Date(2025, 4, 28, 0, 0, 0, 0, time.UTC), r.Next().End())
}

func TestPeriodDowntimeAndReverse(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	p, err := sla.CalendarMonth(2025, time.March, ams)
	require.NoError(t, err)
	a := availability.MustParse("99.9%")
	// 0.001 × 44,580 min = 44.58 min = 44m34.8s.
	assert.Equal(t, 44*time.Minute+34800*time.Millisecond, p.Downtime(a))
	// 44m34.8s over 44,580 min is 0.1% down.
	back, err := p.Availability(44*time.Minute + 34800*time.Millisecond)
	require.NoError(t, err)
	assert.Equal(t, "99.9%", back.String())
	_, err = p.Availability(-time.Second)
	assert.ErrorIs(t, err, availability.ErrDuration)
}

func TestPeriodErrors(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := sla.NewPeriod(now, now.Add(-time.Hour))
	assert.ErrorIs(t, err, sla.ErrOrder)
	var ie *availability.InputError
	require.True(t, errors.As(err, &ie))
	assert.Equal(t, "end", ie.Field)
	_, err = sla.RollingWindow(now, -time.Hour)
	assert.ErrorIs(t, err, sla.ErrDuration)
	_, err = sla.CalendarMonth(2025, 1, nil)
	assert.ErrorIs(t, err, sla.ErrLocation)
	_, err = sla.CalendarPeriod(sla.Window, now, time.UTC)
	assert.ErrorIs(t, err, sla.ErrRange)
}

func TestPeriodJSON(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	p, err := sla.CalendarMonth(2025, time.October, ams)
	require.NoError(t, err)
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"unit":"month","start":"2025-10-01T00:00:00+02:00","end":"2025-11-01T00:00:00+01:00","zone":"Europe/Amsterdam"}`, string(b))
	var q sla.Period
	require.NoError(t, json.Unmarshal(b, &q))
	assert.True(t, p.Start().Equal(q.Start()) && p.End().Equal(q.End()))
	assert.Equal(t, "Europe/Amsterdam", q.Location().String())
	assert.Equal(t, p.Next().Length(), q.Next().Length())
	assert.Error(t, json.Unmarshal([]byte(`{"unit":"month","start":"2025-10-01T00:00:00Z","end":"2025-11-01T00:00:00Z","zone":"Mars/Olympus"}`), &q))
}

func TestDowntimeTables(t *testing.T) {
	a := availability.MustParse("99.9%")
	tab, err := sla.NewDowntimeTable(a, sla.FixedScale())
	require.NoError(t, err)
	got := map[sla.Unit]time.Duration{}
	for _, r := range tab.Rows {
		got[r.Unit] = r.Downtime
	}
	// 86.4 s, 604.8 s, 2592 s, 7776 s, 31536 s: 0.001 × the lengths.
	want := map[sla.Unit]time.Duration{
		sla.Day: 86400 * time.Millisecond, sla.Week: 604800 * time.Millisecond, sla.Month: 2592 * time.Second,
		sla.Quarter: 7776 * time.Second, sla.Year: 31536 * time.Second,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("fixed table (-want +got):\n%s", d)
	}
	ams := mustLoad(t, "Europe/Amsterdam")
	ct, err := sla.NewCalendarDowntimeTable(a, time.Date(2025, 3, 30, 12, 0, 0, 0, ams), ams)
	require.NoError(t, err)
	// 23 h day, 167 h week, 743 h month, 2159 h quarter (90 d − 1 h), 8760 h year.
	wantLen := []time.Duration{23, 167, 743, 2159, 8760}
	for i, r := range ct.Rows {
		assert.Equal(t, wantLen[i]*time.Hour, r.Length, r.Basis)
	}
	_, err = sla.NewDowntimeTable(a, sla.Scale{})
	assert.ErrorIs(t, err, sla.ErrRange)
}

func TestLocal(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	_, err := sla.Local(ams, 2025, time.March, 30, sla.Clock(2, 30))
	assert.ErrorIs(t, err, sla.ErrNonexistent)
	// 02:30 on 26 October 2025 happens twice; the earlier is CEST, 00:30 UTC.
	got, err := sla.Local(ams, 2025, time.October, 26, sla.Clock(2, 30))
	require.NoError(t, err)
	assert.Equal(t, time.Date(2025, 10, 26, 0, 30, 0, 0, time.UTC), got.UTC())
	_, err = sla.Local(nil, 2025, 1, 1, 0)
	assert.ErrorIs(t, err, sla.ErrLocation)
}

func TestTimeOfDayText(t *testing.T) {
	for _, s := range []string{"09:00", "24:00", "00:00", "17:30:15"} {
		v, err := sla.ParseTimeOfDay(s)
		require.NoError(t, err, s)
		assert.Equal(t, s, v.String())
	}
	for _, s := range []string{"", "9", "24:01", "12:60", "1:2", "-1:00", "12:00:00:00", "ab:cd"} {
		_, err := sla.ParseTimeOfDay(s)
		assert.Error(t, err, s)
	}
}
