package openslo_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/slacalc/slacalc/sla/openslo"
)

// FuzzDecode: any stream either fails or decodes; every document whose
// objective can be read is written again and reads back to the same
// objective (export ∘ import is a fixed point).
func FuzzDecode(f *testing.F) {
	f.Add("apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec:\n  service: a\n  timeWindow: [{duration: 28d, isRolling: true}]\n  budgetingMethod: Occurrences\n  objectives: [{target: 0.995}]\n")
	f.Add("apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: b}\nspec:\n  service: b\n  timeWindow: [{duration: 1M, isRolling: false, calendar: {startTime: 2024-01-01 00:00:00, timeZone: Europe/Amsterdam}}]\n  budgetingMethod: Timeslices\n  objectives: [{target: 0.99, timeSliceTarget: 0.9, timeSliceWindow: 5m}]\n---\nkind: Service\n")
	f.Fuzz(func(t *testing.T, doc string) {
		docs, err := openslo.Decode(bytes.NewReader([]byte(doc)))
		if err != nil {
			return
		}
		for _, d := range docs {
			o, err := d.Objective()
			if err != nil {
				continue
			}
			again, err := openslo.FromObjective(d.Spec.Service, o)
			if err != nil {
				continue // e.g. a window of seconds read from "0m"… is rejected on export
			}
			back, err := again.Objective()
			if err != nil {
				t.Fatalf("re-exported document does not read back: %v", err)
			}
			a, _ := json.Marshal(o)
			b, _ := json.Marshal(back)
			if !bytes.Equal(a, b) {
				t.Fatalf("round trip changed the objective:\n%s\n%s", a, b)
			}
		}
	})
}
