// Package faulttree reads fault trees in the Open-PSA Model Exchange
// Format (MEF) and evaluates them exactly: the probability of the top
// event, the importance of every basic event, the minimal cut sets, and
// the tree as a component of a service's availability model.
//
// # Reading a model
//
// [ReadFiles] and [Read] take one or more MEF documents that form one
// model: a tree in one file and its basic events and parameters in
// another is the usual layout. [ReadOptions] chooses the top gate (by
// default the only gate no other gate references), the mission time of the
// time-dependent built-ins (default 8760 h, as SCRAM), overrides house
// events, and sets [Limits] against hostile input. Every problem of a
// model is reported at once, each a [*ReadError] naming the file, line,
// element and name, wrapping [availability.ErrSyntax],
// [availability.ErrRange] or one of this package's sentinels
// ([ErrUnsupported], [ErrUndefined], [ErrCycle], [ErrLimit], …).
//
//	tree, err := faulttree.ReadFiles(faulttree.ReadOptions{}, "tree.xml", "events.xml")
//
// # What the model may hold
//
// The fault-tree, stochastic and meta-logical layers of the MEF:
//
//   - gates with and, or, atleast, not, xor, nand, nor, iff, imply,
//     cardinality and null, nested to any depth, over gates, basic events,
//     house events and Boolean constants (<constant value="true"/>);
//   - house events and constants propagated through the logic, so a gate
//     with a false input of an and disappears, and a whole tree may reduce
//     to a constant ([Tree.Constant]);
//   - fault trees with components, public and private roles, and names
//     resolved as the MEF says: from the referencing container outwards,
//     then among the public names; paths such as "component.gate";
//   - parameters (with units), constants (int, float, bool, pi), the
//     arithmetic, Boolean and conditional operations (neg, add, sub, mul,
//     div, abs, acos, asin, atan, cos, cosh, exp, log, log10, mod, pow,
//     sin, sinh, tan, tanh, sqrt, ceil, floor, min, max, mean, not, and,
//     or, eq, df, lt, gt, leq, geq, ite, switch), the system mission time,
//     and the built-ins exponential (2 and 4 arguments), GLM, Weibull and
//     periodic-test (4, 5 and 11 arguments); random deviates (uniform, normal,
//     lognormal, gamma, beta, histogram) take their mean;
//   - CCF groups under the beta-factor, MGL, alpha-factor and phi-factor
//     models, expanded as the MEF defines: a basic event for each
//     combination of members that fail together, each member replaced by
//     the OR of the events that include it.
//
// Event trees, substitutions, includes and extern functions are rejected
// with [ErrUnsupported].
//
// # Evaluating
//
// A [Tree] is immutable: gates over basic events, normalised to And, Or,
// AtLeast and Xor with negated inputs (see [Operator]), holding only what
// the top event depends on. [Tree.Evaluate] returns the exact probability.
// A coherent tree (no negation) goes to slacalc's BDD engine, independent
// sub-trees apart; a tree with negation is split into the same modules and
// each is compiled into a BDD with complement edges that keeps P and 1 − P
// of every node, so negation costs no precision. [EvalOptions] bounds the
// size of the diagrams; a context cancels.
//
//	ev, err := tree.Evaluate(ctx, faulttree.EvalOptions{})
//	// ev.P is the probability of the top event
//
// [Tree.Importance] gives every basic event's Birnbaum, criticality,
// Fussell-Vesely, RAW and RRW measures from P(top | event) and
// P(top | no event), for any tree. [Tree.MinimalCutSets] counts the
// minimal cut sets and lists the most probable; they exist for coherent
// trees only, and a tree with negation gets a [*CoherenceError] saying why
// (its cut sets would be prime implicants, which are not computed).
//
// # Fault trees in a service model
//
// [Tree.Availability] is the probability that the top event does not
// occur, as an [availability.Availability]: a component of any
// composition or dependency graph. [Tree.NodeSpecs] writes a coherent
// tree as nodes of a dependency graph (an Or gate requires all its inputs
// to work, an And gate any one), so the tree can be wired into a larger
// model whose shared parts stay shared.
package faulttree
