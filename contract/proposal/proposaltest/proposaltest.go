// Package proposaltest turns an SLA proposal into a Go test, in the spirit
// of net/http/httptest: a test that fails, with a readable breakdown, when a
// change to the architecture or to the terms makes the offer unsafe.
//
//	func TestOurOffer(t *testing.T) {
//		p := proposaltest.Load(t, "testdata/offer.json")
//		proposaltest.CheckOffer(t, p, proposaltest.Requirements{
//			Assumption:       availability.WorstCase,
//			MaxCreditPerYear: money.MustParseMoney("EUR 2500.00"),
//		})
//	}
//
// A failure reads, for example:
//
//	offer 99.9% per 30-day month is not covered under worst-case: composite 99.42%
//	    budget 43m12s per 30-day month, design uses 4h10m34s: 3h27m22s over
//	    component  downtime  share
//	    web1       3h36m0s   86%
//	    …
//
// Every helper takes a testing.TB, so it works in tests and benchmarks and
// can itself be tested with a fake TB.
package proposaltest

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/proposal"
	"github.com/slacalc/slacalc/sla"
)

// Requirements say what an offer must satisfy. The zero Requirements check only that
// the design covers the offered target under independent failures.
type Requirements struct {
	// Assumption is the assumption under which the design, with the
	// components' availabilities of the graph, must reach the offered
	// target. The zero value is availability.Independent, the engineering
	// estimate; availability.WorstCase demands what a contract can
	// guarantee whatever the correlation of failures.
	Assumption availability.Assumption
	// SuppliersCover demands that the suppliers' availability targets
	// cover the offer in the worst case (proposal.Cover.Gaps is empty).
	SuppliersCover bool
	// ResponsesFit demands that the suppliers' response and resolution
	// targets end no later than ours (proposal.Cover.ResponseGaps is empty).
	ResponsesFit bool
	// MaxCreditPerYear, if not zero, bounds the simulated expected credit a
	// year (proposal.Proposal.CreditRisk), in the offer's currency.
	MaxCreditPerYear money.Money
	// MaxMissProbability, if positive, bounds the simulated probability
	// that a period is measured below the offered target (contract.Risk's
	// MissProbability, in the offer's calendar), a fraction such as 0.05:
	// "covered in expectation" is not enough if one month in three misses.
	// The bound applies to the upper end of the 95% interval, so that the
	// simulation's own error cannot pass an offer that misses too often.
	MaxMissProbability float64
	// Context is used for the evaluations; nil means context.Background().
	Context context.Context
}

// Load reads a proposal file and stops the test with every problem of the
// file if it cannot be loaded.
func Load(t testing.TB, path string) *proposal.Proposal {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("proposal %s: %v", path, err)
		return nil
	}
	defer f.Close()
	p, err := proposal.Load(f)
	if err != nil {
		t.Fatalf("proposal %s does not load:\n%v", path, indent(err.Error()))
		return nil
	}
	return p
}

// CheckOffer reports with t.Errorf every way in which the proposal fails
// opts, each with a breakdown, and reports whether it passed. Invalid
// proposals and evaluation errors are reported with t.Errorf as well.
func CheckOffer(t testing.TB, p *proposal.Proposal, opts Requirements) bool {
	t.Helper()
	fails := check(p, opts)
	for _, f := range fails {
		t.Errorf("%s", f)
	}
	return len(fails) == 0
}

// RequireOffer is CheckOffer that stops the test with t.Fatalf on the first
// report, after listing all of them.
func RequireOffer(t testing.TB, p *proposal.Proposal, opts Requirements) {
	t.Helper()
	fails := check(p, opts)
	if len(fails) > 0 {
		t.Fatalf("%s", strings.Join(fails, "\n"))
	}
}

// check returns the failure messages.
func check(p *proposal.Proposal, opts Requirements) []string {
	if p == nil {
		return []string{"proposal is nil"}
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	name := p.Name
	if name == "" {
		name = p.Service
	}
	prefix := "proposal " + fmt.Sprintf("%q", name) + ": "
	if err := p.Validate(); err != nil {
		return []string{prefix + "invalid:\n" + indent(err.Error())}
	}
	var fails []string
	v, err := p.Verdict(ctx, opts.Assumption)
	if err != nil {
		return []string{prefix + err.Error()}
	}
	if !v.Covered {
		fails = append(fails, prefix+breakdown(v))
	}
	if (opts.SuppliersCover || opts.ResponsesFit) && len(p.Suppliers) > 0 {
		c, err := p.Cover(ctx)
		switch {
		case err != nil:
			fails = append(fails, prefix+err.Error())
		default:
			if opts.SuppliersCover && len(c.Gaps) > 0 {
				fails = append(fails, prefix+"the suppliers do not cover the offer:\n"+indent("- "+strings.Join(c.Gaps, "\n- ")))
			}
			if opts.ResponsesFit && len(c.ResponseGaps) > 0 {
				fails = append(fails, prefix+"the suppliers' response times do not fit inside ours:\n"+indent("- "+strings.Join(c.ResponseGaps, "\n- ")))
			}
		}
	}
	if opts.MaxCreditPerYear != (money.Money{}) || opts.MaxMissProbability > 0 {
		r, err := p.CreditRisk(ctx)
		if err != nil {
			return append(fails, prefix+err.Error())
		}
		if m := r.MissProbability; opts.MaxMissProbability > 0 && m.High > opts.MaxMissProbability {
			fails = append(fails, fmt.Sprintf("%s%.1f%% of periods miss the offered %v (95%% interval %.1f%% – %.1f%%), above the limit of %.1f%%; simulated %d years",
				prefix, 100*m.Mean, v.Target, 100*m.Low, 100*m.High, 100*opts.MaxMissProbability, r.Years))
		}
	}
	if opts.MaxCreditPerYear != (money.Money{}) {
		r, err := p.CreditRisk(ctx)
		if err != nil {
			return append(fails, prefix+err.Error())
		}
		over, err := r.CreditPerYear.Mean.Cmp(opts.MaxCreditPerYear)
		if err != nil {
			return append(fails, prefix+"MaxCreditPerYear: "+err.Error())
		}
		if over > 0 {
			var b strings.Builder
			fmt.Fprintf(&b, "%sexpected credit %v a year (95%% interval %v – %v) is above the limit %v; simulated %d years",
				prefix, r.CreditPerYear.Mean, r.CreditPerYear.Low, r.CreditPerYear.High, opts.MaxCreditPerYear, r.Years)
			for _, tr := range r.Tiers {
				fmt.Fprintf(&b, "\n    %-28s %5.1f%% of months", tr.Tier.String(), 100*tr.Probability.Mean)
			}
			fails = append(fails, b.String())
		}
	}
	return fails
}

// breakdown writes a verdict that is not covered with the components that
// use the budget.
func breakdown(v proposal.Verdict) string {
	var b strings.Builder
	fmt.Fprintf(&b, "offer %v per %s is not covered under %v: composite %v\n", v.Target, v.PeriodText(), v.Assumption, v.Composite)
	if v.Windowed {
		fmt.Fprintf(&b, "    budget %s, design uses %s: %v over\n", v.BudgetText(), v.UsesText(), round(v.Uses-v.Budget))
		if v.Guarantee != nil {
			for _, c := range sortedParts(v.Guarantee.Periods[v.Guarantee.Worst].Parts) {
				for _, why := range c.Reasons {
					fmt.Fprintf(&b, "    %s\n", why)
				}
			}
		}
	} else {
		fmt.Fprintf(&b, "    budget %v per %v, design uses %v: %v over\n", round(v.Budget), v.Convention, round(v.Uses), round(v.Uses-v.Budget))
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "    component\tdowntime\tshare\n")
	for _, c := range v.Contributions {
		mark := ""
		if c.Downtime > v.Budget {
			mark = "\talone over budget"
		}
		fmt.Fprintf(tw, "    %s\t%v\t%.0f%%%s\n", c.Component, round(c.Downtime), 100*c.Share, mark)
	}
	tw.Flush()
	return strings.TrimRight(b.String(), "\n")
}

// sortedParts returns the allowances by name.
func sortedParts(parts map[string]sla.Allowance) []sla.Allowance {
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]sla.Allowance, len(names))
	for i, n := range names {
		out[i] = parts[n]
	}
	return out
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}
