package contract

import (
	"encoding/json"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/contract/money"
)

// StepCounting says whether a step that was begun counts as a whole one,
// for [ProRata] steps of availability and [DowntimeRate] units of
// downtime. Its text (and JSON) form is "started" or "whole".
type StepCounting uint8

// The ways of counting steps.
const (
	// PerStartedStep counts every step that was begun: 0.01% below the
	// target is one step of 0.1%, and 1 minute beyond the budget is one
	// started hour. It is the zero value, the reading that favours the
	// customer.
	PerStartedStep StepCounting = iota
	// PerWholeStep counts only completed steps: 0.19% below the target is
	// one step of 0.1%, and 59 minutes beyond the budget no hour.
	PerWholeStep
)

var stepCountingNames = [...]string{"started", "whole"}

// String returns "started" or "whole".
func (c StepCounting) String() string {
	if int(c) < len(stepCountingNames) {
		return stepCountingNames[c]
	}
	return "StepCounting(" + strconv.Itoa(int(c)) + ")"
}

// IsValid reports whether c is a declared way of counting.
func (c StepCounting) IsValid() bool { return int(c) < len(stepCountingNames) }

// MarshalText implements [encoding.TextMarshaler]; an undeclared value is
// an error.
func (c StepCounting) MarshalText() ([]byte, error) {
	if !c.IsValid() {
		return nil, fieldErr("StepCounting", "value", c.String(), "is not a declared way of counting steps", money.ErrRange)
	}
	return []byte(c.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with the names of
// [StepCounting.String].
func (c *StepCounting) UnmarshalText(b []byte) error {
	for i, n := range stepCountingNames {
		if n == string(b) {
			*c = StepCounting(i)
			return nil
		}
	}
	return parseErr("StepCounting.UnmarshalText", string(b), `not "started" or "whole"`, money.ErrSyntax)
}

// count divides num by den (both ≥ 0, den > 0) as the counting says:
// rounded up for started steps, down for whole ones.
func (c StepCounting) count(num, den *big.Int) *big.Int {
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if c == PerStartedStep && m.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

// ProRata is a credit that grows by a share of the basis for every step of
// availability below a target, up to a maximum: "5% of the monthly fee per
// 0.1% below the 99.5% target, at most 50%" is
//
//	contract.ProRata{Target: money.MustParseShare("99.5%"), Step: money.MustParseShare("0.1%"),
//		Credit: money.Percent(5), Max: money.Percent(50)}
//
// It is one rule instead of ten tiers, and just as exact: with counted
// downtime D and service time S (integers of nanoseconds) and the target
// T, the shortfall is T − (S − D)/S, an exact rational, and the steps are
// shortfall ÷ Step, rounded up ([PerStartedStep], the zero value) or down
// ([PerWholeStep]). An availability at or above the target has no steps.
// The credit share is steps × Credit, cut to Max.
//
// The zero ProRata is no rule. Its JSON form is {"target": "99.5%",
// "step": "0.1%", "credit": "5%", "max": "50%", "count": "started"};
// unknown keys are errors.
type ProRata struct {
	Target   money.Share  // the availability below which steps are counted, in [0, 1]
	Step     money.Share  // the availability of one step, in (0, 1]
	Credit   money.Share  // the share of the basis per step; ≥ 0
	Max      money.Share  // the largest credit share; the zero Share is no maximum
	Counting StepCounting // whether a started step counts
}

// IsZero reports whether p is no rule.
func (p ProRata) IsZero() bool { return p == ProRata{} }

// String returns the rule in words: "5% per started 0.1% below 99.5%, at
// most 50%".
func (p ProRata) String() string {
	s := p.Credit.PercentText() + " per " + p.Counting.String() + " " + p.Step.PercentText() + " below " + p.Target.PercentText()
	if p.Max != (money.Share{}) {
		s += ", at most " + p.Max.PercentText()
	}
	return s
}

func (p ProRata) validate(typ, prefix string) []error {
	var errs []error
	one := money.Percent(100)
	if p.Target.Sign() < 0 || p.Target.Cmp(one) > 0 {
		errs = append(errs, fieldErr(typ, prefix+"Target", p.Target.String(), "is outside 0%–100%", money.ErrRange))
	}
	if p.Step.Sign() <= 0 || p.Step.Cmp(one) > 0 {
		errs = append(errs, fieldErr(typ, prefix+"Step", p.Step.String(), "must be above 0% and at most 100%", money.ErrRange))
	}
	if p.Credit.Sign() < 0 {
		errs = append(errs, fieldErr(typ, prefix+"Credit", p.Credit.String(), "must not be negative", money.ErrRange))
	}
	if p.Max.Sign() < 0 {
		errs = append(errs, fieldErr(typ, prefix+"Max", p.Max.String(), "must not be negative", money.ErrRange))
	}
	if !p.Counting.IsValid() {
		errs = append(errs, fieldErr(typ, prefix+"Counting", p.Counting.String(), "is not a declared way of counting steps", money.ErrRange))
	}
	return errs
}

// Steps returns the steps below the target of a period with the given
// counted downtime out of the given service time, and the exact shortfall
// (0 at or above the target). Downtime is clamped to [0, service];
// without service time the availability is 100%.
func (p ProRata) Steps(downtime, service time.Duration) (steps *big.Int, shortfall *big.Rat) {
	if service <= 0 {
		return new(big.Int), new(big.Rat)
	}
	d := min(max(downtime, 0), service)
	s := big.NewInt(int64(service))
	// shortfall = T − (S − D)/S = (t·S − u·(S − D)) / (u·S) with T = t/u.
	t, u := big.NewInt(p.Target.Num()), big.NewInt(p.Target.Den())
	num := new(big.Int).Mul(t, s)
	num.Sub(num, new(big.Int).Mul(u, big.NewInt(int64(service-d))))
	den := new(big.Int).Mul(u, s)
	if num.Sign() <= 0 {
		return new(big.Int), new(big.Rat)
	}
	shortfall = new(big.Rat).SetFrac(num, den)
	// steps = shortfall ÷ (a/b) = num·b / (den·a).
	a, b := big.NewInt(p.Step.Num()), big.NewInt(p.Step.Den())
	return p.Counting.count(num.Mul(num, b), den.Mul(den, a)), shortfall
}

// share returns steps × Credit cut to Max, and whether Max cut it.
func (p ProRata) share(steps *big.Int) (money.Share, bool, error) {
	r := new(big.Rat).SetInt(steps)
	r.Mul(r, p.Credit.Rat())
	if p.Max != (money.Share{}) && r.Cmp(p.Max.Rat()) > 0 {
		return p.Max, true, nil
	}
	s, err := money.ShareFromRat(r)
	return s, false, err
}

type proRataJSON struct {
	Target   money.Share  `json:"target"`
	Step     money.Share  `json:"step"`
	Credit   money.Share  `json:"credit"`
	Max      money.Share  `json:"max,omitzero"`
	Counting StepCounting `json:"count"`
}

// MarshalJSON encodes the rule as {"target": "99.5%", "step": "0.1%",
// "credit": "5%", "max": "50%", "count": "started"}.
func (p ProRata) MarshalJSON() ([]byte, error) { return json.Marshal(proRataJSON(p)) }

// UnmarshalJSON decodes the form of [ProRata.MarshalJSON]; target, step
// and credit are required, max and count optional (no maximum, started
// steps), and unknown keys are errors.
func (p *ProRata) UnmarshalJSON(b []byte) error {
	var j proRataJSON
	if err := decodeStrict("ProRata", b, &j, "target", "step", "credit"); err != nil {
		return err
	}
	*p = ProRata(j)
	return nil
}

// DowntimeRate is an amount per unit of downtime beyond the budget that
// the target allows, up to a maximum per period: "EUR 250 per started hour
// of downtime beyond the 99.5% budget, at most EUR 2,000 a month" is
//
//	contract.DowntimeRate{Target: money.MustParseShare("99.5%"), Per: time.Hour,
//		Amount: money.MustParseMoney("EUR 250.00"), Max: money.MustParseMoney("EUR 2000.00")}
//
// The budget is (1 − Target) × S of the period's service time S, exactly:
// with counted downtime D and the target t/u, the units beyond it are
// (u·D − (u − t)·S) ÷ (u·Per), rounded up ([PerStartedStep], the zero
// value) or down ([PerWholeStep]); none within the budget.
//
// The zero DowntimeRate is no rule. Its JSON form is {"target": "99.5%",
// "per": "1h0m0s", "amount": "EUR 250.00", "max": "EUR 2000.00",
// "count": "started"}; unknown keys are errors.
type DowntimeRate struct {
	Target   money.Share   // the availability whose downtime budget is free, in [0, 1]
	Per      time.Duration // the unit of downtime that is charged, e.g. time.Hour; > 0
	Amount   money.Money   // the amount per unit, in the terms' currency
	Max      money.Money   // the largest amount per period; the zero Money is no maximum
	Counting StepCounting  // whether a started unit counts
}

// IsZero reports whether r is no rule.
func (r DowntimeRate) IsZero() bool { return r == DowntimeRate{} }

// String returns the rule in words: "EUR 250.00 per started 1h0m0s beyond
// the 99.5% budget, at most EUR 2000.00".
func (r DowntimeRate) String() string {
	s := r.Amount.String() + " per " + r.Counting.String() + " " + r.Per.String() + " beyond the " + r.Target.PercentText() + " budget"
	if r.Max != (money.Money{}) {
		s += ", at most " + r.Max.String()
	}
	return s
}

func (r DowntimeRate) validate(typ, prefix string, cur money.Currency) []error {
	var errs []error
	if r.Target.Sign() < 0 || r.Target.Cmp(money.Percent(100)) > 0 {
		errs = append(errs, fieldErr(typ, prefix+"Target", r.Target.String(), "is outside 0%–100%", money.ErrRange))
	}
	if r.Per <= 0 {
		errs = append(errs, fieldErr(typ, prefix+"Per", r.Per.String(), "must be a positive unit of downtime", money.ErrRange))
	}
	errs = append(errs, checkAmount(typ, prefix+"Amount", r.Amount, cur, false), checkAmount(typ, prefix+"Max", r.Max, cur, true))
	if !r.Counting.IsValid() {
		errs = append(errs, fieldErr(typ, prefix+"Counting", r.Counting.String(), "is not a declared way of counting steps", money.ErrRange))
	}
	return compact(errs)
}

// Beyond returns the units of downtime beyond the budget of a period with
// the given counted downtime out of the given service time, and the exact
// budget in nanoseconds. Downtime is clamped to [0, service].
func (r DowntimeRate) Beyond(downtime, service time.Duration) (units *big.Int, budget *big.Rat) {
	service = max(service, 0)
	d := big.NewInt(int64(min(max(downtime, 0), service)))
	s := big.NewInt(int64(service))
	t, u := big.NewInt(r.Target.Num()), big.NewInt(r.Target.Den())
	free := new(big.Int).Mul(new(big.Int).Sub(u, t), s) // budget·u
	budget = new(big.Rat).SetFrac(free, u)
	num := new(big.Int).Mul(u, d)
	num.Sub(num, free)
	if num.Sign() <= 0 || r.Per <= 0 {
		return new(big.Int), budget
	}
	return r.Counting.count(num, new(big.Int).Mul(u, big.NewInt(int64(r.Per)))), budget
}

type downtimeRateJSON struct {
	Target   money.Share  `json:"target"`
	Per      string       `json:"per"`
	Amount   money.Money  `json:"amount"`
	Max      money.Money  `json:"max,omitzero"`
	Counting StepCounting `json:"count"`
}

// MarshalJSON encodes the rule with the unit as a Go duration string.
func (r DowntimeRate) MarshalJSON() ([]byte, error) {
	return json.Marshal(downtimeRateJSON{r.Target, r.Per.String(), r.Amount, r.Max, r.Counting})
}

// UnmarshalJSON decodes the form of [DowntimeRate.MarshalJSON]; target,
// per and amount are required, max and count optional, and unknown keys
// are errors.
func (r *DowntimeRate) UnmarshalJSON(b []byte) error {
	var j downtimeRateJSON
	if err := decodeStrict("DowntimeRate", b, &j, "target", "per", "amount"); err != nil {
		return err
	}
	per, err := parseDuration("DowntimeRate", "Per", j.Per)
	if err != nil {
		return err
	}
	*r = DowntimeRate{j.Target, per, j.Amount, j.Max, j.Counting}
	return nil
}

// ratPercent writes the rational share r as a percentage with up to four
// decimals ("0.3%"); an inexact one is truncated to four and marked
// ("1.0000…%"), so the text never shows more than the value.
func ratPercent(r *big.Rat) string {
	x := new(big.Rat).Mul(r, big.NewRat(100, 1))
	s := x.FloatString(4)
	exact := new(big.Rat).Mul(x, big.NewRat(10000, 1)).IsInt()
	if !exact {
		// FloatString rounds half away from zero; truncate instead, so
		// the text never shows more than the value.
		q := new(big.Int).Quo(new(big.Int).Mul(x.Num(), big.NewInt(10000)), x.Denom())
		s = new(big.Rat).SetFrac(q, big.NewInt(10000)).FloatString(4)
	}
	if !exact {
		return s + "…%"
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".") + "%"
}
