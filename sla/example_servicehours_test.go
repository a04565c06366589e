package sla_test

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/sla"
)

// A web shop's phone support runs 08:00–20:00 every day in Amsterdam; the
// company adds its own closing day for a company outing.
func ExampleDaily() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	cal, err := sla.Daily(ams, sla.Clock(8, 0), sla.Clock(20, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	cal, _ = cal.WithHolidays(sla.Once("company outing", 2025, time.September, 12))
	fmt.Println("per week:", cal.WeeklyServiceTime())
	for _, t := range []time.Time{
		time.Date(2025, time.September, 13, 7, 59, 0, 0, ams), // Saturday, before opening
		time.Date(2025, time.September, 13, 8, 0, 0, 0, ams),  // opening
		time.Date(2025, time.September, 12, 12, 0, 0, 0, ams), // the outing
	} {
		fmt.Printf("%s in service %v", t.Format("Mon 15:04"), cal.InService(t))
		if name, ok := cal.IsHoliday(t); ok {
			fmt.Printf(" (%s)", name)
		}
		fmt.Println()
	}
	// September 2025 has 30 days of 12 h, less the outing: 29 × 12 = 348 h.
	sep, _ := sla.CalendarMonth(2025, time.September, ams)
	st, _ := cal.ServiceTime(sep)
	fmt.Println("September:", st)
	// Output:
	// per week: 84h0m0s
	// Sat 07:59 in service false
	// Sat 08:00 in service true
	// Fri 12:00 in service false (company outing)
	// September: 348h0m0s
}

// Times of day as written in a contract.
func ExampleParseTimeOfDay() {
	for _, s := range []string{"09:00", "17:30", "24:00", "25:00"} {
		t, err := sla.ParseTimeOfDay(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(t, "=", time.Duration(t)*time.Second)
	}
	// Output:
	// 09:00 = 9h0m0s
	// 17:30 = 17h30m0s
	// 24:00 = 24h0m0s
	// sla.ParseTimeOfDay: time of day: "25:00" is after 24:00
}

// Only the outages of the scopes a contract covers count: the web shop's
// customer bought the "checkout" service, so an outage of "search" does not
// count. 30 min of 43,200 in a 30-day month: 1 − 30/43200 = 99.9306%.
func ExampleMeasure_scopes() {
	june, _ := sla.CalendarMonth(2025, time.June, time.UTC)
	at := func(d, h int) time.Time { return time.Date(2025, time.June, d, h, 0, 0, 0, time.UTC) }
	outages := []sla.Outage{
		{ID: "INC-7", Scope: "checkout", Start: at(2, 10), End: at(2, 10).Add(30 * time.Minute)},
		{ID: "INC-8", Scope: "search", Start: at(5, 14), End: at(5, 16)},
	}
	m, err := sla.Measure(june, sla.Calendar{}, outages, sla.CountingRules{Scopes: []string{"checkout"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f, %v down\n", m.Availability, m.Downtime)
	for _, e := range m.Excluded {
		fmt.Println("excluded", e.ID, e.Reason)
	}
	// Output:
	// 99.9306%, 30m0s down
	// excluded INC-8 out of scope
}
