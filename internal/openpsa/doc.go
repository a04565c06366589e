// Package openpsa reads coherent fault trees in the Open-PSA Model Exchange
// Format (MEF) and evaluates them with package bdd. It exists so that
// slacalc's exact engine can be tested and benchmarked on published
// industrial fault trees, such as the Aralia set.
//
// # What it accepts
//
// An opsa-mef document with define-fault-tree and model-data elements;
// gates (define-gate) whose formula is and, or or atleast (min = k),
// nested to any depth, over references to gates and basic events (gate,
// basic-event, or event resolved by name); basic events (define-basic-event)
// with a constant probability <float value="…"/> in [0, 1]. Labels and
// attributes are ignored. All fault trees of a document share one
// namespace.
//
// Everything else is rejected with an [*Error] naming the element, the gate
// or event and the line: non-coherent logic (not, xor, nand, nor, imply,
// iff), house events, constants, parameters and any expression other than a
// constant float, event trees and the like; undefined references, names
// defined twice, cycles, probabilities that do not parse or lie outside
// [0, 1], atleast gates with a bad min. A document's problems are reported
// together (up to 20), joined with errors.Join; each wraps a sentinel such
// as [ErrUnsupported] or [ErrCycle].
//
// # Top event
//
// The top event is the only gate that no other gate references. When there
// are several, [Parse] fails with [ErrTop] listing them, and [Options.Top]
// chooses one.
//
// # Evaluation
//
// A basic event is a BDD variable, true when the event occurs (the
// component is failed); the top event is true when the system is failed.
// [FaultTree.Structure] gives the neutral [bdd.Structure],
// [FaultTree.Compile] one BDD of the top event under a node budget and a
// context, and [FaultTree.TopProbability] the exact probability by modules
// (see [bdd.ModularProbability]).
//
// # Example
//
//	ft, err := openpsa.ParseFile("baobab1.xml", openpsa.Options{})
//	// handle err
//	res, err := ft.TopProbability(ctx, nil, bdd.Options{})
//	// res.P is the top-event probability
package openpsa
