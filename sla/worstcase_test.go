package sla_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func amsterdam(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(t, err)
	return loc
}

func always(t testing.TB, loc *time.Location) sla.Calendar {
	t.Helper()
	c, err := sla.Always(loc)
	require.NoError(t, err)
	return c
}

// dutchOffice is Mon–Fri 08:00–18:00 Europe/Amsterdam with the Dutch
// national holidays.
func dutchOffice(t testing.TB) sla.Calendar {
	t.Helper()
	nl, err := sla.Preset("NL")
	require.NoError(t, err)
	c, err := sla.Weekdays(amsterdam(t), sla.Clock(8, 0), sla.Clock(18, 0), nl...)
	require.NoError(t, err)
	return c
}

func month(t testing.TB, y int, m time.Month, loc *time.Location) sla.Period {
	t.Helper()
	p, err := sla.CalendarMonth(y, m, loc)
	require.NoError(t, err)
	return p
}

func pct(s string) availability.Availability { return availability.MustParse(s) }

// TestWorstCaseInHandDerived checks the time-aware worst case against
// figures derived by hand for each combination of windows and periods.
func TestWorstCaseInHandDerived(t *testing.T) {
	ams := amsterdam(t)
	jan := month(t, 2027, time.January, ams)
	feb := month(t, 2027, time.February, time.UTC)
	officeNoHolidays, err := sla.Weekdays(ams, sla.Clock(8, 0), sla.Clock(18, 0))
	require.NoError(t, err)
	tests := []struct {
		name               string
		promise, ours      sla.Objective
		p                  sla.Period
		service, worst     time.Duration
		unmeasured         time.Duration
		unbounded, reasons bool
	}{{
		// Equal windows: 1% of the 744 hours of January = 7.44 h = 7h26m24s, today's figure.
		name:    "equal 7x24 monthly",
		promise: sla.Objective{Target: pct("99%"), Period: sla.Month, Calendar: always(t, ams)},
		ours:    sla.Objective{Target: pct("98.5%"), Period: sla.Month, Calendar: always(t, ams)},
		p:       jan, service: 744 * time.Hour, worst: 7*time.Hour + 26*time.Minute + 24*time.Second,
	}, {
		// A 7×24 supplier under Dutch office hours: January 2027 has 21 weekdays,
		// minus New Year's Day (Friday 1 January), so 20 × 10 h = 200 h of service.
		// The supplier's whole allowance, 1% of 744 h = 7h26m24s, may fall inside it.
		name:    "7x24 supplier, office-hours offer",
		promise: sla.Objective{Name: "HostCo", Target: pct("99%"), Period: sla.Month, Calendar: always(t, ams)},
		ours:    sla.Objective{Target: pct("98.5%"), Period: sla.Month, Calendar: dutchOffice(t)},
		p:       jan, service: 200 * time.Hour, worst: 7*time.Hour + 26*time.Minute + 24*time.Second, reasons: true,
	}, {
		// An office-hours supplier (21 weekdays × 10 h = 210 h measured, no holidays)
		// under a 7×24 offer: 744 − 210 = 534 h unmeasured, plus 1% of 210 h = 2.1 h.
		name:    "office-hours supplier, 7x24 offer",
		promise: sla.Objective{Target: pct("99%"), Period: sla.Month, Calendar: officeNoHolidays},
		ours:    sla.Objective{Target: pct("98.5%"), Period: sla.Month, Calendar: always(t, ams)},
		p:       jan, service: 744 * time.Hour, unmeasured: 534 * time.Hour,
		worst: 536*time.Hour + 6*time.Minute, reasons: true,
	}, {
		// A quarterly supplier under a monthly offer: Q1 2027 has 90 days = 2160 h,
		// 1% = 21.6 h, all of which may fall in February (672 h).
		name:    "quarterly supplier, monthly offer",
		promise: sla.Objective{Target: pct("99%"), Period: sla.Quarter, Calendar: always(t, time.UTC)},
		ours:    sla.Objective{Target: pct("99%"), Period: sla.Month, Calendar: always(t, time.UTC)},
		p:       feb, service: 672 * time.Hour, worst: 21*time.Hour + 36*time.Minute, reasons: true,
	}, {
		// A monthly supplier under a monthly offer in the same zone, but measured
		// per rolling week: ceil(672 h / 168 h) = 4 windows, each 1% of 168 h = 1.68 h.
		name:    "rolling-week supplier",
		promise: sla.Objective{Target: pct("99%"), Period: sla.Window, Window: 7 * 24 * time.Hour, Calendar: always(t, time.UTC)},
		ours:    sla.Objective{Target: pct("99%"), Period: sla.Month, Calendar: always(t, time.UTC)},
		p:       feb, service: 672 * time.Hour, worst: 6*time.Hour + 43*time.Minute + 12*time.Second, reasons: true,
	}, {
		// Outages under a minute are ignored by the supplier and counted by us:
		// any number of them may fall in our window, so nothing is guaranteed.
		name:    "supplier ignores short outages",
		promise: sla.Objective{Target: pct("99%"), Period: sla.Month, Calendar: always(t, time.UTC), Rules: sla.CountingRules{MinOutage: time.Minute}},
		ours:    sla.Objective{Target: pct("99%"), Period: sla.Month, Calendar: always(t, time.UTC)},
		p:       feb, service: 672 * time.Hour, worst: 672 * time.Hour, unbounded: true, reasons: true,
	}, {
		// 5-minute slices counted down above 10% errors: up to 10% of every slice is
		// free, 67.2 h, on top of the 6.72 h allowance: 73.92 h.
		name:    "supplier counts 5-minute slices",
		promise: sla.Objective{Target: pct("99%"), Period: sla.Month, Calendar: always(t, time.UTC), Rules: sla.CountingRules{Slice: 5 * time.Minute, SliceThreshold: 0.1}},
		ours:    sla.Objective{Target: pct("99%"), Period: sla.Month, Calendar: always(t, time.UTC)},
		p:       feb, service: 672 * time.Hour, worst: 73*time.Hour + 55*time.Minute + 12*time.Second, reasons: true,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := tt.promise.WorstCaseIn(tt.ours, tt.p)
			require.NoError(t, err)
			assert.Equal(t, tt.service, a.ServiceTime)
			assert.Equal(t, tt.worst, a.Worst)
			assert.Equal(t, tt.unmeasured, a.Unmeasured)
			assert.Equal(t, tt.unbounded, a.Unbounded)
			assert.Equal(t, tt.reasons, len(a.Reasons) > 0, "%q", a.Reasons)
		})
	}
}

// TestGuaranteeDutchReseller is the issue's case: a hosted application
// (99% per month, 7×24) over a network (99.6%, 7×24) offered at 98.5% per
// month in Dutch office hours. In January 2027 the two allowances,
// 7h26m24s and 0.4% of 744 h = 2h58m33.6s, may both fall inside the 200
// service hours: 10.416 h, 5.208%, so 94.792% is all that is guaranteed.
// With every window 7×24 the classic 1% + 0.4% = 1.4% holds: 98.6%.
func TestGuaranteeDutchReseller(t *testing.T) {
	var b availability.Builder
	b.Component("app", pct("99%")).Component("network", pct("99.6%")).Group("shop", availability.RequireAll, "app", "network")
	m, err := b.Build()
	require.NoError(t, err)
	ams := amsterdam(t)
	start := time.Date(2027, time.January, 1, 0, 0, 0, 0, ams)
	ours := sla.Objective{Target: pct("98.5%"), Period: sla.Month, Calendar: dutchOffice(t)}
	promises := map[string]sla.Objective{
		"app":     {Name: "HostCo", Target: pct("99%"), Period: sla.Month, Calendar: always(t, ams)},
		"network": {Name: "NetCo", Target: pct("99.6%"), Period: sla.Month, Calendar: always(t, ams)},
	}
	g, err := sla.GuaranteeOver(context.Background(), m, "shop", ours, promises, start, 12)
	require.NoError(t, err)
	require.Len(t, g.Periods, 12)
	jan := g.Periods[0]
	assert.Equal(t, 200*time.Hour, jan.ServiceTime)
	assert.Equal(t, 3*time.Hour, jan.Budget) // 1.5% of 200 h
	assert.InDelta(t, 0.05208, jan.Guaranteed.Unavailability(), 1e-12)
	assert.False(t, g.Covered)
	assert.Less(t, g.Lowest.Compare(pct("95%")), 0, "lowest %v", g.Lowest)

	all := ours
	all.Calendar = always(t, ams)
	g, err = sla.GuaranteeOver(context.Background(), m, "shop", all, promises, start, 12)
	require.NoError(t, err)
	assert.True(t, g.Covered)
	assert.InDelta(t, 0.014, g.Lowest.Unavailability(), 1e-12) // 98.6%, as without time
}

// TestWorstCaseProperties checks on random windows, periods and targets
// that the time-aware worst case equals the classic one when every window
// is 7×24 and equal, never exceeds the bound min(S, (1 − T)·ΣM_q + U) nor
// S, and never falls below the classic (1 − T)·S: so the availability it
// guarantees never exceeds today's worst case. (Σ_q min((1 − T)·M_q, O_q)
// ≥ Σ_q (1 − T)·O_q = (1 − T)·(S − U), since M_q ≥ O_q.)
func TestWorstCaseProperties(t *testing.T) {
	ams := amsterdam(t)
	rng := rand.New(rand.NewPCG(3, 4))
	cals := []sla.Calendar{always(t, ams), always(t, time.UTC), dutchOffice(t)}
	for _, h := range [][2]int{{9, 17}, {6, 22}, {0, 12}} {
		c, err := sla.Weekdays(ams, sla.Clock(h[0], 0), sla.Clock(h[1], 0))
		require.NoError(t, err)
		cals = append(cals, c)
	}
	units := []sla.Unit{sla.Week, sla.Month, sla.Quarter}
	for range 300 {
		target := pct([]string{"99%", "99.9%", "95%", "90%", "99.5%"}[rng.IntN(5)])
		promise := sla.Objective{Target: target, Period: units[rng.IntN(3)], Calendar: cals[rng.IntN(len(cals))]}
		ours := sla.Objective{Target: target, Period: sla.Month, Calendar: cals[rng.IntN(len(cals))]}
		p := month(t, 2026+rng.IntN(3), time.Month(1+rng.IntN(12)), ams)
		a, err := promise.WorstCaseIn(ours, p)
		require.NoError(t, err)
		assert.LessOrEqual(t, a.Worst, a.ServiceTime)
		// The looser bound of the issue: (1 − T)·M_q summed over overlapping q, plus U.
		var loose time.Duration
		q, err := sla.CalendarPeriod(promise.Period, p.Start(), promise.Calendar.Location())
		require.NoError(t, err)
		for ; q.Start().Before(p.End()); q = q.Next() {
			m, err := promise.Calendar.ServiceTime(q)
			require.NoError(t, err)
			loose += target.Downtime(m)
		}
		assert.LessOrEqual(t, a.Worst, min(a.ServiceTime, loose+a.Unmeasured))
		// One nanosecond of rounding per promise period.
		assert.GreaterOrEqual(t, a.Worst+4, target.Downtime(a.ServiceTime), "never more optimistic than the classic worst case")
		if promise.Calendar.WeeklyServiceTime() == 7*24*time.Hour && ours.Calendar.WeeklyServiceTime() == 7*24*time.Hour &&
			promise.Calendar.Location() == ours.Calendar.Location() && promise.Period == sla.Month {
			assert.Equal(t, target.Downtime(a.ServiceTime), a.Worst, "equal windows give the classic budget")
		}
	}
}

func ExampleObjective_WorstCaseIn() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	nl, _ := sla.Preset("NL")
	office, _ := sla.Weekdays(ams, sla.Clock(8, 0), sla.Clock(18, 0), nl...)
	around, _ := sla.Always(ams)
	ours := sla.Objective{Target: availability.MustParse("98.5%"), Period: sla.Month, Calendar: office}
	hostCo := sla.Objective{Name: "HostCo", Target: availability.MustParse("99%"), Period: sla.Month, Calendar: around}
	jan, _ := sla.CalendarMonth(2027, time.January, ams)
	a, _ := hostCo.WorstCaseIn(ours, jan)
	fmt.Printf("our service time %v, HostCo may take %v of it (%.2f%%)\n", a.ServiceTime, a.Worst, 100*a.Share())
	fmt.Println(a.Reasons[0])
	// Output:
	// our service time 200h0m0s, HostCo may take 7h26m24s of it (3.72%)
	// HostCo measures 744h0m0s, 544h0m0s of it outside our service time: its allowance of 7h26m24s may fall inside our window, 3.7% of it
}

// TestGuaranteeNeverAboveClassic builds random series-parallel graphs and
// checks that the guarantee in time equals the classic worst case when
// every promise is 7×24 and monthly like the objective, and never exceeds
// it under office-hours objectives and quarterly or weekly promises.
func TestGuaranteeNeverAboveClassic(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(5, 6))
	ams := amsterdam(t)
	start := time.Date(2027, time.January, 1, 0, 0, 0, 0, ams)
	levels := []string{"99%", "99.9%", "98%", "99.5%", "95%"}
	for trial := range 40 {
		var b availability.Builder
		n := 2 + rng.IntN(4)
		names := make([]string, n)
		for i := range names {
			names[i] = string(rune('a' + i))
			b.Component(names[i], pct(levels[rng.IntN(len(levels))]))
		}
		b.Group("pair", availability.RequireAny, names[0], names[1])
		b.Group("top", availability.RequireAll, append([]string{"pair"}, names[2:]...)...)
		m, err := b.Build()
		require.NoError(t, err)
		classic, err := m.Evaluate(ctx, "top", availability.WorstCase)
		require.NoError(t, err)

		ours := sla.Objective{Target: pct("99%"), Period: sla.Month, Calendar: always(t, ams)}
		g, err := sla.GuaranteeOver(ctx, m, "top", ours, nil, start, 3)
		require.NoError(t, err)
		assert.InDelta(t, classic.Unavailability(), g.Lowest.Unavailability(), 1e-12, "trial %d: equal windows", trial)

		ours.Calendar = dutchOffice(t)
		promises := map[string]sla.Objective{}
		for _, c := range names {
			spec, err := m.Spec(c)
			require.NoError(t, err)
			unit := []sla.Unit{sla.Week, sla.Month, sla.Quarter}[rng.IntN(3)]
			promises[c] = sla.Objective{Target: *spec.Availability, Period: unit, Calendar: always(t, ams)}
		}
		g, err = sla.GuaranteeOver(ctx, m, "top", ours, promises, start, 3)
		require.NoError(t, err)
		assert.LessOrEqual(t, g.Lowest.Compare(classic), 0, "trial %d: %v above the classic %v", trial, g.Lowest, classic)
	}
}

// TestWorstCaseInTriesToBreakIt places a supplier's outages in time, as
// the supplier's own promise allows, and measures them in our calendar:
// placed where they hurt most (inside our office hours) they take exactly
// the allowance, and placed at random, keeping the supplier's promise, they
// never take more. The supplier is HostCo, 99% per month measured 7×24 in
// Europe/Amsterdam; we measure Dutch office hours in January 2027.
func TestWorstCaseInTriesToBreakIt(t *testing.T) {
	ams := amsterdam(t)
	jan := month(t, 2027, time.January, ams)
	around := always(t, ams)
	promise := sla.Objective{Name: "HostCo", Target: pct("99%"), Period: sla.Month, Calendar: around}
	ours := sla.Objective{Target: pct("98.5%"), Period: sla.Month, Calendar: dutchOffice(t)}
	a, err := promise.WorstCaseIn(ours, jan)
	require.NoError(t, err)
	allowance := promise.Target.Downtime(744 * time.Hour) // 7h26m24s

	measure := func(cal sla.Calendar, outages []sla.Outage) time.Duration {
		m, err := sla.Measure(jan, cal, outages, sla.CountingRules{})
		require.NoError(t, err)
		return m.Downtime
	}
	// Worst placement: the allowance as one outage from Monday 4 January
	// 08:00, inside a single office day of 10 hours.
	start := time.Date(2027, time.January, 4, 8, 0, 0, 0, ams)
	worst := []sla.Outage{{Start: start, End: start.Add(allowance)}}
	require.Equal(t, allowance, measure(around, worst), "HostCo keeps its promise")
	assert.Equal(t, a.Worst, measure(ours.Calendar, worst), "the bound is reached")

	// Random placements that keep the promise never exceed the bound.
	rng := rand.New(rand.NewPCG(21, 22))
	for range 200 {
		var outages []sla.Outage
		left := allowance
		for left > 0 {
			at := jan.Start().Add(time.Duration(rng.Int64N(int64(jan.Length()))))
			d := min(left, time.Duration(rng.Int64N(int64(3*time.Hour)))+time.Second)
			if at.Add(d).After(jan.End()) {
				continue
			}
			outages = append(outages, sla.Outage{Start: at, End: at.Add(d)})
			left -= d
		}
		require.LessOrEqual(t, measure(around, outages), allowance, "overlaps only lower the supplier's count")
		assert.LessOrEqual(t, measure(ours.Calendar, outages), a.Worst)
	}
}
