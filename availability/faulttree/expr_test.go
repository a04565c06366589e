package faulttree_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability/faulttree"
)

// exprTree is a one-event tree whose event's probability is expr.
func exprTree(expr, params string) string {
	return doc(`<define-fault-tree name="f"><define-gate name="top"><or><basic-event name="e"/></or></define-gate>
<define-basic-event name="e">` + expr + `</define-basic-event></define-fault-tree><model-data>` + params + `</model-data>`)
}

func TestExpressions(t *testing.T) {
	cases := []struct {
		name, expr string
		mission    time.Duration
		want       float64
	}{
		// Closed forms of the MEF built-ins, values by hand (python
		// math, printed to 17 digits).
		// exponential(λ, t) = 1 − e^(−λt); λt = 1: 1 − e^−1.
		{"exponential", `<exponential><float value="1e-3"/><float value="1000"/></exponential>`, 0, 0.6321205588285577},
		// At the mission time: λ = 1e-4, t = 8760 h: 1 − e^−0.876.
		{"exponential mission", `<exponential><float value="1e-4"/><system-mission-time/></exponential>`, 0, 0.5835546339796199},
		{"exponential option", `<exponential><float value="1e-4"/><system-mission-time/></exponential>`, 10000 * time.Hour, 0.6321205588285577},
		// GLM(γ, λ, μ, t) = λ/(λ+μ) − (λ − γ(λ+μ))/(λ+μ)·e^(−(λ+μ)t),
		// γ = 0.1, λ = 1e-3, μ = 1e-2, t = 100.
		{"GLM", `<GLM><float value="0.1"/><float value="1e-3"/><float value="1e-2"/><float value="100"/></GLM>`, 0, 0.09393519166998254},
		{"exponential 4", `<exponential><float value="0.1"/><float value="1e-3"/><float value="1e-2"/><float value="100"/></exponential>`, 0, 0.09393519166998254},
		{"GLM at 0 is γ", `<GLM><float value="0.1"/><float value="1e-3"/><float value="1e-2"/><float value="0"/></GLM>`, 0, 0.1},
		// Weibull(α, β, t0, t) = 1 − exp(−((t − t0)/α)^β): ((1100 − 100)/1000)² = 1.
		{"Weibull", `<Weibull><float value="1000"/><float value="2"/><float value="100"/><float value="1100"/></Weibull>`, 0, 0.6321205588285577},
		{"Weibull before t0", `<Weibull><float value="1000"/><float value="2"/><float value="100"/><float value="50"/></Weibull>`, 0, 0},
		// periodic-test(λ, τ, θ, t), instant repair: before θ an
		// exponential (1 − e^−0.01); after, one from the last test:
		// (8760 − 360) mod 720 = 480 h, 1 − e^−0.048.
		{"periodic-test 4 before", `<periodic-test><float value="1e-4"/><float value="720"/><float value="360"/><float value="100"/></periodic-test>`, 0, 0.009950166250831947},
		{"periodic-test 4", `<periodic-test><float value="1e-4"/><float value="720"/><float value="360"/><system-mission-time/></periodic-test>`, 0, 0.04686621292249526},
		// 17520 tests later: (8760.25 − 0) mod 0.5 = 0.25 h, 1 − e^−2.5e-5.
		{"periodic-test 4 many tests", `<periodic-test><float value="1e-4"/><float value="0.5"/><float value="0"/><float value="8760.25"/></periodic-test>`, 0, 2.499968750260415e-05},
		// periodic-test(λ, μ, τ, θ, t) in its first interval: a0 = e^(−λθ)
		// available at the test at θ = 50, then for x = 30 h
		// Q = 1 − (a0·e^(−λx) + (1 − a0)·μ/(μ−λ)·(e^(−λx) − e^(−μx))),
		// λ = 1e-3, μ = 1e-2.
		{"periodic-test 5", `<periodic-test><float value="1e-3"/><float value="1e-2"/><float value="100"/><float value="50"/><float value="80"/></periodic-test>`, 0, 0.06444025783684426},
		// Later intervals, against SCRAM 0.16.2 (scram --bdd --probability 1
		// --mission-time T), whose 6 digits the tolerance below allows.
		{"periodic-test 5 SCRAM 333", `<periodic-test><float value="2e-3"/><float value="5e-2"/><float value="100"/><float value="30"/><system-mission-time/></periodic-test>`, 333 * time.Hour, 0.156908},
		{"periodic-test 5 SCRAM 1234.5", `<periodic-test><float value="2e-3"/><float value="5e-2"/><float value="100"/><float value="30"/><system-mission-time/></periodic-test>`, 1234500 * time.Hour / 1000, 0.148472},
		// Arithmetic: (2 + 3·4 − 6)/10 − 0.5 = 0.3; pow, sqrt, mean, ite.
		{"arithmetic", `<sub><div><sub><add><int value="2"/><mul><int value="3"/><int value="4"/></mul></add><int value="6"/></sub><int value="10"/></div><float value="0.5"/></sub>`, 0, 0.3},
		{"pow sqrt", `<sqrt><pow><float value="0.3"/><int value="2"/></pow></sqrt>`, 0, 0.3},
		{"mean min max", `<mean><min><float value="0.1"/><float value="0.2"/></min><max><float value="0.3"/><float value="0.2"/></max></mean>`, 0, 0.2},
		{"abs neg", `<abs><neg><float value="0.25"/></neg></abs>`, 0, 0.25},
		{"exp log", `<exp><log><float value="0.125"/></log></exp>`, 0, 0.125},
		{"log10", `<div><log10><int value="1000"/></log10><int value="10"/></div>`, 0, 0.3},
		{"mod floor ceil", `<div><add><mod><int value="7"/><int value="3"/></mod><floor><float value="1.5"/></floor><ceil><float value="1.5"/></ceil></add><int value="10"/></div>`, 0, 0.4},
		{"trig", `<add><cos><pi/></cos><float value="1.25"/></add>`, 0, 0.25},
		{"ite", `<ite><gt><int value="2"/><int value="1"/></gt><float value="0.7"/><float value="0.1"/></ite>`, 0, 0.7},
		{"switch", `<switch><case><eq><int value="1"/><int value="2"/></eq><float value="0.1"/></case><case><bool value="true"/><float value="0.2"/></case><float value="0.3"/></switch>`, 0, 0.2},
		{"boolean", `<mul><and><bool value="true"/><not><bool value="false"/></not></and><float value="0.5"/></mul>`, 0, 0.5},
		// Parameters, with units and through each other.
		{"parameters", `<exponential><parameter name="lambda"/><parameter name="t"/></exponential>`, 0, 0.6321205588285577},
		// Deviates take their mean: (0.1 + 0.3)/2; lognormal's mean.
		{"uniform", `<uniform-deviate><float value="0.1"/><float value="0.3"/></uniform-deviate>`, 0, 0.2},
		{"lognormal", `<lognormal-deviate><float value="0.01"/><float value="3"/><float value="0.95"/></lognormal-deviate>`, 0, 0.01},
	}
	params := `<define-parameter name="lambda" unit="hours-1"><div><float value="1"/><parameter name="t"/></div></define-parameter>
<define-parameter name="t" unit="hours"><int value="500"/></define-parameter>`
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr, err := readString(t, faulttree.ReadOptions{MissionTime: c.mission}, exprTree(c.expr, params))
			require.NoError(t, err)
			tol := 1e-14
			if strings.Contains(c.name, "SCRAM") {
				tol = 5e-6
			}
			assert.InEpsilon(t, c.want+1e-300, event(t, tr, "e")+1e-300, tol)
		})
	}
}

// TestPeriodicTestAgainstMarkov integrates the three-state Markov model of
// the 5-argument periodic test (available, failed undetected, in repair;
// failures at λ, repairs at μ, a test at θ + nτ sends failed to repair)
// step by step and compares with the closed form at several times.
func TestPeriodicTestAgainstMarkov(t *testing.T) {
	const lambda, mu, tau, theta = 2e-3, 5e-2, 100.0, 30.0
	markov := func(tEnd float64) float64 {
		const dt = 1e-3
		a, f, r := 1.0, 0.0, 0.0
		next := theta
		for s := 0.0; s < tEnd-dt/2; s += dt {
			if s >= next-dt/2 {
				r, f = r+f, 0
				next += tau
			}
			// Runge–Kutta 4 on da = −λa + μr, df = λa, dr = −μr.
			d := func(a, f, r float64) (float64, float64, float64) { return -lambda*a + mu*r, lambda * a, -mu * r }
			a1, f1, r1 := d(a, f, r)
			a2, f2, r2 := d(a+dt/2*a1, f+dt/2*f1, r+dt/2*r1)
			a3, f3, r3 := d(a+dt/2*a2, f+dt/2*f2, r+dt/2*r2)
			a4, f4, r4 := d(a+dt*a3, f+dt*f3, r+dt*r3)
			a += dt / 6 * (a1 + 2*a2 + 2*a3 + a4)
			f += dt / 6 * (f1 + 2*f2 + 2*f3 + f4)
			r += dt / 6 * (r1 + 2*r2 + 2*r3 + r4)
		}
		return 1 - a
	}
	for _, at := range []float64{20, 75, 333, 1234.5} {
		expr := `<periodic-test><float value="2e-3"/><float value="5e-2"/><float value="100"/><float value="30"/><system-mission-time/></periodic-test>`
		tr := mustRead(t, faulttree.ReadOptions{MissionTime: time.Duration(at * float64(time.Hour))}, exprTree(expr, ""))
		want := markov(at)
		assert.InEpsilon(t, want, event(t, tr, "e"), 1e-6, "t = %v", at)
		assert.False(t, math.IsNaN(want))
	}
}

// TestPeriodicTest11 compares the 11-argument periodic-test with SCRAM
// 0.16.2 (scram --bdd --probability 1 --mission-time T, 6 digits) at
// points chosen to exercise each parameter alone and together: λ = 2e-3,
// λ* = 3e-3, μ = 5e-2, τ = 100, θ = 30, π = 2 throughout. The same
// values came out of an independent step-by-step (Runge–Kutta) integration
// of the Markov model written in Python.
func TestPeriodicTest11(t *testing.T) {
	cases := []struct {
		gamma, x, sigma, omega, t, scram float64
	}{
		{0, 1, 1, 0, 31, 0.0610565}, // during the first test
		{0, 0, 1, 0, 31, 1},         // unavailable while tested
		{0, 1, 1, 0, 331, 0.175684},
		{0, 0, 1, 0, 331, 0.999935}, // only repairs finishing during the test
		{0, 1, 1, 0, 333, 0.171057},
		{0.1, 1, 1, 0, 31, 0.154951},
		{0.1, 1, 1, 0, 131, 0.258604},
		{0.1, 1, 1, 0, 333, 0.247208},
		{0, 1, 0.8, 0, 33, 0.0632501},
		{0, 1, 0.8, 0, 333, 0.205794},
		{0, 1, 1, 0.1, 33, 0.0629389},
		{0, 1, 1, 0.1, 333, 0.187126},
		{0.1, 1, 0.8, 0, 33, 0.153027},
		{0.1, 1, 1, 0.1, 33, 0.15226},
		{0, 1, 0.8, 0.1, 33, 0.063499},
		{0.1, 1, 0.8, 0, 333, 0.292325},
		{0.01, 1, 0.9, 0.02, 333, 0.198458},
	}
	for _, c := range cases {
		expr := fmt.Sprintf(`<periodic-test><float value="2e-3"/><float value="3e-3"/><float value="5e-2"/><float value="100"/><float value="30"/>`+
			`<float value="%v"/><float value="2"/><float value="%v"/><float value="%v"/><float value="%v"/><system-mission-time/></periodic-test>`,
			c.gamma, c.x, c.sigma, c.omega)
		tr := mustRead(t, faulttree.ReadOptions{MissionTime: time.Duration(c.t * float64(time.Hour))}, exprTree(expr, ""))
		assert.InEpsilon(t, c.scram, event(t, tr, "e"), 5e-6, "%+v", c)
	}
	// Astronomically many tests: the cycle map is raised to a huge power
	// and the result stays a probability.
	many := `<periodic-test><float value="2e-3"/><float value="3e-3"/><float value="5e-2"/><float value="1e-9"/><float value="0"/>` +
		`<float value="0"/><float value="1e-10"/><float value="1"/><float value="1"/><float value="0"/><float value="8760"/></periodic-test>`
	q := event(t, mustRead(t, faulttree.ReadOptions{}, exprTree(many, "")), "e")
	assert.True(t, q >= 0 && q <= 1, "%v", q)
	// With an instantaneous, perfect test and no bad restarts the full
	// form is the 5-argument one.
	full := `<periodic-test><float value="2e-3"/><float value="3e-3"/><float value="5e-2"/><float value="100"/><float value="30"/>` +
		`<float value="0"/><float value="0"/><float value="1"/><float value="1"/><float value="0"/><system-mission-time/></periodic-test>`
	five := `<periodic-test><float value="2e-3"/><float value="5e-2"/><float value="100"/><float value="30"/><system-mission-time/></periodic-test>`
	for _, at := range []float64{10, 75, 333, 1234.5, 87600} {
		opts := faulttree.ReadOptions{MissionTime: time.Duration(at * float64(time.Hour))}
		a := event(t, mustRead(t, opts, exprTree(full, "")), "e")
		b := event(t, mustRead(t, opts, exprTree(five, "")), "e")
		assert.InEpsilon(t, b, a, 1e-12, "t = %v", at)
	}
}
