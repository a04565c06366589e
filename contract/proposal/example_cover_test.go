package proposal_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/slacalc/slacalc/contract/proposal"
)

// The same web shop offered at 98.8% instead of 98.5%: the suppliers' 99%
// and 99.6% give 98.604% independently, 98.6% in the worst case, so their
// promises do not cover ours, and the gaps say so in words. In the worst
// case the unavailabilities add up: with the network at 0.4% the app may
// miss 1.2% − 0.4% = 0.8% (99.2%); with the app at 1% the network may miss
// 0.2% (99.8%).
func ExampleProposal_Cover() {
	p, err := proposal.Load(strings.NewReader(strings.ReplaceAll(webShopOffer, "98.5%", "98.8%")))
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := p.Cover(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("covered independently:", c.Coverage.CoveredIndependent, "in the worst case:", c.Coverage.CoveredWorstCase)
	for _, g := range c.Gaps {
		fmt.Println("-", g)
	}
	// Output:
	// covered independently: false in the worst case: false
	// - AppHost (app) promises 99%; the worst case needs 99.2%
	// - NetCo (network) promises 99.6%; the worst case needs 99.8%
	// - with every supplier at its target the service reaches 98.6% in the worst case, below the offered 98.8%
}

// CreditRisk simulates only the credits: the web shop at 98.5%. The
// expected yearly credit is about 12 months × 35% × 10% × EUR 2000 ≈ EUR
// 840, plus the rare 25% month.
func ExampleProposal_CreditRisk() {
	p, err := proposal.Parse([]byte(webShopOffer))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := p.CreditRisk(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d years: expected credit EUR %.0f a year, P90 %v\n", r.Years, r.CreditPerYear.Mean, r.YearlyP90)
	for _, t := range r.Tiers {
		fmt.Printf("  %v: %.1f%% of months\n", t.Tier, 100*t.Probability.Mean)
	}
	// Output:
	// 40 years: expected credit EUR 872 a year, P90 EUR 1200.00
	//   < 98.5% and >= 95% → 10%: 34.8% of months
	//   < 95% and >= 0% → 25%: 0.6% of months
}
