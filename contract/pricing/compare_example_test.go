package pricing_test

import (
	"context"
	"fmt"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"
)

func ExampleCompare() {
	breakFix := pricing.BreakFix{Rate: pricing.HourlyRate{
		Rate: money.MustParseMoney("EUR 100.00"), Increment: time.Hour, CallOut: money.MustParseMoney("EUR 50.00")}}
	monthly := pricing.Subscription{Label: "monthly fee", Fee: money.MustParseMoney("EUR 100.00"), Unlimited: true}
	// About 5 incidents a year of 2 hours each. Break/fix costs 5 × (2 × 100 + 50)
	// = 1250 a year on average, the fee 12 × 100 = 1200; they break even at
	// 1200 / 250 = 4.8 incidents a year.
	profile := pricing.DemandProfile{IncidentsPerYear: 5, HoursPerIncident: availability.Fixed(2)}
	c, err := pricing.Compare(context.Background(), profile, []pricing.Plan{breakFix, monthly}, pricing.CompareOptions{
		Seed:     1,
		Delivery: pricing.DeliveryCost{PerHour: money.MustParseMoney("EUR 45.00")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range c.Models {
		fmt.Printf("%-11s expected %v ± %v (closed form %v), P90 %v, margin %v, risk on the %s\n",
			r.Name, r.Cost.Mean, r.Cost.StdErr, r.ClosedFormCost, r.P90, r.Margin.Mean, r.RiskCarrier())
	}
	be, _ := pricing.BreakEven(context.Background(), profile, breakFix, monthly, pricing.CompareOptions{})
	fmt.Printf("break-even at %.1f incidents a year\n", be.IncidentsPerYear)
	// Output:
	// break/fix   expected EUR 1243.20 ± EUR 5.63 (closed form EUR 1250.00), P90 EUR 2000.00, margin EUR 795.65, risk on the customer
	// monthly fee expected EUR 1200.00 ± EUR 0.00 (closed form EUR 1200.00), P90 EUR 1200.00, margin EUR 752.45, risk on the provider
	// break-even at 4.8 incidents a year
}
