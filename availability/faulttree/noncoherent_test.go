package faulttree_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability/faulttree"
)

// randFormula is a random formula over events e0..e(n−1) and gates
// g0..g(i−1), kept both as MEF XML and as a Go function of the events'
// states, the brute-force reference.
type randFormula struct {
	xml  string
	eval func(x []bool, gates []func([]bool) bool) bool
}

func genFormula(rng *rand.Rand, nEvents, nGates, depth int) randFormula {
	if depth == 0 || rng.IntN(4) == 0 {
		switch k := rng.IntN(10); {
		case k < 6 || nGates == 0:
			v := rng.IntN(nEvents)
			return randFormula{fmt.Sprintf(`<basic-event name="e%d"/>`, v), func(x []bool, _ []func([]bool) bool) bool { return x[v] }}
		case k < 9:
			g := rng.IntN(nGates)
			return randFormula{fmt.Sprintf(`<gate name="g%d"/>`, g), func(x []bool, gs []func([]bool) bool) bool { return gs[g](x) }}
		default:
			b := rng.IntN(2) == 0
			return randFormula{fmt.Sprintf(`<constant value="%v"/>`, b), func([]bool, []func([]bool) bool) bool { return b }}
		}
	}
	ops := []string{"and", "or", "not", "xor", "nand", "nor", "iff", "imply", "atleast", "cardinality", "null"}
	op := ops[rng.IntN(len(ops))]
	n := 2 + rng.IntN(3)
	switch op {
	case "not", "null":
		n = 1
	case "iff", "imply":
		n = 2
	}
	args := make([]randFormula, n)
	var b strings.Builder
	for i := range args {
		args[i] = genFormula(rng, nEvents, nGates, depth-1)
	}
	count := func(x []bool, gs []func([]bool) bool) int {
		c := 0
		for _, a := range args {
			if a.eval(x, gs) {
				c++
			}
		}
		return c
	}
	var f func(x []bool, gs []func([]bool) bool) bool
	attrs := ""
	switch op {
	case "and":
		f = func(x []bool, gs []func([]bool) bool) bool { return count(x, gs) == n }
	case "or":
		f = func(x []bool, gs []func([]bool) bool) bool { return count(x, gs) > 0 }
	case "nand":
		f = func(x []bool, gs []func([]bool) bool) bool { return count(x, gs) < n }
	case "nor":
		f = func(x []bool, gs []func([]bool) bool) bool { return count(x, gs) == 0 }
	case "xor":
		f = func(x []bool, gs []func([]bool) bool) bool { return count(x, gs)%2 == 1 }
	case "not":
		f = func(x []bool, gs []func([]bool) bool) bool { return !args[0].eval(x, gs) }
	case "null":
		f = args[0].eval
	case "iff":
		f = func(x []bool, gs []func([]bool) bool) bool { return args[0].eval(x, gs) == args[1].eval(x, gs) }
	case "imply":
		f = func(x []bool, gs []func([]bool) bool) bool { return !args[0].eval(x, gs) || args[1].eval(x, gs) }
	case "atleast":
		k := 1 + rng.IntN(n)
		attrs = fmt.Sprintf(` min="%d"`, k)
		f = func(x []bool, gs []func([]bool) bool) bool { return count(x, gs) >= k }
	case "cardinality":
		lo := rng.IntN(n + 1)
		hi := lo + rng.IntN(n-lo+1)
		attrs = fmt.Sprintf(` min="%d" max="%d"`, lo, hi)
		f = func(x []bool, gs []func([]bool) bool) bool { c := count(x, gs); return c >= lo && c <= hi }
	}
	fmt.Fprintf(&b, "<%s%s>", op, attrs)
	for _, a := range args {
		b.WriteString(a.xml)
	}
	fmt.Fprintf(&b, "</%s>", op)
	return randFormula{b.String(), f}
}

// TestNonCoherentAgainstBruteForce builds random trees with every
// connective, constants and shared gates, and compares P(top) and the
// Birnbaum importance of every event with enumeration of all 2ⁿ states.
func TestNonCoherentAgainstBruteForce(t *testing.T) {
	trials := 300
	if testing.Short() {
		trials = 30
	}
	rng := rand.New(rand.NewPCG(14, 2026))
	for trial := range trials {
		nEvents := 2 + rng.IntN(6)
		nGates := 1 + rng.IntN(5)
		q := make([]float64, nEvents)
		var b strings.Builder
		b.WriteString(`<define-fault-tree name="r">`)
		gates := make([]func([]bool) bool, nGates)
		// g(i) uses only g0..g(i−1); the top uses them all.
		for i := range nGates {
			f := genFormula(rng, nEvents, i, 3)
			fmt.Fprintf(&b, `<define-gate name="g%d">%s</define-gate>`, i, f.xml)
			gates[i] = func(x []bool) bool { return f.eval(x, gates) }
		}
		b.WriteString(`<define-gate name="top"><or>`)
		for i := range nGates {
			fmt.Fprintf(&b, `<gate name="g%d"/>`, i)
		}
		b.WriteString(`</or></define-gate>`)
		for i := range q {
			q[i] = rng.Float64()
			fmt.Fprintf(&b, `<define-basic-event name="e%d"><float value="%v"/></define-basic-event>`, i, q[i])
		}
		b.WriteString(`</define-fault-tree>`)
		top := func(x []bool) bool {
			for _, g := range gates {
				if g(x) {
					return true
				}
			}
			return false
		}
		// Enumeration, with each event also forced true and false.
		want := 0.0
		given := make([][2]float64, nEvents)
		x := make([]bool, nEvents)
		for s := 0; s < 1<<nEvents; s++ {
			p := 1.0
			for i := range x {
				x[i] = s>>i&1 == 1
				if x[i] {
					p *= q[i]
				} else {
					p *= 1 - q[i]
				}
			}
			if top(x) {
				want += p
				for i := range x {
					pi := p / q[i]
					side := 1
					if !x[i] {
						pi, side = p/(1-q[i]), 0
					}
					given[i][side] += pi
				}
			}
		}
		tr, err := readString(t, faulttree.ReadOptions{Top: "top"}, doc(b.String()))
		require.NoError(t, err, b.String())
		ev, err := tr.Evaluate(context.Background(), faulttree.EvalOptions{})
		require.NoError(t, err)
		require.InDelta(t, want, ev.P, 1e-12, "trial %d: %s", trial, b.String())
		require.InDelta(t, 1-want, ev.NotP, 1e-12, "trial %d", trial)
		imp, err := tr.Importance(context.Background(), faulttree.EvalOptions{})
		require.NoError(t, err)
		for _, im := range imp {
			var i int
			fmt.Sscanf(im.Event, "e%d", &i)
			require.InDelta(t, given[i][1]-given[i][0], im.Birnbaum, 1e-9, "trial %d event %s", trial, im.Event)
			require.InDelta(t, given[i][1], im.GivenTrue, 1e-9, "trial %d event %s", trial, im.Event)
		}
		if !tr.Coherent() {
			_, err := tr.MinimalCutSets(context.Background(), 10, faulttree.EvalOptions{})
			var ce *faulttree.CoherenceError
			require.True(t, errors.As(err, &ce))
			require.ErrorIs(t, err, faulttree.ErrNotCoherent)
		}
	}
}

// TestImportanceAndCutSets checks the measures of a small coherent tree by
// hand: top = a ∧ (b ∨ c), q = 0.1, 0.2, 0.3.
func TestImportanceAndCutSets(t *testing.T) {
	tr := mustRead(t, faulttree.ReadOptions{}, doc(`<define-fault-tree name="f">
<define-gate name="top"><and><basic-event name="a"/><or><basic-event name="b"/><basic-event name="c"/></or></and></define-gate>
<define-basic-event name="a"><float value="0.1"/></define-basic-event>
<define-basic-event name="b"><float value="0.2"/></define-basic-event>
<define-basic-event name="c"><float value="0.3"/></define-basic-event></define-fault-tree>`))
	// P = 0.1·(1 − 0.8·0.7) = 0.044.
	assert.InDelta(t, 0.044, prob(t, tr), 1e-15)
	imp, err := tr.Importance(context.Background(), faulttree.EvalOptions{})
	require.NoError(t, err)
	// a: P(top|a) = 0.44, P(top|¬a) = 0. b: P(top|b) = 0.1,
	// P(top|¬b) = 0.03. Fussell-Vesely of b = (0.044 − 0.03)/0.044.
	byName := map[string]faulttree.EventImportance{}
	for _, im := range imp {
		byName[im.Event] = im
	}
	assert.InDelta(t, 0.44, byName["a"].Birnbaum, 1e-15)
	assert.InDelta(t, 0.07, byName["b"].Birnbaum, 1e-15)
	assert.InDelta(t, 0.014/0.044, byName["b"].FussellVesely, 1e-14)
	assert.InDelta(t, 10.0, byName["a"].RAW, 1e-13) // 0.44/0.044
	cs, err := tr.MinimalCutSets(context.Background(), 0, faulttree.EvalOptions{})
	require.NoError(t, err)
	assert.Equal(t, int64(2), cs.Count.Int64())
	require.Len(t, cs.Top, 2)
	assert.ElementsMatch(t, []string{"a", "c"}, cs.Top[0].Events) // 0.03
	assert.InDelta(t, 0.03, cs.Top[0].Probability, 1e-15)
	assert.ElementsMatch(t, []string{"a", "b"}, cs.Top[1].Events) // 0.02
}
