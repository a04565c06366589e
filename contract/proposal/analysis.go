package proposal

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/pricing"
	"github.com/slacalc/slacalc/sla"
)

// Analysis holds every figure of a proposal's report. It is computed once
// by [Analyze] and rendered by [Analysis.WriteMarkdown] and
// [Analysis.WriteSVG]; the same proposal gives the same analysis.
type Analysis struct {
	Proposal *Proposal
	// Verdicts are the design against the offer under Independent,
	// WorstCase and BestCase, in that order.
	Verdicts [3]Verdict
	// Downtime is the downtime the offered target allows per day, week,
	// month, quarter and year (sla.FixedScale), with the basis stated.
	Downtime sla.DowntimeTable
	// Importance lists the components by decreasing criticality for the
	// service, under independent failures.
	Importance []availability.Importance
	// SinglePoints are the components whose failure alone takes the
	// service down, by decreasing unavailability.
	SinglePoints []string
	// Mermaid and DOT draw the dependency graph (availability.Model.Mermaid
	// and availability.Model.DOT).
	Mermaid, DOT string
	// Coverage compares the offer with the suppliers' targets; nil without
	// suppliers.
	Coverage *contract.Coverage
	// Gaps lists in words what the suppliers do not cover: availability
	// (Cover.Gaps) and response times (Cover.ResponseGaps).
	Gaps []string
	// Risk is the simulated credit risk of the offer; nil when the offer is
	// not monthly.
	Risk *contract.Risk
	// CommonCause is the sensitivity of the service to common causes in
	// each redundancy of the graph whose parts are leaf components of
	// equal availability.
	CommonCause []Sensitivity
	// Frequency is how often the service goes down and for how long,
	// under independent failures (availability.Model.OutageFrequency),
	// with the components' failure data and the simulation's repair time.
	Frequency availability.Frequency
	// Monthly is the simulated downtime of the service per month, for the
	// chart: in 30-day months, measured around the clock without counting
	// rules, for an objective measured 7×24; for a windowed objective, the
	// downtime inside the service window of each simulated calendar month
	// (Risk.PeriodUnavailability), scaled to a month of MonthlyBasis
	// service time, so that the credit thresholds are exact for every
	// month whatever its service hours.
	Monthly []time.Duration
	// MonthlyBasis is the service time a bar of Monthly stands for: 720 h
	// for 30-day months, or the mean service time of the objective's
	// periods.
	MonthlyBasis time.Duration
	// Comparison compares the service models on the demand; nil without
	// a demand profile.
	Comparison *pricing.Comparison
}

// Analyze validates the proposal and computes its analysis. The
// simulations use the proposal's Simulation settings and are deterministic.
func Analyze(ctx context.Context, p *Proposal) (*Analysis, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	a := &Analysis{Proposal: p}
	var err error
	for i, as := range []availability.Assumption{availability.Independent, availability.WorstCase, availability.BestCase} {
		if a.Verdicts[i], err = p.Verdict(ctx, as); err != nil {
			return nil, err
		}
	}
	if a.Downtime, err = sla.NewDowntimeTable(p.Offer.Objective.Target, sla.FixedScale()); err != nil {
		return nil, err
	}
	graph, err := p.Graph()
	if err != nil {
		return nil, err
	}
	if a.Importance, err = graph.Importance(ctx, p.Service); err != nil {
		return nil, err
	}
	if a.SinglePoints, err = graph.SinglePointsOfFailure(ctx, p.Service); err != nil {
		return nil, err
	}
	if a.Mermaid, err = graph.Mermaid(ctx, p.Service); err != nil {
		return nil, err
	}
	if a.DOT, err = graph.DOT(ctx, p.Service); err != nil {
		return nil, err
	}
	if len(p.Suppliers) > 0 {
		c, err := p.Cover(ctx)
		if err != nil {
			return nil, err
		}
		a.Coverage, a.Gaps = &c.Coverage, append(c.Gaps, c.ResponseGaps...)
	}
	procs, err := p.processes()
	if err != nil {
		return nil, err
	}
	if a.CommonCause, err = p.commonCauseSensitivity(ctx); err != nil {
		return nil, err
	}
	if a.Frequency, err = graph.OutageFrequency(ctx, p.Service, procs, p.Simulation.repairTime()); err != nil {
		return nil, err
	}
	if cr := p.Offer.Credits; p.Offer.Objective.Period == sla.Month && (len(cr.Tiers) > 0 || !cr.ProRata.IsZero() || !cr.PerDowntime.IsZero()) {
		if a.Risk, err = p.CreditRisk(ctx); err != nil {
			return nil, err
		}
	}
	sim, err := graph.Simulate(ctx, availability.SimulationConfig{
		Node: p.Service, Processes: procs, RepairTime: p.Simulation.repairTime(),
		Horizon: sla.Month30d.Length(), Runs: 12 * p.Simulation.years(), Seed: p.Simulation.Seed,
	})
	if err != nil {
		return nil, err
	}
	a.Monthly = make([]time.Duration, len(sim.Runs))
	for i, r := range sim.Runs {
		a.Monthly[i] = r.Downtime
	}
	a.MonthlyBasis = sla.Month30d.Length()
	if v := a.Verdicts[0]; v.Windowed && a.Risk != nil {
		var sum time.Duration
		for _, q := range v.Periods {
			s, err := p.Offer.Objective.Calendar.ServiceTime(q)
			if err != nil {
				return nil, err
			}
			sum += s
		}
		a.MonthlyBasis = sum / time.Duration(len(v.Periods))
		a.Monthly = make([]time.Duration, len(a.Risk.PeriodUnavailability))
		for i, u := range a.Risk.PeriodUnavailability {
			a.Monthly[i] = time.Duration(u * float64(a.MonthlyBasis))
		}
	}
	if p.Demand != nil && len(p.Models) > 0 {
		if a.Comparison, err = pricing.Compare(ctx, *p.Demand, p.Models, pricing.CompareOptions{Trials: p.Simulation.trials(), Seed: p.Simulation.Seed}); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// CreditRisk simulates the offer's monthly credits (contract.CreditRisk):
// calendar months from Simulation.Start, measured with the offer's
// calendar and counting rules, the components failing as in Failures.
func (p *Proposal) CreditRisk(ctx context.Context) (*contract.Risk, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	procs, err := p.processes()
	if err != nil {
		return nil, err
	}
	start, err := p.start()
	if err != nil {
		return nil, err
	}
	graph, err := p.Graph()
	if err != nil {
		return nil, err
	}
	return contract.CreditRisk(ctx, contract.CreditRiskConfig{
		Model: graph, Node: p.Service, Processes: procs, RepairTime: p.Simulation.repairTime(),
		Start: start, Calendar: p.Offer.Objective.Calendar, Rules: p.Offer.Objective.Rules,
		Target: p.Offer.Objective.Target, Schedule: p.Offer.Credits, Fee: p.Offer.Fee, Years: p.Simulation.years(), Seed: p.Simulation.Seed,
	})
}

// processes returns the failure processes of the components with failure data.
func (p *Proposal) processes() (map[string]availability.Process, error) {
	if len(p.Failures) == 0 {
		return nil, nil
	}
	out := make(map[string]availability.Process, len(p.Failures))
	for name, f := range p.Failures {
		pr, err := f.Process()
		if err != nil {
			return nil, &availability.InputError{Func: "proposal", Field: join("failures", name), Reason: err.Error(), Err: ErrInvalid, Cause: err}
		}
		out[name] = pr
	}
	return out, nil
}

// Cover is the suppliers' cover of the offer: contract.SupplyChain.Coverage
// (with, for each supplied component, what it needs independently and in
// the worst case) and the gaps in words.
type Cover struct {
	Coverage contract.Coverage
	// Gaps lists in words the availability the suppliers do not cover in
	// the worst case; empty when they cover it all.
	Gaps []string
	// ResponseGaps lists the suppliers' response and resolution targets
	// that can end after ours.
	ResponseGaps []string
}

// Cover compares the offer with what the suppliers promise: the service
// with every supplied component at its supplier's target, under
// independent failures and in the worst case; what each supplier would
// have to promise under each; and whether their response and resolution
// targets fit inside the offer's, for tickets opened at every hour of the
// first full week of the first simulated month.
func (p *Proposal) Cover(ctx context.Context) (Cover, error) {
	var a Cover
	if err := p.Validate(); err != nil {
		return a, err
	}
	start, err := p.start()
	if err != nil {
		return a, err
	}
	// Response targets are compared over the week from the first Monday
	// of the first simulated month.
	week := start.Start()
	for week.Weekday() != time.Monday {
		week = week.AddDate(0, 0, 1)
	}
	cov, err := p.SupplyChain().Coverage(ctx, week)
	if err != nil {
		return a, err
	}
	a.Coverage = cov
	target := p.Offer.Objective.Target
	for _, al := range cov.Allocations {
		switch {
		case !al.ReachableWorstCase:
			a.Gaps = append(a.Gaps, al.Supplier+" ("+al.Component+"): the offer cannot be guaranteed in the worst case even if "+al.Component+" never fails")
		case !al.CoveredWorstCase && al.WorstCase.Unavailability() < 1e-12:
			// The bisection's last steps are float64 noise next to 100%.
			a.Gaps = append(a.Gaps, al.Supplier+" ("+al.Component+") promises "+al.Promised.String()+"; the worst case needs it never to fail: no promise is enough")
		case !al.CoveredWorstCase:
			a.Gaps = append(a.Gaps, al.Supplier+" ("+al.Component+") promises "+al.Promised.String()+"; the worst case needs "+al.WorstCase.String())
		}
	}
	switch g := cov.Guarantee; {
	case cov.WorstCase.Compare(target) < 0:
		a.Gaps = append(a.Gaps, "with every supplier at its target the service reaches "+cov.WorstCase.String()+" in the worst case, below the offered "+target.String())
	case !g.Covered:
		worst := g.Periods[g.Worst]
		a.Gaps = append(a.Gaps, fmt.Sprintf("with every supplier at its target the service is guaranteed only %v in %s, below the offered %v: the suppliers' windows and periods differ from ours",
			worst.Guaranteed, worst.Period.Start().Format("January 2006"), target))
	}
	if g := cov.Guarantee; len(g.Periods) > 0 {
		worst := g.Periods[g.Worst]
		seen := map[string]bool{}
		for _, s := range p.Suppliers {
			for _, c := range s.Components {
				for _, why := range worst.Parts[c].Reasons {
					if !seen[why] {
						seen[why] = true
						a.Gaps = append(a.Gaps, why)
					}
				}
			}
		}
	}
	for _, r := range cov.Responses {
		if !r.Fits {
			a.ResponseGaps = append(a.ResponseGaps, r.Supplier+" "+r.Priority+" "+r.Target+": "+r.Reason)
		}
	}
	return a, nil
}

func availabilityOf(u float64) (availability.Availability, error) {
	return availability.FromUnavailability(u)
}

// Sensitivity is the service's availability, under independent failures,
// when a share β of the failures of one redundancy's parts is common to
// them (availability.CommonCause), for each β of Betas.
type Sensitivity struct {
	Group   string                      // the redundant node, e.g. "web"
	Members []string                    // its parts
	Betas   []float64                   // the common shares, fractions
	Service []availability.Availability // the service at each β
}

// sensitivityBetas are the common shares a report shows.
var sensitivityBetas = []float64{0, 0.01, 0.05, 0.1, 0.2}

// commonCauseSensitivity evaluates the service with a beta-factor group on
// the parts of every redundancy (a node that needs any or k of its
// dependencies) whose parts are leaf components of equal availability.
func (p *Proposal) commonCauseSensitivity(ctx context.Context) ([]Sensitivity, error) {
	var out []Sensitivity
	for _, s := range p.Model.Specs() {
		if s.Requires == availability.RequireAll || len(s.DependsOn) < 2 {
			continue
		}
		eligible := true
		var q *availability.Availability
		for _, d := range s.DependsOn {
			spec, err := p.Model.Spec(d)
			if err != nil {
				return nil, err
			}
			if spec.Availability == nil || len(spec.DependsOn) > 0 || q != nil && *spec.Availability != *q {
				eligible = false
				break
			}
			q = spec.Availability
		}
		if !eligible {
			continue
		}
		sv := Sensitivity{Group: s.Name, Members: slices.Clone(s.DependsOn), Betas: slices.Clone(sensitivityBetas)}
		for _, beta := range sv.Betas {
			m, err := p.Model.WithCommonCause(availability.CommonCause{Name: s.Name, Beta: beta, Members: s.DependsOn})
			if err != nil {
				return nil, err
			}
			a, err := m.Evaluate(ctx, p.Service, availability.Independent)
			if err != nil {
				return nil, err
			}
			sv.Service = append(sv.Service, a)
		}
		out = append(out, sv)
	}
	return out, nil
}
