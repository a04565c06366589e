package sla_test

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

func mustCal(t testing.TB) func(sla.Calendar, error) sla.Calendar {
	return func(c sla.Calendar, err error) sla.Calendar {
		t.Helper()
		require.NoError(t, err)
		return c
	}
}

// office is Monday–Friday 09:00–17:00 in loc.
func office(t testing.TB, loc *time.Location, hs ...sla.Holiday) sla.Calendar {
	return mustCal(t)(sla.Weekdays(loc, sla.Clock(9, 0), sla.Clock(17, 0), hs...))
}

func TestZeroCalendar(t *testing.T) {
	var c sla.Calendar
	assert.Equal(t, time.UTC, c.Location())
	assert.Equal(t, 7*day, c.WeeklyServiceTime())
	p, err := sla.CalendarMonth(2025, time.January, time.UTC)
	require.NoError(t, err)
	s, err := c.ServiceTime(p)
	require.NoError(t, err)
	assert.Equal(t, 44640*time.Minute, s) // 31 × 1440 min
	start := time.Date(2025, 1, 3, 16, 0, 0, 0, time.UTC)
	d, err := c.Deadline(start, 4*time.Hour)
	require.NoError(t, err)
	assert.Equal(t, start.Add(4*time.Hour), d)
	assert.True(t, c.InService(start))
	b, err := json.Marshal(c)
	require.NoError(t, err)
	var back sla.Calendar
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, c, back, "7×24 UTC decodes to the zero Calendar")
	back = office(t, time.UTC)
	require.NoError(t, json.Unmarshal([]byte(`{}`), &back))
	assert.Equal(t, sla.Calendar{}, back)
}

func TestEaster(t *testing.T) {
	// Published Western Easter dates.
	tests := []struct {
		year  int
		month time.Month
		day   int
	}{
		{1818, time.March, 22}, {1943, time.April, 25}, {2000, time.April, 23}, {2024, time.March, 31},
		{2025, time.April, 20}, {2026, time.April, 5}, {2038, time.April, 25}, {2285, time.March, 22},
	}
	for _, tt := range tests {
		m, d := sla.Easter(tt.year)
		assert.Equal(t, []int{int(tt.month), tt.day}, []int{int(m), d}, "Easter %d", tt.year)
	}
}

func TestHolidayDates(t *testing.T) {
	tests := []struct {
		h     sla.Holiday
		year  int
		want  string
		exist bool
	}{
		// Easter 2025 is 20 April: −2, +1, +39, +50 days.
		{sla.GoodFriday(), 2025, "2025-04-18", true},
		{sla.EasterMonday(), 2025, "2025-04-21", true},
		{sla.AscensionDay(), 2025, "2025-05-29", true},
		{sla.WhitMonday(), 2025, "2025-06-09", true},
		// November 2025 starts on a Saturday: Thursdays 6, 13, 20, 27.
		{sla.NthWeekdayOf("Thanksgiving", 4, time.Thursday, time.November), 2025, "2025-11-27", true},
		// May 2025 ends on Saturday 31: the last Monday is the 26th.
		{sla.NthWeekdayOf("Memorial Day", -1, time.Monday, time.May), 2025, "2025-05-26", true},
		// February 2025 has four Mondays (3, 10, 17, 24).
		{sla.NthWeekdayOf("fifth Monday", 5, time.Monday, time.February), 2025, "", false},
		{sla.Yearly("leap day", time.February, 29), 2025, "", false},
		{sla.Yearly("leap day", time.February, 29), 2024, "2024-02-29", true},
		{sla.Once("move", 2025, time.July, 4), 2025, "2025-07-04", true},
		{sla.Once("move", 2025, time.July, 4), 2026, "", false},
	}
	for _, tt := range tests {
		m, d, ok := tt.h.Date(tt.year)
		require.Equal(t, tt.exist, ok, tt.h.Name)
		if ok {
			assert.Equal(t, tt.want, time.Date(tt.year, m, d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), tt.h.Name)
		}
	}
}

func TestNewCalendarErrors(t *testing.T) {
	_, err := sla.NewCalendar(nil, []sla.Hours{
		{Day: time.Monday, From: sla.Clock(9, 0), To: sla.Clock(12, 0)},
		{Day: time.Monday, From: sla.Clock(11, 0), To: sla.Clock(17, 0)}, // overlaps the first
		{Day: time.Tuesday, From: sla.Clock(17, 0), To: sla.Clock(9, 0)}, // backwards
		{Day: time.Weekday(9), From: 0, To: sla.Clock(1, 0)},             // no such day
		{Day: time.Friday, From: sla.Clock(9, 0), To: sla.Clock(25, 0)},  // after 24:00
	}, sla.Holiday{Name: "bad", Rule: sla.Annual, Month: time.February, Day: 30})
	require.Error(t, err)
	assert.ErrorIs(t, err, sla.ErrLocation)
	assert.ErrorIs(t, err, sla.ErrSchedule)
	assert.ErrorIs(t, err, sla.ErrHoliday)
	var ie *availability.InputError
	require.True(t, errors.As(err, &ie))
	fields := map[string]bool{}
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		if errors.As(e, &ie) {
			fields[ie.Field] = true
		}
	}
	want := map[string]bool{"location": true, "hours[1]": true, "hours[2].to": true, "hours[3].day": true, "hours[4].to": true, "holidays[0].day": true}
	if d := cmp.Diff(want, fields); d != "" {
		t.Errorf("fields (-want +got):\n%s", d)
	}

	_, err = sla.NewCalendar(time.UTC, nil)
	assert.ErrorIs(t, err, sla.ErrNoService)
}

func TestCalendarServiceTime(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	ny := mustLoad(t, "America/New_York")
	night := func(loc *time.Location) sla.Calendar { // every day 00:00–04:00
		return mustCal(t)(sla.Daily(loc, 0, sla.Clock(4, 0)))
	}
	week := func(loc *time.Location, y int, m time.Month, d int) sla.Period {
		p, err := sla.CalendarPeriod(sla.Week, time.Date(y, m, d, 12, 0, 0, 0, loc), loc)
		require.NoError(t, err)
		return p
	}
	dayP := func(loc *time.Location, y int, m time.Month, d int) sla.Period {
		p, err := sla.CalendarPeriod(sla.Day, time.Date(y, m, d, 12, 0, 0, 0, loc), loc)
		require.NoError(t, err)
		return p
	}
	always := mustCal(t)(sla.Always(ams))
	tests := []struct {
		name string
		c    sla.Calendar
		p    sla.Period
		want time.Duration
	}{
		// Office hours are wall-clock: a DST week still has 5 × 8 h.
		{"office, Amsterdam spring week", office(t, ams), week(ams, 2025, 3, 26), 40 * time.Hour},
		{"office, New York fall week", office(t, ny), week(ny, 2025, 11, 1), 40 * time.Hour},
		// 7×24 follows the real length: 167 h and 169 h.
		{"7x24, Amsterdam spring week", always, week(ams, 2025, 3, 26), 167 * time.Hour},
		{"7x24, Amsterdam fall week", always, week(ams, 2025, 10, 22), 169 * time.Hour},
		// 00:00–04:00 loses the skipped hour 02:00–03:00 and gains the repeated one.
		{"night, Amsterdam spring day", night(ams), dayP(ams, 2025, 3, 30), 3 * time.Hour},
		{"night, Amsterdam fall day", night(ams), dayP(ams, 2025, 10, 26), 5 * time.Hour},
		{"night, New York spring day", night(ny), dayP(ny, 2025, 3, 9), 3 * time.Hour},
		{"night, New York fall day", night(ny), dayP(ny, 2025, 11, 2), 5 * time.Hour},
		// April 2025 has 22 weekdays; minus Good Friday (18th) and Easter Monday (21st): 20 × 8 h.
		{"office with Easter, April 2025", office(t, ams, sla.GoodFriday(), sla.EasterMonday()), mustMonth(t, 2025, time.April, ams), 160 * time.Hour},
		// An interval entirely inside the gap (02:15–02:45) has no service that day.
		// 02:15–02:45 is read twice on the autumn night: 1 hour.
		{"repeated half hour", mustCal(t)(sla.Daily(ams, sla.Clock(2, 15), sla.Clock(2, 45))), dayP(ams, 2025, 10, 26), time.Hour},
		{"inside the gap", mustCal(t)(sla.Daily(ams, sla.Clock(2, 15), sla.Clock(2, 45))), dayP(ams, 2025, 3, 30), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.c.ServiceTime(tt.p)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			// Cross-check by brute force, minute by minute.
			assert.Equal(t, tt.want, bruteService(tt.c, tt.p.Start(), tt.p.End()))
		})
	}
}

func mustMonth(t testing.TB, y int, m time.Month, loc *time.Location) sla.Period {
	p, err := sla.CalendarMonth(y, m, loc)
	require.NoError(t, err)
	return p
}

// bruteService counts the minutes [from, to) in service by the definition
// of service time, independently of the calendar's span tables: the local
// date is not a holiday and the local clock reading lies in one of that
// weekday's hours. Valid when every boundary is on a whole minute.
func bruteService(c sla.Calendar, from, to time.Time) time.Duration {
	loc := c.Location()
	var n time.Duration
	for t := from; t.Before(to); t = t.Add(time.Minute) {
		l := t.In(loc)
		y, m, d := l.Date()
		holiday := false
		for _, h := range c.Holidays() {
			if hm, hd, ok := h.Date(y); ok && hm == m && hd == d {
				holiday = true
			}
		}
		tod := sla.TimeOfDay(l.Hour()*3600 + l.Minute()*60 + l.Second())
		for _, h := range c.Hours() {
			if !holiday && h.Day == l.Weekday() && h.From <= tod && tod < h.To {
				n += time.Minute
				break
			}
		}
	}
	return n
}

func TestBudgetFiveByEight(t *testing.T) {
	a := availability.MustParse("99.5%")
	c := office(t, time.UTC)
	p := mustMonth(t, 2025, time.January, time.UTC)
	// January 2025 has 23 weekdays: 23 × 8 h = 184 h; 0.5% of it is 55m12s.
	got, err := c.Budget(a, p)
	require.NoError(t, err)
	assert.Equal(t, 55*time.Minute+12*time.Second, got)
	// 7×24: 0.5% of 744 h = 3.72 h = 3h43m12s.
	got, err = sla.Calendar{}.Budget(a, p)
	require.NoError(t, err)
	assert.Equal(t, 3*time.Hour+43*time.Minute+12*time.Second, got)
}

func TestCalendarSpans(t *testing.T) {
	c := mustCal(t)(sla.NewCalendar(time.UTC, []sla.Hours{
		{Day: time.Monday, From: sla.Clock(8, 0), To: sla.Clock(12, 0)},
		{Day: time.Monday, From: sla.Clock(13, 0), To: sla.Clock(17, 0)},
		{Day: time.Monday, From: sla.Clock(12, 0), To: sla.Clock(12, 30)}, // touches the first: merged
	}))
	mon := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	got, err := c.Spans(mon.Add(9*time.Hour), mon.Add(7*day))
	require.NoError(t, err)
	want := []sla.Interval{
		{Start: mon.Add(9 * time.Hour), End: mon.Add(12*time.Hour + 30*time.Minute)},
		{Start: mon.Add(13 * time.Hour), End: mon.Add(17 * time.Hour)},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("spans (-want +got):\n%s", d)
	}
	assert.Len(t, c.Hours(), 2)
}

func TestCalendarJSON(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	c := mustCal(t)(sla.NewCalendar(ams, []sla.Hours{
		{Day: time.Monday, From: sla.Clock(8, 0), To: sla.Clock(12, 0)},
		{Day: time.Monday, From: sla.Clock(13, 0), To: sla.Clock(17, 30)},
		{Day: time.Saturday, From: sla.Clock(22, 0), To: sla.Clock(24, 0)},
	}, sla.Yearly("Christmas", time.December, 25), sla.GoodFriday(),
		sla.NthWeekdayOf("x", -1, time.Friday, time.August), sla.Once("move", 2025, time.July, 4)))
	b, err := json.Marshal(c)
	require.NoError(t, err)
	var back sla.Calendar
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, c.Location().String(), back.Location().String())
	if d := cmp.Diff(c.Hours(), back.Hours()); d != "" {
		t.Errorf("hours (-want +got):\n%s", d)
	}
	if d := cmp.Diff(c.Holidays(), back.Holidays()); d != "" {
		t.Errorf("holidays (-want +got):\n%s", d)
	}
	assert.Contains(t, string(b), `{"day":"Monday","from":"08:00","to":"12:00"}`)
	assert.Contains(t, string(b), `"rule":"nth-weekday","month":"August","nth":-1,"weekday":"Friday"`)
	assert.Contains(t, string(b), `"date":"2025-07-04"`)

	for _, bad := range []string{
		`{"zone":"Nowhere/Town","hours":[{"day":"Monday","from":"09:00","to":"17:00"}]}`,
		`{"zone":"UTC","hours":[{"day":"Moonday","from":"09:00","to":"17:00"}]}`,
		`{"zone":"UTC","hours":[{"day":"Monday","from":"19:00","to":"17:00"}]}`,
		`{"zone":"UTC","hours":[]}`,
		`{"zone":"UTC","hours":[{"day":"Monday","from":"09:00","to":"17:00"}],"holidays":[{"rule":"annual","month":"Smarch","day":1}]}`,
	} {
		assert.Error(t, json.Unmarshal([]byte(bad), &back), bad)
	}
}

// TestCalendarConcurrent exercises the per-year cache from many goroutines
// (run with -race).
func TestCalendarConcurrent(t *testing.T) {
	c := office(t, mustLoad(t, "Europe/Amsterdam"), sla.GoodFriday())
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	want, err := c.Deadline(start, 3000*time.Hour)
	require.NoError(t, err)
	done := make(chan time.Time)
	for range 8 {
		go func() {
			d, _ := c.Deadline(start, 3000*time.Hour)
			done <- d
		}()
	}
	for range 8 {
		assert.Equal(t, want, <-done)
	}
}

func TestElapsedMatchesBruteForce(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	c := mustCal(t)(sla.NewCalendar(ams, []sla.Hours{
		{Day: time.Monday, From: sla.Clock(1, 30), To: sla.Clock(3, 30)},
		{Day: time.Sunday, From: sla.Clock(1, 30), To: sla.Clock(3, 30)},
		{Day: time.Sunday, From: sla.Clock(20, 0), To: sla.Clock(24, 0)},
		{Day: time.Wednesday, From: sla.Clock(9, 0), To: sla.Clock(17, 0)},
	}, sla.AscensionDay()))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 60 {
		// Half the draws cover the spring transition, half the autumn one.
		base := time.Date(2025, time.Month(3+7*(i%2)), 1, 0, 0, 0, 0, time.UTC)
		a := base.Add(time.Duration(rng.IntN(60*24*60)) * time.Minute)
		b := a.Add(time.Duration(rng.IntN(14*24*60)) * time.Minute)
		got, err := c.Elapsed(a, b)
		require.NoError(t, err)
		require.Equal(t, bruteService(c, a, b), got, "from %s to %s", a, b)
		in := c.InService(a)
		assert.Equal(t, bruteService(c, a, a.Add(time.Minute)) == time.Minute, in, "InService(%s)", a)
	}
}

func TestCalendarAccessors(t *testing.T) {
	c := office(t, time.UTC)
	_, ok := c.IsHoliday(time.Date(2025, 12, 25, 12, 0, 0, 0, time.UTC))
	assert.False(t, ok)
	c2, err := c.WithHolidays(sla.Yearly("Christmas", time.December, 25))
	require.NoError(t, err)
	name, ok := c2.IsHoliday(time.Date(2025, 12, 25, 12, 0, 0, 0, time.UTC))
	assert.True(t, ok)
	assert.Equal(t, "Christmas", name)
	assert.False(t, c2.InService(time.Date(2025, 12, 25, 12, 0, 0, 0, time.UTC)))
	assert.True(t, c2.InService(time.Date(2025, 12, 24, 12, 0, 0, 0, time.UTC)))
	assert.Empty(t, c.Holidays(), "WithHolidays does not change the original")
	assert.Equal(t, "UTC, 40h0m0s a week, 1 holiday rule", c2.String())
	_, err = c.Spans(fri, thu)
	assert.ErrorIs(t, err, sla.ErrOrder)
	_, err = c.WithHolidays(sla.Once("bad", 2025, time.February, 29))
	assert.ErrorIs(t, err, sla.ErrHoliday)
	zeroPlus, err := sla.Calendar{}.WithHolidays(sla.Yearly("Christmas", time.December, 25))
	require.NoError(t, err)
	// December 2025 around the clock, less Christmas Day: 30 days.
	s, err := zeroPlus.ServiceTime(mustMonth(t, 2025, time.December, time.UTC))
	require.NoError(t, err)
	assert.Equal(t, 30*day, s)
}
