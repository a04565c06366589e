package faulttree_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/availability/faulttree"
)

// A cooling loop fails when its pump fails or both of its valves do; the
// events' data live in a file of their own, the pump's probability comes
// from a failure rate at the mission time.
const coolingTree = `<?xml version="1.0"?>
<opsa-mef>
  <define-fault-tree name="cooling">
    <define-gate name="loop-fails">
      <or><basic-event name="pump"/><gate name="valves"/></or>
    </define-gate>
    <define-gate name="valves">
      <and><basic-event name="valve-1"/><basic-event name="valve-2"/></and>
    </define-gate>
  </define-fault-tree>
</opsa-mef>`

const coolingData = `<?xml version="1.0"?>
<opsa-mef>
  <model-data>
    <define-parameter name="pump-rate" unit="hours-1"><float value="1e-5"/></define-parameter>
    <define-basic-event name="pump">
      <exponential><parameter name="pump-rate"/><system-mission-time/></exponential>
    </define-basic-event>
    <define-basic-event name="valve-1"><float value="0.02"/></define-basic-event>
    <define-basic-event name="valve-2"><float value="0.03"/></define-basic-event>
  </model-data>
</opsa-mef>`

func readCooling() *faulttree.Tree {
	tree, err := faulttree.Read(faulttree.ReadOptions{},
		faulttree.Source{Name: "cooling.xml", Reader: strings.NewReader(coolingTree)},
		faulttree.Source{Name: "data.xml", Reader: strings.NewReader(coolingData)})
	if err != nil {
		panic(err)
	}
	return tree
}

// A model in two files, evaluated exactly at the default mission time of
// 8760 h: P(pump) = 1 − e^(−0.0876) = 0.083873, P(top) = 1 − (1 −
// P(pump))(1 − 0.02·0.03) = 0.084422.
func ExampleRead() {
	tree := readCooling()
	ev, err := tree.Evaluate(context.Background(), faulttree.EvalOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println("top event:", tree.Top())
	fmt.Printf("P(top) = %.6f\n", ev.P)
	// Output:
	// top event: loop-fails
	// P(top) = 0.084422
}

func ExampleTree_Importance() {
	imp, err := readCooling().Importance(context.Background(), faulttree.EvalOptions{})
	if err != nil {
		panic(err)
	}
	for _, im := range imp {
		fmt.Printf("%-8s Birnbaum %.4f  Fussell-Vesely %.4f\n", im.Event, im.Birnbaum, im.FussellVesely)
	}
	// Output:
	// pump     Birnbaum 0.9994  Fussell-Vesely 0.9929
	// valve-1  Birnbaum 0.0275  Fussell-Vesely 0.0065
	// valve-2  Birnbaum 0.0183  Fussell-Vesely 0.0065
}

func ExampleTree_MinimalCutSets() {
	cs, err := readCooling().MinimalCutSets(context.Background(), 0, faulttree.EvalOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(cs.Count, "minimal cut sets")
	for _, c := range cs.Top {
		fmt.Printf("%v %.4g\n", c.Events, c.Probability)
	}
	// Output:
	// 2 minimal cut sets
	// [pump] 0.08387
	// [valve-1 valve-2] 0.0006
}

// A tree with negation: the alarm fails to sound when the sensor fails,
// or when the sensor works but the horn has failed (xor of the two
// failures would be wrong for both failing; imply states it directly).
func ExampleTree_Evaluate_negation() {
	tree, err := faulttree.Read(faulttree.ReadOptions{}, faulttree.Source{Reader: strings.NewReader(`<opsa-mef>
<define-fault-tree name="alarm">
  <define-gate name="silent"><or><basic-event name="sensor"/><gate name="horn-only"/></or></define-gate>
  <define-gate name="horn-only"><and><not><basic-event name="sensor"/></not><basic-event name="horn"/></and></define-gate>
  <define-basic-event name="sensor"><float value="0.1"/></define-basic-event>
  <define-basic-event name="horn"><float value="0.2"/></define-basic-event>
</define-fault-tree></opsa-mef>`)})
	if err != nil {
		panic(err)
	}
	ev, _ := tree.Evaluate(context.Background(), faulttree.EvalOptions{})
	// 0.1 + 0.9·0.2
	fmt.Printf("coherent: %v, P = %.2f\n", tree.Coherent(), ev.P)
	_, err = tree.MinimalCutSets(context.Background(), 0, faulttree.EvalOptions{})
	fmt.Println(errors.Is(err, faulttree.ErrNotCoherent))
	// Output:
	// coherent: false, P = 0.28
	// true
}

// A fault tree as a component of a service: the shop needs the cooled
// server room and one of two web servers.
func ExampleTree_Availability() {
	cooling, err := readCooling().Availability(context.Background(), faulttree.EvalOptions{})
	if err != nil {
		panic(err)
	}
	web := availability.Must(availability.FromPercent(99.5))
	m, err := new(availability.Builder).
		Component("cooling", cooling).
		Component("web1", web).
		Component("web2", web).
		Group("web", availability.RequireAny, "web1", "web2").
		Group("shop", availability.RequireAll, "cooling", "web").
		Build()
	if err != nil {
		panic(err)
	}
	a, err := m.Availability("shop")
	if err != nil {
		panic(err)
	}
	fmt.Printf("cooling %.4f%%, shop %.4f%%\n", cooling.Percent(), a.Percent())
	// Output:
	// cooling 91.5578%, shop 91.5555%
}

// The tree's gates as nodes of a dependency graph, wired into a larger
// model.
func ExampleTree_NodeSpecs() {
	specs, top, err := readCooling().NodeSpecs("cooling/")
	if err != nil {
		panic(err)
	}
	for _, s := range specs {
		fmt.Println(s.Name, s.DependsOn)
	}
	m, err := availability.NewModel(specs)
	if err != nil {
		panic(err)
	}
	a, _ := m.Availability(top)
	fmt.Printf("%s: %.4f%%\n", top, a.Percent())
	// Output:
	// cooling/event:pump []
	// cooling/event:valve-1 []
	// cooling/event:valve-2 []
	// cooling/gate:loop-fails [cooling/event:pump cooling/gate:valves]
	// cooling/gate:valves [cooling/event:valve-1 cooling/event:valve-2]
	// cooling/gate:loop-fails: 91.5578%
}

// A tree and its data in two files, at a mission time of 1000 h:
// P(pump) = 1 − e^(−0.01), P(top) = 1 − e^(−0.01)·(1 − 0.0006) = 0.010544.
func ExampleReadFiles() {
	tree, err := faulttree.ReadFiles(faulttree.ReadOptions{MissionTime: 1000 * time.Hour},
		"testdata/cooling.xml", "testdata/cooling-data.xml")
	if err != nil {
		panic(err)
	}
	ev, err := tree.Evaluate(context.Background(), faulttree.EvalOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s at %v: %.6f\n", tree.Top(), tree.MissionTime(), ev.P)
	// Output: loop-fails at 1000h0m0s: 0.010544
}

// Every problem of a model at once, each naming the file and line.
func ExampleReadError() {
	_, err := faulttree.ReadFiles(faulttree.ReadOptions{}, "testdata/cooling.xml")
	fmt.Println(errors.Is(err, faulttree.ErrUndefined))
	fmt.Println(err)
	// Output:
	// true
	// faulttree: testdata/cooling.xml:6:11: <basic-event> "loop-fails": undefined basic event "pump"
	// faulttree: testdata/cooling.xml:9:12: <basic-event> "valves": undefined basic event "valve-1"
	// faulttree: testdata/cooling.xml:9:41: <basic-event> "valves": undefined basic event "valve-2"
}
