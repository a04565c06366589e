package proposal_test

import (
	"context"
	"fmt"
	"time"

	"github.com/slacalc/slacalc/contract/proposal"
	"github.com/slacalc/slacalc/sla"
)

// Downtime figures of a proposal are given over fixed period lengths.
func ExampleConvention() {
	for _, u := range []sla.Unit{sla.Day, sla.Month, sla.Year, sla.Window} {
		c := proposal.Convention(u)
		fmt.Printf("%-6v %v (%v)\n", u, c, c.Length())
	}
	// Output:
	// day    24-hour day (24h0m0s)
	// month  30-day month (720h0m0s)
	// year   365-day year (8760h0m0s)
	// window 30-day month (720h0m0s)
}

// The proposal as a contract.SupplyChain, for the checks of package
// contract: here its coverage of a week of support.
func ExampleProposal_SupplyChain() {
	p, err := proposal.Parse([]byte(webShopOffer))
	if err != nil {
		fmt.Println(err)
		return
	}
	chain := p.SupplyChain()
	fmt.Println(chain.Service, "with", len(chain.Suppliers), "suppliers")
	cov, err := chain.Coverage(context.Background(), time.Date(2027, time.January, 4, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("target", cov.Target, "worst case", cov.WorstCase, "covered:", cov.CoveredWorstCase)
	// Output:
	// shop with 2 suppliers
	// target 98.5% worst case 98.6% covered: true
}
