package pricing_test

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"
)

func ExampleBreakFix_Cost() {
	model := pricing.BreakFix{Rate: pricing.HourlyRate{
		Rate:      money.MustParseMoney("EUR 125.00"),
		Increment: 15 * time.Minute,
		Minimum:   time.Hour,
		CallOut:   money.MustParseMoney("EUR 75.00"),
	}}
	year := pricing.RealisedDemand{Months: 12, Jobs: []pricing.Job{
		{Month: 1, Kind: pricing.Corrective, Work: 20 * time.Minute},
		{Month: 6, Kind: pricing.Corrective, Work: 2*time.Hour + 5*time.Minute},
		{Month: 9, Kind: pricing.Preventive, Work: time.Hour},
	}}
	bill, err := model.Cost(year)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range bill.Lines {
		fmt.Printf("month %2d  %-10s %12v  %s\n", l.Month+1, l.Item, l.Amount, l.Reason)
	}
	fmt.Println("total", bill.Total)
	// The provider's cost: 2h25m of work at 55.00 an hour, 132.92.
	margin, _ := bill.Margin(pricing.DeliveryCost{PerHour: money.MustParseMoney("EUR 55.00")})
	fmt.Println("provider's margin", margin)
	// Output:
	// month  2  call-out      EUR 75.00  call-out fee per incident
	// month  2  work         EUR 125.00  20m billed as 1h (minimum 1h) at EUR 125.00/h
	// month  7  call-out      EUR 75.00  call-out fee per incident
	// month  7  work         EUR 281.25  2h5m billed as 2h15m (per started 15m) at EUR 125.00/h
	// month 10  not served     EUR 0.00  preventive work is not part of break/fix
	// total EUR 556.25
	// provider's margin EUR 423.33
}

func ExampleBundle_Cost() {
	strippenkaart := pricing.Bundle{
		Hours:          10 * time.Hour,
		Price:          money.MustParseMoney("EUR 900.00"),
		ValidityMonths: 12,
		Increment:      30 * time.Minute,
		Extra:          pricing.HourlyRate{Rate: money.MustParseMoney("EUR 110.00"), Increment: 30 * time.Minute},
	}
	bill, _ := strippenkaart.Cost(pricing.RealisedDemand{Months: 12, Jobs: []pricing.Job{
		{Month: 2, Work: 40 * time.Minute},
		{Month: 8, Work: 3 * time.Hour},
	}})
	fmt.Println(bill.Total, "for", bill.Work, "of work;", bill.UnusedPrepaid, "prepaid hours unused")
	// Output:
	// EUR 900.00 for 3h40m0s of work; 6h0m0s prepaid hours unused
}
