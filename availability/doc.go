// Package availability is the algebra of uptime: an exact [Availability]
// value, its composition in series, in parallel and k-of-n, and the bounds
// that hold when nothing is known about how parts fail together.
//
// The design promise: every number keeps the precision that many nines
// need, and every result says which assumption it rests on.
//
// # The value
//
// An [Availability] stores the unavailability U = 1 − A, so 99.9999999999%
// (U = 10⁻¹²) is held to full float64 precision. Build one from a
// percentage, a fraction, nines, MTBF and MTTR, or downtime over a period,
// or [Parse] it from text such as "99.95%" or "0.9995". Invalid input (NaN,
// ±Inf, a percentage above 100, a zero period, …) is an error wrapping one
// of the sentinels [ErrRange], [ErrSyntax], [ErrDuration]; the error is an
// [*InputError] that names the function, the parameter and the value. The
// Must forms ([Must], [MustParse]) are for literals in tests.
//
// InputError is the one error type for rejected input of the whole module,
// and ErrRange, ErrSyntax and ErrDuration are the module's shared
// sentinels: packages sla, contract and its subpackages return the same
// type and wrap the same values, so errors.Is(err, availability.ErrRange)
// matches whichever package refused the input.
//
// An Availability prints with the fmt verbs users expect ([Availability.Format]):
// %v gives "98.6044%", %.2f gives "98.60%", and [Availability.Round] rounds
// for display without ever turning a promise below 100% into 100%.
//
//	a := availability.MustParse("99.9%")
//	a.Downtime(30 * 24 * time.Hour) // 43m12s
//
// # Composition
//
// [Series] (all parts needed), [Parallel] (any one suffices) and [KOfN] (at
// least k of n, parts may differ) assume independent failures. The same
// operations exist as methods of an [Assumption]: [Independent], [WorstCase]
// and [BestCase]. The worst case is the lowest availability possible for
// ANY joint behaviour of parts with the given availabilities, so it is what
// a contract can guarantee without knowing how the parts' failures
// correlate:
//
//	app, network := availability.MustParse("99%"), availability.MustParse("99.6%")
//	availability.Series(app, network)           // 98.604%: independent
//	availability.WorstCase.Series(app, network) // 98.6%:   guaranteed
//
// The bounds are sharp (attained by some joint distribution) for a single
// series, parallel or k-of-n composition: Fréchet's bounds for series and
// parallel, and for k-of-n the bounds derived in [Assumption.KOfN]. For
// nested compositions, applying an assumption at every level gives a valid
// bound, because each formula is monotone in its parts, but not necessarily
// a sharp one: the inner worst case and the outer worst case need not be
// attained by the same joint distribution. [BoundsOf] evaluates a
// composition under all three assumptions at once.
//
// # Dependency graphs
//
// Real services are not trees: two web servers that both need one database,
// a region whose services all need one DNS. A [Model], built with a
// [Builder] or from [NodeSpec] values, is a graph of nodes; each has a name,
// an optional availability of its own (a service can fail by itself) and a
// [Requirement] over the nodes it depends on: all of them ([RequireAll]),
// any one ([RequireAny]) or at least k ([RequireAtLeast]). A node that
// several others depend on is ONE part: copying it into each path, as
// naive calculators do, overstates the availability. The builder reports
// every problem at once, each a [*GraphError] naming the node (unknown
// dependency, duplicate, self-dependency, cycle with its path, k out of
// range, a requirement without dependencies). A Model is immutable and safe
// for concurrent use.
//
// [Model.Evaluate] is exact for any coherent structure under independence:
// nodes whose parts form a tree take a linear path through the value
// algebra; shared structure is compiled into a reduced ordered binary
// decision diagram (BDD) over the components' failures, ordered
// depth-first from the node, and its probability is summed from
// non-negative terms so that the unavailability keeps its relative
// precision. The BDD is kept for later calls. A node budget
// ([Model.WithNodeBudget]) and the context bound the work; when either
// stops an evaluation, the [*BudgetError] says how far it got and carries
// certified bounds on the answer. [Model.AvailabilityOf] evaluates many
// nodes in one shared diagram.
//
// On the same model: [Model.MinimalCutSets] (single points of failure
// first), [Model.Importance] (Birnbaum, criticality, risk achievement and
// reduction worth, Fussell–Vesely), [Model.Allocate] (the availability a
// component needs for a node to reach a target, exact), and
// [Model.WhatIf] (other availabilities, same compiled structure).
//
// Under [WorstCase] and [BestCase] a graph is bounded node by node from
// the components up; a shared node enters every dependant's bound with its
// own bound. Because the value-level bounds hold for any joint behaviour,
// including the perfect correlation of a node with itself, the results are
// valid bounds for every joint behaviour of the components, but not sharp
// in general.
//
// # Distributions and simulation
//
// A [Distribution] is the one vocabulary of distributions of the module,
// with the parameters of the quantity itself: [Exponential] (mean),
// [Weibull] (shape, scale), [LogNormal] (mean and standard deviation, not
// those of the logarithm), [Gamma] (shape, mean), [Fixed] and [Poisson].
// [Process] lifetimes are distributions in hours; [Model.Simulate] runs
// them and yields each run's [DownSpan]s, which package sla turns into
// outage records. [Model.OutageFrequency] gives how often a node goes
// down and for how long, by the Vesely formula.
//
// # Precision
//
// Compositions are computed in unavailability space. For inputs whose
// unavailabilities lie in [10⁻¹⁵, 1], the relative error of the resulting
// unavailability stays below 10⁻¹² (tests check it against math/big): the
// series uses −expm1(Σ log1p(−Uᵢ)) and the parallel exp(Σ log Uᵢ), both
// with compensated sums so the error does not grow with the number of
// parts; k-of-n adds only non-negative terms; the binomial fast path for
// identical parts uses Loader's saddle-point formula. An unavailability
// smaller than float64 can represent (below about 5·10⁻³²⁴) rounds to 0.
//
// Low availabilities are held to absolute, not relative, precision: 10⁻²⁰%
// is stored as U = 1 and prints as 0%.
//
// # Zero value
//
// The zero Availability is 100% ([Perfect]); the zero Assumption is
// [Independent].
package availability
