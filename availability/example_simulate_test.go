package availability_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/slacalc/slacalc/availability"
)

// sharedDBShop is a web shop reached through either of two paths, each a
// web server (99%) in front of ONE shared database (99.9%). Exactly,
// A = 0.999 · (1 − 0.01²) = 0.99890001.
func sharedDBShop() *availability.Model {
	m, err := new(availability.Builder).
		Component("db", availability.MustParse("99.9%")).
		Component("web1", availability.MustParse("99%")).
		Component("web2", availability.MustParse("99%")).
		Group("path1", availability.RequireAll, "web1", "db").
		Group("path2", availability.RequireAll, "web2", "db").
		Group("shop", availability.RequireAny, "path1", "path2").
		Build()
	if err != nil {
		panic(err)
	}
	return m
}

// A time simulation of the web shop over 200 seeded years. The components
// without a Process fail exponentially with a 4 h mean repair, so the
// database (99.9%) fails every 4 h · 0.999/0.001 = 3996 h on average and a
// web server every 396 h. Each run is one year, so the interval is over 200
// independent yearly figures; it agrees with the exact 99.89001%. The
// monthly maintenance of the database adds 12 × 30 min = 6 h of planned
// downtime a year (cycles at 0, 730 h, …, 8030 h), 6 / 8760 ≈ 0.068%.
func ExampleModel_Simulate() {
	m := sharedDBShop()
	sim, err := m.Simulate(context.Background(), availability.SimulationConfig{
		Node: "shop",
		Processes: map[string]availability.Process{
			"db": {
				Failure:     availability.Exponential(3996),
				Repair:      availability.Exponential(4),
				Maintenance: availability.Maintenance{Every: 730 * time.Hour, Duration: 30 * time.Minute},
			},
		},
		RepairTime: 4 * time.Hour,
		Horizon:    365 * 24 * time.Hour,
		Runs:       200,
		Seed:       1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	exact, _ := m.Availability("shop")
	unplanned, _ := sim.Availability(0.95, false)
	all, _ := sim.Availability(0.95, true)
	fmt.Printf("exact                %v\n", exact)
	fmt.Printf("simulated, unplanned %.2f (95%%: %.2f – %.2f) over %d years\n",
		unplanned.Availability, unplanned.Low, unplanned.High, unplanned.Samples)
	fmt.Printf("simulated, with maintenance %.2f\n", all.Availability)
	fmt.Printf("planned downtime in the first year: %v\n", sim.Runs[0].Planned.Round(time.Hour))
	// Output:
	// exact                99.89001%
	// simulated, unplanned 99.90% (95%: 99.89% – 99.91%) over 200 years
	// simulated, with maintenance 99.83%
	// planned downtime in the first year: 6h0m0s
}

// Monte Carlo sampling of the components' states: the fallback for graphs
// whose exact diagram is too large. With 65,536 samples (16 batches of
// 4096) the interval brackets the exact 99.89001%; its half-width is about
// 1.96 · √(0.0011 · 0.9989 / 65536) ≈ 0.025%.
func ExampleModel_MonteCarlo() {
	m := sharedDBShop()
	est, err := m.MonteCarlo(context.Background(), "shop", availability.MonteCarloConfig{
		Seed:       1,
		MaxSamples: 1 << 16,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	exact, _ := m.Availability("shop")
	fmt.Printf("exact     %v\n", exact)
	fmt.Printf("estimated %.2f (95%%: %.2f – %.2f) from %d samples\n", est.Availability, est.Low, est.High, est.Samples)
	fmt.Println("bracketed:", est.Low.Compare(exact) <= 0 && exact.Compare(est.High) <= 0)
	// Output:
	// exact     99.89001%
	// estimated 99.91% (95%: 99.88% – 99.93%) from 65536 samples
	// bracketed: true
}

// The web shop's weak point: the database alone takes it down, and both
// paths need it.
func ExampleModel_SinglePointsOfFailure() {
	m := sharedDBShop()
	spof, err := m.SinglePointsOfFailure(context.Background(), "shop")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("single points of failure:", spof)
	deps, _ := m.Dependants("db")
	fmt.Println("db is needed by:", deps)
	// Output:
	// single points of failure: [db]
	// db is needed by: [path1 path2]
}

// Evaluate under each assumption. Independent is exact: 0.999 · (1 − 0.01²)
// = 99.89001%. The bounds are taken node by node: in the worst case a path
// is 1 − 0.01 − 0.001 = 98.9% and the two paths fail together; in the best
// case a path is 99% and the two paths (U = 0.01 each) need never be down
// at the same time, so the bound is 100%. Node-by-node bounds are valid
// but not sharp: the shared database makes 99.9% the true best case.
func ExampleModel_Evaluate() {
	m := sharedDBShop()
	for _, as := range []availability.Assumption{availability.Independent, availability.WorstCase, availability.BestCase} {
		a, err := m.Evaluate(context.Background(), "shop", as)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-11v %v\n", as, a)
	}
	// Output:
	// independent 99.89001%
	// worst-case  98.9%
	// best-case   100%
}

// Several nodes in one shared diagram: a path is 0.99 · 0.999 = 98.901%.
func ExampleModel_AvailabilityOf() {
	m := sharedDBShop()
	as, err := m.AvailabilityOf(context.Background(), "path1", "shop")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("path", as[0])
	fmt.Println("shop", as[1])
	// Output:
	// path 98.901%
	// shop 99.89001%
}

// A node budget too small for the diagram: the evaluation stops with a
// *BudgetError that still carries certified bounds. The shop needs 2 of 3
// web servers, and each server needs two of three databases in a ring, so
// every pair of servers shares a database: no rewrite separates them, and
// the BDD is needed. The bounds are the worst case (the parts' downtimes
// never overlap) tightened by the part of the diagram that was done, and
// the best case; the exact value (99.67058921063%, checked by enumerating
// the 64 states in exact fractions) lies between them.
func ExampleModel_WithNodeBudget() {
	m, err := new(availability.Builder).
		Component("db1", availability.MustParse("99.9%")).
		Component("db2", availability.MustParse("99.9%")).
		Component("db3", availability.MustParse("99.9%")).
		Service("web1", availability.MustParse("99%"), availability.RequireAll, "db1", "db2").
		Service("web2", availability.MustParse("99%"), availability.RequireAll, "db2", "db3").
		Service("web3", availability.MustParse("99%"), availability.RequireAll, "db3", "db1").
		Group("shop", availability.RequireAtLeast(2), "web1", "web2", "web3").
		Build()
	if err != nil {
		panic(err)
	}
	_, err = m.WithNodeBudget(8).Evaluate(context.Background(), "shop", availability.Independent)
	var be *availability.BudgetError
	if errors.As(err, &be) {
		fmt.Println(err)
		fmt.Println("over budget:", errors.Is(err, availability.ErrBudget))
		fmt.Println("bounds:", be.Lower, be.Upper)
	}
	exact, _ := m.Availability("shop")
	fmt.Println("exact:", exact)
	// Output:
	// availability: exact evaluation of "shop" stopped after 8 BDD nodes (budget 8), 3 of 4 gates compiled: node budget exceeded; the result lies in [98.2%, 99.985650331942%]
	// over budget: true
	// bounds: 98.2% 99.985650331942%
	// exact: 99.67058921063%
}
