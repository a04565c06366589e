package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

// Sentinel errors of terms, statements and supply chains, in addition to
// those of [ErrRange] and the others declared with [Money].
var (
	// ErrTierGap reports credit tiers that leave some availabilities
	// without a tier: between two tiers, or below the lowest.
	ErrTierGap = errors.New("gap between credit tiers")
	// ErrUnknownPriority reports a ticket whose priority the terms do not
	// know, or a priority listed twice.
	ErrUnknownPriority = errors.New("unknown priority")
	// ErrUnknownComponent reports a supplier covering a component that the
	// dependency graph does not have, or a component covered twice.
	ErrUnknownComponent = errors.New("unknown component")
	// ErrUnknownCharge reports a credit basis naming a charge the period's
	// records do not list.
	ErrUnknownCharge = errors.New("unknown charge")
)

// Bound is one end of a [CreditTier]: an availability level, held exactly
// as a [Share] (99.0% is 99/100, never a float64), and whether the level
// itself belongs to the tier. Whether it is an upper or a lower end is
// given by the tier field that holds it; its text form says both:
// "< 99.99%" and "<= 99.99%" for upper ends, ">= 99%" and "> 99%" for
// lower ends.
//
// The zero Bound is 0% exclusive.
type Bound struct {
	Level     money.Share // the availability, in [0, 1]
	Inclusive bool        // an availability equal to Level is within the bound
}

// Below returns the exclusive upper bound "< level".
func Below(level money.Share) Bound { return Bound{Level: level} }

// AtMost returns the inclusive upper bound "<= level".
func AtMost(level money.Share) Bound { return Bound{Level: level, Inclusive: true} }

// AtLeast returns the inclusive lower bound ">= level".
func AtLeast(level money.Share) Bound { return Bound{Level: level, Inclusive: true} }

// Above returns the exclusive lower bound "> level".
func Above(level money.Share) Bound { return Bound{Level: level} }

// upperText and lowerText write the bound as an upper or a lower end.
func (b Bound) upperText() string {
	if b.Inclusive {
		return "<= " + b.Level.PercentText()
	}
	return "< " + b.Level.PercentText()
}

func (b Bound) lowerText() string {
	if b.Inclusive {
		return ">= " + b.Level.PercentText()
	}
	return "> " + b.Level.PercentText()
}

// parseBound reads "< 99.99%" (upper) or ">= 99%" (lower); spaces around
// the operator are optional.
func parseBound(s string, upper bool) (Bound, error) {
	t := strings.TrimSpace(s)
	var b Bound
	ops := []string{">=", ">"}
	if upper {
		ops = []string{"<=", "<"}
	}
	switch {
	case strings.HasPrefix(t, ops[0]):
		b.Inclusive, t = true, t[2:]
	case strings.HasPrefix(t, ops[1]):
		t = t[1:]
	default:
		want := `">=" or ">"`
		if upper {
			want = `"<" or "<="`
		}
		return Bound{}, parseErr("Bound", s, "want "+want+" and a percentage", money.ErrSyntax)
	}
	l, err := money.ParseShare(strings.TrimSpace(t))
	if err != nil {
		return Bound{}, parseErr("Bound", s, "bad level: "+err.Error(), money.ErrSyntax)
	}
	b.Level = l
	return b, nil
}

// cmpUp compares the availability up/service, with up ≤ service and
// service > 0, to the bound's level exactly: −1, 0 or +1 as it is below,
// at or above the level. It compares up·den with num·service in 128 bits.
func (b Bound) cmpUp(up, service uint64) int {
	num, den := uint64(max(b.Level.Num(), 0)), uint64(b.Level.Den())
	h1, l1 := bits.Mul64(up, den)
	h2, l2 := bits.Mul64(num, service)
	switch {
	case h1 < h2 || h1 == h2 && l1 < l2:
		return -1
	case h1 > h2 || h1 == h2 && l1 > l2:
		return 1
	}
	return 0
}

// CreditTier is one row of a [CreditSchedule]: availabilities within
// Upper and Lower earn Credit, a share of the basis. "Below 99.99% and at
// least 99.0% → 10%" is {Upper: Below(99.99%), Lower: AtLeast(99%),
// Credit: 10%}.
type CreditTier struct {
	Upper  Bound       // the highest availability of the tier, Inclusive or not
	Lower  Bound       // the lowest availability of the tier, Inclusive or not
	Credit money.Share // the credit, a share of the basis; ≥ 0
}

// String returns the tier as "< 99.99% and >= 99% → 10%".
func (t CreditTier) String() string {
	return t.Upper.upperText() + " and " + t.Lower.lowerText() + " → " + t.Credit.PercentText()
}

// contains reports whether the availability up/service is in the tier.
func (t CreditTier) contains(up, service uint64) bool {
	c := t.Upper.cmpUp(up, service)
	if c > 0 || c == 0 && !t.Upper.Inclusive {
		return false
	}
	c = t.Lower.cmpUp(up, service)
	return c > 0 || c == 0 && t.Lower.Inclusive
}

type tierJSON struct {
	Upper  string      `json:"upper"`
	Lower  string      `json:"lower"`
	Credit money.Share `json:"credit"`
}

// MarshalJSON encodes the tier as {"upper": "< 99.99%", "lower": ">= 99%",
// "credit": "10%"}.
func (t CreditTier) MarshalJSON() ([]byte, error) {
	// Without HTML escaping, so that an encoder that does not escape
	// writes "< 99%" rather than "\u003c 99%".
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(tierJSON{Upper: t.Upper.upperText(), Lower: t.Lower.lowerText(), Credit: t.Credit}); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// UnmarshalJSON decodes the form of [CreditTier.MarshalJSON]; every key
// is required and others are errors.
func (t *CreditTier) UnmarshalJSON(b []byte) error {
	v, err := decodeTier(b)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Amount is a sum due under terms: a fixed [Money] amount or a [Share] of
// a basis (the period's fee, for penalties and caps). Set at most one of
// the two. The zero Amount is none: no penalty, or no cap where a cap is
// meant. Its text (and JSON) form is the money ("EUR 250.00") or the share
// ("5%"), empty for none.
type Amount struct {
	Fixed money.Money // a fixed amount, or the zero Money
	Share money.Share // a share of the basis, used when Fixed is the zero Money
}

// FixedAmount returns the Amount m.
func FixedAmount(m money.Money) Amount { return Amount{Fixed: m} }

// ShareOf returns the Amount that is the share s of the basis.
func ShareOf(s money.Share) Amount { return Amount{Share: s} }

// IsZero reports whether a is none.
func (a Amount) IsZero() bool { return a == Amount{} }

// String returns the text form.
func (a Amount) String() string {
	switch {
	case a.Fixed != money.Money{}:
		return a.Fixed.String()
	case a.Share != money.Share{}:
		return a.Share.PercentText()
	}
	return ""
}

// Of returns the amount for the basis: Fixed, or basis × Share rounded by
// mode. It fails with [ErrCurrencyMismatch] for a fixed amount in another
// currency than the basis.
func (a Amount) Of(basis money.Money, mode money.RoundingMode) (money.Money, error) {
	if a.Fixed != (money.Money{}) {
		if a.Fixed.Currency() != basis.Currency() {
			return money.Money{}, &money.ArithmeticError{Op: "Amount.Of", Operands: []string{a.Fixed.String(), basis.String()}, Err: money.ErrCurrencyMismatch}
		}
		return a.Fixed, nil
	}
	return basis.Scale(a.Share, mode)
}

func (a Amount) validate(typ, field string, cur money.Currency) error {
	switch {
	case a.Fixed != money.Money{} && a.Share != money.Share{}:
		return fieldErr(typ, field, a.Fixed.String()+" and "+a.Share.String(), "sets both a fixed amount and a share", money.ErrRange)
	case a.Fixed != money.Money{}:
		return checkAmount(typ, field, a.Fixed, cur, false)
	case a.Share.Sign() < 0:
		return fieldErr(typ, field, a.Share.String(), "must not be negative", money.ErrRange)
	}
	return nil
}

// MarshalText implements [encoding.TextMarshaler].
func (a Amount) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]: text with a
// currency code and a space is money, anything else a share.
func (a *Amount) UnmarshalText(text []byte) error {
	s := string(text)
	var v Amount
	var err error
	switch {
	case s == "":
	case len(s) > 3 && s[3] == ' ':
		v.Fixed, err = money.ParseMoney(s)
	default:
		v.Share, err = money.ParseShare(s)
	}
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// Claim says whether a credit is paid only on the customer's claim, and
// until when a claim is accepted: Cycles billing periods and then Days
// days after the end of the period the credit is for. "By the end of the
// second billing cycle after the incident" is {Required: true, Cycles: 2};
// "within 30 days" is {Required: true, Days: 30}. The zero Claim pays
// credits without a claim.
type Claim struct {
	Required bool `json:"required,omitempty"`
	Cycles   int  `json:"cycles,omitempty"` // whole months after the period's end; ≥ 0
	Days     int  `json:"days,omitempty"`   // days after that; ≥ 0
}

// claimFields is Claim without its methods, for decoding.
type claimFields Claim

// UnmarshalJSON decodes the claim rule; unknown keys are errors.
func (c *Claim) UnmarshalJSON(b []byte) error {
	var v claimFields
	if err := decodeStrict("Claim", b, &v); err != nil {
		return err
	}
	*c = Claim(v)
	return nil
}

// Deadline returns the last instant a claim for the period is accepted,
// in the period's time zone, or the zero Time when no claim is required.
func (c Claim) Deadline(p sla.Period) time.Time {
	if !c.Required {
		return time.Time{}
	}
	return p.End().AddDate(0, c.Cycles, c.Days)
}

// CreditSchedule is how a missed availability target is compensated: the
// tiers of measured availability and their credit, as a share of a basis,
// with a cap, a minimum payout and a claim rule.
//
// Tiers are listed from the highest availability down; each tier's lower
// bound must meet the next tier's upper bound at the same level with
// exactly one of the two inclusive, and the last tier must reach down to
// ">= 0%", so every availability below the first tier's upper bound lands
// in exactly one tier. Availabilities above the first tier earn nothing.
// A schedule without tiers grants no credits.
//
// Instead of tiers, a schedule may set one [ProRata] rule, a share of the
// basis per step below a target ("5% per 0.1% below 99.5%, at most 50%"),
// and either may be joined by a [DowntimeRate], an amount per started
// hour of downtime beyond the budget. The credit is the share's part plus
// the downtime part; the cap and the minimum payout apply to the sum.
type CreditSchedule struct {
	Tiers []CreditTier `json:"tiers,omitempty"`
	// ProRata is a share of the basis per step below a target, in place
	// of Tiers; the zero ProRata is none.
	ProRata ProRata `json:"proRata,omitzero"`
	// PerDowntime is an amount per unit of downtime beyond a budget, in
	// addition to the tiers or the pro-rata rule; the zero DowntimeRate is
	// none.
	PerDowntime DowntimeRate `json:"perDowntime,omitzero"`
	// Basis names the charge the credit is a share of: "" for the
	// period's fee, otherwise a key of [PeriodRecords.Charges].
	Basis string `json:"basis,omitempty"`
	// Cap limits the credit of one period: a share of the basis (100%) or
	// a fixed amount. The zero Amount is no cap.
	Cap Amount `json:"cap,omitzero"`
	// Minimum is the smallest credit paid; smaller credits are not paid.
	// The zero Money means any credit is paid.
	Minimum money.Money `json:"minimum,omitzero"`
	// Claim says whether credits are paid only on a claim, and until when.
	Claim Claim `json:"claim,omitzero"`
	// Rounding rounds basis × credit share to a minor unit; the zero value
	// is HalfEven.
	Rounding money.RoundingMode `json:"rounding,omitzero"`
}

// Validate reports every problem of the schedule at once, for amounts in
// currency cur: tiers out of order or overlapping ([ErrTierOrder]), gaps
// ([ErrTierGap]), levels outside [0, 1], negative credits or credits that
// fall as availability falls, a negative cap or minimum ([ErrRange]), and
// amounts in another currency ([ErrCurrencyMismatch]), and tiers together
// with a pro-rata rule ([ErrRange]) or an invalid rule.
func (s CreditSchedule) Validate(cur money.Currency) error {
	return joinErrs(s.validate("CreditSchedule", "", cur))
}

func (s CreditSchedule) validate(typ, prefix string, cur money.Currency) []error {
	var errs []error
	one := money.Percent(100)
	inUnit := func(v money.Share) bool { return v.Sign() >= 0 && v.Cmp(one) <= 0 }
	for i, t := range s.Tiers {
		f := prefix + "Tiers[" + strconv.Itoa(i) + "]"
		if !inUnit(t.Upper.Level) {
			errs = append(errs, fieldErr(typ, f+".Upper", t.Upper.upperText(), "is outside 0%–100%", money.ErrRange))
		}
		if !inUnit(t.Lower.Level) {
			errs = append(errs, fieldErr(typ, f+".Lower", t.Lower.lowerText(), "is outside 0%–100%", money.ErrRange))
		}
		if c := t.Upper.Level.Cmp(t.Lower.Level); c < 0 || c == 0 && !(t.Upper.Inclusive && t.Lower.Inclusive) {
			errs = append(errs, fieldErr(typ, f, t.String(), "is empty: its upper bound is not above its lower bound", pricing.ErrTierOrder))
		}
		if t.Credit.Sign() < 0 {
			errs = append(errs, fieldErr(typ, f+".Credit", t.Credit.String(), "must not be negative", money.ErrRange))
		}
		if i == 0 {
			continue
		}
		prev := s.Tiers[i-1]
		switch c := t.Upper.Level.Cmp(prev.Lower.Level); {
		case c > 0 || c == 0 && t.Upper.Inclusive && prev.Lower.Inclusive:
			errs = append(errs, fieldErr(typ, f+".Upper", t.Upper.upperText(), "overlaps or is out of order with the tier before, "+prev.Lower.lowerText(), pricing.ErrTierOrder))
		case c < 0 || !t.Upper.Inclusive && !prev.Lower.Inclusive:
			errs = append(errs, fieldErr(typ, f+".Upper", t.Upper.upperText(), "leaves a gap below the tier before, "+prev.Lower.lowerText(), ErrTierGap))
		}
		if t.Credit.Cmp(prev.Credit) < 0 {
			errs = append(errs, fieldErr(typ, f+".Credit", t.Credit.String(), "is less than the credit of the tier above, "+prev.Credit.String(), pricing.ErrTierOrder))
		}
	}
	if n := len(s.Tiers); n > 0 {
		if last := s.Tiers[n-1].Lower; last.Level.Sign() != 0 || !last.Inclusive {
			errs = append(errs, fieldErr(typ, prefix+"Tiers["+strconv.Itoa(n-1)+"].Lower", last.lowerText(), "leaves availabilities below it without a tier; the last tier must reach >= 0%", ErrTierGap))
		}
	}
	if !s.ProRata.IsZero() {
		if len(s.Tiers) > 0 {
			errs = append(errs, fieldErr(typ, prefix+"ProRata", s.ProRata.String(), "is set together with "+strconv.Itoa(len(s.Tiers))+" tiers; set one or the other", money.ErrRange))
		}
		errs = append(errs, s.ProRata.validate(typ, prefix+"ProRata.")...)
	}
	if !s.PerDowntime.IsZero() {
		errs = append(errs, s.PerDowntime.validate(typ, prefix+"PerDowntime.", cur)...)
	}
	errs = append(errs, s.Cap.validate(typ, prefix+"Cap", cur))
	errs = append(errs, checkAmount(typ, prefix+"Minimum", s.Minimum, cur, true))
	if s.Claim.Cycles < 0 {
		errs = append(errs, fieldErr(typ, prefix+"Claim.Cycles", strconv.Itoa(s.Claim.Cycles), "must not be negative", money.ErrRange))
	}
	if s.Claim.Days < 0 {
		errs = append(errs, fieldErr(typ, prefix+"Claim.Days", strconv.Itoa(s.Claim.Days), "must not be negative", money.ErrRange))
	}
	if !s.Rounding.IsValid() {
		errs = append(errs, fieldErr(typ, prefix+"Rounding", s.Rounding.String(), "is not a rounding mode", money.ErrRange))
	}
	return compact(errs)
}

// compact drops the nil errors.
func compact(errs []error) []error {
	out := errs[:0]
	for _, e := range errs {
		if e != nil {
			out = append(out, e)
		}
	}
	return out
}

// Tier returns the index of the tier that a period with the given counted
// downtime out of the given service time falls in, or -1 when its
// availability is above every tier. The comparison is exact: the measured
// availability (service − downtime)/service is compared with each bound's
// rational level in integer arithmetic, so a 30-day month with exactly
// 432 minutes down is exactly 99%. Downtime is clamped to [0, service];
// without service time the availability is 100%.
func (s CreditSchedule) Tier(downtime, service time.Duration) int {
	up, svc := uint64(1), uint64(1)
	if service > 0 {
		svc = uint64(service)
		up = svc - uint64(min(max(downtime, 0), service))
	}
	for i, t := range s.Tiers {
		if t.contains(up, svc) {
			return i
		}
	}
	return -1
}

// Credit is a service credit assessed by [CreditSchedule.Assess]: which
// tier a period's measured availability reached, or how many steps of a
// pro-rata rule, and what it earns, step by step.
type Credit struct {
	Downtime     time.Duration             // the counted downtime
	ServiceTime  time.Duration             // the service time of the period
	Availability availability.Availability // the measured availability, for display
	Tier         int                       // index of the tier reached, -1 for none (and under a pro-rata rule)
	Steps        int64                     // the steps below the pro-rata target; 0 without the rule
	Share        money.Share               // the tier's credit share, or Steps × the rule's credit cut to its maximum
	Basis        money.Money               // what the share is taken of
	Units        int64                     // the units of downtime beyond the budget of the PerDowntime rule
	PerDowntime  money.Money               // Units × the rule's amount, cut to its maximum; 0 without the rule
	Earned       money.Money               // Basis × Share, rounded once by the schedule's Rounding, plus PerDowntime
	Cap          money.Money               // the cap for Basis; the zero Money when there is none
	Capped       bool                      // Earned was above Cap and was cut to it
	BelowMinimum bool                      // the credit after the cap was below the minimum payout, so nothing is paid
	Amount       money.Money               // the credit: Earned, capped, and 0 below the minimum
	Reason       string                    // how Amount follows from the schedule
}

// Assess computes the credit for a period with the given counted downtime
// and service time, on basis. The steps, in order: the tier is found
// exactly (see [CreditSchedule.Tier]); Basis × the tier's share is rounded
// once with the schedule's Rounding; the result is cut to the cap; a
// credit below the minimum payout becomes zero. Claims are a matter of the
// statement ([Terms.Statement]), which knows when the customer claimed.
func (s CreditSchedule) Assess(downtime, service time.Duration, basis money.Money) (Credit, error) {
	if err := joinErrs(append(s.validate("CreditSchedule", "", basis.Currency()), checkAmount("CreditSchedule", "basis", basis, basis.Currency(), false))); err != nil {
		return Credit{}, err
	}
	a := availability.Perfect
	if service > 0 {
		var err error
		if a, err = availability.FromDowntime(min(max(downtime, 0), service), service); err != nil {
			return Credit{}, err
		}
	}
	return s.assess(downtime, service, a, basis, exactPercent(downtime, service), true)
}

// assess is Assess for a validated schedule and basis; reasons are written
// only if explain. measured is exactPercent(downtime, service), for the
// reason.
func (s CreditSchedule) assess(downtime, service time.Duration, a availability.Availability, basis money.Money, measured string, explain bool) (Credit, error) {
	zero := money.Zero(basis.Currency())
	c := Credit{Downtime: downtime, ServiceTime: service, Availability: a, Basis: basis, Earned: zero, Amount: zero, PerDowntime: zero}
	c.Tier = s.Tier(downtime, service)
	var b strings.Builder
	var err error
	switch {
	case !s.ProRata.IsZero():
		err = s.assessProRata(&c, &b, measured, explain)
	case len(s.Tiers) > 0 || s.PerDowntime.IsZero():
		err = s.assessTier(&c, &b, measured, explain)
	case explain:
		b.WriteString("measured " + measured)
	}
	if err != nil {
		return Credit{}, err
	}
	if !s.PerDowntime.IsZero() {
		if err := s.assessDowntime(&c, &b, explain); err != nil {
			return Credit{}, err
		}
	}
	c.Amount = c.Earned
	if c.Tier < 0 && c.Steps == 0 && c.Units == 0 {
		c.Reason = b.String()
		return c, nil
	}
	if !s.Cap.IsZero() {
		if c.Cap, err = s.Cap.Of(basis, s.Rounding); err != nil {
			return Credit{}, err
		}
		if c.Amount.MinorUnits() > c.Cap.MinorUnits() {
			c.Amount, c.Capped = c.Cap, true
		}
	}
	if s.Minimum != (money.Money{}) && c.Amount.MinorUnits() < s.Minimum.MinorUnits() {
		c.Amount, c.BelowMinimum = zero, true
	}
	if explain {
		if c.Capped {
			b.WriteString(", capped at " + s.Cap.String() + " = " + c.Cap.String())
		}
		if c.BelowMinimum {
			b.WriteString(", below the minimum payout " + s.Minimum.String() + ", so not paid")
		}
		c.Reason = b.String()
	}
	return c, nil
}

// assessTier finds the tier and earns its share of the basis.
func (s CreditSchedule) assessTier(c *Credit, b *strings.Builder, measured string, explain bool) error {
	if c.Tier < 0 {
		if explain {
			b.WriteString("measured " + measured + " is above every credit tier")
			if len(s.Tiers) > 0 {
				b.WriteString(" (highest: " + s.Tiers[0].Upper.upperText() + ")")
			}
		}
		return nil
	}
	t := s.Tiers[c.Tier]
	c.Share = t.Credit
	var err error
	if c.Earned, err = c.Basis.Scale(t.Credit, s.Rounding); err != nil {
		return err
	}
	if explain {
		b.WriteString("measured " + measured + " is in tier " + t.Upper.upperText() + " and " + t.Lower.lowerText())
		b.WriteString(": " + t.Credit.PercentText() + " of " + c.Basis.String() + " = " + c.Earned.String())
		if s.Rounding != money.HalfEven {
			b.WriteString(" (rounded " + s.Rounding.String() + ")")
		}
	}
	return nil
}

// assessProRata counts the steps below the rule's target and earns their
// share of the basis: "0.3% below the target 99.5%: 3 started steps of
// 0.1% × 5% = 15% of EUR 10000.00 = EUR 1500.00".
func (s CreditSchedule) assessProRata(c *Credit, b *strings.Builder, measured string, explain bool) error {
	p := s.ProRata
	steps, shortfall := p.Steps(c.Downtime, c.ServiceTime)
	if !steps.IsInt64() {
		return fieldErr("CreditSchedule", "ProRata.Step", p.Step.String(), "gives more steps than an int64 holds", money.ErrRange)
	}
	c.Steps = steps.Int64()
	if c.Steps == 0 {
		if explain {
			b.WriteString("measured " + measured + " is ")
			if shortfall.Sign() == 0 {
				b.WriteString("not below the target " + p.Target.PercentText())
			} else {
				b.WriteString(ratPercent(shortfall) + " below the target " + p.Target.PercentText() + ", less than one whole step of " + p.Step.PercentText())
			}
			b.WriteString(" (" + p.String() + ")")
		}
		return nil
	}
	share, capped, err := p.share(steps)
	if err != nil {
		return err
	}
	c.Share = share
	if c.Earned, err = c.Basis.Scale(share, s.Rounding); err != nil {
		return err
	}
	if explain {
		noun := " steps"
		if c.Steps == 1 {
			noun = " step"
		}
		b.WriteString("measured " + measured + " is " + ratPercent(shortfall) + " below the target " + p.Target.PercentText() + ": ")
		b.WriteString(strconv.FormatInt(c.Steps, 10) + " " + p.Counting.String() + noun + " of " + p.Step.PercentText() + " × " + p.Credit.PercentText())
		if capped {
			r := new(big.Rat).Mul(new(big.Rat).SetInt(steps), p.Credit.Rat())
			b.WriteString(" = " + ratPercent(r) + ", at most " + p.Max.PercentText())
		}
		b.WriteString(" = " + share.PercentText() + " of " + c.Basis.String() + " = " + c.Earned.String())
		if s.Rounding != money.HalfEven {
			b.WriteString(" (rounded " + s.Rounding.String() + ")")
		}
	}
	return nil
}

// assessDowntime counts the units of downtime beyond the budget and adds
// their amount: "5h0m0s down is 1h16m48s beyond the budget of 3h43m12s:
// 2 started 1h0m0s × EUR 250.00 = EUR 500.00".
func (s CreditSchedule) assessDowntime(c *Credit, b *strings.Builder, explain bool) error {
	r := s.PerDowntime
	units, budget := r.Beyond(c.Downtime, c.ServiceTime)
	if !units.IsInt64() {
		return fieldErr("CreditSchedule", "PerDowntime.Per", r.Per.String(), "gives more units than an int64 holds", money.ErrRange)
	}
	c.Units = units.Int64()
	amount, err := r.Amount.Mul(c.Units)
	if err != nil {
		return err
	}
	capped := r.Max != (money.Money{}) && amount.MinorUnits() > r.Max.MinorUnits()
	before := amount
	if capped {
		amount = r.Max
	}
	c.PerDowntime = amount
	share := c.Earned
	if c.Earned, err = c.Earned.Add(amount); err != nil {
		return err
	}
	if explain {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		// The budget in whole nanoseconds, rounded down, for display.
		bud := time.Duration(new(big.Int).Quo(budget.Num(), budget.Denom()).Int64())
		down := min(max(c.Downtime, 0), max(c.ServiceTime, 0))
		if c.Units == 0 {
			b.WriteString(down.String() + " down is not a ")
			if r.Counting == PerWholeStep {
				b.WriteString("whole ")
			}
			b.WriteString(r.Per.String() + " beyond the budget of " + bud.String() + " (" + r.Target.PercentText() + "), so no amount per downtime")
			return nil
		}
		beyond := down - bud
		b.WriteString(down.String() + " down is " + beyond.String() + " beyond the budget of " + bud.String() + " (" + r.Target.PercentText() + "): ")
		b.WriteString(strconv.FormatInt(c.Units, 10) + " " + r.Counting.String() + " " + r.Per.String() + " × " + r.Amount.String() + " = " + before.String())
		if capped {
			b.WriteString(", at most " + r.Max.String())
		}
		if share.MinorUnits() != 0 {
			b.WriteString("; earned " + share.String() + " + " + amount.String() + " = " + c.Earned.String())
		}
	}
	return nil
}

// exactPercent writes (service − downtime)/service as a percentage with up
// to four decimals, truncated, and the downtime: "99.0009% (7h26m0s down
// of 744h0m0s)". Truncation never shows a value above a bound it is below.
func exactPercent(downtime, service time.Duration) string {
	if service <= 0 {
		return "100% (no service time)"
	}
	up := uint64(service - min(max(downtime, 0), service))
	hi, lo := bits.Mul64(up, 1_000_000)
	q, _ := bits.Div64(hi, lo, uint64(service)) // hi < service as up ≤ service
	b := strconv.AppendUint(make([]byte, 0, 64), q/10000, 10)
	if f := q % 10000; f != 0 {
		digits := strconv.AppendUint(make([]byte, 0, 8), f+10000, 10)[1:]
		for digits[len(digits)-1] == '0' {
			digits = digits[:len(digits)-1]
		}
		b = append(append(b, '.'), digits...)
	}
	return string(b) + "% (" + downtime.String() + " down of " + service.String() + ")"
}

// durationText writes a duration for JSON: "" for zero.
func durationText(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

// parseDuration reads a Go duration string for a field; "" is zero.
func parseDuration(typ, field, s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fieldErr(typ, field, strconv.Quote(s), "is not a Go duration", money.ErrSyntax)
	}
	return d, nil
}
