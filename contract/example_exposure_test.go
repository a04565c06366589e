package contract_test

import (
	"context"
	"fmt"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/sla"
)

// A web shop we run for a customer on an application host and a network
// from two suppliers, with a bad June (720 h):
//
//   - the app is down 3 June 00:00–10:00 and 20 June 00:00–02:00, the network
//     10 June 00:00–04:00 and 20 June 01:00–03:00, overlapping the app;
//   - our shop is down 10 + 4 + 3 = 17 h: 1 − 17/720 = 97.6389%, our 25% tier,
//     25% × EUR 20000.00 = EUR 5000.00 owed;
//   - AppHost: 12 h, 98.3333%, its 10% tier: EUR 600.00; NetCo: 6 h,
//     99.1667%, its 10% tier: EUR 200.00;
//   - we recover EUR 800.00, a net cost of EUR 4200.00.
func ExampleSupplyChain_Exposure() {
	model, err := new(availability.Builder).
		Component("app", availability.MustParse("99%")).
		Component("network", availability.MustParse("99.6%")).
		Group("shop", availability.RequireAll, "app", "network").
		Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	tier := func(upper, lower, credit string) contract.CreditTier {
		return contract.CreditTier{
			Upper:  contract.Below(money.MustParseShare(upper)),
			Lower:  contract.AtLeast(money.MustParseShare(lower)),
			Credit: money.MustParseShare(credit),
		}
	}
	terms := func(fee, target string, tiers ...contract.CreditTier) contract.Terms {
		return contract.Terms{
			Effective: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
			Fee:       money.MustParseMoney(fee),
			Objective: sla.Objective{Target: availability.MustParse(target), Period: sla.Month},
			Credits:   contract.CreditSchedule{Tiers: tiers},
		}
	}
	chain := contract.SupplyChain{
		Terms: terms("EUR 20000.00", "98.5%",
			tier("98.5%", "98%", "10%"), tier("98%", "0%", "25%")),
		Model:   model,
		Service: "shop",
		Suppliers: []contract.Supplier{
			{Name: "AppHost", Components: []string{"app"}, Terms: terms("EUR 6000.00", "99%",
				tier("99%", "95%", "10%"), tier("95%", "0%", "25%"))},
			{Name: "NetCo", Components: []string{"network"}, Terms: terms("EUR 2000.00", "99.6%",
				tier("99.6%", "99%", "10%"), tier("99%", "0%", "25%"))},
		},
	}
	june, _ := sla.CalendarMonth(2025, time.June, time.UTC)
	at := func(d, h int) time.Time { return time.Date(2025, time.June, d, h, 0, 0, 0, time.UTC) }
	ex, err := chain.Exposure(context.Background(), contract.PeriodRecords{
		Period: june,
		Outages: []sla.Outage{
			{ID: "A1", Scope: "app", Start: at(3, 0), End: at(3, 10)},
			{ID: "N1", Scope: "network", Start: at(10, 0), End: at(10, 4)},
			{ID: "A2", Scope: "app", Start: at(20, 0), End: at(20, 2)},
			{ID: "N2", Scope: "network", Start: at(20, 1), End: at(20, 3)},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range ex.Outages {
		fmt.Printf("shop down %s–%s (%s)\n", o.Start.Format("Jan 2 15:04"), o.End.Format("15:04"), o.ID)
	}
	fmt.Printf("we owe     %v: %.4f measured\n", ex.Owed, ex.Ours.Measurement.Availability)
	for _, s := range ex.Suppliers {
		fmt.Printf("%-10s %v: %.4f measured\n", s.Supplier, s.Statement.CreditDue, s.Statement.Measurement.Availability)
	}
	fmt.Println("recovered", ex.Recovered, "net", ex.Net)
	// Output:
	// shop down Jun 3 00:00–10:00 (A1)
	// shop down Jun 10 00:00–04:00 (N1)
	// shop down Jun 20 00:00–01:00 (A2)
	// shop down Jun 20 01:00–02:00 (A2+N2)
	// shop down Jun 20 02:00–03:00 (N2)
	// we owe     EUR 5000.00: 97.6389% measured
	// AppHost    EUR 600.00: 98.3333% measured
	// NetCo      EUR 200.00: 99.1667% measured
	// recovered EUR 800.00 net EUR -4200.00
}
