package proposaltest_test

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/proposal"
	"github.com/slacalc/slacalc/contract/proposal/proposaltest"
	"github.com/slacalc/slacalc/sla"
)

// recorder is a fake testing.TB that records Errorf and Fatalf; Fatalf ends
// the goroutine as the real one does.
type recorder struct {
	testing.TB // nil: calling anything not overridden panics
	mu         sync.Mutex
	errors     []string
	fatal      bool
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
	r.fatal = true
	r.mu.Unlock()
	runtime.Goexit()
}

// run calls f with r in its own goroutine, so that Fatalf can end it.
func (r *recorder) run(f func(testing.TB)) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
}

// shop is a web shop offered at target: two web servers of 99.5% of which
// one suffices, a database of 99.95% and a network of 99.98%.
func shop(t testing.TB, target string) *proposal.Proposal {
	pct := availability.MustParse
	m, err := new(availability.Builder).
		Component("network", pct("99.98%")).
		Component("web1", pct("99.5%")).Component("web2", pct("99.5%")).
		Group("web", availability.RequireAny, "web1", "web2").
		Component("db", pct("99.95%")).
		Group("shop", availability.RequireAll, "network", "web", "db").
		Build()
	require.NoError(t, err)
	return &proposal.Proposal{
		Name: "shop", Service: "shop", Model: m,
		Offer: contract.Terms{
			Effective: time.Date(2027, time.January, 1, 0, 0, 0, 0, time.UTC),
			Fee:       money.MustParseMoney("EUR 1000.00"),
			Objective: sla.Objective{Target: pct(target), Period: sla.Month},
			Credits: contract.CreditSchedule{Tiers: []contract.CreditTier{
				{Upper: contract.Below(money.MustParseShare(target)), Lower: contract.AtLeast(money.Percent(0)), Credit: money.Percent(10)},
			}},
		},
		Simulation: proposal.SimulationSettings{Years: 50, Seed: 1},
	}
}

func TestCheckOffer(t *testing.T) {
	tests := []struct {
		name   string
		target string
		opts   proposaltest.Requirements
		want   []string // fragments of the one failure, or none
		reason string
	}{
		{"independent covered", "99.9%", proposaltest.Requirements{}, nil,
			// U = 0.0002 + 0.005² + 0.0005 − … ≈ 0.000725 < 0.001
			"99.9275% under independence"},
		{"worst case not covered", "99.9%", proposaltest.Requirements{Assumption: availability.WorstCase},
			[]string{
				`proposal "shop": offer 99.9% per 30-day month is not covered under worst-case: composite 99.43%`,
				// U = 0.0002 + 0.005 + 0.0005 = 0.0057 → 4h6m14s of 720h; budget 0.001 × 720h.
				"budget 43m12s per 30-day month, design uses 4h6m14s: 3h23m2s over",
				"web1       3h36m0s   88%  alone over budget", "db         21m36s    9%",
			}, "redundancy guarantees nothing in the worst case"},
		{"independent not covered", "99.95%", proposaltest.Requirements{},
			[]string{"not covered under independent", "db         21m36s"}, "the database alone uses the whole budget"},
		{"credit too high", "99.9%", proposaltest.Requirements{MaxCreditPerYear: money.MustParseMoney("EUR 1.00")},
			[]string{"expected credit", "is above the limit EUR 1.00", "of months"}, "about one month in five earns a credit"},
		{"credit fine", "99.9%", proposaltest.Requirements{MaxCreditPerYear: money.MustParseMoney("EUR 12000.00")}, nil,
			"at most 10% of every month's fee"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{}
			var ok bool
			r.run(func(tb testing.TB) { ok = proposaltest.CheckOffer(tb, shop(t, tt.target), tt.opts) })
			assert.Equal(t, len(tt.want) == 0, ok, tt.reason)
			if len(tt.want) == 0 {
				assert.Empty(t, r.errors, tt.reason)
				return
			}
			require.Len(t, r.errors, 1, tt.reason)
			for _, w := range tt.want {
				assert.Contains(t, r.errors[0], w, tt.reason)
			}
			assert.False(t, r.fatal)
		})
	}
}

func TestRequireOfferStops(t *testing.T) {
	r := &recorder{}
	after := false
	r.run(func(tb testing.TB) {
		proposaltest.RequireOffer(tb, shop(t, "99.9%"), proposaltest.Requirements{Assumption: availability.WorstCase})
		after = true
	})
	assert.True(t, r.fatal)
	assert.False(t, after, "RequireOffer stops the test")
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "not covered under worst-case")
}

func TestCheckInvalid(t *testing.T) {
	r := &recorder{}
	p := shop(t, "99.9%")
	p.Service = "nope"
	r.run(func(tb testing.TB) { proposaltest.CheckOffer(tb, p, proposaltest.Requirements{}) })
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], `service: "nope" is not a node of the graph`)
}

func TestLoadReportsEveryProblem(t *testing.T) {
	r := &recorder{}
	r.run(func(tb testing.TB) { proposaltest.Load(tb, "testdata/missing.json") })
	assert.True(t, r.fatal)
	require.Len(t, r.errors, 1)
	assert.True(t, strings.HasPrefix(r.errors[0], "proposal testdata/missing.json: "), r.errors[0])
}

func TestSuppliersCover(t *testing.T) {
	p := proposaltest.Load(t, "testdata/offer.json")
	assert.True(t, proposaltest.CheckOffer(t, p, proposaltest.Requirements{SuppliersCover: true}))
	r0 := &recorder{}
	r0.run(func(tb testing.TB) { proposaltest.CheckOffer(tb, p, proposaltest.Requirements{ResponsesFit: true}) })
	require.Len(t, r0.errors, 1)
	// Ours: 1 business hour, Mon–Fri 08:00–18:00 Amsterdam; NetCo's 2 business
	// hours in the same calendar are always one business hour later than ours
	// (a ticket at Friday 17:00 is due to us at 18:00 and from NetCo on Monday
	// 09:00: 63 wall-clock hours, but one hour of our business time).
	assert.Contains(t, r0.errors[0], "NetCo P1 response: their 2 business hours can end after our 1 business hour: least slack -1h0m0s of our business time")
	// NetCo at 99.9% no longer covers the network in the worst case: lb,
	// the web pair (its better part) and db at AppHost's 99.99% use
	// 3 × 0.0001 of the offer's 0.001, leaving 0.0007 (99.93%) for the
	// network; all together 0.0013, 99.87%.
	p.Suppliers[1].Terms.Objective.Target = availability.MustParse("99.9%")
	r := &recorder{}
	r.run(func(tb testing.TB) { proposaltest.CheckOffer(tb, p, proposaltest.Requirements{SuppliersCover: true}) })
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "NetCo (network) promises 99.9%; the worst case needs 99.93%")
	assert.Contains(t, r.errors[0], "reaches 99.87% in the worst case")
}
