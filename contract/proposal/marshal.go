package proposal

import (
	"encoding/json"
	"errors"
	"math/big"
	"strconv"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"
	"github.com/slacalc/slacalc/sla"
)

// proposalJSON is the JSON form of a Proposal, for MarshalJSON.
type proposalJSON struct {
	Name       string                    `json:"name,omitempty"`
	Customer   string                    `json:"customer,omitempty"`
	Service    string                    `json:"service"`
	Components []availability.NodeSpec   `json:"components"`
	Common     []commonCauseJSON         `json:"commonCauses,omitempty"`
	Offer      contract.Terms            `json:"offer"`
	Suppliers  []contract.Supplier       `json:"suppliers,omitempty"`
	Failures   map[string]failureJSON    `json:"failures,omitempty"`
	Demand     *demandJSON               `json:"demand,omitempty"`
	Models     []map[string]pricing.Plan `json:"models,omitempty"`
	Simulation *simulationJSON           `json:"simulation,omitempty"`
}

type demandJSON struct {
	IncidentsPerYear float64                   `json:"incidentsPerYear"`
	HoursPerIncident availability.Distribution `json:"hoursPerIncident"`
	UnitsPerMonth    availability.Distribution `json:"unitsPerMonth"`
	Months           int                       `json:"months,omitempty"`
}

type simulationJSON struct {
	Years      int    `json:"years,omitempty"`
	Seed       uint64 `json:"seed,omitempty"`
	Start      string `json:"start,omitempty"`
	Zone       string `json:"zone,omitempty"`
	RepairTime string `json:"repairTime,omitempty"`
	Trials     int    `json:"trials,omitempty"`
}

// MarshalJSON implements json.Marshaler with the format of the package
// documentation, which [Parse] reads back. The proposal must have a model
// and only service models of package contract's types.
func (p *Proposal) MarshalJSON() ([]byte, error) {
	if p.Model == nil {
		return nil, &availability.InputError{Func: "proposal", Field: "components", Reason: "the proposal has no dependency graph", Err: ErrMissing}
	}
	v := proposalJSON{Name: p.Name, Customer: p.Customer, Service: p.Service, Components: p.Model.Specs(), Offer: p.Offer, Suppliers: p.Suppliers}
	for _, g := range p.CommonCauses {
		v.Common = append(v.Common, commonCauseJSON{Name: g.Name, Beta: betaShare(g.Beta), Members: g.Members})
	}
	if len(p.Failures) > 0 {
		v.Failures = make(map[string]failureJSON, len(p.Failures))
		for name, f := range p.Failures {
			fj := failureJSON{MTBF: f.MTBF.String(), MTTR: f.MTTR.String(), FailureShape: f.FailureShape, RepairSigma: f.RepairSigma}
			if m := f.Maintenance; m != (availability.Maintenance{}) {
				fj.Maintenance = &maintenanceJSON{Every: m.Every.String(), Duration: m.Duration.String(), Offset: m.Offset.String()}
			}
			v.Failures[name] = fj
		}
	}
	if d := p.Demand; d != nil {
		v.Demand = &demandJSON{IncidentsPerYear: d.IncidentsPerYear, HoursPerIncident: d.HoursPerIncident, UnitsPerMonth: d.UnitsPerMonth, Months: d.Months}
	}
	var errs []error
	for _, m := range p.Models {
		kind := ""
		if m != nil {
			kind = modelKind(m)
		}
		if kind == "" {
			errs = append(errs, &availability.InputError{Func: "proposal", Field: "models", Reason: "a service model of an unknown type cannot be written", Err: ErrUnknown})
			continue
		}
		v.Models = append(v.Models, map[string]pricing.Plan{kind: m})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if s := p.Simulation; s != (SimulationSettings{}) {
		sj := &simulationJSON{Years: s.Years, Seed: s.Seed, Trials: s.Trials}
		if s.RepairTime != 0 {
			sj.RepairTime = s.RepairTime.String()
		}
		if s.Start != (sla.Period{}) {
			sj.Start = s.Start.Start().Format("2006-01")
			if z := s.Start.Location().String(); z != time.UTC.String() {
				sj.Zone = z
			}
		}
		v.Simulation = sj
	}
	return json.Marshal(v)
}

// betaShare writes a common-cause β as the share of its shortest decimal,
// which reads back to the same float64.
func betaShare(beta float64) money.Share {
	if s, err := money.ParseShare(strconv.FormatFloat(beta, 'f', -1, 64)); err == nil {
		return s
	}
	s, _ := money.ShareFromRat(new(big.Rat).SetFloat64(beta))
	return s
}
