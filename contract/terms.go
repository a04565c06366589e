package contract

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

// Terms are the service-level terms of a contract as data: what is
// promised ([sla.Objective]: the target over each period, usually
// [sla.Month], counted in the calendar's service hours under the counting
// rules; a Window objective without a length holds over any period), what
// a missed target earns the customer ([CreditSchedule]), how fast tickets are answered and resolved and what a
// breach costs ([Support]), what does not count ([Exclusions]), what the
// customer must do ([Obligation]) and which work the fee covers ([Work]).
// Terms apply from their Effective date until the next version's; see
// [TermsAt].
//
// Terms marshal to JSON and back without loss: availabilities and shares
// as percentages, money as "EUR 1234.50", durations as Go duration
// strings, instants in RFC 3339. Decoding validates, like [Terms.Validate].
type Terms struct {
	Name        string         `json:"name,omitempty"`
	Effective   time.Time      `json:"effective"`             // the version applies from this instant
	Fee         money.Money    `json:"fee"`                   // the fee per measurement period; its currency is the terms' currency
	Objective   sla.Objective  `json:"objective"`             // the availability promised and how it is measured; Rules.Exclude must be empty (see Exclusions)
	Credits     CreditSchedule `json:"credits"`               // service credits for a missed objective
	Support     Support        `json:"support,omitzero"`      // response and resolution targets and their penalties
	Exclusions  Exclusions     `json:"exclusions,omitzero"`   // outages that do not count
	Obligations []Obligation   `json:"obligations,omitempty"` // what the customer must do
	Work        Work           `json:"work,omitzero"`         // the work the fee covers and what is billed on top
	// TotalCap limits the sum of credits and penalties of one period: a
	// share of the fee or a fixed amount. The zero Amount is no cap.
	TotalCap Amount `json:"totalCap,omitzero"`
}

// Support holds the response and resolution targets per priority, in the
// support calendar's business time (or the priority's own calendar), with
// a penalty per breach, caps on the response and on the resolution
// penalties of one period, and a cap on all of them. "EUR 100 per breached
// response target, at most EUR 500 a month" is a RespondPenalty of EUR
// 100.00 on each priority and a ResponseCap of EUR 500.00.
type Support struct {
	// Calendar is the support calendar, for priorities without their own.
	Calendar   sla.Calendar    `json:"calendar"`
	Priorities []PriorityTerms `json:"priorities,omitempty"`
	// ResponseCap limits the sum of a period's response penalties, and
	// ResolutionCap that of its resolution penalties, before PenaltyCap:
	// a share of the fee or a fixed amount. The zero Amount is no cap.
	ResponseCap   Amount `json:"responseCap,omitzero"`
	ResolutionCap Amount `json:"resolutionCap,omitzero"`
	// PenaltyCap limits the sum of a period's penalties: a share of the
	// fee or a fixed amount. The zero Amount is no cap.
	PenaltyCap Amount `json:"penaltyCap,omitzero"`
	// Rounding rounds penalties that are a share of the fee; the zero
	// value is HalfEven.
	Rounding money.RoundingMode `json:"rounding,omitzero"`
}

// PriorityTerms are the targets of one priority and the penalty for a
// breach of each: P1 respond within 1 business hour or pay EUR 100.00,
// resolve within 4 or pay 2% of the fee. A zero penalty means the target
// is reported but costs nothing. A zero target is not set: it is not
// checked and makes no line. Calendar, when set, is the priority's own
// calendar for both targets (P1 7×24 while P2 keeps office hours); nil
// means the support calendar.
type PriorityTerms struct {
	Priority       string        `json:"priority"`
	Respond        sla.Target    `json:"respond,omitzero"`
	Resolve        sla.Target    `json:"resolve,omitzero"`
	RespondPenalty Amount        `json:"respondPenalty,omitzero"`
	ResolvePenalty Amount        `json:"resolvePenalty,omitzero"`
	Calendar       *sla.Calendar `json:"calendar,omitempty"`
}

// Targets returns the priority's targets, with its own calendar if it has
// one, in the form [sla.Calendar.CheckTicket] takes.
func (p PriorityTerms) Targets() sla.PriorityTargets {
	return sla.PriorityTargets{Priority: p.Priority, Respond: p.Respond, Resolve: p.Resolve, Calendar: p.Calendar}
}

// CalendarOr returns the calendar the priority's targets are measured in:
// its own, or fallback (the support calendar) when it has none.
func (p PriorityTerms) CalendarOr(fallback sla.Calendar) sla.Calendar {
	if p.Calendar != nil {
		return *p.Calendar
	}
	return fallback
}

// CalendarFor returns the calendar the named priority's targets are
// measured in, and false for a priority the support terms do not list.
func (s Support) CalendarFor(priority string) (sla.Calendar, bool) {
	p, ok := s.priority(priority)
	if !ok {
		return sla.Calendar{}, false
	}
	return p.CalendarOr(s.Calendar), true
}

// priorityFields and supportFields are PriorityTerms and Support without
// their methods, for decoding.
type (
	priorityFields PriorityTerms
	supportFields  Support
)

// UnmarshalJSON decodes the priority's terms; unknown keys are errors.
func (p *PriorityTerms) UnmarshalJSON(b []byte) error {
	var v priorityFields
	if err := decodeStrict("PriorityTerms", b, &v); err != nil {
		return err
	}
	*p = PriorityTerms(v)
	return nil
}

// UnmarshalJSON decodes the support terms; unknown keys are errors.
func (s *Support) UnmarshalJSON(b []byte) error {
	var v supportFields
	if err := decodeStrict("Support", b, &v); err != nil {
		return err
	}
	*s = Support(v)
	return nil
}

// Exclusions say which outages do not count against the objective:
// planned maintenance announced at least PlannedNotice before it starts
// (the announcements are part of the [PeriodRecords]), outages the
// customer caused, force majeure and causes outside the provider's
// control. Excluded outages are listed on the statement with the reason.
type Exclusions struct {
	Planned        bool          // planned maintenance does not count if announced in time
	PlannedNotice  time.Duration // how long before its start maintenance must be announced; ≥ 0
	CustomerCaused bool          // outages the customer caused do not count
	ForceMajeure   bool          // force majeure does not count
	ThirdParty     bool          // outages caused by parties outside the provider's control do not count
}

// Kinds returns the outage kinds the exclusions leave out of the count,
// in the order of sla's kinds.
func (e Exclusions) Kinds() []sla.OutageKind {
	var out []sla.OutageKind
	for _, k := range []struct {
		on   bool
		kind sla.OutageKind
	}{{e.Planned, sla.Planned}, {e.CustomerCaused, sla.CustomerCaused}, {e.ThirdParty, sla.ThirdParty}, {e.ForceMajeure, sla.ForceMajeure}} {
		if k.on {
			out = append(out, k.kind)
		}
	}
	return out
}

// Promise returns the terms' objective as a promise that counts like the
// terms: the objective's counting rules with the exclusions' kinds left
// out, and the terms' name as its name when it has none.
func (t Terms) Promise() sla.Objective {
	o := t.Objective
	o.Rules.Exclude = append(slices.Clone(o.Rules.Exclude), t.Exclusions.Kinds()...)
	if o.Name == "" {
		o.Name = t.Name
	}
	return o
}

type exclusionsJSON struct {
	Planned        bool   `json:"planned,omitempty"`
	PlannedNotice  string `json:"plannedNotice,omitempty"`
	CustomerCaused bool   `json:"customerCaused,omitempty"`
	ForceMajeure   bool   `json:"forceMajeure,omitempty"`
	ThirdParty     bool   `json:"thirdParty,omitempty"`
}

// MarshalJSON encodes the exclusions with the notice as a Go duration string.
func (e Exclusions) MarshalJSON() ([]byte, error) {
	return json.Marshal(exclusionsJSON{e.Planned, durationText(e.PlannedNotice), e.CustomerCaused, e.ForceMajeure, e.ThirdParty})
}

// UnmarshalJSON decodes the form of [Exclusions.MarshalJSON]; other keys
// are errors.
func (e *Exclusions) UnmarshalJSON(b []byte) error {
	v, err := decodeExclusions(b)
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// kinds returns the outage kinds excluded outright (planned maintenance is
// excluded record by record, when announced in time).
func (e Exclusions) kinds() []sla.OutageKind {
	var ks []sla.OutageKind
	if e.Planned {
		ks = append(ks, sla.Planned)
	}
	if e.CustomerCaused {
		ks = append(ks, sla.CustomerCaused)
	}
	if e.ForceMajeure {
		ks = append(ks, sla.ForceMajeure)
	}
	if e.ThirdParty {
		ks = append(ks, sla.ThirdParty)
	}
	return ks
}

// Obligation is something the customer must do for the terms to hold:
// "report incidents through the service desk", "keep a contact reachable
// during maintenance windows". Outages caused by not meeting an
// obligation are customer-caused ([sla.CustomerCaused]).
type Obligation struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Work says which kinds of work the fee covers and the price of work on
// top: other kinds of work, billed under Extra. A zero Extra means work on
// top is not offered under these terms.
type Work struct {
	Covered []pricing.WorkKind `json:"covered,omitempty"`
	Extra   pricing.HourlyRate `json:"extra,omitzero"`
}

// Covers reports whether the fee covers work of kind k.
func (w Work) Covers(k pricing.WorkKind) bool { return slices.Contains(w.Covered, k) }

// Validate reports every problem of the terms at once, each a
// [*availability.InputError] naming the field: a missing or negative fee, an invalid
// credit schedule, amounts in another currency than the fee, duplicate or
// empty priorities, negative targets, notice or caps, counting rules with
// their own exclusions, unknown kinds of work, duplicate obligations.
func (t Terms) Validate() error {
	const typ = "Terms"
	cur := t.Fee.Currency()
	var errs []error
	if t.Fee == (money.Money{}) {
		errs = append(errs, fieldErr(typ, "Fee", "unset", "must be an amount; it sets the terms' currency", money.ErrRange))
	} else {
		errs = append(errs, checkAmount(typ, "Fee", t.Fee, cur, false))
	}
	if t.Effective.IsZero() {
		errs = append(errs, fieldErr(typ, "Effective", "unset", "must be the date the terms apply from", money.ErrRange))
	}
	if t.Objective.Period < sla.Window || t.Objective.Period > sla.Year {
		errs = append(errs, fieldErr(typ, "Objective.Period", t.Objective.Period.String(), "is not a unit", money.ErrRange))
	} else if t.Objective.Window != 0 {
		errs = append(errs, fieldErr(typ, "Objective.Window", t.Objective.Window.String(), "must be unset: terms are measured per calendar period, or per any period with period \"window\"", money.ErrRange))
	}
	if len(t.Objective.Rules.Exclude) > 0 {
		errs = append(errs, fieldErr(typ, "Objective.Rules.Exclude", strconv.Itoa(len(t.Objective.Rules.Exclude))+" kinds", "must be empty; state exclusions in Exclusions", money.ErrRange))
	}
	errs = append(errs, t.Credits.validate(typ, "Credits.", cur)...)
	seen := map[string]bool{}
	for i, p := range t.Support.Priorities {
		f := "Support.Priorities[" + strconv.Itoa(i) + "]"
		switch {
		case p.Priority == "":
			errs = append(errs, fieldErr(typ, f+".Priority", `""`, "must be named", ErrUnknownPriority))
		case seen[p.Priority]:
			errs = append(errs, fieldErr(typ, f+".Priority", strconv.Quote(p.Priority), "is listed twice", ErrUnknownPriority))
		}
		seen[p.Priority] = true
		for _, tg := range []struct {
			name string
			t    sla.Target
		}{{"Respond", p.Respond}, {"Resolve", p.Resolve}} {
			if tg.t.Business < 0 || tg.t.WorkingDays < 0 || tg.t.Business != 0 && tg.t.WorkingDays != 0 {
				errs = append(errs, fieldErr(typ, f+"."+tg.name, tg.t.String(), "must be a non-negative business time or number of working days, not both", money.ErrRange))
			}
		}
		errs = append(errs, p.RespondPenalty.validate(typ, f+".RespondPenalty", cur), p.ResolvePenalty.validate(typ, f+".ResolvePenalty", cur))
	}
	errs = append(errs, t.Support.ResponseCap.validate(typ, "Support.ResponseCap", cur), t.Support.ResolutionCap.validate(typ, "Support.ResolutionCap", cur))
	errs = append(errs, t.Support.PenaltyCap.validate(typ, "Support.PenaltyCap", cur))
	if !t.Support.Rounding.IsValid() {
		errs = append(errs, fieldErr(typ, "Support.Rounding", t.Support.Rounding.String(), "is not a rounding mode", money.ErrRange))
	}
	errs = append(errs, t.TotalCap.validate(typ, "TotalCap", cur))
	if t.Exclusions.PlannedNotice < 0 {
		errs = append(errs, fieldErr(typ, "Exclusions.PlannedNotice", t.Exclusions.PlannedNotice.String(), "must not be negative", money.ErrRange))
	}
	ids := map[string]bool{}
	for i, o := range t.Obligations {
		if ids[o.ID] {
			errs = append(errs, fieldErr(typ, "Obligations["+strconv.Itoa(i)+"].ID", strconv.Quote(o.ID), "is listed twice", money.ErrRange))
		}
		ids[o.ID] = true
	}
	for i, k := range t.Work.Covered {
		if !k.IsValid() {
			errs = append(errs, fieldErr(typ, "Work.Covered["+strconv.Itoa(i)+"]", k.String(), "is not a declared kind", money.ErrRange))
		}
	}
	if t.Work.Extra != (pricing.HourlyRate{}) {
		errs = append(errs, prefixed(t.Work.Extra.Validate(), typ, "Work.Extra.")...)
		if t.Work.Extra.Rate.IsValid() && t.Work.Extra.Rate.Currency() != cur {
			errs = append(errs, fieldErr(typ, "Work.Extra.Rate", t.Work.Extra.Rate.String(), "is not in "+cur.String(), money.ErrCurrencyMismatch))
		}
	}
	return joinErrs(flatten(compact(errs)))
}

// flatten unwraps joined errors one level so that every problem is one
// element of the final join.
func flatten(errs []error) []error {
	var out []error
	for _, e := range errs {
		if _, one := e.(*availability.InputError); !one {
			if j, ok := e.(interface{ Unwrap() []error }); ok {
				out = append(out, flatten(j.Unwrap())...)
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// priority returns the terms of the named priority.
func (s Support) priority(name string) (PriorityTerms, bool) {
	for _, p := range s.Priorities {
		if p.Priority == name {
			return p, true
		}
	}
	return PriorityTerms{}, false
}

// termsFields is Terms without its methods, for decoding.
type termsFields Terms

// UnmarshalJSON decodes terms and validates them; every problem is
// reported at once at its JSON path ("credits.tiers[1].upper"), and
// unknown or missing keys are errors.
func (t *Terms) UnmarshalJSON(b []byte) error {
	v, err := decodeTerms(b)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// TermsAt returns the version of the terms in effect at t: the one with
// the latest Effective instant not after t. Versions may be given in any
// order; two versions with the same Effective instant are an error, and so
// is an instant before the first version.
func TermsAt(versions []Terms, t time.Time) (Terms, error) {
	best := -1
	for i, v := range versions {
		for j := range i {
			if versions[j].Effective.Equal(v.Effective) {
				return Terms{}, fieldErr("Terms", "Effective", v.Effective.Format(time.RFC3339), "is shared by versions "+strconv.Itoa(j)+" and "+strconv.Itoa(i), money.ErrRange)
			}
		}
		if !v.Effective.After(t) && (best < 0 || v.Effective.After(versions[best].Effective)) {
			best = i
		}
	}
	if best < 0 {
		return Terms{}, fieldErr("Terms", "Effective", t.Format(time.RFC3339), "is before every version of the terms", money.ErrRange)
	}
	return versions[best], nil
}
