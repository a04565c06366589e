package contract

import (
	"fmt"
	"strconv"
	"time"

	"github.com/slacalc/slacalc/contract/money"

	"github.com/slacalc/slacalc/sla"
)

// PeriodRecords are what happened in one measurement period, as [Terms]
// need it for a [Statement]: the period, the fee charged for it, the
// outage records, the announcements of planned maintenance, the tickets
// and the customer's claim.
type PeriodRecords struct {
	Period sla.Period
	// Fee is the fee charged for the period; the zero Money means the
	// terms' Fee. It must be in the terms' currency.
	Fee money.Money
	// Charges are named charges of the period that a credit schedule's
	// Basis may refer to ("compute", "storage").
	Charges map[string]money.Money
	// Outages are the outage records; see [sla.Measure] for how they
	// count.
	Outages []sla.Outage
	// Announced holds, by outage ID, when planned maintenance was
	// announced. Planned outages without a timely announcement count like
	// unplanned ones.
	Announced map[string]time.Time
	// Tickets are the tickets of the period: those opened in it are
	// checked against the support targets.
	Tickets []sla.Ticket
	// Claimed is when the customer claimed the period's credit; the zero
	// Time means not (yet).
	Claimed time.Time
	// AsOf is the instant of evaluation: targets not done by then are
	// overdue, and unclaimed credits whose deadline has passed are lost.
	// The zero Time means the period's end.
	AsOf time.Time
}

// ClaimStatus says whether a credit is payable as far as claims go.
type ClaimStatus uint8

// The claim statuses.
const (
	NoClaimNeeded ClaimStatus = iota // the terms pay credits without a claim
	Claimed                          // claimed by the deadline: payable
	Claimable                        // not claimed, and the deadline has not passed: payable once claimed
	Forfeited                        // claimed late or not at all by the deadline: not payable
)

var claimStatusNames = [...]string{"no claim needed", "claimed", "claimable", "forfeited"}

// String returns "no claim needed", "claimed", "claimable" or "forfeited".
func (s ClaimStatus) String() string {
	if int(s) < len(claimStatusNames) {
		return claimStatusNames[s]
	}
	return "ClaimStatus(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText implements [encoding.TextMarshaler] with the names of
// [ClaimStatus.String]; an undeclared status is an error.
func (s ClaimStatus) MarshalText() ([]byte, error) {
	if int(s) >= len(claimStatusNames) {
		return nil, fieldErr("ClaimStatus", "value", s.String(), "is not a declared claim status", money.ErrRange)
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with the names of
// [ClaimStatus.String].
func (s *ClaimStatus) UnmarshalText(b []byte) error {
	for i, n := range claimStatusNames {
		if n == string(b) {
			*s = ClaimStatus(i)
			return nil
		}
	}
	return parseErr("ClaimStatus.UnmarshalText", string(b), `not "no claim needed", "claimed", "claimable" or "forfeited"`, money.ErrSyntax)
}

// Penalty is one breached response or resolution target of a ticket and
// the penalty it costs, before the penalty cap.
type Penalty struct {
	Ticket   string        // the ticket's ID
	Priority string        // its priority
	Target   string        // "response" or "resolution"
	Due      time.Time     // when the target fell due
	Done     time.Time     // when it was done; zero if still not done
	Status   sla.Status    // sla.Breached or sla.Overdue
	Overrun  time.Duration // business time past Due, up to Done or AsOf
	Amount   money.Money   // the penalty, the zero amount if the terms set none
}

// CapApplied records a cap that cut an amount on a statement.
type CapApplied struct {
	Cap    string      // "credit cap", "penalty cap" or "total cap"
	Limit  money.Money // the cap for this period
	Before money.Money // the amount before the cap
	After  money.Money // the amount after it (the Limit)
}

// StatementLine is one line of a [Statement]: an item, its amount (zero
// for information lines) and the reason, in words.
type StatementLine struct {
	Item   string
	Amount money.Money
	Reason string
}

// Statement is the evaluation of [Terms] over one period: the measured
// availability and whether the objective was met, the credit tier reached
// and the credit, each breached response or resolution target with its
// penalty, the caps applied, the total due to the customer, and a line
// with its reason for every step.
type Statement struct {
	Terms       string          // the terms' name
	Effective   time.Time       // the version of the terms applied
	Period      sla.Period      // the period evaluated
	Measurement sla.Measurement // the availability measurement
	Met         bool            // the measured availability reached the objective's target
	Credit      Credit          // the service credit after cap and minimum payout, before the claim rule
	Claim       ClaimStatus     // whether the credit is payable as far as claims go
	Deadline    time.Time       // the claim deadline; zero if no claim is needed
	CreditDue   money.Money     // the credit due: Credit.Amount, or 0 if forfeited
	Penalties   []Penalty       // breached targets, in ticket order
	PenaltyDue  money.Money     // the sum of penalties after the penalty cap
	Caps        []CapApplied    // the caps that cut an amount, in order
	Total       money.Money     // CreditDue + PenaltyDue, after the total cap
	Lines       []StatementLine // every step, with its reason
}

// Statement evaluates the terms over one period. The steps, in order:
//
//  1. Planned outages announced later than Exclusions.PlannedNotice
//     before their start are counted as unplanned; the excluded kinds are
//     set aside; [sla.Measure] gives the counted downtime and service time.
//  2. The credit: the tier is found exactly from the counted downtime and
//     service time ([CreditSchedule.Tier]), the basis (the fee or a named
//     charge) × the tier's share is rounded once, cut to the credit cap,
//     and dropped if below the minimum payout; then the claim rule decides
//     whether it is due.
//  3. The penalties: each ticket opened in the period is checked in the
//     support calendar ([sla.Calendar.CheckTicket]) as of AsOf; every
//     breached or overdue target costs its penalty (a fixed amount, or a
//     share of the fee rounded by Support.Rounding); the sum is cut to the
//     penalty cap.
//  4. The total, credit plus penalties, is cut to the total cap.
//
// Every problem of the terms and records is reported at once: invalid
// terms, a fee in another currency or negative, an unknown charge, a
// ticket with a priority the terms do not know, a period of another unit
// than the objective's, and invalid outage records.
func (t Terms) Statement(r PeriodRecords) (Statement, error) {
	e, err := t.evaluator()
	if err != nil {
		return Statement{}, err
	}
	return e.statement(&r, true)
}

// Statements evaluates the terms over several periods, a customer's year
// say, like [Terms.Statement] for each, validating the terms once. It
// stops at the first period with a problem; the error names its index.
func (t Terms) Statements(records []PeriodRecords) ([]Statement, error) {
	e, err := t.evaluator()
	if err != nil {
		return nil, err
	}
	out := make([]Statement, len(records))
	for i := range records {
		if out[i], err = e.statement(&records[i], true); err != nil {
			return nil, fmt.Errorf("contract: records[%d]: %w", i, err)
		}
	}
	return out, nil
}

// evaluator holds validated terms and what every statement needs of them.
type evaluator struct {
	t          *Terms
	targetText string
	target     money.Share // the exact target, if exact
	exact      bool
}

func (t *Terms) evaluator() (*evaluator, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	e := &evaluator{t: t}
	text, _ := t.Objective.Target.MarshalText()
	if level, err := money.ParseShare(string(text)); err == nil {
		e.target, e.exact, e.targetText = level, true, level.PercentText()
	} else {
		e.targetText = t.Objective.Target.String()
	}
	return e, nil
}

// met reports whether the measurement meets the target. Rounding to
// float64 is monotone, so floats that differ order the exact values the
// same way; only equal floats need the exact comparison of the counted
// downtime and service time with the target's decimal.
func (e *evaluator) met(m *sla.Measurement) bool {
	if c := e.t.Objective.Target.Compare(m.Availability); c != 0 || !e.exact {
		return c <= 0
	}
	up, svc := uint64(1), uint64(1)
	if m.ServiceTime > 0 {
		svc = uint64(m.ServiceTime)
		up = svc - uint64(min(max(m.Downtime, 0), m.ServiceTime))
	}
	return AtLeast(e.target).cmpUp(up, svc) >= 0
}

// statement evaluates the terms; lines and reasons are written only if
// explain is set.
func (e *evaluator) statement(r *PeriodRecords, explain bool) (Statement, error) {
	const typ = "PeriodRecords"
	t := e.t
	cur := t.Fee.Currency()
	fee := r.Fee
	var errs []error
	if fee == (money.Money{}) {
		fee = t.Fee
	} else if err := checkAmount(typ, "Fee", fee, cur, false); err != nil {
		errs = append(errs, err)
	}
	basis := fee
	if t.Credits.Basis != "" {
		c, ok := r.Charges[t.Credits.Basis]
		if !ok {
			errs = append(errs, fieldErr(typ, "Charges", strconv.Quote(t.Credits.Basis), "is not listed, but the credit basis names it", ErrUnknownCharge))
		} else if err := checkAmount(typ, "Charges["+strconv.Quote(t.Credits.Basis)+"]", c, cur, false); err != nil {
			errs = append(errs, err)
		}
		basis = c
	}
	if u := t.Objective.Period; u != sla.Window && r.Period.Unit() != u {
		errs = append(errs, fieldErr(typ, "Period", r.Period.String(), "is not a "+u.String()+", the objective's period", money.ErrRange))
	}
	for i, tk := range r.Tickets {
		if _, ok := t.Support.priority(tk.Priority); !ok {
			errs = append(errs, fieldErr(typ, "Tickets["+strconv.Itoa(i)+"].Priority", strconv.Quote(tk.Priority), "is not a priority of the terms", ErrUnknownPriority))
		}
	}
	if len(errs) > 0 {
		return Statement{}, joinErrs(errs)
	}
	asOf := r.AsOf
	if asOf.IsZero() {
		asOf = r.Period.End()
	}
	st := Statement{Terms: t.Name, Effective: t.Effective, Period: r.Period}
	if explain {
		// availability, credit, total, a cap or two, and a guess at
		// exclusions and breaches.
		st.Lines = make([]StatementLine, 0, 5+len(r.Outages)/2+len(r.Tickets))
	}
	line := func(item string, amount money.Money, reason string) {
		st.Lines = append(st.Lines, StatementLine{Item: item, Amount: amount, Reason: reason})
	}
	zero := money.Zero(cur)

	// 1. Measure.
	outages := r.Outages
	ex := t.Exclusions
	if ex.Planned {
		outages = nil // copied on the first late announcement
		for i, o := range r.Outages {
			if o.Kind != sla.Planned {
				continue
			}
			at, ok := r.Announced[o.ID]
			if ok && !at.After(o.Start.Add(-ex.PlannedNotice)) {
				continue
			}
			if outages == nil {
				outages = append(make([]sla.Outage, 0, len(r.Outages)), r.Outages...)
			}
			outages[i].Kind = sla.Unplanned
			if explain {
				why := "was not announced"
				if ok {
					why = "was announced " + at.Format(time.RFC3339) + ", less than " + ex.PlannedNotice.String() + " before its start"
				}
				line("counted", zero, "planned maintenance "+outageName(o, i)+" "+why+", so it counts as unplanned")
			}
		}
		if outages == nil {
			outages = r.Outages
		}
	}
	rules := t.Objective.Rules
	rules.Exclude = ex.kinds()
	m, err := sla.Measure(r.Period, t.Objective.Calendar, outages, rules)
	if err != nil {
		return Statement{}, err
	}
	st.Measurement = m
	st.Met = e.met(&m)
	measured := ""
	if explain {
		for _, e := range m.Excluded {
			line("excluded", zero, "outage "+outageName(sla.Outage{ID: e.ID}, e.Index)+" ("+e.Kind.String()+", "+e.InWindow.String()+" in service hours) does not count: "+e.Reason.String())
		}
		verdict := "meets"
		if !st.Met {
			verdict = "misses"
		}
		measured = exactPercent(m.Downtime, m.ServiceTime)
		line("availability", zero, "measured "+measured+" "+verdict+" the target "+e.targetText)
	}

	// 2. Credit.
	if st.Credit, err = t.Credits.assess(m.Downtime, m.ServiceTime, m.Availability, basis, measured, explain); err != nil {
		return Statement{}, err
	}
	st.CreditDue = st.Credit.Amount
	if st.Credit.Capped {
		st.Caps = append(st.Caps, CapApplied{Cap: "credit cap", Limit: st.Credit.Cap, Before: st.Credit.Earned, After: st.Credit.Cap})
	}
	if t.Credits.Claim.Required {
		st.Deadline = t.Credits.Claim.Deadline(r.Period)
		switch {
		case !r.Claimed.IsZero() && !r.Claimed.After(st.Deadline):
			st.Claim = Claimed
		case !r.Claimed.IsZero() || asOf.After(st.Deadline):
			st.Claim = Forfeited
			st.CreditDue = zero
		default:
			st.Claim = Claimable
		}
	}
	if explain {
		reason := st.Credit.Reason
		if st.Credit.Amount.MinorUnits() != 0 {
			switch st.Claim {
			case Claimed:
				reason += "; claimed " + r.Claimed.Format(time.RFC3339)
			case Forfeited:
				reason += "; not claimed by the deadline " + st.Deadline.Format(time.RFC3339) + ", so forfeited"
			case Claimable:
				reason += "; payable on a claim by " + st.Deadline.Format(time.RFC3339)
			}
		}
		line("credit", st.CreditDue, reason)
	}

	// 3. Penalties.
	penalties := zero
	for _, tk := range r.Tickets {
		if !r.Period.Contains(tk.Opened) {
			continue
		}
		p, _ := t.Support.priority(tk.Priority)
		check, err := t.Support.Calendar.CheckTicket(tk, p.Targets(), asOf)
		if err != nil {
			return Statement{}, err
		}
		for _, o := range []struct {
			what    string
			out     sla.Outcome
			penalty Amount
		}{{"response", check.Response, p.RespondPenalty}, {"resolution", check.Resolution, p.ResolvePenalty}} {
			if o.out.Status != sla.Breached && o.out.Status != sla.Overdue {
				continue
			}
			amount := zero
			if !o.penalty.IsZero() {
				if amount, err = o.penalty.Of(fee, t.Support.Rounding); err != nil {
					return Statement{}, err
				}
			}
			if penalties, err = penalties.Add(amount); err != nil {
				return Statement{}, err
			}
			st.Penalties = append(st.Penalties, Penalty{Ticket: tk.ID, Priority: tk.Priority, Target: o.what, Due: o.out.Due, Done: o.out.Done,
				Status: o.out.Status, Overrun: -o.out.Margin, Amount: amount})
			if explain {
				b := make([]byte, 0, 192)
				b = append(b, tk.Priority...)
				b = strconv.AppendQuote(append(b, " ticket "...), tk.ID)
				b = append(append(append(append(b, ": "...), o.what...), " within "...), o.out.Target.String()...)
				b = o.out.Due.AppendFormat(append(b, " was due "...), time.RFC3339)
				if o.out.Status == sla.Breached {
					b = o.out.Done.AppendFormat(append(b, ", done "...), time.RFC3339)
				} else {
					b = asOf.AppendFormat(append(b, ", not done by "...), time.RFC3339)
				}
				b = append(append(append(b, " ("...), (-o.out.Margin).String()...), " business time late)"...)
				switch {
				case o.penalty.IsZero():
					b = append(b, "; no penalty set"...)
				case o.penalty.Fixed == (money.Money{}):
					b = append(append(append(append(b, "; penalty "...), o.penalty.String()...), " of the fee "...), fee.String()...)
				default:
					b = append(append(b, "; penalty "...), o.penalty.String()...)
				}
				line(o.what+" breach", amount, string(b))
			}
		}
	}
	st.PenaltyDue = penalties
	if !t.Support.PenaltyCap.IsZero() {
		limit, err := t.Support.PenaltyCap.Of(fee, t.Support.Rounding)
		if err != nil {
			return Statement{}, err
		}
		if penalties.MinorUnits() > limit.MinorUnits() {
			st.PenaltyDue = limit
			st.Caps = append(st.Caps, CapApplied{Cap: "penalty cap", Limit: limit, Before: penalties, After: limit})
			if explain {
				cut, _ := limit.Sub(penalties)
				line("penalty cap", cut, "penalties of "+penalties.String()+" capped at "+t.Support.PenaltyCap.String()+" = "+limit.String())
			}
		}
	}

	// 4. Total.
	total, err := st.CreditDue.Add(st.PenaltyDue)
	if err != nil {
		return Statement{}, err
	}
	st.Total = total
	if !t.TotalCap.IsZero() {
		limit, err := t.TotalCap.Of(fee, t.Support.Rounding)
		if err != nil {
			return Statement{}, err
		}
		if total.MinorUnits() > limit.MinorUnits() {
			st.Total = limit
			st.Caps = append(st.Caps, CapApplied{Cap: "total cap", Limit: limit, Before: total, After: limit})
			if explain {
				cut, _ := limit.Sub(total)
				line("total cap", cut, "credit and penalties of "+total.String()+" capped at "+t.TotalCap.String()+" = "+limit.String())
			}
		}
	}
	if explain {
		line("total", st.Total, "due to the customer for "+r.Period.Start().Format("2006-01-02")+" – "+r.Period.End().Format("2006-01-02"))
	}
	return st, nil
}

// outageName names an outage record by its ID, or by its position.
func outageName(o sla.Outage, i int) string {
	if o.ID != "" {
		return strconv.Quote(o.ID)
	}
	return "#" + strconv.Itoa(i)
}
