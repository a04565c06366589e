package pricing_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var eur = money.MustParseMoney

func job(month int, work time.Duration) pricing.Job {
	return pricing.Job{Month: month, Kind: pricing.Corrective, Work: work}
}

func TestModelCosts(t *testing.T) {
	h, m := time.Hour, time.Minute
	tests := []struct {
		name    string
		model   pricing.Plan
		demand  pricing.RealisedDemand
		total   string
		jobs    int
		work    time.Duration
		billed  time.Duration
		unused  time.Duration
		summary string // the arithmetic
	}{
		{
			name: "time and materials",
			model: pricing.TimeAndMaterials{Rate: pricing.HourlyRate{
				Rate: eur("EUR 95.00"), Increment: 15 * m, Minimum: 30 * m, CallOut: eur("EUR 50.00")}},
			demand: pricing.RealisedDemand{Months: 12, Jobs: []pricing.Job{job(0, h+10*m), job(3, 10*m), job(3, 2*h)}},
			// 1h10m → 1h15m = 1.25 × 95 = 118.75; 10m → minimum 30m = 47.50; 2h = 190.00;
			// plus 3 call-outs of 50.00: 150 + 118.75 + 47.50 + 190.00 = 506.25.
			total: "EUR 506.25", jobs: 3, work: 3*h + 20*m, billed: 3*h + 45*m,
		},
		{
			name:  "time and materials, rounding per job",
			model: pricing.TimeAndMaterials{Rate: pricing.HourlyRate{Rate: eur("EUR 100.00"), Increment: m}},
			// 10 min at 100/h = 16.666… → 16.67 half-even, twice: 33.34 (not 33.33 from rounding the sum).
			demand: pricing.RealisedDemand{Months: 1, Jobs: []pricing.Job{job(0, 10*m), job(0, 10*m)}},
			total:  "EUR 33.34", jobs: 2, work: 20 * m, billed: 20 * m,
		},
		{
			name:  "time and materials, rounding down",
			model: pricing.TimeAndMaterials{Rate: pricing.HourlyRate{Rate: eur("EUR 100.00"), Increment: m, Rounding: money.Down}},
			// 16.666… → 16.66 twice.
			demand: pricing.RealisedDemand{Months: 1, Jobs: []pricing.Job{job(0, 10*m), job(0, 10*m)}},
			total:  "EUR 33.32", jobs: 2, work: 20 * m, billed: 20 * m,
		},
		{
			name: "break/fix serves only incidents",
			model: pricing.BreakFix{Rate: pricing.HourlyRate{
				Rate: eur("EUR 125.00"), Increment: h, CallOut: eur("EUR 75.00")}},
			demand: pricing.RealisedDemand{Months: 12, Jobs: []pricing.Job{
				job(1, h+30*m), {Month: 2, Kind: pricing.Preventive, Work: 2 * h}, job(5, 0)}},
			// 1h30m → 2h = 250.00 + 75.00; preventive not served; 0h → 0 + 75.00 call-out. 400.00.
			total: "EUR 400.00", jobs: 2, work: h + 30*m, billed: 2 * h,
		},
		{
			name:   "fixed price per job",
			model:  pricing.FixedPrice{Price: eur("EUR 250.00")},
			demand: pricing.RealisedDemand{Months: 12, Jobs: []pricing.Job{job(0, 10*h), job(1, m), job(2, h)}},
			// 3 × 250.00, whatever the hours.
			total: "EUR 750.00", jobs: 3, work: 11*h + m,
		},
		{
			name: "subscription with included hours",
			model: pricing.Subscription{Fee: eur("EUR 150.00"), IncludedHours: 2 * h,
				Overage: pricing.HourlyRate{Rate: eur("EUR 95.00"), Increment: 15 * m}},
			demand: pricing.RealisedDemand{Months: 3, Jobs: []pricing.Job{job(0, h+30*m), job(0, h), job(1, 3*h)}},
			// 3 × 150.00 = 450.00; month 0: 1h30m covered, then 30m covered + 30m over = 47.50;
			// month 1: 2h covered + 1h over = 95.00. 450 + 47.50 + 95 = 592.50.
			total: "EUR 592.50", jobs: 3, work: 5*h + 30*m, billed: h + 30*m,
		},
		{
			name: "subscription covering only incidents, unlimited",
			model: pricing.Subscription{Fee: eur("EUR 100.00"), Included: []pricing.WorkKind{pricing.Corrective}, Unlimited: true,
				Overage: pricing.HourlyRate{Rate: eur("EUR 95.00"), Increment: 15 * m, CallOut: eur("EUR 10.00")}},
			demand: pricing.RealisedDemand{Months: 2, Jobs: []pricing.Job{job(0, 9*h), {Month: 1, Kind: pricing.Adaptive, Work: 2*h + 10*m}}},
			// 2 × 100.00; 9h incident covered; adaptive 2h10m → 2h15m = 2.25 × 95 = 213.75 + 10.00 call-out. 423.75.
			total: "EUR 423.75", jobs: 2, work: 11*h + 10*m, billed: 2*h + 15*m,
		},
		{
			name: "pay-per-use, graduated",
			model: pricing.PayPerUse{Tiers: []pricing.Tier{
				{Above: 0, UnitPrice: eur("EUR 1.00")}, {Above: 100, UnitPrice: eur("EUR 0.80")}, {Above: 1000, UnitPrice: eur("EUR 0.50")}}},
			demand: pricing.RealisedDemand{Months: 3, Units: []int64{150, 0, 1200}, Jobs: []pricing.Job{job(1, h)}},
			// 150: 100 × 1.00 + 50 × 0.80 = 140.00; 1200: 100 + 900 × 0.80 + 200 × 0.50 = 920.00. 1060.00.
			total: "EUR 1060.00", jobs: 1, work: h,
		},
		{
			name: "pay-per-use, all units",
			model: pricing.PayPerUse{Pricing: pricing.AllUnits, Tiers: []pricing.Tier{
				{Above: 0, UnitPrice: eur("EUR 1.00")}, {Above: 100, UnitPrice: eur("EUR 0.80")}, {Above: 1000, UnitPrice: eur("EUR 0.50")}}},
			demand: pricing.RealisedDemand{Months: 3, Units: []int64{150, 100, 1200}},
			// 150 × 0.80 = 120.00; 100 × 1.00 = 100.00 (100 is still the first tier); 1200 × 0.50 = 600.00. 820.00.
			total: "EUR 820.00",
		},
		{
			name: "bundle runs out, extra hours, renewed at expiry",
			model: pricing.Bundle{Hours: 10 * h, Price: eur("EUR 900.00"), ValidityMonths: 6, Increment: 30 * m,
				Extra: pricing.HourlyRate{Rate: eur("EUR 110.00"), Increment: 30 * m}},
			demand: pricing.RealisedDemand{Months: 12, Jobs: []pricing.Job{job(1, 3*h+10*m), job(4, 7*h), job(5, h), job(7, 45*m)}},
			// Month 0: bundle 900.00, 10h. 3h10m draws 3h30m (6h30m left); 7h draws 6h30m, 30m extra = 55.00;
			// 1h extra = 110.00; month 6: expired with 0h left, new bundle 900.00; 45m draws 1h, 9h left at the end.
			// 900 + 55 + 110 + 900 = 1965.00; billed 3h30m + 6h30m + 30m + 1h + 1h = 12h30m.
			total: "EUR 1965.00", jobs: 4, work: 11*h + 55*m, billed: 12*h + 30*m, unused: 9 * h,
		},
		{
			name: "bundle with automatic renewal",
			model: pricing.Bundle{Hours: 10 * h, Price: eur("EUR 900.00"), ValidityMonths: 6, Increment: 30 * m,
				AutoRenew: true},
			demand: pricing.RealisedDemand{Months: 12, Jobs: []pricing.Job{job(1, 3*h+10*m), job(4, 7*h), job(5, h), job(7, 45*m)}},
			// Month 0: 900.00; 3h30m drawn (6h30m left); month 4: 6h30m drawn, new bundle 900.00 valid to month 10,
			// 30m drawn (9h30m left); 1h (8h30m left); 1h (7h30m left); month 10: 7h30m expire, new bundle 900.00,
			// 10h left at the end. 3 × 900 = 2700.00; billed 3h30m + 7h + 1h + 1h = 12h30m; unused 7h30m + 10h.
			total: "EUR 2700.00", jobs: 4, work: 11*h + 55*m, billed: 12*h + 30*m, unused: 17*h + 30*m,
		},
		{
			name:   "no contract, nothing served",
			model:  pricing.NoContract{BillCurrency: money.EUR},
			demand: pricing.RealisedDemand{Months: 12, Jobs: []pricing.Job{job(0, 5*h)}},
			total:  "EUR 0.00",
		},
		{
			name: "no contract, best effort",
			model: pricing.NoContract{BestEffort: &pricing.HourlyRate{
				Rate: eur("EUR 140.00"), Increment: h}},
			demand: pricing.RealisedDemand{Months: 12, Jobs: []pricing.Job{job(0, 90*m)}},
			// 1h30m → 2h × 140.00.
			total: "EUR 280.00", jobs: 1, work: 90 * m, billed: 2 * h,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.model.Cost(tt.demand)
			require.NoError(t, err)
			got := [5]string{b.Total.String(), itoa(b.Jobs), b.Work.String(), b.Billed.String(), b.UnusedPrepaid.String()}
			want := [5]string{tt.total, itoa(tt.jobs), tt.work.String(), tt.billed.String(), tt.unused.String()}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("total, jobs, work, billed, unused (-want +got):\n%s", diff)
			}
			assert.Equal(t, tt.model.Name(), b.Plan)
			// The lines add up to the total, and each has a reason.
			var amounts []money.Money
			for _, l := range b.Lines {
				amounts = append(amounts, l.Amount)
				assert.NotEmpty(t, l.Reason, "line %+v", l)
			}
			sum, err := money.Sum(tt.model.Currency(), amounts...)
			require.NoError(t, err)
			assert.Equal(t, b.Total, sum, "lines add up to the total")
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestBillLines(t *testing.T) {
	m := pricing.TimeAndMaterials{Rate: pricing.HourlyRate{
		Rate: eur("EUR 95.00"), Increment: 15 * time.Minute, CallOut: eur("EUR 50.00")}}
	b, err := m.Cost(pricing.RealisedDemand{Months: 1, Jobs: []pricing.Job{job(0, 70*time.Minute)}})
	require.NoError(t, err)
	want := []pricing.BillLine{
		{Month: 0, Item: "call-out", Amount: eur("EUR 50.00"), Reason: "call-out fee per job"},
		{Month: 0, Item: "work", Amount: eur("EUR 118.75"), Reason: "1h10m billed as 1h15m (per started 15m) at EUR 95.00/h"},
	}
	if diff := cmp.Diff(want, b.Lines, cmp.Comparer(func(a, b money.Money) bool { return a == b })); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

func TestMargin(t *testing.T) {
	m := pricing.TimeAndMaterials{Rate: pricing.HourlyRate{
		Rate: eur("EUR 95.00"), Increment: 15 * time.Minute, Minimum: 30 * time.Minute, CallOut: eur("EUR 50.00")}}
	b, err := m.Cost(pricing.RealisedDemand{Months: 12, Jobs: []pricing.Job{
		job(0, time.Hour+10*time.Minute), job(3, 10*time.Minute), job(3, 2*time.Hour)}})
	require.NoError(t, err)
	c := pricing.DeliveryCost{PerHour: eur("EUR 40.00"), PerJob: eur("EUR 10.00")}
	// Work 3h20m × 40.00 = 133.333… → 133.33, plus 3 × 10.00 = 163.33; margin 506.25 − 163.33 = 342.92.
	cost, err := c.Of(b)
	require.NoError(t, err)
	assert.Equal(t, "EUR 163.33", cost.String())
	margin, err := b.Margin(c)
	require.NoError(t, err)
	assert.Equal(t, "EUR 342.92", margin.String())
	_, err = b.Margin(pricing.DeliveryCost{PerHour: eur("USD 1.00")})
	assert.ErrorIs(t, err, money.ErrCurrencyMismatch)
}

func TestModelValidation(t *testing.T) {
	rate := pricing.HourlyRate{Rate: eur("EUR 95.00"), Increment: time.Hour}
	tests := []struct {
		name   string
		model  pricing.Plan
		fields []string // the fields named by the errors, in order
		err    error
	}{
		{"negative rate", pricing.TimeAndMaterials{Rate: pricing.HourlyRate{Rate: eur("EUR -1.00"), Increment: time.Hour}}, []string{"Rate.Rate"}, money.ErrRange},
		{"zero increment", pricing.BreakFix{Rate: pricing.HourlyRate{Rate: eur("EUR 1.00")}}, []string{"Rate.Increment"}, money.ErrRange},
		{"negative increment and minimum", pricing.BreakFix{Rate: pricing.HourlyRate{Rate: eur("EUR 1.00"), Increment: -time.Hour, Minimum: -time.Hour}}, []string{"Rate.Increment", "Rate.Minimum"}, money.ErrRange},
		{"negative call-out", pricing.BreakFix{Rate: pricing.HourlyRate{Rate: eur("EUR 1.00"), Increment: time.Hour, CallOut: eur("EUR -5.00")}}, []string{"Rate.CallOut"}, money.ErrRange},
		{"call-out in another currency", pricing.BreakFix{Rate: pricing.HourlyRate{Rate: eur("EUR 1.00"), Increment: time.Hour, CallOut: eur("USD 5.00")}}, []string{"Rate.CallOut"}, money.ErrCurrencyMismatch},
		{"unset rate", pricing.TimeAndMaterials{Rate: pricing.HourlyRate{Increment: time.Hour}}, []string{"Rate.Rate"}, money.ErrRange},
		{"negative fixed price", pricing.FixedPrice{Price: eur("EUR -1.00")}, []string{"Price"}, money.ErrRange},
		{"negative fee and hours", pricing.Subscription{Fee: eur("EUR -1.00"), IncludedHours: -time.Hour, Overage: rate}, []string{"Fee", "IncludedHours"}, money.ErrRange},
		{"overage in another currency", pricing.Subscription{Fee: eur("USD 1.00"), Overage: rate}, []string{"Overage.Rate"}, money.ErrCurrencyMismatch},
		{"bundle with zero hours and validity", pricing.Bundle{Price: eur("EUR 1.00"), Increment: time.Hour, Extra: rate}, []string{"Hours", "ValidityMonths"}, money.ErrRange},
		{"bundle with zero increment", pricing.Bundle{Hours: time.Hour, Price: eur("EUR 1.00"), ValidityMonths: 12, Extra: rate}, []string{"Increment"}, money.ErrRange},
		{"tiers out of order", pricing.PayPerUse{Tiers: []pricing.Tier{{0, eur("EUR 1.00")}, {100, eur("EUR 0.50")}, {50, eur("EUR 0.80")}}}, []string{"Tiers[2].Above"}, pricing.ErrTierOrder},
		{"tiers overlapping", pricing.PayPerUse{Tiers: []pricing.Tier{{0, eur("EUR 1.00")}, {100, eur("EUR 0.50")}, {100, eur("EUR 0.80")}}}, []string{"Tiers[2].Above"}, pricing.ErrTierOrder},
		{"first tier not at 0", pricing.PayPerUse{Tiers: []pricing.Tier{{10, eur("EUR 1.00")}}}, []string{"Tiers[0].Above"}, pricing.ErrTierOrder},
		{"no tiers", pricing.PayPerUse{}, []string{"Tiers"}, money.ErrRange},
		{"no currency", pricing.NoContract{}, []string{"BillCurrency"}, money.ErrUnknownCurrency},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.model.Validate()
			require.ErrorIs(t, err, tt.err)
			assert.Equal(t, tt.fields, fieldsOf(err))
			_, costErr := tt.model.Cost(pricing.RealisedDemand{Months: 1})
			assert.ErrorIs(t, costErr, tt.err, "Cost validates the model")
		})
	}
}

// fieldsOf lists the fields named by the *FieldErrors in err.
func fieldsOf(err error) []string {
	var out []string
	var walk func(error)
	walk = func(err error) {
		if fe, ok := err.(*availability.InputError); ok {
			out = append(out, fieldOf(fe))
			return
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
		}
	}
	walk(err)
	return out
}

func TestDemandValidation(t *testing.T) {
	d := pricing.RealisedDemand{Months: 2, Units: []int64{1, -1, 3}, Jobs: []pricing.Job{
		job(1, time.Hour), job(0, -time.Hour), {Month: 5, Kind: 9}}}
	err := d.Validate()
	require.ErrorIs(t, err, money.ErrRange)
	assert.Equal(t, []string{"Jobs[1].Month", "Jobs[1].Work", "Jobs[2].Month", "Jobs[2].Kind", "Units", "Units[1]"}, fieldsOf(err))
	var fe *availability.InputError
	require.True(t, errors.As(err, &fe))
	assert.True(t, strings.HasPrefix(fe.Field, "RealisedDemand."), fe.Field)
	assert.ErrorIs(t, pricing.RealisedDemand{}.Validate(), money.ErrRange)
}

func TestWorkKindText(t *testing.T) {
	for _, k := range []pricing.WorkKind{pricing.Corrective, pricing.Preventive, pricing.Perfective, pricing.Adaptive} {
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back pricing.WorkKind
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, k, back)
	}
	_, err := pricing.WorkKind(7).MarshalText()
	assert.ErrorIs(t, err, money.ErrRange)
	var k pricing.WorkKind
	assert.ErrorIs(t, k.UnmarshalText([]byte("urgent")), money.ErrSyntax)
}
