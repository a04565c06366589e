// Command supplychain looks at a reseller as a link in a supply chain: it
// promises its customers 99.5% a month for a service that needs an
// application hosted by one supplier (99% in its SLA) and a network from
// another (99.6%). Are its promises covered by what it is promised, what
// would each supplier have to promise, and what does the gap cost in a bad
// month?
//
// Run it with
//
//	go run ./examples/supplychain
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
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "supplychain:", err)
		os.Exit(1)
	}
}

// terms returns monthly terms: the fee, the target, the credit tiers (each
// upper bound exclusive, lower bound inclusive, the last reaching 0%) and
// a P1 response and resolution target in the support calendar.
func terms(name, fee, target string, cal sla.Calendar, respond, resolve sla.Target, tiers ...[3]string) (contract.Terms, error) {
	f, err := money.ParseMoney(fee)
	if err != nil {
		return contract.Terms{}, err
	}
	t, err := availability.Parse(target)
	if err != nil {
		return contract.Terms{}, err
	}
	var ts []contract.CreditTier
	for _, tr := range tiers {
		var s [3]money.Share
		for i, x := range tr {
			if s[i], err = money.ParseShare(x); err != nil {
				return contract.Terms{}, err
			}
		}
		ts = append(ts, contract.CreditTier{Upper: contract.Below(s[0]), Lower: contract.AtLeast(s[1]), Credit: s[2]})
	}
	return contract.Terms{
		Name:      name,
		Effective: time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC),
		Fee:       f,
		Objective: sla.Objective{Target: t, Period: sla.Month},
		Credits:   contract.CreditSchedule{Tiers: ts},
		Support:   contract.Support{Calendar: cal, Priorities: []contract.PriorityTerms{{Priority: "P1", Respond: respond, Resolve: resolve}}},
	}, nil
}

func run(w io.Writer) error {
	ctx := context.Background()
	office, err := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.Clock(17, 0))
	if err != nil {
		return err
	}
	model, err := new(availability.Builder).
		Component("app", availability.MustParse("99%")).
		Component("network", availability.MustParse("99.6%")).
		Group("service", availability.RequireAll, "app", "network").
		Build()
	if err != nil {
		return err
	}
	ours, err := terms("reseller to customer", "EUR 20000.00", "99.5%", office, sla.BusinessHours(1), sla.BusinessHours(4),
		[3]string{"99.5%", "99%", "10%"}, [3]string{"99%", "95%", "25%"}, [3]string{"95%", "0%", "50%"})
	if err != nil {
		return err
	}
	app, err := terms("application hosting", "EUR 6000.00", "99%", office, sla.Target{Business: 30 * time.Minute}, sla.BusinessHours(4),
		[3]string{"99%", "95%", "10%"}, [3]string{"95%", "0%", "25%"})
	if err != nil {
		return err
	}
	network, err := terms("network", "EUR 2000.00", "99.6%", sla.Calendar{}, sla.BusinessHours(2), sla.BusinessHours(8),
		[3]string{"99.6%", "99%", "10%"}, [3]string{"99%", "0%", "25%"})
	if err != nil {
		return err
	}
	chain := contract.SupplyChain{
		Terms: ours, Model: model, Service: "service",
		Suppliers: []contract.Supplier{
			{Name: "AppHost", Terms: app, Components: []string{"app"}},
			{Name: "NetCo", Terms: network, Components: []string{"network"}},
		},
	}

	cov, err := chain.Coverage(ctx, time.Date(2025, time.June, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		return err
	}
	yes := map[bool]string{true: "covered", false: "NOT covered"}
	fmt.Fprintf(w, "We promise %v a month; our suppliers promise app %v and network %v.\n", cov.Target, app.Objective.Target, network.Objective.Target)
	fmt.Fprintf(w, "  independent failures  %-8v %s\n", cov.Independent, yes[cov.CoveredIndependent])
	fmt.Fprintf(w, "  worst case            %-8v %s\n", cov.WorstCase, yes[cov.CoveredWorstCase])
	fmt.Fprintln(w)
	fmt.Fprintln(w, "What each supplier would have to promise for our 99.5% (the other as promised):")
	for i, a := range cov.Allocations {
		// Worst case, in series: unavailabilities add up, so the component
		// may have at most U(target) − U(the other).
		other := cov.Allocations[1-i].Promised
		wcU := cov.Target.Unavailability() - other.Unavailability()
		wc := "impossible"
		if wcU > 0 {
			a, err := availability.FromUnavailability(wcU)
			if err != nil {
				return err
			}
			wc = a.String()
		}
		indep := "impossible"
		if a.Reachable {
			indep = fmt.Sprintf("%.4f%%", a.Required.Percent())
		}
		fmt.Fprintf(w, "  %-9s %-8s independent %-10s worst case %s\n", a.Supplier, a.Component, indep, wc)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Response and resolution targets (P1, tickets passed on at once):")
	for _, r := range cov.Responses {
		verdict := "fits"
		if !r.Fits {
			verdict = "DOES NOT FIT"
		}
		fmt.Fprintf(w, "  %-9s %-10s theirs %-17v ours %-17v %-12s least slack %v\n", r.Supplier, r.Target, r.Theirs, r.Ours, verdict, r.Slack)
	}

	june, err := sla.CalendarMonth(2025, time.June, time.UTC)
	if err != nil {
		return err
	}
	at := func(d, h int) time.Time { return time.Date(2025, time.June, d, h, 0, 0, 0, time.UTC) }
	ex, err := chain.Exposure(ctx, contract.PeriodRecords{Period: june, Outages: []sla.Outage{
		{ID: "A1", Scope: "app", Start: at(3, 0), End: at(3, 10)},
		{ID: "N1", Scope: "network", Start: at(10, 0), End: at(10, 4)},
		{ID: "A2", Scope: "app", Start: at(20, 0), End: at(20, 2)},
		{ID: "N2", Scope: "network", Start: at(20, 1), End: at(20, 3)},
	}})
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "A bad June (720 hours): app down 10 h and 2 h, network 4 h and 2 h, one hour of it overlapping.")
	fmt.Fprintf(w, "  %-22s %-13v %s\n", "we owe our customer", ex.Owed, ex.Ours.Credit.Reason)
	for _, s := range ex.Suppliers {
		fmt.Fprintf(w, "  %-22s %-13v %s\n", s.Supplier+" owes us", s.Statement.CreditDue, s.Statement.Credit.Reason)
	}
	fmt.Fprintf(w, "  %-22s %v\n", "recovered", ex.Recovered)
	fmt.Fprintf(w, "  %-22s %v\n", "net", ex.Net)
	return nil
}
