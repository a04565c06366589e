package sla_test

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

// An office-hours help desk (Monday–Friday 09:00–17:00, closed on Whit
// Monday) must resolve a ticket within 2 working days or 6 business hours.
// Opened on Friday 6 June 2025 at 15:00 it has 2 h on Friday; Monday is a
// holiday; so 6 business hours are due on Tuesday at 13:00. The wait for the
// customer from Tuesday 09:00 to 10:30 stops the clock, moving it to 14:30.
func ExampleCalendar_Due() {
	cal, _ := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.Clock(17, 0), sla.WhitMonday())
	opened := time.Date(2025, time.June, 6, 15, 0, 0, 0, time.UTC)
	wait := []sla.Interval{{
		Start: time.Date(2025, time.June, 10, 9, 0, 0, 0, time.UTC),
		End:   time.Date(2025, time.June, 10, 10, 30, 0, 0, time.UTC),
	}}
	for _, t := range []sla.Target{sla.BusinessHours(6), sla.WorkingDays(2)} {
		due, err := cal.Due(opened, t, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		paused, _ := cal.Due(opened, t, wait)
		fmt.Printf("%-14v due %s, with the wait %s\n", t, due.Format("Mon Jan 2 15:04"), paused.Format("Mon Jan 2 15:04"))
	}
	// Output:
	// 6 business hours due Tue Jun 10 13:00, with the wait Tue Jun 10 14:30
	// 2 working days due Wed Jun 11 15:00, with the wait Wed Jun 11 16:30
}

// The service hours of the office-hours help desk in the week of Whit
// Monday 2025: four days of 8 hours.
func ExampleCalendar_Spans() {
	cal, _ := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.Clock(17, 0), sla.WhitMonday())
	from := time.Date(2025, time.June, 9, 0, 0, 0, 0, time.UTC)
	spans, err := cal.Spans(from, from.AddDate(0, 0, 7))
	if err != nil {
		fmt.Println(err)
		return
	}
	var total time.Duration
	for _, s := range spans {
		fmt.Println(s.Start.Format("Mon 15:04"), "–", s.End.Format("15:04"))
		total += s.Length()
	}
	name, closed := cal.IsHoliday(from.Add(12 * time.Hour))
	fmt.Println("total", total, "| Monday:", name, closed)
	// Output:
	// Tue 09:00 – 17:00
	// Wed 09:00 – 17:00
	// Thu 09:00 – 17:00
	// Fri 09:00 – 17:00
	// total 32h0m0s | Monday: Whit Monday true
}

// A rolling 28-day window ending now, and the calendar quarter in Berlin in
// which the window starts: Q1 2025 loses an hour to the change to summer
// time on 30 March (90 days of 24 h less 1 h = 2159 h); the next quarter
// has 91 days, 2184 h.
func ExampleRollingWindow() {
	now := time.Date(2025, time.April, 15, 12, 0, 0, 0, time.UTC)
	w, err := sla.RollingWindow(now, 28*24*time.Hour)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(w.Start().Format(time.DateTime), "→", w.End().Format(time.DateTime))
	berlin, _ := time.LoadLocation("Europe/Berlin")
	q, _ := sla.CalendarPeriod(sla.Quarter, w.Start(), berlin)
	for range 2 {
		fmt.Printf("quarter from %s: %v hours\n", q.Start().Format(time.DateOnly), q.Length().Hours())
		q = q.Next()
	}
	// Output:
	// 2025-03-18 12:00:00 → 2025-04-15 12:00:00
	// quarter from 2025-01-01: 2159 hours
	// quarter from 2025-04-01: 2184 hours
}

// The period an objective is evaluated over: the calendar month containing
// the instant, in the objective calendar's zone. 99.95% of a 31-day month
// (44,640 min) allows 22.32 min = 22m19.2s.
func ExampleObjective_PeriodAt() {
	o := sla.Objective{Name: "shop", Target: availability.MustParse("99.95%"), Period: sla.Month}
	p, err := o.PeriodAt(time.Date(2025, time.July, 20, 8, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Start().Format(time.DateOnly), "–", p.End().Format(time.DateOnly), p.Downtime(o.Target))
	a, _ := p.Availability(45 * time.Minute)
	fmt.Printf("45 minutes down: %.3f\n", a)
	// Output:
	// 2025-07-01 – 2025-08-01 22m19.2s
	// 45 minutes down: 99.899%
}

// The same downtime against different conventions of a month: 45 minutes
// is 45/43,200 = 0.104% of a 30-day month but 45/44,640 = 0.101% of a
// 31-day one; the mean Gregorian month has 43,829.1 minutes.
func ExampleConvention_Availability() {
	for _, c := range []sla.Convention{sla.Month30d, sla.Month31d, sla.MeanGregorianMonth} {
		a, err := c.Availability(45 * time.Minute)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%v: %.3f\n", c, a)
	}
	// Output:
	// 30-day month: 99.896%
	// 31-day month: 99.899%
	// mean Gregorian month (365.2425/12 days): 99.897%
}
