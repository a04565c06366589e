package proposal_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/proposal"
	"github.com/slacalc/slacalc/contract/proposal/proposaltest"
	"github.com/slacalc/slacalc/sla"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func loadFile(t *testing.T, path string) *proposal.Proposal {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	p, err := proposal.Load(f)
	require.NoError(t, err)
	return p
}

// TestDutchOfficeHoursOffer is the reseller of the issue: a hosted
// application (99% per month, 7×24) over a network (99.6%, 7×24), offered
// at 98.5% per month in Dutch office hours (Mon–Fri 08:00–18:00
// Europe/Amsterdam with the national holidays).
//
// Hand-derived figures for 2027: the budget is 1.5% of each month's
// service hours. January has 21 weekdays less New Year's Day: 200 h, 3 h of
// budget. May has 21 weekdays less Liberation Day (Wed 5), Ascension Day
// (Thu 6) and Whit Monday (Mon 17): 180 h, the shortest month, 2h42m of
// budget. December has 23 weekdays and Christmas on the weekend: 230 h, the
// longest, 3h27m of budget. In the worst case both suppliers' whole allowances of a
// 744-hour month (1% and 0.4%: 10.416 h) fall inside May's 180 hours:
// 5.7867% down, 94.2133% guaranteed, not the 98.6% of 7×24 thinking.
func TestDutchOfficeHoursOffer(t *testing.T) {
	ctx := context.Background()
	p := loadFile(t, "testdata/dutch-office.json")
	in, err := p.Verdict(ctx, availability.Independent)
	require.NoError(t, err)
	assert.True(t, in.Windowed)
	assert.Equal(t, 2*time.Hour+42*time.Minute, in.BudgetMin)
	assert.Equal(t, 3*time.Hour+27*time.Minute, in.BudgetMax)
	assert.True(t, in.Covered) // 0.99 × 0.996 = 98.604% in expectation
	assert.Contains(t, in.BudgetText(), "per month of service hours")

	wc, err := p.Verdict(ctx, availability.WorstCase)
	require.NoError(t, err)
	require.NotNil(t, wc.Guarantee)
	assert.False(t, wc.Covered, "the office-hours offer is not guaranteed")
	assert.InDelta(t, 10.416/180, wc.Composite.Unavailability(), 1e-12)
	assert.Equal(t, time.May, wc.Periods[wc.Guarantee.Worst].Start().Month())
	assert.Contains(t, wc.String(), "in the worst month (May 2027)")

	c, err := p.Cover(ctx)
	require.NoError(t, err)
	assert.False(t, c.Coverage.CoveredWorstCase)
	assert.InDelta(t, 0.014, c.Coverage.WorstCase.Unavailability(), 1e-12, "without time the suppliers seem to cover 98.6%")
	gaps := strings.Join(c.Gaps, "\n")
	assert.Contains(t, gaps, "guaranteed only 94.2133")
	assert.Contains(t, gaps, "HostCo measures 744h0m0s")

	// proposaltest fails the worst case with the figure and its reason.
	rec := &recorder{TB: t}
	proposaltest.CheckOffer(rec, p, proposaltest.Requirements{Assumption: availability.WorstCase, SuppliersCover: true})
	require.Len(t, rec.errs, 2)
	assert.Contains(t, rec.errs[0], "is not covered under worst-case")
	assert.Contains(t, rec.errs[0], "may fall inside our window")
	assert.Contains(t, rec.errs[1], "the suppliers do not cover the offer")

	// The same offer with every window 7×24 is covered at 98.6%.
	around, err := sla.Always(p.Offer.Objective.Calendar.Location())
	require.NoError(t, err)
	p.Offer.Objective.Calendar = around
	wc, err = p.Verdict(ctx, availability.WorstCase)
	require.NoError(t, err)
	assert.False(t, wc.Windowed)
	assert.True(t, wc.Covered)
	assert.InDelta(t, 0.014, wc.Composite.Unavailability(), 1e-12)
	c, err = p.Cover(ctx)
	require.NoError(t, err)
	assert.True(t, c.Coverage.CoveredWorstCase)
}

// TestMissProbability checks that the report says how often a month
// misses, and that proposaltest can bound it.
func TestMissProbability(t *testing.T) {
	p := loadFile(t, "testdata/dutch-office.json")
	a, err := proposal.Analyze(context.Background(), p)
	require.NoError(t, err)
	require.NotNil(t, a.Risk)
	assert.Greater(t, a.Risk.MissProbability.Mean, 0.05)
	assert.Contains(t, a.Summary(), "of months miss the target")
	rec := &recorder{TB: t}
	proposaltest.CheckOffer(rec, p, proposaltest.Requirements{MaxMissProbability: 0.01})
	require.Len(t, rec.errs, 1)
	assert.Contains(t, rec.errs[0], "of periods miss the offered 98.5%")
}

type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, a ...any) {
	r.errs = append(r.errs, strings.TrimSpace(fmt.Sprintf(format, a...)))
}

// TestFrequencyAgainstSimulation checks the Vesely formula's outages a
// month against the simulated count of the shipped web shop, measured 7×24
// in calendar months of 730 hours on average (8760/12), plus the outage in
// progress at a month's start (probability U, negligible here).
func TestFrequencyAgainstSimulation(t *testing.T) {
	p := loadFile(t, "testdata/webshop.json")
	a, err := proposal.Analyze(context.Background(), p)
	require.NoError(t, err)
	require.NotNil(t, a.Risk)
	want := a.Frequency.Per(730*time.Hour) + a.Verdicts[0].Composite.Unavailability()
	got := a.Risk.OutagesPerPeriod
	assert.InDelta(t, want, got.Mean, 4*got.StdErr, "Vesely %.4f, simulated %.4f ± %.4f", want, got.Mean, got.StdErr)
	assert.InEpsilon(t, float64(a.Frequency.MeanOutage), float64(a.Risk.MeanOutage), 0.05)
}

// TestCoverGapNoPromiseEnough: offering 99.6% on an application at 99%
// over a network at 99.6% leaves the application nothing in the worst
// case, since the network alone may use the whole 0.4% budget: it would
// have to never fail. The gap says so instead of printing bisection noise
// next to 100%.
func TestCoverGapNoPromiseEnough(t *testing.T) {
	p := loadFile(t, "testdata/dutch-office.json")
	around, err := sla.Always(p.Offer.Objective.Calendar.Location())
	require.NoError(t, err)
	p.Offer.Objective.Calendar = around
	p.Offer.Objective.Target = availability.MustParse("99.6%")
	p.Offer.Credits.Tiers[0].Upper.Level = money.MustParseShare("99.6%")
	c, err := p.Cover(context.Background())
	require.NoError(t, err)
	gaps := strings.Join(c.Gaps, "\n")
	assert.Contains(t, gaps, "HostCo (app) promises 99%; the worst case needs it never to fail: no promise is enough")
	assert.NotContains(t, gaps, "99.99999999")
}

// TestReportProRataOneLine: the Dutch provider's "5% of the monthly fee per
// 0.1% below the target, at most 50%" is one line of the report, not ten
// tiers, and its simulated credit probability is the miss probability
// (every month below the target pays at least one started step).
func TestReportProRataOneLine(t *testing.T) {
	p := loadFile(t, "testdata/dutch-office.json")
	p.Offer.Credits = contract.CreditSchedule{ProRata: contract.ProRata{Target: money.MustParseShare("98.5%"), Step: money.MustParseShare("0.1%"),
		Credit: money.Percent(5), Max: money.Percent(50)}}
	a, err := proposal.Analyze(context.Background(), p)
	require.NoError(t, err)
	require.NotNil(t, a.Risk)
	assert.Equal(t, a.Risk.MissProbability.Mean, a.Risk.CreditProbability.Mean)
	var md strings.Builder
	require.NoError(t, a.WriteMarkdown(&md))
	assert.Contains(t, md.String(), "| "+p.Offer.Credits.ProRata.String()+" | by the shortfall |")
	assert.NotContains(t, md.String(), ">= 97%")
}
