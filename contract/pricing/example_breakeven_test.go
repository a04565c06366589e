package pricing_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"
)

// An office IT provider offers break/fix at EUR 95.00 an hour per started
// hour plus EUR 40.00 call-out, or a EUR 150.00 monthly subscription. With
// incidents of 1.5 hours a call costs 2 × 95 + 40 = EUR 230.00 (billed as
// 2 hours), so the two break even at 12 × 150 / 230 = 7.83 incidents a
// year, solved in closed form. A subscription that covers only 2 hours a
// month (overage at EUR 120.00 an hour) has no closed form and is found by
// bisection on the seeded simulation. To check it by hand at λ = 10 (μ = 10/12
// incidents a month): a month with n incidents bills ⌈1.5n − 2⌉ overage
// hours, E ≈ 1·P(2) + 3·P(3) + 4·P(4) + … ≈ 0.32 h, so the subscription costs
// about 1800 + 12 · 0.32 · 120 ≈ EUR 2262, break/fix 10 · 230 = EUR 2300:
// the curves cross a little below 10. 400 trials keep the example fast; more
// make the crossing finer.
func ExampleBreakEven() {
	breakFix := pricing.BreakFix{Rate: pricing.HourlyRate{
		Rate: money.MustParseMoney("EUR 95.00"), Increment: time.Hour, CallOut: money.MustParseMoney("EUR 40.00")}}
	unlimited := pricing.Subscription{Label: "unlimited", Fee: money.MustParseMoney("EUR 150.00"), Unlimited: true}
	limited := pricing.Subscription{Label: "2 h a month", Fee: money.MustParseMoney("EUR 150.00"), IncludedHours: 2 * time.Hour,
		Overage: pricing.HourlyRate{Rate: money.MustParseMoney("EUR 120.00"), Increment: time.Hour}}
	profile := pricing.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: availability.Fixed(1.5)}
	ctx := context.Background()
	for _, sub := range []pricing.Subscription{unlimited, limited} {
		be, err := pricing.BreakEven(ctx, profile, breakFix, sub, pricing.CompareOptions{Seed: 1, Trials: 400})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-11s break-even at %.1f incidents a year, EUR %.0f a year (closed form %v)\n",
			sub.Name(), be.IncidentsPerYear, be.Cost, be.ClosedForm)
	}
	// A subscription dearer per incident than break/fix never catches up.
	pricey := pricing.Subscription{Label: "pricey", Fee: money.MustParseMoney("EUR 150.00"),
		Overage: pricing.HourlyRate{Rate: money.MustParseMoney("EUR 200.00"), Increment: time.Hour}}
	_, err := pricing.BreakEven(ctx, profile, breakFix, pricey, pricing.CompareOptions{})
	fmt.Println(errors.Is(err, pricing.ErrNoBreakEven))
	// Output:
	// unlimited   break-even at 7.8 incidents a year, EUR 1800 a year (closed form true)
	// 2 h a month break-even at 9.8 incidents a year, EUR 2245 a year (closed form false)
	// true
}
