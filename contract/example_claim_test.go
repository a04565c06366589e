package contract_test

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/sla"
)

// A credit that must be claimed within 30 days of the month's end: the
// June credit of an online shop's hosting is due when claimed on 20 July,
// forfeited when claimed on 5 August (the deadline is 1 July + 30 days =
// 31 July) and, unclaimed, still claimable before the deadline passes.
// 3 h down of 720 h is 99.5833%, the 10% tier: EUR 300.00.
func ExampleClaim_Deadline() {
	terms := contract.Terms{
		Effective: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		Fee:       money.MustParseMoney("EUR 3000.00"),
		Objective: sla.Objective{Target: availability.MustParse("99.9%"), Period: sla.Month},
		Credits: contract.CreditSchedule{
			Tiers: []contract.CreditTier{{
				Upper: contract.Below(money.MustParseShare("99.9%")), Lower: contract.AtLeast(money.Percent(0)), Credit: money.Percent(10),
			}},
			Claim: contract.Claim{Required: true, Days: 30},
		},
	}
	june, _ := sla.CalendarMonth(2025, time.June, time.UTC)
	fmt.Println("claim by", terms.Credits.Claim.Deadline(june).Format(time.DateOnly))
	start := time.Date(2025, time.June, 14, 20, 0, 0, 0, time.UTC)
	outages := []sla.Outage{{ID: "INC-31", Start: start, End: start.Add(3 * time.Hour)}}
	for _, c := range []struct {
		claimed, asOf time.Time
	}{
		{claimed: time.Date(2025, time.July, 20, 0, 0, 0, 0, time.UTC)},
		{claimed: time.Date(2025, time.August, 5, 0, 0, 0, 0, time.UTC)},
		{asOf: time.Date(2025, time.July, 10, 0, 0, 0, 0, time.UTC)},
	} {
		st, err := terms.Statement(contract.PeriodRecords{Period: june, Outages: outages, Claimed: c.claimed, AsOf: c.asOf})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("credit %v, claim %v, due %v\n", st.Credit.Amount, st.Claim, st.CreditDue)
	}
	// Output:
	// claim by 2025-07-31
	// credit EUR 300.00, claim claimed, due EUR 300.00
	// credit EUR 300.00, claim forfeited, due EUR 0.00
	// credit EUR 300.00, claim claimable, due EUR 300.00
}
