package proposal_test

import (
	"context"
	"fmt"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/proposal"
	"github.com/slacalc/slacalc/sla"
)

// Loading reports every problem of a document at once, each at its place.
func ExampleParse() {
	_, err := proposal.Parse([]byte(`{
	  "service": "shop",
	  "components": [
	    {"name": "app", "availability": "101%"},
	    {"name": "shop", "dependsOn": ["app", "db"]}
	  ],
	  "suppliers": [{"name": "NetCo", "components": ["network"]}],
	  "demand": {"incidentsPerYear": -2, "hoursPerIncident": "fixed(2)"}
	}`))
	fmt.Println(err)
	// Output:
	// proposal: components[0].availability: "101%" is above 100%
	// proposal: components[1].dependsOn: depends on unknown node "db"
	// proposal: offer: the proposal needs the terms offered
	// proposal: suppliers[0].terms: supplier "NetCo" has no terms
	// proposal: models: a demand profile needs service models to compare
	// proposal: demand.incidentsPerYear: -2 must be a finite rate ≥ 0
}

// The forum question as a proposal built in Go: an application at 99% over
// a network at 99.6%, offered at 98.6% a month. Independent failures give
// 98.604%, the worst case exactly 98.6%: the offer is safe, just. By hand:
// U = 1 − 0.99·0.996 = 0.01396, 603.07 of 43,200 minutes = 10h3m4s; without
// app failures U = 0.004, so app costs 0.00996 (7h10m16s, 71%); in the worst
// case U = 0.01 + 0.004 = 0.014 = the budget, 10h4m48s.
func ExampleProposal_Verdict() {
	m, err := new(availability.Builder).
		Component("app", availability.MustParse("99%")).
		Component("network", availability.MustParse("99.6%")).
		Group("service", availability.RequireAll, "app", "network").
		Build()
	if err != nil {
		panic(err)
	}
	p := &proposal.Proposal{
		Service: "service", Model: m,
		Offer: contract.Terms{
			Effective: time.Date(2027, time.January, 1, 0, 0, 0, 0, time.UTC),
			Fee:       money.MustParseMoney("EUR 2000.00"),
			Objective: sla.Objective{Target: availability.MustParse("98.6%"), Period: sla.Month},
		},
	}
	for _, as := range []availability.Assumption{availability.Independent, availability.WorstCase} {
		v, err := p.Verdict(context.Background(), as)
		if err != nil {
			panic(err)
		}
		fmt.Println(v)
	}
	// Output:
	// offer 98.6% per 30-day month is covered under independent: composite 98.604% (budget 10h4m48s per 30-day month, design uses 10h3m4s); largest contributors: app 7h10m16s (71%), network 2h51m4s (28%)
	// offer 98.6% per 30-day month is covered under worst-case: composite 98.6% (budget 10h4m48s per 30-day month, design uses 10h4m48s); largest contributors: app 7h12m0s (71%), network 2h52m48s (29%)
}

// Many nines stay many nines: two 99.9999% parts in parallel are
// 99.9999999999%, not "100%": U = 10⁻¹², 31.536µs in a 365-day year.
func ExampleProposal_Verdict_manyNines() {
	six := availability.MustParse("99.9999%")
	m, err := new(availability.Builder).
		Component("a", six).Component("b", six).
		Group("pair", availability.RequireAny, "a", "b").
		Build()
	if err != nil {
		panic(err)
	}
	p := &proposal.Proposal{
		Service: "pair", Model: m,
		Offer: contract.Terms{
			Effective: time.Date(2027, time.January, 1, 0, 0, 0, 0, time.UTC),
			Fee:       money.MustParseMoney("EUR 1.00"),
			Objective: sla.Objective{Target: availability.MustParse("99.99999999%"), Period: sla.Year},
		},
	}
	v, err := p.Verdict(context.Background(), availability.Independent)
	if err != nil {
		panic(err)
	}
	fmt.Println(v.Composite, v.Covered, v.Uses)
	// Output:
	// 99.9999999999% true 31.536µs
}
