// Package proposal keeps an SLA proposal in one place — in a file or in Go,
// checked in CI, rendered for the customer — instead of a spreadsheet, an
// online uptime calculator and a drawing tool that disagree.
//
// A [Proposal] ties together the dependency graph of the service
// (availability.Model), the terms offered (contract.Terms), the suppliers'
// terms that underpin them (contract.Supplier), and optionally failure and
// repair data for simulation, a demand profile and the service models to
// compare on it. It is built in Go or read from JSON with [Load] or [Parse].
//
// # Checking and rendering
//
// [Proposal.Verdict] says whether the design covers the offered target
// under one assumption (independent failures, the worst case, the best
// case) and which parts use the downtime budget. [Proposal.Cover] compares
// the offer with what the suppliers promise. [Proposal.CreditRisk]
// simulates the credits the offer will cost. [Analyze] computes all of it
// at once; [Analysis.WriteMarkdown] renders the report, with the graph as a
// Mermaid diagram, and [Analysis.WriteSVG] a histogram of the simulated
// monthly downtime with the credit tiers' thresholds. Package proposaltest
// turns a proposal into a Go test that fails when a change makes the offer
// unsafe.
//
// Every simulation is seeded (Simulation.Seed), so the same proposal gives
// the same report; the report rounds simulated figures (probabilities to
// 0.1%, money to whole units) so that it reads the same on every machine.
// Availabilities are printed with availability.Availability.String, which
// keeps many nines: two 99.9999% parts in parallel are 99.9999999999%,
// never "100%".
//
// # The JSON format
//
// A proposal document is one object. Its fields reuse the JSON of the
// packages that own the types:
//
//   - "name", "customer": text for the report (optional).
//   - "service": the node of the graph that is offered (required).
//   - "components": the dependency graph, a list of availability.NodeSpec:
//     {"name", "availability", "requires", "dependsOn"}; "availability" is
//     the component's own availability as designed ("99.95%"), left out for
//     a pure group; "requires" is "all" (the default), "any" or "at least K".
//   - "commonCauses" (optional): groups of redundant leaf components of
//     equal availability that fail together with a share β of their
//     failures, [{"name": "zone", "beta": "10%", "members": ["web1",
//     "web2"]}] (availability.CommonCause); every evaluation uses
//     [Proposal.Graph], the graph with them applied.
//   - "offer": the terms offered, contract.Terms (see contract's
//     testdata/terms): "effective", "fee" per period, "objective" {"target",
//     "period", "calendar", "rules"}, "credits" {"tiers": [{"upper",
//     "lower", "credit"}], …}, and optionally "support", "exclusions", ….
//   - "suppliers": a list of {"name", "components", "terms"}, each
//     supplier's contract.Terms to us and the components it provides. The
//     supplier's objective target is taken as the availability of each
//     component it provides when checking cover.
//   - "failures" (optional): per component name, {"mtbf", "mttr"} as Go
//     durations, "failureShape" (Weibull shape of the time to failure; 0 or
//     1 exponential), "repairSigma" (σ of a log-normal repair; 0
//     exponential) and "maintenance" {"every", "duration", "offset"}.
//     Components without an entry fail exponentially at the availability
//     of the graph with the mean repair time "simulation.repairTime".
//   - "demand" (optional): pricing.DemandProfile as {"incidentsPerYear",
//     "hoursPerIncident", "unitsPerMonth", "months"}, distributions in the
//     text of availability.ParseDistribution ("lognormal(mean 3, sd 2)").
//   - "models" (with "demand"): the service models to compare, each a
//     one-key object naming its kind — "timeAndMaterials", "breakFix",
//     "fixedPrice", "subscription", "payPerUse", "bundle" or "noContract" —
//     with the model's own JSON as the value.
//   - "simulation" (optional): {"years" (default 400), "seed", "start" (the
//     first month, "2027-01"; default the month the offer takes effect),
//     "zone" (of the months, default "UTC"), "repairTime" (default "4h"),
//     "trials" (for the models, default 4000)}.
//
// A small complete document:
//
//	{
//	  "name": "Reseller offer",
//	  "service": "service",
//	  "components": [
//	    {"name": "app", "availability": "99%"},
//	    {"name": "network", "availability": "99.6%"},
//	    {"name": "service", "dependsOn": ["app", "network"]}
//	  ],
//	  "offer": {
//	    "effective": "2027-01-01T00:00:00Z", "fee": "EUR 2000.00",
//	    "objective": {"target": "98.5%", "period": "month"},
//	    "credits": {"tiers": [
//	      {"upper": "< 98.5%", "lower": ">= 95%", "credit": "10%"},
//	      {"upper": "< 95%", "lower": ">= 0%", "credit": "25%"}]}
//	  },
//	  "suppliers": [
//	    {"name": "AppHost", "components": ["app"], "terms": {
//	      "effective": "2026-01-01T00:00:00Z", "fee": "EUR 600.00",
//	      "objective": {"target": "99%", "period": "month"},
//	      "credits": {"tiers": [{"upper": "< 99%", "lower": ">= 0%", "credit": "10%"}]}}}
//	  ],
//	  "simulation": {"years": 100, "seed": 1}
//	}
//
// # Errors
//
// Loading reports every problem at once, across all sections and with the
// relations between them (a supplier's unknown component, a model's
// negative fee), joined with errors.Join, each a [*availability.InputError]
// with Func "proposal" that names the place in the document as its JSON
// path from the root and wraps one of [ErrSyntax], [ErrMissing],
// [ErrUnknown], [ErrInvalid] and [ErrLimit] (and the error of the package
// that rejected the value, if any). Every key of every object must be
// known: a misspelt key is an error with the nearest known key, and a
// required key (an objective's target, a holiday rule's date fields, a
// credit tier's bounds) is never defaulted:
//
//	proposal: components[3].availability: "101%" is above 100%
//	proposal: offer.credit: is not a known key; did you mean "credits"?
//	proposal: offer.credits: is required
//	proposal: offer.objective.calendar.zone: "Europe/Amsterdan" is not a known time zone; did you mean "Europe/Amsterdam"?
//	proposal: suppliers[1].terms: supplier "NetCo" has no terms
//	proposal: demand.incidentsPerYear: -2 must be a finite rate ≥ 0
//
// # Limits
//
// A document is refused with [ErrLimit], before it is decoded, when it is
// larger than [MaxSize] bytes, nests objects and lists deeper than
// [MaxDepth] or has a string longer than [MaxString] bytes; and while it is
// decoded for a list longer than [MaxNodes] (the components, any list), a
// credit schedule of more than [MaxTiers] tiers or a component or supplier
// name longer than [MaxNameLength] bytes.
//
// [Proposal.Validate] gives the same paths for a proposal built in Go.
// Nothing panics on data.
package proposal
