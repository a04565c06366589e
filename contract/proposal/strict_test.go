package proposal_test

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/contract/proposal"
)

// edit replaces old by new in doc exactly once.
func edit(t *testing.T, doc []byte, old, new string) []byte {
	t.Helper()
	require.Equal(t, 1, bytes.Count(doc, []byte(old)), "the document has %q once", old)
	return bytes.Replace(doc, []byte(old), []byte(new), 1)
}

// TestFiveMistakes is issue 12's document with five mistakes: all five are
// reported, each at its path from the root, with one prefix.
func TestFiveMistakes(t *testing.T) {
	doc, err := os.ReadFile("testdata/webshop.json")
	require.NoError(t, err)
	doc = edit(t, doc, `"objective": {"target": "99.9%", "period": "month"},
    "support"`, `"objectve": {"target": "99.9%", "period": "month"},
    "support"`)
	doc = edit(t, doc, `"credits": {
      "tiers": [
        {"upper": "< 99.9%"`, `"credit": {
      "tiers": [
        {"upper": "< 99.9%"`)
	doc = edit(t, doc, `"P1", "respond": {"business": "1h0m0s"}`, `"P1", "respnd": {"business": "1h0m0s"}`)
	doc = edit(t, doc, `"objective": {"target": "99.98%", "period": "month"}`,
		`"objective": {"target": "99.98%", "period": "month", "calendar": {"zone": "Europe/Amsterdan", "hours": [{"day": "Monday", "from": "00:00", "to": "24:00"}]}}`)
	doc = edit(t, doc, `"fee": "EUR 250.00"`, `"fee": "EUR 250,00"`)

	_, err = proposal.Parse(doc)
	require.Error(t, err)
	want := []problem{
		{"offer.objectve", proposal.ErrUnknown, `did you mean "objective"?`},
		{"offer.credit", proposal.ErrUnknown, `did you mean "credits"?`},
		{"offer.objective", proposal.ErrMissing, "is required"},
		{"offer.credits", proposal.ErrMissing, "is required"},
		{"offer.support.priorities[0].respnd", proposal.ErrUnknown, `did you mean "respond"?`},
		// A priority's response target is optional (an unset target makes
		// no row), so the misspelt key is reported alone.
		{"suppliers[1].terms.objective.calendar.zone", proposal.ErrInvalid, `did you mean "Europe/Amsterdam"?`},
		{"models[1].subscription.fee", proposal.ErrSyntax, `did you mean "EUR 250.00"?`},
	}
	got := fieldErrors(t, err)
	var paths []string
	for _, g := range got {
		paths = append(paths, g.Field)
		assert.Equal(t, "proposal", g.Func)
		assert.False(t, strings.HasPrefix(g.Error(), "proposal: proposal:"), g.Error())
	}
	require.Len(t, got, len(want), "problems: %v\n%v", paths, err)
	for _, w := range want {
		i := indexOf(paths, w.path)
		if !assert.GreaterOrEqual(t, i, 0, "no problem at %s:\n%v", w.path, err) {
			continue
		}
		assert.ErrorIs(t, got[i], w.sentinel, "%v", got[i])
		assert.Contains(t, got[i].Error(), w.contains)
	}
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// TestLimits checks that hostile documents meet a typed limit error before
// they cost memory.
func TestLimits(t *testing.T) {
	deep := strings.Repeat(`{"a":`, proposal.MaxDepth+1) + `1` + strings.Repeat(`}`, proposal.MaxDepth+1)
	many := func(n int, elem string) string {
		return strings.TrimSuffix(strings.Repeat(elem+",", n), ",")
	}
	tiers := `{"upper": "< 99%", "lower": ">= 0%", "credit": "10%"}`
	tests := []struct {
		name, json, path string
	}{
		{"size", `{"name": "` + strings.Repeat(" ", proposal.MaxSize) + `"}`, ""},
		{"depth", deep, ""},
		{"string", `{"name": "` + strings.Repeat("x", proposal.MaxString+1) + `"}`, ""},
		{"nodes", with(`"components": [`, `"components": [`+many(proposal.MaxNodes+1, `{"name": "x"}`)+`,`), "components"},
		{"tiers", with(`"credits": {"tiers": [`, `"credits": {"tiers": [`+many(proposal.MaxTiers, tiers)+`,`), "offer.credits.tiers"},
		{"name", with(`{"name": "app"`, `{"name": "`+strings.Repeat("a", proposal.MaxNameLength+1)+`"`), "components[0].name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := proposal.Parse([]byte(tt.json))
			require.ErrorIs(t, err, proposal.ErrLimit)
			got := fieldErrors(t, err)
			var paths []string
			for _, g := range got {
				paths = append(paths, g.Field)
			}
			assert.Contains(t, paths, tt.path, "%v", err)
		})
	}
	t.Run("reader", func(t *testing.T) {
		_, err := proposal.Load(strings.NewReader(`{"name": "` + strings.Repeat(" ", proposal.MaxSize) + `"}`))
		require.ErrorIs(t, err, proposal.ErrLimit)
	})
}

// TestManyProblemsAreCapped checks that a document of thousands of
// mistakes lists MaxProblems of them and counts the rest.
func TestManyProblemsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"service": "svc", "components": [`)
	for i := range 3 * proposal.MaxProblems {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"name": "n` + strconv.Itoa(i) + `", "availabilty": "99%"}`)
	}
	b.WriteString(`]}`)
	_, err := proposal.Parse([]byte(b.String()))
	require.ErrorIs(t, err, proposal.ErrUnknown)
	got := fieldErrors(t, err)
	require.Len(t, got, proposal.MaxProblems+1)
	assert.Regexp(t, `and \d+ more problems$`, got[proposal.MaxProblems].Error())
}
