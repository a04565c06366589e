package faulttree

import (
	"math"
	"strconv"

	"github.com/slacalc/slacalc/availability"
)

// expr evaluates an MEF expression at the reader's mission time. Boolean
// values are 1 (true) and 0 (false), as the MEF lets them mix with
// numbers. Random deviates take their mean, the MEF's "default value" for
// a point estimate.
func (r *reader) expr(e *element, sc *scope, owner string) (float64, bool) {
	args := e.args()
	bad := func(format string, a ...any) (float64, bool) {
		r.fail(availability.ErrRange, e, owner, format, a...)
		return 0, false
	}
	nargs := func(lo, hi int) bool {
		if len(args) < lo || hi >= 0 && len(args) > hi {
			want := strconv.Itoa(lo)
			switch {
			case hi < 0:
				want = "at least " + want
			case hi != lo:
				want += " to " + strconv.Itoa(hi)
			}
			r.fail(availability.ErrSyntax, e, owner, "takes %s arguments, found %d", want, len(args))
			return false
		}
		return true
	}
	vals := func(lo, hi int) ([]float64, bool) {
		if !nargs(lo, hi) {
			return nil, false
		}
		out := make([]float64, len(args))
		ok := true
		for i, a := range args {
			x, k := r.expr(a, sc, owner)
			out[i], ok = x, ok && k
		}
		return out, ok
	}
	check := func(x float64) (float64, bool) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return bad("result %v is not a finite number", x)
		}
		return x, true
	}
	switch e.name {
	case "float":
		s, _ := e.attr("value")
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			r.fail(availability.ErrSyntax, e, owner, "value=%q is not a finite number", s)
			return 0, false
		}
		return x, true
	case "int":
		s, _ := e.attr("value")
		k, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			r.fail(availability.ErrSyntax, e, owner, "value=%q is not an integer", s)
			return 0, false
		}
		return float64(k), true
	case "bool":
		b, ok := r.boolConst(e, owner)
		return b2f(b), ok
	case "pi":
		if !nargs(0, 0) {
			return 0, false
		}
		return math.Pi, true
	case "system-mission-time":
		if !nargs(0, 0) {
			return 0, false
		}
		return r.missionTime, true
	case "parameter":
		n, _ := e.attr("name")
		d := resolve(r.paramsFull, r.paramsPublic, sc, n)
		if d == nil {
			r.fail(ErrUndefined, e, owner, "undefined parameter %q", n)
			return 0, false
		}
		x := r.param(d)
		return x, d.ok
	case "test-initiating-event", "test-functional-event":
		r.fail(ErrUnsupported, e, owner, "event-tree tests are not supported")
		return 0, false
	case "extern-function":
		n, _ := e.attr("name")
		r.fail(ErrUnsupported, e, owner, "extern function %q: calls to external code are not supported", n)
		return 0, false
	}
	unary := map[string]func(float64) float64{
		"neg": func(x float64) float64 { return -x }, "abs": math.Abs, "acos": math.Acos, "asin": math.Asin,
		"atan": math.Atan, "cos": math.Cos, "cosh": math.Cosh, "exp": math.Exp, "log": math.Log,
		"log10": math.Log10, "sin": math.Sin, "sinh": math.Sinh, "tan": math.Tan, "tanh": math.Tanh,
		"sqrt": math.Sqrt, "ceil": math.Ceil, "floor": math.Floor,
		"not": func(x float64) float64 { return b2f(x == 0) },
	}
	if f, ok := unary[e.name]; ok {
		v, ok := vals(1, 1)
		if !ok {
			return 0, false
		}
		x := v[0]
		switch {
		case (e.name == "acos" || e.name == "asin") && (x < -1 || x > 1):
			return bad("argument %v is outside [-1, 1]", x)
		case (e.name == "log" || e.name == "log10") && x <= 0:
			return bad("argument %v is not positive", x)
		case e.name == "sqrt" && x < 0:
			return bad("argument %v is negative", x)
		}
		return check(f(x))
	}
	switch e.name {
	case "add", "sub", "mul", "div", "min", "max", "mean", "and", "or":
		v, ok := vals(1, -1)
		if !ok {
			return 0, false
		}
		acc := v[0]
		for _, x := range v[1:] {
			switch e.name {
			case "add", "mean":
				acc += x
			case "sub":
				acc -= x
			case "mul":
				acc *= x
			case "div":
				if x == 0 {
					return bad("division by zero")
				}
				acc /= x
			case "min":
				acc = math.Min(acc, x)
			case "max":
				acc = math.Max(acc, x)
			case "and":
				acc = b2f(acc != 0 && x != 0)
			case "or":
				acc = b2f(acc != 0 || x != 0)
			}
		}
		if e.name == "mean" {
			acc /= float64(len(v))
		}
		if e.name == "and" || e.name == "or" {
			acc = b2f(acc != 0)
		}
		return check(acc)
	case "mod", "pow", "eq", "df", "lt", "gt", "leq", "geq":
		v, ok := vals(2, 2)
		if !ok {
			return 0, false
		}
		a, b := v[0], v[1]
		switch e.name {
		case "mod":
			if b == 0 {
				return bad("modulo by zero")
			}
			return check(math.Mod(a, b))
		case "pow":
			return check(math.Pow(a, b))
		case "eq":
			return b2f(a == b), true
		case "df":
			return b2f(a != b), true
		case "lt":
			return b2f(a < b), true
		case "gt":
			return b2f(a > b), true
		case "leq":
			return b2f(a <= b), true
		default:
			return b2f(a >= b), true
		}
	case "ite":
		v, ok := vals(3, 3)
		if !ok {
			return 0, false
		}
		if v[0] != 0 {
			return v[1], true
		}
		return v[2], true
	case "switch":
		if !nargs(1, -1) {
			return 0, false
		}
		for _, c := range args[:len(args)-1] {
			if c.name != "case" || len(c.args()) != 2 {
				r.fail(availability.ErrSyntax, c, owner, "a switch holds <case> condition value </case> elements, then a default")
				return 0, false
			}
			ca := c.args()
			cond, ok := r.expr(ca[0], sc, owner)
			if !ok {
				return 0, false
			}
			if cond != 0 {
				return r.expr(ca[1], sc, owner)
			}
		}
		return r.expr(args[len(args)-1], sc, owner)
	case "exponential", "GLM", "Weibull", "periodic-test":
		return r.builtin(e, owner, args, vals)
	case "uniform-deviate":
		v, ok := vals(2, 2)
		if !ok {
			return 0, false
		}
		if v[0] > v[1] {
			return bad("lower bound %v above upper bound %v", v[0], v[1])
		}
		return (v[0] + v[1]) / 2, true
	case "normal-deviate":
		v, ok := vals(2, 2)
		if !ok {
			return 0, false
		}
		if v[1] <= 0 {
			return bad("standard deviation %v is not positive", v[1])
		}
		return v[0], true
	case "lognormal-deviate":
		v, ok := vals(2, 3)
		if !ok {
			return 0, false
		}
		if len(v) == 3 { // mean, error factor, level
			if v[0] <= 0 || v[1] <= 1 || v[2] <= 0 || v[2] >= 1 {
				return bad("want mean > 0, error factor > 1 and level in (0, 1)")
			}
			return v[0], true
		}
		if v[1] <= 0 { // mu, sigma of the underlying normal
			return bad("sigma %v is not positive", v[1])
		}
		return check(math.Exp(v[0] + v[1]*v[1]/2))
	case "gamma-deviate":
		v, ok := vals(2, 2)
		if !ok {
			return 0, false
		}
		if v[0] <= 0 || v[1] <= 0 {
			return bad("shape and scale must be positive")
		}
		return v[0] * v[1], true
	case "beta-deviate":
		v, ok := vals(2, 2)
		if !ok {
			return 0, false
		}
		if v[0] <= 0 || v[1] <= 0 {
			return bad("shape parameters must be positive")
		}
		return v[0] / (v[0] + v[1]), true
	case "histogram":
		return r.histogram(e, sc, owner, args)
	}
	r.fail(availability.ErrSyntax, e, owner, "not an MEF expression")
	return 0, false
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// histogram is the mean of a histogram: its first argument is the lower
// boundary, then bins of (upper boundary, weight); the mean is the
// weighted mean of the bins' midpoints.
func (r *reader) histogram(e *element, sc *scope, owner string, args []*element) (float64, bool) {
	if len(args) < 2 {
		r.fail(availability.ErrSyntax, e, owner, "a histogram holds a lower boundary and at least one <bin>")
		return 0, false
	}
	lo, ok := r.expr(args[0], sc, owner)
	if !ok {
		return 0, false
	}
	var sum, wsum float64
	for _, b := range args[1:] {
		ba := b.args()
		if b.name != "bin" || len(ba) != 2 {
			r.fail(availability.ErrSyntax, b, owner, "a bin holds an upper boundary and a weight")
			return 0, false
		}
		hi, ok1 := r.expr(ba[0], sc, owner)
		w, ok2 := r.expr(ba[1], sc, owner)
		if !ok1 || !ok2 {
			return 0, false
		}
		if hi <= lo || w < 0 {
			r.fail(availability.ErrRange, b, owner, "bin boundaries must increase and weights be non-negative")
			return 0, false
		}
		sum += w * (lo + hi) / 2
		wsum += w
		lo = hi
	}
	if wsum == 0 {
		r.fail(availability.ErrRange, e, owner, "all weights are zero")
		return 0, false
	}
	return sum / wsum, true
}

// builtin evaluates the MEF's time-dependent built-ins; every time is in
// hours and every rate per hour.
func (r *reader) builtin(e *element, owner string, args []*element, vals func(lo, hi int) ([]float64, bool)) (float64, bool) {
	bad := func(format string, a ...any) (float64, bool) {
		r.fail(availability.ErrRange, e, owner, format, a...)
		return 0, false
	}
	switch e.name {
	case "exponential", "GLM":
		if e.name == "exponential" && len(args) != 2 && len(args) != 4 || e.name == "GLM" && len(args) != 4 {
			r.fail(availability.ErrSyntax, e, owner, "%s takes %s arguments, found %d", e.name,
				map[string]string{"exponential": "2 or 4", "GLM": "4"}[e.name], len(args))
			return 0, false
		}
		v, ok := vals(2, 4)
		if !ok {
			return 0, false
		}
		if len(v) == 2 {
			lambda, t := v[0], v[1]
			if lambda < 0 || t < 0 {
				return bad("rate %v and time %v must not be negative", lambda, t)
			}
			return exponential(lambda, t), true
		}
		gamma, lambda, mu, t := v[0], v[1], v[2], v[3]
		if gamma < 0 || gamma > 1 || lambda < 0 || mu < 0 || t < 0 || lambda+mu == 0 {
			return bad("GLM wants γ in [0, 1], λ ≥ 0, μ ≥ 0, λ + μ > 0 and t ≥ 0")
		}
		return glm(gamma, lambda, mu, t), true
	case "Weibull":
		v, ok := vals(4, 4)
		if !ok {
			return 0, false
		}
		alpha, beta, t0, t := v[0], v[1], v[2], v[3]
		if alpha <= 0 || beta <= 0 || t0 < 0 || t < 0 {
			return bad("Weibull wants α > 0, β > 0, t₀ ≥ 0 and t ≥ 0")
		}
		return weibull(alpha, beta, t0, t), true
	}
	// periodic-test
	if len(args) == 11 {
		v, ok := vals(11, 11)
		if !ok {
			return 0, false
		}
		p := periodicParams{lambda: v[0], lambdaTest: v[1], mu: v[2], tau: v[3], theta: v[4], gamma: v[5],
			pi: v[6], x: v[7], sigma: v[8], omega: v[9]}
		t := v[10]
		in01 := func(x float64) bool { return x >= 0 && x <= 1 }
		if p.lambda < 0 || p.lambdaTest < 0 || p.mu < 0 || p.tau <= 0 || p.theta < 0 || p.pi < 0 || p.pi > p.tau ||
			!in01(p.gamma) || !in01(p.x) || !in01(p.sigma) || !in01(p.omega) || t < 0 {
			return bad("periodic-test wants λ, λ*, μ ≥ 0, τ > 0, θ ≥ 0, 0 ≤ π ≤ τ, γ, x, σ, ω in [0, 1] and t ≥ 0")
		}
		return p.unavailability(t), true
	}
	if len(args) != 4 && len(args) != 5 {
		r.fail(availability.ErrSyntax, e, owner, "periodic-test takes 4, 5 or 11 arguments, found %d", len(args))
		return 0, false
	}
	v, ok := vals(4, 5)
	if !ok {
		return 0, false
	}
	mu := math.Inf(1)
	if len(v) == 5 {
		mu = v[1]
		v = append(v[:1], v[2:]...)
	}
	lambda, tau, theta, t := v[0], v[1], v[2], v[3]
	if lambda < 0 || mu < 0 || tau <= 0 || theta < 0 || t < 0 {
		return bad("periodic-test wants λ ≥ 0, μ ≥ 0, τ > 0, θ ≥ 0 and t ≥ 0")
	}
	return periodicTest(lambda, mu, tau, theta, t), true
}

// exponential is 1 − e^(−λt), computed without cancellation.
func exponential(lambda, t float64) float64 { return -math.Expm1(-lambda * t) }

// glm is the MEF's four-parameter exponential:
// λ/(λ+μ) − (λ − γ(λ+μ))/(λ+μ) · e^(−(λ+μ)t).
func glm(gamma, lambda, mu, t float64) float64 {
	s := lambda + mu
	return lambda/s - (lambda-gamma*s)/s*math.Exp(-s*t)
}

// weibull is 1 − exp(−((t − t₀)/α)^β), zero before t₀.
func weibull(alpha, beta, t0, t float64) float64 {
	if t <= t0 {
		return 0
	}
	return -math.Expm1(-math.Pow((t-t0)/alpha, beta))
}

// periodicTest is the unavailability at time t of a component that fails
// at rate λ, is tested instantly and perfectly at θ, θ+τ, θ+2τ, …, and
// when found failed is repaired at rate μ (+Inf: instantly), unavailable
// during the repair; a repair that runs across a test goes on. Before the
// first test it is a plain exponential.
//
// Just after the j-th test the component is available with probability
// a_j and in repair otherwise. Over a time x it stays or becomes available
// with probability A(x) = a·e^(−λx) + (1 − a)·c(x), where c(x) =
// μ/(μ−λ)·(e^(−λx) − e^(−μx)) is the chance to be repaired and not to
// fail again (μ·x·e^(−λx) when μ = λ, e^(−λx) when μ = +Inf). So a_(j+1)
// = C + ρ·a_j with C = c(τ) and ρ = e^(−λτ) − C, a geometric sequence
// from a_0 = e^(−λθ), summed in closed form rather than test by test.
func periodicTest(lambda, mu, tau, theta, t float64) float64 {
	if t <= theta {
		return exponential(lambda, t)
	}
	c := func(x float64) float64 {
		switch {
		case math.IsInf(mu, 1):
			return math.Exp(-lambda * x)
		case mu == lambda:
			return mu * x * math.Exp(-lambda*x)
		}
		return mu / (mu - lambda) * (math.Exp(-lambda*x) - math.Exp(-mu*x))
	}
	n := math.Floor((t - theta) / tau) // tests after the first one
	x := math.Mod(t-theta, tau)        // time since the last test
	a := math.Exp(-lambda * theta)
	if n > 0 {
		C := c(tau)
		rho := math.Exp(-lambda*tau) - C
		if rho != 1 {
			fix := C / (1 - rho)
			a = fix + (a-fix)*math.Pow(rho, n)
		}
	}
	if math.IsInf(mu, 1) {
		return exponential(lambda, x)
	}
	return 1 - (a*math.Exp(-lambda*x) + (1-a)*c(x))
}

// periodicParams are the eleven parameters of the full periodic-test
// built-in but the time: failure rates when working (λ) and under test
// (λ*), repair rate μ, test interval τ, first test θ, probability γ of a
// failure caused by starting the test, test duration π, availability x of
// the component during its test (1 or 0), test coverage σ and probability
// ω of a bad restart after a repair.
type periodicParams struct {
	lambda, lambdaTest, mu, tau, theta, gamma, pi, x, sigma, omega float64
}

// ptState is the distribution over the model's states: available (A),
// failed undetected (F), in repair (R), under test and working (T),
// failed during the test (TF), failure detected by the test, waiting for
// its end (D).
type ptState struct{ a, f, r, t, tf, d float64 }

// flow advances the state by h hours without a test boundary: A fails at
// λ, a repair ends at μ (badly with probability ω, leaving the component
// failed), T fails at λ*.
func (p *periodicParams) flow(s ptState, h float64) ptState {
	eL, eM, eS := math.Exp(-p.lambda*h), math.Exp(-p.mu*h), math.Exp(-p.lambdaTest*h)
	var c float64 // repaired within h and not failed again since
	switch {
	case p.mu == 0:
	case p.mu == p.lambda:
		c = p.mu * h * eL
	default:
		c = p.mu / (p.mu - p.lambda) * (eL - eM)
	}
	repaired := s.r * (1 - p.omega) * c
	n := ptState{a: s.a*eL + repaired, r: s.r * eM, t: s.t * eS, tf: s.tf + s.t*(1-eS), d: s.d}
	n.f = s.f + s.a*(1-eL) + s.r*(1-eM) - repaired
	return n
}

// start and end are the instants a test begins and ends. At the start a
// working component goes under test (failing at once with probability γ)
// and a failed one is found with probability σ; one in repair is not
// tested. At the end the tested component is available again, and each
// failure found, or made during the test and found with probability σ,
// goes to repair.
func (p *periodicParams) start(s ptState) ptState {
	return ptState{t: s.a * (1 - p.gamma), tf: s.a * p.gamma, d: s.f * p.sigma, f: s.f * (1 - p.sigma), r: s.r}
}

func (p *periodicParams) end(s ptState) ptState {
	return ptState{a: s.a + s.t, r: s.r + s.d + s.tf*p.sigma, f: s.f + s.tf*(1-p.sigma)}
}

// unavailability is the MEF's 11-argument periodic-test at time t: the
// three phases of the MEF's description (an exponential up to θ, tests of
// duration π every τ, functioning in between), as a Markov model over the
// states of [ptState], solved exactly phase by phase. The test cycles are
// one linear map applied n times, raised to the n-th power by squaring.
// The MEF leaves the fine semantics to a figure; where it is silent, SCRAM
// 0.16.2 decided (ω applies to repairs only; a failure caused by the test
// start is found with probability σ), and the tests compare with it.
func (p *periodicParams) unavailability(t float64) float64 {
	if t <= p.theta {
		return exponential(p.lambda, t)
	}
	s := p.flow(ptState{a: 1}, p.theta)
	inTest := func(s ptState, h float64) float64 {
		s = p.flow(p.start(s), h)
		return 1 - s.a - p.x*s.t
	}
	u := t - p.theta
	if u < p.pi {
		return inTest(s, u)
	}
	s = p.end(p.flow(p.start(s), p.pi))
	u -= p.pi
	// One cycle: functioning for τ − π, then a test.
	cycle := func(s ptState) ptState {
		return p.end(p.flow(p.start(p.flow(s, p.tau-p.pi)), p.pi))
	}
	if n := math.Floor(u / p.tau); n > 0 {
		// After 2⁶² cycles the state is stationary to the last bit.
		pn := uint64(min(n, 1<<62))
		var m [3][3]float64 // (A, F, R) after a cycle from each unit state
		for j, unit := range []ptState{{a: 1}, {f: 1}, {r: 1}} {
			c := cycle(unit)
			m[0][j], m[1][j], m[2][j] = c.a, c.f, c.r
		}
		pw := matPow(m, pn)
		v := [3]float64{s.a, s.f, s.r}
		s = ptState{
			a: pw[0][0]*v[0] + pw[0][1]*v[1] + pw[0][2]*v[2],
			f: pw[1][0]*v[0] + pw[1][1]*v[1] + pw[1][2]*v[2],
			r: pw[2][0]*v[0] + pw[2][1]*v[1] + pw[2][2]*v[2],
		}
		u = math.Mod(u, p.tau)
	}
	if u < p.tau-p.pi {
		return 1 - p.flow(s, u).a
	}
	return inTest(p.flow(s, p.tau-p.pi), u-(p.tau-p.pi))
}

func matPow(m [3][3]float64, n uint64) [3][3]float64 {
	mul := func(a, b [3][3]float64) (c [3][3]float64) {
		for i := range 3 {
			for j := range 3 {
				for k := range 3 {
					c[i][j] += a[i][k] * b[k][j]
				}
			}
		}
		return c
	}
	r := [3][3]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			r = mul(r, m)
		}
		m = mul(m, m)
	}
	return r
}
