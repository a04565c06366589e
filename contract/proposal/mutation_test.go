package proposal_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/proposal"
	"github.com/slacalc/slacalc/sla"
)

// keyEdit rewrites one key of a JSON document: the n-th key in document
// order is renamed (to its name without the last letter, "credits" to
// "credit") or deleted with its value.
type keyEdit struct {
	n      int
	delete bool
}

// key is one key of a document: its path, its path pattern ("[]" for
// indexes) and its name.
type key struct {
	path, pattern, name string
}

// misspell is the name a careless hand makes of a key.
func misspell(k string) string {
	if len(k) <= 2 {
		return k + "x"
	}
	return k[:len(k)-1]
}

// rewrite returns doc with the edit applied (n < 0: unchanged) and the
// keys of doc in order.
func rewrite(t testing.TB, doc []byte, e keyEdit) ([]byte, []key) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var out bytes.Buffer
	var keys []key
	var value func(path, pattern string)
	value = func(path, pattern string) {
		tok, err := dec.Token()
		require.NoError(t, err)
		switch tok {
		case json.Delim('{'):
			out.WriteByte('{')
			first := true
			for dec.More() {
				tok, err := dec.Token()
				require.NoError(t, err)
				name := tok.(string)
				p, pp := join(path, name), join(pattern, name)
				n := len(keys)
				keys = append(keys, key{p, pp, name})
				if n == e.n && e.delete {
					var skip json.RawMessage
					require.NoError(t, dec.Decode(&skip))
					continue
				}
				if !first {
					out.WriteByte(',')
				}
				first = false
				if n == e.n {
					name = misspell(name)
					p = join(path, name)
				}
				b, _ := json.Marshal(name)
				out.Write(b)
				out.WriteByte(':')
				value(p, pp)
			}
			_, _ = dec.Token()
			out.WriteByte('}')
		case json.Delim('['):
			out.WriteByte('[')
			for i := 0; dec.More(); i++ {
				if i > 0 {
					out.WriteByte(',')
				}
				value(path+"["+strconv.Itoa(i)+"]", pattern+"[]")
			}
			_, _ = dec.Token()
			out.WriteByte(']')
		default:
			b, err := json.Marshal(tok)
			require.NoError(t, err)
			out.Write(b)
		}
	}
	value("", "")
	return out.Bytes(), keys
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// document is a shipped or test document and how it is loaded.
type document struct {
	file string
	load func([]byte) error
	// optional lists the key patterns that may be left out.
	optional []string
}

func loadProposal(b []byte) error { _, err := proposal.Parse(b); return err }

func loadTerms(b []byte) error { var v contract.Terms; return json.Unmarshal(b, &v) }

func loadCalendar(b []byte) error { var v sla.Calendar; return json.Unmarshal(b, &v) }

func documents(t testing.TB) []document {
	var docs []document
	add := func(glob string, load func([]byte) error, optional []string) {
		files, err := filepath.Glob(glob)
		require.NoError(t, err)
		require.NotEmpty(t, files, glob)
		for _, f := range files {
			docs = append(docs, document{f, load, optional})
		}
	}
	add("../../examples/proposal/proposal.json", loadProposal, proposalOptional)
	add("testdata/*.json", loadProposal, proposalOptional)
	add("proposaltest/testdata/*.json", loadProposal, proposalOptional)
	add("../testdata/terms/*.json", loadTerms, termsOptional)
	add("../../sla/testdata/*.json", loadCalendar, calendarOptional)
	return docs
}

// errorPaths returns the fields of the problems in err.
func errorPaths(err error) []string {
	var out []string
	var walk func(error)
	walk = func(e error) {
		if ie, ok := e.(*availability.InputError); ok {
			out = append(out, ie.Field)
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
		}
	}
	walk(err)
	return out
}

// TestMisspeltKeys renames every key of every document in turn: loading
// must fail, naming the misspelt key or the key that is now missing
// (issue 12: no silent loss).
func TestMisspeltKeys(t *testing.T) {
	for _, d := range documents(t) {
		t.Run(d.file, func(t *testing.T) {
			doc, err := os.ReadFile(d.file)
			require.NoError(t, err)
			require.NoError(t, d.load(doc), "the document is valid")
			_, keys := rewrite(t, doc, keyEdit{n: -1})
			silent := 0
			for i, k := range keys {
				bad, _ := rewrite(t, doc, keyEdit{n: i})
				err := d.load(bad)
				parent := strings.TrimSuffix(k.path, k.name)
				want := []string{k.path, parent + misspell(k.name)}
				if err == nil {
					silent++
					t.Errorf("%s misspelt %q: accepted", k.path, misspell(k.name))
					continue
				}
				paths := errorPaths(err)
				if !slices.ContainsFunc(paths, func(p string) bool { return slices.Contains(want, p) }) {
					t.Errorf("%s misspelt: no problem names %v, got %v\n%v", k.path, want, paths, err)
				}
			}
			t.Logf("%d keys, %d silently misspellable", len(keys), silent)
		})
	}
}

// TestDeletedKeys deletes every key in turn: a key whose absence is
// accepted must be one of the document kind's optional keys, and a
// required key's absence is reported at its path.
func TestDeletedKeys(t *testing.T) {
	for _, d := range documents(t) {
		t.Run(d.file, func(t *testing.T) {
			doc, err := os.ReadFile(d.file)
			require.NoError(t, err)
			_, keys := rewrite(t, doc, keyEdit{n: -1})
			for i, k := range keys {
				bad, _ := rewrite(t, doc, keyEdit{n: i, delete: true})
				err := d.load(bad)
				if err == nil {
					assert.Contains(t, d.optional, k.pattern, "%s deleted: accepted, but it is not optional", k.path)
					continue
				}
				if !slices.Contains(d.optional, k.pattern) {
					// The key's path, a field under it, or the object
					// that lost it (a one-key model without its kind).
					parent := strings.TrimSuffix(strings.TrimSuffix(k.path, k.name), ".")
					named := slices.ContainsFunc(errorPaths(err), func(p string) bool {
						return p == k.path || p == parent || strings.HasPrefix(p, k.path+".") || strings.HasPrefix(p, k.path+"[")
					})
					assert.True(t, named, "%s deleted: no problem names it\n%v", k.path, err)
				}
				assert.NotContains(t, err.Error(), "proposal: proposal:", "one prefix")
			}
		})
	}
}

// The keys that documents may leave out, each with a documented default or
// meaning when absent; every other key is required. A deleted key in
// these lists may still be an error elsewhere (a component without
// "availability" and without "dependsOn" is an empty group).
var (
	proposalOptional = []string{
		"name", "customer", "suppliers", "failures", "demand", "models", "simulation",
		"components[].availability", "components[].requires", "components[].dependsOn",
		"failures.db", "failures.web1", "failures.web2", "failures.db.repairSigma", "failures.app", "failures.network",
		"offer.objective.calendar", "offer.objective.calendar.holidays", "suppliers[].terms.objective.calendar",
		"models[].breakFix.label", "models[].breakFix.rate.callOut", "models[].bundle.label",
		"models[].subscription.included", "models[].subscription.label", "models[].subscription.unlimited",
		"offer.name", "offer.support", "offer.support.calendar", "offer.support.priorities",
		"suppliers[].terms.name", "suppliers[].terms.support", "suppliers[].terms.support.calendar", "suppliers[].terms.support.priorities",
		// A priority's targets are optional: a target nobody set makes no
		// row and costs nothing (issue 13).
		"offer.support.priorities[].respond", "offer.support.priorities[].resolve",
		"suppliers[].terms.support.priorities[].respond", "suppliers[].terms.support.priorities[].resolve",
		"simulation.repairTime", "simulation.seed", "simulation.start", "simulation.years", "simulation.zone",
	}
	termsOptional = []string{
		"name", "objective.calendar", "credits.cap", "credits.claim", "credits.claim.days", "credits.claim.required", "credits.minimum",
		"exclusions", "exclusions.customerCaused", "exclusions.planned", "exclusions.plannedNotice", "obligations",
		"support", "support.calendar", "support.penaltyCap", "support.priorities",
		"support.priorities[].resolvePenalty", "support.priorities[].respondPenalty",
		"support.priorities[].respond", "support.priorities[].resolve", "support.calendar.holidays",
		"credits.proRata.max", "credits.proRata.count", "credits.perDowntime.max", "credits.perDowntime.count",
		"support.priorities[].calendar", "support.responseCap", "support.resolutionCap",
		"totalCap", "work", "work.covered", "work.extra", "work.extra.minimum",
	}
	calendarOptional = []string{"holidays", "holidays[].firstYear", "holidays[].from", "holidays[].to", "holidays[].name", "holidays[].observed"}
)
