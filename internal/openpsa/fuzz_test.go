package openpsa

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/slacalc/slacalc/internal/bdd"
)

// FuzzParse checks that no input makes Parse panic or hang, that an
// accepted document gives a valid structure, and that evaluating it under a
// small budget either succeeds or fails with a budget error.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.xml")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(doc(`<define-gate name="top"><atleast min="2"><basic-event name="a"/><basic-event name="b"/><gate name="g"/></atleast></define-gate><define-gate name="g"><or><event name="a"/></or></define-gate>`, events)))
	f.Add([]byte(doc(`<define-gate name="top"><or><gate name="top"/></or></define-gate>`, events)))
	f.Add([]byte(header + `<define-fault-tree name="t"></opsa-mef>`))
	f.Add([]byte(`<opsa-mef><model-data><define-basic-event name="a"><float value="1e-400"/></define-basic-event></model-data></opsa-mef>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ft, err := Parse(bytes.NewReader(data), Options{})
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		s := ft.Structure()
		if err := s.Validate(); err != nil {
			t.Fatalf("accepted document gives an invalid structure: %v", err)
		}
		for i, q := range ft.Probabilities() {
			if !(q >= 0 && q <= 1) {
				t.Fatalf("event %d probability %g", i, q)
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		res, err := ft.TopProbability(ctx, nil, bdd.Options{MaxNodes: 10000})
		if err != nil {
			if !errors.Is(err, bdd.ErrBudget) {
				t.Fatalf("evaluation: %v", err)
			}
			return
		}
		if !(res.P >= 0 && res.P <= 1) {
			t.Fatalf("probability %g", res.P)
		}
	})
}
