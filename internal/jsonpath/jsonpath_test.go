package jsonpath_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/internal/jsonpath"
)

type inner struct {
	Level string `json:"level"`
	Note  string `json:"note,omitempty"`
}

type doc struct {
	Name  string            `json:"name"`
	Count int               `json:"count,omitempty"`
	Inner inner             `json:"inner"`
	List  []inner           `json:"list,omitempty"`
	Map   map[string]inner  `json:"map,omitempty"`
	When  time.Time         `json:"when,omitzero"`
	Ptr   *inner            `json:"ptr,omitempty"`
	Extra map[string]string `json:"extra,omitempty"`
	//lint:ignore U1000 an unexported field, which the decoder must skip
	hidden int
}

type issueErr struct{ jsonpath.Issue }

func (e issueErr) Error() string { return e.Path + ": " + e.Value + " " + e.Reason }

var decoder = jsonpath.Decoder{
	Required: []string{"name", "inner.level", "list[].level", "map.*.level"},
	Err:      func(is jsonpath.Issue) error { return issueErr{is} },
	Nest: func(path string, err error, text bool) []error {
		return []error{issueErr{jsonpath.Issue{Path: path, Reason: err.Error(), Kind: jsonpath.ErrType}}}
	},
}

func decode(t *testing.T, s string) (doc, map[string]error) {
	t.Helper()
	var d doc
	got := map[string]error{}
	for _, e := range decoder.Decode([]byte(s), &d) {
		var ie issueErr
		require.True(t, errors.As(e, &ie))
		got[ie.Path] = ie.Kind
	}
	return d, got
}

func TestDecode(t *testing.T) {
	d, got := decode(t, `{"name": "a", "count": 3, "inner": {"level": "x"}, "list": [{"level": "y", "note": "n"}], "map": {"k": {"level": "z"}}, "when": "2027-01-01T00:00:00Z", "ptr": {"level": "p"}}`)
	assert.Empty(t, got)
	assert.Equal(t, doc{Name: "a", Count: 3, Inner: inner{Level: "x"}, List: []inner{{"y", "n"}}, Map: map[string]inner{"k": {Level: "z"}},
		When: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Ptr: &inner{Level: "p"}}, d)

	_, got = decode(t, `{"nam": "a", "count": "3", "inner": {"levl": "x"}, "list": [{"level": "y"}, {}], "map": {"k": {}}, "when": "yesterday", "name": "b", "name": "c"}`)
	assert.Equal(t, map[string]error{"name": jsonpath.ErrType}, got, "a key given twice is the one problem of its object")

	_, got = decode(t, `{"nam": "a", "count": "3", "inner": {"levl": "x"}, "list": [{"level": "y"}, {}], "map": {"k": {}}, "when": "yesterday"}`)
	assert.Equal(t, map[string]error{
		"nam": jsonpath.ErrUnknownKey, "name": jsonpath.ErrMissing, "count": jsonpath.ErrType,
		"inner.levl": jsonpath.ErrUnknownKey, "inner.level": jsonpath.ErrMissing,
		"list[1].level": jsonpath.ErrMissing, "map.k.level": jsonpath.ErrMissing, "when": jsonpath.ErrType,
	}, got, "every problem at once, at its path")
}

func TestUnknownKeySuggestsNearest(t *testing.T) {
	assert.Equal(t, `is not a known key; did you mean "credits"?`, jsonpath.UnknownKey("credit", []string{"tiers", "credits", "cap"}))
	assert.Equal(t, `is not a known key; did you mean "dependsOn"?`, jsonpath.UnknownKey("dependson", []string{"name", "dependsOn"}))
	n, ok := jsonpath.Nearest("qqqqqqqq", []string{"name", "fee"})
	assert.False(t, ok, "too far to suggest: %s", n)
}

func TestNearestZone(t *testing.T) {
	if len(jsonpath.Zones()) == 0 {
		t.Skip("no time zone database on this machine")
	}
	for in, want := range map[string]string{"Europe/Amsterdan": "Europe/Amsterdam", "europe/amsterdam": "Europe/Amsterdam", "America/New_Yrok": "America/New_York"} {
		got, ok := jsonpath.NearestZone(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	assert.Contains(t, jsonpath.Zones(), "UTC")
}

func TestCheckLimits(t *testing.T) {
	l := jsonpath.Limits{Size: 100, Depth: 3, String: 5}
	assert.Nil(t, jsonpath.CheckLimits([]byte(`{"a": [[1]], "b": "12345"}`), l))
	for _, s := range []string{`[[[[1]]]]`, `{"a": "123456"}`, `"` + strings.Repeat(" ", 100) + `"`, `["\"[[[[[["]`} {
		if s == `["\"[[[[[["]` {
			assert.NotNil(t, jsonpath.CheckLimits([]byte(s), l), "the string is long, not deep")
			continue
		}
		is := jsonpath.CheckLimits([]byte(s), l)
		require.NotNil(t, is, s)
		assert.Equal(t, jsonpath.ErrLimit, is.Kind)
	}
	assert.Nil(t, jsonpath.CheckLimits([]byte(`["[[[[[["]`), jsonpath.Limits{Depth: 3, String: 10}), "brackets in strings do not nest")
}

func TestFlatten(t *testing.T) {
	a, b, c := errors.New("a"), errors.New("b"), errors.New("c")
	assert.Equal(t, []error{a, b, c}, jsonpath.Flatten(errors.Join(a, errors.Join(b, c))))
	assert.Nil(t, jsonpath.Flatten(nil))
}

// FuzzDecode: no panic on any document, every problem an issue, and a
// document that decodes without problems re-encodes to one that does too.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"name": "a", "inner": {"level": "x"}, "list": [{"level": "y"}], "map": {"k": {"level": "z"}}}`))
	f.Add([]byte(`{"nam": "a", "count": 1e400, "inner": [], "list": {}, "map": {"k": 1}, "ptr": null}`))
	f.Add([]byte(`{"name": "a", "name": "b"}`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d doc
		errs := decoder.Decode(data, &d)
		for _, e := range errs {
			var ie issueErr
			if !errors.As(e, &ie) || ie.Kind == nil {
				t.Fatalf("not an issue: %v", e)
			}
		}
		if len(errs) > 0 {
			return
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var back doc
		if errs := decoder.Decode(b, &back); len(errs) > 0 {
			t.Fatalf("%s: %v", b, errs)
		}
	})
}

// TestNearestIsBounded checks that a hostile name costs little: a zone
// name of 4 KiB against every zone.
func TestNearestIsBounded(t *testing.T) {
	long := strings.Repeat("Europe/Amsterdam", 256)
	start := time.Now()
	for range 10 {
		jsonpath.NearestZone(long)
	}
	assert.Less(t, time.Since(start), 2*time.Second, "10 look-ups of a 4 KiB name")
	_, ok := jsonpath.NearestZone(long)
	assert.False(t, ok)
}
