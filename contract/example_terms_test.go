package contract_test

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/sla"
)

// hostingTerms are a web shop's hosting terms: a monthly fee, a target and
// a 10% credit below it.
func hostingTerms(effective time.Time, fee, target string) contract.Terms {
	return contract.Terms{
		Name:      "hosting",
		Effective: effective,
		Fee:       money.MustParseMoney(fee),
		Objective: sla.Objective{Target: availability.MustParse(target), Period: sla.Month},
		Credits: contract.CreditSchedule{Tiers: []contract.CreditTier{{
			Upper: contract.Below(money.MustParseShare(target)), Lower: contract.AtLeast(money.Percent(0)), Credit: money.Percent(10),
		}}},
	}
}

// The terms were renegotiated from 1 July 2025: a higher fee for 99.9%
// instead of 99.5%. An outage in June is judged by the old version, one in
// July by the new.
func ExampleTermsAt() {
	versions := []contract.Terms{
		hostingTerms(time.Date(2025, time.July, 1, 0, 0, 0, 0, time.UTC), "EUR 1500.00", "99.9%"),
		hostingTerms(time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC), "EUR 1000.00", "99.5%"),
	}
	for _, at := range []time.Time{
		time.Date(2025, time.June, 30, 23, 0, 0, 0, time.UTC),
		time.Date(2025, time.July, 1, 0, 0, 0, 0, time.UTC),
	} {
		t, err := contract.TermsAt(versions, at)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(at.Format(time.DateTime), "→ version of", t.Effective.Format(time.DateOnly), t.Fee, t.Objective.Target)
	}
	_, err := contract.TermsAt(versions, time.Date(2023, time.December, 31, 0, 0, 0, 0, time.UTC))
	fmt.Println(err)
	// Output:
	// 2025-06-30 23:00:00 → version of 2024-01-01 EUR 1000.00 99.5%
	// 2025-07-01 00:00:00 → version of 2025-07-01 EUR 1500.00 99.9%
	// contract: Terms.Effective: 2023-12-31T00:00:00Z is before every version of the terms
}

// A quarter of statements under one version of the terms. 99.9% of a
// 30-day month allows 43.2 min and of a 31-day month 44.64 min: the
// 50-minute outage of May misses it, the 40-minute one of June does not.
func ExampleTerms_Statements() {
	terms := hostingTerms(time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC), "EUR 1500.00", "99.9%")
	var records []contract.PeriodRecords
	for i, down := range []time.Duration{0, 50 * time.Minute, 40 * time.Minute} {
		month := time.April + time.Month(i)
		p, _ := sla.CalendarMonth(2025, month, time.UTC)
		r := contract.PeriodRecords{Period: p}
		if down > 0 {
			start := time.Date(2025, month, 10, 3, 0, 0, 0, time.UTC)
			r.Outages = []sla.Outage{{Start: start, End: start.Add(down)}}
		}
		records = append(records, r)
	}
	sts, err := terms.Statements(records)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, st := range sts {
		fmt.Printf("%s %.4f met %-5v due %v\n", st.Period.Start().Format("Jan"), st.Measurement.Availability, st.Met, st.Total)
	}
	// Output:
	// Apr 100.0000% met true  due EUR 0.00
	// May 99.8880% met false due EUR 150.00
	// Jun 99.9074% met true  due EUR 0.00
}

// Validate reports every problem of hand-written terms at once.
func ExampleTerms_Validate() {
	t := hostingTerms(time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC), "EUR 1500.00", "99.9%")
	t.Fee = money.MustParseMoney("EUR -10.00")
	t.Credits.Minimum = money.MustParseMoney("USD 5.00")
	fmt.Println(t.Validate())
	// Output:
	// contract: Terms.Fee: EUR -10.00 must not be negative
	// contract: Terms.Credits.Minimum: USD 5.00 is not in EUR
}
