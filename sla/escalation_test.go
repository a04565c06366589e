package sla_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/sla"
)

// dutchCalendars are the support calendars of the Dutch provider's SLA:
// P1 7×24 and P2 Monday–Friday 08:00–18:00 Europe/Amsterdam without the
// NL public holidays.
func dutchCalendars(t *testing.T) (always, office sla.Calendar, ams *time.Location) {
	t.Helper()
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(t, err)
	nl, err := sla.Preset("NL")
	require.NoError(t, err)
	office, err = sla.Weekdays(ams, sla.Clock(8, 0), sla.Clock(18, 0), nl...)
	require.NoError(t, err)
	always, err = sla.Always(ams)
	require.NoError(t, err)
	return always, office, ams
}

// TestCheckTicketPerPriorityCalendar checks tickets opened on Friday 6
// June 2025 at 16:00 in Amsterdam, before a weekend and Whit Monday (9
// June), against each priority's own calendar. By hand:
//
//   - P1, 7×24: respond 1 h is due Fri 17:00, resolve 4 h Fri 20:00;
//     responded 17:30 is 30 min late.
//   - P2, office hours: respond 4 business hours is Fri 16–18 (2 h), then
//     Sat, Sun and Whit Monday are closed, Tue 08–10 (2 h): due Tue 10 June
//     10:00. Resolve 2 working days keeps the start's 8 h into Friday: Tue is
//     the first working day, Wed the second, due Wed 11 June 16:00.
func TestCheckTicketPerPriorityCalendar(t *testing.T) {
	always, office, ams := dutchCalendars(t)
	at := func(d, h, m int) time.Time { return time.Date(2025, time.June, d, h, m, 0, 0, ams) }
	p1 := sla.PriorityTargets{Priority: "P1", Respond: sla.BusinessHours(1), Resolve: sla.BusinessHours(4), Calendar: &always}
	p2 := sla.PriorityTargets{Priority: "P2", Respond: sla.BusinessHours(4), Resolve: sla.WorkingDays(2)}
	opened := at(6, 16, 0)
	asOf := at(12, 0, 0)

	// The office calendar checks both; P1 brings its own.
	got, err := office.CheckTicket(sla.Ticket{ID: "1", Priority: "P1", Opened: opened, Responded: at(6, 17, 30), Resolved: at(6, 19, 0)}, p1, asOf)
	require.NoError(t, err)
	assert.Equal(t, at(6, 17, 0), got.Response.Due)
	assert.Equal(t, sla.Breached, got.Response.Status)
	assert.Equal(t, -30*time.Minute, got.Response.Margin)
	assert.Equal(t, at(6, 20, 0), got.Resolution.Due)
	assert.Equal(t, sla.Met, got.Resolution.Status)
	assert.Equal(t, time.Hour, got.Resolution.Margin)

	got, err = office.CheckTicket(sla.Ticket{ID: "2", Priority: "P2", Opened: opened}, p2, asOf)
	require.NoError(t, err)
	assert.Equal(t, at(10, 10, 0), got.Response.Due)
	assert.Equal(t, at(11, 16, 0), got.Resolution.Due)
	// As of Thursday 12 June 00:00 both are overdue: respond by Tue 10–18
	// and Wed 08–18 (18 h); resolve by Wed 16–18 (2 h).
	assert.Equal(t, sla.Overdue, got.Response.Status)
	assert.Equal(t, -18*time.Hour, got.Response.Margin)
	assert.Equal(t, -2*time.Hour, got.Resolution.Margin)

	// PriorityTargets.CalendarOr falls back when the priority has none.
	assert.Equal(t, office.String(), p2.CalendarOr(office).String())
	assert.Equal(t, always.String(), p1.CalendarOr(office).String())
}

// TestCheckTicketEscalations checks the 50%, 75% and 100% instants of a P2
// ticket opened Friday 6 June 2025 16:00 in Amsterdam office hours (08–18,
// Whit Monday closed) with a pause Tue 08:30–09:30. By hand:
//
//   - respond 4 h: 50% = 2 h is Fri 16–18, reached at the closing Fri 18:00;
//     75% = 3 h adds Tue 08:00–08:30 and, after the pause, 09:30–10:00: Tue
//     10:00; 100% = 4 h: Tue 11:00. Responded Tue 10:30: met with 30 min to
//     spare; the 50% and 75% warnings went off, the 100% one did not.
//   - resolve 2 working days = 20 h from the start without pauses (Fri 2 h,
//     Tue 10 h, Wed 8 h); 50% = 10 h: Fri 2 h, Tue 0.5 h before the pause and
//     7.5 h from 09:30: Tue 17:00; not raised as of Tue 12:00. Due: 20 h with
//     the pause, Wed 17:00.
//   - both applied the pause, 1 business hour, in full.
func TestCheckTicketEscalations(t *testing.T) {
	_, office, ams := dutchCalendars(t)
	at := func(d, h, m int) time.Time { return time.Date(2025, time.June, d, h, m, 0, 0, ams) }
	p2 := sla.PriorityTargets{Priority: "P2", Respond: sla.BusinessHours(4), Resolve: sla.WorkingDays(2)}
	pause := sla.Interval{Start: at(10, 8, 30), End: at(10, 9, 30)}
	tk := sla.Ticket{ID: "2", Priority: "P2", Opened: at(6, 16, 0), Responded: at(10, 10, 30), Pauses: []sla.Interval{pause}}
	got, err := office.CheckTicket(tk, p2, at(10, 12, 0))
	require.NoError(t, err)

	r := got.Response
	assert.Equal(t, sla.Met, r.Status)
	assert.Equal(t, at(10, 11, 0), r.Due)
	assert.Equal(t, 30*time.Minute, r.Margin)
	assert.Equal(t, [3]sla.Escalation{
		{Percent: 50, At: at(6, 18, 0), Raised: true},
		{Percent: 75, At: at(10, 10, 0), Raised: true},
		{Percent: 100, At: at(10, 11, 0), Raised: false},
	}, r.Escalations)
	assert.Equal(t, []sla.Interval{pause}, r.Paused)
	assert.Equal(t, time.Hour, r.PausedTime)

	s := got.Resolution
	assert.Equal(t, sla.Pending, s.Status)
	assert.Equal(t, at(11, 17, 0), s.Due)
	assert.Equal(t, sla.Escalation{Percent: 50, At: at(10, 17, 0)}, s.Escalations[0])
	assert.Equal(t, time.Hour, s.PausedTime)
}

// TestBetween checks signed business time: from Tue 10 June 10:00 back to
// Fri 6 June 16:00 in office hours is Fri 16–18 and Tue 08–10, 4 h, where
// the wall clock shows 90 h (the 63 h of a weekend and a holiday are not
// business time).
func TestBetween(t *testing.T) {
	_, office, ams := dutchCalendars(t)
	fri, tue := time.Date(2025, 6, 6, 16, 0, 0, 0, ams), time.Date(2025, 6, 10, 10, 0, 0, 0, ams)
	d, err := office.Between(tue, fri)
	require.NoError(t, err)
	assert.Equal(t, -4*time.Hour, d)
	d, err = office.Between(fri, tue)
	require.NoError(t, err)
	assert.Equal(t, 4*time.Hour, d)
	assert.Equal(t, 90*time.Hour, tue.Sub(fri))
}

// TestPriorityTargetsJSON round-trips a priority with its own calendar and
// rejects an unknown key with the nearest known one.
func TestPriorityTargetsJSON(t *testing.T) {
	always, _, _ := dutchCalendars(t)
	p := sla.PriorityTargets{Priority: "P1", Respond: sla.BusinessHours(1), Resolve: sla.BusinessHours(4), Calendar: &always}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	var q sla.PriorityTargets
	require.NoError(t, json.Unmarshal(b, &q))
	b2, err := json.Marshal(q)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(b2))
	require.NotNil(t, q.Calendar)
	assert.Equal(t, always.String(), q.Calendar.String())

	err = json.Unmarshal([]byte(`{"priority":"P1","calender":{}}`), &q)
	require.Error(t, err)
	assert.ErrorIs(t, err, sla.ErrSyntax)
	assert.Contains(t, err.Error(), `did you mean "calendar"`)
}
