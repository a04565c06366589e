package sla

import (
	"strconv"
	"time"

	"github.com/slacalc/slacalc/availability"
)

// SimulatedOutages turns the outages of a simulated run
// ([availability.Model.Simulate]), which are offsets from the run's start,
// into outage records that start at the given instant: planned outages
// become [Planned], the others [Unplanned]. Offsets are added with
// time.Time.Add, so a run that spans a DST change keeps its real elapsed
// time. The records carry the scope given and IDs "sim-1", "sim-2", ….
func SimulatedOutages(run availability.Run, start time.Time, scope string) []Outage {
	out := make([]Outage, len(run.Down))
	for i, o := range run.Down {
		kind := Unplanned
		if o.Planned {
			kind = Planned
		}
		out[i] = Outage{
			ID:    "sim-" + strconv.Itoa(i+1),
			Start: start.Add(o.Start),
			End:   start.Add(o.End),
			Scope: scope,
			Kind:  kind,
		}
	}
	return out
}
