package availability

import (
	"context"
	"errors"
	"strconv"
	"time"
)

// Frequency is how often a node goes down and for how long, in the
// steady state of independent alternating components: each component works
// for a time drawn from its Failure distribution, is repaired for a time
// drawn from its Repair distribution, and so on.
type Frequency struct {
	// PerHour is the expected number of outages of the node starting in an
	// hour: w = Σ_i B_i·w_i, with B_i the Birnbaum importance of component
	// i and w_i = 1/(MTBF_i + MTTR_i) its own failure frequency (the
	// Vesely formula for the system failure frequency of coherent systems
	// of independent components).
	PerHour float64
	// MeanOutage is the mean length of an outage: the node's
	// unavailability divided by its failure frequency, U/w.
	MeanOutage time.Duration
}

// Per returns the expected number of outages starting in a stretch of
// time d of the steady state: w·d.
func (f Frequency) Per(d time.Duration) float64 { return f.PerHour * d.Hours() }

// OutageFrequency returns the node's [Frequency] under independent
// failures. processes gives the components' failure and repair
// distributions (in hours) by name; a component without one is taken to
// be repaired in repairTime on average, so that its failure frequency is
// its unavailability divided by repairTime. Components that never fail or
// never work contribute nothing.
func (m *Model) OutageFrequency(ctx context.Context, node string, processes map[string]Process, repairTime time.Duration) (Frequency, error) {
	const fn = "Model.OutageFrequency"
	imps, err := m.Importance(ctx, node)
	if err != nil {
		return Frequency{}, err
	}
	a, err := m.Evaluate(ctx, node, Independent)
	if err != nil {
		return Frequency{}, err
	}
	var w float64
	for _, im := range imps {
		if im.Unavailability == 0 || im.Unavailability == 1 {
			continue
		}
		var wi float64
		if p, ok := processes[im.Component]; ok {
			if err := errors.Join(p.Failure.validate(fn, "processes["+strconv.Quote(im.Component)+"].Failure"), p.Repair.validate(fn, "processes["+strconv.Quote(im.Component)+"].Repair")); err != nil {
				return Frequency{}, err
			}
			cycle := p.Failure.Mean() + p.Repair.Mean()
			if cycle <= 0 {
				return Frequency{}, inputErr(fn, "processes["+strconv.Quote(im.Component)+"]", "", "needs a Failure and a Repair distribution with positive means", ErrSimulation)
			}
			wi = 1 / cycle
		} else {
			if repairTime <= 0 {
				return Frequency{}, inputErr(fn, "repairTime", repairTime.String(), "is not positive, and component "+strconv.Quote(im.Component)+" has no process", ErrSimulation)
			}
			wi = im.Unavailability / repairTime.Hours()
		}
		w += im.Birnbaum * wi
	}
	f := Frequency{PerHour: w}
	if w > 0 {
		f.MeanOutage = hours(a.Unavailability() / w)
	}
	return f, nil
}
