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
// P1 respond within 2 business hours and resolve within 8, say.
type PriorityTargets struct {
	Priority string
	Respond  Target
	Resolve  Target
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
}

// TicketCheck is the result of checking a ticket against its priority's
// targets.
type TicketCheck struct {
	Ticket     Ticket
	Response   Outcome
	Resolution Outcome
}

// CheckTicket checks a ticket's timestamps against the targets in the
// calendar. asOf is the evaluation instant for targets not yet done. The
// ticket's priority must match targets.Priority.
func (c Calendar) CheckTicket(tk Ticket, targets PriorityTargets, asOf time.Time) (TicketCheck, error) {
	const fn = "Calendar.CheckTicket"
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
	due, err := c.Due(tk.Opened, t, tk.Pauses)
	if err != nil {
		return Outcome{}, err
	}
	o := Outcome{Target: t, Due: due, Done: done}
	ref := done
	if done.IsZero() {
		ref = asOf
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
	Priority string `json:"priority"`
	Respond  Target `json:"respond"`
	Resolve  Target `json:"resolve"`
}

// MarshalJSON encodes {"priority":"P1","respond":{...},"resolve":{...}}.
func (p PriorityTargets) MarshalJSON() ([]byte, error) {
	return json.Marshal(priorityJSON(p))
}

// UnmarshalJSON decodes the form of MarshalJSON; all three keys are
// required and others are errors.
func (p *PriorityTargets) UnmarshalJSON(b []byte) error {
	var j priorityJSON
	if errs := strict("PriorityTargets.UnmarshalJSON", "priority", "respond", "resolve").Decode(b, &j); len(errs) > 0 {
		return errors.Join(errs...)
	}
	*p = PriorityTargets(j)
	return nil
}
