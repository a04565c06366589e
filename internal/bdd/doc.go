// Package bdd is the exact-evaluation engine of slacalc: reduced ordered
// binary decision diagrams (BDDs) for coherent structure functions, the
// monotone Boolean functions built from variables with And, Or and
// at-least-k gates. It answers, exactly and with guaranteed relative
// precision, the probability that such a function is true when each
// variable is true independently with a given probability, and derives
// conditional probabilities (importance measures) and minimal cut sets.
//
// In reliability terms a variable is a component, true when the component
// is failed, and the function is the system's failure; the probabilities
// are unavailabilities, down to 1e−15 and below.
//
// # Building
//
// A [Manager] holds the nodes of BDDs over variables 0..n−1 tested in a
// fixed [Order]. Nodes are hash-consed in flat slices (12 bytes a node plus
// 8-byte unique-table slots, no pointers), operations go through a lossy
// operation cache, and [Manager.AtLeast] builds threshold functions by the
// dynamic programme over operands (O(n·k) ITE steps, never one term per
// combination). [Manager.And] and [Manager.Or] fold their operands into
// the result deepest first (by decreasing level of their top variable), so
// that each merge mostly adds levels above the diagram built so far.
// [Build] turns a whole [Structure] (a DAG of gates) into one BDD,
// collecting the intermediate nodes no gate needs any more between gates,
// and [Compile] does the same in a fresh manager and returns the result
// frozen as an immutable [Diagram]. The operation cache holds one entry per
// eight nodes (small enough to stay in the processor caches), the unique
// table doubles by moving its entries by their stored hashes, and the big
// tables of the managers that [Compile] and [ModularProbability] drop are
// recycled through pools, so that building module after module does not
// touch fresh memory at every doubling.
//
// Complement edges are not used: a coherent structure never needs the
// negation of a function it built, so they would save little, and without
// them every probability is one Shannon sum of non-negative terms (see
// Precision).
//
// # Variable order
//
// The size of a BDD depends on the order of its variables, from linear to
// exponential. [Structure.Order] implements the classic fault-tree
// heuristic: variables in the order of their first appearance in a
// depth-first, left-to-right walk from the top, so that the variables of a
// sub-tree stay together ([DepthFirst]); two variants visit each gate's
// inputs by increasing or decreasing number of distinct variables beneath
// them ([DepthFirstSmallFirst], [DepthFirstLargeFirst]); and [Force] and
// [ForceLargeFirst] improve a depth-first order with the FORCE placement
// heuristic, which pulls the inputs of every gate together, and
// [ForceBest] keeps the better of those two by the total extent of the
// gates' supports. A caller may also give any permutation.
//
// None of them wins everywhere: on the Aralia fault trees each is ten times
// worse than another on some tree. [ModularProbability] therefore races a
// portfolio ([DefaultPortfolio]) concurrently and keeps the order that
// finishes in the fewest steps: deterministic, and at most about
// len(portfolio) times the work of the best order, usually much less, as
// an attempt that falls far behind another on the same gates is dropped.
//
// # Dynamic reordering
//
// When every static order exceeds the budgets, [Options.Sift] lets
// [ModularProbability] rebuild the module with Rudell's sifting: whenever
// the diagram has doubled since the last pass, each variable in turn (the
// ones with the most nodes first, up to a thousand) is moved through the
// levels by swaps of adjacent levels and left where the diagram was
// smallest. A swap rewrites only the two levels' nodes, in place, so this
// runs in a manager of its own: a unique subtable per variable,
// reference counts, and node indices without topological meaning; the
// result is copied into a [Diagram] at the end. On the structure of
// [ExampleModularProbability_sift], exponential in its depth-first order,
// sifting ends with a few hundred to a few thousand nodes instead of 2ⁿ.
// On the 1,361-gate module of the Aralia tree nus9601 it keeps the diagram
// eight to twenty times smaller than the best static order at the same
// gate, but a pass over a few hundred thousand nodes takes tens of
// seconds, so the module still exceeds the retry's budget.
//
// # Modules and trees
//
// [ModularProbability] first splits a structure into modules: gates whose
// descendants are reached from the rest only through them
// ([Structure.Modules]). A module is independent of everything outside it,
// so it is evaluated alone and replaced by one variable; a module in which
// no variable or gate is shared is evaluated by [TreeProbability] in linear
// time without a BDD. The result is the same as one BDD for the whole
// structure, for a fraction of the nodes.
//
// # Budget and cancellation
//
// Every construction is bounded: [Options.MaxNodes] caps the node table (4.2
// million nodes, about 200 MB, by default), [Options.MaxSteps] caps the
// recursive steps and so the time (134 million by default, some seconds;
// an operation can run for minutes far below the node budget), and the
// [context.Context] is consulted every few thousand steps. A construction
// that would exceed a budget or whose context is done stops promptly and
// returns a [*BuildError] that wraps [ErrBudget] (or [ErrStepBudget],
// which errors.Is also reports as ErrBudget) or the context's error and
// says how many nodes existed and how many gates (or operands) were done
// out of how many. Nothing hangs and memory stays bounded.
//
// A budget stop need not leave the caller empty-handed: [Bounds] brackets
// P(Top) in linear time without a BDD (exactly for structures without
// sharing, otherwise by the association inequalities of coherent systems),
// and [ModularProbability], when a module exceeds the budget, brackets that
// module this way, tightens the bracket with two builds whose diagrams are
// cut down to a few thousand nodes after every gate and every merge (the
// sub-diagrams least likely to be reached replaced by False in one, by
// True in the other: below and above the module everywhere, since an
// if-then-else increases with both branches and every gate with its
// inputs), evaluates the others exactly, and returns the resulting
// certified bounds in its [*BuildError].
//
// # Precision
//
// [Diagram.Probability] computes P(node) = q·P(hi) + (1−q)·P(lo) bottom-up.
// Every term is non-negative, so rounding errors never cancel: the result
// has a relative error of at most about 3·n·2⁻⁵³ for n variables, whatever
// its magnitude (1e−12, 1e−30: all digits but the last few are right),
// subnormal underflow aside. The only subtraction is 1 − q for each
// variable, accurate to a relative 2⁻⁵³ whenever q ≤ 1/2; it loses relative
// precision only for components that are almost surely failed, whose 1 − q
// the caller could not pass more precisely anyway. [ModularProbability]
// hands each module's result on as a pair (P, 1 − P) of separately computed
// sums, so a module that is almost surely true keeps its complement.
// [Diagram.Conditionals] keeps the same guarantee: it adds the contributions of paths that skip a level with a
// segment tree, never by subtracting. Differences such as Birnbaum
// importance (GivenTrue − GivenFalse) are left to the caller, who knows
// whether they may cancel.
//
// # Cut sets
//
// [Diagram.MinimalCutSets] computes the minimal solutions with Rauzy's
// decomposition (minimal solutions of f = ite(v, f1, f0) are those of f0
// plus v joined to those of f1 that contain none of f0's), held in a
// zero-suppressed BDD, so the count may be astronomical at no cost;
// [CutSets.Top] lists the most probable ones first by a best-first search.
//
// # Example
//
//	s := &bdd.Structure{NumVars: 3, Gates: []bdd.Gate{
//		{Kind: bdd.KindAtLeast, K: 2, Inputs: []bdd.Ref{bdd.VarRef(0), bdd.VarRef(1), bdd.VarRef(2)}},
//	}, Top: bdd.GateRef(0)}
//	d, err := bdd.Compile(ctx, s, nil, bdd.Options{})
//	// handle err
//	p, err := d.Probability([]float64{1e-3, 1e-3, 1e-3}) // 3q² − 2q³
package bdd
