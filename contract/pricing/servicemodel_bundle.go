package pricing

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/slacalc/slacalc/contract/money"

	"gonum.org/v1/gonum/stat/distuv"
)

// Bundle is a prepaid hour bundle (Dutch "strippenkaart"): Hours of work
// bought for Price, valid for ValidityMonths. Each job draws its work,
// rounded up to whole increments (strips), from the bundle; hours left
// when the bundle expires are lost.
//
// There is always one bundle in use. The first is bought at the start of
// the span, and a new one whenever the one in use expires while the span
// goes on. When a bundle runs out before it expires, AutoRenew buys a new
// one at once (its validity starts then); otherwise the rest of the work
// until expiry is billed at the Extra rate.
type Bundle struct {
	Label          string        // optional name for reports
	Hours          time.Duration // prepaid hours per bundle; must be > 0
	Price          money.Money   // price of one bundle; must be ≥ 0
	ValidityMonths int           // months a bundle stays valid from purchase; must be ≥ 1
	Increment      time.Duration // work is drawn per started increment (the strip); must be > 0
	Extra          HourlyRate    // the price of work when the bundle has run out, unless AutoRenew
	AutoRenew      bool          // buy a new bundle when one runs out, instead of billing Extra
}

// Name returns the label, or "prepaid bundle".
func (m Bundle) Name() string { return labelOr(m.Label, "prepaid bundle") }

// Currency returns the currency of the price.
func (m Bundle) Currency() money.Currency { return m.Price.Currency() }

// Validate reports every invalid field at once: zero or negative hours,
// validity or increment, an unset or negative price, and, unless
// AutoRenew, an invalid Extra rate.
func (m Bundle) Validate() error {
	cur := m.Price.Currency()
	var errs []error
	if m.Hours <= 0 {
		errs = append(errs, fieldErr("Bundle", "Hours", m.Hours.String(), "must be positive", money.ErrRange))
	}
	errs = append(errs, checkAmount("Bundle", "Price", m.Price, cur, false))
	if m.ValidityMonths < 1 {
		errs = append(errs, fieldErr("Bundle", "ValidityMonths", strconv.Itoa(m.ValidityMonths), "must be at least 1", money.ErrRange))
	}
	if m.Increment <= 0 {
		errs = append(errs, fieldErr("Bundle", "Increment", m.Increment.String(), "must be positive", money.ErrRange))
	}
	if !m.AutoRenew {
		errs = append(errs, m.Extra.validate("Bundle", "Extra."))
		if m.Extra.Rate.IsValid() && m.Extra.Rate.Currency() != cur {
			errs = append(errs, fieldErr("Bundle", "Extra.Rate", m.Extra.Rate.String(), "is not in "+cur.String(), money.ErrCurrencyMismatch))
		}
	}
	return errors.Join(errs...)
}

// Cost charges the bundles bought and the extra hours, and reports the
// prepaid hours that went unused in Bill.UnusedPrepaid.
func (m Bundle) Cost(d RealisedDemand) (Bill, error) { return costOf(m, d) }

func (m Bundle) bill(d *RealisedDemand, explain bool) (Bill, error) {
	w := newBillWriter(m.Name(), m.Currency(), explain)
	var left time.Duration // hours left on the bundle in use
	expires := 0           // the month the bundle in use expires
	buy := func(month int, why string) error {
		left, expires = m.Hours, month+m.ValidityMonths
		return w.add(month, "bundle", m.Price, func() string {
			return why + ": " + hoursText(m.Hours) + " valid " + strconv.Itoa(m.ValidityMonths) + " months"
		})
	}
	// renewUntil replaces bundles that expire before month.
	renewUntil := func(month int) error {
		for expires <= month {
			if left > 0 {
				w.UnusedPrepaid += left
				w.note(expires, "expired", func() string { return hoursText(left) + " of the bundle expired unused" })
			}
			if err := buy(expires, "previous bundle expired"); err != nil {
				return err
			}
		}
		return nil
	}
	if err := buy(0, "first bundle"); err != nil {
		return Bill{}, err
	}
	for _, j := range d.Jobs {
		if err := renewUntil(j.Month); err != nil {
			return Bill{}, err
		}
		w.Jobs++
		w.Work += j.Work
		need := HourlyRate{Increment: m.Increment}.BilledTime(j.Work)
		for need > 0 {
			if left == 0 {
				if !m.AutoRenew {
					if err := m.Extra.bill(w, j.Month, need, "job beyond the bundle"); err != nil {
						return Bill{}, err
					}
					break
				}
				if err := buy(j.Month, "bundle used up, new bundle bought"); err != nil {
					return Bill{}, err
				}
			}
			take := min(need, left)
			left -= take
			need -= take
			w.Billed += take
			w.note(j.Month, "drawn", func() string {
				return hoursText(take) + " drawn for " + hoursText(j.Work) + " of " + j.Kind.String() + " work (per started " + hoursText(m.Increment) + "), " + hoursText(left) + " left"
			})
		}
	}
	if err := renewUntil(d.Months - 1); err != nil {
		return Bill{}, err
	}
	if left > 0 {
		w.UnusedPrepaid += left
		w.note(d.Months-1, "unused", func() string { return hoursText(left) + " left on the bundle at the end of the span" })
	}
	return w.Bill, nil
}

// expectedUnused returns the expected unused prepaid hours per span in
// closed form, when it has one: fixed hours h per incident, no AutoRenew
// and a span that is a whole number of validity periods. Each period then
// has its own bundle and N ~ Poisson(λ·V/12) incidents each drawing
// b = ⌈h/inc⌉·inc, so E[unused] = Σₙ P(N = n)·max(0, H − n·b) per period.
func (m Bundle) expectedUnused(p DemandProfile) (float64, bool) {
	months := p.months()
	perJob, fixed := p.HoursPerIncident.Constant()
	if !fixed || m.AutoRenew || months%m.ValidityMonths != 0 {
		return 0, false
	}
	b := HourlyRate{Increment: m.Increment}.BilledTime(workDuration(perJob)).Hours()
	hours := m.Hours.Hours()
	mu := p.IncidentsPerYear * float64(m.ValidityMonths) / 12
	var e float64
	if b == 0 || mu == 0 {
		e = hours
	} else {
		pois := distuv.Poisson{Lambda: mu}
		for n := 0; float64(n)*b < hours; n++ {
			e += pois.Prob(float64(n)) * (hours - float64(n)*b)
		}
	}
	periods := float64(months / m.ValidityMonths)
	return e * periods, !math.IsNaN(e)
}

type bundleJSON struct {
	Label          string      `json:"label,omitempty"`
	Hours          string      `json:"hours"`
	Price          money.Money `json:"price"`
	ValidityMonths int         `json:"validityMonths"`
	Increment      string      `json:"increment"`
	Extra          HourlyRate  `json:"extra,omitzero"`
	AutoRenew      bool        `json:"autoRenew,omitempty"`
}

// MarshalJSON encodes the bundle with its durations as Go duration
// strings: {"hours":"20h0m0s","price":"EUR 1800.00","validityMonths":12,
// "increment":"1h0m0s",...}.
func (m Bundle) MarshalJSON() ([]byte, error) {
	return json.Marshal(bundleJSON{Label: m.Label, Hours: durationText(m.Hours), Price: m.Price, ValidityMonths: m.ValidityMonths,
		Increment: durationText(m.Increment), Extra: m.Extra, AutoRenew: m.AutoRenew})
}

// UnmarshalJSON decodes the form of [Bundle.MarshalJSON]. It does not
// validate; [Bundle.Validate] does.
func (m *Bundle) UnmarshalJSON(b []byte) error {
	var j bundleJSON
	if err := decodeStrict("Bundle", b, &j, "hours", "price", "validityMonths", "increment"); err != nil {
		return err
	}
	hours, err1 := parseDuration("Bundle", "Hours", j.Hours)
	inc, err2 := parseDuration("Bundle", "Increment", j.Increment)
	if err := errors.Join(err1, err2); err != nil {
		return errors.Join(jsonFields(err, "Bundle")...)
	}
	*m = Bundle{Label: j.Label, Hours: hours, Price: j.Price, ValidityMonths: j.ValidityMonths, Increment: inc, Extra: j.Extra, AutoRenew: j.AutoRenew}
	return nil
}
