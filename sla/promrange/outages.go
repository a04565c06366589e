package promrange

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

// Gaps says what a step without data counts as.
type Gaps int

// The gap policies. The zero value is GapDown.
const (
	GapDown Gaps = iota // a step without a sample is an outage: unobserved time is not claimed as up
	GapUp               // a step without a sample is ignored
)

// MaxSteps bounds the steps of a grid, so that a tiny step cannot exhaust
// memory: ten million is 95 years of 5-minute steps, or 115 days of
// seconds. (Prometheus itself answers at most 11,000 points per series.)
const MaxSteps = 10_000_000

// Grid is the evaluation grid of a range query, Start, Start+Step, … ≤
// End, and how its samples become outages.
type Grid struct {
	Start, End time.Time
	Step       time.Duration
	// Gaps is what a step without a sample counts as.
	Gaps Gaps
	// ScopeLabel, if set, names the label whose value is each outage's
	// Scope, e.g. "instance".
	ScopeLabel string
}

// PeriodGrid returns the grid that covers the period with steps of step:
// Start is the period's start and End its end − step, so that the last
// step ends with the period. The step must divide the period's length.
func PeriodGrid(p sla.Period, step time.Duration) (Grid, error) {
	if step <= 0 || p.Length()%step != 0 {
		return Grid{}, &availability.InputError{Func: "promrange.PeriodGrid", Field: "step", Value: step.String(), Reason: "does not divide the period's length " + p.Length().String(), Err: availability.ErrDuration}
	}
	return Grid{Start: p.Start(), End: p.End().Add(-step), Step: step}, nil
}

// Query returns the parameters of the range query of expr on the grid,
// for /api/v1/query_range: query, start and end in RFC 3339, and step in
// seconds.
func (g Grid) Query(expr string) url.Values {
	return url.Values{
		"query": {expr},
		"start": {g.Start.UTC().Format(time.RFC3339Nano)},
		"end":   {g.End.UTC().Format(time.RFC3339Nano)},
		"step":  {strconv.FormatFloat(g.Step.Seconds(), 'f', -1, 64)},
	}
}

func (g Grid) validate(fn string) error {
	switch {
	case g.Step <= 0 || g.Step%time.Millisecond != 0:
		return &availability.InputError{Func: fn, Field: "grid.step", Value: g.Step.String(), Reason: "is not a positive whole number of milliseconds", Err: availability.ErrDuration}
	case g.Start.IsZero() || g.End.Before(g.Start):
		return &availability.InputError{Func: fn, Field: "grid.end", Value: g.End.Format(time.RFC3339), Reason: "is before start " + g.Start.Format(time.RFC3339), Err: sla.ErrOrder}
	case g.End.Sub(g.Start)/g.Step >= MaxSteps:
		return &availability.InputError{Func: fn, Field: "grid.step", Value: g.Step.String(), Reason: "makes more than MaxSteps steps from start to end", Err: availability.ErrRange}
	case g.Gaps != GapDown && g.Gaps != GapUp:
		return &availability.InputError{Func: fn, Field: "grid.gaps", Value: strconv.Itoa(int(g.Gaps)), Reason: "is not GapDown or GapUp", Err: availability.ErrRange}
	}
	return nil
}

// Outages returns the outage records of the matrix on the grid, in series
// order and time order within a series, as the package documentation
// describes. It reports every sample off the grid, duplicated, or outside
// [0, 1] at once. A matrix without series has no data at all: under GapDown
// the whole grid is one outage.
func (m Matrix) Outages(g Grid) ([]sla.Outage, error) {
	const fn = "promrange.Outages"
	if err := g.validate(fn); err != nil {
		return nil, err
	}
	n := int(g.End.Sub(g.Start)/g.Step) + 1
	var out []sla.Outage
	var errs []error
	streams := m
	if len(streams) == 0 {
		streams = Matrix{{}}
	}
	for i, s := range streams {
		// rate[k] is the error rate of step k; -1 for no data.
		rate := make([]float64, n)
		for k := range rate {
			rate[k] = -1
		}
		for j, smp := range s.Samples {
			field := fmt.Sprintf("matrix[%d].samples[%d]", i, j)
			off := smp.T.Sub(g.Start)
			k := int(off / g.Step)
			switch {
			case off < 0 || off%g.Step != 0 || k >= n:
				errs = append(errs, &availability.InputError{Func: fn, Field: field, Value: smp.T.Format(time.RFC3339Nano), Reason: "is not an instant of the grid", Err: availability.ErrRange})
			case rate[k] != -1:
				errs = append(errs, &availability.InputError{Func: fn, Field: field, Value: smp.T.Format(time.RFC3339Nano), Reason: "is a second sample at this instant", Err: availability.ErrRange})
			case math.IsNaN(smp.V):
				// no data
			case smp.V < 0 || smp.V > 1:
				errs = append(errs, &availability.InputError{Func: fn, Field: field, Value: strconv.FormatFloat(smp.V, 'g', -1, 64), Reason: "is outside [0, 1]", Err: availability.ErrRange})
			default:
				rate[k] = 1 - smp.V
			}
		}
		scope := ""
		if g.ScopeLabel != "" {
			scope = s.Labels[g.ScopeLabel]
		}
		gap := 1.0 // GapDown: no data is a full outage
		if g.Gaps == GapUp {
			gap = 0
		}
		for k := 0; k < n; {
			r := rate[k]
			if r == -1 {
				r = gap
			}
			j := k + 1
			for ; j < n; j++ {
				q := rate[j]
				if q == -1 {
					q = gap
				}
				if q != r {
					break
				}
			}
			if r > 0 {
				out = append(out, sla.Outage{
					Start: g.Start.Add(time.Duration(k) * g.Step), End: g.Start.Add(time.Duration(j) * g.Step),
					Scope: scope, ErrorRate: r,
				})
			}
			k = j
		}
	}
	if len(errs) > 0 {
		return nil, joinCapped(errs)
	}
	return out, nil
}

func joinCapped(errs []error) error {
	const max = 20
	if len(errs) > max {
		rest := len(errs) - max
		errs = append(errs[:max:max], fmt.Errorf("promrange.Outages: and %d more problems", rest))
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return joinAll(errs)
}
