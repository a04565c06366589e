package contract

import (
	"time"

	"github.com/slacalc/slacalc/sla"
)

// targetFit is how a supplier's response or resolution target fits inside
// ours over the openings of a reference week; see [fitTarget].
type targetFit struct {
	Fits   bool          // the supplier's due time is never after ours
	Slack  time.Duration // the least slack, in our calendar's business time; negative is a shortfall
	Worst  time.Time     // the first opening with the least slack (a late one, if any)
	Reason string
}

// fitTarget compares our target, in our priority's calendar, with the
// supplier's, in theirs, for tickets opened at every whole hour of the
// week from week. It is what [SupplyChain.Coverage] needs for a
// [ResponseFit]:
//
//   - ok is false when we set no target: nothing to cover, no row;
//   - a supplier without a target does not fit;
//   - the slack from their due time to ours is counted in our calendar's
//     business time, so a shortfall of one business hour over a weekend
//     is -1h0m0s, not the -63h0m0s of the wall clock;
//   - Fits compares the instants, so a supplier due after us outside our
//     service hours does not fit although the business time between is 0.
func fitTarget(ours, theirs sla.Calendar, ourT, theirT sla.Target, week time.Time) (f targetFit, ok bool, err error) {
	if ourT.IsZero() {
		return targetFit{}, false, nil
	}
	if theirT.IsZero() {
		return targetFit{Reason: "the supplier sets no target for our " + ourT.String()}, true, nil
	}
	f.Fits = true
	first, worstLate := true, false
	for h := range 7 * 24 {
		opened := week.Add(time.Duration(h) * time.Hour)
		a, err := ours.Due(opened, ourT, nil)
		if err != nil {
			return targetFit{}, true, err
		}
		b, err := theirs.Due(opened, theirT, nil)
		if err != nil {
			return targetFit{}, true, err
		}
		slack, err := ours.Between(b, a)
		if err != nil {
			return targetFit{}, true, err
		}
		late := b.After(a)
		f.Fits = f.Fits && !late
		if first || late && !worstLate || late == worstLate && slack < f.Slack {
			f.Slack, f.Worst, worstLate, first = slack, opened, late, false
		}
	}
	verdict := "fits inside"
	if !f.Fits {
		verdict = "can end after"
	}
	f.Reason = "their " + theirT.String() + " " + verdict + " our " + ourT.String() + ": least slack " + f.Slack.String() +
		" of our business time for a ticket opened " + f.Worst.Format(time.RFC3339)
	return f, true, nil
}
