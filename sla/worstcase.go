package sla

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
)

// Allowance is the most downtime that one part of a service may cause
// inside our service time in one of our periods while it keeps its own
// promise: the worst case in time. A promise is an [Objective] with its own
// target T, measurement calendar and period. For our period p, with S_p
// our service time in p:
//
//		Worst = min(S_p, U_p + Σ_q min((1 − T)·M_q, O_q) + C_p)
//
//	  - U_p (Unmeasured) is the part of our service time in p that the
//	    promise's calendar does not measure: the part may be down all of it
//	    without breaking its promise;
//	  - the sum runs over the promise's own periods q that overlap p (one
//	    for equal periods; a quarterly promise may spend a whole quarter's
//	    allowance in one of our months): (1 − T)·M_q is its allowance in q,
//	    M_q its measured time in q, and O_q the time that both calendars
//	    serve in q ∩ p, the most of the allowance that can land in our
//	    service time (Allowed);
//	  - C_p (Uncounted) is what the promise's counting rules let go
//	    uncounted beyond ours: a time-slice threshold θ leaves up to θ of
//	    every slice, so θ·O; rules that ignore short outages, round them
//	    down or exclude kinds we count leave no bound at all (Unbounded),
//	    and then Worst is S_p.
//
// With equal calendars, periods and rules this is (1 − T)·S_p, the
// classic budget. It never exceeds the bound of the formula with M_q in
// place of O_q, and never exceeds S_p.
type Allowance struct {
	Period      Period        // our period
	ServiceTime time.Duration // S_p: our service time in the period
	Unmeasured  time.Duration // U_p: our service time that the promise does not measure
	Allowed     time.Duration // Σ_q min((1 − T)·M_q, O_q): the promise's allowances that can fall in our service time
	Uncounted   time.Duration // C_p: downtime the promise's counting rules do not count but ours do (bounded part)
	Unbounded   bool          // the promise's counting rules bound nothing: Worst is ServiceTime
	Worst       time.Duration // the most downtime inside our service time in the period
	// Reasons say in words what makes Worst larger than the classic
	// (1 − T)·S_p: an unmeasured window, a longer measurement period, a
	// counting rule. Empty when the promise matches ours.
	Reasons []string
}

// Share returns Worst as a fraction of the service time (0 without
// service time).
func (a Allowance) Share() float64 {
	if a.ServiceTime <= 0 {
		return 0
	}
	return min(1, float64(a.Worst)/float64(a.ServiceTime))
}

// WorstCaseIn returns the [Allowance] of the promise o inside the service
// time of our objective during our period p: how much downtime o's part
// may cause in our window while keeping o. A promise whose Period is
// [Window] without a length is taken as measured over our own periods.
func (o Objective) WorstCaseIn(ours Objective, p Period) (Allowance, error) {
	const fn = "Objective.WorstCaseIn"
	if err := o.validate(fn); err != nil {
		return Allowance{}, err
	}
	if err := ours.validate(fn); err != nil {
		return Allowance{}, err
	}
	a := Allowance{Period: p}
	oursSpans, err := ours.Calendar.Spans(p.Start(), p.End())
	if err != nil {
		return Allowance{}, err
	}
	a.ServiceTime = total(oursSpans)
	qs, err := o.periodsOver(p)
	if err != nil {
		return Allowance{}, err
	}
	var both, measured time.Duration // time both calendars serve within p; the promise's measured time in its periods
	for _, q := range qs {
		m, err := o.Calendar.ServiceTime(q)
		if err != nil {
			return Allowance{}, err
		}
		from, to := maxTime(q.Start(), p.Start()), minTime(q.End(), p.End())
		theirs, err := o.Calendar.Spans(from, to)
		if err != nil {
			return Allowance{}, err
		}
		overlap := total(intersect(clip(oursSpans, from, to), theirs))
		both += overlap
		measured += m
		a.Allowed += min(o.Target.Downtime(m), overlap)
	}
	if measured > both && a.Allowed > o.Target.Downtime(both) {
		a.Reasons = append(a.Reasons, fmt.Sprintf("%s measures %v, %v of it outside our service time: its allowance of %v may fall inside our window, %s of it",
			o.label(), measured.Round(time.Second), (measured-both).Round(time.Second), a.Allowed.Round(time.Second), pctText(float64(a.Allowed)/float64(max(a.ServiceTime, 1)))))
	}
	a.Unmeasured = a.ServiceTime - both
	if a.Unmeasured > 0 {
		a.Reasons = append(a.Reasons, fmt.Sprintf("%s does not measure %v of our service time (%s of it): it may be down all of that time",
			o.label(), a.Unmeasured.Round(time.Second), pctText(float64(a.Unmeasured)/float64(a.ServiceTime))))
	}
	if len(qs) > 1 || len(qs) == 1 && (qs[0].Start().Before(p.Start()) || qs[0].End().After(p.End())) {
		a.Reasons = append(a.Reasons, fmt.Sprintf("%s is measured per %v, not per %v: the allowance of a whole %v may fall in one of ours",
			o.label(), o.periodName(), ours.periodName(), o.periodName()))
	}
	if o.Calendar.Location().String() != ours.Calendar.Location().String() && o.Period != Window {
		a.Reasons = append(a.Reasons, fmt.Sprintf("%s counts its periods in %v, ours in %v", o.label(), o.Calendar.Location(), ours.Calendar.Location()))
	}
	uncounted, unbounded, why := rulesGap(o.Rules, ours.Rules)
	a.Reasons = append(a.Reasons, why...)
	a.Uncounted = time.Duration(math.Round(uncounted * float64(both)))
	a.Unbounded = unbounded
	switch {
	case unbounded:
		a.Worst = a.ServiceTime
	default:
		a.Worst = min(a.ServiceTime, a.Unmeasured+a.Allowed+a.Uncounted)
	}
	return a, nil
}

// periodsOver returns the promise's own periods that overlap p, in order.
func (o Objective) periodsOver(p Period) ([]Period, error) {
	const maxPeriods = 10_000
	switch {
	case o.Period == Window && o.Window == 0:
		return []Period{p}, nil
	case o.Period == Window:
		var out []Period
		for t := p.Start(); t.Before(p.End()); t = t.Add(o.Window) {
			q, err := NewPeriod(t, t.Add(o.Window))
			if err != nil {
				return nil, err
			}
			if out = append(out, q); len(out) > maxPeriods {
				return nil, inputErr("Objective.WorstCaseIn", "objective.window", o.Window.String(), fmt.Sprintf("cuts the period into more than %d windows", maxPeriods), ErrRange)
			}
		}
		return out, nil
	}
	q, err := CalendarPeriod(o.Period, p.Start(), o.Calendar.Location())
	if err != nil {
		return nil, err
	}
	var out []Period
	for ; q.Start().Before(p.End()); q = q.Next() {
		if out = append(out, q); len(out) > maxPeriods {
			return nil, inputErr("Objective.WorstCaseIn", "objective.period", o.Period.String(), fmt.Sprintf("has more than %d periods in ours", maxPeriods), ErrRange)
		}
	}
	return out, nil
}

func (o Objective) label() string {
	if o.Name != "" {
		return o.Name
	}
	return "the promise"
}

func (o Objective) periodName() string {
	switch {
	case o.Period == Window && o.Window == 0:
		return "period"
	case o.Period == Window:
		return "rolling " + o.Window.String()
	}
	return o.Period.String()
}

// rulesGap compares a promise's counting rules with ours: the fraction of
// the commonly served time that can go uncounted, whether nothing bounds
// it, and why.
func rulesGap(theirs, ours CountingRules) (float64, bool, []string) {
	var why []string
	unbounded := false
	for _, k := range theirs.Exclude {
		if !slices.Contains(ours.Exclude, k) {
			unbounded = true
			why = append(why, fmt.Sprintf("its rules exclude %v outages, which ours count: any amount of them may fall in our window", k))
		}
	}
	if theirs.MinOutage > ours.MinOutage {
		unbounded = true
		why = append(why, fmt.Sprintf("its rules ignore outages under %v (ours under %v): any number of them may fall in our window", theirs.MinOutage, ours.MinOutage))
	}
	if theirs.Granularity > 0 && (ours.Granularity < theirs.Granularity || ours.Granularity%theirs.Granularity != 0) {
		unbounded = true
		why = append(why, fmt.Sprintf("its rules round each outage down to whole %v: any number of outages shorter than that go uncounted", theirs.Granularity))
	}
	frac := 0.0
	if theirs.Slice > 0 && !theirs.Proportional {
		oursSame := ours.Slice == theirs.Slice && !ours.Proportional && ours.SliceThreshold >= theirs.SliceThreshold
		if !oursSame && theirs.SliceThreshold > 0 {
			frac = theirs.SliceThreshold
			why = append(why, fmt.Sprintf("its rules count a %v slice as down only above %s errors: up to %s of every slice goes uncounted",
				theirs.Slice, pctText(theirs.SliceThreshold), pctText(theirs.SliceThreshold)))
		}
	}
	return frac, unbounded, why
}

func pctText(x float64) string {
	s := fmt.Sprintf("%.1f", 100*x)
	return strings.TrimSuffix(s, ".0") + "%"
}

func total(iv []Interval) time.Duration {
	var d time.Duration
	for _, i := range iv {
		d += i.Length()
	}
	return d
}

// clip returns the parts of the sorted intervals within [from, to).
func clip(iv []Interval, from, to time.Time) []Interval {
	var out []Interval
	for _, i := range iv {
		a, b := maxTime(i.Start, from), minTime(i.End, to)
		if a.Before(b) {
			out = append(out, Interval{Start: a, End: b})
		}
	}
	return out
}

// intersect returns the intersection of two sorted lists of disjoint
// intervals.
func intersect(a, b []Interval) []Interval {
	var out []Interval
	for i, j := 0, 0; i < len(a) && j < len(b); {
		s, e := maxTime(a[i].Start, b[j].Start), minTime(a[i].End, b[j].End)
		if s.Before(e) {
			out = append(out, Interval{Start: s, End: e})
		}
		if a[i].End.Before(b[j].End) {
			i++
		} else {
			j++
		}
	}
	return out
}

// Guarantee is what a service can guarantee in each of our periods in
// the worst case in time: every part's downtime placed where it hurts most
// (inside our window, all of a longer period's allowance in one of our
// periods), composed through the dependency graph in the worst case of
// correlation (series add up, redundancy only as much as the parts'
// downtimes must overlap), window by window.
type Guarantee struct {
	Objective Objective
	Periods   []PeriodGuarantee // our periods, in order
	// Lowest is the lowest guaranteed availability over the periods, and
	// Worst the period in which it falls.
	Lowest availability.Availability
	Worst  int
	// Covered reports that every period's guarantee reaches the target.
	Covered bool
}

// PeriodGuarantee is the guarantee for one of our periods.
type PeriodGuarantee struct {
	Period      Period
	ServiceTime time.Duration             // S_p
	Budget      time.Duration             // (1 − target)·S_p
	Downtime    time.Duration             // the most downtime inside the service time, composed through the graph
	Guaranteed  availability.Availability // 1 − Downtime/S_p (100% without service time)
	Covered     bool                      // Guaranteed reaches the target
	// Parts are the allowances of the graph's components, by name.
	Parts map[string]Allowance
}

// GuaranteeOver evaluates the guarantee of node in m for the objective
// ours over its periods from the one containing start, count of them.
// promises gives the promise of each component that has one (a supplier's
// objective); every other component's availability in m is taken as a
// promise measured around the clock over our own periods in our time
// zone: a long-run 99% part may spend all of its 1% of a period inside our
// window.
func GuaranteeOver(ctx context.Context, m *availability.Model, node string, ours Objective, promises map[string]Objective, start time.Time, count int) (Guarantee, error) {
	const fn = "GuaranteeOver"
	if err := ours.validate(fn); err != nil {
		return Guarantee{}, err
	}
	if m == nil || !m.Has(node) {
		return Guarantee{}, inputErr(fn, "node", fmt.Sprintf("%q", node), "is not a node of the model", ErrRange)
	}
	if count < 1 || count > 1200 {
		return Guarantee{}, inputErr(fn, "count", fmt.Sprint(count), "is outside [1, 1200]", ErrRange)
	}
	unit := ours.Period
	if unit == Window {
		unit = Month // a rolling or any-period objective is guaranteed per calendar month
	}
	p, err := CalendarPeriod(unit, start, ours.Calendar.Location())
	if err != nil {
		return Guarantee{}, err
	}
	always, err := Always(ours.Calendar.Location())
	if err != nil {
		return Guarantee{}, err
	}
	comps := m.Components()
	g := Guarantee{Objective: ours, Covered: true}
	for i := range count {
		pg := PeriodGuarantee{Period: p, Parts: make(map[string]Allowance, len(comps))}
		overrides := make(map[string]availability.Availability, len(comps))
		for _, c := range comps {
			pr, ok := promises[c]
			if !ok {
				spec, err := m.Spec(c)
				if err != nil {
					return Guarantee{}, err
				}
				pr = Objective{Name: c, Target: *spec.Availability, Period: unit, Calendar: always, Rules: ours.Rules}
			}
			if pr.Name == "" {
				pr.Name = c
			}
			a, err := pr.WorstCaseIn(ours, p)
			if err != nil {
				return Guarantee{}, err
			}
			pg.Parts[c] = a
			pg.ServiceTime = a.ServiceTime
			u, err := availability.FromUnavailability(a.Share())
			if err != nil {
				return Guarantee{}, err
			}
			overrides[c] = u
		}
		if len(comps) == 0 {
			if pg.ServiceTime, err = ours.Calendar.ServiceTime(p); err != nil {
				return Guarantee{}, err
			}
		}
		pg.Budget = ours.Target.Downtime(pg.ServiceTime)
		wm, err := m.WhatIf(overrides)
		if err != nil {
			return Guarantee{}, err
		}
		wc, err := wm.Evaluate(ctx, node, availability.WorstCase)
		if err != nil {
			return Guarantee{}, err
		}
		pg.Downtime = wc.Downtime(pg.ServiceTime)
		pg.Guaranteed = wc
		if pg.ServiceTime == 0 {
			pg.Guaranteed = availability.Perfect
		}
		pg.Covered = pg.Guaranteed.Compare(ours.Target) >= 0
		g.Covered = g.Covered && pg.Covered
		if i == 0 || pg.Guaranteed.Compare(g.Lowest) < 0 {
			g.Lowest, g.Worst = pg.Guaranteed, i
		}
		g.Periods = append(g.Periods, pg)
		p = p.Next()
	}
	return g, nil
}
