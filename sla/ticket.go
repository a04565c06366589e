package sla

import (
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/internal/jsonpath"
)

// PriorityTargets are the response and resolution targets of one priority:
// P1 respond within 2 business hours and resolve within 8, say. Calendar,
// when set, is the priority's own service calendar (P1 7×24 while P2 keeps
// office hours); nil means the calendar that checks the ticket.
type PriorityTargets struct {
	Priority string
	Respond  Target
	Resolve  Target
	Calendar *Calendar
}

// CalendarOr returns the priority's own calendar, or fallback when it has
// none.
func (p PriorityTargets) CalendarOr(fallback Calendar) Calendar {
	if p.Calendar != nil {
		return *p.Calendar
	}
	return fallback
}

// Ticket is a request or incident with the instants that the targets are
// measured against. A zero Responded or Resolved means not yet.
type Ticket struct {
	ID        string     `json:"id,omitempty"`
	Priority  string     `json:"priority"`
	Opened    time.Time  `json:"opened"`
	Responded time.Time  `json:"responded,omitzero"`
	Resolved  time.Time  `json:"resolved,omitzero"`
	Pauses    []Interval `json:"pauses,omitempty"` // the clock stops: waiting for the customer
}

// Status is the outcome of one target of a ticket.
type Status int

// The statuses.
const (
	Met      Status = iota + 1 // done by the due time
	Breached                   // done after the due time
	Pending                    // not done, and the due time has not passed
	Overdue                    // not done, and the due time has passed
)

var statusNames = [...]string{"", "met", "breached", "pending", "overdue"}

// String returns "met", "breached", "pending" or "overdue".
func (s Status) String() string {
	if s <= 0 || int(s) >= len(statusNames) {
		return "Status(" + strconv.Itoa(int(s)) + ")"
	}
	return statusNames[s]
}

// MarshalText implements encoding.TextMarshaler.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Outcome is how a ticket did against one target.
type Outcome struct {
	Target Target
	Due    time.Time // when the target falls due, pauses included
	Done   time.Time // when it was done; zero if not yet
	Status Status
	// Margin is the business time, pauses excluded, from Done (or the
	// evaluation instant, if not done) to Due: positive is time to spare,
	// negative is the overrun.
	Margin time.Duration
	// Escalations are the instants at which 50%, 75% and 100% of the
	// target's business time had passed, as service desks raise warnings.
	Escalations [3]Escalation
	// Paused are the ticket's pauses that stopped the clock between
	// opening and Done (or the evaluation instant), merged and clipped to
	// that stretch; PausedTime is the business time they held.
	Paused     []Interval
	PausedTime time.Duration
}

// Escalation is the instant at which a share of a target's business time
// had passed, pauses excluded: the warning that service desks raise at
// 50% and 75% of a target, and the breach at 100%.
type Escalation struct {
	Percent int       // 50, 75 or 100
	At      time.Time // the earliest instant by which Percent% of the target's business time had passed
	// Raised reports that the ticket was still not done at At, and At was
	// not after the evaluation instant: the warning went off.
	Raised bool
}

// escalationPercents are the shares of a target at which [Outcome]
// reports an [Escalation].
var escalationPercents = [...]int{50, 75, 100}

// TicketCheck is the result of checking a ticket against its priority's
// targets.
type TicketCheck struct {
	Ticket     Ticket
	Response   Outcome
	Resolution Outcome
}

// CheckTicket checks a ticket's timestamps against the targets in the
// calendar, or in the targets' own Calendar when they have one. asOf is
// the evaluation instant for targets not yet done. The ticket's priority
// must match targets.Priority. Each [Outcome] has its due time, its margin
// in business time, the escalation instants at 50%, 75% and 100% of the
// target and the pauses applied.
func (c Calendar) CheckTicket(tk Ticket, targets PriorityTargets, asOf time.Time) (TicketCheck, error) {
	const fn = "Calendar.CheckTicket"
	c = targets.CalendarOr(c)
	if tk.Priority != targets.Priority {
		return TicketCheck{}, inputErr(fn, "ticket.priority", strconv.Quote(tk.Priority), "does not match the targets' "+strconv.Quote(targets.Priority), ErrRange)
	}
	if tk.Opened.IsZero() {
		return TicketCheck{}, inputErr(fn, "ticket.opened", "", "is not set", ErrRange)
	}
	for _, f := range []struct {
		name string
		t    time.Time
	}{{"responded", tk.Responded}, {"resolved", tk.Resolved}} {
		if !f.t.IsZero() && f.t.Before(tk.Opened) {
			return TicketCheck{}, inputErr(fn, "ticket."+f.name, f.t.Format(time.RFC3339), "is before opened "+tk.Opened.Format(time.RFC3339), ErrOrder)
		}
	}
	out := TicketCheck{Ticket: tk}
	var err error
	if out.Response, err = c.outcome(tk, targets.Respond, tk.Responded, asOf); err != nil {
		return TicketCheck{}, err
	}
	if out.Resolution, err = c.outcome(tk, targets.Resolve, tk.Resolved, asOf); err != nil {
		return TicketCheck{}, err
	}
	return out, nil
}

func (c Calendar) outcome(tk Ticket, t Target, done, asOf time.Time) (Outcome, error) {
	const fn = "Calendar.CheckTicket"
	if err := t.validate(fn, "target"); err != nil {
		return Outcome{}, err
	}
	d, err := c.business(tk.Opened, t)
	if err != nil {
		return Outcome{}, err
	}
	var ps []Interval
	if len(tk.Pauses) > 0 {
		if ps, err = mergePauses(fn, tk.Pauses); err != nil {
			return Outcome{}, err
		}
	}
	due, err := c.deadlineMerged(tk.Opened, d, ps)
	if err != nil {
		return Outcome{}, err
	}
	o := Outcome{Target: t, Due: due, Done: done}
	ref := done
	if done.IsZero() {
		ref = asOf
	}
	for i, pc := range escalationPercents {
		at := due
		if pc < 100 {
			// The earliest instant with at least pc% passed: ⌈d·pc/100⌉,
			// in two parts so that d·pc cannot overflow.
			share := d/100*time.Duration(pc) + (d%100*time.Duration(pc)+99)/100
			if at, err = c.deadlineMerged(tk.Opened, share, ps); err != nil {
				return Outcome{}, err
			}
		}
		raised := !at.After(asOf) && (done.IsZero() || done.After(at))
		o.Escalations[i] = Escalation{Percent: pc, At: at, Raised: raised}
	}
	if len(ps) > 0 {
		if o.Paused, o.PausedTime, err = c.applied(ps, tk.Opened, ref); err != nil {
			return Outcome{}, err
		}
	}
	switch {
	case !done.IsZero() && !done.After(due):
		o.Status = Met
	case !done.IsZero():
		o.Status = Breached
	case !asOf.After(due):
		o.Status = Pending
	default:
		o.Status = Overdue
	}
	if ref.After(due) {
		d, err := c.ElapsedPaused(due, ref, tk.Pauses)
		o.Margin = -d
		return o, err
	}
	o.Margin, err = c.ElapsedPaused(ref, due, tk.Pauses)
	return o, err
}

type targetJSON struct {
	Business    string `json:"business,omitempty"`
	WorkingDays int    `json:"workingDays,omitempty"`
}

// MarshalJSON encodes {"business":"4h0m0s"} or {"workingDays":2}; the
// zero Target is {"business":"0s"}.
func (t Target) MarshalJSON() ([]byte, error) {
	j := targetJSON{WorkingDays: t.WorkingDays}
	if t.Business != 0 || t.WorkingDays == 0 {
		j.Business = t.Business.String() // the zero Target is {"business":"0s"}, so that one key is always given
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes the form of MarshalJSON; one of "business" and
// "workingDays" is required, and other keys are errors.
func (t *Target) UnmarshalJSON(b []byte) error {
	const fn = "Target.UnmarshalJSON"
	var j targetJSON
	if errs := strict(fn).Decode(b, &j); len(errs) > 0 {
		return errors.Join(errs...)
	}
	if ms, err := jsonpath.Object(b); err == nil && jsonpath.Lookup(ms, "business") == nil && jsonpath.Lookup(ms, "workingDays") == nil {
		return &availability.InputError{Func: "sla." + fn, Reason: `needs "business" or "workingDays"`, Err: ErrSyntax, Cause: jsonpath.ErrMissing}
	}
	var v Target
	if ms, _ := jsonpath.Object(b); jsonpath.Lookup(ms, "business") != nil {
		d, err := time.ParseDuration(j.Business)
		if err != nil {
			return inputErr(fn, "business", strconv.Quote(j.Business), "is not a duration such as \"4h\"", ErrSyntax)
		}
		v.Business = d
	}
	v.WorkingDays = j.WorkingDays
	if err := v.validate(fn, "target"); err != nil {
		return errors.Join(relative(err, "target.")...)
	}
	*t = v
	return nil
}

type priorityJSON struct {
	Priority string    `json:"priority"`
	Respond  Target    `json:"respond"`
	Resolve  Target    `json:"resolve"`
	Calendar *Calendar `json:"calendar,omitempty"`
}

// MarshalJSON encodes {"priority":"P1","respond":{...},"resolve":{...}},
// with "calendar" when the priority has its own.
func (p PriorityTargets) MarshalJSON() ([]byte, error) {
	return json.Marshal(priorityJSON(p))
}

// UnmarshalJSON decodes the form of MarshalJSON: "priority" is required,
// the targets and the calendar are optional (a target nobody set is not
// checked), and unknown keys are errors.
func (p *PriorityTargets) UnmarshalJSON(b []byte) error {
	var j priorityJSON
	if errs := strict("PriorityTargets.UnmarshalJSON", "priority").Decode(b, &j); len(errs) > 0 {
		return errors.Join(errs...)
	}
	*p = PriorityTargets(j)
	return nil
}

// applied returns the merged pauses ps clipped to [opened, ref], and the
// business time they stopped.
func (c Calendar) applied(ps []Interval, opened, ref time.Time) ([]Interval, time.Duration, error) {
	var out []Interval
	var held time.Duration
	for _, p := range ps {
		a, b := maxTime(p.Start, opened), minTime(p.End, ref)
		if !b.After(a) {
			continue
		}
		e, err := c.Elapsed(a, b)
		if err != nil {
			return nil, 0, err
		}
		out, held = append(out, Interval{Start: a, End: b}), held+e
	}
	return out, held, nil
}

// Between returns the business time from from to to, negative when to is
// before from: the signed difference of two due times in one calendar's
// service hours, such as the slack of a supplier's deadline against ours.
// A difference that lies wholly outside service hours is zero, so compare
// the instants themselves to tell early from late.
func (c Calendar) Between(from, to time.Time) (time.Duration, error) {
	if to.Before(from) {
		d, err := c.Elapsed(to, from)
		return -d, err
	}
	return c.Elapsed(from, to)
}
