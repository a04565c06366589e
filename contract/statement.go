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
	Cap    string      // "credit cap", "response cap", "resolution cap", "penalty cap" or "total cap"
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
//  2. The credit: the tier (or the pro-rata steps) is found exactly from
//     the counted downtime and service time ([CreditSchedule.Tier],
//     [ProRata.Steps]), the basis (the fee or a named charge) × the share
//     is rounded once, the downtime rate's amount is added, the sum is cut
//     to the credit cap,
//     and dropped if below the minimum payout; then the claim rule decides
//     whether it is due.
//  3. The penalties: each ticket opened in the period is checked in its
//     priority's calendar, or else the support calendar
//     ([sla.Calendar.CheckTicket]), as of AsOf; every breached or overdue
//     target that is set costs its penalty (a fixed amount, or a share of
//     the fee rounded by Support.Rounding); the response and the
//     resolution penalties are cut to their caps, and their sum to the
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

// statement evaluates the terms in the domain's steps: check the records,
// exclude what does not count, measure, price the credit and the
// penalties, cap, and explain. Lines and reasons are written only if
// explain is set.
func (e *evaluator) statement(r *PeriodRecords, explain bool) (Statement, error) {
	var v evaluation
	if err := e.begin(&v, r, explain); err != nil {
		return Statement{}, err
	}
	if err := v.measure(v.exclude()); err != nil {
		return Statement{}, err
	}
	if err := v.priceCredit(); err != nil {
		return Statement{}, err
	}
	if err := v.pricePenalties(); err != nil {
		return Statement{}, err
	}
	if err := v.cap(); err != nil {
		return Statement{}, err
	}
	if explain {
		v.explain()
	}
	return v.st, nil
}

// evaluation is one period's statement in the making: the records, what
// the steps found, and the statement they fill in.
type evaluation struct {
	e         *evaluator
	t         *Terms
	r         *PeriodRecords
	wantLines bool        // write lines and reasons
	fee       money.Money // the period's fee
	basis     money.Money // what the credit is a share of
	zero      money.Money // zero in the terms' currency
	asOf      time.Time   // the instant of evaluation

	late     []lateNotice   // planned outages counted as unplanned
	measured string         // the measured availability in words, if explain
	owed     [2]money.Money // the sums of response and resolution penalties, before the caps
	breached [2]int         // the numbers of breached response and resolution targets

	st Statement
}

// lateNotice is a planned outage whose announcement came too late (or
// never), so it counts as unplanned.
type lateNotice struct {
	outage    sla.Outage
	index     int
	at        time.Time // when it was announced
	announced bool
}

// begin checks the records against the terms, reporting every problem at
// once, and sets up the evaluation.
func (e *evaluator) begin(v *evaluation, r *PeriodRecords, explain bool) error {
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
		return joinErrs(errs)
	}
	*v = evaluation{e: e, t: t, r: r, wantLines: explain, fee: fee, basis: basis, zero: money.Zero(cur), asOf: r.AsOf}
	if v.asOf.IsZero() {
		v.asOf = r.Period.End()
	}
	v.owed = [2]money.Money{v.zero, v.zero}
	v.st = Statement{Terms: t.Name, Effective: t.Effective, Period: r.Period}
	return nil
}

// exclude returns the outages as they count: planned maintenance that was
// announced later than the notice before its start (or not at all) counts
// as unplanned. The excluded kinds are set aside by measure.
func (v *evaluation) exclude() []sla.Outage {
	ex := v.t.Exclusions
	if !ex.Planned {
		return v.r.Outages
	}
	var outages []sla.Outage // copied on the first late announcement
	for i, o := range v.r.Outages {
		if o.Kind != sla.Planned {
			continue
		}
		at, ok := v.r.Announced[o.ID]
		if ok && !at.After(o.Start.Add(-ex.PlannedNotice)) {
			continue
		}
		if outages == nil {
			outages = append(make([]sla.Outage, 0, len(v.r.Outages)), v.r.Outages...)
		}
		outages[i].Kind = sla.Unplanned
		if v.wantLines {
			v.late = append(v.late, lateNotice{outage: o, index: i, at: at, announced: ok})
		}
	}
	if outages == nil {
		return v.r.Outages
	}
	return outages
}

// measure gives the counted downtime and service time of the outages
// under the objective's rules, without the excluded kinds, and whether
// the target was met.
func (v *evaluation) measure(outages []sla.Outage) error {
	rules := v.t.Objective.Rules
	rules.Exclude = v.t.Exclusions.kinds()
	m, err := sla.Measure(v.r.Period, v.t.Objective.Calendar, outages, rules)
	if err != nil {
		return err
	}
	v.st.Measurement = m
	v.st.Met = v.e.met(&m)
	if v.wantLines {
		v.measured = exactPercent(m.Downtime, m.ServiceTime)
	}
	return nil
}

// priceCredit assesses the credit on the basis (tier, share rounded once,
// credit cap, minimum payout) and applies the claim rule.
func (v *evaluation) priceCredit() error {
	t, st, m := v.t, &v.st, &v.st.Measurement
	var err error
	if st.Credit, err = t.Credits.assess(m.Downtime, m.ServiceTime, m.Availability, v.basis, v.measured, v.wantLines); err != nil {
		return err
	}
	st.CreditDue = st.Credit.Amount
	if st.Credit.Capped {
		st.Caps = append(st.Caps, CapApplied{Cap: "credit cap", Limit: st.Credit.Cap, Before: st.Credit.Earned, After: st.Credit.Cap})
	}
	if t.Credits.Claim.Required {
		st.Deadline = t.Credits.Claim.Deadline(v.r.Period)
		switch {
		case !v.r.Claimed.IsZero() && !v.r.Claimed.After(st.Deadline):
			st.Claim = Claimed
		case !v.r.Claimed.IsZero() || v.asOf.After(st.Deadline):
			st.Claim = Forfeited
			st.CreditDue = v.zero
		default:
			st.Claim = Claimable
		}
	}
	return nil
}

// pricePenalties checks each ticket opened in the period in the support
// calendar as of asOf and prices every breached or overdue target.
func (v *evaluation) pricePenalties() error {
	t, r := v.t, v.r
	for _, tk := range r.Tickets {
		if !r.Period.Contains(tk.Opened) {
			continue
		}
		p, _ := t.Support.priority(tk.Priority)
		check, err := t.Support.Calendar.CheckTicket(tk, p.Targets(), v.asOf)
		if err != nil {
			return err
		}
		for _, o := range []struct {
			what    string
			out     sla.Outcome
			penalty Amount
		}{{"response", check.Response, p.RespondPenalty}, {"resolution", check.Resolution, p.ResolvePenalty}} {
			if o.out.Target.IsZero() || o.out.Status != sla.Breached && o.out.Status != sla.Overdue {
				continue // a target nobody set makes no line
			}
			amount := v.zero
			if !o.penalty.IsZero() {
				if amount, err = o.penalty.Of(v.fee, t.Support.Rounding); err != nil {
					return err
				}
			}
			k := kindResponse
			if o.what == "resolution" {
				k = kindResolution
			}
			if v.owed[k], err = v.owed[k].Add(amount); err != nil {
				return err
			}
			v.breached[k]++
			v.st.Penalties = append(v.st.Penalties, Penalty{Ticket: tk.ID, Priority: tk.Priority, Target: o.what, Due: o.out.Due, Done: o.out.Done,
				Status: o.out.Status, Overrun: -o.out.Margin, Amount: amount})
		}
	}
	return nil
}

// The kinds of penalty, by target.
const (
	kindResponse = iota
	kindResolution
)

// cap cuts the response and the resolution penalties to their caps, their
// sum to the penalty cap and the total to the total cap.
func (v *evaluation) cap() error {
	t, st := v.t, &v.st
	var err error
	for k, c := range []struct {
		name string
		cap  Amount
	}{{"response cap", t.Support.ResponseCap}, {"resolution cap", t.Support.ResolutionCap}} {
		if v.owed[k], err = v.capAt(c.name, c.cap, v.owed[k]); err != nil {
			return err
		}
	}
	if st.PenaltyDue, err = v.owed[kindResponse].Add(v.owed[kindResolution]); err != nil {
		return err
	}
	if st.PenaltyDue, err = v.capAt("penalty cap", t.Support.PenaltyCap, st.PenaltyDue); err != nil {
		return err
	}
	if st.Total, err = st.CreditDue.Add(st.PenaltyDue); err != nil {
		return err
	}
	st.Total, err = v.capAt("total cap", t.TotalCap, st.Total)
	return err
}

// capAt cuts amount to the cap (of the fee), recording it when it cuts.
func (v *evaluation) capAt(name string, cap Amount, amount money.Money) (money.Money, error) {
	if cap.IsZero() {
		return amount, nil
	}
	limit, err := cap.Of(v.fee, v.t.Support.Rounding)
	if err != nil {
		return money.Money{}, err
	}
	if amount.MinorUnits() <= limit.MinorUnits() {
		return amount, nil
	}
	v.st.Caps = append(v.st.Caps, CapApplied{Cap: name, Limit: limit, Before: amount, After: limit})
	return limit, nil
}

// explain writes a line with its reason for every step, in the order of
// the steps.
func (v *evaluation) explain() {
	t, r, st := v.t, v.r, &v.st
	m := &st.Measurement
	// availability, credit, total, a cap or two, and a guess at exclusions
	// and breaches.
	st.Lines = make([]StatementLine, 0, 5+len(r.Outages)/2+len(r.Tickets))
	line := func(item string, amount money.Money, reason string) {
		st.Lines = append(st.Lines, StatementLine{Item: item, Amount: amount, Reason: reason})
	}
	for _, l := range v.late {
		why := "was not announced"
		if l.announced {
			why = "was announced " + l.at.Format(time.RFC3339) + ", less than " + t.Exclusions.PlannedNotice.String() + " before its start"
		}
		line("counted", v.zero, "planned maintenance "+outageName(l.outage, l.index)+" "+why+", so it counts as unplanned")
	}
	for _, x := range m.Excluded {
		line("excluded", v.zero, "outage "+outageName(sla.Outage{ID: x.ID}, x.Index)+" ("+x.Kind.String()+", "+x.InWindow.String()+" in service hours) does not count: "+x.Reason.String())
	}
	verdict := "meets"
	if !st.Met {
		verdict = "misses"
	}
	line("availability", v.zero, "measured "+v.measured+" "+verdict+" the target "+v.e.targetText)

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

	for i := range st.Penalties {
		p := &st.Penalties[i]
		line(p.Target+" breach", p.Amount, v.breachReason(p))
	}
	for _, c := range st.Caps {
		cut, _ := c.After.Sub(c.Before)
		switch c.Cap {
		case "response cap", "resolution cap":
			k, rule := kindResponse, t.Support.ResponseCap
			if c.Cap == "resolution cap" {
				k, rule = kindResolution, t.Support.ResolutionCap
			}
			what, n := c.Cap[:len(c.Cap)-len(" cap")], v.breached[k]
			noun := " breaches"
			if n == 1 {
				noun = " breach"
			}
			line(c.Cap, cut, strconv.Itoa(n)+" "+what+noun+" cost "+c.Before.String()+", capped at "+rule.String()+" a period = "+c.Limit.String())
		case "penalty cap":
			line("penalty cap", cut, "penalties of "+c.Before.String()+" capped at "+t.Support.PenaltyCap.String()+" = "+c.Limit.String())
		case "total cap":
			line("total cap", cut, "credit and penalties of "+c.Before.String()+" capped at "+t.TotalCap.String()+" = "+c.Limit.String())
		}
	}
	line("total", st.Total, "due to the customer for "+r.Period.Start().Format("2006-01-02")+" – "+r.Period.End().Format("2006-01-02"))
}

// breachReason says which target a ticket breached, by how much business
// time, and what it costs.
func (v *evaluation) breachReason(p *Penalty) string {
	pt, _ := v.t.Support.priority(p.Priority)
	target, rule := pt.Respond, pt.RespondPenalty
	if p.Target == "resolution" {
		target, rule = pt.Resolve, pt.ResolvePenalty
	}
	b := make([]byte, 0, 192)
	b = append(b, p.Priority...)
	b = strconv.AppendQuote(append(b, " ticket "...), p.Ticket)
	b = append(append(append(append(b, ": "...), p.Target...), " within "...), target.String()...)
	b = p.Due.AppendFormat(append(b, " was due "...), time.RFC3339)
	if p.Status == sla.Breached {
		b = p.Done.AppendFormat(append(b, ", done "...), time.RFC3339)
	} else {
		b = v.asOf.AppendFormat(append(b, ", not done by "...), time.RFC3339)
	}
	b = append(append(append(b, " ("...), p.Overrun.String()...), " business time late)"...)
	switch {
	case rule.IsZero():
		b = append(b, "; no penalty set"...)
	case rule.Fixed == (money.Money{}):
		b = append(append(append(append(b, "; penalty "...), rule.String()...), " of the fee "...), v.fee.String()...)
	default:
		b = append(append(b, "; penalty "...), rule.String()...)
	}
	return string(b)
}

// outageName names an outage record by its ID, or by its position.
func outageName(o sla.Outage, i int) string {
	if o.ID != "" {
		return strconv.Quote(o.ID)
	}
	return "#" + strconv.Itoa(i)
}
