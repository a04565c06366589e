package ftgen

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"

	"github.com/slacalc/slacalc/internal/bdd"
)

// Params shapes a generated tree. The zero value of every field but
// BasicEvents means its default, given in its comment (the defaults of
// SCRAM's generator where it has one).
type Params struct {
	// BasicEvents is the number of distinct basic events, at least 2.
	BasicEvents int
	// MeanArgs is the mean number of arguments of a gate; default 3.
	// Each gate draws its count uniformly from an interval around it
	// within [MinArgs, MaxArgs].
	MeanArgs float64
	// MinArgs and MaxArgs bound the number of arguments of a gate;
	// defaults 2 and 6.
	MinArgs, MaxArgs int
	// And, Or and AtLeast weigh the gate kinds; default 1, 1 and 0.25.
	// A gate of two arguments drawn as atleast becomes and or or.
	And, Or, AtLeast float64
	// Repeated is the share of the gates' arguments that repeat a basic
	// event or a gate already used elsewhere; default 0.1.
	Repeated float64
	// RepeatedGates is the share of those repetitions that reuse a gate
	// (a shared sub-tree) rather than a basic event; default 0.1.
	RepeatedGates float64
	// Window, if positive, makes the repetitions local: a repeated gate
	// or basic event is taken from the Window gates numbered after the
	// parent (its own sub-tree, mostly, and its neighbours'), as sharing
	// is in real fault trees; 0 takes them from the whole tree, as the
	// public generators do, which beyond a few hundred basic events
	// makes trees no BDD engine can evaluate.
	Window int
	// MinProb and MaxProb bound the basic events' probabilities, drawn
	// uniformly; defaults 0.01 and 0.1.
	MinProb, MaxProb float64
}

func (p Params) withDefaults() Params {
	def := func(x *float64, d float64) {
		if *x == 0 {
			*x = d
		}
	}
	def(&p.MeanArgs, 3)
	if p.MinArgs == 0 {
		p.MinArgs = 2
	}
	if p.MaxArgs == 0 {
		p.MaxArgs = 6
	}
	if p.And == 0 && p.Or == 0 && p.AtLeast == 0 {
		p.And, p.Or, p.AtLeast = 1, 1, 0.25
	}
	def(&p.Repeated, 0.1)
	def(&p.RepeatedGates, 0.1)
	def(&p.MinProb, 0.01)
	def(&p.MaxProb, 0.1)
	p.BasicEvents = max(p.BasicEvents, 2)
	p.MinArgs = max(p.MinArgs, 2)
	p.MaxArgs = max(p.MaxArgs, p.MinArgs)
	p.MeanArgs = min(max(p.MeanArgs, float64(p.MinArgs)), float64(p.MaxArgs))
	return p
}

// Tree is a generated fault tree: basic event i is variable i of Structure,
// with probability Probabilities[i]; gate 0 is the top event. Every gate
// and every basic event is reachable from the top.
type Tree struct {
	Structure     *bdd.Structure
	Probabilities []float64
	// Seed and Params are those it was generated from.
	Seed   uint64
	Params Params
}

// Generate returns a random tree shaped by p, the same for the same seed
// and parameters on every platform (math/rand/v2's PCG is specified).
//
// The gates are numbered top-down: each gate's new children are gates
// created after it, and a repeated gate is always one numbered after the
// parent, so the graph is acyclic by construction. The number of gates
// follows from the arguments: G gates of mean m arguments, a share r of
// them repeated, hold G−1 gates and the basic events once each, so
// G ≈ (BasicEvents−1)/(m·(1−r)−1).
func Generate(seed uint64, p Params) *Tree {
	p = p.withDefaults()
	rng := rand.New(rand.NewPCG(seed, 0x9E3779B97F4A7C15))
	nb := p.BasicEvents
	perGate := p.MeanArgs*(1-p.Repeated) - 1
	ng := 1
	if perGate > 0 {
		ng = max(1, int(float64(nb-1)/perGate+0.5))
	}
	// Argument counts, uniform on [lo, hi] with mean MeanArgs.
	lo := p.MinArgs
	hi := min(p.MaxArgs, int(2*p.MeanArgs+0.5)-lo)
	hi = max(hi, lo)
	nargs := make([]int, ng)
	for g := range nargs {
		nargs[g] = lo + rng.IntN(hi-lo+1)
	}
	// The skeleton: gate g > 0 hangs under a random earlier gate with a
	// free argument.
	children := make([][]bdd.Ref, ng)
	var open []int // gates with a free argument
	open = append(open, 0)
	for g := 1; g < ng; g++ {
		i := rng.IntN(len(open))
		if p.Window > 0 {
			// Depth first: hang g under one of the two latest open gates,
			// so that the gates numbered just after a gate are mostly in
			// its sub-tree.
			i = len(open) - 1 - rng.IntN(min(len(open), 2))
		}
		parent := open[i]
		children[parent] = append(children[parent], bdd.GateRef(g))
		if len(children[parent]) == nargs[parent] {
			open[i] = open[len(open)-1]
			open = open[:len(open)-1]
		}
		open = append(open, g)
	}
	free := 0
	for g := range ng {
		free += nargs[g] - len(children[g])
	}
	// Every basic event needs a place: widen random gates if short.
	for free < nb {
		g := rng.IntN(ng)
		if nargs[g] < p.MaxArgs || rng.IntN(8) == 0 {
			nargs[g]++
			free++
		}
	}
	// The free arguments, shuffled: the first nb get the basic events, the
	// rest are repetitions.
	type arg struct{ gate int }
	slots := make([]arg, 0, free)
	for g := range ng {
		for range nargs[g] - len(children[g]) {
			slots = append(slots, arg{g})
		}
	}
	rng.Shuffle(len(slots), func(i, j int) { slots[i], slots[j] = slots[j], slots[i] })
	has := func(g int, r bdd.Ref) bool {
		for _, c := range children[g] {
			if c == r {
				return true
			}
		}
		return false
	}
	for e := range nb {
		g := slots[e].gate
		children[g] = append(children[g], bdd.VarRef(e))
	}
	// Repeated basic events come from a pool of about half as many events
	// as repetitions, so that a repeated event has two to three parents.
	rest := slots[nb:]
	pool := max(1, min(nb, (len(rest)+1)/2))
	events := make([][]int, ng) // gate → its basic events, for Window
	for e := range nb {
		events[slots[e].gate] = append(events[slots[e].gate], e)
	}
	// below returns a random gate numbered after g, within the window.
	below := func(g int) int {
		w := ng - g - 1
		if p.Window > 0 {
			w = min(w, p.Window)
		}
		return g + 1 + rng.IntN(w)
	}
	for _, s := range rest {
		g := s.gate
		placed := false
		if g+1 < ng && rng.Float64() < p.RepeatedGates {
			for range 4 {
				r := bdd.GateRef(below(g))
				if !has(g, r) {
					children[g] = append(children[g], r)
					placed = true
					break
				}
			}
		}
		for try := 0; !placed && try < 8; try++ {
			r := bdd.VarRef(rng.IntN(pool))
			if try >= 4 {
				r = bdd.VarRef(rng.IntN(nb))
			}
			if p.Window > 0 && g+1 < ng {
				// An event of a nearby later gate, or of g's own.
				h := below(g)
				if try%2 == 1 || len(events[h]) == 0 {
					h = g
				}
				if len(events[h]) == 0 {
					continue
				}
				r = bdd.VarRef(events[h][rng.IntN(len(events[h]))])
			}
			if !has(g, r) {
				children[g] = append(children[g], r)
				placed = true
			}
		}
	}
	s := &bdd.Structure{NumVars: nb, Gates: make([]bdd.Gate, ng), Top: bdd.GateRef(0)}
	wsum := p.And + p.Or + p.AtLeast
	for g := range ng {
		in := children[g]
		if len(in) == 0 { // every repetition collided: give it one
			in = append(in, bdd.VarRef(rng.IntN(nb)))
		}
		// Interleave gates and events, as the skeleton put gates first.
		rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
		gate := bdd.Gate{Inputs: in}
		switch x := rng.Float64() * wsum; {
		case x < p.And:
			gate.Kind = bdd.KindAnd
		case x < p.And+p.Or || len(in) < 3:
			gate.Kind = bdd.KindOr
		default:
			gate.Kind = bdd.KindAtLeast
			gate.K = 2 + rng.IntN(len(in)-2)
		}
		if len(in) == 1 {
			gate.Kind = bdd.KindOr
		}
		s.Gates[g] = gate
	}
	q := make([]float64, nb)
	for i := range q {
		q[i] = p.MinProb + (p.MaxProb-p.MinProb)*rng.Float64()
	}
	return &Tree{Structure: s, Probabilities: q, Seed: seed, Params: p}
}

// WriteOpenPSA writes t in the Open-PSA Model Exchange Format: gates g0
// (the top) to gN, basic events e1 to eN with their probabilities printed
// exactly (shortest round-tripping decimal).
func (t *Tree) WriteOpenPSA(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "<?xml version=\"1.0\"?>\n<!-- ftgen seed %d, %d basic events, %d gates -->\n<opsa-mef>\n<define-fault-tree name=\"ftgen%d\">\n",
		t.Seed, t.Structure.NumVars, len(t.Structure.Gates), t.Seed)
	for g, gate := range t.Structure.Gates {
		fmt.Fprintf(bw, "<define-gate name=\"g%d\">\n", g)
		switch gate.Kind {
		case bdd.KindAnd:
			bw.WriteString("<and>\n")
		case bdd.KindOr:
			bw.WriteString("<or>\n")
		default:
			fmt.Fprintf(bw, "<atleast min=\"%d\">\n", gate.K)
		}
		for _, r := range gate.Inputs {
			if r.Gate {
				fmt.Fprintf(bw, "<gate name=\"g%d\"/>\n", r.Index)
			} else {
				fmt.Fprintf(bw, "<basic-event name=\"e%d\"/>\n", r.Index+1)
			}
		}
		switch gate.Kind {
		case bdd.KindAnd:
			bw.WriteString("</and>\n")
		case bdd.KindOr:
			bw.WriteString("</or>\n")
		default:
			bw.WriteString("</atleast>\n")
		}
		bw.WriteString("</define-gate>\n")
	}
	bw.WriteString("</define-fault-tree>\n<model-data>\n")
	for i, q := range t.Probabilities {
		fmt.Fprintf(bw, "<define-basic-event name=\"e%d\">\n<float value=\"%s\"/>\n</define-basic-event>\n",
			i+1, strconv.FormatFloat(q, 'g', -1, 64))
	}
	bw.WriteString("</model-data>\n</opsa-mef>\n")
	return bw.Flush()
}
