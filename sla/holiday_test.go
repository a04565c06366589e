package sla_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

func TestHolidayYearsAndEvery(t *testing.T) {
	lib := sla.Yearly("Liberation Day", time.May, 5).EveryNth(5, 1990)
	span := sla.Yearly("x", time.March, 1).Years(2020, 2022)
	tests := []struct {
		h    sla.Holiday
		year int
		ok   bool
		why  string
	}{
		{lib, 1990, true, "the first year"},
		{lib, 1985, false, "before the first year"},
		{lib, 2024, false, "2024 − 1990 = 34, not a multiple of 5"},
		{lib, 2025, true, "2025 − 1990 = 35 = 7 × 5"},
		{span, 2019, false, "before 2020"},
		{span, 2020, true, "first"},
		{span, 2022, true, "last"},
		{span, 2023, false, "after 2022"},
		{sla.Yearly("open", time.March, 1).Years(0, 2000), 1, true, "no first year"},
	}
	for _, tt := range tests {
		_, _, ok := tt.h.Date(tt.year)
		assert.Equal(t, tt.ok, ok, "%s %d: %s", tt.h.Name, tt.year, tt.why)
	}
}

func TestHolidayMoves(t *testing.T) {
	// 27 April 2025 is a Sunday (Easter Sunday was 20 April 2025).
	kd := sla.Yearly("King's Day", time.April, 27).ObservedAs(sla.SundayToSaturday)
	m, d, ok := kd.Date(2025)
	require.True(t, ok)
	assert.Equal(t, []int{4, 26}, []int{int(m), d})
	m, d, _ = kd.ObservedAs(sla.SundayToMonday).Date(2025)
	assert.Equal(t, []int{4, 28}, []int{int(m), d})
	// Substitutes are not part of Date: 4 July 2020 was a Saturday.
	m, d, _ = sla.Yearly("Independence Day", time.July, 4).ObservedAs(sla.NearestWeekday).Date(2020)
	assert.Equal(t, []int{7, 4}, []int{int(m), d})
	// A move out of the year is dropped: 31 December 2023 was a Sunday.
	_, _, ok = sla.Yearly("x", time.December, 31).ObservedAs(sla.SundayToMonday).Date(2023)
	assert.False(t, ok)

	// A NextFreeWeekday chain skips every date of the list: 25 December
	// 2021 a Saturday, 26 a Sunday, and a company day on Monday 27.
	hs := []sla.Holiday{
		sla.Yearly("Christmas", time.December, 25).ObservedAs(sla.NextFreeWeekday),
		sla.Yearly("Boxing Day", time.December, 26).ObservedAs(sla.NextFreeWeekday),
		sla.Once("Company day", 2021, time.December, 27),
	}
	var got []string
	for _, o := range sla.HolidaysIn(2021, hs...) {
		got = append(got, o.String())
	}
	assert.Equal(t, []string{"2021-12-25 Christmas", "2021-12-26 Boxing Day", "2021-12-27 Company day",
		"2021-12-28 Christmas (substitute)", "2021-12-29 Boxing Day (substitute)"}, got)
	assert.Nil(t, sla.HolidaysIn(0, hs...))
	assert.Nil(t, sla.HolidaysIn(10000, hs...))
}

// bruteClosed counts the minutes [from, to) in service by definition: the
// local clock reading is in that weekday's hours and in no closed hours of
// an occurrence on that local date. Independent of the span tables.
func bruteClosed(c sla.Calendar, from, to time.Time) time.Duration {
	loc := c.Location()
	var n time.Duration
	for t := from; t.Before(to); t = t.Add(time.Minute) {
		l := t.In(loc)
		tod := sla.TimeOfDay(l.Hour()*3600 + l.Minute()*60 + l.Second())
		closed := false
		for _, o := range sla.HolidaysIn(l.Year(), c.Holidays()...) {
			if o.Month == l.Month() && o.Day == l.Day() && o.From <= tod && tod < o.To {
				closed = true
			}
		}
		if closed {
			continue
		}
		for _, h := range c.Hours() {
			if h.Day == l.Weekday() && h.From <= tod && tod < h.To {
				n += time.Minute
				break
			}
		}
	}
	return n
}

func TestHalfDays(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	noon, midnight := sla.Clock(12, 0), sla.Clock(24, 0)
	eve := sla.Yearly("Christmas Eve", time.December, 24).Closing(noon, midnight)
	nye := sla.Yearly("New Year's Eve", time.December, 31).Closing(sla.Clock(13, 0), midnight)
	c := office(t, ams, eve, nye, sla.Yearly("Christmas", time.December, 25))
	at := func(m time.Month, d, hh, mm int) time.Time { return time.Date(2025, m, d, hh, mm, 0, 0, ams) }

	// Wednesday 24 December 2025: 09:00–12:00 only, 3 h.
	got, err := c.Elapsed(at(12, 24, 0, 0), at(12, 25, 0, 0))
	require.NoError(t, err)
	assert.Equal(t, 3*time.Hour, got)
	// Wednesday 31 December 2025: 09:00–13:00, 4 h.
	got, err = c.Elapsed(at(12, 31, 0, 0), time.Date(2026, 1, 1, 0, 0, 0, 0, ams))
	require.NoError(t, err)
	assert.Equal(t, 4*time.Hour, got)
	// 11:00 on the 24th + 2 h: 1 h to 12:00, Christmas closed, Friday 26
	// opens 09:00, so 10:00 on the 26th.
	dl, err := c.Deadline(at(12, 24, 11, 0), 2*time.Hour)
	require.NoError(t, err)
	assert.Equal(t, at(12, 26, 10, 0), dl)
	// A deadline reached at the half day's closing is that closing.
	dl, err = c.Deadline(at(12, 24, 11, 0), time.Hour)
	require.NoError(t, err)
	assert.Equal(t, at(12, 24, 12, 0), dl)

	name, ok := c.IsHoliday(at(12, 24, 12, 30))
	assert.True(t, ok)
	assert.Equal(t, "Christmas Eve", name)
	_, ok = c.IsHoliday(at(12, 24, 11, 59))
	assert.False(t, ok, "the morning of a half day is no holiday")
	assert.True(t, c.InService(at(12, 24, 11, 59)))
	assert.False(t, c.InService(at(12, 24, 12, 0)))
	// December 2025 has 23 weekdays (1 December is a Monday): 23 × 8 h,
	// less 8 h for Christmas, less 5 h and 4 h for the afternoons = 167 h.
	s, err := c.ServiceTime(mustMonth(t, 2025, time.December, ams))
	require.NoError(t, err)
	assert.Equal(t, 167*time.Hour, s)
	assert.Equal(t, bruteClosed(c, at(12, 1, 0, 0), time.Date(2026, 1, 1, 0, 0, 0, 0, ams)), s)
}

func TestHalfDaysDST(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	day24 := mustCal(t)(sla.Always(ams))
	tests := []struct {
		h    sla.Holiday
		y    int
		m    time.Month
		d    int
		want time.Duration
		why  string
	}{
		// Sunday 30 March 2025: clocks go from 02:00 to 03:00, a 23-hour day.
		{sla.Once("pm", 2025, time.March, 30).Closing(sla.Clock(12, 0), sla.Clock(24, 0)), 2025, time.March, 30, 11 * time.Hour, "00:00–12:00 without the gap"},
		{sla.Once("am", 2025, time.March, 30).Closing(0, sla.Clock(12, 0)), 2025, time.March, 30, 12 * time.Hour, "12:00–24:00"},
		{sla.Once("gap", 2025, time.March, 30).Closing(sla.Clock(2, 0), sla.Clock(3, 0)), 2025, time.March, 30, 23 * time.Hour, "closing the gap closes nothing"},
		// Sunday 26 October 2025: 03:00 back to 02:00, a 25-hour day.
		{sla.Once("pm", 2025, time.October, 26).Closing(sla.Clock(12, 0), sla.Clock(24, 0)), 2025, time.October, 26, 13 * time.Hour, "00:00–12:00 with the repeated hour"},
		{sla.Once("am", 2025, time.October, 26).Closing(0, sla.Clock(12, 0)), 2025, time.October, 26, 12 * time.Hour, "12:00–24:00"},
		{sla.Once("rep", 2025, time.October, 26).Closing(sla.Clock(2, 0), sla.Clock(3, 0)), 2025, time.October, 26, 23 * time.Hour, "both readings of 02:00–03:00 closed"},
		{sla.Once("all", 2025, time.October, 26), 2025, time.October, 26, 0, "whole day"},
	}
	for _, tt := range tests {
		c, err := day24.WithHolidays(tt.h)
		require.NoError(t, err)
		from := time.Date(tt.y, tt.m, tt.d, 0, 0, 0, 0, ams)
		to := time.Date(tt.y, tt.m, tt.d+1, 0, 0, 0, 0, ams)
		got, err := c.Elapsed(from, to)
		require.NoError(t, err)
		assert.Equal(t, tt.want, got, "%s %s: %s", tt.h.Name, from.Format(time.DateOnly), tt.why)
		assert.Equal(t, bruteClosed(c, from, to), got, "brute force %s %s", tt.h.Name, from.Format(time.DateOnly))
	}
}

func TestHolidayValidate(t *testing.T) {
	bad := []struct {
		h     sla.Holiday
		field string
	}{
		{sla.Yearly("x", time.May, 5).Years(2020, 2010), "holidays[0].lastYear"},
		{sla.Yearly("x", time.May, 5).Years(-1, 0), "holidays[0].firstYear"},
		{sla.Yearly("x", time.May, 5).Years(0, 10000), "holidays[0].lastYear"},
		{sla.Yearly("x", time.May, 5).EveryNth(5, 0), "holidays[0].every"},
		{sla.Yearly("x", time.May, 5).EveryNth(-2, 2000), "holidays[0].every"},
		{sla.Yearly("x", time.May, 5).ObservedAs(99), "holidays[0].observed"},
		{sla.Yearly("x", time.May, 5).Closing(sla.Clock(13, 0), sla.Clock(12, 0)), "holidays[0].to"},
		{sla.Yearly("x", time.May, 5).Closing(sla.Clock(24, 0), sla.Clock(24, 0)), "holidays[0].from"},
		{sla.Yearly("x", time.May, 5).Closing(sla.Clock(9, 0), sla.Clock(25, 0)), "holidays[0].to"},
	}
	for _, tt := range bad {
		_, err := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.Clock(17, 0), tt.h)
		require.ErrorIs(t, err, sla.ErrHoliday, "%+v", tt.h)
		var ie *availability.InputError
		require.True(t, errors.As(err, &ie))
		assert.Equal(t, tt.field, ie.Field, "%+v", tt.h)
	}
}

func TestHolidayJSONRoundTrip(t *testing.T) {
	hs := []sla.Holiday{
		sla.Yearly("Christmas Eve", time.December, 24).Closing(sla.Clock(12, 0), sla.Clock(24, 0)),
		sla.Yearly("Liberation Day", time.May, 5).EveryNth(5, 1990),
		sla.Yearly("King's Day", time.April, 27).Years(2014, 0).ObservedAs(sla.SundayToSaturday),
		sla.NthWeekdayOf("Memorial Day", -1, time.Monday, time.May).Years(1971, 0),
		sla.Once("Funeral", 2022, time.September, 19).Closing(0, sla.Clock(13, 30)),
		sla.AfterEaster("Maundy Thursday afternoon", -3).Closing(sla.Clock(12, 0), sla.Clock(24, 0)).Years(2000, 2030),
	}
	for _, h := range hs {
		b, err := json.Marshal(h)
		require.NoError(t, err)
		var back sla.Holiday
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		if d := cmp.Diff(h, back); d != "" {
			t.Errorf("%s (-want +got):\n%s", b, d)
		}
	}
	b, _ := json.Marshal(hs[2])
	assert.Equal(t, `{"name":"King's Day","rule":"annual","month":"April","day":27,"firstYear":2014,"observed":"sunday-to-saturday"}`, string(b))
	var h sla.Holiday
	err := json.Unmarshal([]byte(`{"rule":"annual","month":"May","dya":5}`), &h)
	assert.ErrorIs(t, err, sla.ErrSyntax)
	assert.ErrorContains(t, err, `dya: is not a known key; did you mean "day"?`)
	err = json.Unmarshal([]byte(`{"rule":"annual","month":"May","day":5,"lastYear":1}`), &h)
	assert.NoError(t, err)
	err = json.Unmarshal([]byte(`{"rule":"annual","month":"May","day":5,"firstYear":3,"lastYear":1}`), &h)
	assert.ErrorContains(t, err, "lastYear: 1 is before firstYear 3")
}

func TestHolidayUnusedFields(t *testing.T) {
	// A field the rule does not use would be lost by MarshalJSON.
	for _, in := range []string{
		`{"rule":"nth-weekday","month":"May","nth":-1,"weekday":"Monday","day":3}`,
		`{"rule":"annual","month":"May","day":5,"nth":2}`,
		`{"rule":"easter","offset":1,"month":"May"}`,
		`{"rule":"date","date":"2025-05-05","offset":1}`,
	} {
		var h sla.Holiday
		err := json.Unmarshal([]byte(in), &h)
		assert.ErrorIs(t, err, sla.ErrHoliday, in)
		assert.ErrorContains(t, err, "is not used by the rule", in)
	}
	_, err := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.Clock(17, 0), sla.Holiday{Rule: sla.EasterRelative, Offset: 1, Day: 3})
	assert.ErrorContains(t, err, "holidays[0].day: 3 is not used by the rule easter")
}

func TestHalfDayWorkingDays(t *testing.T) {
	// A half day is a working day (a local date with service time), shorter
	// than most: Tuesday 23 December 2025 14:00 has 5 h of the day passed;
	// Wednesday 24 has only 09:00–12:00, so one working day later is its
	// closing, 12:00.
	eve := sla.Yearly("Christmas Eve", time.December, 24).Closing(sla.Clock(12, 0), sla.Clock(24, 0))
	c := office(t, time.UTC, eve)
	got, err := c.DeadlineDays(time.Date(2025, 12, 23, 14, 0, 0, 0, time.UTC), 1)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2025, 12, 24, 12, 0, 0, 0, time.UTC), got)
	// 10:00 (1 h passed) keeps its place: 10:00 on the 24th.
	got, err = c.DeadlineDays(time.Date(2025, 12, 23, 10, 0, 0, 0, time.UTC), 1)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2025, 12, 24, 10, 0, 0, 0, time.UTC), got)
}
