package pricing_test

import (
	"context"
	"testing"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"
	"github.com/stretchr/testify/assert"
)

// TestCompareCancelled checks that a cancelled context stops Compare and
// BreakEven with the context's error, before any result.
func TestCompareCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := pricing.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: availability.LogNormal(2, 1)}
	bf := pricing.BreakFix{Rate: pricing.HourlyRate{Rate: money.MustParseMoney("EUR 120.00"), Increment: 15 * time.Minute}}
	fixed := pricing.FixedPrice{Price: money.MustParseMoney("EUR 300.00")}
	c, err := pricing.Compare(ctx, p, []pricing.Plan{bf, fixed}, pricing.CompareOptions{})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, c)
	sub := pricing.Subscription{Fee: money.MustParseMoney("EUR 100.00"), Overage: pricing.HourlyRate{Rate: money.MustParseMoney("EUR 90.00"), Increment: 15 * time.Minute}}
	_, err = pricing.BreakEven(ctx, p, bf, sub, pricing.CompareOptions{})
	assert.ErrorIs(t, err, context.Canceled)
}
