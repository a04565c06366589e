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
func (p *Proposal) Verdict(ctx context.Context, as availability.Assumption) (Verdict, error) {
	if p.Model == nil || !p.Model.Has(p.Service) {
		return Verdict{}, &availability.InputError{Func: "proposal", Field: "service", Reason: "the proposal has no graph with its service node", Err: ErrMissing}
	}
	v := Verdict{Assumption: as, Target: p.Offer.Objective.Target, Convention: Convention(p.Offer.Objective.Period)}
	var err error
	if v.Composite, err = p.Model.Evaluate(ctx, p.Service, as); err != nil {
		return Verdict{}, err
	}
	v.Covered = v.Composite.Compare(v.Target) >= 0
	v.Budget = v.Convention.Downtime(v.Target)
	v.Uses = v.Convention.Downtime(v.Composite)
	u := v.Composite.Unavailability()
	for _, c := range p.Model.Components() {
		m, err := p.Model.WhatIf(map[string]availability.Availability{c: availability.Perfect})
		if err != nil {
			return Verdict{}, err
		}
		a, err := m.Evaluate(ctx, p.Service, as)
		if err != nil {
			return Verdict{}, err
		}
		delta := u - a.Unavailability()
		if delta <= 0 || u == 0 {
			continue
		}
		d, err := availability.FromUnavailability(min(delta, 1))
		if err != nil {
			return Verdict{}, err
		}
		v.Contributions = append(v.Contributions, Contribution{Component: c, Downtime: v.Convention.Downtime(d), Share: min(delta/u, 1)})
	}
	slices.SortStableFunc(v.Contributions, func(a, b Contribution) int {
		if a.Downtime != b.Downtime {
			return -cmpDur(a.Downtime, b.Downtime)
		}
		return strings.Compare(a.Component, b.Component)
	})
	return v, nil
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
	fmt.Fprintf(&b, "offer %v per %v %s under %v: composite %v (budget %v per %v, design uses %v)",
		v.Target, v.Convention, state, v.Assumption, v.Composite, roundDur(v.Budget), v.Convention, roundDur(v.Uses))
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
