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

// Friday 10 January 2025 and the days around it, in UTC.
var (
	thu = time.Date(2025, 1, 9, 0, 0, 0, 0, time.UTC)
	fri = thu.Add(day)
	mon = thu.Add(4 * day)
)

func TestDeadlineOfficeHours(t *testing.T) {
	c := office(t, time.UTC)
	tests := []struct {
		name  string
		start time.Time
		d     time.Duration
		want  time.Time
	}{
		// Fri 16–17 (1 h), Mon 09–12 (3 h).
		{"Fri 16:00 + 4h", fri.Add(16 * time.Hour), 4 * time.Hour, mon.Add(12 * time.Hour)},
		// Thu 15–17 (2 h), Fri 09–11 (2 h).
		{"Thu 15:00 + 4h", thu.Add(15 * time.Hour), 4 * time.Hour, fri.Add(11 * time.Hour)},
		// Starts at closing; Mon 09–17 is the 8 h.
		{"Fri 17:00 + 8h", fri.Add(17 * time.Hour), 8 * time.Hour, mon.Add(17 * time.Hour)},
		// Reached exactly at closing: Friday 17:00, not Monday 09:00.
		{"Fri 13:00 + 4h", fri.Add(13 * time.Hour), 4 * time.Hour, fri.Add(17 * time.Hour)},
		// Starts on Saturday: counts from Monday 09:00.
		{"Sat 10:00 + 1h", fri.Add(day + 10*time.Hour), time.Hour, mon.Add(10 * time.Hour)},
		// Zero: the next opening, or the start itself in service hours.
		{"Sat + 0", fri.Add(day + 10*time.Hour), 0, mon.Add(9 * time.Hour)},
		{"Fri 10:00 + 0", fri.Add(10 * time.Hour), 0, fri.Add(10 * time.Hour)},
		// 40 h a week: 400 h is ten weeks from Monday 09:00 to the tenth Friday 17:00.
		{"Mon 09:00 + 400h", mon.Add(9 * time.Hour), 400 * time.Hour, mon.Add(9*7*day + 4*day + 17*time.Hour)},
		// Over New Year: Tue 31 Dec 2024 16:00 + 2h = Thu 2 Jan 2025 10:00 (1 Jan is a weekday without holidays here).
		{"over New Year", time.Date(2024, 12, 31, 16, 0, 0, 0, time.UTC), 2 * time.Hour, time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Deadline(tt.start, tt.d)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestDeadlineDST(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	ny := mustLoad(t, "America/New_York")
	tests := []struct {
		name  string
		loc   *time.Location
		start time.Time
		d     time.Duration
		want  time.Time
	}{
		// Clocks go forward on Sunday 30 March; office hours stay 09:00–17:00 local.
		{"Amsterdam spring weekend", ams, time.Date(2025, 3, 28, 16, 0, 0, 0, ams), 4 * time.Hour, time.Date(2025, 3, 31, 12, 0, 0, 0, ams)},
		{"Amsterdam autumn weekend", ams, time.Date(2025, 10, 24, 16, 0, 0, 0, ams), 4 * time.Hour, time.Date(2025, 10, 27, 12, 0, 0, 0, ams)},
		// New York: forward on Sunday 9 March, back on Sunday 2 November.
		{"New York spring weekend", ny, time.Date(2025, 3, 7, 15, 0, 0, 0, ny), 10 * time.Hour, time.Date(2025, 3, 10, 17, 0, 0, 0, ny)},
		{"New York autumn weekend", ny, time.Date(2025, 10, 31, 15, 0, 0, 0, ny), 3 * time.Hour, time.Date(2025, 11, 3, 10, 0, 0, 0, ny)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := office(t, tt.loc).Deadline(tt.start, tt.d)
			require.NoError(t, err)
			assert.True(t, tt.want.Equal(got), "got %s, want %s", got, tt.want)
		})
	}
	// 7×24 in Amsterdam: 24 business hours from Saturday noon before the
	// spring change is Sunday 13:00 local, since Sunday has 23 hours.
	always := mustCal(t)(sla.Always(ams))
	got, err := always.Deadline(time.Date(2025, 3, 29, 12, 0, 0, 0, ams), 24*time.Hour)
	require.NoError(t, err)
	assert.True(t, time.Date(2025, 3, 30, 13, 0, 0, 0, ams).Equal(got), got)
}

func TestDeadlineHolidays(t *testing.T) {
	c := office(t, time.UTC, sla.GoodFriday(), sla.EasterMonday())
	// Thursday 17 April 2025 16:00 + 4 h: Thu 16–17, then Good Friday and
	// Easter Monday are closed, Tue 22 April 09–12.
	got, err := c.Deadline(time.Date(2025, 4, 17, 16, 0, 0, 0, time.UTC), 4*time.Hour)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2025, 4, 22, 12, 0, 0, 0, time.UTC), got)
	got, err = c.DeadlineDays(time.Date(2025, 4, 17, 16, 0, 0, 0, time.UTC), 2)
	require.NoError(t, err)
	// Working days after Thursday: Tue 22, Wed 23 at the same 7 h into the day.
	assert.Equal(t, time.Date(2025, 4, 23, 16, 0, 0, 0, time.UTC), got)
}

func TestDeadlineDays(t *testing.T) {
	c := office(t, time.UTC)
	short := mustCal(t)(sla.NewCalendar(time.UTC, []sla.Hours{
		{Day: time.Monday, From: sla.Clock(9, 0), To: sla.Clock(17, 0)},
		{Day: time.Tuesday, From: sla.Clock(9, 0), To: sla.Clock(12, 0)},
	}))
	tests := []struct {
		name  string
		c     sla.Calendar
		start time.Time
		n     int
		want  time.Time
	}{
		// Fri 16:00 is 7 h into its day: Mon (1), Tue (2) at 16:00.
		{"Fri 16:00 + 2", c, fri.Add(16 * time.Hour), 2, mon.Add(day + 16*time.Hour)},
		// After closing: counts from Monday 09:00; two full days end Tuesday 17:00.
		{"Fri 18:00 + 2", c, fri.Add(18 * time.Hour), 2, mon.Add(day + 17*time.Hour)},
		// One working week: Fri 16:00 + 5 = the next Friday 16:00.
		{"Fri 16:00 + 5", c, fri.Add(16 * time.Hour), 5, fri.Add(7*day + 16*time.Hour)},
		{"Fri 16:00 + 0", c, fri.Add(16 * time.Hour), 0, fri.Add(16 * time.Hour)},
		{"Sat + 0", c, fri.Add(day), 0, mon.Add(9 * time.Hour)},
		// Monday 16:00 is 7 h into a day; Tuesday has only 3 h: its closing.
		{"short day", short, mon.Add(16 * time.Hour), 1, mon.Add(day + 12*time.Hour)},
		// 260 working days = 52 weeks in a 5-day calendar without holidays.
		{"a year", c, fri.Add(16 * time.Hour), 260, fri.Add(364*day + 16*time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.c.DeadlineDays(tt.start, tt.n)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	// 7×24 in Amsterdam: two days from Saturday noon before the spring
	// change is Monday noon, 47 hours later, not 48.
	ams := mustLoad(t, "Europe/Amsterdam")
	sat := time.Date(2025, 3, 29, 12, 0, 0, 0, ams)
	got, err := mustCal(t)(sla.Always(ams)).DeadlineDays(sat, 2)
	require.NoError(t, err)
	assert.True(t, time.Date(2025, 3, 31, 12, 0, 0, 0, ams).Equal(got), got)
	var zero sla.Calendar
	got, err = zero.DeadlineDays(fri, 2)
	require.NoError(t, err)
	assert.Equal(t, fri.Add(2*day), got)
	_, err = c.DeadlineDays(fri, -1)
	assert.ErrorIs(t, err, sla.ErrRange)
}

func TestDeadlineErrors(t *testing.T) {
	c := office(t, time.UTC)
	_, err := c.Deadline(fri, -time.Hour)
	assert.ErrorIs(t, err, sla.ErrDuration)
	var ie *availability.InputError
	require.True(t, errors.As(err, &ie))
	assert.Equal(t, "duration", ie.Field)
	_, err = c.Elapsed(fri, thu)
	assert.ErrorIs(t, err, sla.ErrOrder)
	_, err = c.Deadline(time.Date(9999, 12, 30, 0, 0, 0, 0, time.UTC), 100*time.Hour)
	assert.ErrorIs(t, err, sla.ErrRange)
	// Every service day is a holiday: a deadline can never be met.
	var hs []sla.Holiday
	for n := 1; n <= 5; n++ {
		for m := time.January; m <= time.December; m++ {
			hs = append(hs, sla.NthWeekdayOf("every Monday", n, time.Monday, m))
		}
	}
	never := mustCal(t)(sla.NewCalendar(time.UTC, []sla.Hours{{Day: time.Monday, From: 0, To: sla.Clock(1, 0)}}, hs...))
	start := time.Now()
	_, err = never.Deadline(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Hour)
	assert.ErrorIs(t, err, sla.ErrNoService)
	_, err = never.DeadlineDays(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), 1)
	assert.ErrorIs(t, err, sla.ErrNoService)
	assert.Less(t, time.Since(start), 5*time.Second)
}

// TestDeadlineInvertsElapsed checks deadline(start, elapsed(start, t)) = t
// for random t strictly inside service hours, and the converse
// elapsed(start, deadline(start, d)) = d.
func TestDeadlineInvertsElapsed(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	cals := map[string]sla.Calendar{
		"office+holidays": office(t, ams, sla.GoodFriday(), sla.EasterMonday(), sla.Yearly("Christmas", time.December, 25)),
		"shifts": mustCal(t)(sla.NewCalendar(ams, []sla.Hours{
			{Day: time.Monday, From: sla.Clock(6, 0), To: sla.Clock(14, 0)},
			{Day: time.Monday, From: sla.Clock(14, 30), To: sla.Clock(22, 0)},
			{Day: time.Saturday, From: sla.Clock(1, 0), To: sla.Clock(4, 0)},
			{Day: time.Sunday, From: sla.Clock(0, 0), To: sla.Clock(24, 0)},
		})),
		"7x24": mustCal(t)(sla.Always(ams)),
	}
	rng := rand.New(rand.NewPCG(4, 4))
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, c := range cals {
		t.Run(name, func(t *testing.T) {
			for range 300 {
				start := base.Add(time.Duration(rng.Int64N(int64(3 * 365 * day))))
				end := start.Add(time.Duration(rng.Int64N(int64(800 * day))))
				if !c.InService(end) || !c.InService(end.Add(-time.Nanosecond)) {
					continue // not strictly inside (or at an opening)
				}
				e, err := c.Elapsed(start, end)
				require.NoError(t, err)
				got, err := c.Deadline(start, e)
				require.NoError(t, err)
				require.True(t, end.Equal(got), "start %s end %s got %s", start, end, got)

				d := time.Duration(rng.Int64N(int64(2000 * time.Hour)))
				dl, err := c.Deadline(start, d)
				require.NoError(t, err)
				back, err := c.Elapsed(start, dl)
				require.NoError(t, err)
				require.Equal(t, d, back)
			}
		})
	}
}

func TestDeadlineFarAway(t *testing.T) {
	// Five years of 40-hour weeks with Christmas: check by elapsed time.
	ams := mustLoad(t, "Europe/Amsterdam")
	c := office(t, ams, sla.Yearly("Christmas", time.December, 25))
	start := time.Date(2025, 1, 6, 9, 0, 0, 0, ams)
	d := 5 * 52 * 40 * time.Hour
	got, err := c.Deadline(start, d)
	require.NoError(t, err)
	back, err := c.Elapsed(start, got)
	require.NoError(t, err)
	assert.Equal(t, d, back)
	// By hand: Christmas 2025–2029 falls on Thu, Fri, Sat, Mon, Tue, so four
	// weekdays are lost. 260 weeks from Monday 6 January 2025 09:00 reach
	// Monday 31 December 2029 09:00 with 4 × 8 h still to serve: Mon 31 Dec,
	// Tue 1 Jan, Wed 2 Jan and Thu 3 Jan 2030 until 17:00.
	assert.True(t, time.Date(2030, 1, 3, 17, 0, 0, 0, ams).Equal(got), got)
}

func TestPauses(t *testing.T) {
	c := office(t, time.UTC)
	start := thu.Add(10 * time.Hour)
	pauses := []sla.Interval{
		{Start: thu.Add(12 * time.Hour), End: thu.Add(14 * time.Hour)}, // 2 h stopped
		{Start: thu.Add(13 * time.Hour), End: thu.Add(15 * time.Hour)}, // overlaps: 1 h more
		{Start: fri.Add(16 * time.Hour), End: fri.Add(16 * time.Hour)}, // empty
		{Start: thu.Add(-5 * time.Hour), End: thu.Add(-4 * time.Hour)}, // before the start
	}
	// 4 h: Thu 10–12 (2 h), paused 12–15, 15–17 (2 h): due Thursday 17:00.
	got, err := c.DeadlinePaused(start, 4*time.Hour, pauses)
	require.NoError(t, err)
	assert.Equal(t, thu.Add(17*time.Hour), got)
	// 5 h: one more hour on Friday.
	got, err = c.DeadlinePaused(start, 5*time.Hour, pauses)
	require.NoError(t, err)
	assert.Equal(t, fri.Add(10*time.Hour), got)
	// Reached exactly when the pause begins.
	got, err = c.DeadlinePaused(start, 2*time.Hour, pauses)
	require.NoError(t, err)
	assert.Equal(t, thu.Add(12*time.Hour), got)
	e, err := c.ElapsedPaused(start, fri.Add(10*time.Hour), pauses)
	require.NoError(t, err)
	assert.Equal(t, 5*time.Hour, e)
	_, err = c.DeadlinePaused(start, time.Hour, []sla.Interval{{Start: fri, End: thu}})
	assert.ErrorIs(t, err, sla.ErrOrder)
}

func TestCheckTicket(t *testing.T) {
	c := office(t, time.UTC)
	p1 := sla.PriorityTargets{Priority: "P1", Respond: sla.BusinessHours(2), Resolve: sla.BusinessHours(8)}
	opened := fri.Add(15 * time.Hour)
	tk := sla.Ticket{ID: "T-1", Priority: "P1", Opened: opened, Responded: opened.Add(time.Hour + 30*time.Minute)}
	// Respond due Fri 17:00, done 16:30: 30 min to spare. Resolve due Mon 15:00 (2 h Fri + 6 h Mon).
	// As of Monday 16:00 it is overdue by 1 business hour.
	got, err := c.CheckTicket(tk, p1, mon.Add(16*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, sla.Met, got.Response.Status)
	assert.Equal(t, fri.Add(17*time.Hour), got.Response.Due)
	assert.Equal(t, 30*time.Minute, got.Response.Margin)
	assert.Equal(t, sla.Overdue, got.Resolution.Status)
	assert.Equal(t, mon.Add(15*time.Hour), got.Resolution.Due)
	assert.Equal(t, -time.Hour, got.Resolution.Margin)

	// Resolved Tuesday 10:00: 3 business hours late (Mon 15–17, Tue 09–10).
	tk.Resolved = mon.Add(day + 10*time.Hour)
	got, err = c.CheckTicket(tk, p1, mon.Add(16*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, sla.Breached, got.Resolution.Status)
	assert.Equal(t, -3*time.Hour, got.Resolution.Margin)

	_, err = c.CheckTicket(sla.Ticket{Priority: "P2", Opened: opened}, p1, opened)
	assert.ErrorIs(t, err, sla.ErrRange)
	_, err = c.CheckTicket(sla.Ticket{Priority: "P1", Opened: opened, Resolved: thu}, p1, opened)
	assert.ErrorIs(t, err, sla.ErrOrder)
	_, err = c.CheckTicket(tk, sla.PriorityTargets{Priority: "P1", Respond: sla.Target{Business: time.Hour, WorkingDays: 1}}, opened)
	assert.ErrorIs(t, err, sla.ErrRange)
}

// TestDeadlineDaysUniform checks that n working days are n × 8 business
// hours in a calendar whose working days all last 8 hours, from random
// starts around holidays and DST changes.
func TestDeadlineDaysUniform(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	c := office(t, ams, sla.GoodFriday(), sla.EasterMonday(), sla.AscensionDay(), sla.Yearly("Christmas", time.December, 25))
	rng := rand.New(rand.NewPCG(9, 9))
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for range 500 {
		start := base.Add(time.Duration(rng.Int64N(int64(3 * 365 * day))))
		n := 1 + rng.IntN(600)
		due, err := c.DeadlineDays(start, n)
		require.NoError(t, err)
		e, err := c.Elapsed(start, due)
		require.NoError(t, err)
		require.Equal(t, time.Duration(n)*8*time.Hour, e, "start %s n %d due %s", start, n, due)
		// The due time is the earliest instant with that business time.
		d, err := c.Deadline(start, e)
		require.NoError(t, err)
		require.True(t, d.Equal(due), "start %s n %d due %s deadline %s", start, n, due, d)
	}
}

func TestTicketJSON(t *testing.T) {
	opened := fri.Add(15 * time.Hour)
	tk := sla.Ticket{ID: "T-9", Priority: "P2", Opened: opened, Resolved: opened.Add(day),
		Pauses: []sla.Interval{{Start: opened.Add(time.Hour), End: opened.Add(2 * time.Hour)}}}
	b, err := json.Marshal(tk)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"T-9","priority":"P2","opened":"2025-01-10T15:00:00Z","resolved":"2025-01-11T15:00:00Z",
		"pauses":[{"start":"2025-01-10T16:00:00Z","end":"2025-01-10T17:00:00Z"}]}`, string(b))
	var back sla.Ticket
	require.NoError(t, json.Unmarshal(b, &back))
	if d := cmp.Diff(tk, back); d != "" {
		t.Errorf("ticket (-want +got):\n%s", d)
	}
	pt := sla.PriorityTargets{Priority: "P4", Respond: sla.WorkingDays(2), Resolve: sla.Target{Business: 90 * time.Minute}}
	b, err = json.Marshal(pt)
	require.NoError(t, err)
	assert.JSONEq(t, `{"priority":"P4","respond":{"workingDays":2},"resolve":{"business":"1h30m0s"}}`, string(b))
	var pb sla.PriorityTargets
	require.NoError(t, json.Unmarshal(b, &pb))
	assert.Equal(t, pt, pb)
	assert.Error(t, json.Unmarshal([]byte(`{"priority":"P4","respond":{"business":"-1h"}}`), &pb))
	assert.Error(t, json.Unmarshal([]byte(`{"priority":"P4","respond":{"business":"1h","workingDays":1}}`), &pb))
}
