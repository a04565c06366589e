package availability_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/slacalc/slacalc/availability"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func webPair(t testing.TB) *availability.Model {
	t.Helper()
	var b availability.Builder
	b.Component("web1", availability.MustParse("99%")).
		Component("web2", availability.MustParse("99%")).
		Group("web", availability.RequireAny, "web1", "web2").
		Component("db", availability.MustParse("99.9%")).
		Group("shop", availability.RequireAll, "web", "db")
	m, err := b.Build()
	require.NoError(t, err)
	return m
}

// TestCommonCauseBetaFactor checks the beta-factor group against the
// closed form: q = 0.01, β = 0.1, so the common event has q_c = 0.001 and
// each server fails independently with q_i = (0.01 − 0.001)/0.999; the
// pair is down with q_c + (1 − q_c)·q_i² = 0.001 + 0.000081/0.999 =
// 0.001081081081… Each server's own unavailability stays 0.01 exactly.
func TestCommonCauseBetaFactor(t *testing.T) {
	ctx := context.Background()
	m, err := webPair(t).WithCommonCause(availability.CommonCause{Name: "zone", Beta: 0.1, Members: []string{"web1", "web2"}})
	require.NoError(t, err)
	pair, err := m.Evaluate(ctx, "web", availability.Independent)
	require.NoError(t, err)
	assert.InDelta(t, 0.001+0.000081/0.999, pair.Unavailability(), 1e-17)
	one, err := m.Evaluate(ctx, "web1", availability.Independent)
	require.NoError(t, err)
	assert.InDelta(t, 0.01, one.Unavailability(), 1e-17)

	// β = 0 is independence (q² = 0.0001); β = 1 is one failure for both (q).
	for _, tt := range []struct{ beta, want float64 }{{0, 0.0001}, {1, 0.01}} {
		m, err := webPair(t).WithCommonCause(availability.CommonCause{Name: "zone", Beta: tt.beta, Members: []string{"web1", "web2"}})
		require.NoError(t, err)
		pair, err := m.Evaluate(ctx, "web", availability.Independent)
		require.NoError(t, err)
		assert.InDelta(t, tt.want, pair.Unavailability(), 1e-17, "beta %g", tt.beta)
	}
	// The sensitivity is monotone, and stays between independence and the worst case.
	prev := 0.0
	wc, err := webPair(t).Evaluate(ctx, "shop", availability.WorstCase)
	require.NoError(t, err)
	for _, beta := range []float64{0, 0.01, 0.05, 0.1, 0.2, 0.5, 1} {
		m, err := webPair(t).WithCommonCause(availability.CommonCause{Name: "zone", Beta: beta, Members: []string{"web1", "web2"}})
		require.NoError(t, err)
		shop, err := m.Evaluate(ctx, "shop", availability.Independent)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, shop.Unavailability(), prev)
		assert.LessOrEqual(t, shop.Unavailability(), wc.Unavailability()+1e-15)
		prev = shop.Unavailability()
	}
}

func TestCommonCauseErrors(t *testing.T) {
	_, err := webPair(t).WithCommonCause(
		availability.CommonCause{Name: "a", Beta: 1.5, Members: []string{"web1", "web2"}},
		availability.CommonCause{Name: "b", Beta: 0.1, Members: []string{"web1"}},
		availability.CommonCause{Name: "c", Beta: 0.1, Members: []string{"web1", "db"}},
		availability.CommonCause{Name: "d", Beta: 0.1, Members: []string{"web", "ghost"}},
	)
	require.Error(t, err)
	assert.ErrorIs(t, err, availability.ErrCommonCause)
	assert.ErrorIs(t, err, availability.ErrUnknownNode)
	for _, want := range []string{"groups[0].beta: 1.5 is outside [0, 1]", "groups[1].members: 1 are fewer than two",
		`groups[2].members[1]: "db" has another availability`, `groups[3].members[0]: "web" is not a leaf component`, `"ghost"`} {
		assert.Contains(t, err.Error(), want)
	}
}

func ExampleModel_WithCommonCause() {
	var b availability.Builder
	b.Component("web1", availability.MustParse("99%")).
		Component("web2", availability.MustParse("99%")).
		Group("web", availability.RequireAny, "web1", "web2")
	m, _ := b.Build()
	for _, beta := range []float64{0, 0.05, 0.1} {
		shared, _ := m.WithCommonCause(availability.CommonCause{Name: "zone", Beta: beta, Members: []string{"web1", "web2"}})
		a, _ := shared.Evaluate(context.Background(), "web", availability.Independent)
		fmt.Printf("beta %3.0f%%: %v\n", 100*beta, a)
	}
	// By hand: q_c = βq and the pair is down with q_c + (q − q_c)²/(1 − q_c):
	// 0.0001; 0.0005 + 0.00009025/0.9995 = 0.00059029515; 0.001081081081.
	// Output:
	// beta   0%: 99.99%
	// beta   5%: 99.9409704852426%
	// beta  10%: 99.891891891892%
}
