package sla_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/us"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/sla"
)

const crossFirst, crossLast = 2000, 2040

// ourDates returns the dates (YYYY-MM-DD) that HolidaysIn gives for the
// preset from crossFirst to crossLast, sorted and without duplicates.
func ourDates(t *testing.T, preset string) []string {
	hs, err := sla.Preset(preset)
	require.NoError(t, err)
	var out []string
	for y := crossFirst; y <= crossLast; y++ {
		for _, o := range sla.HolidaysIn(y, hs...) {
			require.Equal(t, y, o.Year)
			require.False(t, o.From != 0 || o.To != sla.Clock(24, 0), "presets close whole days: %s", o)
			out = append(out, fmt.Sprintf("%04d-%02d-%02d", o.Year, int(o.Month), o.Day))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// theirDates returns the actual and observed dates that rickar/cal gives
// for the holidays from crossFirst to crossLast. Rules are evaluated one year
// either side, since an observed date can cross New Year. For holidays in
// movedOnly only the observed date counts: those holidays move (Dutch
// King's Day is celebrated on the 26th; the Sunday 27th is no holiday),
// while rickar/cal reports the Sunday as the actual date.
func theirDates(hs []*cal.Holiday, movedOnly ...*cal.Holiday) []string {
	var out []string
	add := func(d time.Time) {
		if !d.IsZero() && d.Year() >= crossFirst && d.Year() <= crossLast {
			out = append(out, d.Format(time.DateOnly))
		}
	}
	for y := crossFirst - 1; y <= crossLast+1; y++ {
		for _, h := range hs {
			actual, observed := h.Calc(y)
			if !slices.Contains(movedOnly, h) {
				add(actual)
			}
			add(observed)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestPresetsCrossCheck compares every date of every preset from 2000 to
// 2040 with github.com/rickar/cal/v2 (v2.1.13), an independent
// implementation. Where rickar/cal is wrong or reads the rules otherwise,
// the row lists the dates it lacks (extra) or has in excess (absent), each
// with the reason, and the test checks that every such date really
// differs, so the lists cannot go stale.
func TestPresetsCrossCheck(t *testing.T) {
	// Queen's Day 2000–2013, derived by hand: 30 April, or Saturday 29 April
	// when the 30th is a Sunday. 30 April was a Sunday in 2000 (1 January
	// 2000 was a Saturday; 30 April is day 121 of a leap year, 120 days =
	// 17 weeks + 1 day later: Sunday) and in 2006 (1 January 2006 was a
	// Sunday; day 120 is 119 = 17 weeks later: Sunday); the next is 2017.
	var queensDay, kingsDayBefore2014 []string
	for y := 2000; y <= 2013; y++ {
		switch y {
		case 2000, 2006:
			queensDay = append(queensDay, fmt.Sprintf("%d-04-29", y))
		default:
			queensDay = append(queensDay, fmt.Sprintf("%d-04-30", y))
		}
		// rickar/cal has King's Day on 27 April in every year, also before
		// the first one in 2014; 27 April was a Sunday in none of 2000–2013
		// but 2003 and 2008 (hand: 2003-04-27 is 6 days after Easter Monday
		// 21 April 2003; 2008-04-27 is 5 years of +1/+2 weekday steps later,
		// 2004 leap: Sun→Tue(2004)→Wed→Thu→Fri→Sun(2008)). Those years it
		// gives the Saturday 26th instead.
		switch y {
		case 2003, 2008:
			kingsDayBefore2014 = append(kingsDayBefore2014, fmt.Sprintf("%d-04-26", y))
		default:
			kingsDayBefore2014 = append(kingsDayBefore2014, fmt.Sprintf("%d-04-27", y))
		}
	}
	// Liberation Day in non-lustrum years: rickar/cal has 5 May every year
	// (the Algemene termijnenwet reading); the lustrum reading has it only
	// in years divisible by 5. 5 May 2016 stays: it was Ascension Day
	// (Easter was 27 March 2016, and 27 March + 39 days = 5 May); the only
	// other Easter on 27 March in 2000–2040 is 2005, a lustrum year.
	var liberationNonLustrum []string
	for y := crossFirst; y <= crossLast; y++ {
		if y%5 != 0 && y != 2016 {
			liberationNonLustrum = append(liberationNonLustrum, fmt.Sprintf("%d-05-05", y))
		}
	}
	rows := []struct {
		preset string
		theirs []string
		extra  []string // dates we have and rickar/cal lacks
		absent []string // dates rickar/cal has and we do not
	}{
		{preset: "NL", theirs: theirDates(nl.Holidays, nl.Koningsdag),
			extra: queensDay, absent: kingsDayBefore2014},
		{preset: "NL-lustrum", theirs: theirDates(nl.Holidays, nl.Koningsdag),
			extra: queensDay, absent: slices.Concat(kingsDayBefore2014, liberationNonLustrum)},
		{preset: "BE", theirs: theirDates(be.Holidays)},
		{preset: "DE", theirs: theirDates(de.Holidays),
			// rickar/cal lists Reformation Day only for the states that keep
			// it every year; in 2017 every state had it (its own holiday acts).
			extra: []string{"2017-10-31"}},
		{preset: "GB", theirs: theirDates(gb.Holidays),
			// rickar/cal lacks these one-off days and moves, per GOV.UK and the
			// royal proclamations: the Golden Jubilee (3 June 2002) and spring
			// bank holiday moved to 4 June 2002; the royal wedding 29 April
			// 2011; the spring bank holiday moved to 4 June 2012 and the
			// Diamond Jubilee on 5 June 2012; the State Funeral of Queen
			// Elizabeth II on 19 September 2022.
			extra: []string{"2002-06-03", "2002-06-04", "2011-04-29", "2012-06-04", "2012-06-05", "2022-09-19"},
			// ... and so keeps the last Mondays of May 2002 and 2012.
			absent: []string{"2002-05-27", "2012-05-28"}},
		{preset: "US", theirs: theirDates(us.Holidays)},
	}
	total := 0
	for _, r := range rows {
		t.Run(r.preset, func(t *testing.T) {
			ours := ourDates(t, r.preset)
			for _, d := range r.extra {
				assert.NotContains(t, r.theirs, d, "extra %s is not a discrepancy", d)
			}
			for _, d := range r.absent {
				assert.Contains(t, r.theirs, d, "absent %s is not a discrepancy", d)
			}
			want := slices.DeleteFunc(slices.Concat(r.theirs, r.extra), func(d string) bool { return slices.Contains(r.absent, d) })
			slices.Sort(want)
			if d := cmp.Diff(want, ours); d != "" {
				t.Errorf("dates 2000–2040 (-rickar/cal adjusted +ours):\n%s", d)
			}
			total += len(ours)
			t.Logf("%d dates, %d missing from rickar/cal, %d in excess there", len(ours), len(r.extra), len(r.absent))
		})
	}
	t.Logf("%d preset dates cross-checked", total)
}

func TestObservedDays(t *testing.T) {
	nlHs, err := sla.Preset("NL")
	require.NoError(t, err)
	gbHs, err := sla.Preset("GB")
	require.NoError(t, err)
	usHs, err := sla.Preset("US")
	require.NoError(t, err)
	lustrum, err := sla.Preset("NL-lustrum")
	require.NoError(t, err)
	// on returns the occurrences of the named holiday in the year as strings.
	on := func(hs []sla.Holiday, year int, name string) []string {
		var out []string
		for _, o := range sla.HolidaysIn(year, hs...) {
			if o.Name == name {
				out = append(out, o.String())
			}
		}
		return out
	}
	tests := []struct {
		hs   []sla.Holiday
		year int
		name string
		want []string
		why  string
	}{
		{nlHs, 2025, "King's Day", []string{"2025-04-26 King's Day"}, "27 April 2025 is a Sunday (Easter was 20 April 2025, a Sunday, 7 days before)"},
		{nlHs, 2031, "King's Day", []string{"2031-04-26 King's Day"}, "27 April 2031 is a Sunday (2025 + 6 years = 7 weekday steps with leap years 2028)"},
		{nlHs, 2036, "King's Day", []string{"2036-04-26 King's Day"}, "27 April 2036 is a Sunday (2031 + 5 years, leap 2032 and 2036 before April: 7 steps)"},
		{nlHs, 2014, "King's Day", []string{"2014-04-26 King's Day"}, "the first King's Day, 27 April 2014 a Sunday (Die Zeit, 29 January 2013)"},
		{nlHs, 2026, "King's Day", []string{"2026-04-27 King's Day"}, "27 April 2026 is a Monday"},
		{nlHs, 2013, "King's Day", nil, "King's Day starts in 2014"},
		{nlHs, 2013, "Queen's Day", []string{"2013-04-30 Queen's Day"}, "the last Queen's Day"},
		{nlHs, 2006, "Queen's Day", []string{"2006-04-29 Queen's Day"}, "30 April 2006 was a Sunday (1 January 2006 was a Sunday, 119 days before)"},
		{nlHs, 1978, "Queen's Day", []string{"1978-05-01 Queen's Day"}, "before 1980 a Sunday moved to the Monday; 30 April 1978 was a Sunday (11 years before 1989, when Queen's Day was on Saturday 29 April)"},
		{nlHs, 2014, "Queen's Day", nil, "Queen's Day ends in 2013"},
		{lustrum, 2025, "Liberation Day", []string{"2025-05-05 Liberation Day"}, "2025 is a lustrum year"},
		{lustrum, 2024, "Liberation Day", nil, "2024 is not"},
		{nlHs, 2024, "Liberation Day", []string{"2024-05-05 Liberation Day"}, "every year by the Algemene termijnenwet"},
		// UK: 25 December 2021 was a Saturday: substitutes Monday 27 (Christmas) and Tuesday 28 (Boxing Day), per GOV.UK.
		{gbHs, 2021, "Christmas Day", []string{"2021-12-25 Christmas Day", "2021-12-27 Christmas Day (substitute)"}, "Saturday"},
		{gbHs, 2021, "Boxing Day", []string{"2021-12-26 Boxing Day", "2021-12-28 Boxing Day (substitute)"}, "Sunday, Monday taken"},
		// 25 December 2022 was a Sunday: Boxing Day on Monday 26, Christmas substitute Tuesday 27 (GOV.UK).
		{gbHs, 2022, "Christmas Day", []string{"2022-12-25 Christmas Day", "2022-12-27 Christmas Day (substitute)"}, "Sunday, Monday is Boxing Day"},
		{gbHs, 2022, "Boxing Day", []string{"2022-12-26 Boxing Day"}, "Monday"},
		// 26 December 2020 was a Saturday: substitute Monday 28 (GOV.UK).
		{gbHs, 2020, "Boxing Day", []string{"2020-12-26 Boxing Day", "2020-12-28 Boxing Day (substitute)"}, "Saturday"},
		// 1 January 2022 was a Saturday: Monday 3 January (GOV.UK); 1 January 2023 a Sunday: Monday 2.
		{gbHs, 2022, "New Year's Day", []string{"2022-01-01 New Year's Day", "2022-01-03 New Year's Day (substitute)"}, "Saturday"},
		{gbHs, 2023, "New Year's Day", []string{"2023-01-01 New Year's Day", "2023-01-02 New Year's Day (substitute)"}, "Sunday"},
		// US (OPM federal holiday tables): 4 July 2020 a Saturday → Friday 3; 2021 a Sunday → Monday 5.
		{usHs, 2020, "Independence Day", []string{"2020-07-03 Independence Day (substitute)", "2020-07-04 Independence Day"}, "Saturday"},
		{usHs, 2021, "Independence Day", []string{"2021-07-04 Independence Day", "2021-07-05 Independence Day (substitute)"}, "Sunday"},
		// 1 January 2022 a Saturday: observed Friday 31 December 2021 (OPM 2021 table).
		{usHs, 2021, "New Year's Day", []string{"2021-01-01 New Year's Day", "2021-12-31 New Year's Day (substitute)"}, "next year's"},
		{usHs, 2022, "New Year's Day", []string{"2022-01-01 New Year's Day"}, "its substitute is in 2021"},
		// Juneteenth: from 2021; 19 June 2021 a Saturday → Friday 18; 2022 a Sunday → Monday 20.
		{usHs, 2020, "Juneteenth National Independence Day", nil, "before the act"},
		{usHs, 2021, "Juneteenth National Independence Day", []string{"2021-06-18 Juneteenth National Independence Day (substitute)", "2021-06-19 Juneteenth National Independence Day"}, "Saturday"},
		{usHs, 2022, "Juneteenth National Independence Day", []string{"2022-06-19 Juneteenth National Independence Day", "2022-06-20 Juneteenth National Independence Day (substitute)"}, "Sunday"},
		// January 2025 starts on a Wednesday: Mondays 6, 13, 20; May 2025 ends on Saturday 31: last Monday 26.
		{usHs, 2025, "Birthday of Martin Luther King, Jr.", []string{"2025-01-20 Birthday of Martin Luther King, Jr."}, "third Monday"},
		{usHs, 2025, "Memorial Day", []string{"2025-05-26 Memorial Day"}, "last Monday"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, on(tt.hs, tt.year, tt.name), "%s %d: %s", tt.name, tt.year, tt.why)
	}
}

func TestPresetErrorsAndNames(t *testing.T) {
	assert.Equal(t, []string{"BE", "DE", "GB", "NL", "NL-lustrum", "US"}, sla.Presets())
	_, err := sla.Preset("XX")
	assert.ErrorIs(t, err, sla.ErrHoliday)
	assert.ErrorContains(t, err, `"XX" is not a preset`)
	for _, name := range sla.Presets() {
		hs, err := sla.Preset(name)
		require.NoError(t, err)
		_, err = sla.NewCalendar(time.UTC, []sla.Hours{{Day: time.Monday, From: 0, To: sla.Clock(24, 0)}}, hs...)
		require.NoError(t, err, name)
		hs[0].Name = "changed" // a copy: the preset is unchanged
		again, _ := sla.Preset(name)
		assert.NotEqual(t, "changed", again[0].Name)
	}
}

func TestPresetJSON(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	nlHs, err := sla.Preset("NL")
	require.NoError(t, err)
	eve := sla.Yearly("Christmas Eve", time.December, 24).Closing(sla.Clock(12, 0), sla.Clock(24, 0))
	c := office(t, ams, append(nlHs, eve, sla.Once("Company day", 2025, time.June, 2))...)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.Equal(t, `{"zone":"Europe/Amsterdam","hours":[`+
		`{"day":"Monday","from":"09:00","to":"17:00"},{"day":"Tuesday","from":"09:00","to":"17:00"},`+
		`{"day":"Wednesday","from":"09:00","to":"17:00"},{"day":"Thursday","from":"09:00","to":"17:00"},`+
		`{"day":"Friday","from":"09:00","to":"17:00"}],"holidays":[{"preset":"NL"},`+
		`{"name":"Christmas Eve","rule":"annual","month":"December","day":24,"from":"12:00","to":"24:00"},`+
		`{"name":"Company day","rule":"date","date":"2025-06-02"}]}`, string(b))
	var back sla.Calendar
	require.NoError(t, json.Unmarshal(b, &back))
	if d := cmp.Diff(c.Holidays(), back.Holidays()); d != "" {
		t.Errorf("holidays (-want +got):\n%s", d)
	}
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))

	// Two presets and a preset between other days.
	gbHs, _ := sla.Preset("GB")
	c2 := office(t, time.UTC, slices.Concat([]sla.Holiday{eve}, gbHs, nlHs)...)
	b, err = json.Marshal(c2)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"holidays":[{"name":"Christmas Eve","rule":"annual","month":"December","day":24,"from":"12:00","to":"24:00"},{"preset":"GB"},{"preset":"NL"}]`)
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, c2.Holidays(), back.Holidays())

	for _, tt := range []struct{ in, msg string }{
		{`{"zone":"UTC","hours":[{"day":"Monday","from":"09:00","to":"17:00"}],"holidays":[{"preset":"XX"}]}`, `holidays[0].preset: "XX" is not a preset`},
		{`{"zone":"UTC","hours":[{"day":"Monday","from":"09:00","to":"17:00"}],"holidays":[{"preset":"NL","name":"x"}]}`, `holidays[0].name: is not a known key; did you mean "preset"?`},
		{`{"zone":"UTC","hours":[{"day":"Monday","from":"09:00","to":"17:00"}],"holidays":[{"preset":"NL"},{"rule":"annual","month":"May","day":5,"evry":5}]}`, `holidays[1].evry: is not a known key; did you mean "every"?`},
		{`{"zone":"UTC","hours":[{"day":"Monday","from":"09:00","to":"17:00"}],"preset":"NL"}`, `preset: is not a known key; did you mean "zone"?`},
		{`{"zone":"UTC","hours":[{"day":"Monday","from":"09:00","to":"17:00"}],"Holidays":[]}`, `Holidays: is not a known key; did you mean "holidays"?`},
		{`{"zone":"UTC","hours":[{"day":"Monday","from":"09:00","to":"17:00"}],"holidays":[{"rule":"annual","month":"May","day":5,"observed":"sunday"}]}`, `holidays[0].observed: "sunday" is not`},
		{`{"zone":"UTC","hours":[{"day":"Monday","from":"09:00","to":"17:00"}],"holidays":[{"rule":"annual","month":"May","day":5,"every":5}]}`, `holidays[0].every: 5 needs firstYear`},
		{`{"zone":"UTC","hours":[{"day":"Monday","from":"09:00","to":"17:00"}],"holidays":[{"rule":"annual","month":"May","day":5,"from":"13:00","to":"12:00"}]}`, `holidays[0].to: 12:00 is not after from 13:00`},
		{`{"zone":"UTC","hours":[{"day":"Monday","from":"09:00","to":"17:00"}],"holidays":{"preset":"NL"}}`, `holidays: is not an array`},
	} {
		err := json.Unmarshal([]byte(tt.in), &back)
		require.Error(t, err, tt.in)
		assert.ErrorContains(t, err, tt.msg, tt.in)
	}
}
