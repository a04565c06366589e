package faulttree_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability/faulttree"
)

// ccfModel is a group of three pumps A, B, C with Q = 0.01 and the top
// event "A and B fail".
func ccfModel(model, factors string) string {
	return doc(`<define-fault-tree name="ccf">
<define-gate name="top"><and><basic-event name="A"/><basic-event name="B"/></and></define-gate>
<define-CCF-group name="pumps" model="` + model + `">
<members><basic-event name="A"/><basic-event name="B"/><basic-event name="C"/></members>
<distribution><float value="0.01"/></distribution>
` + factors + `
</define-CCF-group>
</define-fault-tree>`)
}

// TestCCFModels checks each model's expansion against the MEF's formulas
// worked by hand for n = 3, Q = 0.01 (the probability of one CCF event of
// k members, Q_k), and P(top) against enumeration over the CCF events
// (python, itertools.product over the 7 or 4 events) and SCRAM 0.16.2
// (scram --bdd --ccf 1 --probability 1), which prints 6 digits.
func TestCCFModels(t *testing.T) {
	const at = 1.13 // α_t = Σ k·α_k = 0.9 + 2·0.07 + 3·0.03
	cases := []struct {
		model, factors string
		q1, q2, q3     float64 // Q_k by hand
		top, scram     float64
	}{
		// beta-factor, β = 0.1: Q1 = (1 − β)Q, Q3 = βQ, no pairs.
		{"beta-factor", `<factor level="3"><float value="0.1"/></factor>`,
			0.009, 0, 0.001, 0.0010809189999999998, 0.00108092},
		// MGL, ρ2 = 0.1, ρ3 = 0.2: Q1 = (1 − ρ2)Q, Q2 = ρ2(1 − ρ3)Q/C(2,1),
		// Q3 = ρ2ρ3Q/C(2,2).
		{"MGL", `<factors><factor level="2"><float value="0.1"/></factor><factor level="3"><float value="0.2"/></factor></factors>`,
			0.009, 0.0004, 0.0002, 0.0006881593646236105, 0.000688159},
		// alpha-factor, α = (0.9, 0.07, 0.03): Q_k = k/C(2,k−1)·α_k/α_t·Q.
		{"alpha-factor", `<factors><factor level="1"><float value="0.9"/></factor><factor level="2"><float value="0.07"/></factor><factor level="3"><float value="0.03"/></factor></factors>`,
			0.9 / at * 0.01, 2.0 / 2 * 0.07 / at * 0.01, 3 * 0.03 / at * 0.01, 0.0014889332339910603, 0.00148893},
		// phi-factor, φ = (0.9, 0.07, 0.03): Q_k = φ_k·Q.
		{"phi-factor", `<factors><factor level="1"><float value="0.9"/></factor><factor level="2"><float value="0.07"/></factor><factor level="3"><float value="0.03"/></factor></factors>`,
			0.009, 0.0007, 0.0003, 0.0010936638716035523, 0.00109366},
	}
	for _, c := range cases {
		t.Run(c.model, func(t *testing.T) {
			tr := mustRead(t, faulttree.ReadOptions{}, ccfModel(c.model, c.factors))
			assert.InEpsilon(t, c.q1, event(t, tr, "[A]"), 1e-14)
			assert.InEpsilon(t, c.q1, event(t, tr, "[B]"), 1e-14)
			if c.q2 > 0 {
				assert.InEpsilon(t, c.q2, event(t, tr, "[A B]"), 1e-14)
				assert.InEpsilon(t, c.q2, event(t, tr, "[A C]"), 1e-14)
				assert.InEpsilon(t, c.q2, event(t, tr, "[B C]"), 1e-14)
				assert.Len(t, tr.Events(), 6, "[C] is not needed")
			} else {
				assert.Len(t, tr.Events(), 3, "beta-factor: [A], [B] and [A B C]; [C] is not needed")
			}
			assert.InEpsilon(t, c.q3, event(t, tr, "[A B C]"), 1e-14)
			p := prob(t, tr)
			assert.InEpsilon(t, c.top, p, 1e-13)
			assert.InEpsilon(t, c.scram, p, 5e-6)
		})
	}
}

func TestCCFErrors(t *testing.T) {
	for name, factors := range map[string]string{
		"factor above 1": `<factor level="3"><float value="1.5"/></factor>`,
		"phi sum":        `<factors><factor level="1"><float value="0.5"/></factor><factor level="2"><float value="0.1"/></factor></factors>`,
		"level too high": `<factors><factor level="4"><float value="0.5"/></factor></factors>`,
		"no factors":     ``,
	} {
		t.Run(name, func(t *testing.T) {
			model := "beta-factor"
			if name == "phi sum" {
				model = "phi-factor"
			}
			if name == "level too high" {
				model = "MGL"
			}
			_, err := readString(t, faulttree.ReadOptions{}, ccfModel(model, factors))
			require.Error(t, err)
		})
	}
}
