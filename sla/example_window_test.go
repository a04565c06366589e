package sla_test

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/sla"
)

// An office-hours ticket (Monday–Friday 09:00–17:00) opened on Thursday
// 14:00 and resolved on Monday 11:00 took 3 + 8 + 2 = 13 business hours;
// with the clock stopped on Friday 10:00–12:00 while waiting for the
// customer, 11 hours count.
func ExampleCalendar_ElapsedPaused() {
	cal, _ := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.Clock(17, 0))
	at := func(d, h int) time.Time { return time.Date(2025, time.June, d, h, 0, 0, 0, time.UTC) }
	opened, resolved := at(12, 14), at(16, 11)
	total, err := cal.Elapsed(opened, resolved)
	if err != nil {
		fmt.Println(err)
		return
	}
	counted, _ := cal.ElapsedPaused(opened, resolved, []sla.Interval{{Start: at(13, 10), End: at(13, 12)}})
	fmt.Println(total, counted)
	// Output:
	// 13h0m0s 11h0m0s
}

// A measurement over an ad-hoc period, such as the 90 days of a trial,
// around the clock: 2 h 10 min down of 2160 h is 99.8997%.
func ExampleNewPeriod() {
	start := time.Date(2025, time.March, 1, 0, 0, 0, 0, time.UTC)
	trial, err := sla.NewPeriod(start, start.AddDate(0, 0, 90))
	if err != nil {
		fmt.Println(err)
		return
	}
	cal, _ := sla.Always(time.UTC)
	down := start.AddDate(0, 1, 3)
	m, _ := sla.Measure(trial, cal, []sla.Outage{{Start: down, End: down.Add(130 * time.Minute)}}, sla.CountingRules{})
	fmt.Printf("%v %v: %.4f, contains %s: %v\n", trial.Length(), trial.Unit(), m.Availability,
		down.Format(time.DateOnly), trial.Contains(down))
	// Output:
	// 2160h0m0s window: 99.8997%, contains 2025-04-04: true
}
