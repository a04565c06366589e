package contract_test

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/sla"
)

// "5% of the monthly fee per 0.1% below the 99.5% target, at most 50%" as
// one rule, counted per started step and per whole step, over a 30-day
// month of 43,200 minutes: 330 minutes down is 0.2638…% below the target,
// 2.64 steps.
func ExampleProRata() {
	rule := contract.ProRata{Target: money.MustParseShare("99.5%"), Step: money.MustParseShare("0.1%"),
		Credit: money.Percent(5), Max: money.Percent(50)}
	fee := money.MustParseMoney("EUR 4000.00")
	for _, c := range []contract.StepCounting{contract.PerStartedStep, contract.PerWholeStep} {
		rule.Counting = c
		credit, err := contract.CreditSchedule{ProRata: rule}.Assess(330*time.Minute, 720*time.Hour, fee)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(rule)
		fmt.Println(" ", credit.Reason)
	}
	// Output:
	// 5% per started 0.1% below 99.5%, at most 50%
	//   measured 99.2361% (5h30m0s down of 720h0m0s) is 0.2638…% below the target 99.5%: 3 started steps of 0.1% × 5% = 15% of EUR 4000.00 = EUR 600.00
	// 5% per whole 0.1% below 99.5%, at most 50%
	//   measured 99.2361% (5h30m0s down of 720h0m0s) is 0.2638…% below the target 99.5%: 2 whole steps of 0.1% × 5% = 10% of EUR 4000.00 = EUR 400.00
}

// A penalty per started hour of downtime beyond the budget: the 99.9%
// budget of a 720-hour month is 43m12s, so 2h10m down is 1h26m48s beyond
// it, two started hours.
func ExampleDowntimeRate() {
	s := contract.CreditSchedule{PerDowntime: contract.DowntimeRate{
		Target: money.MustParseShare("99.9%"), Per: time.Hour,
		Amount: money.MustParseMoney("EUR 250.00"), Max: money.MustParseMoney("EUR 2000.00"),
	}}
	c, err := s.Assess(2*time.Hour+10*time.Minute, 720*time.Hour, money.MustParseMoney("EUR 4000.00"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.PerDowntime)
	fmt.Println(c.Units, c.Amount)
	// Output:
	// EUR 250.00 per started 1h0m0s beyond the 99.9% budget, at most EUR 2000.00
	// 2 EUR 500.00
}

// The Dutch provider's SLA as stated: the pro-rata credit, P1 on 7×24 and
// P2 on office hours with the Dutch public holidays, and EUR 100 per
// breached response target, at most EUR 500 a month. A P2 ticket raised on
// the Friday before Whit Monday at 16:00 is due on Tuesday at 10:00; the
// statement shows the pro-rata rule as one line and every shortfall in
// business time.
func ExampleTerms_Statement_proRata() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	nl, _ := sla.Preset("NL")
	office, _ := sla.Weekdays(ams, sla.Clock(8, 0), sla.Clock(18, 0), nl...)
	always, _ := sla.Always(ams)
	perResponse := contract.FixedAmount(money.MustParseMoney("EUR 100.00"))
	terms := contract.Terms{
		Name:      "beheer, standaard",
		Effective: time.Date(2025, 1, 1, 0, 0, 0, 0, ams),
		Fee:       money.MustParseMoney("EUR 4000.00"),
		Objective: sla.Objective{Target: availability.MustParse("99.5%"), Period: sla.Month, Calendar: always},
		Credits: contract.CreditSchedule{ProRata: contract.ProRata{
			Target: money.MustParseShare("99.5%"), Step: money.MustParseShare("0.1%"),
			Credit: money.Percent(5), Max: money.Percent(50),
		}},
		Support: contract.Support{
			Calendar: office,
			Priorities: []contract.PriorityTerms{
				{Priority: "P1", Respond: sla.BusinessHours(1), Resolve: sla.BusinessHours(4), RespondPenalty: perResponse, Calendar: &always},
				{Priority: "P2", Respond: sla.BusinessHours(4), Resolve: sla.WorkingDays(2), RespondPenalty: perResponse},
			},
			ResponseCap: contract.FixedAmount(money.MustParseMoney("EUR 500.00")),
		},
	}
	june, _ := sla.CalendarMonth(2025, time.June, ams)
	at := func(d, h, m int) time.Time { return time.Date(2025, time.June, d, h, m, 0, 0, ams) }
	var tickets []sla.Ticket
	for i, d := range []int{16, 17, 18, 19, 20} { // P2 answered 30 minutes late every day of the week after
		tickets = append(tickets, sla.Ticket{ID: fmt.Sprint("T", i+3), Priority: "P2", Opened: at(d, 9, 0), Responded: at(d, 13, 30), Resolved: at(d, 17, 0)})
	}
	st, err := terms.Statement(contract.PeriodRecords{
		Period:  june,
		Outages: []sla.Outage{{ID: "db", Start: at(3, 10, 0), End: at(3, 13, 0)}, {ID: "net", Start: at(14, 1, 0), End: at(14, 3, 30)}},
		Tickets: append([]sla.Ticket{
			{ID: "T1", Priority: "P1", Opened: at(6, 17, 30), Responded: at(6, 18, 10), Resolved: at(6, 21, 0)},
			{ID: "T2", Priority: "P2", Opened: at(6, 16, 0), Responded: at(10, 11, 0), Resolved: at(11, 15, 0)},
		}, tickets...),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range st.Lines {
		fmt.Printf("%-15s %11v  %s\n", l.Item, l.Amount, l.Reason)
	}
	// Output:
	// availability       EUR 0.00  measured 99.2361% (5h30m0s down of 720h0m0s) misses the target 99.5%
	// credit           EUR 600.00  measured 99.2361% (5h30m0s down of 720h0m0s) is 0.2638…% below the target 99.5%: 3 started steps of 0.1% × 5% = 15% of EUR 4000.00 = EUR 600.00
	// response breach  EUR 100.00  P2 ticket "T2": response within 4 business hours was due 2025-06-10T10:00:00+02:00, done 2025-06-10T11:00:00+02:00 (1h0m0s business time late); penalty EUR 100.00
	// response breach  EUR 100.00  P2 ticket "T3": response within 4 business hours was due 2025-06-16T13:00:00+02:00, done 2025-06-16T13:30:00+02:00 (30m0s business time late); penalty EUR 100.00
	// response breach  EUR 100.00  P2 ticket "T4": response within 4 business hours was due 2025-06-17T13:00:00+02:00, done 2025-06-17T13:30:00+02:00 (30m0s business time late); penalty EUR 100.00
	// response breach  EUR 100.00  P2 ticket "T5": response within 4 business hours was due 2025-06-18T13:00:00+02:00, done 2025-06-18T13:30:00+02:00 (30m0s business time late); penalty EUR 100.00
	// response breach  EUR 100.00  P2 ticket "T6": response within 4 business hours was due 2025-06-19T13:00:00+02:00, done 2025-06-19T13:30:00+02:00 (30m0s business time late); penalty EUR 100.00
	// response breach  EUR 100.00  P2 ticket "T7": response within 4 business hours was due 2025-06-20T13:00:00+02:00, done 2025-06-20T13:30:00+02:00 (30m0s business time late); penalty EUR 100.00
	// response cap    EUR -100.00  6 response breaches cost EUR 600.00, capped at EUR 500.00 a period = EUR 500.00
	// total           EUR 1100.00  due to the customer for 2025-06-01 – 2025-07-01
}
