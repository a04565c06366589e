package contract_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/sla"
)

// simpleTerms returns monthly terms with the fee, target and tiers (each
// "upper, lower, credit", the last reaching 0%), and support targets for
// P1 in the calendar.
func simpleTerms(t testing.TB, fee, target string, cal sla.Calendar, respond, resolve sla.Target, tiers ...[3]string) contract.Terms {
	t.Helper()
	var ts []contract.CreditTier
	for _, tr := range tiers {
		ts = append(ts, contract.CreditTier{Upper: contract.Below(money.MustParseShare(tr[0])), Lower: contract.AtLeast(money.MustParseShare(tr[1])), Credit: money.MustParseShare(tr[2])})
	}
	return contract.Terms{
		Name:      target + " terms",
		Effective: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		Fee:       money.MustParseMoney(fee),
		Objective: sla.Objective{Target: availability.MustParse(target), Period: sla.Month},
		Credits:   contract.CreditSchedule{Tiers: ts},
		Support:   contract.Support{Calendar: cal, Priorities: []contract.PriorityTerms{{Priority: "P1", Respond: respond, Resolve: resolve}}},
	}
}

// resellerChain is DOMAIN.md's problem 1 as a supply chain: we sell "shop",
// which needs "app" (hosted by a supplier at 99%) and "network" (another
// supplier at 99.6%), promising 99.5% for EUR 20,000.00 a month.
//
//   - ours: < 99.5% and ≥ 99% → 10%; < 99% and ≥ 95% → 25%; < 95% → 50%;
//     P1 respond 1 business hour, resolve 4, Mon–Fri 09:00–17:00 UTC;
//   - app: EUR 6,000.00; < 99% and ≥ 95% → 10%; < 95% → 25%; P1 respond
//     30 minutes, resolve 4 business hours, in the same office hours;
//   - network: EUR 2,000.00; < 99.6% and ≥ 99% → 10%; < 99% → 25%; P1
//     respond 2 hours, resolve 8 hours, around the clock.
func resellerChain(t testing.TB, promise string) contract.SupplyChain {
	t.Helper()
	office, err := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.Clock(17, 0))
	require.NoError(t, err)
	model, err := new(availability.Builder).
		Component("app", availability.MustParse("99.9%")).
		Component("network", availability.MustParse("99.9%")).
		Group("shop", availability.RequireAll, "app", "network").
		Build()
	require.NoError(t, err)
	tiers := [][3]string{{promise, "99%", "10%"}, {"99%", "95%", "25%"}, {"95%", "0%", "50%"}}
	if money.MustParseShare(promise).Rat().Cmp(money.Percent(99).Rat()) <= 0 {
		tiers = [][3]string{{promise, "95%", "25%"}, {"95%", "0%", "50%"}} // a promise at or below 99%
	}
	return contract.SupplyChain{
		Terms:   simpleTerms(t, "EUR 20000.00", promise, office, sla.BusinessHours(1), sla.BusinessHours(4), tiers...),
		Model:   model,
		Service: "shop",
		Suppliers: []contract.Supplier{
			{Name: "AppHost", Components: []string{"app"}, Terms: simpleTerms(t, "EUR 6000.00", "99%", office,
				sla.Target{Business: 30 * time.Minute}, sla.BusinessHours(4), [3]string{"99%", "95%", "10%"}, [3]string{"95%", "0%", "25%"})},
			{Name: "NetCo", Components: []string{"network"}, Terms: simpleTerms(t, "EUR 2000.00", "99.6%", sla.Calendar{},
				sla.BusinessHours(2), sla.BusinessHours(8), [3]string{"99.6%", "99%", "10%"}, [3]string{"99%", "0%", "25%"})},
		},
	}
}

var week = time.Date(2025, time.June, 2, 0, 0, 0, 0, time.UTC) // a Monday

func TestCoverage(t *testing.T) {
	tests := []struct {
		promise            string
		independent, wc    string
		coveredI, coveredW bool
		reason             string
	}{
		// DOMAIN.md problem 1: 0.99 × 0.996 = 0.98604; 1 − (0.01 + 0.004) = 0.986.
		{"99.5%", "98.604%", "98.6%", false, false, "both below 99.5%"},
		{"98.5%", "98.604%", "98.6%", true, true, "both above 98.5%"},
		{"98.6%", "98.604%", "98.6%", true, true, "the worst case exactly meets 98.6%"},
		{"98.602%", "98.604%", "98.6%", true, false, "only the independent estimate covers it"},
	}
	for _, tt := range tests {
		t.Run(tt.promise, func(t *testing.T) {
			cov, err := resellerChain(t, tt.promise).Coverage(context.Background(), week)
			require.NoError(t, err)
			assert.Equal(t, tt.independent, cov.Independent.String())
			assert.Equal(t, tt.wc, cov.WorstCase.String())
			assert.Equal(t, tt.coveredI, cov.CoveredIndependent, tt.reason)
			assert.Equal(t, tt.coveredW, cov.CoveredWorstCase, tt.reason)
		})
	}
}

func TestCoverageAllocations(t *testing.T) {
	cov, err := resellerChain(t, "99.5%").Coverage(context.Background(), week)
	require.NoError(t, err)
	require.Len(t, cov.Allocations, 2)
	app, network := cov.Allocations[0], cov.Allocations[1]
	// app × 0.996 ≥ 0.995 ⇔ app ≥ 0.995/0.996; its unavailability is
	// 0.001/0.996 = 0.00100401606…, so app ≥ 99.899598394%.
	assert.True(t, app.Reachable)
	assert.InDelta(t, 0.001/0.996, app.Required.Unavailability(), 1e-15)
	assert.False(t, app.Covered, "99% < 99.8996%")
	// network ≥ 0.995/0.99 > 1: out of reach.
	assert.False(t, network.Reachable)
	assert.False(t, network.Covered)
}

func TestCoverageResponses(t *testing.T) {
	cov, err := resellerChain(t, "99.5%").Coverage(context.Background(), week)
	require.NoError(t, err)
	type fit struct {
		Supplier, Target string
		Fits             bool
		Slack            time.Duration
	}
	var got []fit
	for _, r := range cov.Responses {
		got = append(got, fit{r.Supplier, r.Target, r.Fits, r.Slack})
		assert.NotEmpty(t, r.Reason)
	}
	want := []fit{
		// Same office hours, 30 min against 1 business hour: 30 min to spare at every opening.
		{"AppHost", "response", true, 30 * time.Minute},
		// Same office hours, same 4 business hours: due at the same instant.
		{"AppHost", "resolution", true, 0},
		// 2 hours around the clock against 1 business hour: Mon 09:00 → ours 10:00, theirs 11:00.
		{"NetCo", "response", false, -time.Hour},
		// 8 hours around the clock against 4 business hours: Mon 09:00 → ours 13:00, theirs 17:00.
		{"NetCo", "resolution", false, -4 * time.Hour},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("response fits (-want +got):\n%s", d)
	}
}

func TestSupplyChainValidate(t *testing.T) {
	c := resellerChain(t, "99.5%")
	c.Suppliers[0].Components = []string{"app", "database", "shop"}
	c.Suppliers[1].Components = []string{"network", "app"}
	c.Suppliers[1].Terms.Fee = money.MustParseMoney("USD 2000.00")
	c.Suppliers[1].Terms.Credits.Cap = contract.ShareOf(money.Percent(-1))
	err := c.Validate()
	require.Error(t, err)
	got := map[string]error{}
	for _, e := range unjoin(err) {
		var fe *availability.InputError
		require.ErrorAs(t, e, &fe)
		typ, field, _ := strings.Cut(fe.Field, ".")
		assert.Equal(t, "SupplyChain", typ)
		got[field] = fe.Err
	}
	assert.Equal(t, map[string]error{
		"Suppliers[0].Components[1]":     contract.ErrUnknownComponent, // "database" is not in the graph
		"Suppliers[0].Components[2]":     contract.ErrUnknownComponent, // "shop" is a group
		"Suppliers[1].Components[1]":     money.ErrRange,               // "app" is AppHost's
		"Suppliers[1].Terms.Fee":         money.ErrCurrencyMismatch,
		"Suppliers[1].Terms.Credits.Cap": money.ErrRange,
	}, got)

	c = resellerChain(t, "99.5%")
	c.Service = "checkout"
	assert.ErrorIs(t, c.Validate(), contract.ErrUnknownComponent)
	c.Model = nil
	assert.ErrorIs(t, c.Validate(), contract.ErrUnknownComponent)
}

// TestExposure computes a bad June by hand (720 hours):
//
//   - A1 app 3 June 00:00–10:00 (10 h); N1 network 10 June 00:00–04:00 (4 h);
//     A2 app 20 June 00:00–02:00 and N2 network 01:00–03:00 overlapping.
//   - Our service is down 10 + 4 + 3 = 17 h: 1 − 17/720 = 97.6389%, the 25%
//     tier: 25% × 20,000.00 = 5,000.00 owed.
//   - AppHost: 12 h, 1 − 12/720 = 98.3333%, < 99% and ≥ 95%: 10% × 6,000.00 = 600.00.
//   - NetCo: 6 h, 1 − 6/720 = 99.1667%, < 99.6% and ≥ 99%: 10% × 2,000.00 = 200.00.
//   - Recovered 800.00; net 800.00 − 5,000.00 = −4,200.00.
func TestExposure(t *testing.T) {
	c := resellerChain(t, "99.5%")
	p := june2025(t)
	r := contract.PeriodRecords{Period: p, Outages: []sla.Outage{
		{ID: "A1", Scope: "app", Start: utc(2025, 6, 3, 0, 0), End: utc(2025, 6, 3, 10, 0)},
		{ID: "N1", Scope: "network", Start: utc(2025, 6, 10, 0, 0), End: utc(2025, 6, 10, 4, 0)},
		{ID: "A2", Scope: "app", Start: utc(2025, 6, 20, 0, 0), End: utc(2025, 6, 20, 2, 0)},
		{ID: "N2", Scope: "network", Start: utc(2025, 6, 20, 1, 0), End: utc(2025, 6, 20, 3, 0)},
	}}
	ex, err := c.Exposure(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, 17*time.Hour, ex.Ours.Measurement.Downtime)
	assert.Equal(t, "EUR 5000.00", ex.Owed.String())
	require.Len(t, ex.Suppliers, 2)
	assert.Equal(t, 12*time.Hour, ex.Suppliers[0].Statement.Measurement.Downtime)
	assert.Equal(t, "EUR 600.00", ex.Suppliers[0].Statement.CreditDue.String())
	assert.Equal(t, 6*time.Hour, ex.Suppliers[1].Statement.Measurement.Downtime)
	assert.Equal(t, "EUR 200.00", ex.Suppliers[1].Statement.CreditDue.String())
	assert.Equal(t, "EUR 800.00", ex.Recovered.String())
	assert.Equal(t, "EUR -4200.00", ex.Net.String())

	var ids []string
	for _, o := range ex.Outages {
		ids = append(ids, o.ID+" "+o.Start.Format("02 15")+"–"+o.End.Format("15"))
	}
	assert.Equal(t, []string{"A1 03 00–10", "N1 10 00–04", "A2 20 00–01", "A2+N2 20 01–02", "N2 20 02–03"}, ids)

	r.Outages = append(r.Outages, sla.Outage{Scope: "dns", Start: utc(2025, 6, 1, 0, 0), End: utc(2025, 6, 1, 1, 0)})
	_, err = c.Exposure(context.Background(), r)
	assert.ErrorIs(t, err, contract.ErrUnknownComponent)
}

// TestExposureRedundancy: with two web servers of which any one suffices,
// the service is down only while both are: w1 00:00–02:00 and w2
// 01:00–03:00 give one hour, 01:00–02:00. A customer-caused outage of w1
// alone keeps its kind; overlapping kinds that differ become unplanned.
func TestExposureRedundancy(t *testing.T) {
	model, err := new(availability.Builder).
		Component("w1", availability.MustParse("99%")).
		Component("w2", availability.MustParse("99%")).
		Group("web", availability.RequireAny, "w1", "w2").
		Build()
	require.NoError(t, err)
	c := resellerChain(t, "99.5%")
	c.Model, c.Service, c.Suppliers = model, "web", nil
	ex, err := c.Exposure(context.Background(), contract.PeriodRecords{Period: june2025(t), Outages: []sla.Outage{
		{ID: "a", Scope: "w1", Start: utc(2025, 6, 3, 0, 0), End: utc(2025, 6, 3, 2, 0)},
		{ID: "b", Scope: "w2", Start: utc(2025, 6, 3, 1, 0), End: utc(2025, 6, 3, 3, 0)},
		{ID: "c", Scope: "w1", Start: utc(2025, 6, 5, 0, 0), End: utc(2025, 6, 5, 1, 0), Kind: sla.CustomerCaused},
		{ID: "d", Scope: "", Start: utc(2025, 6, 7, 0, 0), End: utc(2025, 6, 7, 0, 30), Kind: sla.CustomerCaused},
	}})
	require.NoError(t, err)
	type out struct {
		ID   string
		Len  time.Duration
		Kind sla.OutageKind
	}
	var got []out
	for _, o := range ex.Outages {
		got = append(got, out{o.ID, o.End.Sub(o.Start), o.Kind})
	}
	assert.Equal(t, []out{{"a+b", time.Hour, sla.Unplanned}, {"d", 30 * time.Minute, sla.CustomerCaused}}, got)
	assert.Equal(t, 90*time.Minute, ex.Ours.Measurement.Downtime, "1 h of both servers + 30 min of the whole service: these terms exclude nothing")
}

func TestSupplyChainJSON(t *testing.T) {
	c := resellerChain(t, "99.5%")
	b, err := json.Marshal(c)
	require.NoError(t, err)
	var back contract.SupplyChain
	require.NoError(t, json.Unmarshal(b, &back))
	require.NoError(t, back.Validate())
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(again))
	cov, err := back.Coverage(context.Background(), week)
	require.NoError(t, err)
	assert.Equal(t, "98.604%", cov.Independent.String())
}
