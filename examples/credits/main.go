// Command credits checks a cloud provider's service credit for a real
// month: AWS compute at region level (target 99.99%) in March 2025, a
// 31-day month, with 447 minutes of downtime on a USD 12,000.00 bill.
//
// 31 days are 44,640 minutes, so 99.0% uptime allows exactly 446.4
// minutes of downtime: 446 minutes stay in the 10% tier, 447 minutes fall
// into the 30% tier. The comparison is exact, in integers, not in float64.
//
// The same month under one pro-rata rule, "5% per 0.1% below 99.5%, at
// most 50%", counted per started and per whole step, shows the boundaries
// of a rule instead of tiers.
//
// Run it with
//
//	go run ./examples/credits
package main

import (
	"fmt"
	"io"
	"math/big"
	"os"
	"time"

	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/sla"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "credits:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	published := contract.AWSComputeRegion()
	bill, err := money.ParseMoney("USD 12000.00")
	if err != nil {
		return err
	}
	march, err := sla.CalendarMonth(2025, time.March, time.UTC)
	if err != nil {
		return err
	}
	minutes := march.Length() / time.Minute
	boundary := published.Schedule.Tiers[0].Lower.Level // 99%
	allowed := march.Length() - march.Length()*time.Duration(boundary.Num())/time.Duration(boundary.Den())

	fmt.Fprintf(w, "%s, %s\n", published.Provider, published.Service)
	fmt.Fprintf(w, "source: %s\n", published.Source)
	fmt.Fprintln(w, "credit tiers (monthly uptime → share of the month's charges):")
	for _, t := range published.Schedule.Tiers {
		fmt.Fprintf(w, "  %s\n", t)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "March 2025 (UTC) has %d minutes; %v uptime allows exactly %s minutes (%s) of downtime.\n",
		minutes, boundary, big.NewRat(int64(allowed), int64(time.Minute)).FloatString(1), minutesText(allowed))
	fmt.Fprintf(w, "%-18s  %-9s  %-36s  %s\n", "downtime", "uptime", "tier", "credit on "+bill.String())
	for _, down := range []time.Duration{446 * time.Minute, allowed, allowed + time.Nanosecond, 447 * time.Minute} {
		c, err := published.Schedule.Assess(down, march.Length(), bill)
		if err != nil {
			return err
		}
		tier := "none"
		if c.Tier >= 0 {
			t := published.Schedule.Tiers[c.Tier]
			tier = fmt.Sprintf("%v tier (%s)", t.Credit, tierRange(t))
		}
		fmt.Fprintf(w, "%-18s  %-9s  %-36s  %v\n", minutesText(down), uptime(down, march.Length()), tier, c.Amount)
	}

	// The same month under one pro-rata rule instead of tiers: 5% per
	// 0.1% below 99.5%, at most 50%, per started and per whole step.
	rule := contract.ProRata{Target: money.MustParseShare("99.5%"), Step: money.MustParseShare("0.1%"),
		Credit: money.Percent(5), Max: money.Percent(50)}
	budget := march.Length() / 200 // 0.5% of the month, exact for 744 h
	step := march.Length() / 1000  // 0.1%
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Pro rata, %s (and per whole step): the budget is %s, a step %s.\n", rule, minutesText(budget), minutesText(step))
	fmt.Fprintf(w, "%-18s  %-9s  %-22s  %s\n", "downtime", "uptime", "started steps: credit", "whole steps: credit")
	for _, down := range []time.Duration{budget, budget + time.Nanosecond, budget + step, 447 * time.Minute} {
		var cells []string
		for _, c := range []contract.StepCounting{contract.PerStartedStep, contract.PerWholeStep} {
			rule.Counting = c
			cr, err := contract.CreditSchedule{ProRata: rule}.Assess(down, march.Length(), bill)
			if err != nil {
				return err
			}
			cells = append(cells, fmt.Sprintf("%d: %v", cr.Steps, cr.Amount))
		}
		fmt.Fprintf(w, "%-18s  %-9s  %-22s  %s\n", minutesText(down), uptime(down, march.Length()), cells[0], cells[1])
	}

	// The month as a statement, with its outage record and a claim made
	// in April, well before the end of May (two billing cycles later).
	terms := contract.Terms{
		Name:      published.Service,
		Effective: published.Effective,
		Fee:       bill,
		Objective: sla.Objective{Target: published.Target, Period: sla.Month},
		Credits:   published.Schedule,
	}
	start := time.Date(2025, time.March, 12, 6, 0, 0, 0, time.UTC)
	st, err := terms.Statement(contract.PeriodRecords{
		Period:  march,
		Outages: []sla.Outage{{ID: "use1-az-outage", Start: start, End: start.Add(447 * time.Minute)}},
		Claimed: time.Date(2025, time.April, 3, 9, 0, 0, 0, time.UTC),
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Statement for March 2025, one outage of 447 minutes:")
	for _, l := range st.Lines {
		fmt.Fprintf(w, "  %-12s %12v  %s\n", l.Item, l.Amount, l.Reason)
	}
	return nil
}

// tierRange writes "99% ≤ uptime < 99.99%".
func tierRange(t contract.CreditTier) string {
	lo, up := "≤", "<"
	if !t.Lower.Inclusive {
		lo = "<"
	}
	if t.Upper.Inclusive {
		up = "≤"
	}
	return fmt.Sprintf("%v %s uptime %s %v", t.Lower.Level, lo, up, t.Upper.Level)
}

// minutesText writes a duration in minutes and seconds: "446m24s".
func minutesText(d time.Duration) string {
	return fmt.Sprintf("%dm%v", d/time.Minute, d%time.Minute)
}

// uptime writes the month's uptime as a percentage, truncated to four
// decimals so that a value below a bound never prints as the bound.
func uptime(down, month time.Duration) string {
	n := new(big.Int).Mul(big.NewInt(int64(month-down)), big.NewInt(1_000_000))
	q := n.Quo(n, big.NewInt(int64(month))).Int64() // exact, truncated
	s := fmt.Sprintf("%d.%04d", q/10000, q%10000)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s + "%"
}
