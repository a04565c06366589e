package pricing

import (
	"encoding/json"
	"errors"
	"strconv"

	"github.com/slacalc/slacalc/contract/money"
)

// TimeAndMaterials bills every job by the hour under an [HourlyRate]:
// call-out fee plus billed time at the rate. The customer pays for exactly
// the work there is, so the customer carries the risk of a bad year.
type TimeAndMaterials struct {
	Label string     `json:"label,omitempty"` // optional name for reports
	Rate  HourlyRate `json:"rate"`            // the price of the work
}

// Name returns the label, or "time and materials".
func (m TimeAndMaterials) Name() string { return labelOr(m.Label, "time and materials") }

// Currency returns the currency of the rate.
func (m TimeAndMaterials) Currency() money.Currency { return m.Rate.Rate.Currency() }

// Validate reports every invalid field at once.
func (m TimeAndMaterials) Validate() error { return m.Rate.validate("TimeAndMaterials", "Rate.") }

// Cost bills each job: call-out fee, then the work at the rate.
func (m TimeAndMaterials) Cost(d RealisedDemand) (Bill, error) { return costOf(m, d) }

func (m TimeAndMaterials) bill(d *RealisedDemand, explain bool) (Bill, error) {
	w := newBillWriter(m.Name(), m.Currency(), explain)
	for _, j := range d.Jobs {
		if err := m.Rate.bill(w, j.Month, j.Work, "job"); err != nil {
			return Bill{}, err
		}
		w.Jobs++
		w.Work += j.Work
	}
	return w.Bill, nil
}

func (m TimeAndMaterials) expectation(p DemandProfile) (fixed, perIncident float64, ok bool) {
	perIncident, ok = m.Rate.expectedPerJob(p.HoursPerIncident)
	return 0, perIncident, ok
}

// BreakFix is reactive service: the provider comes only when something
// breaks and bills each incident (corrective job) by the hour under an
// [HourlyRate], usually with a call-out fee and a higher rate than
// contract customers pay. Other kinds of work are not done under
// break/fix; they appear on the bill as not served, without charge.
type BreakFix struct {
	Label string     `json:"label,omitempty"` // optional name for reports
	Rate  HourlyRate `json:"rate"`            // the price of an incident's work
}

// Name returns the label, or "break/fix".
func (m BreakFix) Name() string { return labelOr(m.Label, "break/fix") }

// Currency returns the currency of the rate.
func (m BreakFix) Currency() money.Currency { return m.Rate.Rate.Currency() }

// Validate reports every invalid field at once.
func (m BreakFix) Validate() error { return m.Rate.validate("BreakFix", "Rate.") }

// Cost bills each incident: call-out fee, then the work at the rate.
func (m BreakFix) Cost(d RealisedDemand) (Bill, error) { return costOf(m, d) }

func (m BreakFix) bill(d *RealisedDemand, explain bool) (Bill, error) {
	w := newBillWriter(m.Name(), m.Currency(), explain)
	for _, j := range d.Jobs {
		if j.Kind != Corrective {
			w.note(j.Month, "not served", func() string { return j.Kind.String() + " work is not part of break/fix" })
			continue
		}
		if err := m.Rate.bill(w, j.Month, j.Work, "incident"); err != nil {
			return Bill{}, err
		}
		w.Jobs++
		w.Work += j.Work
	}
	return w.Bill, nil
}

func (m BreakFix) expectation(p DemandProfile) (fixed, perIncident float64, ok bool) {
	perIncident, ok = m.Rate.expectedPerJob(p.HoursPerIncident)
	return 0, perIncident, ok
}

// NoContract is service without an agreement. With a BestEffort rate the
// provider helps when it can, billed like [TimeAndMaterials] but with no
// promise of when (the price is the same; the difference, no guaranteed
// response, is a matter for the terms, not the bill). Without one (nil)
// the provider does nothing: nothing is billed and no work is delivered,
// and the customer's problems stay its own.
type NoContract struct {
	Label        string         `json:"label,omitempty"`      // optional name for reports
	BillCurrency money.Currency `json:"currency,omitempty"`   // the currency of the (zero) bills when BestEffort is nil
	BestEffort   *HourlyRate    `json:"bestEffort,omitempty"` // the rate for best-effort help, or nil for none
}

// Name returns the label, or "no contract".
func (m NoContract) Name() string { return labelOr(m.Label, "no contract") }

// Currency returns the currency of the best-effort rate, or BillCurrency
// without one.
func (m NoContract) Currency() money.Currency {
	if m.BestEffort != nil {
		return m.BestEffort.Rate.Currency()
	}
	return m.BillCurrency
}

// Validate reports every invalid field at once.
func (m NoContract) Validate() error {
	if m.BestEffort == nil {
		if !m.BillCurrency.Known() {
			return fieldErr("NoContract", "BillCurrency", strconv.Quote(m.BillCurrency.String()), "is not a currency in the table", money.ErrUnknownCurrency)
		}
		return nil
	}
	var errs []error
	errs = append(errs, m.BestEffort.validate("NoContract", "BestEffort."))
	if m.BillCurrency != "" && m.BillCurrency != m.Currency() {
		errs = append(errs, fieldErr("NoContract", "BillCurrency", m.BillCurrency.String(), "is not the currency of BestEffort.Rate", money.ErrCurrencyMismatch))
	}
	return errors.Join(errs...)
}

// Cost bills each job like [TimeAndMaterials] at the best-effort rate, or
// nothing without one.
func (m NoContract) Cost(d RealisedDemand) (Bill, error) { return costOf(m, d) }

func (m NoContract) bill(d *RealisedDemand, explain bool) (Bill, error) {
	if m.BestEffort == nil {
		w := newBillWriter(m.Name(), m.Currency(), explain)
		for _, j := range d.Jobs {
			w.note(j.Month, "not served", func() string {
				return "no contract and no best-effort help: " + hoursText(j.Work) + " of " + j.Kind.String() + " work left to the customer"
			})
		}
		return w.Bill, nil
	}
	b, err := TimeAndMaterials{Label: m.Name(), Rate: *m.BestEffort}.bill(d, explain)
	return b, err
}

func (m NoContract) expectation(p DemandProfile) (fixed, perIncident float64, ok bool) {
	if m.BestEffort == nil {
		return 0, 0, true
	}
	return TimeAndMaterials{Rate: *m.BestEffort}.expectation(p)
}

func labelOr(label, kind string) string {
	if label != "" {
		return label
	}
	return kind
}

type hourlyRateJSON struct {
	Rate      money.Money        `json:"rate"`
	Increment string             `json:"increment"`
	Minimum   string             `json:"minimum,omitempty"`
	CallOut   money.Money        `json:"callOut,omitzero"`
	Rounding  money.RoundingMode `json:"rounding,omitzero"`
}

// MarshalJSON encodes the rate with its durations as Go duration strings:
// {"rate":"EUR 95.00","increment":"15m0s","minimum":"1h0m0s"}.
func (r HourlyRate) MarshalJSON() ([]byte, error) {
	return json.Marshal(hourlyRateJSON{Rate: r.Rate, Increment: durationText(r.Increment), Minimum: durationText(r.Minimum), CallOut: r.CallOut, Rounding: r.Rounding})
}

// UnmarshalJSON decodes the form of [HourlyRate.MarshalJSON]. It does not
// validate; [HourlyRate.Validate] does.
func (r *HourlyRate) UnmarshalJSON(b []byte) error {
	var j hourlyRateJSON
	if err := decodeStrict("HourlyRate", b, &j, "rate", "increment"); err != nil {
		return err
	}
	inc, err1 := parseDuration("HourlyRate", "Increment", j.Increment)
	minimum, err2 := parseDuration("HourlyRate", "Minimum", j.Minimum)
	if err := errors.Join(err1, err2); err != nil {
		return errors.Join(jsonFields(err, "HourlyRate")...)
	}
	*r = HourlyRate{Rate: j.Rate, Increment: inc, Minimum: minimum, CallOut: j.CallOut, Rounding: j.Rounding}
	return nil
}
