package sla_test

import (
	"context"
	"fmt"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

// A web shop's checkout promises 99.9%: an error rate of 0.5% over the last
// hour spends the budget 0.005 / 0.001 = 5 times as fast as the window
// allows, so a 30-day budget would last 30 / 5 = 6 days.
func ExampleBurnRate() {
	target := availability.MustParse("99.9%")
	for _, errorRate := range []float64{0.0005, 0.001, 0.005} {
		burn, err := sla.BurnRate(errorRate, target)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("error rate %.2f%%: burn rate %.1f, 30-day budget lasts %v\n",
			100*errorRate, burn, time.Duration(float64(30*24*time.Hour)/burn))
	}
	// Output:
	// error rate 0.05%: burn rate 0.5, 30-day budget lasts 1440h0m0s
	// error rate 0.10%: burn rate 1.0, 30-day budget lasts 720h0m0s
	// error rate 0.50%: burn rate 5.0, 30-day budget lasts 144h0m0s
}

// The multi-window alerts of a 99.5% objective over a 28-day window, and
// which of them fire for the error rates a monitoring system reports over
// each alert's long and short windows. The page factor is 0.02 · 672 h / 1 h
// = 13.44, so it fires above 13.44 · 0.5% = 6.72% errors; the first ticket
// factor is 0.1 · 672 h / 24 h = 2.8, 1.4% errors. The first page does not
// fire although the last hour ran at 8%: the last 5 minutes are back at
// 0.4%, which is what the short window is for.
func ExampleBurnRateAlerts() {
	target := availability.MustParse("99.5%")
	alerts, err := sla.BurnRateAlerts(target, 28*24*time.Hour, sla.DefaultAlertPolicies())
	if err != nil {
		fmt.Println(err)
		return
	}
	// The measured error rates, by window: a burst of errors an hour ago
	// that has calmed down in the last few minutes.
	measured := map[time.Duration]float64{
		5 * time.Minute:  0.004,
		30 * time.Minute: 0.02,
		time.Hour:        0.08,
		2 * time.Hour:    0.045,
		6 * time.Hour:    0.035,
		24 * time.Hour:   0.016,
		72 * time.Hour:   0.006,
	}
	for _, a := range alerts {
		long, short := measured[a.Long], measured[a.Short]
		fire := long > a.ErrorRate && short > a.ErrorRate
		fmt.Printf("%-6s burn ≥ %5.2f (errors > %.2f%%) over %v and %v: fires %v\n",
			a.Severity, a.Factor, 100*a.ErrorRate, a.Long, a.Short, fire)
	}
	// Output:
	// page   burn ≥ 13.44 (errors > 6.72%) over 1h0m0s and 5m0s: fires false
	// page   burn ≥  5.60 (errors > 2.80%) over 6h0m0s and 30m0s: fires false
	// ticket burn ≥  2.80 (errors > 1.40%) over 24h0m0s and 2h0m0s: fires true
	// ticket burn ≥  0.93 (errors > 0.47%) over 72h0m0s and 6h0m0s: fires true
}

// A simulated year of a service turned into outage records at real
// instants, ready for Measure: here the month of June of the first run. The
// expected downtime is (1 − 0.995 · 0.999) · 8760 h = 52.5 h a year; one
// simulated year scatters widely around it.
func ExampleSimulatedOutages() {
	m, err := new(availability.Builder).
		Component("app", availability.MustParse("99.5%")).
		Component("db", availability.MustParse("99.9%")).
		Group("shop", availability.RequireAll, "app", "db").
		Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	start := time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)
	sim, err := m.Simulate(context.Background(), availability.SimulationConfig{
		Node: "shop", RepairTime: 4 * time.Hour, Horizon: 365 * 24 * time.Hour, Runs: 1, Seed: 7, Workers: 1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	outages := sla.SimulatedOutages(sim.Runs[0], start, "shop")
	fmt.Printf("%d outages, %v down in the year\n", len(outages), sim.Runs[0].Downtime.Round(time.Minute))
	june, _ := sla.CalendarMonth(2025, time.June, time.UTC)
	meas, err := sla.Measure(june, sla.Calendar{}, outages, sla.CountingRules{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("June: %d outages, %v down, %.2f\n", len(meas.Outages), meas.Downtime.Round(time.Minute), meas.Availability)
	// Output:
	// 17 outages, 93h30m0s down in the year
	// June: 3 outages, 8h55m0s down, 98.76%
}
