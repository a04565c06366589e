// Command creditrisk answers what an availability figure alone cannot: a web
// shop is promised at 99.9% a month with an AWS-style credit schedule (the
// S3 Standard tiers: below 99.9% 10%, below 99% 25%, below 95% 100% of the
// month's fee). How often does a month earn a credit, what does that cost a
// year, and how do both change when the database gets a replica?
//
//	go run ./examples/creditrisk
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/sla"
)

func main() {
	if err := run(os.Stdout, 4000); err != nil {
		fmt.Fprintln(os.Stderr, "creditrisk:", err)
		os.Exit(1)
	}
}

// shop builds the shop's graph; with a replica, the database is a pair of
// which one suffices.
func shop(replica bool) (*availability.Model, error) {
	pct := availability.MustParse
	var b availability.Builder
	b.Component("network", pct("99.99%")).
		Component("lb", pct("99.99%")).
		Component("app1", pct("99.5%")).Component("app2", pct("99.5%")).
		Group("app", availability.RequireAny, "app1", "app2").
		Component("db-primary", pct("99.95%"))
	db := "db-primary"
	if replica {
		b.Component("db-replica", pct("99.95%")).Group("db", availability.RequireAny, "db-primary", "db-replica")
		db = "db"
	}
	b.Group("shop", availability.RequireAll, "network", "lb", "app", db)
	return b.Build()
}

func run(w io.Writer, years int) error {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return err
	}
	start, err := sla.CalendarMonth(2027, time.January, ams)
	if err != nil {
		return err
	}
	published := contract.AWSS3Standard()
	fee := money.MustParseMoney("USD 20000.00")
	fmt.Fprintf(w, "Web shop promised at %s a month, credits as %s (%s).\n", published.Target, published.Service, published.Provider)
	fmt.Fprintf(w, "Monthly fee %s; every component repairs in 4 hours on average (exponential); %d simulated years of\n", fee, years)
	fmt.Fprintln(w, "calendar months in Europe/Amsterdam, each measured 7×24 as the contract does.")
	for _, replica := range []bool{false, true} {
		m, err := shop(replica)
		if err != nil {
			return err
		}
		exact, err := m.Availability("shop")
		if err != nil {
			return err
		}
		r, err := contract.CreditRisk(context.Background(), contract.CreditRiskConfig{
			Model: m, Node: "shop", RepairTime: 4 * time.Hour,
			Start: start, Schedule: published.Schedule, Fee: fee,
			Years: years, Seed: 2027,
		})
		if err != nil {
			return err
		}
		label := "one database"
		if replica {
			label = "database with a replica"
		}
		fmt.Fprintf(w, "\n%s: long-run availability %s (exact)\n", label, exact)
		fmt.Fprintf(w, "  month earns a credit:  %5.2f%% (95%% interval %.2f–%.2f%%)\n",
			100*r.CreditProbability.Mean, 100*r.CreditProbability.Low, 100*r.CreditProbability.High)
		for _, t := range r.Tiers {
			fmt.Fprintf(w, "    %-26s %6.3f%% of months\n", t.Tier, 100*t.Probability.Mean)
		}
		fmt.Fprintf(w, "  expected credit a year: %s (95%% interval %s – %s)\n", r.CreditPerYear.Mean, r.CreditPerYear.Low, r.CreditPerYear.High)
		fmt.Fprintf(w, "  yearly credit P50 %s, P90 %s, P99 %s\n", r.YearlyP50, r.YearlyP90, r.YearlyP99)
		fmt.Fprintf(w, "  monthly downtime P50 %s, P90 %s, P99 %s\n", r.DowntimeP50.Round(time.Second), r.DowntimeP90.Round(time.Second), r.DowntimeP99.Round(time.Second))
	}
	return nil
}
