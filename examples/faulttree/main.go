// Command faulttree reads a fault tree in the Open-PSA Model Exchange
// Format, from one or more files, and prints the exact probability of its
// top event; on request the importance of its basic events and its most
// probable minimal cut sets.
//
// Usage:
//
//	go run ./examples/faulttree [flags] FILE.xml [FILE.xml ...]
//
// The files form one model (a tree in one, its basic events in another).
// Flags:
//
//	-top GATE            the top gate, when the model has several candidates
//	-mission-time 8760h  the mission time of the time-dependent expressions
//	-importance          print every basic event's importance measures
//	-cutsets N           print the N most probable minimal cut sets
//	-max-nodes N         bound each binary decision diagram (0: default)
//	-budget 1m           the wall-clock time budget of the evaluation
//
// It prints "top-event probability: P" (P with 12 significant digits), the
// size of the tree and of the diagrams, and the time taken. A model it
// cannot take gets every problem on stderr and exit status 1; bad usage
// exit status 2.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/slacalc/slacalc/availability/faulttree"
)

func main() {
	err := run(os.Stdout, os.Args[1:])
	var usage usageError
	switch {
	case errors.As(err, &usage):
		fmt.Fprintln(os.Stderr, "faulttree:", err)
		fmt.Fprintln(os.Stderr, "usage: faulttree [-top GATE] [-mission-time D] [-importance] [-cutsets N] [-max-nodes N] [-budget D] FILE.xml ...")
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("faulttree", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	top := fs.String("top", "", "top gate")
	mission := fs.Duration("mission-time", faulttree.DefaultMissionTime, "mission time")
	importance := fs.Bool("importance", false, "print importance measures")
	cutsets := fs.Int("cutsets", 0, "print the N most probable minimal cut sets")
	maxNodes := fs.Int("max-nodes", 0, "node budget of each BDD")
	budget := fs.Duration("budget", time.Minute, "wall-clock time budget of the evaluation")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() == 0 {
		return usageError{"no file given"}
	}
	if *mission <= 0 || *budget <= 0 || *cutsets < 0 || *maxNodes < 0 {
		return usageError{"-mission-time and -budget must be positive, -cutsets and -max-nodes not negative"}
	}
	start := time.Now()
	tree, err := faulttree.ReadFiles(faulttree.ReadOptions{Top: *top, MissionTime: *mission}, fs.Args()...)
	if err != nil {
		return err
	}
	// The time budget bounds the evaluation (importance and cut sets
	// included); the node budget bounds the memory.
	ctx, cancel := context.WithTimeout(context.Background(), *budget)
	defer cancel()
	opts := faulttree.EvalOptions{MaxNodes: *maxNodes}
	ev, err := tree.Evaluate(ctx, opts)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "top-event probability:", strconv.FormatFloat(ev.P, 'g', 12, 64))
	kind := "coherent"
	if !tree.Coherent() {
		kind = "with negation"
	}
	fmt.Fprintf(w, "top gate: %s, basic events: %d, gates: %d, %s\n", tree.Top(), len(tree.Events()), len(tree.Gates()), kind)
	fmt.Fprintf(w, "BDD nodes: %d in %d modules\n", ev.Nodes, ev.Modules)
	if *importance {
		imp, err := tree.Importance(ctx, opts)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "event\tprobability\tBirnbaum\tcriticality\tFussell-Vesely\tRAW\tRRW\t")
		for _, im := range imp {
			fmt.Fprintf(tw, "%s\t%.4g\t%.4g\t%.4g\t%.4g\t%.4g\t%.4g\t\n", im.Event, im.Probability, im.Birnbaum, im.Criticality, im.FussellVesely, im.RAW, im.RRW)
		}
		tw.Flush()
	}
	if *cutsets > 0 {
		cs, err := tree.MinimalCutSets(ctx, *cutsets, opts)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "minimal cut sets: %s, the %d most probable:\n", cs.Count, len(cs.Top))
		for _, c := range cs.Top {
			fmt.Fprintf(w, "  %.4g %v\n", c.Probability, c.Events)
		}
	}
	fmt.Fprintf(w, "time: %v\n", time.Since(start).Round(time.Microsecond))
	return nil
}
