package contract_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"
	"github.com/slacalc/slacalc/sla"
)

func monthLength(t *testing.T, year int, month time.Month) time.Duration {
	t.Helper()
	p, err := sla.CalendarMonth(year, month, time.UTC)
	require.NoError(t, err)
	return p.Length()
}

// TestPublishedTierBoundaries checks every tier boundary of the published
// schedules in months of 28, 29, 30 and 31 days. Each downtime is derived
// by hand from the month's minutes M and the level L: (1 − L)·M.
func TestPublishedTierBoundaries(t *testing.T) {
	const ns = time.Nanosecond
	aws := contract.AWSComputeRegion().Schedule
	inst := contract.AWSComputeInstance().Schedule
	s3 := contract.AWSS3Standard().Schedule
	gce := contract.GoogleComputeEngine2020().Schedule
	tests := []struct {
		name     string
		schedule contract.CreditSchedule
		year     int
		month    time.Month
		down     time.Duration
		tier     int // -1: no credit
		reason   string
	}{
		// March 2025: 31 days = 44,640 min. 99.99% ↔ 4.464 min = 4m27.84s;
		// 99.0% ↔ 446.4 min = 446m24s; 95.0% ↔ 2,232 min.
		{"aws region 31d none", aws, 2025, time.March, 4 * time.Minute, -1, "1 − 4/44640 = 99.99104% ≥ 99.99%"},
		{"aws region 31d at 99.99", aws, 2025, time.March, 4*time.Minute + 27840*time.Millisecond, -1, "exactly 99.99% is not below 99.99%"},
		{"aws region 31d just below 99.99", aws, 2025, time.March, 4*time.Minute + 27840*time.Millisecond + ns, 0, "one nanosecond more"},
		{"aws region 31d 446 min", aws, 2025, time.March, 446 * time.Minute, 0, "1 − 446/44640 = 99.000896% ≥ 99.0%"},
		{"aws region 31d at 99.0", aws, 2025, time.March, 446*time.Minute + 24*time.Second, 0, "exactly 99.0% is at least 99.0%"},
		{"aws region 31d just below 99.0", aws, 2025, time.March, 446*time.Minute + 24*time.Second + ns, 1, "one nanosecond more"},
		{"aws region 31d 447 min", aws, 2025, time.March, 447 * time.Minute, 1, "1 − 447/44640 = 98.998656% < 99.0%"},
		{"aws region 31d at 95.0", aws, 2025, time.March, 2232 * time.Minute, 1, "exactly 95.0%"},
		{"aws region 31d just below 95.0", aws, 2025, time.March, 2232*time.Minute + ns, 2, "one nanosecond more"},
		{"aws region 31d all down", aws, 2025, time.March, 44640 * time.Minute, 2, "0% is at least 0%"},
		// June 2025: 30 days = 43,200 min. 99.0% ↔ 432 min exactly; 95.0% ↔ 2,160 min.
		{"aws region 30d at 99.0", aws, 2025, time.June, 432 * time.Minute, 0, "1 − 432/43200 = 99% exactly"},
		{"aws region 30d just below 99.0", aws, 2025, time.June, 432*time.Minute + ns, 1, "one nanosecond more"},
		{"aws region 30d at 95.0", aws, 2025, time.June, 2160 * time.Minute, 1, "1 − 2160/43200 = 95% exactly"},
		{"aws region 30d just below 95.0", aws, 2025, time.June, 2160*time.Minute + ns, 2, "one nanosecond more"},
		// February 2025: 28 days = 40,320 min. 99.0% ↔ 403.2 min = 403m12s; 95.0% ↔ 2,016 min;
		// 99.5% ↔ 201.6 min = 201m36s; 99.9% ↔ 40.32 min = 40m19.2s.
		{"aws instance 28d at 99.5", inst, 2025, time.February, 201*time.Minute + 36*time.Second, -1, "exactly 99.5% is not below 99.5%"},
		{"aws instance 28d just below 99.5", inst, 2025, time.February, 201*time.Minute + 36*time.Second + ns, 0, "one nanosecond more"},
		{"aws instance 28d at 99.0", inst, 2025, time.February, 403*time.Minute + 12*time.Second, 0, "exactly 99.0%"},
		{"aws instance 28d just below 99.0", inst, 2025, time.February, 403*time.Minute + 12*time.Second + ns, 1, "one nanosecond more"},
		{"aws instance 28d at 95.0", inst, 2025, time.February, 2016 * time.Minute, 1, "exactly 95.0%"},
		{"aws instance 28d just below 95.0", inst, 2025, time.February, 2016*time.Minute + ns, 2, "one nanosecond more"},
		{"s3 28d at 99.9", s3, 2025, time.February, 40*time.Minute + 19200*time.Millisecond, -1, "exactly 99.9%"},
		{"s3 28d just below 99.9", s3, 2025, time.February, 40*time.Minute + 19200*time.Millisecond + ns, 0, "one nanosecond more"},
		// February 2024: 29 days = 41,760 min. 99.99% ↔ 4.176 min = 4m10.56s; 99.0% ↔ 417.6 min = 417m36s;
		// 95.0% ↔ 2,088 min.
		{"gce 29d at 99.99", gce, 2024, time.February, 4*time.Minute + 10560*time.Millisecond, -1, "exactly 99.99%"},
		{"gce 29d just below 99.99", gce, 2024, time.February, 4*time.Minute + 10560*time.Millisecond + ns, 0, "one nanosecond more"},
		{"gce 29d at 99.0", gce, 2024, time.February, 417*time.Minute + 36*time.Second, 0, "exactly 99.0%"},
		{"gce 29d 418 min", gce, 2024, time.February, 418 * time.Minute, 1, "1 − 418/41760 = 98.99904% < 99.0%"},
		{"gce 29d at 95.0", gce, 2024, time.February, 2088 * time.Minute, 1, "exactly 95.0%"},
		{"gce 29d just below 95.0", gce, 2024, time.February, 2088*time.Minute + ns, 2, "one nanosecond more"},
		{"s3 29d 417 min", s3, 2024, time.February, 417 * time.Minute, 0, "1 − 417/41760 = 99.001437% ≥ 99.0%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			service := monthLength(t, tt.year, tt.month)
			assert.Equal(t, tt.tier, tt.schedule.Tier(tt.down, service), tt.reason)
		})
	}
}

// TestMonthLengths pins the month lengths the boundary table relies on.
func TestMonthLengths(t *testing.T) {
	assert.Equal(t, 44640*time.Minute, monthLength(t, 2025, time.March))    // 31 × 1440
	assert.Equal(t, 43200*time.Minute, monthLength(t, 2025, time.June))     // 30 × 1440
	assert.Equal(t, 40320*time.Minute, monthLength(t, 2025, time.February)) // 28 × 1440
	assert.Equal(t, 41760*time.Minute, monthLength(t, 2024, time.February)) // 29 × 1440
}

// TestAssessCredits computes credits on hand-checked bills.
func TestAssessCredits(t *testing.T) {
	march := 44640 * time.Minute
	usd := money.MustParseMoney
	tests := []struct {
		name     string
		schedule contract.CreditSchedule
		down     time.Duration
		basis    money.Money
		want     string
		capped   bool
		belowMin bool
		reason   string
	}{
		{"aws 10%", contract.AWSComputeRegion().Schedule, 446 * time.Minute, usd("USD 12000.00"), "USD 1200.00", false, false, "10% × 12,000.00"},
		{"aws 30%", contract.AWSComputeRegion().Schedule, 447 * time.Minute, usd("USD 12000.00"), "USD 3600.00", false, false, "30% × 12,000.00"},
		{"aws 100%", contract.AWSComputeRegion().Schedule, 3000 * time.Minute, usd("USD 12000.00"), "USD 12000.00", false, false, "100% × 12,000.00, the cap of 100% is not exceeded"},
		{"aws below $1", contract.AWSComputeRegion().Schedule, 446 * time.Minute, usd("USD 10.00"), "USD 0.00", false, true, "10% × 10.00 = 1.00, not greater than USD 1"},
		{"aws just above $1", contract.AWSComputeRegion().Schedule, 446 * time.Minute, usd("USD 10.10"), "USD 1.01", false, false, "10% × 10.10 = 1.01 > USD 1"},
		{"aws half-even", contract.AWSComputeRegion().Schedule, 446 * time.Minute, usd("USD 123.45"), "USD 12.34", false, false, "10% × 123.45 = 12.345 → 12.34 (half-even)"},
		{"gce 50%", contract.GoogleComputeEngine2020().Schedule, 3000 * time.Minute, usd("USD 999.99"), "USD 500.00", false, false, "50% × 999.99 = 499.995 → 500.00 (half-even, 9 is odd)"},
		{"none", contract.AWSComputeRegion().Schedule, time.Minute, usd("USD 12000.00"), "USD 0.00", false, false, "99.9978% meets 99.99%"},
		{"fixed cap", contract.CreditSchedule{
			Tiers: []contract.CreditTier{{Upper: contract.Below(money.Percent(99)), Lower: contract.AtLeast(money.Percent(0)), Credit: money.Percent(50)}},
			Cap:   contract.FixedAmount(usd("USD 1000.00")),
		}, 447 * time.Minute, usd("USD 12000.00"), "USD 1000.00", true, false, "50% × 12,000.00 = 6,000.00 cut to 1,000.00"},
		{"share cap", contract.CreditSchedule{
			Tiers: []contract.CreditTier{{Upper: contract.Below(money.Percent(99)), Lower: contract.AtLeast(money.Percent(0)), Credit: money.Percent(50)}},
			Cap:   contract.ShareOf(money.Percent(25)),
		}, 447 * time.Minute, usd("USD 12000.00"), "USD 3000.00", true, false, "50% cut to 25% × 12,000.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.schedule.Assess(tt.down, march, tt.basis)
			require.NoError(t, err)
			assert.Equal(t, tt.want, c.Amount.String(), tt.reason)
			assert.Equal(t, tt.capped, c.Capped, "capped")
			assert.Equal(t, tt.belowMin, c.BelowMinimum, "below minimum")
			assert.NotEmpty(t, c.Reason)
		})
	}
}

func TestAssessReason(t *testing.T) {
	c, err := contract.AWSComputeRegion().Schedule.Assess(447*time.Minute, 44640*time.Minute, money.MustParseMoney("USD 12000.00"))
	require.NoError(t, err)
	// 1 − 447/44640 = 0.98998655…, truncated to four decimals of a percent.
	assert.Equal(t, "measured 98.9986% (7h27m0s down of 744h0m0s) is in tier < 99% and >= 95%: 30% of USD 12000.00 = USD 3600.00", c.Reason)
}

func TestCreditScheduleValidate(t *testing.T) {
	p := money.Percent
	good := contract.AWSComputeRegion().Schedule
	tests := []struct {
		name     string
		schedule contract.CreditSchedule
		fields   []string
		sentinel error
	}{
		{"overlap", contract.CreditSchedule{Tiers: []contract.CreditTier{
			{Upper: contract.Below(p(100)), Lower: contract.AtLeast(p(99)), Credit: p(10)},
			{Upper: contract.AtMost(p(99)), Lower: contract.AtLeast(p(0)), Credit: p(30)},
		}}, []string{"Tiers[1].Upper"}, pricing.ErrTierOrder},
		{"gap", contract.CreditSchedule{Tiers: []contract.CreditTier{
			{Upper: contract.Below(p(100)), Lower: contract.AtLeast(p(99)), Credit: p(10)},
			{Upper: contract.Below(p(98)), Lower: contract.AtLeast(p(0)), Credit: p(30)},
		}}, []string{"Tiers[1].Upper"}, contract.ErrTierGap},
		{"both exclusive", contract.CreditSchedule{Tiers: []contract.CreditTier{
			{Upper: contract.Below(p(100)), Lower: contract.Above(p(99)), Credit: p(10)},
			{Upper: contract.Below(p(99)), Lower: contract.AtLeast(p(0)), Credit: p(30)},
		}}, []string{"Tiers[1].Upper"}, contract.ErrTierGap},
		{"out of order", contract.CreditSchedule{Tiers: []contract.CreditTier{
			{Upper: contract.Below(p(99)), Lower: contract.AtLeast(p(0)), Credit: p(30)},
			{Upper: contract.Below(p(100)), Lower: contract.AtLeast(p(99)), Credit: p(10)},
		}}, []string{"Tiers[1].Upper", "Tiers[1].Credit", "Tiers[1].Lower"}, pricing.ErrTierOrder},
		{"bottom gap", contract.CreditSchedule{Tiers: []contract.CreditTier{
			{Upper: contract.Below(p(100)), Lower: contract.AtLeast(p(95)), Credit: p(10)},
		}}, []string{"Tiers[0].Lower"}, contract.ErrTierGap},
		{"empty tier", contract.CreditSchedule{Tiers: []contract.CreditTier{
			{Upper: contract.Below(p(90)), Lower: contract.AtLeast(p(95)), Credit: p(10)},
			{Upper: contract.Below(p(95)), Lower: contract.AtLeast(p(0)), Credit: p(10)},
		}}, []string{"Tiers[0]"}, pricing.ErrTierOrder},
		{"negative cap", func() contract.CreditSchedule {
			s := good
			s.Cap = contract.ShareOf(p(-5))
			return s
		}(), []string{"Cap"}, money.ErrRange},
		{"negative credit and level above 100%", contract.CreditSchedule{Tiers: []contract.CreditTier{
			{Upper: contract.Below(p(101)), Lower: contract.AtLeast(p(0)), Credit: p(-1)},
		}}, []string{"Tiers[0].Upper", "Tiers[0].Credit"}, money.ErrRange},
		{"minimum in another currency", func() contract.CreditSchedule {
			s := good
			s.Minimum = money.MustParseMoney("EUR 1.00")
			return s
		}(), []string{"Minimum"}, money.ErrCurrencyMismatch},
		{"negative claim", func() contract.CreditSchedule {
			s := good
			s.Claim.Days = -1
			return s
		}(), []string{"Claim.Days"}, money.ErrRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.schedule.Validate(money.USD)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			var fields []string
			for _, e := range unjoin(err) {
				var fe *availability.InputError
				require.ErrorAs(t, e, &fe)
				fields = append(fields, fieldOf(fe))
			}
			for _, f := range tt.fields {
				assert.Contains(t, fields, f)
			}
		})
	}
	for _, p := range contract.PublishedSchedules() {
		assert.NoError(t, p.Schedule.Validate(money.USD), p.Service)
	}
}

// unjoin returns the errors joined in err, or err alone; an
// *availability.InputError is one problem, not a join.
func unjoin(err error) []error {
	if _, one := err.(*availability.InputError); one {
		return []error{err}
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// fieldOf is the field of fe without the Go type it is reported under:
// "Tiers[2].Upper" of "CreditSchedule.Tiers[2].Upper".
func fieldOf(fe *availability.InputError) string {
	_, field, _ := strings.Cut(fe.Field, ".")
	return field
}

func TestAssessErrors(t *testing.T) {
	s := contract.AWSComputeRegion().Schedule
	_, err := s.Assess(time.Minute, time.Hour, money.MustParseMoney("USD -1.00"))
	assert.ErrorIs(t, err, money.ErrRange, "negative fee")
	_, err = s.Assess(time.Minute, time.Hour, money.MustParseMoney("EUR 100.00"))
	assert.ErrorIs(t, err, money.ErrCurrencyMismatch, "the minimum payout is in USD")
}

func TestCreditTierJSON(t *testing.T) {
	tiers := contract.AWSComputeRegion().Schedule.Tiers
	b, err := json.Marshal(tiers)
	require.NoError(t, err)
	assert.JSONEq(t, `[
		{"upper":"< 99.99%","lower":">= 99%","credit":"10%"},
		{"upper":"< 99%","lower":">= 95%","credit":"30%"},
		{"upper":"< 95%","lower":">= 0%","credit":"100%"}]`, string(b))
	var back []contract.CreditTier
	require.NoError(t, json.Unmarshal(b, &back))
	if d := cmp.Diff(tiers, back, cmp.Comparer(func(a, b money.Share) bool { return a == b })); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
	var one contract.CreditTier
	require.NoError(t, json.Unmarshal([]byte(`{"upper":"<=99.5%","lower":">98%","credit":"1/3"}`), &one))
	assert.Equal(t, contract.CreditTier{Upper: contract.AtMost(money.MustParseShare("99.5%")), Lower: contract.Above(money.Percent(98)), Credit: money.MustParseShare("1/3")}, one)
	for _, bad := range []string{
		`{"upper":">= 99%","lower":">= 95%","credit":"10%"}`, // a lower-bound operator on the upper end
		`{"upper":"< 99%","lower":"95%","credit":"10%"}`,     // no operator
		`{"upper":"< x%","lower":">= 95%","credit":"10%"}`,   // no level
	} {
		assert.ErrorIs(t, json.Unmarshal([]byte(bad), &one), money.ErrSyntax, bad)
	}
}

func TestAmountText(t *testing.T) {
	tests := []struct {
		text string
		want contract.Amount
	}{
		{"", contract.Amount{}},
		{"EUR 250.00", contract.FixedAmount(money.MustParseMoney("EUR 250.00"))},
		{"5%", contract.ShareOf(money.Percent(5))},
		{"1/3", contract.ShareOf(money.MustParseShare("1/3"))},
	}
	for _, tt := range tests {
		var a contract.Amount
		require.NoError(t, a.UnmarshalText([]byte(tt.text)), tt.text)
		assert.Equal(t, tt.want, a)
		b, err := a.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, tt.text, string(b))
	}
	var a contract.Amount
	assert.Error(t, a.UnmarshalText([]byte("EUR x")))
	assert.Error(t, a.UnmarshalText([]byte("five")))
	_, err := contract.FixedAmount(money.MustParseMoney("EUR 1.00")).Of(money.MustParseMoney("USD 1.00"), money.HalfEven)
	assert.True(t, errors.Is(err, money.ErrCurrencyMismatch))
}

func TestClaimDeadline(t *testing.T) {
	p, err := sla.CalendarMonth(2025, time.March, time.UTC)
	require.NoError(t, err)
	// AWS: by the end of the second billing cycle after March: the end of May.
	assert.Equal(t, time.Date(2025, time.June, 1, 0, 0, 0, 0, time.UTC), contract.Claim{Required: true, Cycles: 2}.Deadline(p))
	// Google: 30 days after the end of March.
	assert.Equal(t, time.Date(2025, time.May, 1, 0, 0, 0, 0, time.UTC), contract.Claim{Required: true, Days: 30}.Deadline(p))
	assert.True(t, contract.Claim{}.Deadline(p).IsZero())
}
