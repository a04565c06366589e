// Command webshop walks through a small web shop's dependency graph: why a
// shared database must not be copied into each path, how a non-series-
// parallel network is evaluated, which parts are the weakest links, and
// what the network supplier must promise for the shop to offer 99.9%.
//
//	go run ./examples/webshop
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/slacalc/slacalc/availability"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "webshop:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	ctx := context.Background()
	pct := availability.MustParse

	// 1. Shared database: exact versus the naive copy-per-path answer.
	var shared availability.Builder
	shared.Component("db", pct("99.9%")).
		Component("web1", pct("99%")).Component("web2", pct("99%")).
		Group("path1", availability.RequireAll, "web1", "db").
		Group("path2", availability.RequireAll, "web2", "db").
		Group("site", availability.RequireAny, "path1", "path2")
	sm, err := shared.Build()
	if err != nil {
		return err
	}
	exact, err := sm.Availability("site")
	if err != nil {
		return err
	}
	path, _ := availability.Series(pct("99%"), pct("99.9%"))
	naive, _ := availability.Parallel(path, path)
	fmt.Fprintln(w, "Two 99% web servers in parallel over one 99.9% database")
	fmt.Fprintf(w, "  naive (database copied into each path): %s\n", naive)
	fmt.Fprintf(w, "  exact (one database, shared):           %s\n\n", exact)

	// 2. A bridge network between two sites: not series-parallel.
	var br availability.Builder
	for _, n := range []string{"A", "B", "C", "D", "E"} {
		br.Component(n, pct("99%"))
	}
	br.Group("AD", availability.RequireAll, "A", "D").Group("BE", availability.RequireAll, "B", "E").
		Group("ACE", availability.RequireAll, "A", "C", "E").Group("BCD", availability.RequireAll, "B", "C", "D").
		Group("bridge", availability.RequireAny, "AD", "BE", "ACE", "BCD")
	bm, err := br.Build()
	if err != nil {
		return err
	}
	bridge, err := bm.Availability("bridge")
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Bridge network of five 99%% links: %s (2p² + 2p³ − 5p⁴ + 2p⁵)\n\n", bridge)

	// 3. The web shop.
	var b availability.Builder
	b.Component("network", pct("99.95%")).
		Component("dns", pct("99.99%")).
		Component("lb", pct("99.99%")).
		Component("app1", pct("99.5%")).Component("app2", pct("99.5%")).
		Component("db-primary", pct("99.9%")).Component("db-replica", pct("99.9%")).
		Group("app", availability.RequireAny, "app1", "app2").
		Group("db", availability.RequireAny, "db-primary", "db-replica").
		Group("shop", availability.RequireAll, "network", "dns", "lb", "app", "db")
	m, err := b.Build()
	if err != nil {
		return err
	}
	bounds, err := m.Bounds(ctx, "shop")
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Web shop: network, DNS, load balancer, two app servers, a database pair")
	fmt.Fprintf(w, "  independent %s   worst case %s   best case %s\n", bounds.Independent, bounds.Worst, bounds.Best)
	imps, err := m.Importance(ctx, "shop")
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "  weakest links (criticality: share of the shop's downtime they cause)")
	for _, imp := range imps {
		fmt.Fprintf(w, "    %-11s %6.1f%%   risk achievement worth %6.0f\n", imp.Component, 100*imp.Criticality, imp.RiskAchievement)
	}
	spof, err := m.SinglePointsOfFailure(ctx, "shop")
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  single points of failure: %v\n", spof)
	target := pct("99.9%")
	need, err := m.Allocate(ctx, "shop", "network", target)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nTo offer %s the network supplier must promise at least %.4f%%.\n", target, need.Percent())
	if _, err := m.Allocate(ctx, "shop", "network", pct("99.99%")); err != nil {
		fmt.Fprintf(w, "To offer 99.99%% no network will do: %v\n", err)
	}
	return nil
}
