package proposaltest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/proposal"
	"github.com/slacalc/slacalc/contract/proposal/proposaltest"
	"github.com/slacalc/slacalc/sla"
)

// TestOurOffer is the kind of test an engineer keeps next to a proposal:
// it fails when a change to the graph, the offer or a supplier's terms
// makes the offer unsafe.
func TestOurOffer(t *testing.T) {
	p := proposaltest.Load(t, "testdata/offer.json")
	proposaltest.CheckOffer(t, p, proposaltest.Requirements{
		Assumption:       availability.Independent,            // the design, as an engineering estimate
		SuppliersCover:   true,                                // and what we are promised, guaranteed
		MaxCreditPerYear: money.MustParseMoney("EUR 3000.00"), // simulated: about EUR 2000
	})
}

// printer is a testing.TB for the example that prints what a test would
// report.
type printer struct{ testing.TB }

func (printer) Helper()                           {}
func (printer) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }

// A shop promised at 99.9% a month looks safe under independent failures,
// but in the worst case the web servers' redundancy guarantees nothing: each
// of them alone uses more than the whole budget.
func ExampleCheckOffer() {
	pct := availability.MustParse
	m, err := new(availability.Builder).
		Component("network", pct("99.98%")).
		Component("web1", pct("99.5%")).Component("web2", pct("99.5%")).
		Group("web", availability.RequireAny, "web1", "web2").
		Component("db", pct("99.95%")).
		Group("shop", availability.RequireAll, "network", "web", "db").
		Build()
	if err != nil {
		panic(err)
	}
	p := &proposal.Proposal{
		Name: "web shop", Service: "shop", Model: m,
		Offer: contract.Terms{
			Effective: time.Date(2027, time.January, 1, 0, 0, 0, 0, time.UTC),
			Fee:       money.MustParseMoney("EUR 1000.00"),
			Objective: sla.Objective{Target: pct("99.9%"), Period: sla.Month},
		},
	}
	var t printer // in a test: t *testing.T
	fmt.Println(proposaltest.CheckOffer(t, p, proposaltest.Requirements{}))
	proposaltest.CheckOffer(t, p, proposaltest.Requirements{Assumption: availability.WorstCase})
	// Output:
	// true
	// proposal "web shop": offer 99.9% per 30-day month is not covered under worst-case: composite 99.43%
	//     budget 43m12s per 30-day month, design uses 4h6m14s: 3h23m2s over
	//     component  downtime  share
	//     web1       3h36m0s   88%  alone over budget
	//     web2       3h36m0s   88%  alone over budget
	//     db         21m36s    9%
	//     network    8m38s     4%
}
