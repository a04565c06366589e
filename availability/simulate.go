package availability

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// ErrSimulation reports an invalid simulation configuration.
var ErrSimulation = errors.New("invalid simulation")

// Process describes how a component alternates between working and failed:
// it works for a time drawn from Failure, is repaired for a time drawn from
// Repair, and so on, independently of every other component. Maintenance
// optionally takes it down on a schedule as well.
//
//	availability.Process{Failure: availability.Weibull(1.5, 2000), Repair: availability.LogNormal(4, 3)}
type Process struct {
	Failure     Distribution // time to failure (up time), in hours; its mean must be positive
	Repair      Distribution // time to repair (down time), in hours; its mean must be positive
	Maintenance Maintenance  // planned downtime; the zero value means none
}

// Maintenance is planned downtime on a fixed cycle: the component is down
// for Duration at Offset, Offset+Every, Offset+2·Every, … from the start of
// every run. The zero value means no planned maintenance.
type Maintenance struct {
	Every    time.Duration
	Duration time.Duration
	Offset   time.Duration
}

// SimulationConfig configures [Model.Simulate].
type SimulationConfig struct {
	// Node is the node whose outages are recorded.
	Node string
	// Processes gives the failure and repair behaviour of components by
	// name. A component without one gets exponential failures and repairs
	// with mean time to repair RepairTime and the mean time to failure that
	// matches its availability: MTBF = MTTR · A / (1 − A).
	Processes map[string]Process
	// RepairTime is the mean time to repair of components without a
	// Process. It must be positive when such a component exists.
	RepairTime time.Duration
	// Horizon is the length of one run, for example a year.
	Horizon time.Duration
	// Runs is the number of independent runs.
	Runs int
	// Warmup is simulated before each run's recording starts, so that
	// non-exponential processes forget their start; zero means none.
	// Every run starts in the steady state of exponential processes: each
	// component is down with probability MTTR/(MTBF+MTTR).
	Warmup time.Duration
	// Seed selects the random streams: run r draws from PCG(Seed, r), so
	// the same seed gives the same runs whatever the number of workers.
	Seed uint64
	// FirstRun is the index of the first run: the runs are FirstRun, …,
	// FirstRun+Runs−1. A simulation continued round by round with
	// increasing FirstRun draws exactly the runs of one longer simulation.
	FirstRun int
	// Workers is the number of goroutines; zero means GOMAXPROCS.
	Workers int
}

// DownSpan is one interval of a run during which the node was down, as
// offsets from the run's start. Planned is true when the node would have
// been up without planned maintenance (every cause is maintenance); a span
// whose cause changes is split where it changes. It is not an outage
// record: [sla.SimulatedOutages] turns a run's spans into sla.Outage
// records at real instants, the one outage record of the module, which
// measurements, statements and credit risk take.
//
// [sla.SimulatedOutages]: https://pkg.go.dev/github.com/slacalc/slacalc/sla#SimulatedOutages
type DownSpan struct {
	Start   time.Duration
	End     time.Duration
	Planned bool
}

type downSpanJSON struct {
	Start   string `json:"start"`
	End     string `json:"end"`
	Planned bool   `json:"planned,omitempty"`
}

// MarshalJSON writes the offsets as Go duration strings ("36h0m0s").
func (s DownSpan) MarshalJSON() ([]byte, error) {
	return json.Marshal(downSpanJSON{Start: s.Start.String(), End: s.End.String(), Planned: s.Planned})
}

// UnmarshalJSON reads the form of MarshalJSON; "start" and "end" are
// required and other keys are errors.
func (s *DownSpan) UnmarshalJSON(b []byte) error {
	var j downSpanJSON
	if errs := strict("DownSpan.UnmarshalJSON", "start", "end").Decode(b, &j); len(errs) > 0 {
		return errors.Join(errs...)
	}
	start, err := time.ParseDuration(j.Start)
	if err != nil {
		return inputErr("DownSpan.UnmarshalJSON", "start", strconv.Quote(j.Start), "is not a duration", ErrSyntax)
	}
	end, err := time.ParseDuration(j.End)
	if err != nil {
		return inputErr("DownSpan.UnmarshalJSON", "end", strconv.Quote(j.End), "is not a duration", ErrSyntax)
	}
	if end < start {
		return inputErr("DownSpan.UnmarshalJSON", "end", j.End, "is before start "+j.Start, ErrDuration)
	}
	*s = DownSpan{Start: start, End: end, Planned: j.Planned}
	return nil
}

// Run is one simulated run: the spans during which the node was down, in
// time order, and the downtime they add up to.
type Run struct {
	Down     []DownSpan
	Downtime time.Duration // total, planned and unplanned
	Planned  time.Duration // the planned part of Downtime
}

// Simulation holds the runs of [Model.Simulate], in run order.
type Simulation struct {
	Node    string
	Horizon time.Duration
	Runs    []Run
}

// Estimate is a simulated availability with its confidence interval: the
// mean over runs of each run's measured unavailability, its standard error,
// and the interval mean ± z·stderr (clamped to [0, 1]), z from the normal
// distribution for the requested confidence.
type Estimate struct {
	Availability Availability `json:"availability"`
	Low          Availability `json:"low"`
	High         Availability `json:"high"`
	StdErr       float64      `json:"stdErr"` // of the unavailability, a fraction
	// Samples is the number of independent observations: runs of a time
	// simulation, or sampled states of a Monte Carlo estimate.
	Samples int `json:"samples"`
}

// Availability estimates the node's availability over the runs, counting
// planned outages as downtime when withPlanned is true, with an interval at
// the given two-sided confidence in (0, 1), e.g. 0.95.
func (s *Simulation) Availability(confidence float64, withPlanned bool) (Estimate, error) {
	if err := checkFloat("Simulation.Availability", "confidence", confidence, 0, 1, ""); err != nil || confidence == 0 || confidence == 1 {
		return Estimate{}, inputErr("Simulation.Availability", "confidence", fmtFloat(confidence), "is not in (0, 1)", ErrRange)
	}
	us := make([]float64, len(s.Runs))
	for i, r := range s.Runs {
		d := r.Downtime
		if !withPlanned {
			d -= r.Planned
		}
		us[i] = float64(d) / float64(s.Horizon)
	}
	return estimate(us, confidence), nil
}

// estimate returns the mean of us with a normal confidence interval.
func estimate(us []float64, confidence float64) Estimate {
	n := float64(len(us))
	mean, m2 := 0.0, 0.0
	for i, u := range us { // Welford
		d := u - mean
		mean += d / float64(i+1)
		m2 += d * (u - mean)
	}
	se := 0.0
	if len(us) > 1 {
		se = math.Sqrt(m2 / (n - 1) / n)
	}
	z := math.Sqrt2 * math.Erfinv(confidence)
	return Estimate{
		Availability: Availability{u: clamp01(mean)},
		Low:          Availability{u: clamp01(mean + z*se)},
		High:         Availability{u: clamp01(mean - z*se)},
		StdErr:       se,
		Samples:      len(us),
	}
}

// simNode is the compiled form of the sub-graph below the simulated node.
type simNode struct {
	deps       int   // number of dependencies
	tolerate   int   // dependencies that may be down: n − k
	comp       int   // component index in sim, or −1
	dependants []int // sim indices of the nodes that depend on this one
}

type simComponent struct {
	node     int // sim node index
	process  Process
	avail    float64 // steady-state availability, for the start state
	constant bool    // never changes state: never fails, or never works
}

// Simulate runs the components' failure, repair and maintenance processes
// through the graph and records the outages of one node. The node's state
// follows the graph exactly: a shared component is one process, seen by
// every node that depends on it. Runs are independent and spread over the
// workers; run r always uses the random stream PCG(Seed, r), so the result
// does not depend on the number of workers. ctx is checked between runs.
func (m *Model) Simulate(ctx context.Context, cfg SimulationConfig) (*Simulation, error) {
	target, err := m.lookup(cfg.Node)
	if err != nil {
		return nil, err
	}
	nodes, comps, err := m.compileSim(target, cfg)
	if err != nil {
		return nil, err
	}
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, cfg.Runs)
	sim := &Simulation{Node: cfg.Node, Horizon: cfg.Horizon, Runs: make([]Run, cfg.Runs)}
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Go(func() {
			st := newSimState(nodes, comps)
			for {
				r := int(next.Add(1) - 1)
				if r >= cfg.Runs {
					return
				}
				if err := ctx.Err(); err != nil {
					errs[w] = err
					return
				}
				sim.Runs[r] = st.run(rand.NewPCG(cfg.Seed, uint64(cfg.FirstRun+r)), cfg.Warmup, cfg.Horizon)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return sim, nil
}

func (m *Model) compileSim(target int, cfg SimulationConfig) ([]simNode, []simComponent, error) {
	const fn = "Model.Simulate"
	var errs []error
	bad := func(param, value, reason string) {
		errs = append(errs, inputErr("Model.Simulate", param, value, reason, ErrSimulation))
	}
	if cfg.Horizon <= 0 {
		bad("Horizon", cfg.Horizon.String(), "is not positive")
	}
	if cfg.Runs < 1 {
		bad("Runs", strconv.Itoa(cfg.Runs), "is below 1")
	}
	if cfg.Warmup < 0 {
		bad("Warmup", cfg.Warmup.String(), "is negative")
	}
	if cfg.FirstRun < 0 {
		bad("FirstRun", strconv.Itoa(cfg.FirstRun), "is negative")
	}
	for name := range cfg.Processes {
		i, ok := m.index[name]
		switch {
		case !ok:
			errs = append(errs, &GraphError{Node: name, Problem: "has a process but is not in the model", Err: ErrUnknownNode})
		case !m.hasOwn[i]:
			errs = append(errs, &GraphError{Node: name, Problem: "is a pure group; processes belong to components", Err: ErrNotComponent})
		}
	}
	order := m.reachable(target)
	simIndex := make(map[int]int, len(order))
	for j, v := range order {
		simIndex[v] = j
	}
	nodes := make([]simNode, len(order))
	var comps []simComponent
	for j, v := range order {
		n := len(m.deps[v])
		nodes[j] = simNode{deps: n, tolerate: n - m.req[v].atLeast(n), comp: -1}
		for _, d := range m.deps[v] {
			nodes[simIndex[d]].dependants = append(nodes[simIndex[d]].dependants, j)
		}
		if !m.hasOwn[v] {
			continue
		}
		name := m.names[v]
		p, ok := cfg.Processes[name]
		a := m.own[v]
		switch {
		case ok:
			f := "Processes[" + strconv.Quote(name) + "]"
			if err := errors.Join(p.Failure.validate(fn, f+".Failure"), p.Repair.validate(fn, f+".Repair")); err != nil {
				errs = append(errs, err)
				continue
			}
			if p.Failure.Mean() <= 0 || p.Repair.Mean() <= 0 {
				bad(f, "", "needs a Failure and a Repair distribution with positive means")
				continue
			}
			mt := p.Maintenance
			if mt != (Maintenance{}) && (mt.Every <= 0 || mt.Duration <= 0 || mt.Duration >= mt.Every || mt.Offset < 0) {
				bad("Processes["+strconv.Quote(name)+"].Maintenance", fmt.Sprintf("%+v", mt),
					"needs 0 < Duration < Every and Offset ≥ 0")
				continue
			}
		case a.u == 0 || a.u == 1:
			// Never fails, or never works: no process needed.
			p = Process{}
		default:
			if cfg.RepairTime <= 0 {
				bad("RepairTime", cfg.RepairTime.String(), "is not positive, and component "+strconv.Quote(name)+" has no process")
				continue
			}
			mttr := cfg.RepairTime.Hours()
			mtbf := max(mttr*(1-a.u)/a.u, 1/float64(time.Hour)) // at least 1 ns
			p = Process{Failure: Exponential(mtbf), Repair: Exponential(mttr)}
			ok = true
		}
		avail := 1 - a.u
		if ok {
			f, r := p.Failure.Mean(), p.Repair.Mean()
			avail = f / (f + r)
		}
		nodes[j].comp = len(comps)
		comps = append(comps, simComponent{node: j, process: p, avail: avail, constant: !ok})
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	return nodes, comps, nil
}

// event is a pending state change of one component.
type event struct {
	at    time.Duration
	comp  int32
	maint bool // a maintenance start or end, else a failure or repair
}

// simState is one worker's scratch state; runs reuse it.
type simState struct {
	nodes  []simNode
	comps  []simComponent
	heap   []event
	failed [2][]int  // per view: dependencies down (view 0 all causes, 1 unplanned only)
	down   [2][]bool // per view: node down
	broken []bool    // component failed (unplanned)
	maint  []bool    // component in maintenance
	own    [2][]bool // per view: node's own part down
	top    int       // the recorded node: the last in evaluation order
}

func newSimState(nodes []simNode, comps []simComponent) *simState {
	s := &simState{nodes: nodes, comps: comps, top: len(nodes) - 1}
	for v := range 2 {
		s.failed[v] = make([]int, len(nodes))
		s.down[v] = make([]bool, len(nodes))
		s.own[v] = make([]bool, len(nodes))
	}
	s.broken = make([]bool, len(comps))
	s.maint = make([]bool, len(comps))
	return s
}

// set changes node j's own state in view v and propagates every resulting
// change of node states to the dependants.
func (s *simState) set(v, j int, ownDown bool) {
	if s.own[v][j] == ownDown {
		return
	}
	s.own[v][j] = ownDown
	s.refresh(v, j)
}

func (s *simState) refresh(v, j int) {
	n := &s.nodes[j]
	d := s.own[v][j] || s.failed[v][j] > n.tolerate
	if d == s.down[v][j] {
		return
	}
	s.down[v][j] = d
	delta := 1
	if !d {
		delta = -1
	}
	for _, p := range n.dependants {
		s.failed[v][p] += delta
		s.refresh(v, p)
	}
}

func (s *simState) push(e event) {
	s.heap = append(s.heap, e)
	i := len(s.heap) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !s.heap[i].before(s.heap[p]) {
			break
		}
		s.heap[i], s.heap[p] = s.heap[p], s.heap[i]
		i = p
	}
}

func (s *simState) pop() event {
	h := s.heap
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	i := 0
	for {
		l := 2*i + 1
		if l >= len(h) {
			break
		}
		c := l
		if r := l + 1; r < len(h) && h[r].before(h[l]) {
			c = r
		}
		if !h[c].before(h[i]) {
			break
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
	s.heap = h
	return top
}

// before orders events by time, then by component and kind, so that equal
// times resolve the same way in every run.
func (e event) before(o event) bool {
	if e.at != o.at {
		return e.at < o.at
	}
	if e.comp != o.comp {
		return e.comp < o.comp
	}
	return !e.maint && o.maint
}

func (s *simState) reset() {
	for v := range 2 {
		clear(s.failed[v])
		clear(s.down[v])
		clear(s.own[v])
	}
	clear(s.broken)
	clear(s.maint)
	s.heap = s.heap[:0]
}

// run simulates [−warmup, horizon) and records the top node's outages in
// [0, horizon).
func (s *simState) run(src rand.Source, warmup, horizon time.Duration) Run {
	s.reset()
	r := rand.New(src)
	start := -warmup
	// All nodes start up; the components' start states then propagate.
	for c := range s.comps {
		sc := &s.comps[c]
		p := sc.process
		if sc.constant {
			if sc.avail == 0 {
				s.broken[c] = true
				s.set(0, sc.node, true)
				s.set(1, sc.node, true)
			}
			continue
		}
		if r.Float64() >= sc.avail {
			s.broken[c] = true
			s.set(0, sc.node, true)
			s.set(1, sc.node, true)
			s.push(event{at: start + p.Repair.sampleHours(src), comp: int32(c)})
		} else {
			s.push(event{at: start + p.Failure.sampleHours(src), comp: int32(c)})
		}
		if mt := p.Maintenance; mt.Every > 0 {
			// The last window that opens at or before start: floor division.
			k := (start - mt.Offset) / mt.Every
			if (start-mt.Offset)%mt.Every < 0 {
				k--
			}
			at := mt.Offset + k*mt.Every
			if at+mt.Duration <= start {
				at += mt.Every
			}
			if at <= start { // inside a window at the start
				s.maint[c] = true
				s.set(0, sc.node, true)
				s.push(event{at: at + mt.Duration, comp: int32(c), maint: true})
			} else {
				s.push(event{at: at, comp: int32(c), maint: true})
			}
		}
	}
	var out Run
	cur, curStart := s.state(), time.Duration(0)
	record := func(now time.Duration) {
		st := s.state()
		if st == cur {
			return
		}
		if cur != stateUp && now > curStart {
			out.Down = append(out.Down, DownSpan{Start: curStart, End: now, Planned: cur == statePlanned})
		}
		cur, curStart = st, now
	}
	for len(s.heap) > 0 && s.heap[0].at < horizon {
		e := s.pop()
		c := int(e.comp)
		sc := &s.comps[c]
		if e.maint {
			mt := sc.process.Maintenance
			s.maint[c] = !s.maint[c]
			if s.maint[c] {
				s.push(event{at: e.at + mt.Duration, comp: e.comp, maint: true})
			} else {
				s.push(event{at: e.at - mt.Duration + mt.Every, comp: e.comp, maint: true})
			}
		} else {
			s.broken[c] = !s.broken[c]
			if s.broken[c] {
				s.push(event{at: e.at + sc.process.Repair.sampleHours(src), comp: e.comp})
			} else {
				s.push(event{at: e.at + sc.process.Failure.sampleHours(src), comp: e.comp})
			}
		}
		s.set(0, sc.node, s.broken[c] || s.maint[c])
		s.set(1, sc.node, s.broken[c])
		if e.at <= 0 {
			cur = s.state() // still warming up: the state at time 0 is what counts
			continue
		}
		record(e.at)
	}
	if cur != stateUp && horizon > curStart {
		out.Down = append(out.Down, DownSpan{Start: curStart, End: horizon, Planned: cur == statePlanned})
	}
	out.Down = slices.Clip(out.Down)
	for _, o := range out.Down {
		out.Downtime += o.End - o.Start
		if o.Planned {
			out.Planned += o.End - o.Start
		}
	}
	return out
}

const (
	stateUp = iota
	statePlanned
	stateUnplanned
)

func (s *simState) state() int {
	switch {
	case !s.down[0][s.top]:
		return stateUp
	case s.down[1][s.top]:
		return stateUnplanned
	}
	return statePlanned
}

type maintenanceJSON struct {
	Every    string `json:"every"`
	Duration string `json:"duration"`
	Offset   string `json:"offset,omitempty"`
}

// MarshalJSON writes the durations as Go duration strings, e.g.
// {"every":"168h0m0s","duration":"2h0m0s","offset":"1h0m0s"}.
func (mt Maintenance) MarshalJSON() ([]byte, error) {
	j := maintenanceJSON{Every: mt.Every.String(), Duration: mt.Duration.String()}
	if mt.Offset != 0 {
		j.Offset = mt.Offset.String()
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads the form of MarshalJSON; "every" and "duration" are
// required, "offset" may be omitted, and other keys are errors.
func (mt *Maintenance) UnmarshalJSON(data []byte) error {
	const fn = "Maintenance.UnmarshalJSON"
	var j maintenanceJSON
	if errs := strict(fn, "every", "duration").Decode(data, &j); len(errs) > 0 {
		return errors.Join(errs...)
	}
	var out Maintenance
	var errs []error
	for _, f := range []struct {
		name, text string
		dst        *time.Duration
	}{{"every", j.Every, &out.Every}, {"duration", j.Duration, &out.Duration}, {"offset", j.Offset, &out.Offset}} {
		if f.text == "" {
			continue
		}
		d, err := time.ParseDuration(f.text)
		if err != nil {
			errs = append(errs, inputErr(fn, f.name, strconv.Quote(f.text), "is not a duration such as \"168h\"", ErrSyntax))
		}
		*f.dst = d
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	*mt = out
	return nil
}
