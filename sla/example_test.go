package sla_test

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

// The downtime 99.9% allows under every fixed convention: the answer
// depends on which month or year one means.
func ExampleConvention_Downtime() {
	a := availability.MustParse("99.9%")
	for _, c := range sla.Conventions() {
		fmt.Printf("%-42s %12s\n", c, c.Downtime(a).Round(100*time.Millisecond))
	}
	// Output:
	// 24-hour day                                     1m26.4s
	// 7-day week                                      10m4.8s
	// 28-day window                                  40m19.2s
	// 30-day month                                     43m12s
	// 31-day month                                   44m38.4s
	// mean Gregorian month (365.2425/12 days)        43m49.7s
	// 90-day quarter                                  2h9m36s
	// mean Gregorian quarter (365.2425/4 days)     2h11m29.2s
	// 365-day year                                   8h45m36s
	// 366-day year                                  8h47m2.4s
	// mean Gregorian year (365.2425 days)            8h45m57s
}

// A downtime table states its basis; the calendar table uses the real
// lengths of the periods around an instant.
func ExampleNewCalendarDowntimeTable() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	a := availability.MustParse("99.9%")
	tab, _ := sla.NewCalendarDowntimeTable(a, time.Date(2025, 3, 30, 12, 0, 0, 0, ams), ams)
	fmt.Println(tab.Availability, "on the", tab.Basis)
	for _, r := range tab.Rows {
		fmt.Printf("%-8s %-25s %9s %10s\n", r.Unit, r.Basis, r.Length, r.Downtime.Round(100*time.Millisecond))
	}
	// Output:
	// 99.9% on the calendar in Europe/Amsterdam
	// day      day from 2025-03-30         23h0m0s    1m22.8s
	// week     week from 2025-03-24       167h0m0s    10m1.2s
	// month    month from 2025-03-01      743h0m0s   44m34.8s
	// quarter  quarter from 2025-01-01   2159h0m0s  2h9m32.4s
	// year     year from 2025-01-01      8760h0m0s   8h45m36s
}

// What a 99.5% SLA allows in office hours (5×8) versus around the clock
// (7×24), in the same month.
func ExampleCalendar_Budget() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	a := availability.MustParse("99.5%")
	month, _ := sla.CalendarMonth(2025, time.March, ams)
	fiveByEight, _ := sla.Weekdays(ams, sla.Clock(9, 0), sla.Clock(17, 0))
	sevenBy24, _ := sla.Always(ams)
	for _, c := range []struct {
		name string
		cal  sla.Calendar
	}{{"5x8", fiveByEight}, {"7x24", sevenBy24}} {
		service, _ := c.cal.ServiceTime(month)
		budget, _ := c.cal.Budget(a, month)
		fmt.Printf("%-4s service %4.0f h, allowed downtime %s\n", c.name, service.Hours(), budget.Round(time.Second))
	}
	// Output:
	// 5x8  service  168 h, allowed downtime 50m24s
	// 7x24 service  743 h, allowed downtime 3h42m54s
}

// Business-time deadlines under Monday–Friday 09:00–17:00.
func ExampleCalendar_Deadline() {
	cal, _ := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.Clock(17, 0))
	friday := time.Date(2025, 1, 10, 16, 0, 0, 0, time.UTC)
	due, _ := cal.Deadline(friday, 4*time.Hour)
	fmt.Println(due.Format("Mon 15:04"))
	elapsed, _ := cal.Elapsed(friday, due)
	fmt.Println(elapsed)
	// Output:
	// Mon 12:00
	// 4h0m0s
}

// Ticket deadlines for a P1 and a P4 raised on a Friday afternoon before
// Whit Monday, with a pause while waiting for the customer.
func ExampleCalendar_CheckTicket() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	cal, _ := sla.Weekdays(ams, sla.Clock(9, 0), sla.Clock(17, 0), sla.WhitMonday())
	targets := map[string]sla.PriorityTargets{
		"P1": {Priority: "P1", Respond: sla.BusinessHours(2), Resolve: sla.BusinessHours(8)},
		"P4": {Priority: "P4", Respond: sla.WorkingDays(2), Resolve: sla.WorkingDays(5)},
	}
	opened := time.Date(2025, 6, 6, 15, 0, 0, 0, ams) // Friday; Monday 9 June is Whit Monday
	asOf := time.Date(2025, 6, 11, 12, 0, 0, 0, ams)
	for _, tk := range []sla.Ticket{
		{ID: "INC-1", Priority: "P1", Opened: opened,
			Responded: opened.Add(40 * time.Minute), Resolved: time.Date(2025, 6, 10, 16, 0, 0, 0, ams)},
		{ID: "REQ-2", Priority: "P4", Opened: opened,
			Pauses: []sla.Interval{{Start: time.Date(2025, 6, 10, 9, 0, 0, 0, ams), End: time.Date(2025, 6, 10, 13, 0, 0, 0, ams)}}},
	} {
		chk, _ := cal.CheckTicket(tk, targets[tk.Priority], asOf)
		for _, o := range []sla.Outcome{chk.Response, chk.Resolution} {
			fmt.Printf("%s %-16s due %s  %-8s margin %s\n", tk.ID, o.Target, o.Due.Format("Mon 02 Jan 15:04"), o.Status, o.Margin)
		}
	}
	// Output:
	// INC-1 2 business hours due Fri 06 Jun 17:00  met      margin 1h20m0s
	// INC-1 8 business hours due Tue 10 Jun 15:00  breached margin -1h0m0s
	// REQ-2 2 working days   due Thu 12 Jun 11:00  pending  margin 7h0m0s
	// REQ-2 5 working days   due Tue 17 Jun 11:00  pending  margin 31h0m0s
}

// Measured availability of a month from outage records: planned
// maintenance is excluded and only whole minutes of at least one minute
// count.
func ExampleMeasure() {
	month, _ := sla.CalendarMonth(2025, time.January, time.UTC)
	at := func(d, h, m, s int) time.Time { return time.Date(2025, 1, d, h, m, s, 0, time.UTC) }
	outages := []sla.Outage{
		{ID: "INC-1", Start: at(6, 10, 0, 0), End: at(6, 10, 30, 0)},
		{ID: "INC-2", Start: at(6, 10, 20, 0), End: at(6, 11, 0, 30)},
		{ID: "MNT-1", Start: at(7, 2, 0, 0), End: at(7, 4, 0, 0), Kind: sla.Planned},
		{ID: "INC-3", Start: at(8, 9, 0, 0), End: at(8, 9, 0, 40)},
	}
	rules := sla.CountingRules{Exclude: []sla.OutageKind{sla.Planned}, MinOutage: time.Minute, Granularity: time.Minute}
	m, _ := sla.Measure(month, sla.Calendar{}, outages, rules)
	fmt.Printf("availability %.4f%% downtime %s\n", m.Availability.Percent(), m.Downtime)
	for _, o := range m.Outages {
		fmt.Printf("%s–%s records %d counted %s\n", o.Start.Format("02 15:04:05"), o.End.Format("15:04:05"), o.Records, o.Counted)
	}
	for _, e := range m.Excluded {
		fmt.Println("excluded", e.ID, e.Reason, e.InWindow)
	}
	fmt.Println("below minimum", m.BelowMinimum, "rounding", m.Rounding)
	// Output:
	// availability 99.8656% downtime 1h0m0s
	// 06 10:00:00–11:00:30 records 2 counted 1h0m0s
	// 08 09:00:00–09:00:40 records 1 counted 0s
	// excluded MNT-1 excluded kind 2h0m0s
	// below minimum 40s rounding 30s
}

// Time-slice budgeting: a slice of 5 minutes counts as down when more
// than 5% of its requests failed.
func ExampleMeasure_slices() {
	start := time.Date(2025, 1, 6, 10, 0, 0, 0, time.UTC)
	hour, _ := sla.NewPeriod(start, start.Add(time.Hour))
	outages := []sla.Outage{
		{Start: start.Add(7 * time.Minute), End: start.Add(9 * time.Minute), ErrorRate: 0.2}, // 8% of slice 1
		{Start: start.Add(20 * time.Minute), End: start.Add(30 * time.Minute), ErrorRate: 0.01},
	}
	m, _ := sla.Measure(hour, sla.Calendar{}, outages, sla.CountingRules{Slice: 5 * time.Minute, SliceThreshold: 0.05})
	fmt.Printf("%d of %d slices down: %s, %.2f%%\n", m.SlicesDown, m.Slices, m.Downtime, m.Availability.Percent())
	// Output:
	// 1 of 12 slices down: 5m0s, 91.67%
}

// An error-budget report for a 99.9% monthly objective ten days into the
// month, with the burn-rate alert thresholds of a 30-day window.
func ExampleObjective_ErrorBudget() {
	o := sla.Objective{Name: "checkout", Target: availability.MustParse("99.9%"), Period: sla.Month}
	eb, _ := o.ErrorBudget(time.Date(2025, 1, 11, 0, 0, 0, 0, time.UTC), 20*time.Minute)
	fmt.Printf("budget %s, consumed %s, remaining %s (%.1f%%)\n", eb.Budget, eb.Consumed, eb.Remaining, 100*eb.RemainingShare)
	fmt.Printf("burn rate %.2f, exhausted by %s\n", eb.BurnRate, eb.Exhaustion.Format(time.DateTime))
	alerts, _ := sla.BurnRateAlerts(o.Target, 30*24*time.Hour, sla.DefaultAlertPolicies())
	for _, a := range alerts {
		fmt.Printf("%-6s %4.0f%% of budget in %-8s burn rate %4.1f, error rate %.2f%%\n", a.Severity, 100*a.BudgetShare, a.Long, a.Factor, 100*a.ErrorRate)
	}
	// Output:
	// budget 44m38.4s, consumed 20m0s, remaining 24m38.4s (55.2%)
	// burn rate 1.39, exhausted by 2025-01-23 07:40:48
	// page      2% of budget in 1h0m0s   burn rate 14.4, error rate 1.44%
	// page      5% of budget in 6h0m0s   burn rate  6.0, error rate 0.60%
	// ticket   10% of budget in 24h0m0s  burn rate  3.0, error rate 0.30%
	// ticket   10% of budget in 72h0m0s  burn rate  1.0, error rate 0.10%
}

// Calendar months in a time zone have their real lengths.
func ExampleCalendarMonth() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	for _, m := range []time.Month{time.February, time.March, time.October} {
		p, _ := sla.CalendarMonth(2025, m, ams)
		fmt.Printf("%-8s %d minutes\n", m, int(p.Length().Minutes()))
	}
	// Output:
	// February 40320 minutes
	// March    44580 minutes
	// October  44700 minutes
}

// A service calendar with shifts and holiday rules, as data.
func ExampleNewCalendar() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	cal, err := sla.NewCalendar(ams, []sla.Hours{
		{Day: time.Monday, From: sla.Clock(8, 0), To: sla.Clock(12, 0)},
		{Day: time.Monday, From: sla.Clock(13, 0), To: sla.Clock(18, 0)},
		{Day: time.Saturday, From: sla.Clock(10, 0), To: sla.Clock(14, 0)},
	}, sla.GoodFriday(), sla.EasterMonday(), sla.Yearly("Christmas Day", time.December, 25))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cal)
	name, ok := cal.IsHoliday(time.Date(2025, 4, 21, 12, 0, 0, 0, ams))
	fmt.Println(name, ok)
	_, err = sla.NewCalendar(ams, []sla.Hours{
		{Day: time.Monday, From: sla.Clock(8, 0), To: sla.Clock(12, 0)},
		{Day: time.Monday, From: sla.Clock(11, 0), To: sla.Clock(10, 0)},
	})
	fmt.Println(err)
	// Output:
	// Europe/Amsterdam, 13h0m0s a week, 3 holiday rules
	// Easter Monday true
	// sla.NewCalendar: hours[1].to: 10:00 is not after from 11:00
}

// Working-day targets keep the time of day; a start outside service hours
// counts from the next opening.
func ExampleCalendar_DeadlineDays() {
	cal, _ := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.Clock(17, 0))
	for _, start := range []time.Time{
		time.Date(2025, 1, 10, 16, 0, 0, 0, time.UTC), // Friday afternoon
		time.Date(2025, 1, 10, 18, 0, 0, 0, time.UTC), // Friday evening
	} {
		due, _ := cal.DeadlineDays(start, 2)
		fmt.Println(start.Format("Mon 15:04"), "+ 2 working days =", due.Format("Mon 15:04"))
	}
	// Output:
	// Fri 16:00 + 2 working days = Tue 16:00
	// Fri 18:00 + 2 working days = Tue 17:00
}

// The clock stops while waiting for the customer.
func ExampleCalendar_DeadlinePaused() {
	cal, _ := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.Clock(17, 0))
	start := time.Date(2025, 1, 9, 10, 0, 0, 0, time.UTC) // Thursday
	wait := []sla.Interval{{Start: start.Add(2 * time.Hour), End: start.Add(5 * time.Hour)}}
	due, _ := cal.DeadlinePaused(start, 4*time.Hour, wait)
	fmt.Println(due.Format("Mon 15:04"))
	// Output:
	// Thu 17:00
}

// A fixed-convention downtime table names its basis.
func ExampleNewDowntimeTable() {
	tab, _ := sla.NewDowntimeTable(availability.MustParse("99.95%"), sla.GregorianScale())
	fmt.Println(tab.Availability, "under the", tab.Basis, "scale")
	for _, r := range tab.Rows {
		fmt.Printf("%-8s %-42s %s\n", r.Unit, r.Basis, r.Downtime.Round(time.Second))
	}
	// Output:
	// 99.95% under the mean Gregorian scale
	// day      24-hour day                                43s
	// week     7-day week                                 5m2s
	// month    mean Gregorian month (365.2425/12 days)    21m55s
	// quarter  mean Gregorian quarter (365.2425/4 days)   1h5m45s
	// year     mean Gregorian year (365.2425 days)        4h22m58s
}

// Wall-clock times that do not exist are errors; repeated ones resolve to
// the earlier instant.
func ExampleLocal() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	_, err := sla.Local(ams, 2025, time.March, 30, sla.Clock(2, 30))
	fmt.Println(err)
	t, _ := sla.Local(ams, 2025, time.October, 26, sla.Clock(2, 30))
	fmt.Println(t.Format(time.RFC3339))
	// Output:
	// sla.Local: time: 2025-03-30 02:30 does not exist in Europe/Amsterdam
	// 2025-10-26T02:30:00+02:00
}

// Easter-relative holidays follow the Gregorian computus.
func ExampleEaster() {
	m, d := sla.Easter(2025)
	fmt.Println(m, d)
	for _, h := range []sla.Holiday{sla.GoodFriday(), sla.AscensionDay(), sla.WhitMonday()} {
		hm, hd, _ := h.Date(2025)
		fmt.Println(h.Name, hm, hd)
	}
	// Output:
	// April 20
	// Good Friday April 18
	// Ascension Day May 29
	// Whit Monday June 9
}

// Evaluate measures an objective's window so far and reports its budget.
func ExampleObjective_Evaluate() {
	cal, _ := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.Clock(17, 0))
	o := sla.Objective{Name: "portal", Target: availability.MustParse("99.5%"), Period: sla.Month, Calendar: cal}
	outages := []sla.Outage{
		{Start: time.Date(2025, 1, 10, 16, 30, 0, 0, time.UTC), End: time.Date(2025, 1, 13, 9, 15, 0, 0, time.UTC)},
	}
	eb, m, _ := o.Evaluate(time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC), outages)
	fmt.Println("counted", m.Downtime, "outside service hours", m.OutsideWindow)
	fmt.Printf("budget %s, remaining %s, burn rate %.2f\n", eb.Budget, eb.Remaining, eb.BurnRate)
	// Output:
	// counted 45m0s outside service hours 64h0m0s
	// budget 55m12s, remaining 10m12s, burn rate 1.88
}
