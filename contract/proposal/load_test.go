package proposal_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/pricing"
	"github.com/slacalc/slacalc/contract/proposal"
)

// minimal is the smallest valid proposal: a service on two components,
// offered at 99% a month with one credit tier.
const minimal = `{
  "service": "svc",
  "components": [
    {"name": "app", "availability": "99.5%"},
    {"name": "net", "availability": "99.9%"},
    {"name": "svc", "dependsOn": ["app", "net"]}
  ],
  "offer": {"effective": "2027-01-01T00:00:00Z", "fee": "EUR 100.00",
    "objective": {"target": "99%", "period": "month"},
    "credits": {"tiers": [{"upper": "< 99%", "lower": ">= 0%", "credit": "10%"}]}}
}`

const terms = `{"effective": "2027-01-01T00:00:00Z", "fee": "EUR 50.00",
    "objective": {"target": "99.9%", "period": "month"},
    "credits": {"tiers": [{"upper": "< 99.9%", "lower": ">= 0%", "credit": "10%"}]}}`

// with returns minimal with the JSON text old replaced by new.
func with(old, new string) string {
	if !strings.Contains(minimal, old) {
		panic("minimal has no " + old)
	}
	return strings.Replace(minimal, old, new, 1)
}

// problem is one expected *availability.InputError.
type problem struct {
	path     string
	sentinel error
	contains string // a fragment of the problem text, if not ""
}

func fieldErrors(t *testing.T, err error) []*availability.InputError {
	t.Helper()
	var out []*availability.InputError
	var walk func(error)
	walk = func(e error) {
		var fe *availability.InputError
		if errors.As(e, &fe) && fe == e {
			out = append(out, fe)
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		t.Errorf("not a *availability.InputError: %T %v", e, e)
	}
	walk(err)
	return out
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name   string
		json   string
		want   []problem
		reason string
	}{
		{"not JSON", `{"service": `, []problem{{"", proposal.ErrSyntax, "invalid JSON"}}, "a broken document is one problem"},
		{"empty graph", with(`[
    {"name": "app", "availability": "99.5%"},
    {"name": "net", "availability": "99.9%"},
    {"name": "svc", "dependsOn": ["app", "net"]}
  ]`, `[]`), []problem{{"components", proposal.ErrMissing, "empty"}}, "the service is not reported again"},
		{"availability above 100%", with(`"availability": "99.9%"`, `"availability": "101%"`),
			[]problem{{"components[1].availability", proposal.ErrInvalid, `"101%" is above 100%`}}, "the issue's example"},
		{"availability syntax", with(`"availability": "99.9%"`, `"availability": "99,9%"`),
			[]problem{{"components[1].availability", proposal.ErrSyntax, ""}}, ""},
		{"unknown dependency and unknown service", with(`["app", "net"]`, `["app", "nett"]`),
			[]problem{{"components[2].dependsOn", proposal.ErrUnknown, "nett"}}, "the graph is not built, so the service is not checked"},
		{"unknown service", with(`"service": "svc"`, `"service": "shop"`),
			[]problem{{"service", proposal.ErrUnknown, `"shop"`}}, ""},
		{"bad k", with(`{"name": "svc", "dependsOn"`, `{"name": "svc", "requires": "at least 3", "dependsOn"`),
			[]problem{{"components[2].requires", proposal.ErrInvalid, ""}}, ""},
		{"duplicate node", with(`{"name": "net", "availability": "99.9%"}`, `{"name": "app", "availability": "99.9%"}`),
			[]problem{{"components[1].name", proposal.ErrInvalid, ""}, {"components[2].dependsOn", proposal.ErrUnknown, "net"}}, "every graph problem at once"},
		{"unknown field with hint", with(`"dependsOn": ["app", "net"]`, `"dependson": ["app", "net"]`),
			[]problem{{"components[2].dependson", proposal.ErrUnknown, `did you mean "dependsOn"`}, {"components[2]", proposal.ErrInvalid, ""}}, ""},
		{"offer missing", strings.Replace(minimal, `"offer"`, `"offerr"`, 1),
			[]problem{{"offerr", proposal.ErrUnknown, ""}, {"offer", proposal.ErrMissing, ""}}, ""},
		{"offer target", with(`"target": "99%"`, `"target": "100.5%"`),
			[]problem{{"offer.objective.target", proposal.ErrInvalid, "above 100%"}}, "the full path from the root (issue 12)"},
		{"offer field", with(`"fee": "EUR 100.00",`, ``),
			[]problem{{"offer.fee", proposal.ErrMissing, "is required"}}, "a required key is required, never a default"},
		{"supplier without terms", with(`"offer"`, `"suppliers": [{"name": "A", "components": ["app"], "terms": `+terms+`}, {"name": "B", "components": ["net"]}], "offer"`),
			[]problem{{"suppliers[1].terms", proposal.ErrMissing, `"B" has no terms`}}, "the issue's example"},
		{"supplier of unknown component", with(`"offer"`, `"suppliers": [{"name": "A", "components": ["db"], "terms": `+terms+`}], "offer"`),
			[]problem{{"suppliers[0].components[0]", proposal.ErrUnknown, `"db"`}}, ""},
		{"supplier in another currency", with(`"offer"`, `"suppliers": [{"name": "A", "components": ["app"], "terms": `+strings.Replace(terms, "EUR", "USD", 1)+`}], "offer"`),
			[]problem{{"suppliers[0].terms.fee", proposal.ErrInvalid, "USD"}}, ""},
		{"negative demand", with(`"offer"`, `"demand": {"incidentsPerYear": -2, "hoursPerIncident": "fixed(2)"},
  "models": [{"breakFix": {"rate": {"rate": "EUR 100.00", "increment": "1h"}}}], "offer"`),
			[]problem{{"demand.incidentsPerYear", proposal.ErrInvalid, "-2"}}, "the issue's example"},
		{"demand without models", with(`"offer"`, `"demand": {"incidentsPerYear": 2, "hoursPerIncident": "fixed(2)"}, "offer"`),
			[]problem{{"models", proposal.ErrMissing, ""}}, ""},
		{"unknown model kind", with(`"offer"`, `"demand": {"incidentsPerYear": 2, "hoursPerIncident": "fixed(2)"}, "models": [{"hourly": {}}], "offer"`),
			[]problem{{"models[0].hourly", proposal.ErrUnknown, "breakFix"}}, ""},
		{"invalid model", with(`"offer"`, `"demand": {"incidentsPerYear": 2, "hoursPerIncident": "fixed(2)"}, "models": [{"bundle": {"hours": "0s", "price": "EUR 1.00", "validityMonths": 12, "increment": "1h"}}], "offer"`),
			[]problem{{"models[0].bundle.hours", proposal.ErrInvalid, ""}, {"models[0].bundle.extra.rate", proposal.ErrInvalid, ""},
				{"models[0].bundle.extra.increment", proposal.ErrInvalid, ""}}, "contract's field paths under the model's"},
		{"failures", with(`"offer"`, `"failures": {"db": {"mtbf": "100h", "mttr": "1h"}, "app": {"mtbf": "-1h", "mttr": "4 hours"}, "svc": {"mtbf": "1h", "mttr": "1h"}}, "offer"`),
			[]problem{{"failures.app.mttr", proposal.ErrSyntax, ""}, {"failures.app.mtbf", proposal.ErrInvalid, ""}, {"failures.app.mttr", proposal.ErrInvalid, ""},
				{"failures.db", proposal.ErrUnknown, ""}, {"failures.svc", proposal.ErrUnknown, "group"}}, "sorted by component, every problem"},
		{"simulation", with(`"offer"`, `"simulation": {"years": -1, "start": "2027-13", "zone": "Mars/Olympus"}, "offer"`),
			[]problem{{"simulation.zone", proposal.ErrInvalid, ""}, {"simulation.start", proposal.ErrSyntax, ""}, {"simulation.years", proposal.ErrInvalid, ""}}, ""},
		{"null service", with(`"service": "svc"`, `"service": null`),
			[]problem{{"service", proposal.ErrMissing, "null"}}, ""},
		{"wrong type", with(`"service": "svc"`, `"service": 3`),
			[]problem{{"service", proposal.ErrSyntax, "number"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := proposal.Parse([]byte(tt.json))
			require.Error(t, err, tt.reason)
			assert.Nil(t, p)
			got := fieldErrors(t, err)
			var paths []string
			for _, g := range got {
				paths = append(paths, g.Field)
			}
			require.Len(t, got, len(tt.want), "problems: %v\n%v", paths, err)
			for i, w := range tt.want {
				assert.Equal(t, w.path, got[i].Field, "problem %d: %v", i, got[i])
				assert.ErrorIs(t, got[i], w.sentinel, "problem %d: %v", i, got[i])
				assert.Contains(t, got[i].Error(), w.contains, "problem %d", i)
			}
		})
	}
}

func TestLoadValid(t *testing.T) {
	p, err := proposal.Parse([]byte(minimal))
	require.NoError(t, err)
	assert.Equal(t, "svc", p.Service)
	a, err := p.Model.Availability("svc")
	require.NoError(t, err)
	// 0.995 × 0.999 = 0.994005, by hand.
	assert.Equal(t, "99.4005%", a.String())

	f, err := os.Open("testdata/webshop.json")
	require.NoError(t, err)
	defer f.Close()
	w, err := proposal.Load(f)
	require.NoError(t, err)
	assert.Len(t, w.Suppliers, 2)
	assert.Len(t, w.Models, 3)
	assert.Equal(t, time.Hour, w.Failures["db"].MTTR)
	assert.Equal(t, "Europe/Amsterdam", w.Simulation.Start.Location().String())
}

// TestValidateGo checks that a proposal built in Go gets the same paths.
func TestValidateGo(t *testing.T) {
	m, err := new(availability.Builder).Component("app", availability.MustParse("99%")).Build()
	require.NoError(t, err)
	p := proposal.Proposal{
		Service:   "svc",
		Model:     m,
		Suppliers: []contract.Supplier{{Name: "A", Components: []string{"app"}}},
		Demand:    &pricing.DemandProfile{IncidentsPerYear: -1, HoursPerIncident: availability.Fixed(1)},
		Failures:  map[string]proposal.Failure{"app": {MTBF: time.Hour}},
	}
	var paths []string
	for _, fe := range fieldErrors(t, p.Validate()) {
		paths = append(paths, fe.Field)
	}
	assert.Equal(t, []string{"service", "suppliers[0].terms", "offer.fee", "offer.effective", "failures.app.mttr", "models", "demand.incidentsPerYear"}, paths[:1+2+1+1+1+1])
	assert.NotContains(t, paths, "suppliers[0].terms.fee", "a supplier without terms is one problem")
}

func TestJSONRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/webshop.json")
	require.NoError(t, err)
	var p proposal.Proposal
	require.NoError(t, json.Unmarshal(data, &p), "Proposal implements json.Unmarshaler")
	b, err := json.Marshal(&p)
	require.NoError(t, err)
	q, err := proposal.Parse(b)
	require.NoError(t, err)
	b2, err := json.Marshal(q)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(b2))
	assert.Contains(t, string(b), `"breakFix":`)
	assert.Contains(t, string(b), `"start":"2027-01","zone":"Europe/Amsterdam"`)
	assert.Contains(t, string(b), `"db":{"mtbf":"1999h0m0s","mttr":"1h0m0s","repairSigma":1}`)

	_, err = json.Marshal(&proposal.Proposal{})
	assert.ErrorIs(t, err, proposal.ErrMissing)
}
