package pricing

import (
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/slacalc/slacalc/contract/money"
)

// FixedPrice charges a fixed price per job (per project, deliverable or
// ticket), whatever the work takes: the provider carries the risk of
// long jobs, the customer that of many.
type FixedPrice struct {
	Label string      `json:"label,omitempty"` // optional name for reports
	Price money.Money `json:"price"`           // the price of one job; must be ≥ 0
}

// Name returns the label, or "fixed price".
func (m FixedPrice) Name() string { return labelOr(m.Label, "fixed price") }

// Currency returns the currency of the price.
func (m FixedPrice) Currency() money.Currency { return m.Price.Currency() }

// Validate reports an unset or negative price.
func (m FixedPrice) Validate() error {
	return checkAmount("FixedPrice", "Price", m.Price, m.Price.Currency(), false)
}

// Cost charges Price for every job.
func (m FixedPrice) Cost(d RealisedDemand) (Bill, error) { return costOf(m, d) }

func (m FixedPrice) bill(d *RealisedDemand, explain bool) (Bill, error) {
	w := newBillWriter(m.Name(), m.Currency(), explain)
	for _, j := range d.Jobs {
		if err := w.add(j.Month, "fixed price", m.Price, func() string {
			return "fixed price for " + j.Kind.String() + " work of " + hoursText(j.Work)
		}); err != nil {
			return Bill{}, err
		}
		w.Jobs++
		w.Work += j.Work
	}
	return w.Bill, nil
}

func (m FixedPrice) expectation(DemandProfile) (fixed, perIncident float64, ok bool) {
	return 0, float64(m.Price.MinorUnits()), true
}

// Subscription is managed service for a fee per month: the included kinds
// of work are covered up to IncludedHours of work a month (or without
// limit), and work beyond that, or of kinds not included, is billed at the
// Overage rate. The customer pays a predictable fee; the provider carries
// the risk of a bad month up to the included hours.
//
// Included hours count the work as done, without billing increments, in
// the order of the jobs, and do not carry over to the next month. A job
// that crosses the limit is billed at Overage for the part beyond it,
// with Overage's increment, minimum and call-out fee applied to that part.
type Subscription struct {
	Label         string        // optional name for reports
	Fee           money.Money   // the fee per month; must be ≥ 0
	Included      []WorkKind    // the kinds of work the fee covers; nil or empty means all
	IncludedHours time.Duration // hours of included work covered per month, ≥ 0, unless Unlimited
	Unlimited     bool          // the included kinds are covered without an hour limit
	Overage       HourlyRate    // the price of work the fee does not cover
}

// Name returns the label, or "subscription".
func (m Subscription) Name() string { return labelOr(m.Label, "subscription") }

// Currency returns the currency of the fee.
func (m Subscription) Currency() money.Currency { return m.Fee.Currency() }

// needsOverage reports whether any work can fall outside the fee.
func (m Subscription) needsOverage() bool {
	return !m.Unlimited || len(m.Included) > 0 && len(m.Included) < len(workKindNames)
}

// Validate reports every invalid field at once. The Overage rate is
// checked only when some work can fall outside the fee.
func (m Subscription) Validate() error {
	cur := m.Fee.Currency()
	var errs []error
	errs = append(errs, checkAmount("Subscription", "Fee", m.Fee, cur, false))
	if m.IncludedHours < 0 {
		errs = append(errs, fieldErr("Subscription", "IncludedHours", m.IncludedHours.String(), "must not be negative", money.ErrRange))
	}
	for i, k := range m.Included {
		if int(k) >= len(workKindNames) {
			errs = append(errs, fieldErr("Subscription", "Included["+itoa(i)+"]", k.String(), "is not a declared kind", money.ErrRange))
		}
	}
	if m.needsOverage() {
		errs = append(errs, m.Overage.validate("Subscription", "Overage."))
		if m.Overage.Rate.Currency() != cur && m.Overage.Rate.IsValid() {
			errs = append(errs, fieldErr("Subscription", "Overage.Rate", m.Overage.Rate.String(), "is not in "+cur.String(), money.ErrCurrencyMismatch))
		}
	}
	return errors.Join(errs...)
}

func (m Subscription) includes(k WorkKind) bool {
	return len(m.Included) == 0 || slices.Contains(m.Included, k)
}

// Cost charges the fee for every month of the span, then the overage.
func (m Subscription) Cost(d RealisedDemand) (Bill, error) { return costOf(m, d) }

func (m Subscription) bill(d *RealisedDemand, explain bool) (Bill, error) {
	w := newBillWriter(m.Name(), m.Currency(), explain)
	for month := range d.Months {
		if err := w.add(month, "monthly fee", m.Fee, func() string { return "subscription fee for month " + itoa(month+1) }); err != nil {
			return Bill{}, err
		}
	}
	used, month := time.Duration(0), -1
	for _, j := range d.Jobs {
		if j.Month != month {
			used, month = 0, j.Month
		}
		w.Jobs++
		w.Work += j.Work
		if !m.includes(j.Kind) {
			if err := m.Overage.bill(w, j.Month, j.Work, j.Kind.String()+" job, a kind the fee does not cover"); err != nil {
				return Bill{}, err
			}
			continue
		}
		if m.Unlimited {
			w.note(j.Month, "included", func() string { return hoursText(j.Work) + " of " + j.Kind.String() + " work covered by the fee" })
			continue
		}
		covered := min(max(m.IncludedHours-used, 0), j.Work)
		used += covered
		if covered > 0 {
			w.note(j.Month, "included", func() string {
				return hoursText(covered) + " of " + j.Kind.String() + " work covered by the fee (" + hoursText(used) + " of " + hoursText(m.IncludedHours) + " used this month)"
			})
		}
		if excess := j.Work - covered; excess > 0 || j.Work == 0 && m.IncludedHours == 0 {
			if err := m.Overage.bill(w, j.Month, excess, "job beyond the included hours"); err != nil {
				return Bill{}, err
			}
		}
	}
	return w.Bill, nil
}

// expectation is linear in the incident rate when an incident is either
// always covered or never covered.
func (m Subscription) expectation(p DemandProfile) (fixed, perIncident float64, ok bool) {
	fixed = float64(m.Fee.MinorUnits()) * float64(p.months())
	switch {
	case m.includes(Corrective) && m.Unlimited:
		return fixed, 0, true
	case !m.includes(Corrective) || m.IncludedHours == 0:
		perIncident, ok = m.Overage.expectedPerJob(p.HoursPerIncident)
		return fixed, perIncident, ok
	}
	return 0, 0, false
}

type subscriptionJSON struct {
	Label         string      `json:"label,omitempty"`
	Fee           money.Money `json:"fee"`
	Included      []WorkKind  `json:"included,omitempty"`
	IncludedHours string      `json:"includedHours,omitempty"`
	Unlimited     bool        `json:"unlimited,omitempty"`
	Overage       HourlyRate  `json:"overage,omitzero"`
}

// MarshalJSON encodes the subscription with IncludedHours as a Go
// duration string and the kinds of work by name.
func (m Subscription) MarshalJSON() ([]byte, error) {
	return json.Marshal(subscriptionJSON{Label: m.Label, Fee: m.Fee, Included: m.Included, IncludedHours: durationText(m.IncludedHours), Unlimited: m.Unlimited, Overage: m.Overage})
}

// UnmarshalJSON decodes the form of [Subscription.MarshalJSON]. It does
// not validate; [Subscription.Validate] does.
func (m *Subscription) UnmarshalJSON(b []byte) error {
	var j subscriptionJSON
	if err := decodeStrict("Subscription", b, &j, "fee"); err != nil {
		return err
	}
	h, err := parseDuration("Subscription", "IncludedHours", j.IncludedHours)
	if err != nil {
		return errors.Join(jsonFields(err, "Subscription")...)
	}
	*m = Subscription{Label: j.Label, Fee: j.Fee, Included: j.Included, IncludedHours: h, Unlimited: j.Unlimited, Overage: j.Overage}
	return nil
}
