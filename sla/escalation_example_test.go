package sla_test

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/sla"
)

// A P2 ticket of a Dutch provider (office hours Mon–Fri 08:00–18:00
// Europe/Amsterdam, public holidays closed) opened on the Friday before
// Whit Monday, with P1 on its own 7×24 calendar, and the warnings a
// service desk raises at 50%, 75% and 100% of each target.
func ExampleCalendar_CheckTicket_escalations() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	nl, _ := sla.Preset("NL")
	office, _ := sla.Weekdays(ams, sla.Clock(8, 0), sla.Clock(18, 0), nl...)
	always, _ := sla.Always(ams)
	targets := map[string]sla.PriorityTargets{
		"P1": {Priority: "P1", Respond: sla.BusinessHours(1), Resolve: sla.BusinessHours(4), Calendar: &always},
		"P2": {Priority: "P2", Respond: sla.BusinessHours(4), Resolve: sla.WorkingDays(2)},
	}
	at := func(d, h, m int) time.Time { return time.Date(2025, time.June, d, h, m, 0, 0, ams) }
	for _, tk := range []sla.Ticket{
		{ID: "INC-7", Priority: "P1", Opened: at(6, 16, 0), Responded: at(6, 16, 50)},
		{ID: "INC-8", Priority: "P2", Opened: at(6, 16, 0), Responded: at(10, 10, 30),
			Pauses: []sla.Interval{{Start: at(10, 8, 30), End: at(10, 9, 30)}}},
	} {
		chk, _ := office.CheckTicket(tk, targets[tk.Priority], at(10, 12, 0))
		for _, o := range []sla.Outcome{chk.Response, chk.Resolution} {
			fmt.Printf("%s %-16s due %s %-8s paused %-6v", tk.ID, o.Target, o.Due.Format("Mon 02 Jan 15:04"), o.Status, o.PausedTime)
			for _, e := range o.Escalations {
				mark := " "
				if e.Raised {
					mark = "!"
				}
				fmt.Printf(" %3d%%%s%s", e.Percent, mark, e.At.Format("Mon 15:04"))
			}
			fmt.Println()
		}
	}
	// INC-8's resolve 75% is 15 h: Fri 2 h, Tue 0.5 h and 8.5 h after the
	// pause, then Wed 08:00–12:00.

	// Output:
	// INC-7 1 business hour  due Fri 06 Jun 17:00 met      paused 0s      50%!Fri 16:30  75%!Fri 16:45 100% Fri 17:00
	// INC-7 4 business hours due Fri 06 Jun 20:00 overdue  paused 0s      50%!Fri 18:00  75%!Fri 19:00 100%!Fri 20:00
	// INC-8 4 business hours due Tue 10 Jun 11:00 met      paused 1h0m0s  50%!Fri 18:00  75%!Tue 10:00 100% Tue 11:00
	// INC-8 2 working days   due Wed 11 Jun 17:00 pending  paused 1h0m0s  50% Tue 17:00  75% Wed 12:00 100% Wed 17:00
}
