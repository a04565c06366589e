package availability_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
)

func inputFields(t *testing.T, err error) []string {
	t.Helper()
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
			return
		}
		t.Errorf("not an *availability.InputError: %T %v", e, e)
	}
	walk(err)
	return out
}

// TestStrictJSON checks unknown and missing keys and limits of the graph
// and maintenance JSON (issue 12).
func TestStrictJSON(t *testing.T) {
	var m availability.Model
	err := json.Unmarshal([]byte(`{"nodes": [{"name": "a", "availabilty": "99%"}, {"availability": "99%"}, {"name": "c", "requires": "any", "dependsOn": ["a"], "depends": ["b"]}]}`), &m)
	require.Error(t, err)
	assert.ElementsMatch(t, []string{"nodes[0].availabilty", "nodes[1].name", "nodes[2].depends"}, inputFields(t, err), "%v", err)
	assert.Contains(t, err.Error(), `did you mean "availability"?`)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"nodez": []}`), &m), availability.ErrSyntax)

	nodes := strings.TrimSuffix(strings.Repeat(`{"name": "x"},`, availability.MaxNodes+1), ",")
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"nodes": [`+nodes+`]}`), &m), availability.ErrLimit)
	var s availability.NodeSpec
	err = json.Unmarshal([]byte(`{"name": "`+strings.Repeat("n", availability.MaxNameLength+1)+`"}`), &s)
	assert.ErrorIs(t, err, availability.ErrLimit)
	assert.Equal(t, []string{"name"}, inputFields(t, err))

	var mt availability.Maintenance
	err = json.Unmarshal([]byte(`{"every": "168h", "duraton": "2h"}`), &mt)
	assert.ElementsMatch(t, []string{"duraton", "duration"}, inputFields(t, err), "%v", err)
	require.NoError(t, json.Unmarshal([]byte(`{"every": "168h", "duration": "2h", "offset": "1h"}`), &mt))
	assert.Equal(t, availability.Maintenance{Every: 168 * time.Hour, Duration: 2 * time.Hour, Offset: time.Hour}, mt)
	b, err := json.Marshal(mt)
	require.NoError(t, err)
	var back availability.Maintenance
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, mt, back, "round trip")
}

// FuzzMaintenanceJSON: no panic, and what decodes round-trips.
func FuzzMaintenanceJSON(f *testing.F) {
	f.Add([]byte(`{"every": "168h", "duration": "2h", "offset": "1h"}`))
	f.Add([]byte(`{"every": "1h", "duration": "1m"}`))
	f.Add([]byte(`{"every": "1h", "every": "2h", "duration": "1m"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var mt availability.Maintenance
		if json.Unmarshal(data, &mt) != nil {
			return
		}
		b, err := json.Marshal(mt)
		if err != nil {
			t.Fatal(err)
		}
		var back availability.Maintenance
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if back != mt {
			t.Fatalf("round trip: %v became %v", mt, back)
		}
	})
}

func TestDownSpanStrictJSON(t *testing.T) {
	var s availability.DownSpan
	err := json.Unmarshal([]byte(`{"start": "1h", "ende": "2h"}`), &s)
	assert.ElementsMatch(t, []string{"ende", "end"}, inputFields(t, err), "%v", err)
	in := availability.DownSpan{Start: time.Hour, End: 36 * time.Hour, Planned: true}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &s))
	assert.Equal(t, in, s)
}
