package bdd_test

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/slacalc/slacalc/internal/bdd"
)

// bridgeFailure is the failure logic of the bridge network: parts A, B
// (variables 0, 1) in the first stage, C (2) the bridge, D, E (3, 4) the
// second stage; the system fails when every path A-D, B-E, A-C-E, B-C-D
// has a failed part.
func bridgeFailure() *bdd.Structure {
	or := func(v ...int) bdd.Gate {
		g := bdd.Gate{Kind: bdd.KindOr}
		for _, x := range v {
			g.Inputs = append(g.Inputs, bdd.VarRef(x))
		}
		return g
	}
	return &bdd.Structure{
		NumVars: 5,
		Gates: []bdd.Gate{
			or(0, 3), or(1, 4), or(0, 2, 4), or(1, 2, 3),
			{Kind: bdd.KindAnd, Inputs: []bdd.Ref{bdd.GateRef(0), bdd.GateRef(1), bdd.GateRef(2), bdd.GateRef(3)}},
		},
		Top: bdd.GateRef(4),
	}
}

func ExampleCompile() {
	// Two of three redundant parts must fail: 3q² − 2q³.
	s := &bdd.Structure{NumVars: 3, Gates: []bdd.Gate{
		{Kind: bdd.KindAtLeast, K: 2, Inputs: []bdd.Ref{bdd.VarRef(0), bdd.VarRef(1), bdd.VarRef(2)}},
	}, Top: bdd.GateRef(0)}
	d, err := bdd.Compile(context.Background(), s, nil, bdd.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := d.Probability([]float64{1e-6, 1e-6, 1e-6})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.6e\n", p)
	// Output: 2.999998e-12
}

func ExampleDiagram_Conditionals() {
	d, err := bdd.Compile(context.Background(), bridgeFailure(), nil, bdd.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := d.Conditionals([]float64{0.01, 0.01, 0.01, 0.01, 0.01})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Birnbaum importance of A and of the bridge C. By hand for C: with C
	// failed the system fails when both A-or-D and B-or-E fail,
	// 0.0199² = 3.9601e-4; with C working when A and B, or D and E, fail,
	// 1 − 0.9999² = 1.9999e-4; the difference is 1.9602e-4.
	fmt.Printf("A: %.4e\nC: %.4e\n", c.GivenTrue[0]-c.GivenFalse[0], c.GivenTrue[2]-c.GivenFalse[2])
	// Output:
	// A: 1.0096e-02
	// C: 1.9602e-04
}

func ExampleDiagram_MinimalCutSets() {
	ctx := context.Background()
	d, err := bdd.Compile(ctx, bridgeFailure(), nil, bdd.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	cs, err := d.MinimalCutSets(ctx, bdd.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The most probable cut sets first: {D, E} = 0.03·0.04, then the
	// diagonal through the unreliable bridge C, 0.02·0.5·0.03.
	top, err := cs.Top([]float64{0.01, 0.02, 0.5, 0.03, 0.04}, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cs.Count(), "minimal cut sets")
	for _, s := range top {
		fmt.Printf("%v %.2e\n", s.Vars, s.Probability)
	}
	// Output:
	// 4 minimal cut sets
	// [3 4] 1.20e-03
	// [1 2 3] 3.00e-04
	// [0 1] 2.00e-04
	// [0 2 4] 2.00e-04
}

// pairs returns Top = OR(AND(x1..xn), AND(x1, y1), …, AND(xn, yn)) over
// x = 0..n−1 and y = n..2n−1, every variable true with probability q.
func pairs(n int, q float64) (*bdd.Structure, []float64) {
	s := &bdd.Structure{NumVars: 2 * n}
	all := bdd.Gate{Kind: bdd.KindAnd}
	top := bdd.Gate{Kind: bdd.KindOr, Inputs: []bdd.Ref{bdd.GateRef(0)}}
	for i := range n {
		all.Inputs = append(all.Inputs, bdd.VarRef(i))
		top.Inputs = append(top.Inputs, bdd.GateRef(1+i))
	}
	s.Gates = append(s.Gates, all)
	for i := range n {
		s.Gates = append(s.Gates, bdd.Gate{Kind: bdd.KindAnd, Inputs: []bdd.Ref{bdd.VarRef(i), bdd.VarRef(n + i)}})
	}
	s.Gates = append(s.Gates, top)
	s.Top = bdd.GateRef(n + 1)
	probs := make([]float64, 2*n)
	for v := range probs {
		probs[v] = q
	}
	return s, probs
}

// ExampleModularProbability_budget evaluates a structure whose diagram in
// the depth-first order is exponential: Top = OR(AND(x1..xn), AND(x1, y1),
// …, AND(xn, yn)) tests every x before every y, 2¹⁷ nodes for n = 17. With
// a budget of 100,000 nodes the exact evaluation stops, and the error
// carries certified bounds, from diagrams cut down from below and from
// above. The exact value, by the closed form 1 − (1 − q²)ⁿ + qⁿ(1 − q)ⁿ,
// lies between them.
func ExampleModularProbability_budget() {
	const n, q = 17, 0.01
	s, probs := pairs(n, q)
	_, err := bdd.ModularProbability(context.Background(), s, probs, []bdd.OrderHeuristic{bdd.DepthFirst}, bdd.Options{MaxNodes: 100_000})
	var be *bdd.BuildError
	if !errors.As(err, &be) || !be.Bounded {
		fmt.Println("unexpected:", err)
		return
	}
	exact := 1 - math.Pow(1-q*q, n) + math.Pow(q, n)*math.Pow(1-q, n)
	lo, hi, _ := bdd.Bounds(s, probs)
	fmt.Printf("cut-down bounds: [%.6e, %.6e]\n", be.Lower, be.Upper)
	fmt.Printf("linear bounds:   [%.6e, %.6e]\n", lo, hi)
	fmt.Printf("exact:            %.6e, inside: %v\n", exact, be.Lower <= exact && exact <= be.Upper)
	// Output:
	// cut-down bounds: [1.681746e-03, 1.698641e-03]
	// linear bounds:   [1.000000e-04, 1.698641e-03]
	// exact:            1.698641e-03, inside: true
}

// ExampleModularProbability_sift evaluates the structure of
// ExampleModularProbability_budget with n = 40, whose depth-first order
// would need about 2⁴⁰ nodes, within the same budget of 100,000 nodes:
// with Options.Sift the module is rebuilt with dynamic reordering, which
// brings the diagram down to a few hundred nodes, and the result is exact
// (the closed form 1 − (1 − q²)ⁿ + qⁿ(1 − q)ⁿ, whose first subtraction
// cancels, agrees to the printed digits).
func ExampleModularProbability_sift() {
	const n, q = 40, 0.01
	s, probs := pairs(n, q)
	res, err := bdd.ModularProbability(context.Background(), s, probs, []bdd.OrderHeuristic{bdd.DepthFirst}, bdd.Options{MaxNodes: 100_000, Sift: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	exact := 1 - math.Pow(1-q*q, n) + math.Pow(q, n)*math.Pow(1-q, n)
	fmt.Printf("sifted modules: %d, diagram: %d nodes\n", res.Sifted, res.MaxNodes)
	fmt.Printf("P:     %.10e\n", res.P)
	fmt.Printf("exact: %.10e\n", exact)
	// Output:
	// sifted modules: 1, diagram: 279 nodes
	// P:     3.9922098709e-03
	// exact: 3.9922098709e-03
}

// ExampleStructure_Modules finds the modules of top = AND(g1, g2) with
// g1 = OR(x0, x1), g2 = OR(x1, g3), g3 = AND(x2, x3): g1 and g2 share x1,
// so neither is a module; g3 is, and so is top.
func ExampleStructure_Modules() {
	s := &bdd.Structure{NumVars: 4, Gates: []bdd.Gate{
		{Kind: bdd.KindAnd, Inputs: []bdd.Ref{bdd.GateRef(1), bdd.GateRef(2)}},
		{Kind: bdd.KindOr, Inputs: []bdd.Ref{bdd.VarRef(0), bdd.VarRef(1)}},
		{Kind: bdd.KindOr, Inputs: []bdd.Ref{bdd.VarRef(1), bdd.GateRef(3)}},
		{Kind: bdd.KindAnd, Inputs: []bdd.Ref{bdd.VarRef(2), bdd.VarRef(3)}},
	}, Top: bdd.GateRef(0)}
	fmt.Println(s.Modules())
	// Output: [true false false true]
}
