package contract_test

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/sla"
)

func ExampleTerms_Statement() {
	office, _ := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.Clock(17, 0))
	terms := contract.Terms{
		Name:      "hosting",
		Effective: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		Fee:       money.MustParseMoney("EUR 5000.00"),
		Objective: sla.Objective{Target: availability.MustParse("99.9%"), Period: sla.Month},
		Credits: contract.CreditSchedule{Tiers: []contract.CreditTier{
			{Upper: contract.Below(money.MustParseShare("99.9%")), Lower: contract.AtLeast(money.Percent(99)), Credit: money.Percent(10)},
			{Upper: contract.Below(money.Percent(99)), Lower: contract.AtLeast(money.Percent(0)), Credit: money.Percent(25)},
		}},
		Support: contract.Support{Calendar: office, Priorities: []contract.PriorityTerms{{
			Priority: "P1", Respond: sla.BusinessHours(1), Resolve: sla.BusinessHours(4),
			RespondPenalty: contract.FixedAmount(money.MustParseMoney("EUR 150.00")),
		}}},
		Exclusions: contract.Exclusions{CustomerCaused: true},
	}
	june, _ := sla.CalendarMonth(2025, time.June, time.UTC)
	at := func(d, h, m int) time.Time { return time.Date(2025, time.June, d, h, m, 0, 0, time.UTC) }
	st, err := terms.Statement(contract.PeriodRecords{
		Period: june,
		Outages: []sla.Outage{
			{ID: "db", Start: at(3, 10, 0), End: at(3, 12, 0)},
			{ID: "fw", Start: at(17, 9, 0), End: at(17, 10, 0), Kind: sla.CustomerCaused},
		},
		Tickets: []sla.Ticket{{ID: "42", Priority: "P1", Opened: at(3, 10, 5), Responded: at(3, 11, 35), Resolved: at(3, 12, 0)}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range st.Lines {
		fmt.Printf("%-17s %11v  %s\n", l.Item, l.Amount, l.Reason)
	}
	// Output:
	// excluded             EUR 0.00  outage "fw" (customer, 1h0m0s in service hours) does not count: excluded kind
	// availability         EUR 0.00  measured 99.7222% (2h0m0s down of 720h0m0s) misses the target 99.9%
	// credit             EUR 500.00  measured 99.7222% (2h0m0s down of 720h0m0s) is in tier < 99.9% and >= 99%: 10% of EUR 5000.00 = EUR 500.00
	// response breach    EUR 150.00  P1 ticket "42": response within 1 business hour was due 2025-06-03T11:05:00Z, done 2025-06-03T11:35:00Z (30m0s business time late); penalty EUR 150.00
	// total              EUR 650.00  due to the customer for 2025-06-01 – 2025-07-01
}
