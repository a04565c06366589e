package faulttree_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/availability/faulttree"
)

// enumerate evaluates a small tree by brute force over its own gates: an
// evaluator independent of both BDDs.
func enumerate(tr *faulttree.Tree) float64 {
	gates, events := tr.Gates(), tr.Events()
	x := make([]bool, len(events))
	var val func(g int) bool
	val = func(g int) bool {
		c := 0
		for _, in := range gates[g].Inputs {
			v := false
			if in.Gate {
				v = val(in.Index)
			} else {
				v = x[in.Index]
			}
			if v != in.Negated {
				c++
			}
		}
		switch gates[g].Operator {
		case faulttree.And:
			return c == len(gates[g].Inputs)
		case faulttree.Or:
			return c > 0
		case faulttree.AtLeast:
			return c >= gates[g].Min
		}
		return c%2 == 1
	}
	p := 0.0
	for s := 0; s < 1<<len(events); s++ {
		w := 1.0
		for i := range x {
			x[i] = s>>i&1 == 1
			if x[i] {
				w *= events[i].Probability
			} else {
				w *= 1 - events[i].Probability
			}
		}
		if val(tr.TopGate()) {
			p += w
		}
	}
	return p
}

// FuzzRead checks that no input makes Read panic or hang, that every
// error is a *ReadError, and that an accepted model gives a valid tree
// whose probability, when the tree is small, matches enumeration.
func FuzzRead(f *testing.F) {
	f.Add([]byte(doc(pumpTree + pumpData)))
	f.Add([]byte(ccfModel("MGL", `<factors><factor level="2"><float value="0.1"/></factor><factor level="3"><float value="0.2"/></factor></factors>`)))
	f.Add([]byte(exprTree(`<periodic-test><float value="1e-3"/><float value="1e-2"/><float value="100"/><float value="50"/><system-mission-time/></periodic-test>`, "")))
	f.Add([]byte(doc(`<define-fault-tree name="f"><define-gate name="t"><xor><not><basic-event name="a"/></not><cardinality min="1" max="2"><basic-event name="a"/><basic-event name="b"/><house-event name="h"/></cardinality></xor></define-gate>
<define-basic-event name="a"><float value="0.3"/></define-basic-event><define-basic-event name="b"><float value="0.6"/></define-basic-event><define-house-event name="h"><constant value="true"/></define-house-event></define-fault-tree>`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := faulttree.Read(faulttree.ReadOptions{Limits: faulttree.Limits{MaxElements: 5000, MaxCCFMembers: 6}},
			faulttree.Source{Name: "fuzz", Reader: bytes.NewReader(data)})
		if err != nil {
			var re *faulttree.ReadError
			if !errors.As(err, &re) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		for _, e := range tr.Events() {
			if !(e.Probability >= 0 && e.Probability <= 1) {
				t.Fatalf("event %s probability %g", e.Name, e.Probability)
			}
		}
		gates := tr.Gates()
		for _, g := range gates {
			for _, in := range g.Inputs {
				if in.Gate && (in.Index < 0 || in.Index >= len(gates)) || !in.Gate && (in.Index < 0 || in.Index >= len(tr.Events())) {
					t.Fatalf("gate %s: input out of range", g.Name)
				}
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		ev, err := tr.Evaluate(ctx, faulttree.EvalOptions{MaxNodes: 20000})
		if err != nil {
			if !errors.Is(err, availability.ErrBudget) && !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("evaluation: %v", err)
			}
			return
		}
		if !(ev.P >= 0 && ev.P <= 1+1e-12) || math.Abs(ev.P+ev.NotP-1) > 1e-9 {
			t.Fatalf("P = %g, 1 − P = %g", ev.P, ev.NotP)
		}
		if _, ok := tr.Constant(); !ok && len(tr.Events()) <= 10 && len(gates) <= 200 {
			if want := enumerate(tr); math.Abs(want-ev.P) > 1e-9 {
				t.Fatalf("P = %.17g, enumeration %.17g", ev.P, want)
			}
		}
	})
}
