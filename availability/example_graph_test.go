package availability_test

import (
	"context"
	"fmt"

	"github.com/slacalc/slacalc/availability"
)

func ExampleBuilder() {
	// Two web servers of which one suffices, both needing one database. The
	// database is ONE part, shared, not a copy per path.
	var b availability.Builder
	b.Component("db", availability.MustParse("99.9%")).
		Component("web1", availability.MustParse("99%")).
		Component("web2", availability.MustParse("99%")).
		Group("web", availability.RequireAny, "web1", "web2").
		Group("shop", availability.RequireAll, "web", "db")
	m, err := b.Build()
	if err != nil {
		panic(err)
	}
	a, _ := m.Availability("shop")
	fmt.Println(a)
	// Output: 99.89001%
}

func ExampleBuilder_Build_errors() {
	var b availability.Builder
	b.Component("db", availability.MustParse("99.9%")).
		Group("api", availability.RequireAll, "db", "cache").
		Group("a", availability.RequireAll, "b").
		Group("b", availability.RequireAll, "a")
	_, err := b.Build()
	fmt.Println(err)
	// Output:
	// availability: node "api" depends on unknown node "cache"
	// availability: node "a" is on a dependency cycle: a → b → a
}

func ExampleModel_Availability_sharedDatabase() {
	// The naive calculation copies the database into both paths.
	web, db := availability.MustParse("99%"), availability.MustParse("99.9%")
	path, _ := availability.Series(web, db)
	naive, _ := availability.Parallel(path, path)

	var b availability.Builder
	b.Component("db", db).Component("web1", web).Component("web2", web).
		Group("path1", availability.RequireAll, "web1", "db").
		Group("path2", availability.RequireAll, "web2", "db").
		Group("shop", availability.RequireAny, "path1", "path2")
	m, _ := b.Build()
	exact, _ := m.Availability("shop")
	fmt.Println("naive:", naive)
	fmt.Println("exact:", exact)
	// Output:
	// naive: 99.98792199%
	// exact: 99.89001%
}

func ExampleModel_Availability_bridge() {
	// A bridge network is not series-parallel; p = 99% for every part gives
	// R = 2p² + 2p³ − 5p⁴ + 2p⁵
	//   = 1.9602 + 1.940598 − 4.80298005 + 1.9019800998 = 0.9997980498.
	p := availability.MustParse("99%")
	var b availability.Builder
	for _, n := range []string{"A", "B", "C", "D", "E"} {
		b.Component(n, p)
	}
	b.Group("AD", availability.RequireAll, "A", "D").
		Group("BE", availability.RequireAll, "B", "E").
		Group("ACE", availability.RequireAll, "A", "C", "E").
		Group("BCD", availability.RequireAll, "B", "C", "D").
		Group("bridge", availability.RequireAny, "AD", "BE", "ACE", "BCD")
	m, _ := b.Build()
	a, _ := m.Availability("bridge")
	fmt.Println(a)
	// Output: 99.97980498%
}

func ExampleModel_Bounds() {
	var b availability.Builder
	b.Component("app", availability.MustParse("99%")).
		Component("network", availability.MustParse("99.6%")).
		Group("service", availability.RequireAll, "app", "network")
	m, _ := b.Build()
	bounds, _ := m.Bounds(context.Background(), "service")
	fmt.Println(bounds.Worst, bounds.Independent, bounds.Best)
	// Output: 98.6% 98.604% 99%
}

// webShop is a small shop: network 99.95%, DNS and load balancer 99.99%,
// two 99.5% application servers (one suffices) and a 99.9% database pair.
// By hand: U(app) = 0.005² = 2.5e-5, U(db) = 0.001² = 1e-6, so
// A = 0.9995 · 0.9999² · (1 − 2.5e-5) · (1 − 1e-6) = 0.99927412822, and the
// rest without the network is A/0.9995 = 0.99977401522.
func webShop() *availability.Model {
	var b availability.Builder
	b.Component("network", availability.MustParse("99.95%")).
		Component("dns", availability.MustParse("99.99%")).
		Component("lb", availability.MustParse("99.99%")).
		Component("app1", availability.MustParse("99.5%")).
		Component("app2", availability.MustParse("99.5%")).
		Component("db-primary", availability.MustParse("99.9%")).
		Component("db-replica", availability.MustParse("99.9%")).
		Group("app", availability.RequireAny, "app1", "app2").
		Group("db", availability.RequireAny, "db-primary", "db-replica").
		Group("shop", availability.RequireAll, "network", "dns", "lb", "app", "db")
	m, err := b.Build()
	if err != nil {
		panic(err)
	}
	return m
}

func ExampleModel_Importance() {
	// Network: Birnbaum = A/0.9995 = 0.99977, criticality = B·5e-4/U with
	// U = 7.2587e-4 → 0.689, RAW = 1/U = 1378. DNS: B = A/0.9999 = 0.99937,
	// criticality = B·1e-4/U = 0.138.
	m := webShop()
	imps, _ := m.Importance(context.Background(), "shop")
	for _, imp := range imps[:3] {
		fmt.Printf("%-10s criticality %.3f  Birnbaum %.4f  RAW %.0f\n",
			imp.Component, imp.Criticality, imp.Birnbaum, imp.RiskAchievement)
	}
	// Output:
	// network    criticality 0.689  Birnbaum 0.9998  RAW 1378
	// dns        criticality 0.138  Birnbaum 0.9994  RAW 1378
	// lb         criticality 0.138  Birnbaum 0.9994  RAW 1378
}

func ExampleModel_MinimalCutSets() {
	m := webShop()
	sets, _ := m.MinimalCutSets(context.Background(), "shop", 5)
	for _, s := range sets {
		fmt.Printf("%v %.2g\n", s.Components, s.Unavailability)
	}
	// Output:
	// [network] 0.0005
	// [dns] 0.0001
	// [lb] 0.0001
	// [app1 app2] 2.5e-05
	// [db-primary db-replica] 1e-06
}

func ExampleModel_Allocate() {
	// What must the network supplier promise for the shop to offer 99.9%?
	// A_network · 0.99977401522 ≥ 0.999 ⇒ A_network ≥ 0.9992258…; with a
	// perfect network the shop reaches 0.99977401522 at most.
	m := webShop()
	need, err := m.Allocate(context.Background(), "shop", "network", availability.MustParse("99.9%"))
	if err != nil {
		panic(err)
	}
	fmt.Printf("network must reach at least %.4f%%\n", need.Percent())
	_, err = m.Allocate(context.Background(), "shop", "network", availability.MustParse("99.99%"))
	fmt.Println(err)
	// Output:
	// network must reach at least 99.9226%
	// availability: node "shop" cannot reach 99.99% through "network": even with "network" at 100% it reaches 99.9774015224735%
}

func ExampleModel_WhatIf() {
	// 0.99927412822 before; 0.9999 · 0.99977401522 = 0.99967403782 after.
	m := webShop()
	before, _ := m.Availability("shop")
	better, _ := m.WhatIf(map[string]availability.Availability{"network": availability.MustParse("99.99%")})
	after, _ := better.Availability("shop")
	fmt.Printf("%.4f%% → %.4f%%\n", before.Percent(), after.Percent())
	// Output: 99.9274% → 99.9674%
}

func ExampleModel_Mermaid() {
	var b availability.Builder
	b.Component("db", availability.MustParse("99.9%")).
		Component("app", availability.MustParse("99.5%")).
		Group("svc", availability.RequireAll, "app", "db")
	m, _ := b.Build()
	// U = 1 − 0.999·0.995 = 0.005995; criticality of db 0.995·0.001/U = 0.166,
	// of app 0.999·0.005/U = 0.833; both are single points of failure.
	chart, _ := m.Mermaid(context.Background(), "svc")
	fmt.Print(chart)
	// Output:
	// flowchart TD
	//     n0["db<br/>99.9%<br/>criticality 0.166<br/>single point of failure"]
	//     n1["app<br/>99.5%<br/>criticality 0.833<br/>single point of failure"]
	//     n2["svc<br/>all of 2<br/>99.4005%"]
	//     n2 --> n1
	//     n2 --> n0
	//     classDef spof fill:#fdd,stroke:#c00,stroke-width:2px
	//     classDef root fill:#def,stroke:#036,stroke-width:2px
	//     class n0 spof
	//     class n1 spof
	//     class n2 root
}

func ExampleModel_AllocateUnder() {
	// In the worst case the shop's redundant pairs are only as good as one
	// member: U = U_network + 1e-4 (dns) + 1e-4 (lb) + 0.005 (app) + 0.001 (db).
	// To guarantee 99% the network may miss at most 0.01 − 0.0062 = 0.0038.
	m := webShop()
	need, err := m.AllocateUnder(context.Background(), "shop", "network", availability.MustParse("99%"), availability.WorstCase)
	if err != nil {
		panic(err)
	}
	fmt.Printf("guaranteed 99%%: network at least %.2f%%\n", need.Percent())
	_, err = m.AllocateUnder(context.Background(), "shop", "network", availability.MustParse("99.9%"), availability.WorstCase)
	fmt.Println(err != nil)
	// Output:
	// guaranteed 99%: network at least 99.62%
	// true
}
