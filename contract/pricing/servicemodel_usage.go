package pricing

import (
	"errors"
	"math"
	"strconv"

	"github.com/slacalc/slacalc/contract/money"

	"gonum.org/v1/gonum/stat/distuv"
)

// TierPricing says how volume tiers price a month's units.
type TierPricing uint8

const (
	// Graduated prices each unit at the tier it falls in, like income tax
	// brackets: with tiers above 0 at 1.00 and above 100 at 0.80, 150 units
	// cost 100 × 1.00 + 50 × 0.80. The zero TierPricing.
	Graduated TierPricing = iota
	// AllUnits prices every unit at the tier the month's total falls in:
	// 150 units cost 150 × 0.80. The price can drop when usage crosses a
	// tier boundary.
	AllUnits
)

// String returns "graduated" or "all-units".
func (t TierPricing) String() string {
	switch t {
	case Graduated:
		return "graduated"
	case AllUnits:
		return "all-units"
	}
	return "TierPricing(" + strconv.Itoa(int(t)) + ")"
}

// MarshalText implements [encoding.TextMarshaler] with the names of
// [TierPricing.String]; an undeclared value is an error.
func (t TierPricing) MarshalText() ([]byte, error) {
	if t != Graduated && t != AllUnits {
		return nil, fieldErr("TierPricing", "value", t.String(), "is not a declared tier pricing", ErrRange)
	}
	return []byte(t.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with the names of
// [TierPricing.String].
func (t *TierPricing) UnmarshalText(b []byte) error {
	switch string(b) {
	case "graduated":
		*t = Graduated
	case "all-units":
		*t = AllUnits
	default:
		return parseErr("TierPricing.UnmarshalText", string(b), `not "graduated" or "all-units"`, ErrSyntax)
	}
	return nil
}

// Tier is a volume tier: units beyond Above (up to the next tier's Above)
// cost UnitPrice each.
type Tier struct {
	Above     int64       `json:"above"`     // the tier covers units Above+1, Above+2, …; the first tier's Above is 0
	UnitPrice money.Money `json:"unitPrice"` // price per unit; must be ≥ 0
}

// PayPerUse charges for units used each month (users, participants, GB)
// at volume tiers; tiers restart each month. Jobs are not billed: the work
// is part of the unit price.
type PayPerUse struct {
	Label   string      `json:"label,omitempty"`   // optional name for reports
	Tiers   []Tier      `json:"tiers"`             // in increasing order of Above, the first with Above 0
	Pricing TierPricing `json:"pricing,omitempty"` // graduated (the zero value) or all-units
}

// Name returns the label, or "pay-per-use".
func (m PayPerUse) Name() string { return labelOr(m.Label, "pay-per-use") }

// Currency returns the currency of the first tier's price.
func (m PayPerUse) Currency() money.Currency {
	if len(m.Tiers) == 0 {
		return ""
	}
	return m.Tiers[0].UnitPrice.Currency()
}

// Validate reports every invalid field at once: no tiers, a first tier
// not starting at 0, tiers out of order or overlapping ([ErrTierOrder]),
// unset, negative or mixed-currency prices, an unknown pricing.
func (m PayPerUse) Validate() error {
	if len(m.Tiers) == 0 {
		return fieldErr("PayPerUse", "Tiers", "[]", "must have at least one tier", money.ErrRange)
	}
	cur := m.Currency()
	var errs []error
	if m.Tiers[0].Above != 0 {
		errs = append(errs, fieldErr("PayPerUse", "Tiers[0].Above", strconv.FormatInt(m.Tiers[0].Above, 10), "must be 0, so every unit has a price", ErrTierOrder))
	}
	for i, t := range m.Tiers {
		f := "Tiers[" + strconv.Itoa(i) + "]"
		if i > 0 {
			prev := m.Tiers[i-1].Above
			switch {
			case t.Above == prev:
				errs = append(errs, fieldErr("PayPerUse", f+".Above", strconv.FormatInt(t.Above, 10), "overlaps the previous tier, which also starts above "+strconv.FormatInt(prev, 10), ErrTierOrder))
			case t.Above < prev:
				errs = append(errs, fieldErr("PayPerUse", f+".Above", strconv.FormatInt(t.Above, 10), "is out of order: the previous tier starts above "+strconv.FormatInt(prev, 10), ErrTierOrder))
			}
		}
		errs = append(errs, checkAmount("PayPerUse", f+".UnitPrice", t.UnitPrice, cur, false))
	}
	if m.Pricing > AllUnits {
		errs = append(errs, fieldErr("PayPerUse", "Pricing", m.Pricing.String(), "is not a tier pricing", money.ErrRange))
	}
	return errors.Join(errs...)
}

// Cost charges each month's units at the tiers; jobs are not charged.
func (m PayPerUse) Cost(d RealisedDemand) (Bill, error) { return costOf(m, d) }

func (m PayPerUse) bill(d *RealisedDemand, explain bool) (Bill, error) {
	w := newBillWriter(m.Name(), m.Currency(), explain)
	for _, j := range d.Jobs {
		w.Jobs++
		w.Work += j.Work
	}
	for month, u := range d.Units {
		if u == 0 {
			continue
		}
		amount, err := m.unitsCost(u)
		if err != nil {
			return Bill{}, err
		}
		if err := w.add(month, "units", amount, func() string {
			return strconv.FormatInt(u, 10) + " units, " + m.Pricing.String() + " tiers"
		}); err != nil {
			return Bill{}, err
		}
	}
	return w.Bill, nil
}

// unitsCost prices one month's units.
func (m PayPerUse) unitsCost(u int64) (money.Money, error) {
	total := money.Zero(m.Currency())
	for i, t := range m.Tiers {
		if u <= t.Above {
			break
		}
		last := i == len(m.Tiers)-1 || u <= m.Tiers[i+1].Above
		if m.Pricing == AllUnits {
			if last {
				return t.UnitPrice.Mul(u)
			}
			continue
		}
		n := u - t.Above
		if !last {
			n = m.Tiers[i+1].Above - t.Above
		}
		c, err := t.UnitPrice.Mul(n)
		if err != nil {
			return money.Money{}, err
		}
		if total, err = total.Add(c); err != nil {
			return money.Money{}, err
		}
	}
	return total, nil
}

// expectation is the expected units cost per month times the months, in
// closed form for fixed or Poisson units.
func (m PayPerUse) expectation(p DemandProfile) (fixed, perIncident float64, ok bool) {
	units := p.UnitsPerMonth
	var perMonth float64
	n, constant := units.Constant()
	lambda, poisson := units.PoissonMean()
	switch {
	case constant:
		c, err := m.unitsCost(int64(math.Round(n)))
		if err != nil {
			return 0, 0, false
		}
		perMonth = float64(c.MinorUnits())
	case poisson:
		pois := distuv.Poisson{Lambda: lambda}
		for k := int64(0); ; k++ {
			pk := pois.Prob(float64(k))
			c, err := m.unitsCost(k)
			if err != nil {
				return 0, 0, false
			}
			perMonth += pk * float64(c.MinorUnits())
			if float64(k) > lambda && pois.Survival(float64(k)) < 1e-16 {
				break
			}
		}
	default:
		return 0, 0, false
	}
	return perMonth * float64(p.months()), 0, true
}
