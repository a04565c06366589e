package contract_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
)

func fields(t *testing.T, err error) []string {
	t.Helper()
	var out []string
	for _, e := range unjoin(err) {
		var ie *availability.InputError
		require.ErrorAs(t, e, &ie)
		out = append(out, ie.Field)
	}
	return out
}

// TestTermsStrictJSON checks issue 12's silent losses in terms: each is
// now an error at its JSON path, all at once, with the nearest key.
func TestTermsStrictJSON(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "terms", "managed.json"))
	require.NoError(t, err)
	doc := string(b)
	for _, r := range [][2]string{{`"objective"`, `"objectve"`}, {`"credits"`, `"credit"`}, {`"respond"`, `"respnd"`}, {`"lower": ">= 99%"`, `"lowr": ">= 99%"`}} {
		require.Contains(t, doc, r[0])
		doc = strings.Replace(doc, r[0], r[1], 1)
	}
	var terms contract.Terms
	err = json.Unmarshal([]byte(doc), &terms)
	require.Error(t, err)
	// A priority's targets are optional (an unset target makes no row), so
	// the misspelt "respnd" is reported alone.
	assert.ElementsMatch(t, []string{"objectve", "objective", "credit", "credits", "support.priorities[0].respnd"}, fields(t, err), "%v", err)
	assert.Contains(t, err.Error(), `credit: is not a known key; did you mean "credits"?`)

	err = json.Unmarshal([]byte(`{"tiers": [{"upper": "< 99%", "lowr": ">= 0%", "credit": "10%"}, {"upper": "99%", "lower": ">= 0%", "credit": "5%"}]}`), new(contract.CreditSchedule))
	assert.ElementsMatch(t, []string{"tiers[0].lowr", "tiers[0].lower", "tiers[1].upper"}, fields(t, err), "%v", err)
	tiers := `{"tiers": [` + strings.TrimSuffix(strings.Repeat(`{"upper": "< 99%", "lower": ">= 0%", "credit": "10%"},`, contract.MaxTiers+1), ",") + `]}`
	assert.ErrorIs(t, json.Unmarshal([]byte(tiers), new(contract.CreditSchedule)), availability.ErrLimit)
	err = json.Unmarshal([]byte(`{"planned": true, "plannedNotise": "48h"}`), new(contract.Exclusions))
	assert.Equal(t, []string{"plannedNotise"}, fields(t, err))
}

func TestSupplierStrictJSON(t *testing.T) {
	err := json.Unmarshal([]byte(`{"name": "NetCo", "component": ["net"]}`), new(contract.Supplier))
	assert.ElementsMatch(t, []string{"component", "components", "terms"}, fields(t, err), "%v", err)
}
