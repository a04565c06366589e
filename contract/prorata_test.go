package contract_test

import (
	"encoding/json"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
)

// dutchRule is "5% of the monthly fee per 0.1% below the 99.5% target, at
// most 50%".
func dutchRule(c contract.StepCounting) contract.ProRata {
	return contract.ProRata{Target: money.MustParseShare("99.5%"), Step: money.MustParseShare("0.1%"),
		Credit: money.Percent(5), Max: money.Percent(50), Counting: c}
}

// Service time of a 30-day month, 7×24: 720 h = 43,200 min. The 99.5%
// budget is 0.5% of it, 216 min; one step of 0.1% is 43.2 min = 43m12s;
// ten steps (50%) are 432 min, so the cap is reached at 216 + 432 = 648
// min down and passed one nanosecond later.
const (
	month30  = 720 * time.Hour
	budget   = 216 * time.Minute
	oneStep  = 43*time.Minute + 12*time.Second
	tenSteps = 432 * time.Minute
)

// TestProRataBoundaries checks the steps and the credit on EUR 10,000.00 at
// every boundary, by hand (steps) and with math/big (the shortfall as
// T − (S − D)/S, divided by the step and rounded up or down).
func TestProRataBoundaries(t *testing.T) {
	fee := money.MustParseMoney("EUR 10000.00")
	for _, tc := range []struct {
		reason   string
		down     time.Duration
		counting contract.StepCounting
		steps    int64
		credit   string
	}{
		{"at the target: no step", budget, contract.PerStartedStep, 0, "EUR 0.00"},
		{"at the target, whole steps", budget, contract.PerWholeStep, 0, "EUR 0.00"},
		{"1 ns below the target starts a step", budget + 1, contract.PerStartedStep, 1, "EUR 500.00"},
		{"1 ns below the target is no whole step", budget + 1, contract.PerWholeStep, 0, "EUR 0.00"},
		{"exactly one step below", budget + oneStep, contract.PerStartedStep, 1, "EUR 500.00"},
		{"exactly one whole step below", budget + oneStep, contract.PerWholeStep, 1, "EUR 500.00"},
		{"1 ns past one step starts the second", budget + oneStep + 1, contract.PerStartedStep, 2, "EUR 1000.00"},
		{"1 ns past one step is still one whole step", budget + oneStep + 1, contract.PerWholeStep, 1, "EUR 500.00"},
		{"three steps: 0.3% below, 15%", budget + 3*oneStep, contract.PerStartedStep, 3, "EUR 1500.00"},
		{"ten steps reach the maximum 50%", budget + tenSteps, contract.PerStartedStep, 10, "EUR 5000.00"},
		{"just past the maximum: 11 × 5% = 55%, at most 50%", budget + tenSteps + 1, contract.PerStartedStep, 11, "EUR 5000.00"},
		{"just past the maximum, whole steps: still 10", budget + tenSteps + 1, contract.PerWholeStep, 10, "EUR 5000.00"},
		{"all down: 99.5% / 0.1% = 995 steps, at most 50%", month30, contract.PerStartedStep, 995, "EUR 5000.00"},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			rule := dutchRule(tc.counting)
			steps, _ := rule.Steps(tc.down, month30)
			assert.Equal(t, tc.steps, steps.Int64(), "hand")
			assert.Equal(t, bigSteps(tc.down, month30, tc.counting), steps.Int64(), "math/big")
			c, err := contract.CreditSchedule{ProRata: rule}.Assess(tc.down, month30, fee)
			require.NoError(t, err)
			assert.Equal(t, tc.credit, c.Amount.String())
			assert.Equal(t, tc.steps, c.Steps)
			assert.Equal(t, -1, c.Tier)
		})
	}
}

// bigSteps is the step count computed independently with big.Rat.
func bigSteps(down, service time.Duration, c contract.StepCounting) int64 {
	a := new(big.Rat).SetFrac64(int64(service-down), int64(service))
	short := new(big.Rat).Sub(big.NewRat(995, 1000), a)
	if short.Sign() <= 0 {
		return 0
	}
	q := new(big.Rat).Quo(short, big.NewRat(1, 1000))
	n := new(big.Int).Quo(q.Num(), q.Denom())
	if c == contract.PerStartedStep && !q.IsInt() {
		n.Add(n, big.NewInt(1))
	}
	return n.Int64()
}

// TestProRataReason checks the one line a statement shows for the rule:
// 345m36s down of 720 h is 99.2%, exactly 0.3% below 99.5%.
func TestProRataReason(t *testing.T) {
	fee := money.MustParseMoney("EUR 10000.00")
	c, err := contract.CreditSchedule{ProRata: dutchRule(contract.PerStartedStep)}.Assess(budget+3*oneStep, month30, fee)
	require.NoError(t, err)
	assert.Equal(t, "measured 99.2% (5h45m36s down of 720h0m0s) is 0.3% below the target 99.5%: 3 started steps of 0.1% × 5% = 15% of EUR 10000.00 = EUR 1500.00", c.Reason)

	// 1 ns past ten steps: the shortfall 1% + 1 ns / 720 h is shown
	// truncated to four decimals.
	c, err = contract.CreditSchedule{ProRata: dutchRule(contract.PerStartedStep)}.Assess(budget+tenSteps+1, month30, fee)
	require.NoError(t, err)
	assert.Equal(t, "measured 98.4999% (10h48m0.000000001s down of 720h0m0s) is 1.0000…% below the target 99.5%: 11 started steps of 0.1% × 5% = 55%, at most 50% = 50% of EUR 10000.00 = EUR 5000.00", c.Reason)

	c, err = contract.CreditSchedule{ProRata: dutchRule(contract.PerWholeStep)}.Assess(budget+1, month30, fee)
	require.NoError(t, err)
	assert.Contains(t, c.Reason, "less than one whole step of 0.1%")
}

// TestDowntimeRateBoundaries checks "EUR 100.00 per started hour beyond the
// 99.5% budget, at most EUR 500.00" on a 720-hour month, whose budget is
// 0.5% × 720 h = 3h36m, at each boundary by hand.
func TestDowntimeRateBoundaries(t *testing.T) {
	fee := money.MustParseMoney("EUR 10000.00")
	rate := func(c contract.StepCounting) contract.DowntimeRate {
		return contract.DowntimeRate{Target: money.MustParseShare("99.5%"), Per: time.Hour,
			Amount: money.MustParseMoney("EUR 100.00"), Max: money.MustParseMoney("EUR 500.00"), Counting: c}
	}
	b := 3*time.Hour + 36*time.Minute
	for _, tc := range []struct {
		reason   string
		down     time.Duration
		counting contract.StepCounting
		units    int64
		amount   string
	}{
		{"within the budget", b, contract.PerStartedStep, 0, "EUR 0.00"},
		{"1 ns beyond starts an hour", b + 1, contract.PerStartedStep, 1, "EUR 100.00"},
		{"1 ns beyond is no whole hour", b + 1, contract.PerWholeStep, 0, "EUR 0.00"},
		{"exactly one hour beyond", b + time.Hour, contract.PerWholeStep, 1, "EUR 100.00"},
		{"1 ns past one hour starts the second", b + time.Hour + 1, contract.PerStartedStep, 2, "EUR 200.00"},
		{"five hours reach the maximum", b + 5*time.Hour, contract.PerStartedStep, 5, "EUR 500.00"},
		{"just past the maximum: 6 × EUR 100, at most EUR 500", b + 5*time.Hour + 1, contract.PerStartedStep, 6, "EUR 500.00"},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			c, err := contract.CreditSchedule{PerDowntime: rate(tc.counting)}.Assess(tc.down, month30, fee)
			require.NoError(t, err)
			assert.Equal(t, tc.units, c.Units)
			assert.Equal(t, tc.amount, c.Amount.String())
		})
	}
	c, err := contract.CreditSchedule{PerDowntime: rate(contract.PerStartedStep)}.Assess(b+90*time.Minute, month30, fee)
	require.NoError(t, err)
	assert.Equal(t, "measured 99.2916% (5h6m0s down of 720h0m0s); 5h6m0s down is 1h30m0s beyond the budget of 3h36m0s (99.5%): 2 started 1h0m0s × EUR 100.00 = EUR 200.00", c.Reason)
}

// TestTiersStillWork checks that a tiered schedule with a downtime rate
// adds both parts: 99.2% on the AWS-like tiers below earns 10% of EUR
// 10,000.00 = EUR 1,000.00, and 5h45m36s is 2h9m36s beyond the 99.5%
// budget of 3h36m: 3 started hours × EUR 100.00 = EUR 300.00.
func TestTiersStillWork(t *testing.T) {
	s := contract.CreditSchedule{
		Tiers: []contract.CreditTier{
			{Upper: contract.Below(money.MustParseShare("99.5%")), Lower: contract.AtLeast(money.Percent(99)), Credit: money.Percent(10)},
			{Upper: contract.Below(money.Percent(99)), Lower: contract.AtLeast(money.Percent(0)), Credit: money.Percent(30)},
		},
		PerDowntime: contract.DowntimeRate{Target: money.MustParseShare("99.5%"), Per: time.Hour, Amount: money.MustParseMoney("EUR 100.00")},
	}
	c, err := s.Assess(budget+3*oneStep, month30, money.MustParseMoney("EUR 10000.00"))
	require.NoError(t, err)
	assert.Equal(t, 0, c.Tier)
	assert.Equal(t, int64(3), c.Units)
	assert.Equal(t, "EUR 1300.00", c.Amount.String())
}

// TestProRataValidate reports tiers with a rule and every bad field at once.
func TestProRataValidate(t *testing.T) {
	s := contract.CreditSchedule{
		Tiers:       []contract.CreditTier{{Upper: contract.Below(money.Percent(99)), Lower: contract.AtLeast(money.Percent(0)), Credit: money.Percent(10)}},
		ProRata:     contract.ProRata{Target: money.Percent(101), Credit: money.Percent(-1)},
		PerDowntime: contract.DowntimeRate{Target: money.Percent(99), Amount: money.MustParseMoney("USD 1.00")},
	}
	err := s.Validate("EUR")
	require.Error(t, err)
	for _, want := range []string{"CreditSchedule.ProRata", "ProRata.Target", "ProRata.Step", "ProRata.Credit", "PerDowntime.Per", "PerDowntime.Amount"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.ErrorIs(t, err, money.ErrRange)
	assert.ErrorIs(t, err, money.ErrCurrencyMismatch)
}

// TestProRataJSON round-trips the rules and rejects unknown keys with the
// nearest known one.
func TestProRataJSON(t *testing.T) {
	s := contract.CreditSchedule{
		ProRata:     dutchRule(contract.PerWholeStep),
		PerDowntime: contract.DowntimeRate{Target: money.MustParseShare("99.5%"), Per: 30 * time.Minute, Amount: money.MustParseMoney("EUR 50.00"), Max: money.MustParseMoney("EUR 400.00")},
	}
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"proRata":{"target":"99.5%","step":"0.1%","credit":"5%","max":"50%","count":"whole"},
		"perDowntime":{"target":"99.5%","per":"30m0s","amount":"EUR 50.00","max":"EUR 400.00","count":"started"}}`, string(b))
	var back contract.CreditSchedule
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, s, back)

	for _, tc := range []struct{ doc, want string }{
		{`{"proRata":{"target":"99.5%","stepp":"0.1%"}}`, `did you mean "step"`},
		{`{"perDowntime":{"per":"1h","amont":"EUR 1.00"}}`, `did you mean "amount"`},
		{`{"proRate":{}}`, `did you mean "proRata"`},
		{`{"proRata":{"count":"partial"}}`, `"started" or "whole"`},
		{`{"perDowntime":{"target":"99%","per":"1 hour","amount":"EUR 1.00"}}`, "is not a Go duration"},
	} {
		err := json.Unmarshal([]byte(tc.doc), &back)
		require.Error(t, err, tc.doc)
		assert.Contains(t, err.Error(), tc.want, tc.doc)
	}
}

// TestProRataRandom cross-checks ProRata.Steps and DowntimeRate.Beyond
// with big.Rat arithmetic written out independently, on seeded random
// targets, steps, downtimes and service times.
func TestProRataRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2026))
	n := 2000
	if testing.Short() {
		n = 200
	}
	for range n {
		service := time.Duration(1 + rng.Int64N(int64(366*24*time.Hour)))
		down := time.Duration(rng.Int64N(int64(service) + 1))
		target, _ := money.Ratio(9000+rng.Int64N(1001), 10000)
		step, _ := money.Ratio(1+rng.Int64N(100), 10000)
		counting := contract.StepCounting(rng.IntN(2))

		// steps = (T − (S − D)/S) / step, rounded as counted, 0 if ≤ 0.
		short := new(big.Rat).Sub(target.Rat(), new(big.Rat).SetFrac64(int64(service-down), int64(service)))
		want := ratCount(new(big.Rat).Quo(short, step.Rat()), counting)
		got, _ := contract.ProRata{Target: target, Step: step, Credit: money.Percent(1), Counting: counting}.Steps(down, service)
		require.Equal(t, want, got.Int64(), "steps of %v/%v below %v by %v", down, service, target, step)

		// units = (D − (1 − T)·S) / per, rounded as counted, 0 if ≤ 0.
		per := time.Duration(1 + rng.Int64N(int64(2*time.Hour)))
		budget := new(big.Rat).Mul(new(big.Rat).Sub(big.NewRat(1, 1), target.Rat()), new(big.Rat).SetInt64(int64(service)))
		beyond := new(big.Rat).Sub(new(big.Rat).SetInt64(int64(down)), budget)
		want = ratCount(new(big.Rat).Quo(beyond, new(big.Rat).SetInt64(int64(per))), counting)
		units, _ := contract.DowntimeRate{Target: target, Per: per, Counting: counting}.Beyond(down, service)
		require.Equal(t, want, units.Int64(), "units of %v/%v beyond %v per %v", down, service, target, per)
	}
}

// ratCount rounds a non-negative r up (started) or down (whole); a
// negative r is 0.
func ratCount(r *big.Rat, c contract.StepCounting) int64 {
	if r.Sign() <= 0 {
		return 0
	}
	n := new(big.Int).Quo(r.Num(), r.Denom())
	if c == contract.PerStartedStep && !r.IsInt() {
		n.Add(n, big.NewInt(1))
	}
	return n.Int64()
}

// FuzzCreditScheduleJSON checks that every schedule document that decodes
// encodes to a document that decodes to the same schedule.
func FuzzCreditScheduleJSON(f *testing.F) {
	f.Add([]byte(`{"proRata":{"target":"99.5%","step":"0.1%","credit":"5%","max":"50%","count":"started"}}`))
	f.Add([]byte(`{"perDowntime":{"target":"99.9%","per":"1h0m0s","amount":"EUR 250.00","max":"EUR 2000.00","count":"whole"}}`))
	f.Add([]byte(`{"tiers":[{"upper":"< 99.9%","lower":">= 0%","credit":"10%"}],"cap":"20%"}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		var s contract.CreditSchedule
		if json.Unmarshal(doc, &s) != nil {
			return
		}
		b, err := json.Marshal(s)
		if err != nil {
			return // e.g. an undeclared rounding mode: refused on the way out
		}
		var back contract.CreditSchedule
		require.NoError(t, json.Unmarshal(b, &back), "%s", b)
		b2, err := json.Marshal(back)
		require.NoError(t, err)
		require.Equal(t, string(b), string(b2))
	})
}
