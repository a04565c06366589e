package contract

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/contract/money"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

// Supplier is a provider we buy from: its terms to us (an underpinning
// contract) and the components of our dependency graph it provides.
// Every provider is also a customer; a Supplier is the customer's view.
type Supplier struct {
	Name       string   `json:"name"`       // for reports
	Terms      Terms    `json:"terms"`      // the supplier's terms to us
	Components []string `json:"components"` // the components of our graph the supplier provides
}

// SupplyChain is our service as a link in a chain: our [Terms] to our
// customer for the node Service of our dependency graph Model,
// underpinned by Suppliers who each provide some of its components.
// Components no supplier provides are our own and keep the availability
// the model gives them.
//
// A supplier's objective target is taken as the availability of each
// component it provides, and outage records name the component they hit
// in their Scope ("" for the whole service).
//
// A SupplyChain marshals to JSON as {"terms": ..., "model": {"nodes":
// [...]}, "service": ..., "suppliers": [...]}.
type SupplyChain struct {
	Terms     Terms               `json:"terms"`
	Model     *availability.Model `json:"model"`
	Service   string              `json:"service"`
	Suppliers []Supplier          `json:"suppliers,omitempty"`
}

// Validate reports every problem at once: invalid terms (ours or a
// supplier's, with the supplier's fields prefixed), a missing model or
// service node, a supplier providing a component the graph does not have
// ([ErrUnknownComponent]) or one already provided by another supplier,
// and suppliers billing in another currency than ours
// ([ErrCurrencyMismatch]).
func (c SupplyChain) Validate() error {
	const typ = "SupplyChain"
	var errs []error
	errs = append(errs, prefixed(c.Terms.Validate(), typ, "Terms.")...)
	components := map[string]bool{}
	switch {
	case c.Model == nil:
		errs = append(errs, fieldErr(typ, "Model", "nil", "must be a dependency graph", ErrUnknownComponent))
	case !c.Model.Has(c.Service):
		errs = append(errs, fieldErr(typ, "Service", strconv.Quote(c.Service), "is not a node of the graph", ErrUnknownComponent))
	}
	if c.Model != nil {
		for _, n := range c.Model.Components() {
			components[n] = true
		}
	}
	provider := map[string]string{}
	for i, s := range c.Suppliers {
		f := "Suppliers[" + strconv.Itoa(i) + "]"
		errs = append(errs, prefixed(s.Terms.Validate(), typ, f+".Terms.")...)
		if s.Terms.Fee.IsValid() && c.Terms.Fee.IsValid() && s.Terms.Fee.Currency() != c.Terms.Fee.Currency() {
			errs = append(errs, fieldErr(typ, f+".Terms.Fee", s.Terms.Fee.String(), "is not in "+c.Terms.Fee.Currency().String()+", the currency of our terms", money.ErrCurrencyMismatch))
		}
		if len(s.Components) == 0 {
			errs = append(errs, fieldErr(typ, f+".Components", "[]", "must name the components the supplier provides", ErrUnknownComponent))
		}
		for j, name := range s.Components {
			cf := f + ".Components[" + strconv.Itoa(j) + "]"
			switch {
			case c.Model == nil:
			case !c.Model.Has(name):
				errs = append(errs, fieldErr(typ, cf, strconv.Quote(name), "is not in the dependency graph", ErrUnknownComponent))
			case !components[name]:
				errs = append(errs, fieldErr(typ, cf, strconv.Quote(name), "is a group, not a component with an availability of its own", ErrUnknownComponent))
			case provider[name] != "":
				errs = append(errs, fieldErr(typ, cf, strconv.Quote(name), "is already provided by "+strconv.Quote(provider[name]), money.ErrRange))
			default:
				provider[name] = supplierName(s, i)
			}
		}
	}
	return joinErrs(compact(errs))
}

func supplierName(s Supplier, i int) string {
	if s.Name != "" {
		return s.Name
	}
	return "supplier " + strconv.Itoa(i)
}

// prefixed re-labels the field errors joined in err as fields of typ
// under prefix; other errors are kept as they are.
func prefixed(err error, typ, prefix string) []error {
	if err == nil {
		return nil
	}
	var out []error
	for _, e := range flatten([]error{err}) {
		var fe *availability.InputError
		if errors.As(e, &fe) {
			_, field, _ := strings.Cut(fe.Field, ".") // drop the type the field was reported under
			c := *fe
			c.Func, c.Field = "contract", typ+"."+prefix+field
			out = append(out, &c)
			continue
		}
		out = append(out, e)
	}
	return out
}

// promised returns the model with each supplier's components at the
// supplier's target.
func (c SupplyChain) promised() (*availability.Model, error) {
	overrides := map[string]availability.Availability{}
	for _, s := range c.Suppliers {
		for _, n := range s.Components {
			overrides[n] = s.Terms.Objective.Target
		}
	}
	return c.Model.WhatIf(overrides)
}

// Coverage is the answer to "are our promises covered by what we are
// promised?": our target against the availability our suppliers' targets
// give our service through the dependency graph, under independent
// failures and in the worst case; what each supplier would have to promise
// for our target to hold; and whether the suppliers' response and
// resolution targets fall inside ours.
type Coverage struct {
	Target      availability.Availability // our target
	Independent availability.Availability // our service with every supplier at its target, independent failures
	WorstCase   availability.Availability // the same, whatever the correlation of failures, with every window equal
	// Guarantee is the worst case in time ([sla.GuaranteeOver]) over the
	// twelve of our periods from the one containing the week given to
	// Coverage: each supplier's allowance placed where it hurts most,
	// inside our service window and all of a longer period's allowance in
	// one of ours, a window a supplier does not measure counted as down.
	// Components without a supplier count with their availability in the
	// graph, measured 7×24 over our periods.
	Guarantee sla.Guarantee
	// CoveredIndependent and CoveredWorstCase report whether the
	// composed availability reaches our target under each assumption; the
	// worst case must hold both without time (WorstCase) and in time, in
	// every period (Guarantee.Covered). Only the worst case is safe to
	// guarantee.
	CoveredIndependent, CoveredWorstCase bool
	Allocations                          []Allocation  // per supplied component
	Responses                            []ResponseFit // per supplier, priority and target
}

// Allocation is what a supplied component would need for our target to
// hold with every other component as promised: under independent failures
// ([availability.Model.Allocate]) and in the worst case
// ([availability.Model.AllocateUnder]), which is what a contract can
// guarantee.
type Allocation struct {
	Supplier  string
	Component string
	Promised  availability.Availability // the supplier's target
	Required  availability.Availability // the lowest availability that meets our target independently; valid if Reachable
	Reachable bool                      // false: our target is missed even if the component never fails
	Covered   bool                      // Promised reaches Required
	// WorstCase is the lowest availability of the component that meets
	// the target in the worst case; valid if ReachableWorstCase.
	WorstCase          availability.Availability
	ReachableWorstCase bool
	CoveredWorstCase   bool // Promised reaches WorstCase
}

// ResponseFit compares one of our response or resolution targets with
// the supplier's for the same priority: a ticket we pass on at once must
// be answered (or resolved) by the supplier no later than we must answer
// our customer. Each side's target is taken in its own support calendar,
// for tickets opened at every whole hour of a reference week.
type ResponseFit struct {
	Supplier string
	Priority string
	Target   string     // "response" or "resolution"
	Ours     sla.Target // our target
	Theirs   sla.Target // the supplier's target; zero if it has none
	Fits     bool       // the supplier's due time is never after ours
	// Slack is the least time, over the openings checked, from the
	// supplier's due time to ours, in business time of our priority's
	// calendar: negative when the supplier may be late for us (a
	// one-business-hour shortfall over a weekend is -1h0m0s).
	Slack  time.Duration
	Reason string
}

// Coverage checks the supply chain: see [Coverage]. Response targets are
// compared for tickets opened at every whole hour of the week that starts
// at week. The chain is validated first.
func (c SupplyChain) Coverage(ctx context.Context, week time.Time) (Coverage, error) {
	if err := c.Validate(); err != nil {
		return Coverage{}, err
	}
	m, err := c.promised()
	if err != nil {
		return Coverage{}, err
	}
	cov := Coverage{Target: c.Terms.Objective.Target}
	if err := c.compose(ctx, m, week, &cov); err != nil {
		return Coverage{}, err
	}
	if cov.Allocations, err = c.allocate(ctx, m, cov.Target); err != nil {
		return Coverage{}, err
	}
	if cov.Responses, err = c.responses(week); err != nil {
		return Coverage{}, err
	}
	return cov, nil
}

// compose evaluates the service with every supplier at its target: under
// independent failures, in the classic worst case, and in the worst case
// in time over the twelve periods from week.
func (c SupplyChain) compose(ctx context.Context, m *availability.Model, week time.Time, cov *Coverage) error {
	var err error
	if cov.Independent, err = m.Evaluate(ctx, c.Service, availability.Independent); err != nil {
		return err
	}
	if cov.WorstCase, err = m.Evaluate(ctx, c.Service, availability.WorstCase); err != nil {
		return err
	}
	promises := map[string]sla.Objective{}
	for i, s := range c.Suppliers {
		for _, n := range s.Components {
			o := s.Terms.Promise()
			o.Name = supplierName(s, i)
			promises[n] = o
		}
	}
	if cov.Guarantee, err = sla.GuaranteeOver(ctx, c.Model, c.Service, c.Terms.Promise(), promises, week, 12); err != nil {
		return err
	}
	cov.CoveredIndependent = cov.Independent.Compare(cov.Target) >= 0
	cov.CoveredWorstCase = cov.WorstCase.Compare(cov.Target) >= 0 && cov.Guarantee.Covered
	return nil
}

// allocate says what each supplied component would need for target to
// hold, the others as promised in m, independently and in the worst case.
func (c SupplyChain) allocate(ctx context.Context, m *availability.Model, target availability.Availability) ([]Allocation, error) {
	var out []Allocation
	for i, s := range c.Suppliers {
		for _, n := range s.Components {
			a := Allocation{Supplier: supplierName(s, i), Component: n, Promised: s.Terms.Objective.Target, Reachable: true}
			req, err := m.Allocate(ctx, c.Service, n, target)
			switch {
			case errors.Is(err, availability.ErrUnreachable):
				a.Reachable = false
			case err != nil:
				return nil, err
			default:
				a.Required = req
				a.Covered = a.Promised.Compare(req) >= 0
			}
			need, err := m.AllocateUnder(ctx, c.Service, n, target, availability.WorstCase)
			switch {
			case errors.Is(err, availability.ErrUnreachable):
			case err != nil:
				return nil, err
			default:
				a.WorstCase, a.ReachableWorstCase = need, true
				a.CoveredWorstCase = a.Promised.Compare(need) >= 0
			}
			out = append(out, a)
		}
	}
	return out, nil
}

// responses compares our response and resolution targets with each
// supplier's, each in its priority's calendar, for tickets opened at every
// whole hour of the week from week.
func (c SupplyChain) responses(week time.Time) ([]ResponseFit, error) {
	var out []ResponseFit
	for i, s := range c.Suppliers {
		for _, ours := range c.Terms.Support.Priorities {
			theirs, ok := s.Terms.Support.priority(ours.Priority)
			ourCal := ours.CalendarOr(c.Terms.Support.Calendar)
			theirCal := theirs.CalendarOr(s.Terms.Support.Calendar)
			for _, tg := range []struct {
				what         string
				ours, theirs sla.Target
			}{{"response", ours.Respond, theirs.Respond}, {"resolution", ours.Resolve, theirs.Resolve}} {
				if tg.ours.IsZero() {
					continue // a target we did not set needs no cover
				}
				fit := ResponseFit{Supplier: supplierName(s, i), Priority: ours.Priority, Target: tg.what, Ours: tg.ours}
				if !ok {
					fit.Reason = "the supplier has no " + strconv.Quote(ours.Priority) + " target"
					out = append(out, fit)
					continue
				}
				fit.Theirs = tg.theirs
				r, row, err := fitTarget(ourCal, theirCal, tg.ours, tg.theirs, week)
				if err != nil {
					return nil, err
				}
				if !row {
					continue
				}
				fit.Fits, fit.Slack, fit.Reason = r.Fits, r.Slack, r.Reason
				out = append(out, fit)
			}
		}
	}
	return out, nil
}

// SupplierStatement is a supplier's statement to us for a period.
type SupplierStatement struct {
	Supplier  string
	Statement Statement
}

// Exposure is what a period's outages cost us as a link in the chain: the
// statement we owe our customer, the statements our suppliers owe us, the
// credits on each side and the net.
type Exposure struct {
	Period    sla.Period
	Outages   []sla.Outage        // our service's outages, derived from the component outages through the graph
	Ours      Statement           // our statement to our customer
	Suppliers []SupplierStatement // each supplier's statement to us
	Owed      money.Money         // the credit we owe: Ours.CreditDue
	Recovered money.Money         // the credits we recover: the sum of the suppliers' CreditDue
	Net       money.Money         // Recovered − Owed; negative when the chain costs us
}

// Exposure evaluates a period: r holds our customer's records (period,
// fee, claim, tickets) with the outages of components, each naming its
// component in Scope ("" for our whole service).
//
// Our service's outages are derived from the component outages through
// the dependency graph: between any two consecutive start or end instants
// the service is down when the components down then bring the node
// Service down. A derived outage keeps the kind of its component outages
// when they all have the same kind, and is unplanned otherwise; it keeps
// the ID of a single component outage (so that announcements apply).
// Each supplier's statement counts the outages of the components it
// provides, under its own terms and fee, assuming we claim every credit
// at the end of the period.
func (c SupplyChain) Exposure(ctx context.Context, r PeriodRecords) (Exposure, error) {
	if err := c.Validate(); err != nil {
		return Exposure{}, err
	}
	var errs []error
	components := c.Model.Components()
	for i, o := range r.Outages {
		if o.Scope != "" && !slices.Contains(components, o.Scope) {
			errs = append(errs, fieldErr("PeriodRecords", "Outages["+strconv.Itoa(i)+"].Scope", strconv.Quote(o.Scope), "is not a component of the graph", ErrUnknownComponent))
		}
	}
	if len(errs) > 0 {
		return Exposure{}, joinErrs(errs)
	}
	derived, err := c.serviceOutages(ctx, r.Period, r.Outages)
	if err != nil {
		return Exposure{}, err
	}
	ours := r
	ours.Outages = derived
	ex := Exposure{Period: r.Period, Outages: derived}
	if ex.Ours, err = c.Terms.Statement(ours); err != nil {
		return Exposure{}, err
	}
	ex.Owed = ex.Ours.CreditDue
	ex.Recovered = money.Zero(ex.Owed.Currency())
	for i, s := range c.Suppliers {
		sr := PeriodRecords{Period: r.Period, Announced: r.Announced, Claimed: r.Period.End(), AsOf: r.AsOf}
		for _, o := range r.Outages {
			if slices.Contains(s.Components, o.Scope) {
				sr.Outages = append(sr.Outages, o)
			}
		}
		st, err := s.Terms.Statement(sr)
		if err != nil {
			return Exposure{}, err
		}
		ex.Suppliers = append(ex.Suppliers, SupplierStatement{Supplier: supplierName(s, i), Statement: st})
		if ex.Recovered, err = ex.Recovered.Add(st.CreditDue); err != nil {
			return Exposure{}, err
		}
	}
	if ex.Net, err = ex.Recovered.Sub(ex.Owed); err != nil {
		return Exposure{}, err
	}
	return ex, nil
}

// serviceOutages derives the outages of the node Service from component
// outages, clipped to the period; see [SupplyChain.Exposure].
func (c SupplyChain) serviceOutages(ctx context.Context, p sla.Period, outages []sla.Outage) ([]sla.Outage, error) {
	type iv struct {
		a, b time.Time
		o    int
	}
	var ivs []iv
	var cuts []time.Time
	for i, o := range outages {
		a, b := o.Start, o.End
		if o.Open() || b.After(p.End()) {
			b = p.End()
		}
		if a.Before(p.Start()) {
			a = p.Start()
		}
		if !b.After(a) {
			continue
		}
		ivs = append(ivs, iv{a, b, i})
		cuts = append(cuts, a, b)
	}
	slices.SortFunc(cuts, func(x, y time.Time) int { return x.Compare(y) })
	cuts = slices.CompactFunc(cuts, func(x, y time.Time) bool { return x.Equal(y) })
	components := c.Model.Components()
	downCache := map[string]bool{}
	var out []sla.Outage
	for k := 0; k+1 < len(cuts); k++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, b := cuts[k], cuts[k+1]
		var active []int
		whole := false
		for _, v := range ivs {
			if !v.a.After(a) && !v.b.Before(b) {
				active = append(active, v.o)
				whole = whole || outages[v.o].Scope == ""
			}
		}
		if len(active) == 0 {
			continue
		}
		down := whole
		if !whole {
			names := make([]string, 0, len(active))
			for _, i := range active {
				names = append(names, outages[i].Scope)
			}
			slices.Sort(names)
			names = slices.Compact(names)
			key := strings.Join(names, "\x00")
			d, ok := downCache[key]
			if !ok {
				overrides := make(map[string]availability.Availability, len(components))
				for _, n := range components {
					overrides[n] = availability.Perfect
				}
				for _, n := range names {
					overrides[n] = availability.Never
				}
				m, err := c.Model.WhatIf(overrides)
				if err != nil {
					return nil, err
				}
				a, err := m.Evaluate(ctx, c.Service, availability.Independent)
				if err != nil {
					return nil, err
				}
				d = a.Unavailability() > 0.5 // 0 or 1: every component is up or down
				downCache[key] = d
			}
			down = d
		}
		if !down {
			continue
		}
		o := sla.Outage{Start: a, End: b, Kind: outages[active[0]].Kind}
		ids := make([]string, 0, len(active))
		for _, i := range active {
			if outages[i].Kind != o.Kind {
				o.Kind = sla.Unplanned
			}
			ids = append(ids, outages[i].ID)
		}
		o.ID = strings.Join(ids, "+")
		// Join with the previous piece when it continues it unchanged.
		if n := len(out); n > 0 && out[n-1].End.Equal(a) && out[n-1].Kind == o.Kind && out[n-1].ID == o.ID {
			out[n-1].End = b
			continue
		}
		out = append(out, o)
	}
	return out, nil
}
