package contract_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/sla"
)

// benchRecords returns a year of monthly records for n customers, from a
// seeded PCG source: 0–4 outages of up to 3 hours a month (one in ten
// planned, one in twenty customer-caused) and 0–5 P1/P2 tickets answered
// within 0–3 hours and resolved within 0–10 hours.
func benchRecords(b *testing.B, customers int) []contract.PeriodRecords {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	months := make([]sla.Period, 12)
	for m := range months {
		p, err := sla.CalendarMonth(2025, time.Month(m+1), time.UTC)
		if err != nil {
			b.Fatal(err)
		}
		months[m] = p
	}
	recs := make([]contract.PeriodRecords, 0, customers*12)
	for range customers {
		for _, p := range months {
			hours := int64(p.Length() / time.Minute)
			r := contract.PeriodRecords{Period: p, Claimed: p.End().Add(24 * time.Hour)}
			for range rng.IntN(5) {
				start := p.Start().Add(time.Duration(rng.Int64N(hours-200)) * time.Minute)
				o := sla.Outage{Start: start, End: start.Add(time.Duration(1+rng.IntN(180)) * time.Minute)}
				switch rng.IntN(20) {
				case 0, 1:
					o.Kind = sla.Planned
				case 2:
					o.Kind = sla.CustomerCaused
				}
				r.Outages = append(r.Outages, o)
			}
			for i := range rng.IntN(6) {
				opened := p.Start().Add(time.Duration(rng.Int64N(hours-1440)) * time.Minute)
				pr := "P1"
				if i%2 == 1 {
					pr = "P2"
				}
				resp := opened.Add(time.Duration(rng.IntN(180)) * time.Minute)
				r.Tickets = append(r.Tickets, sla.Ticket{ID: "t", Priority: pr, Opened: opened, Responded: resp,
					Resolved: resp.Add(time.Duration(rng.IntN(600)) * time.Minute)})
			}
			recs = append(recs, r)
		}
	}
	return recs
}

// BenchmarkStatements evaluates a year of statements for 10, 100, 1,000
// and 10,000 customers under the same terms, one [contract.Terms.Statements]
// call per customer.
func BenchmarkStatements(b *testing.B) {
	terms := sampleTerms(b)
	for _, n := range []struct {
		name      string
		customers int
	}{{"customers=10", 10}, {"customers=100", 100}, {"customers=1000", 1000}, {"customers=10000", 10000}} {
		recs := benchRecords(b, n.customers)
		b.Run(n.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for i := 0; i < len(recs); i += 12 {
					if _, err := terms.Statements(recs[i : i+12]); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
