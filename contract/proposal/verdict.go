package proposal

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

// Verdict says whether the design covers the offered target under one
// assumption, and which parts use the downtime budget.
type Verdict struct {
	Assumption availability.Assumption
	Target     availability.Availability // the offered target
	Composite  availability.Availability // the service as designed, under Assumption
	Covered    bool                      // Composite reaches Target
	// Convention is the fixed length of the offer's period used for the
	// downtime figures: a 30-day month for a monthly objective (see
	// [Convention]).
	Convention sla.Convention
	Budget     time.Duration // the downtime the target allows per period
	Uses       time.Duration // the downtime the design gives per period
	// Contributions are the components that use the budget, largest first.
	Contributions []Contribution

	// Windowed reports that the objective counts only a service window
	// (its calendar is not 7×24, or has holidays). Budget and Uses are
	// then in the objective's calendar, for the period of the year with the
	// longest service time (the worst period in the worst case), and
	// Convention is not used for them.
	Windowed bool
	// Periods are the objective's periods evaluated: twelve from the
	// offer's first month.
	Periods []sla.Period
	// BudgetMin and BudgetMax are the least and the most downtime the
	// target allows over Periods: (1 − target) × each period's service
	// time (equal to Budget when not Windowed). UsesMin and UsesMax are
	// the design's downtime in the same periods.
	BudgetMin, BudgetMax time.Duration
	UsesMin, UsesMax     time.Duration
	// Meaning says what Covered means under the assumption: guaranteed in
	// every period (worst case), the long-run expectation (independent),
	// or the most optimistic bound (best case).
	Meaning string
	// Guarantee is the worst case in time, period by period, with each
	// component's allowance and the reasons it exceeds the classic
	// budget; set for the worst case of a windowed objective.
	Guarantee *sla.Guarantee
}

// Contribution is what one component costs the service: the downtime per
// period that would disappear if the component never failed, under the
// verdict's assumption. Under independence the shares are the
// Fussell–Vesely importances; in the worst case every part of a redundant
// pair may show the pair's whole share, so shares need not add up to 100%.
type Contribution struct {
	Component string
	Downtime  time.Duration // per period of the verdict's Convention
	Share     float64       // of the service's unavailability, in [0, 1]
}

// Convention returns the fixed period length that downtime figures for an
// objective of unit u are given in: the conventions of sla.FixedScale (24-hour
// day, 7-day week, 30-day month, 90-day quarter, 365-day year), and the
// 30-day month for a rolling window.
func Convention(u sla.Unit) sla.Convention {
	s := sla.FixedScale()
	switch u {
	case sla.Day:
		return s.Day
	case sla.Week:
		return s.Week
	case sla.Quarter:
		return s.Quarter
	case sla.Year:
		return s.Year
	}
	return s.Month
}

// Verdict evaluates the design (the components' availabilities in Model)
// against the offered target under the assumption as.
//
// For an objective measured around the clock the figures are per period of
// its [Convention]. For a windowed objective (office hours, holidays) they
// are in the objective's calendar, over the twelve periods from the offer's
// first month: the budget is (1 − target) × each period's service time,
// independent and best-case downtime is the long-run expectation inside
// the window, and the worst case is the worst case in time
// ([sla.GuaranteeOver]): every component's long-run downtime of a period,
// measured 7×24, may fall inside the window.
func (p *Proposal) Verdict(ctx context.Context, as availability.Assumption) (Verdict, error) {
	if p.Model == nil || !p.Model.Has(p.Service) {
		return Verdict{}, &availability.InputError{Func: "proposal", Field: "service", Reason: "the proposal has no graph with its service node", Err: ErrMissing}
	}
	obj := p.Offer.Objective
	v := Verdict{Assumption: as, Target: obj.Target, Convention: Convention(obj.Period), Meaning: meaning(as, obj)}
	m, err := p.Graph()
	if err != nil {
		return Verdict{}, err
	}
	if v.Composite, err = m.Evaluate(ctx, p.Service, as); err != nil {
		return Verdict{}, err
	}
	if v.Windowed, v.Periods, err = p.windowed(); err != nil {
		return Verdict{}, err
	}
	if !v.Windowed {
		v.Covered = v.Composite.Compare(v.Target) >= 0
		v.Budget = v.Convention.Downtime(v.Target)
		v.Uses = v.Convention.Downtime(v.Composite)
		v.BudgetMin, v.BudgetMax, v.UsesMin, v.UsesMax = v.Budget, v.Budget, v.Uses, v.Uses
		if v.Contributions, err = p.contributions(ctx, m, as, v.Composite, v.Convention.Downtime); err != nil {
			return Verdict{}, err
		}
		return v, nil
	}
	services := make([]time.Duration, len(v.Periods))
	longest := 0
	for i, q := range v.Periods {
		if services[i], err = obj.Calendar.ServiceTime(q); err != nil {
			return Verdict{}, err
		}
		if services[i] > services[longest] {
			longest = i
		}
	}
	v.BudgetMin, v.BudgetMax = obj.Target.Downtime(slices.Min(services)), obj.Target.Downtime(slices.Max(services))
	if as != availability.WorstCase {
		v.Covered = v.Composite.Compare(v.Target) >= 0
		v.Budget, v.Uses = obj.Target.Downtime(services[longest]), v.Composite.Downtime(services[longest])
		v.UsesMin, v.UsesMax = v.Composite.Downtime(slices.Min(services)), v.Composite.Downtime(slices.Max(services))
		if v.Contributions, err = p.contributions(ctx, m, as, v.Composite, func(a availability.Availability) time.Duration { return a.Downtime(services[longest]) }); err != nil {
			return Verdict{}, err
		}
		return v, nil
	}
	g, err := sla.GuaranteeOver(ctx, m, p.Service, obj, nil, v.Periods[0].Start(), len(v.Periods))
	if err != nil {
		return Verdict{}, err
	}
	v.Guarantee = &g
	v.Composite, v.Covered = g.Lowest, g.Covered
	worst := g.Periods[g.Worst]
	v.Budget, v.Uses = worst.Budget, worst.Downtime
	v.UsesMin, v.UsesMax = worst.Downtime, worst.Downtime
	for _, pg := range g.Periods {
		v.UsesMin, v.UsesMax = min(v.UsesMin, pg.Downtime), max(v.UsesMax, pg.Downtime)
	}
	for c, al := range worst.Parts {
		if al.Worst == 0 {
			continue
		}
		share := 1.0
		if worst.Downtime > 0 {
			share = min(1, float64(al.Worst)/float64(worst.Downtime))
		}
		v.Contributions = append(v.Contributions, Contribution{Component: c, Downtime: al.Worst, Share: share})
	}
	sortContributions(v.Contributions)
	return v, nil
}

// meaning says what a verdict's Covered means under as.
func meaning(as availability.Assumption, o sla.Objective) string {
	per := o.Period.String()
	if o.Period == sla.Window {
		per = "period"
	}
	switch as {
	case availability.WorstCase:
		return "guaranteed in every " + per + ", whatever the correlation of failures and wherever they fall"
	case availability.BestCase:
		return "the most optimistic bound: failures always overlap"
	}
	return "the long-run expectation if failures are independent; single " + per + "s vary around it"
}

// windowed reports whether the offer's objective counts a service window,
// and returns its twelve periods from the offer's first month.
func (p *Proposal) windowed() (bool, []sla.Period, error) {
	obj := p.Offer.Objective
	start, err := p.start()
	if err != nil {
		return false, nil, err
	}
	unit := obj.Period
	if unit == sla.Window {
		unit = sla.Month
	}
	q, err := sla.CalendarPeriod(unit, start.Start(), obj.Calendar.Location())
	if err != nil {
		return false, nil, err
	}
	periods := make([]sla.Period, 12)
	windowed := false
	for i := range periods {
		periods[i] = q
		s, err := obj.Calendar.ServiceTime(q)
		if err != nil {
			return false, nil, err
		}
		windowed = windowed || s != q.Length()
		q = q.Next()
	}
	return windowed, periods, nil
}

// contributions returns what each component costs the service under as:
// the downtime per period (as downtime gives it) that would disappear if
// it never failed.
func (p *Proposal) contributions(ctx context.Context, graph *availability.Model, as availability.Assumption, composite availability.Availability, downtime func(availability.Availability) time.Duration) ([]Contribution, error) {
	var out []Contribution
	u := composite.Unavailability()
	for _, c := range graph.Components() {
		m, err := graph.WhatIf(map[string]availability.Availability{c: availability.Perfect})
		if err != nil {
			return nil, err
		}
		a, err := m.Evaluate(ctx, p.Service, as)
		if err != nil {
			return nil, err
		}
		delta := u - a.Unavailability()
		if delta <= 0 || u == 0 {
			continue
		}
		d, err := availability.FromUnavailability(min(delta, 1))
		if err != nil {
			return nil, err
		}
		out = append(out, Contribution{Component: c, Downtime: downtime(d), Share: min(delta/u, 1)})
	}
	sortContributions(out)
	return out, nil
}

func sortContributions(cs []Contribution) {
	slices.SortStableFunc(cs, func(a, b Contribution) int {
		if a.Downtime != b.Downtime {
			return -cmpDur(a.Downtime, b.Downtime)
		}
		return strings.Compare(a.Component, b.Component)
	})
}

func cmpDur(a, b time.Duration) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// String gives the verdict in one line, e.g. "offer 99.9% monthly is not
// covered under worst-case: composite 99.42% (budget 43m12s per 30-day
// month, design uses 4h10m34s); largest contributors: web1 3h36m0s (86%), …".
func (v Verdict) String() string {
	var b strings.Builder
	state := "is covered"
	if !v.Covered {
		state = "is not covered"
	}
	fmt.Fprintf(&b, "offer %v per %s %s under %v: composite %v (budget %s, design uses %s)",
		v.Target, v.PeriodText(), state, v.Assumption, v.Composite, v.BudgetText(), v.UsesText())
	if len(v.Contributions) > 0 {
		b.WriteString("; largest contributors: ")
		for i, c := range v.Contributions[:min(len(v.Contributions), 4)] {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s %v (%s)", c.Component, roundDur(c.Downtime), pct(c.Share))
		}
		if n := len(v.Contributions) - 4; n > 0 {
			fmt.Fprintf(&b, " and %d more", n)
		}
	}
	return b.String()
}

// PeriodText names the period the figures are per: the convention
// ("30-day month") or, for a windowed objective, the objective's period of
// service hours ("month of service hours").
func (v Verdict) PeriodText() string {
	if !v.Windowed || len(v.Periods) == 0 {
		return v.Convention.String()
	}
	return v.Periods[0].Unit().String() + " of service hours"
}

// BudgetText gives the budget in words: "43m12s per 30-day month", or for
// a windowed objective the range over the periods, "2h42m0s–3h18m0s per
// month of service hours".
func (v Verdict) BudgetText() string {
	return rangeText(v.BudgetMin, v.BudgetMax) + " per " + v.PeriodText()
}

// UsesText gives the design's downtime in words, like BudgetText; in the
// worst case of a windowed objective it is the worst period's.
func (v Verdict) UsesText() string {
	if v.Windowed && v.Guarantee != nil {
		return roundDur(v.Uses).String() + " in the worst " + v.Periods[0].Unit().String() + " (" + v.Periods[v.Guarantee.Worst].Start().Format("January 2006") + ")"
	}
	return rangeText(v.UsesMin, v.UsesMax)
}

func rangeText(lo, hi time.Duration) string {
	lo, hi = roundDur(lo), roundDur(hi)
	if lo == hi {
		return lo.String()
	}
	return lo.String() + "–" + hi.String()
}

// roundDur rounds a downtime for reading: to the second, or to the
// millisecond below a second.
func roundDur(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Second)
}

// pct prints a share in [0, 1] as a whole percentage, or with one decimal
// below 10%.
func pct(x float64) string {
	if x < 0.1 {
		return fmt.Sprintf("%.1f%%", 100*x)
	}
	return fmt.Sprintf("%.0f%%", 100*x)
}
