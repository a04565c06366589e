package proposal

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"
	"github.com/slacalc/slacalc/sla"
)

// Proposal is an SLA offer with everything it rests on: the dependency
// graph of the service, the terms offered to the customer, the suppliers'
// terms that underpin them and, optionally, failure and repair data for
// simulation and a demand profile with the service models to compare.
//
// A Proposal is built in Go or read with [Load] or [Parse]; [Proposal.Validate]
// reports every problem at once, each a [*availability.InputError] with its JSON path.
// The zero Proposal is not valid: it needs at least Service, Model and Offer.
type Proposal struct {
	Name     string // a title for reports, e.g. "Web shop, standard offer"
	Customer string // who the offer is for

	// Service is the node of Model that the offer is about.
	Service string
	// Model is the dependency graph of the service, with the components'
	// availabilities as designed (what we expect, not what suppliers promise).
	Model *availability.Model
	// Offer is the terms offered: the objective (target, period, calendar,
	// counting rules), the credit schedule and the fee per period.
	Offer contract.Terms
	// Suppliers underpin components of Model with their own terms.
	Suppliers []contract.Supplier

	// Failures gives the failure and repair behaviour of components by
	// name, for the simulated credit risk and downtime chart. Components
	// without an entry fail and are repaired exponentially with the mean
	// time to repair Simulation.RepairTime and the availability of Model.
	Failures map[string]Failure
	// Demand, if not nil, is the expected demand for service work; Models
	// are then compared on it (pricing.Compare).
	Demand *pricing.DemandProfile
	Models []pricing.Plan

	// Simulation sizes and seeds the simulations; its zero value is usable.
	Simulation SimulationSettings
	// CommonCauses are groups of redundant components that fail together
	// with a share β of their failures (availability.CommonCause): the
	// middle between independent failures and the worst case. Every
	// evaluation uses [Proposal.Graph], the Model with them applied; Model
	// itself stays the graph as written.
	CommonCauses []availability.CommonCause
}

// Failure is a component's failure and repair behaviour, given by its means
// and the shape of their distributions.
type Failure struct {
	MTBF time.Duration // mean time between failures (mean up time), > 0
	MTTR time.Duration // mean time to repair, > 0
	// FailureShape is the Weibull shape of the time to failure; 0 and 1
	// mean exponential (a constant failure rate), below 1 infant
	// mortality, above 1 wear-out. Otherwise in [MinShape, MaxShape].
	FailureShape float64
	// RepairSigma is the σ of a log-normal time to repair (the usual model
	// of repairs, with a long tail), at most MaxSigma; 0 means exponential.
	RepairSigma float64
	// Maintenance is planned downtime on a fixed cycle; the zero value is none.
	Maintenance availability.Maintenance
}

// Limits of [Failure]'s shape parameters: beyond them the distributions'
// samples leave the range of a time.Duration.
const (
	MinShape = 0.1
	MaxShape = 20
	MaxSigma = 4
)

// Availability returns the steady-state availability MTBF/(MTBF+MTTR).
func (f Failure) Availability() (availability.Availability, error) {
	return availability.FromMTBF(f.MTBF, f.MTTR)
}

// Process returns the failure and repair process with the means of f: a
// Weibull (or exponential) time to failure with mean MTBF and a log-normal
// (or exponential) time to repair with mean MTTR.
func (f Failure) Process() (availability.Process, error) {
	var p availability.Process
	if f.MTBF <= 0 || f.MTTR <= 0 {
		return availability.Process{}, fmt.Errorf("MTBF %v and MTTR %v must be positive", f.MTBF, f.MTTR)
	}
	if f.FailureShape == 0 || f.FailureShape == 1 {
		p.Failure = availability.Exponential(f.MTBF.Hours())
	} else {
		// Mean of Weibull(k, λ) is λ·Γ(1 + 1/k).
		if f.FailureShape < MinShape || f.FailureShape > MaxShape {
			return availability.Process{}, fmt.Errorf("failure shape %g is outside [%g, %g]", f.FailureShape, float64(MinShape), float64(MaxShape))
		}
		scale := float64(f.MTBF) / math.Gamma(1+1/f.FailureShape)
		if !(scale >= 1 && scale < math.MaxInt64/2) {
			return availability.Process{}, fmt.Errorf("the Weibull scale of a mean of %v with shape %g is out of range", f.MTBF, f.FailureShape)
		}
		p.Failure = availability.Weibull(f.FailureShape, scale/float64(time.Hour))
	}
	if f.RepairSigma > MaxSigma {
		return availability.Process{}, fmt.Errorf("repair sigma %g is above %g", f.RepairSigma, float64(MaxSigma))
	}
	if f.RepairSigma == 0 {
		p.Repair = availability.Exponential(f.MTTR.Hours())
	} else {
		// RepairSigma is the σ of the repair time's logarithm; the
		// log-normal's standard deviation is mean·√(exp(σ²) − 1).
		mean := f.MTTR.Hours()
		p.Repair = availability.LogNormal(mean, mean*math.Sqrt(math.Expm1(f.RepairSigma*f.RepairSigma)))
	}
	p.Maintenance = f.Maintenance
	return p, nil
}

// SimulationSettings sizes and seeds the proposal's simulations. The same values
// give the same report.
type SimulationSettings struct {
	// Years is the number of simulated years of calendar months for the
	// credit risk, and of 30-day months (12 a year) for the downtime
	// chart; 0 means DefaultYears. At most MaxYears.
	Years int
	// Seed seeds every random stream.
	Seed uint64
	// Start is the first simulated month, a calendar month in its time
	// zone (sla.CalendarMonth); the zero Period means the calendar month,
	// in UTC, in which the offer becomes effective.
	Start sla.Period
	// RepairTime is the mean time to repair of components without a
	// Failure entry; 0 means DefaultRepairTime.
	RepairTime time.Duration
	// Trials is the number of simulated spans for the comparison of
	// service models; 0 means DefaultTrials.
	Trials int
}

// Defaults and limits of [SimulationSettings].
const (
	DefaultYears      = 400
	MaxYears          = 100_000
	DefaultRepairTime = 4 * time.Hour
	DefaultTrials     = 4000
	MaxTrials         = 10_000_000
)

func (s SimulationSettings) years() int {
	if s.Years == 0 {
		return DefaultYears
	}
	return s.Years
}

func (s SimulationSettings) repairTime() time.Duration {
	if s.RepairTime == 0 {
		return DefaultRepairTime
	}
	return s.RepairTime
}

func (s SimulationSettings) trials() int {
	if s.Trials == 0 {
		return DefaultTrials
	}
	return s.Trials
}

// start returns the first simulated month.
func (p *Proposal) start() (sla.Period, error) {
	if p.Simulation.Start != (sla.Period{}) {
		return p.Simulation.Start, nil
	}
	loc := p.Offer.Objective.Calendar.Location()
	e := p.Offer.Effective.In(loc)
	return sla.CalendarMonth(e.Year(), e.Month(), loc)
}

// Graph returns the dependency graph that evaluations use: Model with the
// common-cause groups applied ([availability.Model.WithCommonCause]), or
// Model itself without groups.
func (p *Proposal) Graph() (*availability.Model, error) {
	if len(p.CommonCauses) == 0 || p.Model == nil {
		return p.Model, nil
	}
	return p.Model.WithCommonCause(p.CommonCauses...)
}

// SupplyChain returns the proposal as a supply chain: the offer on the
// service, underpinned by the suppliers.
func (p *Proposal) SupplyChain() contract.SupplyChain {
	m, err := p.Graph()
	if err != nil {
		m = p.Model // Validate reports the groups' problems
	}
	return contract.SupplyChain{Terms: p.Offer, Model: m, Service: p.Service, Suppliers: p.Suppliers}
}

// Validate reports every problem of the proposal at once, each a
// [*availability.InputError] with the JSON path of the field, joined with errors.Join:
// a missing graph or service node, invalid offer or supplier terms
// (`suppliers[1].terms.fee`), a supplier without terms or providing an
// unknown component, failure data for an unknown component or with
// non-positive means, an invalid demand profile or service model, a demand
// profile without models and the reverse, and simulation sizes out of range.
func (p *Proposal) Validate() error {
	var ps problems
	p.validate(&ps, nil)
	return ps.err()
}

// validate appends the problems of p; missing lists top-level fields the
// JSON left out, whose problems are already reported.
func (p *Proposal) validate(ps *problems, absent map[string]bool) {
	if p.Model == nil && !absent["components"] {
		ps.add("components", "the proposal needs a dependency graph", ErrMissing, nil)
	}
	if p.Model != nil && len(p.CommonCauses) > 0 {
		if _, err := p.Graph(); err != nil {
			for _, e := range unjoin(err) {
				var ie *availability.InputError
				if errors.As(e, &ie) {
					// "groups[1].beta" of WithCommonCause is "commonCauses[1].beta" here.
					ps.add(strings.Replace(ie.Field, "groups", "commonCauses", 1), ie.Problem(), ErrInvalid, e)
					continue
				}
				ps.add("commonCauses", e.Error(), sentinelOf(e), e)
			}
		}
	}
	switch {
	case p.Service == "":
		if !absent["service"] {
			ps.add("service", "must name the node of the graph that is offered", ErrMissing, nil)
		}
	case p.Model != nil && !p.Model.Has(p.Service):
		ps.add("service", strconv.Quote(p.Service)+" is not a node of the graph", ErrUnknown, nil)
	}
	p.validateTerms(ps, absent)
	for _, name := range slices.Sorted(maps.Keys(p.Failures)) {
		f := p.Failures[name]
		path := join("failures", name)
		if p.Model != nil {
			if !p.Model.Has(name) {
				ps.add(path, strconv.Quote(name)+" is not a node of the graph", ErrUnknown, nil)
			} else if !isComponent(p.Model, name) {
				ps.add(path, strconv.Quote(name)+" is a group, not a component with an availability of its own", ErrUnknown, nil)
			}
		}
		if f.MTBF <= 0 {
			ps.add(join(path, "mtbf"), f.MTBF.String()+" must be positive", ErrInvalid, nil)
		}
		if f.MTTR <= 0 {
			ps.add(join(path, "mttr"), f.MTTR.String()+" must be positive", ErrInvalid, nil)
		}
		if !(f.FailureShape >= 0) || math.IsInf(f.FailureShape, 0) {
			ps.add(join(path, "failureShape"), fmt.Sprint(f.FailureShape)+" must be a finite number ≥ 0", ErrInvalid, nil)
		}
		if !(f.RepairSigma >= 0) || math.IsInf(f.RepairSigma, 0) {
			ps.add(join(path, "repairSigma"), fmt.Sprint(f.RepairSigma)+" must be a finite number ≥ 0", ErrInvalid, nil)
		}
		m := f.Maintenance
		if m != (availability.Maintenance{}) && (m.Every <= 0 || m.Duration <= 0 || m.Duration >= m.Every || m.Offset < 0) {
			ps.add(join(path, "maintenance"), fmt.Sprintf("every %v for %v at %v: want 0 < duration < every and offset ≥ 0", m.Every, m.Duration, m.Offset), ErrInvalid, nil)
		}
		if f.MTBF > 0 && f.MTTR > 0 && !(f.FailureShape < 0) && !(f.RepairSigma < 0) {
			if _, err := f.Process(); err != nil {
				ps.add(path, err.Error(), ErrInvalid, err)
			}
		}
	}
	switch {
	case p.Demand != nil && len(p.Models) == 0 && !absent["models"]:
		ps.add("models", "a demand profile needs service models to compare", ErrMissing, nil)
	case p.Demand == nil && len(p.Models) > 0 && !absent["demand"]:
		ps.add("demand", "service models need a demand profile to be compared on", ErrMissing, nil)
	}
	if p.Demand != nil {
		addContract(ps, "demand", p.Demand.Validate())
	}
	for i, m := range p.Models {
		path := "models[" + strconv.Itoa(i) + "]"
		if m == nil {
			ps.add(path, "is nil", ErrMissing, nil)
			continue
		}
		addContract(ps, join(path, modelKind(m)), m.Validate())
	}
	s := p.Simulation
	if s.Years < 0 || s.Years > MaxYears {
		ps.add("simulation.years", strconv.Itoa(s.Years)+" is outside [0, "+strconv.Itoa(MaxYears)+"]", ErrInvalid, nil)
	}
	if s.Trials < 0 || s.Trials > MaxTrials {
		ps.add("simulation.trials", strconv.Itoa(s.Trials)+" is outside [0, "+strconv.Itoa(MaxTrials)+"]", ErrInvalid, nil)
	}
	if s.RepairTime < 0 {
		ps.add("simulation.repairTime", s.RepairTime.String()+" must not be negative", ErrInvalid, nil)
	}
	if s.Start != (sla.Period{}) && s.Start.Unit() != sla.Month {
		ps.add("simulation.start", s.Start.String()+" is not a calendar month", ErrInvalid, nil)
	}
}

// validateTerms checks the offer and the suppliers with
// contract.SupplyChain.Validate and re-labels its problems with JSON paths.
func (p *Proposal) validateTerms(ps *problems, absent map[string]bool) {
	for i, s := range p.Suppliers {
		if s.Terms.Fee == (money.Money{}) && s.Terms.Effective.IsZero() && s.Terms.Objective.Target == (availability.Availability{}) {
			if !absent["suppliers["+strconv.Itoa(i)+"].terms"] {
				ps.add("suppliers["+strconv.Itoa(i)+"].terms", "supplier "+supplierLabel(s, i)+" has no terms", ErrMissing, nil)
			}
		}
	}
	noTerms := func(path string) bool {
		if absent[path] {
			return true
		}
		for i, s := range p.Suppliers {
			pre := "suppliers[" + strconv.Itoa(i) + "].terms"
			if (path == pre || len(path) > len(pre) && path[:len(pre)+1] == pre+".") &&
				s.Terms.Fee == (money.Money{}) && s.Terms.Effective.IsZero() && s.Terms.Objective.Target == (availability.Availability{}) {
				return true
			}
		}
		return false
	}
	err := p.SupplyChain().Validate()
	for _, e := range unjoin(err) {
		var fe *availability.InputError
		if !errors.As(e, &fe) {
			ps.add("", e.Error(), ErrInvalid, e)
			continue
		}
		path := jsonPath(goField(fe))
		switch {
		case goField(fe) == "Model":
			continue // reported as "components"
		case goField(fe) == "Service":
			continue // reported above
		case path == "terms" || len(path) > 6 && path[:6] == "terms.":
			path = "offer" + path[5:]
			if absent["offer"] {
				continue
			}
		}
		if noTerms(path) {
			continue
		}
		sentinel := ErrInvalid
		if errors.Is(e, contract.ErrUnknownComponent) {
			sentinel = ErrUnknown
		}
		ps.add(path, fe.Problem(), sentinel, e)
	}
}

// addContract adds the *contract.FieldErrors joined in err under path.
func addContract(ps *problems, path string, err error) {
	for _, e := range unjoin(err) {
		var fe *availability.InputError
		if errors.As(e, &fe) {
			ps.add(join(path, jsonPath(goField(fe))), fe.Problem(), ErrInvalid, e)
			continue
		}
		ps.add(path, e.Error(), ErrInvalid, e)
	}
}

func supplierLabel(s contract.Supplier, i int) string {
	if s.Name != "" {
		return strconv.Quote(s.Name)
	}
	return strconv.Itoa(i)
}

func isComponent(m *availability.Model, name string) bool {
	spec, err := m.Spec(name)
	return err == nil && spec.Availability != nil
}
