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

func ExampleSupplyChain_Coverage() {
	// We promise 99.5% on a service that needs an application hosted by
	// one supplier (99%) and a network from another (99.6%).
	model, err := new(availability.Builder).
		Component("app", availability.MustParse("99%")).
		Component("network", availability.MustParse("99.6%")).
		Group("service", availability.RequireAll, "app", "network").
		Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	terms := func(fee, target string) contract.Terms {
		return contract.Terms{
			Effective: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
			Fee:       money.MustParseMoney(fee),
			Objective: sla.Objective{Target: availability.MustParse(target), Period: sla.Month},
		}
	}
	chain := contract.SupplyChain{
		Terms:   terms("EUR 20000.00", "99.5%"),
		Model:   model,
		Service: "service",
		Suppliers: []contract.Supplier{
			{Name: "AppHost", Terms: terms("EUR 6000.00", "99%"), Components: []string{"app"}},
			{Name: "NetCo", Terms: terms("EUR 2000.00", "99.6%"), Components: []string{"network"}},
		},
	}
	cov, err := chain.Coverage(context.Background(), time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("our target %v\n", cov.Target)
	fmt.Printf("independent %v covered: %v\n", cov.Independent, cov.CoveredIndependent)
	fmt.Printf("worst case  %v covered: %v\n", cov.WorstCase, cov.CoveredWorstCase)
	for _, a := range cov.Allocations {
		if !a.Reachable {
			fmt.Printf("%s (%s): no promise of %s is enough\n", a.Supplier, a.Component, a.Component)
			continue
		}
		fmt.Printf("%s (%s) promises %v, would need %.4f%%\n", a.Supplier, a.Component, a.Promised, a.Required.Percent())
	}
	// Output:
	// our target 99.5%
	// independent 98.604% covered: false
	// worst case  98.6% covered: false
	// AppHost (app) promises 99%, would need 99.8996%
	// NetCo (network): no promise of network is enough
}
