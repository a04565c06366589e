package contract_test

import (
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

func utc(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, time.UTC)
}

func june2025(t testing.TB) sla.Period {
	t.Helper()
	p, err := sla.CalendarMonth(2025, time.June, time.UTC)
	require.NoError(t, err)
	return p
}

// juneRecords is a month under sampleTerms with outages, maintenance and
// tickets. June 2025 has 30 days, 43,200 minutes; 1 June is a Sunday.
//
// Outages:
//   - u1 unplanned, 3 June 10:00–13:00: 180 min, counts;
//   - m1 planned, 10 June 22:00–23:00, announced 1 June (9 days ahead): excluded;
//   - m2 planned, 12 June 22:00 – 13 June 00:30, announced 12 June 08:00 (14 h,
//     less than 48 h ahead): counts as unplanned, 150 min;
//   - c1 customer-caused, 20 June 08:00–12:00: excluded.
//
// Counted: 180 + 150 = 330 min; 1 − 330/43200 = 99.2361% < 99.9%, ≥ 99% → 10%.
//
// Tickets (support Mon–Fri 09:00–17:00 UTC):
//   - T1 P1 Mon 2 June 16:30: respond due Tue 09:30 (30 min Mon + 30 min Tue),
//     done 09:20: met; resolve due Tue 12:30 (30 min + 3 h 30), done 14:00:
//     breached, 2% of 10,000.00 = 200.00;
//   - T2 P1 Wed 4 June 10:00: respond due 11:00, done 11:30: breached, 100.00;
//     resolve due 14:00, done 13:00: met;
//   - T3 P2 Thu 5 June 09:00: respond due 13:00, done 15:00: breached, 50.00;
//     resolve 2 working days, due Fri 6 June 17:00, done Fri 10:00: met;
//   - T4 P1 Mon 30 June 16:00: respond due 17:00, not done by the month's end:
//     overdue, 100.00; resolve due Tue 1 July 12:00: pending, no penalty;
//   - T5 P1 Tue 24 June 09:00: respond due 10:00, done 12:00: breached, 100.00;
//     resolve due 13:00, done Wed 25 June 17:00: breached, 200.00;
//   - T6 P1 opened 31 May: not in the period, ignored.
//
// Penalties: 200 + 100 + 50 + 100 + 100 + 200 = 750.00, capped at 500.00.
func juneRecords(t testing.TB) contract.PeriodRecords {
	return contract.PeriodRecords{
		Period: june2025(t),
		Outages: []sla.Outage{
			{ID: "u1", Start: utc(2025, 6, 3, 10, 0), End: utc(2025, 6, 3, 13, 0)},
			{ID: "m1", Start: utc(2025, 6, 10, 22, 0), End: utc(2025, 6, 10, 23, 0), Kind: sla.Planned},
			{ID: "m2", Start: utc(2025, 6, 12, 22, 0), End: utc(2025, 6, 13, 0, 30), Kind: sla.Planned},
			{ID: "c1", Start: utc(2025, 6, 20, 8, 0), End: utc(2025, 6, 20, 12, 0), Kind: sla.CustomerCaused},
		},
		Announced: map[string]time.Time{"m1": utc(2025, 6, 1, 9, 0), "m2": utc(2025, 6, 12, 8, 0)},
		Tickets: []sla.Ticket{
			{ID: "T1", Priority: "P1", Opened: utc(2025, 6, 2, 16, 30), Responded: utc(2025, 6, 3, 9, 20), Resolved: utc(2025, 6, 3, 14, 0)},
			{ID: "T2", Priority: "P1", Opened: utc(2025, 6, 4, 10, 0), Responded: utc(2025, 6, 4, 11, 30), Resolved: utc(2025, 6, 4, 13, 0)},
			{ID: "T3", Priority: "P2", Opened: utc(2025, 6, 5, 9, 0), Responded: utc(2025, 6, 5, 15, 0), Resolved: utc(2025, 6, 6, 10, 0)},
			{ID: "T4", Priority: "P1", Opened: utc(2025, 6, 30, 16, 0)},
			{ID: "T5", Priority: "P1", Opened: utc(2025, 6, 24, 9, 0), Responded: utc(2025, 6, 24, 12, 0), Resolved: utc(2025, 6, 25, 17, 0)},
			{ID: "T6", Priority: "P1", Opened: utc(2025, 5, 31, 9, 0), Responded: utc(2025, 6, 2, 9, 0)},
		},
		Claimed: utc(2025, 7, 5, 12, 0),
	}
}

func TestStatementJune(t *testing.T) {
	st, err := sampleTerms(t).Statement(juneRecords(t))
	require.NoError(t, err)
	assert.Equal(t, 330*time.Minute, st.Measurement.Downtime, "180 + 150 min")
	assert.Equal(t, 43200*time.Minute, st.Measurement.ServiceTime, "30 × 1440 min")
	assert.False(t, st.Met)
	assert.Equal(t, 0, st.Credit.Tier)
	assert.Equal(t, "EUR 1000.00", st.Credit.Amount.String(), "10% × 10,000.00, under the 20% cap and above the 100.00 minimum")
	assert.Equal(t, contract.Claimed, st.Claim)
	assert.Equal(t, utc(2025, 7, 31, 0, 0), st.Deadline, "30 days after 1 July 00:00")
	assert.Equal(t, "EUR 1000.00", st.CreditDue.String())

	type pen struct {
		Ticket, Target, Amount string
		Status                 sla.Status
		Overrun                time.Duration
	}
	var got []pen
	for _, p := range st.Penalties {
		got = append(got, pen{p.Ticket, p.Target, p.Amount.String(), p.Status, p.Overrun})
	}
	want := []pen{
		{"T1", "resolution", "EUR 200.00", sla.Breached, 90 * time.Minute}, // due Tue 12:30, done 14:00
		{"T2", "response", "EUR 100.00", sla.Breached, 30 * time.Minute},   // due 11:00, done 11:30
		{"T3", "response", "EUR 50.00", sla.Breached, 2 * time.Hour},       // due 13:00, done 15:00
		{"T4", "response", "EUR 100.00", sla.Overdue, 0},                   // due 17:00 Mon 30 June; no business time after it in June
		{"T5", "response", "EUR 100.00", sla.Breached, 2 * time.Hour},      // due 10:00, done 12:00
		{"T5", "resolution", "EUR 200.00", sla.Breached, 12 * time.Hour},   // due Tue 13:00, done Wed 17:00: 4 h Tue + 8 h Wed
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("penalties (-want +got):\n%s", d)
	}
	assert.Equal(t, "EUR 500.00", st.PenaltyDue.String(), "750.00 capped at 500.00")
	assert.Equal(t, "EUR 1500.00", st.Total.String(), "1,000.00 + 500.00, under the 2,200.00 total cap")
	require.Len(t, st.Caps, 1)
	assert.Equal(t, contract.CapApplied{Cap: "penalty cap", Limit: money.MustParseMoney("EUR 500.00"),
		Before: money.MustParseMoney("EUR 750.00"), After: money.MustParseMoney("EUR 500.00")}, st.Caps[0])

	var items []string
	for _, l := range st.Lines {
		items = append(items, l.Item)
		assert.NotEmpty(t, l.Reason, l.Item)
	}
	assert.Equal(t, []string{"counted", "excluded", "excluded", "availability", "credit",
		"resolution breach", "response breach", "response breach", "response breach", "response breach", "resolution breach",
		"penalty cap", "total"}, items)
	assert.Contains(t, st.Lines[0].Reason, `planned maintenance "m2" was announced 2025-06-12T08:00:00Z, less than 48h0m0s before its start`)
	assert.Contains(t, st.Lines[3].Reason, "measured 99.2361% (5h30m0s down of 720h0m0s) misses the target 99.9%")
	assert.Contains(t, st.Lines[4].Reason, "; claimed 2025-07-05T12:00:00Z")
}

// TestStatementCases varies the June month; each case says how its figures follow.
func TestStatementCases(t *testing.T) {
	eur := money.MustParseMoney
	down := func(minutes int) []sla.Outage {
		start := utc(2025, 6, 3, 0, 0)
		return []sla.Outage{{ID: "o", Start: start, End: start.Add(time.Duration(minutes) * time.Minute)}}
	}
	tests := []struct {
		name   string
		edit   func(*contract.Terms, *contract.PeriodRecords)
		credit string
		claim  contract.ClaimStatus
		pen    string
		total  string
		caps   []string
		reason string
	}{
		{"exactly 99%", func(_ *contract.Terms, r *contract.PeriodRecords) { r.Outages, r.Tickets = down(432), nil },
			"EUR 1000.00", contract.Claimed, "EUR 0.00", "EUR 1000.00", nil,
			"1 − 432/43200 = 99% exactly: the tier >= 99%, 10%"},
		{"one minute more", func(_ *contract.Terms, r *contract.PeriodRecords) { r.Outages, r.Tickets = down(433), nil },
			"EUR 2000.00", contract.Claimed, "EUR 0.00", "EUR 2000.00", []string{"credit cap"},
			"98.9977% → 25% = 2,500.00, capped at 20% = 2,000.00"},
		{"total cap", func(_ *contract.Terms, r *contract.PeriodRecords) { r.Outages = down(600) },
			"EUR 2000.00", contract.Claimed, "EUR 500.00", "EUR 2200.00", []string{"credit cap", "penalty cap", "total cap"},
			"credit 2,000.00 (capped) + penalties 500.00 (capped) = 2,500.00, cut to 22% = 2,200.00"},
		{"below the minimum", func(_ *contract.Terms, r *contract.PeriodRecords) { r.Fee = eur("EUR 900.00"); r.Tickets = nil },
			"EUR 0.00", contract.Claimed, "EUR 0.00", "EUR 0.00", nil,
			"10% × 900.00 = 90.00 < 100.00 minimum payout"},
		{"share penalty of the month's fee", func(_ *contract.Terms, r *contract.PeriodRecords) {
			r.Fee = eur("EUR 900.00")
			r.Tickets = r.Tickets[:1]
		}, "EUR 0.00", contract.Claimed, "EUR 18.00", "EUR 18.00", nil,
			"T1's resolution breach: 2% × 900.00 = 18.00; credit 90.00 below the minimum"},
		{"claimed late", func(_ *contract.Terms, r *contract.PeriodRecords) { r.Claimed = utc(2025, 8, 1, 0, 0); r.Tickets = nil },
			"EUR 0.00", contract.Forfeited, "EUR 0.00", "EUR 0.00", nil,
			"claimed 1 August, after the 31 July deadline"},
		{"not claimed yet", func(_ *contract.Terms, r *contract.PeriodRecords) { r.Claimed = time.Time{}; r.Tickets = nil },
			"EUR 1000.00", contract.Claimable, "EUR 0.00", "EUR 1000.00", nil,
			"as of the month's end the deadline has not passed"},
		{"never claimed", func(_ *contract.Terms, r *contract.PeriodRecords) {
			r.Claimed, r.AsOf, r.Tickets = time.Time{}, utc(2025, 8, 1, 0, 0), nil
		}, "EUR 0.00", contract.Forfeited, "EUR 0.00", "EUR 0.00", nil,
			"as of 1 August the deadline has passed"},
		{"no claim needed", func(tm *contract.Terms, r *contract.PeriodRecords) {
			tm.Credits.Claim = contract.Claim{}
			r.Claimed, r.Tickets = time.Time{}, nil
		}, "EUR 1000.00", contract.NoClaimNeeded, "EUR 0.00", "EUR 1000.00", nil, "credits are paid without a claim"},
		{"named charge", func(tm *contract.Terms, r *contract.PeriodRecords) {
			tm.Credits.Basis = "hosting"
			r.Charges = map[string]money.Money{"hosting": eur("EUR 4000.00")}
			r.Tickets = nil
		}, "EUR 400.00", contract.Claimed, "EUR 0.00", "EUR 400.00", nil, "10% × 4,000.00 (cap 20% of 4,000.00 = 800.00)"},
		{"planned announced in time, not excluded", func(tm *contract.Terms, r *contract.PeriodRecords) {
			tm.Exclusions.Planned = false
			r.Tickets = nil
		}, "EUR 1000.00", contract.Claimed, "EUR 0.00", "EUR 1000.00", nil,
			"m1 counts too: 390 min, 99.097%: still the 10% tier"},
		{"met", func(_ *contract.Terms, r *contract.PeriodRecords) { r.Outages, r.Tickets = down(43), nil },
			"EUR 0.00", contract.Claimed, "EUR 0.00", "EUR 0.00", nil, "43 min: 99.9005% ≥ 99.9%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			terms, recs := sampleTerms(t), juneRecords(t)
			tt.edit(&terms, &recs)
			st, err := terms.Statement(recs)
			require.NoError(t, err)
			assert.Equal(t, tt.credit, st.CreditDue.String(), tt.reason)
			assert.Equal(t, tt.claim, st.Claim, tt.reason)
			assert.Equal(t, tt.pen, st.PenaltyDue.String(), tt.reason)
			assert.Equal(t, tt.total, st.Total.String(), tt.reason)
			var caps []string
			for _, c := range st.Caps {
				caps = append(caps, c.Cap)
			}
			assert.Equal(t, tt.caps, caps, tt.reason)
		})
	}
}

func TestStatementMetAtTarget(t *testing.T) {
	// 99.9% of 43,200 min is 43.2 min = 43m12s: exactly the target is met.
	terms, recs := sampleTerms(t), juneRecords(t)
	start := utc(2025, 6, 3, 0, 0)
	recs.Outages = []sla.Outage{{Start: start, End: start.Add(43*time.Minute + 12*time.Second)}}
	st, err := terms.Statement(recs)
	require.NoError(t, err)
	assert.True(t, st.Met)
	recs.Outages[0].End = recs.Outages[0].End.Add(time.Nanosecond)
	st, err = terms.Statement(recs)
	require.NoError(t, err)
	assert.False(t, st.Met)
}

func TestStatementErrors(t *testing.T) {
	terms, recs := sampleTerms(t), juneRecords(t)
	recs.Fee = money.MustParseMoney("USD 10000.00")
	recs.Tickets = append(recs.Tickets, sla.Ticket{ID: "T9", Priority: "P9", Opened: utc(2025, 6, 9, 9, 0)})
	_, err := terms.Statement(recs)
	require.Error(t, err)
	assert.ErrorIs(t, err, money.ErrCurrencyMismatch)
	assert.ErrorIs(t, err, contract.ErrUnknownPriority)
	var fields []string
	for _, e := range unjoin(err) {
		var fe *availability.InputError
		require.ErrorAs(t, e, &fe)
		fields = append(fields, fieldOf(fe))
	}
	assert.Equal(t, []string{"Fee", "Tickets[6].Priority"}, fields)

	recs = juneRecords(t)
	recs.Fee = money.MustParseMoney("EUR -1.00")
	_, err = terms.Statement(recs)
	assert.ErrorIs(t, err, money.ErrRange, "negative fee")

	terms.Credits.Basis = "storage"
	_, err = terms.Statement(juneRecords(t))
	assert.ErrorIs(t, err, contract.ErrUnknownCharge)

	terms = sampleTerms(t)
	q, err := sla.CalendarPeriod(sla.Quarter, utc(2025, 6, 1, 0, 0), time.UTC)
	require.NoError(t, err)
	recs = juneRecords(t)
	recs.Period = q
	_, err = terms.Statement(recs)
	assert.ErrorIs(t, err, money.ErrRange, "a quarter under monthly terms")

	terms.Fee = money.Money{}
	_, err = terms.Statement(juneRecords(t))
	assert.ErrorIs(t, err, money.ErrRange, "terms without a fee")
}

func TestStatements(t *testing.T) {
	terms := sampleTerms(t)
	june := juneRecords(t)
	july := contract.PeriodRecords{Period: june.Period.Next()}
	sts, err := terms.Statements([]contract.PeriodRecords{june, july})
	require.NoError(t, err)
	require.Len(t, sts, 2)
	assert.Equal(t, "EUR 1500.00", sts[0].Total.String(), "as in TestStatementJune")
	assert.Equal(t, "EUR 0.00", sts[1].Total.String(), "a quiet July")
	assert.True(t, sts[1].Met)

	july.Tickets = []sla.Ticket{{ID: "x", Priority: "P7", Opened: utc(2025, 7, 2, 9, 0)}}
	_, err = terms.Statements([]contract.PeriodRecords{june, july})
	assert.ErrorIs(t, err, contract.ErrUnknownPriority)
	assert.Contains(t, err.Error(), "records[1]")
}
