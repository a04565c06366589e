package main

import (
	"bytes"
	"testing"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/proposal"
	"github.com/slacalc/slacalc/contract/proposal/proposaltest"
)

// TestOurOffer keeps the offer honest: it fails, with a breakdown of the
// parts that use the budget, when a change to proposal.json makes the offer
// unsafe. The web pair's redundancy only counts under independence, so the
// design is checked as an estimate; what we are promised must cover the
// offer whatever the correlation of failures.
func TestOurOffer(t *testing.T) {
	p, err := proposal.Load(bytes.NewReader(webshop))
	if err != nil {
		t.Fatal(err)
	}
	proposaltest.CheckOffer(t, p, proposaltest.Requirements{
		Assumption:       availability.Independent,
		SuppliersCover:   true,
		MaxCreditPerYear: money.MustParseMoney("EUR 3000.00"),
	})
}
