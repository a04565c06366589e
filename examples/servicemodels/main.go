// Command servicemodels answers "is my service contract fair?" for a small
// office with about 6 IT incidents a year, choosing between break/fix, a
// managed monthly fee and a prepaid 20-hour bundle ("strippenkaart").
//
// For each contract it prints the office's expected annual cost and the
// cost it exceeds one year in ten (P90), the provider's expected cost of
// doing the work and its margin, who carries the year-to-year spread, the
// incident rate at which the contract costs as much as break/fix, and the
// bundle hours that expire unused; then a verdict.
//
// The prices are illustrative EUR figures for a small office in the
// Netherlands, not quotes from any provider.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"text/tabwriter"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"
)

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(w io.Writer) error {
	eur := money.MustParseMoney

	breakFix := pricing.BreakFix{Rate: pricing.HourlyRate{
		Rate:      eur("EUR 110.00"),
		Increment: 15 * time.Minute,
		Minimum:   time.Hour,
		CallOut:   eur("EUR 60.00"),
	}}
	managed := pricing.Subscription{
		Label:     "managed monthly",
		Fee:       eur("EUR 135.00"),
		Included:  []pricing.WorkKind{pricing.Corrective, pricing.Preventive},
		Unlimited: true,
		Overage:   pricing.HourlyRate{Rate: eur("EUR 95.00"), Increment: 15 * time.Minute},
	}
	bundle := pricing.Bundle{
		Label:          "20-hour bundle",
		Hours:          20 * time.Hour,
		Price:          eur("EUR 1800.00"),
		ValidityMonths: 12,
		Increment:      30 * time.Minute,
		Extra:          pricing.HourlyRate{Rate: eur("EUR 100.00"), Increment: 30 * time.Minute},
	}
	office := pricing.DemandProfile{
		IncidentsPerYear: 6,
		HoursPerIncident: availability.LogNormal(1.5, 1.2), // most fixes take an hour or two, a few take a day
	}
	opts := pricing.CompareOptions{
		Trials: 10_000,
		Seed:   2026,
		// A technician's loaded cost (wages, overhead, tools) and travel and
		// administration per incident.
		Delivery: pricing.DeliveryCost{PerHour: eur("EUR 70.00"), PerJob: eur("EUR 25.00")},
	}

	models := []pricing.Plan{breakFix, managed, bundle}
	cmp, err := pricing.Compare(context.Background(), office, models, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "A small office with %g incidents a year, %v hours each; %d simulated years (seed %d).\n",
		office.IncidentsPerYear, office.HoursPerIncident, opts.Trials, opts.Seed)
	fmt.Fprintf(w, "Work per year: %.1f h (95%% interval %.1f–%.1f h); provider's cost %v an hour plus %v an incident.\n\n",
		cmp.Work.Mean, cmp.Work.Low, cmp.Work.High, opts.Delivery.PerHour, opts.Delivery.PerJob)

	breakEven := make([]string, len(models))
	var managedBreakEven float64
	for i, m := range models[1:] {
		be, err := pricing.BreakEven(context.Background(), office, breakFix, m, opts)
		if i == 0 {
			managedBreakEven = be.IncidentsPerYear
		}
		switch {
		case err != nil:
			breakEven[i+1] = "none"
		case be.ClosedForm:
			breakEven[i+1] = fmt.Sprintf("%.1f/yr (exact)", be.IncidentsPerYear)
		default:
			breakEven[i+1] = fmt.Sprintf("%.1f/yr (simulated)", be.IncidentsPerYear)
		}
	}
	breakEven[0] = "—"

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "contract\tcustomer pays\t±\tP90\tprovider's cost\tmargin\tmargin P10\trisk on\tbreak-even vs break/fix\t")
	for i, r := range cmp.Models {
		fmt.Fprintf(tw, "%s\t%v\t%v\t%v\t%v\t%v\t%v\t%s\t%s\t\n",
			r.Name, r.Cost.Mean, r.Cost.StdErr, r.P90, r.DeliveryCost.Mean, r.Margin.Mean, r.MarginP10,
			r.RiskCarrier(), breakEven[i])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	bf, mm, bu := cmp.Models[0], cmp.Models[1], cmp.Models[2]
	unused := bu.UnusedHours
	perHour := euros(bundle.Price) / bundle.Hours.Hours()
	fmt.Fprintf(w, "\nUnused bundle hours a year: %.1f h (95%% interval %.1f–%.1f h), prepaid at %.2f EUR an hour.\n",
		unused.Mean, unused.Low, unused.High, perHour)
	fmt.Fprintln(w, "Amounts are per year, rounded half-even to the cent from the simulated means; ± is the standard error.")

	fmt.Fprintln(w)
	fmt.Fprintln(w, verdict(bf, mm, bu, managedBreakEven, perHour, bundle.Hours.Hours()))
	return nil
}

func euros(m money.Money) float64 { return float64(m.MinorUnits()) / 100 }

// verdict writes the paragraph on fairness from the results: bf, mm and
// bu are the results for break/fix, the managed fee and the bundle, beMM
// the break-even rate of the managed fee against break/fix, perHour the
// bundle's prepaid price of an hour and bundleHours its size.
func verdict(bf, mm, bu pricing.PlanResult, beMM, perHour, bundleHours float64) string {
	bfCost, mmCost, buCost := euros(bf.Cost.Mean), euros(mm.Cost.Mean), euros(bu.Cost.Mean)
	text := fmt.Sprintf("Verdict. Break/fix costs the office %.0f EUR a year on average, but the office carries the risk: "+
		"one year in ten it pays more than %.0f EUR. ", bfCost, euros(bf.P90))
	premium := mmCost - bfCost
	if premium >= 0 {
		text += fmt.Sprintf("The managed fee costs %.0f EUR (%.0f%%) more than that expectation: an insurance premium "+
			"for a fixed bill, which pays for itself from %.1f incidents a year. ", premium, 100*premium/bfCost, beMM)
	} else {
		text += fmt.Sprintf("The managed fee is %.0f EUR cheaper than that expectation and fixes the bill as well: "+
			"break/fix only pays off below %.1f incidents a year. ", -premium, beMM)
	}
	if euros(mm.MarginP10) > 0 {
		text += fmt.Sprintf("The provider takes on the spread and still keeps %.0f EUR in a bad year (P10 margin; %.0f EUR "+
			"expected), so the monthly contract is fair to both sides. ", euros(mm.MarginP10), euros(mm.Margin.Mean))
	} else {
		text += fmt.Sprintf("But the provider loses money one year in ten (P10 margin %.0f EUR): at this fee the monthly "+
			"contract is not sustainable for the provider. ", euros(mm.MarginP10))
	}
	wasted := bu.UnusedHours.Mean * perHour
	rank := ""
	if buCost > bfCost && buCost > mmCost {
		rank = ", the dearest of the three"
	}
	share := "part"
	if wasted > euros(bu.Margin.Mean)/2 {
		share = "most"
	}
	text += fmt.Sprintf("The bundle costs %.0f EUR a year%s: about %.0f of its %.0f prepaid hours expire unused "+
		"(some %.0f EUR), which is %s of the provider's %.0f EUR margin; ", buCost, rank, bu.UnusedHours.Mean,
		bundleHours, wasted, share, euros(bu.Margin.Mean))
	if bu.UnusedHours.Mean > bundleHours/4 {
		text += "it is unfair to this office, which would do better with a smaller bundle or with hours that carry over."
	} else {
		text += "a fair price for prepaying, as most hours are used."
	}
	return text
}
