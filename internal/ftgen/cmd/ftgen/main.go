// Command ftgen writes a generated fault tree in the Open-PSA Model
// Exchange Format, for comparing engines on the same tree:
//
//	go run ./internal/ftgen/cmd/ftgen -seed 7 -events 200 > tree.xml
//	scram --bdd --probability 1 -l 1 tree.xml
//	go run ./examples/faulttree tree.xml
//
// With -time it instead evaluates the tree in process with the given
// heuristic (or the default portfolio) and prints the probability, the
// largest module's nodes and the time.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/slacalc/slacalc/internal/bdd"
	"github.com/slacalc/slacalc/internal/ftgen"
)

func main() {
	seed := flag.Uint64("seed", 1, "random seed")
	events := flag.Int("events", 200, "number of basic events")
	args := flag.Float64("args", 3, "mean number of arguments per gate")
	rep := flag.Float64("repeated", 0.1, "share of arguments that repeat an event or gate")
	repg := flag.Float64("repeated-gates", 0.1, "share of repetitions that reuse a gate")
	window := flag.Int("window", 0, "take repetitions from this many gates after the parent (0: anywhere)")
	timeIt := flag.Bool("time", false, "evaluate in process instead of writing XML")
	heur := flag.Int("h", -1, "order heuristic for -time (bdd.OrderHeuristic; -1 the default portfolio)")
	timeout := flag.Duration("timeout", time.Minute, "timeout for -time")
	flag.Parse()
	t := ftgen.Generate(*seed, ftgen.Params{BasicEvents: *events, MeanArgs: *args, Repeated: *rep, RepeatedGates: *repg, Window: *window})
	if !*timeIt {
		if err := t.WriteOpenPSA(os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "ftgen:", err)
			os.Exit(1)
		}
		return
	}
	var hs []bdd.OrderHeuristic
	if *heur >= 0 {
		hs = []bdd.OrderHeuristic{bdd.OrderHeuristic(*heur)}
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	start := time.Now()
	res, err := bdd.ModularProbability(ctx, t.Structure, t.Probabilities, hs, bdd.Options{})
	el := time.Since(start)
	if err != nil {
		fmt.Printf("seed %d events %d gates %d: %v after %v\n", *seed, *events, len(t.Structure.Gates), err, el.Round(time.Millisecond))
		os.Exit(1)
	}
	fmt.Printf("seed %d events %d gates %d: p %.12g modules %d largest %d nodes %d steps %d time %v\n",
		*seed, *events, len(t.Structure.Gates), res.P, res.Modules, res.MaxNodes, res.Nodes, res.Steps, el.Round(time.Microsecond))
}
