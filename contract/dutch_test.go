package contract_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/sla"
)

// dutchTerms are the Dutch provider's SLA as stated: "5% of the monthly
// fee per 0.1% below the 99.5% target, at most 50%"; P1 7×24, respond 1 h,
// resolve 4 h; P2 office hours Mon–Fri 08:00–18:00 Europe/Amsterdam,
// respond 4 business hours, resolve 2 working days; EUR 100 per breached
// response target, at most EUR 500 a month.
func dutchTerms(t testing.TB) contract.Terms {
	t.Helper()
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(t, err)
	nl, err := sla.Preset("NL")
	require.NoError(t, err)
	office, err := sla.Weekdays(ams, sla.Clock(8, 0), sla.Clock(18, 0), nl...)
	require.NoError(t, err)
	always, err := sla.Always(ams)
	require.NoError(t, err)
	perResponse := contract.FixedAmount(money.MustParseMoney("EUR 100.00"))
	return contract.Terms{
		Name:      "beheer, standaard",
		Effective: time.Date(2025, 1, 1, 0, 0, 0, 0, ams),
		Fee:       money.MustParseMoney("EUR 4000.00"),
		Objective: sla.Objective{Target: availability.MustParse("99.5%"), Period: sla.Month, Calendar: always},
		Credits: contract.CreditSchedule{ProRata: contract.ProRata{
			Target: money.MustParseShare("99.5%"), Step: money.MustParseShare("0.1%"),
			Credit: money.Percent(5), Max: money.Percent(50),
		}},
		Support: contract.Support{
			Calendar: office,
			Priorities: []contract.PriorityTerms{
				{Priority: "P1", Respond: sla.BusinessHours(1), Resolve: sla.BusinessHours(4), RespondPenalty: perResponse, Calendar: &always},
				{Priority: "P2", Respond: sla.BusinessHours(4), Resolve: sla.WorkingDays(2), RespondPenalty: perResponse},
			},
			ResponseCap: contract.FixedAmount(money.MustParseMoney("EUR 500.00")),
		},
	}
}

// dutchJune are the records of June 2025 in Amsterdam: 30 days without a
// DST change, 720 h of 7×24 service. Whit Monday is 9 June.
//
// Outages: db 3 June 10:00–13:00 (3 h) and net Saturday 14 June
// 01:00–03:30 (2 h 30): 330 min down of 43,200. The shortfall below 99.5%
// is (330 − 216)/43,200 = 114/43,200 = 0.26388…%, 2.64 steps of 0.1%
// (43.2 min each), so 3 started steps × 5% = 15% of EUR 4,000.00 = EUR
// 600.00 (2 whole steps would be 10%).
//
// Tickets (P1 7×24, P2 08–18 Mon–Fri without holidays), by hand:
//   - T1 P1 Fri 6 June 17:30: respond due 18:30, done 19:00: 30 min late;
//     resolve due 21:30, done 21:00: met.
//   - T2 P2 Fri 6 June 16:00: respond 4 h = Fri 16–18 and, after the
//     weekend and Whit Monday, Tue 08–10: due Tue 10 June 10:00; done 11:00:
//     1 business hour late (the wall clock says 91 h after opening);
//     resolve 2 working days: due Wed 11 June 16:00, done 15:00: met.
//   - T3 P1 Sat 14 June 02:30: respond due 03:30, done 03:10; resolve due
//     06:30, done 04:00: met.
//   - T4 P2 Mon 16 June 09:00: respond due 13:00, done 14:00: 1 h late.
//   - T5 P2 Tue 17 June 09:00: respond due 13:00, done 13:30: 30 min late.
//   - T6 P1 Wed 18 June 12:00: respond due 13:00, done 13:45: 45 min late;
//     resolve due 16:00, done 15:00: met.
//   - T7 P2 Thu 19 June 17:00: respond Thu 17–18 and Fri 08–11: due Fri 20
//     June 11:00, done 12:00: 1 h late; resolve 2 working days from 9 h
//     into Thursday: Mon 23 June 17:00, done Mon 10:00: met.
//
// Six breached responses × EUR 100.00 = EUR 600.00, capped at EUR 500.00.
// Total: 600.00 + 500.00 = EUR 1,100.00.
func dutchJune(t testing.TB) contract.PeriodRecords {
	t.Helper()
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(t, err)
	june, err := sla.CalendarMonth(2025, time.June, ams)
	require.NoError(t, err)
	at := func(d, h, m int) time.Time { return time.Date(2025, time.June, d, h, m, 0, 0, ams) }
	return contract.PeriodRecords{
		Period: june,
		Outages: []sla.Outage{
			{ID: "db", Start: at(3, 10, 0), End: at(3, 13, 0)},
			{ID: "net", Start: at(14, 1, 0), End: at(14, 3, 30)},
		},
		Tickets: []sla.Ticket{
			{ID: "T1", Priority: "P1", Opened: at(6, 17, 30), Responded: at(6, 19, 0), Resolved: at(6, 21, 0)},
			{ID: "T2", Priority: "P2", Opened: at(6, 16, 0), Responded: at(10, 11, 0), Resolved: at(11, 15, 0)},
			{ID: "T3", Priority: "P1", Opened: at(14, 2, 30), Responded: at(14, 3, 10), Resolved: at(14, 4, 0)},
			{ID: "T4", Priority: "P2", Opened: at(16, 9, 0), Responded: at(16, 14, 0), Resolved: at(17, 9, 0)},
			{ID: "T5", Priority: "P2", Opened: at(17, 9, 0), Responded: at(17, 13, 30), Resolved: at(18, 9, 0)},
			{ID: "T6", Priority: "P1", Opened: at(18, 12, 0), Responded: at(18, 13, 45), Resolved: at(18, 15, 0)},
			{ID: "T7", Priority: "P2", Opened: at(19, 17, 0), Responded: at(20, 12, 0), Resolved: at(23, 10, 0)},
		},
	}
}

func TestDutchStatement(t *testing.T) {
	terms := dutchTerms(t)
	st, err := terms.Statement(dutchJune(t))
	require.NoError(t, err)
	ams := st.Period.Start().Location()
	at := func(d, h, m int) time.Time { return time.Date(2025, time.June, d, h, m, 0, 0, ams) }

	assert.Equal(t, 330*time.Minute, st.Measurement.Downtime)
	assert.Equal(t, 720*time.Hour, st.Measurement.ServiceTime)
	assert.False(t, st.Met)
	assert.Equal(t, int64(3), st.Credit.Steps)
	assert.Equal(t, money.Percent(15), st.Credit.Share)
	assert.Equal(t, "EUR 600.00", st.CreditDue.String())

	type due struct {
		ticket  string
		due     time.Time
		overrun time.Duration
	}
	want := []due{
		{"T1", at(6, 18, 30), 30 * time.Minute},
		{"T2", at(10, 10, 0), time.Hour},
		{"T4", at(16, 13, 0), time.Hour},
		{"T5", at(17, 13, 0), 30 * time.Minute},
		{"T6", at(18, 13, 0), 45 * time.Minute},
		{"T7", at(20, 11, 0), time.Hour},
	}
	require.Len(t, st.Penalties, len(want))
	for i, w := range want {
		p := st.Penalties[i]
		assert.Equal(t, w.ticket, p.Ticket)
		assert.Equal(t, "response", p.Target)
		assert.True(t, w.due.Equal(p.Due), "%s due %v, want %v", p.Ticket, p.Due, w.due)
		assert.Equal(t, w.overrun, p.Overrun, p.Ticket)
		assert.Equal(t, "EUR 100.00", p.Amount.String())
	}
	assert.Equal(t, "EUR 500.00", st.PenaltyDue.String())
	require.Len(t, st.Caps, 1)
	assert.Equal(t, "response cap", st.Caps[0].Cap)
	assert.Equal(t, "EUR 600.00", st.Caps[0].Before.String())
	assert.Equal(t, "EUR 1100.00", st.Total.String())

	// The pro-rata rule is one line.
	var credit []string
	for _, l := range st.Lines {
		if l.Item == "credit" {
			credit = append(credit, l.Reason)
		}
	}
	assert.Equal(t, []string{"measured 99.2361% (5h30m0s down of 720h0m0s) is 0.2638…% below the target 99.5%: 3 started steps of 0.1% × 5% = 15% of EUR 4000.00 = EUR 600.00"}, credit)
}

// TestDutchTermsJSON checks that the terms written as stated in JSON
// (testdata/terms/dutch.json) are the terms written in Go, both ways.
func TestDutchTermsJSON(t *testing.T) {
	terms := dutchTerms(t)
	got := encodeIndent(t, terms)
	golden := filepath.Join("testdata", "terms", "dutch.json")
	if *update {
		require.NoError(t, os.WriteFile(golden, got, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "run go test -update to rewrite the golden file")

	var back contract.Terms
	require.NoError(t, json.Unmarshal(want, &back))
	assert.Equal(t, string(want), string(encodeIndent(t, back)), "decode → encode reproduces the document")
	assert.Equal(t, terms.Credits.ProRata, back.Credits.ProRata)
	require.NotNil(t, back.Support.Priorities[0].Calendar)
	assert.Nil(t, back.Support.Priorities[1].Calendar)
	assert.Equal(t, terms.Support.ResponseCap, back.Support.ResponseCap)

	// The statement from the decoded terms is the same.
	a, err := terms.Statement(dutchJune(t))
	require.NoError(t, err)
	b, err := back.Statement(dutchJune(t))
	require.NoError(t, err)
	assert.Equal(t, a.Lines, b.Lines)
}

// TestSupportJSONUnknownKeys names the nearest known key of a misspelt
// support or priority key.
func TestSupportJSONUnknownKeys(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{`{"calendar":{},"responsCap":"EUR 1.00"}`, `responsCap: is not a known key`},
		{`{"priorities":[{"priority":"P1","calender":{}}]}`, `did you mean "calendar"`},
	} {
		var s contract.Support
		err := json.Unmarshal([]byte(tc.doc), &s)
		require.Error(t, err, tc.doc)
		assert.Contains(t, err.Error(), tc.want)
		assert.ErrorIs(t, err, money.ErrSyntax)
	}
}

// TestUnsetTargetMakesNoLine gives P2 no resolution target: T2, not
// resolved by the month's end, is then checked for its response only.
func TestUnsetTargetMakesNoLine(t *testing.T) {
	terms := dutchTerms(t)
	terms.Support.Priorities[1].Resolve = sla.Target{}
	r := dutchJune(t)
	r.Tickets = r.Tickets[1:2]
	r.Tickets[0].Resolved = time.Time{}
	st, err := terms.Statement(r)
	require.NoError(t, err)
	require.Len(t, st.Penalties, 1)
	assert.Equal(t, "response", st.Penalties[0].Target)

	// With the target set again the unresolved ticket is overdue.
	terms.Support.Priorities[1].Resolve = sla.WorkingDays(2)
	st, err = terms.Statement(r)
	require.NoError(t, err)
	require.Len(t, st.Penalties, 2)
	assert.Equal(t, sla.Overdue, st.Penalties[1].Status)
}

// TestSupportCalendarFor returns each priority's calendar, falling back to
// the support calendar.
func TestSupportCalendarFor(t *testing.T) {
	terms := dutchTerms(t)
	c1, ok := terms.Support.CalendarFor("P1")
	require.True(t, ok)
	assert.Equal(t, terms.Support.Priorities[0].Calendar.String(), c1.String())
	c2, ok := terms.Support.CalendarFor("P2")
	require.True(t, ok)
	assert.Equal(t, terms.Support.Calendar.String(), c2.String())
	_, ok = terms.Support.CalendarFor("P9")
	assert.False(t, ok)
}

// TestResolutionAndPenaltyCaps adds 2% of the fee (EUR 80.00) per breached
// P2 resolution, at most EUR 100.00 a month, and a penalty cap of EUR
// 550.00, and resolves T4 and T5 late. By hand: T4 (opened Mon 16 June
// 09:00, 1 h into the day) is due Wed 18 June 09:00, done Thu 19 June
// 09:00: 10 business hours late (Wed 09–18, Thu 08–09); T5 is due Thu 19
// June 09:00, done Fri 20 June 09:00, likewise 10 h late. Resolutions: 2 ×
// 80.00 = 160.00, capped at 100.00; responses 600.00, capped at 500.00;
// together 600.00, capped at 550.00. Total 600.00 + 550.00 = 1,150.00.
func TestResolutionAndPenaltyCaps(t *testing.T) {
	terms := dutchTerms(t)
	terms.Support.Priorities[1].ResolvePenalty = contract.ShareOf(money.Percent(2))
	terms.Support.ResolutionCap = contract.FixedAmount(money.MustParseMoney("EUR 100.00"))
	terms.Support.PenaltyCap = contract.FixedAmount(money.MustParseMoney("EUR 550.00"))
	r := dutchJune(t)
	ams := r.Period.Start().Location()
	r.Tickets[3].Resolved = time.Date(2025, 6, 19, 9, 0, 0, 0, ams)
	r.Tickets[4].Resolved = time.Date(2025, 6, 20, 9, 0, 0, 0, ams)
	st, err := terms.Statement(r)
	require.NoError(t, err)

	var late []time.Duration
	for _, p := range st.Penalties {
		if p.Target == "resolution" {
			late = append(late, p.Overrun)
			assert.Equal(t, "EUR 80.00", p.Amount.String())
		}
	}
	assert.Equal(t, []time.Duration{10 * time.Hour, 10 * time.Hour}, late)
	var caps []string
	for _, c := range st.Caps {
		caps = append(caps, c.Cap+" "+c.Before.String()+" → "+c.After.String())
	}
	assert.Equal(t, []string{"response cap EUR 600.00 → EUR 500.00", "resolution cap EUR 160.00 → EUR 100.00", "penalty cap EUR 600.00 → EUR 550.00"}, caps)
	assert.Equal(t, "EUR 550.00", st.PenaltyDue.String())
	assert.Equal(t, "EUR 1150.00", st.Total.String())
	var lines []string
	for _, l := range st.Lines {
		if l.Item == "resolution cap" || l.Item == "penalty cap" {
			lines = append(lines, l.Amount.String()+" "+l.Reason)
		}
	}
	assert.Equal(t, []string{
		"EUR -60.00 2 resolution breaches cost EUR 160.00, capped at EUR 100.00 a period = EUR 100.00",
		"EUR -50.00 penalties of EUR 600.00 capped at EUR 550.00 = EUR 550.00",
	}, lines)
}

// TestTermsJSONUnknownKeys rejects misspelt keys at every depth of the
// terms that this package decodes, naming the nearest known key.
func TestTermsJSONUnknownKeys(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("testdata", "terms", "dutch.json"))
	require.NoError(t, err)
	for _, tc := range []struct{ from, to, want string }{
		{`"fee":`, `"fees":`, `fees: is not a known key`},
		{`"proRata":`, `"proRatа":`, `did you mean "proRata"`}, // a Cyrillic а
		{`"step":`, `"stap":`, `did you mean "step"`},
		{`"responseCap":`, `"responseCapp":`, `did you mean "responseCap"`},
		{`"respondPenalty":`, `"respondPenality":`, `did you mean "respondPenalty"`},
	} {
		bad := []byte(strings.Replace(string(doc), tc.from, tc.to, 1))
		var terms contract.Terms
		err := json.Unmarshal(bad, &terms)
		require.Error(t, err, tc.to)
		assert.Contains(t, err.Error(), tc.want, tc.to)
		assert.ErrorIs(t, err, money.ErrSyntax, tc.to)
	}
	var c contract.Claim
	assert.ErrorContains(t, json.Unmarshal([]byte(`{"required":true,"day":30}`), &c), `did you mean "days"`)
	var tier contract.CreditTier
	assert.ErrorContains(t, json.Unmarshal([]byte(`{"upper":"< 99%","lower":">= 0%","credits":"10%"}`), &tier), `did you mean "credit"`)
	var ex contract.Exclusions
	assert.ErrorContains(t, json.Unmarshal([]byte(`{"planed":true}`), &ex), `did you mean "planned"`)
}
