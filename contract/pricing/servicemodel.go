package pricing

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
)

// Plan is a way of billing service work: a service delivery model. Given
// what a customer needed over a span, [Plan.Cost] says what the customer
// pays, which is what the provider earns, line by line and why.
//
// The models of this package are [TimeAndMaterials], [BreakFix],
// [FixedPrice], [Subscription], [PayPerUse], [Bundle] and [NoContract].
// They are plain values, safe for concurrent use; [Compare] prices
// simulated demand with several of them.
type Plan interface {
	// Name returns the model's label, or a description of its kind.
	Name() string
	// Currency returns the currency of the model's prices.
	Currency() money.Currency
	// Validate reports every invalid field at once, as [*availability.InputError]s.
	Validate() error
	// Cost prices the demand. It fails if the model or the demand is
	// invalid or an amount overflows.
	Cost(d RealisedDemand) (Bill, error)
}

// biller is implemented by the package's models: bill prices a demand that
// has been validated, with lines only if explain is set.
type biller interface {
	bill(d *RealisedDemand, explain bool) (Bill, error)
}

// Bill is what a [Plan] charges for a [RealisedDemand]. Total is both the
// customer's cost and the provider's revenue; the provider's margin also
// depends on what delivering the work costs it, see [Bill.Margin].
type Bill struct {
	Plan  string      // the model's name
	Total money.Money // what the customer pays and the provider earns over the span
	Lines []BillLine  // how Total is made up, in order; they add up to Total

	Jobs   int           // jobs the provider worked on
	Work   time.Duration // hours of work the provider delivered (as done, before increments)
	Billed time.Duration // hours charged by the hour or drawn from a bundle (after increments and minimums)

	// UnusedPrepaid is, for a [Bundle], the prepaid hours that expired
	// unused during the span plus those left on the last bundle at its end.
	UnusedPrepaid time.Duration
}

// BillLine is one line of a [Bill].
type BillLine struct {
	Month  int         // the month of the span the line belongs to, from 0
	Item   string      // what is charged, e.g. "call-out", "work", "monthly fee"
	Amount money.Money // the amount, rounded to a minor unit
	Reason string      // how the amount follows from the model, e.g. "1h10m billed as 1h15m (per started 15m) at EUR 95.00/h"
}

// DeliveryCost is what delivering work costs the provider: a cost per hour
// of work (wages, overhead) and per job (travel, administration). The zero
// Money in either field means none.
type DeliveryCost struct {
	PerHour money.Money `json:"perHour"`         // per hour of work, in the currency of the bills
	PerJob  money.Money `json:"perJob,omitzero"` // per job worked on
}

// Of returns the provider's cost of delivering the bill's work: PerHour ×
// Work, rounded half-even to a minor unit, plus PerJob × Jobs.
func (c DeliveryCost) Of(b Bill) (money.Money, error) {
	if err := c.validate("DeliveryCost", "", b.Total.Currency()); err != nil {
		return money.Money{}, err
	}
	return c.of(b)
}

func (c DeliveryCost) validate(typ, prefix string, cur money.Currency) error {
	return errors.Join(checkAmount(typ, prefix+"PerHour", c.PerHour, cur, true), checkAmount(typ, prefix+"PerJob", c.PerJob, cur, true))
}

// of is Of for a validated cost.
func (c DeliveryCost) of(b Bill) (money.Money, error) {
	cur := b.Total.Currency()
	hours, err := orZero(c.PerHour, cur).Scale(durationShare(b.Work), money.HalfEven)
	if err != nil {
		return money.Money{}, err
	}
	jobs, err := orZero(c.PerJob, cur).Mul(int64(b.Jobs))
	if err != nil {
		return money.Money{}, err
	}
	return hours.Add(jobs)
}

// Margin returns the provider's margin on the bill: Total minus the cost
// of delivering the work, [DeliveryCost.Of].
func (b Bill) Margin(c DeliveryCost) (money.Money, error) {
	cost, err := c.Of(b)
	if err != nil {
		return money.Money{}, err
	}
	return b.Total.Sub(cost)
}

// billWriter accumulates a bill; lines are kept only when explaining.
type billWriter struct {
	Bill
	explain bool
}

func newBillWriter(name string, cur money.Currency, explain bool) *billWriter {
	return &billWriter{Bill: Bill{Plan: name, Total: money.Zero(cur)}, explain: explain}
}

// add adds amount to the total and, when explaining, a line whose reason is
// computed only then.
func (w *billWriter) add(month int, item string, amount money.Money, reason func() string) error {
	t, err := w.Total.Add(amount)
	if err != nil {
		return err
	}
	w.Total = t
	if w.explain {
		w.Lines = append(w.Lines, BillLine{Month: month, Item: item, Amount: amount, Reason: reason()})
	}
	return nil
}

// note adds a line without an amount (work not served, work included),
// when explaining.
func (w *billWriter) note(month int, item string, reason func() string) {
	if w.explain {
		w.Lines = append(w.Lines, BillLine{Month: month, Item: item, Amount: money.Zero(w.Total.Currency()), Reason: reason()})
	}
}

// HourlyRate is the price of work by the hour with its billing rules:
// each job's work is rounded up to a whole number of increments ("per
// started quarter of an hour"), billed for at least Minimum, at Rate per
// hour, plus a call-out fee per job.
type HourlyRate struct {
	Rate      money.Money        // price per hour; must be ≥ 0
	Increment time.Duration      // work is billed per started increment; must be > 0
	Minimum   time.Duration      // billed time per job is at least this; ≥ 0
	CallOut   money.Money        // fee per job; the zero Money means none
	Rounding  money.RoundingMode // rounds each job's charge to a minor unit; the zero value is HalfEven
}

// Validate reports every invalid field of r at once.
func (r HourlyRate) Validate() error { return r.validate("HourlyRate", "") }

func (r HourlyRate) validate(typ, prefix string) error {
	cur := r.Rate.Currency()
	var errs []error
	errs = append(errs, checkAmount(typ, prefix+"Rate", r.Rate, cur, false))
	if r.Increment <= 0 {
		errs = append(errs, fieldErr(typ, prefix+"Increment", r.Increment.String(), "must be positive", money.ErrRange))
	}
	if r.Minimum < 0 {
		errs = append(errs, fieldErr(typ, prefix+"Minimum", r.Minimum.String(), "must not be negative", money.ErrRange))
	}
	errs = append(errs, checkAmount(typ, prefix+"CallOut", r.CallOut, cur, true))
	if !r.Rounding.IsValid() {
		errs = append(errs, fieldErr(typ, prefix+"Rounding", r.Rounding.String(), "is not a rounding mode", money.ErrRange))
	}
	return errors.Join(errs...)
}

// BilledTime returns the time billed for work: work rounded up to a whole
// number of increments, and at least Minimum. No work is billed as
// Minimum (the provider still came).
func (r HourlyRate) BilledTime(work time.Duration) time.Duration {
	if r.Increment <= 0 {
		return max(work, r.Minimum)
	}
	n := work / r.Increment
	if work%r.Increment != 0 {
		n++
	}
	return max(n*r.Increment, r.Minimum)
}

// charge returns the billed time and the charge for it, without call-out.
func (r HourlyRate) charge(work time.Duration) (time.Duration, money.Money, error) {
	billed := r.BilledTime(work)
	amount, err := r.Rate.Scale(durationShare(billed), r.Rounding)
	return billed, amount, err
}

// bill adds the call-out and work lines of one job.
func (r HourlyRate) bill(w *billWriter, month int, work time.Duration, what string) error {
	if !r.CallOut.IsZero() {
		if err := w.add(month, "call-out", r.CallOut, func() string { return "call-out fee per " + what }); err != nil {
			return err
		}
	}
	billed, amount, err := r.charge(work)
	if err != nil {
		return err
	}
	w.Billed += billed
	return w.add(month, "work", amount, func() string { return r.explainCharge(work, billed) })
}

func (r HourlyRate) explainCharge(work, billed time.Duration) string {
	var b strings.Builder
	b.WriteString(hoursText(work))
	if billed != work {
		b.WriteString(" billed as " + hoursText(billed))
		if billed == r.Minimum && (HourlyRate{Increment: r.Increment}).BilledTime(work) < r.Minimum {
			b.WriteString(" (minimum " + hoursText(r.Minimum) + ")")
		} else {
			b.WriteString(" (per started " + hoursText(r.Increment) + ")")
		}
	}
	b.WriteString(" at " + r.Rate.String() + "/h")
	if r.Rounding != money.HalfEven {
		b.WriteString(", rounded " + r.Rounding.String())
	}
	return b.String()
}

// expectedPerJob returns the expected charge of one job, call-out
// included, in minor units, for work distributed as hours (in hours), or
// false if the expectation does not converge. Rounding to minor units is
// ignored.
func (r HourlyRate) expectedPerJob(hours availability.Distribution) (float64, bool) {
	eb, ok := expectedBilledHours(r.Increment, r.Minimum, hours)
	if !ok {
		return 0, false
	}
	return float64(r.Rate.MinorUnits())*eb + float64(r.CallOut.MinorUnits()), true
}

// expectedBilledHours returns E[max(min, inc·K)] in hours, K = ⌈H'/inc⌉
// the started increments of H' = H rounded to the second, as the
// simulation rounds it. It sums P(K = k)·max(min, k·inc) with P(K ≥ k) =
// P(H' > (k−1)·inc) = S((k−1)·inc + ½ s), S the survival function of the
// hours, until S is below 10⁻¹⁵. Fixed hours are billed directly.
func expectedBilledHours(inc, minimum time.Duration, hours availability.Distribution) (float64, bool) {
	if h, ok := hours.Constant(); ok {
		return HourlyRate{Increment: inc, Minimum: minimum}.BilledTime(workDuration(h)).Hours(), true
	}
	const halfSecond = 0.5 / 3600
	incH, minH := inc.Hours(), minimum.Hours()
	prev := hours.Survival(halfSecond) // P(K ≥ 1)
	e := (1 - prev) * minH
	for k := 1; k <= 10_000_000; k++ {
		s := hours.Survival(float64(k)*incH + halfSecond) // P(K ≥ k+1)
		e += (prev - s) * max(minH, float64(k)*incH)
		if s < 1e-15 && float64(k)*incH > hours.Mean() {
			return e, true
		}
		prev = s
	}
	return 0, false
}

// durationShare returns d as an exact share of an hour.
func durationShare(d time.Duration) money.Share { return mustRatio(int64(d), int64(time.Hour)) }

// workDuration converts hours of work to a Duration, rounded to the
// second; it saturates beyond about 290 years, far outside any job.
func workDuration(h float64) time.Duration {
	s := math.Round(h * 3600)
	if s >= float64(math.MaxInt64/int64(time.Second)) {
		return time.Duration(math.MaxInt64 / int64(time.Second) * int64(time.Second))
	}
	return time.Duration(s) * time.Second
}

// hoursText writes a duration without zero trailing units: "1h15m", "45m",
// "2h".
func hoursText(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// checkAmount checks that m is in currency cur and not negative. An
// optional amount may be the zero Money.
func checkAmount(typ, field string, m money.Money, cur money.Currency, optional bool) error {
	if m == (money.Money{}) && optional {
		return nil
	}
	if reason, sentinel := m.Check(cur); sentinel != nil {
		return fieldErr(typ, field, amountText(m), reason, sentinel)
	}
	return nil
}

// orZero returns m, or zero in cur for the zero Money.
func orZero(m money.Money, cur money.Currency) money.Money {
	if m == (money.Money{}) {
		return money.Zero(cur)
	}
	return m
}

// costOf validates the model and the demand, then bills.
func costOf(m interface {
	Plan
	biller
}, d RealisedDemand) (Bill, error) {
	if err := errors.Join(m.Validate(), d.Validate()); err != nil {
		return Bill{}, err
	}
	return m.bill(&d, true)
}

func itoa(i int) string { return strconv.Itoa(i) }
