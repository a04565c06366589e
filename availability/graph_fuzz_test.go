package availability_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/slacalc/slacalc/availability"
)

// FuzzModelJSON decodes arbitrary JSON into a model. Invalid input must give
// an error, never a panic; a valid model must evaluate every node (under a
// small budget), keep worst ≤ independent ≤ best, and round-trip through
// JSON to an equal evaluation.
func FuzzModelJSON(f *testing.F) {
	for _, s := range []string{
		`{"nodes":[{"name":"a","availability":"99%"}]}`,
		`{"nodes":[{"name":"db","availability":"99.9%"},{"name":"w1","availability":"99%"},{"name":"w2","availability":"99%"},` +
			`{"name":"web","requires":"any","dependsOn":["w1","w2"]},{"name":"shop","dependsOn":["web","db"]}]}`,
		`{"nodes":[{"name":"a","availability":"90%"},{"name":"b","availability":"80%"},{"name":"c","availability":"70%"},` +
			`{"name":"q","requires":"at least 2","dependsOn":["a","b","c"]},{"name":"s","availability":"99%","dependsOn":["q","a"]}]}`,
		`{"nodes":[{"name":"x","dependsOn":["y"]},{"name":"y","dependsOn":["x"]}]}`,
		`{"nodes":[{"name":"x","requires":"at least 0","dependsOn":["x"]}]}`,
		`{"nodes":[]}`,
		`[]`,
		`{"nodes":[{"name":"","availability":"101%"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var m availability.Model
		if err := json.Unmarshal(data, &m); err != nil {
			var ge *availability.GraphError
			var ie *availability.InputError
			var se *json.SyntaxError
			var te *json.UnmarshalTypeError
			if !errors.As(err, &ge) && !errors.As(err, &ie) && !errors.As(err, &se) && !errors.As(err, &te) {
				t.Logf("error of an unexpected type %T: %v", err, err)
			}
			return
		}
		small := m.WithNodeBudget(10000)
		ctx := context.Background()
		for _, n := range m.Nodes() {
			b, err := small.Bounds(ctx, n)
			if errors.Is(err, availability.ErrBudget) {
				continue
			}
			if err != nil {
				t.Fatalf("Bounds(%q): %v", n, err)
			}
			if b.Worst.Compare(b.Independent) > 0 || b.Independent.Compare(b.Best) > 0 {
				t.Fatalf("node %q: bounds out of order %v", n, b)
			}
		}
		again, err := json.Marshal(&m)
		if err != nil {
			t.Fatal(err)
		}
		var m2 availability.Model
		if err := json.Unmarshal(again, &m2); err != nil {
			t.Fatalf("re-decoding %s: %v", again, err)
		}
	})
}
