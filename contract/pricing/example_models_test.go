package pricing_test

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"
)

// officeYear is a year of an office's IT support: two incidents and an
// inspection.
var officeYear = pricing.RealisedDemand{Months: 12, Jobs: []pricing.Job{
	{Month: 1, Kind: pricing.Corrective, Work: 90 * time.Minute},
	{Month: 1, Kind: pricing.Corrective, Work: 45 * time.Minute},
	{Month: 4, Kind: pricing.Preventive, Work: 2 * time.Hour},
}}

// A subscription that covers 2 hours of corrective work a month, with
// overage per started half hour. February has 2h15m of incidents: 2 h are
// covered, the last 15 min are billed as 30 min at EUR 110.00 = EUR 55.00.
// The inspection is not included and is billed in full, 2 h = EUR 220.00.
func ExampleSubscription_Cost() {
	sub := pricing.Subscription{
		Label:         "office care",
		Fee:           money.MustParseMoney("EUR 120.00"),
		Included:      []pricing.WorkKind{pricing.Corrective},
		IncludedHours: 2 * time.Hour,
		Overage:       pricing.HourlyRate{Rate: money.MustParseMoney("EUR 110.00"), Increment: 30 * time.Minute},
	}
	bill, err := sub.Cost(officeYear)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range bill.Lines {
		if l.Item != "monthly fee" {
			fmt.Printf("month %2d  %-9s %10v  %s\n", l.Month+1, l.Item, l.Amount, l.Reason)
		}
	}
	fmt.Println("total", bill.Total, "= 12 × EUR 120.00 + EUR 55.00 + EUR 220.00")
	// Output:
	// month  2  included    EUR 0.00  1h30m of corrective work covered by the fee (1h30m of 2h used this month)
	// month  2  included    EUR 0.00  30m of corrective work covered by the fee (2h of 2h used this month)
	// month  2  work       EUR 55.00  15m billed as 30m (per started 30m) at EUR 110.00/h
	// month  5  work      EUR 220.00  2h at EUR 110.00/h
	// total EUR 1715.00 = 12 × EUR 120.00 + EUR 55.00 + EUR 220.00
}

// The same year by the hour, and at a fixed price per job: by the hour the
// customer pays 1h30m + 45m + 2h = 4h15m at EUR 100.00, EUR 425.00; at
// EUR 150.00 a job it pays 3 × 150 = EUR 450.00 however long they take.
func ExampleTimeAndMaterials_Cost() {
	byTheHour := pricing.TimeAndMaterials{Rate: pricing.HourlyRate{
		Rate: money.MustParseMoney("EUR 100.00"), Increment: 15 * time.Minute}}
	perJob := pricing.FixedPrice{Price: money.MustParseMoney("EUR 150.00")}
	for _, p := range []pricing.Plan{byTheHour, perJob} {
		bill, err := p.Cost(officeYear)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-20s %v\n", p.Name(), bill.Total)
	}
	// Output:
	// time and materials   EUR 425.00
	// fixed price          EUR 450.00
}

// A video-meeting service billed per participant a month at volume tiers.
// Graduated: 50 × 4.00 + 70 × 3.00 = EUR 410.00 for 120 participants;
// all-units: the whole 120 at the tier reached, 120 × 3.00 = EUR 360.00.
func ExamplePayPerUse_Cost() {
	tiers := []pricing.Tier{
		{Above: 0, UnitPrice: money.MustParseMoney("EUR 4.00")},
		{Above: 50, UnitPrice: money.MustParseMoney("EUR 3.00")},
		{Above: 500, UnitPrice: money.MustParseMoney("EUR 2.00")},
	}
	month := pricing.RealisedDemand{Months: 1, Units: []int64{120}}
	for _, tp := range []pricing.TierPricing{pricing.Graduated, pricing.AllUnits} {
		bill, err := pricing.PayPerUse{Tiers: tiers, Pricing: tp}.Cost(month)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-9v %v\n", tp, bill.Total)
	}
	// Output:
	// graduated EUR 410.00
	// all-units EUR 360.00
}

// The mean of simulated yearly costs with its 95% interval. For 400, 600,
// 500 and 700: mean 550, sample sd √(50000/3) = 129.1, standard error
// 129.1/2 = 64.5, interval 550 ± 1.96 · 64.5.
func ExampleExpectationOf() {
	e := pricing.ExpectationOf([]float64{400, 600, 500, 700}, 1.96)
	fmt.Printf("%.1f ± %.1f (%.1f – %.1f)\n", e.Mean, e.StdErr, e.Low, e.High)
	// Output:
	// 550.0 ± 64.5 (423.5 – 676.5)
}
