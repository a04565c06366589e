package sla_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

func TestReadICalendar(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	f, err := os.Open("testdata/closing-days.ics")
	require.NoError(t, err)
	defer f.Close()
	got, err := sla.ReadICalendar(f, ams)
	require.NoError(t, err)
	noon := sla.Clock(12, 0)
	want := []sla.Holiday{
		// DTSTART;VALUE=DATE:20250602, DTEND exclusive 20250603: one day.
		sla.Once("Company day", 2025, time.June, 2),
		// 24 up to 27 December exclusive: three days; the folded, escaped SUMMARY unfolds to one line.
		sla.Once("Christmas shutdown, all sites", 2025, time.December, 24),
		sla.Once("Christmas shutdown, all sites", 2025, time.December, 25),
		sla.Once("Christmas shutdown, all sites", 2025, time.December, 26),
		// 12:00Z–24:00Z on 31 December is 13:00–01:00 CET (UTC+1 in winter): split at local midnight.
		sla.Once("New Year's Eve", 2025, time.December, 31).Closing(sla.Clock(13, 0), sla.Clock(24, 0)),
		sla.Once("New Year's Eve", 2026, time.January, 1).Closing(0, sla.Clock(1, 0)),
		// TZID=Europe/Amsterdam 12:00 plus PT5H.
		sla.Once("Training", 2025, time.November, 24).Closing(noon, sla.Clock(17, 0)),
		// FREQ=YEARLY from 2014: every year from the year of DTSTART.
		sla.Yearly("Birthday", time.April, 27).Years(2014, 0),
		// 27 November 2025 is the fourth Thursday (November 2025 starts on a Saturday: 6, 13, 20, 27).
		sla.NthWeekdayOf("Thanksgiving", 4, time.Thursday, time.November).Years(2025, 0),
		// INTERVAL=5;COUNT=3 from 2020: 2020, 2025, 2030.
		sla.Yearly("Liberation Day", time.May, 5).EveryNth(5, 2020).Years(2020, 2030),
		// Floating 13:00 to midnight, read in Amsterdam; UNTIL 2027-12-24 includes 2027.
		sla.Yearly("Christmas Eve", time.December, 24).Closing(sla.Clock(13, 0), sla.Clock(24, 0)).Years(2025, 2027),
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("holidays (-want +got):\n%s", d)
	}

	// Imported days work in a calendar: December 2025 under Monday–Friday
	// 09:00–17:00 has 23 weekdays (1 December is a Monday) = 184 h, less
	// 24–26 December (3 weekdays, 24 h), less 31 December 13:00–17:00 (4 h):
	// 156 h. 24 December's 13:00 closure lies inside the shutdown.
	c := office(t, ams, got...)
	s, err := c.ServiceTime(mustMonth(t, 2025, time.December, ams))
	require.NoError(t, err)
	assert.Equal(t, 156*time.Hour, s)
	assert.Equal(t, bruteClosed(c, time.Date(2025, 12, 1, 0, 0, 0, 0, ams), time.Date(2026, 1, 1, 0, 0, 0, 0, ams)), s)
}

func TestReadICalendarLF(t *testing.T) {
	// Bare LF line ends, lower-case names, a date without VALUE=DATE and
	// an all-day DURATION.
	in := "begin:vcalendar\nbegin:vevent\ndtstart:20250101\nduration:P2D\nsummary:New Year\nend:vevent\nend:vcalendar"
	got, err := sla.ReadICalendar(strings.NewReader(in), time.UTC)
	require.NoError(t, err)
	assert.Equal(t, []sla.Holiday{sla.Once("New Year", 2025, time.January, 1), sla.Once("New Year", 2025, time.January, 2)}, got)
}

func TestReadICalendarErrors(t *testing.T) {
	ev := func(lines ...string) string {
		return "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	tests := []struct {
		in    string
		msg   string // expected in the error, with its line number
		sent  error
		cause string
	}{
		{ev("DTSTART;VALUE=DATE:20250101", "RRULE:FREQ=WEEKLY;BYDAY=MO"), "line 4: \"RRULE:FREQ=WEEKLY;BYDAY=MO\" FREQ=WEEKLY is not supported: only FREQ=YEARLY", sla.ErrHoliday, "unsupported frequency"},
		{ev("DTSTART;VALUE=DATE:20250101", "RRULE:FREQ=YEARLY;BYSETPOS=1"), "line 4", sla.ErrHoliday, "unsupported part"},
		{ev("DTSTART;VALUE=DATE:20250101", "RRULE:FREQ=YEARLY;BYMONTH=1,2"), "with several values", sla.ErrHoliday, "list"},
		{ev("DTSTART;VALUE=DATE:20250101", "RRULE:FREQ=YEARLY;COUNT=2;UNTIL=20300101"), "both COUNT and UNTIL", sla.ErrHoliday, "both"},
		{ev("DTSTART;VALUE=DATE:20250101", "RRULE:FREQ=YEARLY;BYMONTH=2"), "BYMONTH is not the month of DTSTART", sla.ErrHoliday, "mismatch"},
		{ev("DTSTART;VALUE=DATE:20250113", "RRULE:FREQ=YEARLY;BYMONTH=1;BYDAY=1MO"), "DTSTART is not the date that BYDAY gives", sla.ErrHoliday, "1 January 2025 is a Wednesday, so the first Monday is the 6th, not the 13th"},
		{ev("DTSTART;VALUE=DATE:20250101", "RDATE;VALUE=PERIOD:20250101T090000Z/PT1H"), "line 4", sla.ErrHoliday, "RDATE period"},
		{ev("DTSTART;VALUE=DATE:20250101", "EXRULE:FREQ=YEARLY"), "line 4", sla.ErrHoliday, "EXRULE"},
		{ev("DTSTART;VALUE=DATE:20250101", "RDATE:20250105T090000Z"), "line 4: \"20250105T090000Z\" RDATE is not of the same type", sla.ErrHoliday, "RDATE type"},
		{ev("DTSTART;VALUE=DATE:20250101", "EXDATE;VALUE=DATE:2025010"), "line 4", sla.ErrSyntax, "bad EXDATE"},
		{ev("DTSTART;VALUE=DATE:2025-01-01"), "line 3: \"2025-01-01\" DTSTART is not a date", sla.ErrSyntax, "extended format"},
		{ev("DTSTART;TZID=W. Europe Standard Time:20250101T090000", "DTEND;TZID=W. Europe Standard Time:20250101T100000"), "line 3: \"W. Europe Standard Time\" DTSTART has a TZID that is not an IANA", sla.ErrHoliday, "Windows zone name"},
		{ev("DTSTART:20250101T100000Z", "DTEND:20250101T090000Z"), "line 3", sla.ErrHoliday, "ends before it starts"},
		{ev("DTSTART:20250101T100000Z"), "closes no time", sla.ErrHoliday, "timed without end"},
		{ev("DTSTART;VALUE=DATE:20250101", "DTEND:20250102T000000Z"), "line 4", sla.ErrHoliday, "mixed types"},
		{ev("SUMMARY:x"), "line 2: \"BEGIN:VEVENT\" has no DTSTART", sla.ErrHoliday, "no DTSTART"},
		{ev("DTSTART;VALUE=DATE:20250101", "this line has no colon"), "line 4", sla.ErrSyntax, "not a content line"},
		{"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250101\r\nEND:VCALENDAR\r\n", "line 4: \"END:VCALENDAR\" does not close BEGIN:VEVENT on line 2", sla.ErrSyntax, "mismatched END"},
		{"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250101\r\n", "line 1: \"BEGIN:VCALENDAR\" is never closed", sla.ErrSyntax, "truncated file"},
		{"DTSTART:20250101\r\n", "line 1", sla.ErrSyntax, "outside a calendar"},
		{"", "has no BEGIN:VCALENDAR", sla.ErrSyntax, "empty"},
		{ev("DTSTART;VALUE=DATE:20250101", "DTEND;VALUE=DATE:20270101"), "lasts more than 400 days", sla.ErrHoliday, "too long"},
		{ev("DTSTART;VALUE=DATE:00000101"), "gives a holiday whose year 0", sla.ErrHoliday, "year 0"},
	}
	for _, tt := range tests {
		_, err := sla.ReadICalendar(strings.NewReader(tt.in), time.UTC)
		require.Error(t, err, tt.cause)
		assert.ErrorIs(t, err, tt.sent, tt.cause)
		assert.ErrorContains(t, err, tt.msg, tt.cause)
		var ie *availability.InputError
		assert.True(t, errors.As(err, &ie), tt.cause)
	}
	// All problems at once.
	in := ev("DTSTART;VALUE=DATE:20250101", "RRULE:FREQ=DAILY") + ev("DTSTART:bad")
	_, err := sla.ReadICalendar(strings.NewReader(in), time.UTC)
	assert.ErrorContains(t, err, "line 4")
	assert.ErrorContains(t, err, "line 9")
	_, err = sla.ReadICalendar(strings.NewReader(""), nil)
	assert.ErrorIs(t, err, sla.ErrLocation)
}

func TestReadICalendarRDateExDate(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	in := strings.Join([]string{
		"BEGIN:VCALENDAR",
		// Good Friday as a list of dates, the way some holiday feeds write
		// Easter-dependent days; the EXDATE drops 2026.
		"BEGIN:VEVENT",
		"DTSTART;VALUE=DATE:20250418",
		"RDATE;VALUE=DATE:20260403,20270326",
		"RDATE;VALUE=DATE:20280414",
		"EXDATE;VALUE=DATE:20260403",
		"SUMMARY:Good Friday",
		"END:VEVENT",
		// Yearly 24–25 December from 2020 to 2030 (COUNT=11), without 2022
		// and 2025: the rules split around the excluded years.
		"BEGIN:VEVENT",
		"DTSTART;VALUE=DATE:20201224",
		"DTEND;VALUE=DATE:20201226",
		"RRULE:FREQ=YEARLY;COUNT=11",
		"EXDATE;VALUE=DATE:20221224,20251224,20231225",
		"SUMMARY:Christmas",
		"END:VEVENT",
		// A timed RDATE keeps the first occurrence's length, 2 h.
		"BEGIN:VEVENT",
		"DTSTART:20250301T090000Z",
		"DTEND:20250301T110000Z",
		"RDATE:20250315T090000Z",
		"SUMMARY:Maintenance",
		"END:VEVENT",
		"END:VCALENDAR",
	}, "\n")
	got, err := sla.ReadICalendar(strings.NewReader(in), ams)
	require.NoError(t, err)
	xmas := func(day int) sla.Holiday { return sla.Yearly("Christmas", time.December, day) }
	want := []sla.Holiday{
		sla.Once("Good Friday", 2025, time.April, 18),
		sla.Once("Good Friday", 2027, time.March, 26),
		sla.Once("Good Friday", 2028, time.April, 14),
		// 20231225 is not an occurrence's start (they start on the 24th), so
		// RFC 5545 ignores it.
		xmas(24).Years(2020, 2021), xmas(24).Years(2023, 2024), xmas(24).Years(2026, 2030),
		xmas(25).Years(2020, 2021), xmas(25).Years(2023, 2024), xmas(25).Years(2026, 2030),
		// 09:00Z–11:00Z is 10:00–12:00 CET in March before the change on the 30th.
		sla.Once("Maintenance", 2025, time.March, 1).Closing(sla.Clock(10, 0), sla.Clock(12, 0)),
		sla.Once("Maintenance", 2025, time.March, 15).Closing(sla.Clock(10, 0), sla.Clock(12, 0)),
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("holidays (-want +got):\n%s", d)
	}
	// Every fifth year with the middle one excluded keeps its phase.
	in = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20200505\nRRULE:FREQ=YEARLY;INTERVAL=5\nEXDATE;VALUE=DATE:20250505\nEND:VEVENT\nEND:VCALENDAR\n"
	got, err = sla.ReadICalendar(strings.NewReader(in), ams)
	require.NoError(t, err)
	lib := sla.Yearly("", time.May, 5)
	assert.Equal(t, []sla.Holiday{lib.EveryNth(5, 2020).Years(2020, 2024), lib.EveryNth(5, 2030)}, got)
}
