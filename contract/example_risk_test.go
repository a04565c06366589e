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

// What a 99.9% monthly promise on a single web server costs in credits. The
// server fails about every 2000 h and is back after exactly 2 hours, so
// every month with a failure misses 99.9% (a 30-day month allows 43.2 min)
// and earns 10% of EUR 1000.00. By hand: a month of T hours earns a credit
// unless the server is up at its start (2000/2002) and does not fail
// (exp(−T/2000)), about 1 − 0.999 · e^(−0.365) ≈ 30.6% of months, so
// 12 × 30.6% × EUR 100 ≈ EUR 367 a year. The 25% tier (below 99%, 7.2 h)
// needs four failures in one month, which 3600 simulated months never saw.
func ExampleCreditRisk() {
	m, err := new(availability.Builder).Component("web", availability.MustParse("99.9%")).Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	start, _ := sla.CalendarMonth(2027, time.January, time.UTC)
	risk, err := contract.CreditRisk(context.Background(), contract.CreditRiskConfig{
		Model: m, Node: "web",
		Processes: map[string]availability.Process{"web": {
			Failure: availability.Exponential(2000),
			Repair:  availability.Fixed(2),
		}},
		Start: start,
		Schedule: contract.CreditSchedule{Tiers: []contract.CreditTier{
			{Upper: contract.Below(money.MustParseShare("99.9%")), Lower: contract.AtLeast(money.Percent(99)), Credit: money.Percent(10)},
			{Upper: contract.Below(money.Percent(99)), Lower: contract.AtLeast(money.Percent(0)), Credit: money.Percent(25)},
		}},
		Fee:   money.MustParseMoney("EUR 1000.00"),
		Years: 300,
		Seed:  1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d years, %d months simulated\n", risk.Years, risk.Periods)
	fmt.Printf("a month earns a credit with probability %.0f%%\n", 100*risk.CreditProbability.Mean)
	for _, t := range risk.Tiers {
		fmt.Printf("  %v: %.1f%%\n", t.Tier, 100*t.Probability.Mean)
	}
	fmt.Printf("expected credit a year EUR %.0f (95%%: %.0f – %.0f)\n",
		risk.CreditPerYear.Mean, risk.CreditPerYear.Low, risk.CreditPerYear.High)
	fmt.Println("median year", risk.YearlyP50, "| 1 year in 100 above", risk.YearlyP99)
	// Output:
	// 300 years, 3600 months simulated
	// a month earns a credit with probability 30%
	//   < 99.9% and >= 99% → 10%: 30.1%
	//   < 99% and >= 0% → 25%: 0.0%
	// expected credit a year EUR 362 (95%: 343 – 382)
	// median year EUR 300.00 | 1 year in 100 above EUR 800.00
}
