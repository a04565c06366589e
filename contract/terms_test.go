package contract_test

import (
	"bytes"
	"encoding/json"
	"flag"
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
	"github.com/slacalc/slacalc/contract/pricing"
	"github.com/slacalc/slacalc/sla"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/terms")

// sampleTerms are managed-service terms used across the tests:
//
//   - fee EUR 10,000.00 a month; objective 99.9% per calendar month, 7×24 UTC;
//   - credits: < 99.9% and ≥ 99% → 10%; < 99% → 25%; cap 20% of the fee;
//     minimum payout EUR 100.00; claim within 30 days of the month's end;
//   - support Mon–Fri 09:00–17:00 UTC: P1 respond 1 business hour (EUR 100.00
//     per breach), resolve 4 business hours (2% of the fee, EUR 200.00);
//     P2 respond 4 business hours (EUR 50.00), resolve 2 working days (no
//     penalty); penalties capped at EUR 500.00;
//   - planned maintenance excluded if announced 48 hours ahead; customer-caused
//     outages excluded;
//   - total capped at 22% of the fee, EUR 2,200.00.
func sampleTerms(t testing.TB) contract.Terms {
	t.Helper()
	office, err := sla.Weekdays(time.UTC, sla.Clock(9, 0), sla.Clock(17, 0))
	require.NoError(t, err)
	eur := money.MustParseMoney
	return contract.Terms{
		Name:      "managed hosting, standard",
		Effective: time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC),
		Fee:       eur("EUR 10000.00"),
		Objective: sla.Objective{
			Target: availability.MustParse("99.9%"),
			Period: sla.Month,
		},
		Credits: contract.CreditSchedule{
			Tiers: []contract.CreditTier{
				{Upper: contract.Below(money.MustParseShare("99.9%")), Lower: contract.AtLeast(money.Percent(99)), Credit: money.Percent(10)},
				{Upper: contract.Below(money.Percent(99)), Lower: contract.AtLeast(money.Percent(0)), Credit: money.Percent(25)},
			},
			Cap:     contract.ShareOf(money.Percent(20)),
			Minimum: eur("EUR 100.00"),
			Claim:   contract.Claim{Required: true, Days: 30},
		},
		Support: contract.Support{
			Calendar: office,
			Priorities: []contract.PriorityTerms{
				{Priority: "P1", Respond: sla.BusinessHours(1), Resolve: sla.BusinessHours(4),
					RespondPenalty: contract.FixedAmount(eur("EUR 100.00")), ResolvePenalty: contract.ShareOf(money.Percent(2))},
				{Priority: "P2", Respond: sla.BusinessHours(4), Resolve: sla.WorkingDays(2),
					RespondPenalty: contract.FixedAmount(eur("EUR 50.00"))},
			},
			PenaltyCap: contract.FixedAmount(eur("EUR 500.00")),
		},
		Exclusions: contract.Exclusions{Planned: true, PlannedNotice: 48 * time.Hour, CustomerCaused: true},
		Obligations: []contract.Obligation{
			{ID: "report", Text: "report incidents through the service desk"},
			{ID: "contact", Text: "keep a technical contact reachable during maintenance windows"},
		},
		Work: contract.Work{
			Covered: []pricing.WorkKind{pricing.Corrective, pricing.Preventive},
			Extra:   pricing.HourlyRate{Rate: eur("EUR 120.00"), Increment: 15 * time.Minute, Minimum: time.Hour},
		},
		TotalCap: contract.ShareOf(money.Percent(22)),
	}
}

func TestTermsJSONGolden(t *testing.T) {
	terms := sampleTerms(t)
	got := encodeIndent(t, terms)
	golden := filepath.Join("testdata", "terms", "managed.json")
	if *update {
		require.NoError(t, os.WriteFile(golden, got, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "run go test -update to rewrite the golden file")

	var back contract.Terms
	require.NoError(t, json.Unmarshal(want, &back))
	assert.Equal(t, string(want), string(encodeIndent(t, back)), "decode → encode reproduces the document")
	assert.Equal(t, terms.Fee, back.Fee)
	assert.Equal(t, terms.Credits.Tiers, back.Credits.Tiers)
	assert.Equal(t, terms.Support.Priorities, back.Support.Priorities)
	assert.Equal(t, terms.Exclusions, back.Exclusions)
	assert.Equal(t, terms.Work, back.Work)
	assert.True(t, terms.Effective.Equal(back.Effective))
	assert.Equal(t, terms.Support.Calendar.String(), back.Support.Calendar.String())
}

// encodeIndent writes v as indented JSON without HTML escapes, so that
// bounds read "< 99%" in the golden files.
func encodeIndent(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(v))
	return b.Bytes()
}

func TestTermsJSONFields(t *testing.T) {
	b, err := json.Marshal(sampleTerms(t))
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	// DESIGN.md: availabilities as percentages, durations as Go duration
	// strings, times in RFC 3339, money as strings.
	assert.Equal(t, "EUR 10000.00", doc["fee"])
	assert.Equal(t, "2025-01-01T00:00:00Z", doc["effective"])
	assert.Equal(t, "99.9%", doc["objective"].(map[string]any)["target"])
	assert.Equal(t, "48h0m0s", doc["exclusions"].(map[string]any)["plannedNotice"])
	assert.Equal(t, "15m0s", doc["work"].(map[string]any)["extra"].(map[string]any)["increment"])
	assert.Equal(t, "22%", doc["totalCap"])
}

func TestTermsValidate(t *testing.T) {
	require.NoError(t, sampleTerms(t).Validate())

	bad := sampleTerms(t)
	bad.Fee = money.MustParseMoney("EUR -1.00")
	bad.Credits.Cap = contract.ShareOf(money.Percent(-1))
	bad.Credits.Tiers[1].Upper = contract.AtMost(money.Percent(99)) // overlaps ">= 99%"
	bad.Support.Priorities[1].Priority = "P1"
	bad.Support.Priorities[0].RespondPenalty = contract.FixedAmount(money.MustParseMoney("USD 100.00"))
	bad.Support.PenaltyCap = contract.FixedAmount(money.MustParseMoney("EUR -5.00"))
	bad.Objective.Rules.Exclude = []sla.OutageKind{sla.Planned}
	err := bad.Validate()
	require.Error(t, err)
	want := map[string]error{
		"Fee":                                  money.ErrRange,
		"Credits.Cap":                          money.ErrRange,
		"Credits.Tiers[1].Upper":               pricing.ErrTierOrder,
		"Support.Priorities[1].Priority":       contract.ErrUnknownPriority,
		"Support.Priorities[0].RespondPenalty": money.ErrCurrencyMismatch,
		"Support.PenaltyCap":                   money.ErrRange,
		"Objective.Rules.Exclude":              money.ErrRange,
	}
	got := map[string]error{}
	for _, e := range unjoin(err) {
		var fe *availability.InputError
		require.ErrorAs(t, e, &fe, e.Error())
		typ, field, _ := strings.Cut(fe.Field, ".")
		assert.Equal(t, "Terms", typ)
		got[field] = fe.Err
	}
	assert.Equal(t, want, got)
}

func TestTermsUnmarshalReportsAll(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "terms", "managed.json"))
	require.NoError(t, err)
	b = bytes.Replace(b, []byte(`"fee": "EUR 10000.00"`), []byte(`"fee": "EUR -10000.00"`), 1)
	b = bytes.Replace(b, []byte(`"upper": "< 99%"`), []byte(`"upper": "< 98%"`), 1)
	var terms contract.Terms
	err = json.Unmarshal(b, &terms)
	require.Error(t, err)
	assert.ErrorIs(t, err, money.ErrRange)
	assert.ErrorIs(t, err, contract.ErrTierGap)
	assert.Len(t, unjoin(err), 2)
}

func TestTermsAt(t *testing.T) {
	v1 := sampleTerms(t)
	v2 := sampleTerms(t)
	v2.Effective = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	v2.Fee = money.MustParseMoney("EUR 11000.00")
	versions := []contract.Terms{v2, v1}
	got, err := contract.TermsAt(versions, time.Date(2025, time.December, 31, 23, 59, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Equal(t, "EUR 10000.00", got.Fee.String())
	got, err = contract.TermsAt(versions, v2.Effective)
	require.NoError(t, err)
	assert.Equal(t, "EUR 11000.00", got.Fee.String())
	_, err = contract.TermsAt(versions, time.Date(2024, time.June, 1, 0, 0, 0, 0, time.UTC))
	assert.ErrorIs(t, err, money.ErrRange)
	_, err = contract.TermsAt([]contract.Terms{v1, v1}, v2.Effective)
	assert.ErrorIs(t, err, money.ErrRange)
}

func TestWorkCovers(t *testing.T) {
	w := sampleTerms(t).Work
	assert.True(t, w.Covers(pricing.Corrective))
	assert.False(t, w.Covers(pricing.Adaptive))
}

// FuzzTermsJSON decodes arbitrary documents as terms: no panic, and a
// document that decodes encodes to a form that decodes and encodes to the
// same bytes again.
func FuzzTermsJSON(f *testing.F) {
	golden, err := os.ReadFile(filepath.Join("testdata", "terms", "managed.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden)
	for _, p := range contract.PublishedSchedules() {
		b, _ := json.Marshal(contract.Terms{Name: p.Service, Effective: p.Effective, Fee: money.MustParseMoney("USD 100.00"),
			Objective: sla.Objective{Target: p.Target, Period: sla.Month}, Credits: p.Schedule})
		f.Add(b)
	}
	f.Add([]byte(`{"effective":"2025-01-01T00:00:00Z","fee":"EUR 1.00","objective":{"target":"99%","period":"month","calendar":{},"rules":{}},"credits":{"tiers":[]}}`))
	f.Add([]byte(`{"fee":"EUR 1.00","credits":{"tiers":[{"upper":"<= 100%","lower":"> 0%","credit":"1/3"}]}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var a contract.Terms
		if err := json.Unmarshal(data, &a); err != nil {
			return
		}
		enc1, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("decoded terms do not encode: %v", err)
		}
		var b contract.Terms
		if err := json.Unmarshal(enc1, &b); err != nil {
			t.Fatalf("encoded terms do not decode: %v\n%s", err, enc1)
		}
		enc2, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(enc1, enc2) {
			t.Fatalf("decode → encode is not stable:\n%s\n%s", enc1, enc2)
		}
	})
}
