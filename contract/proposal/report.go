package proposal

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/sla"
)

// WriteMarkdown writes the proposal's report as Markdown: the offer;
// whether the design covers it under independent failures, in the worst and
// in the best case, with the parts that use the budget; the dependency graph
// as a Mermaid diagram; the downtime the offer allows per day to year with
// its convention; the weakest links and single points of failure; what each
// supplier must guarantee and the gaps in their cover; the credit schedule
// with the simulated probability of each tier and the expected yearly
// credit; and, with a demand profile, the comparison of service models.
//
// Simulated figures are rounded (probabilities to 0.1%, money to whole
// units) so that the report is stable across machines.
func (a *Analysis) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	r := &mdWriter{w: bw}
	a.markdown(r)
	if r.err != nil {
		return r.err
	}
	return bw.Flush()
}

type mdWriter struct {
	w   io.Writer
	err error
}

func (r *mdWriter) f(format string, args ...any) {
	if r.err == nil {
		_, r.err = fmt.Fprintf(r.w, format, args...)
	}
}

func (a *Analysis) markdown(r *mdWriter) {
	p := a.Proposal
	o := p.Offer
	title := p.Name
	if title == "" {
		title = "Proposal for " + p.Service
	}
	r.f("# %s\n\n", title)
	for_ := ""
	if p.Customer != "" {
		for_ = " to " + p.Customer
	}
	r.f("Offer%s: **%v** availability of `%s` per %v, for a fee of %v per %v, effective %s.\n\n",
		for_, o.Objective.Target, p.Service, o.Objective.Period, o.Fee, o.Objective.Period, o.Effective.Format(time.DateOnly))
	r.f("**%s**\n\n", a.Summary())
	r.f("Every figure says which assumption it rests on: *independent* failures (the engineering estimate), " +
		"the *worst case* (whatever the correlation of failures: what a contract can guarantee) or the *best case*.\n\n")

	r.f("## Can we promise it?\n\n")
	r.f("The design, with the components' availabilities as in the graph:\n\n")
	r.f("| assumption | composite availability | downtime per %s | offer %v | what covered means |\n|---|---|---|---|---|\n", a.Verdicts[0].PeriodText(), o.Objective.Target)
	for _, v := range a.Verdicts {
		state := "covered"
		if !v.Covered {
			state = "**not covered**"
		}
		r.f("| %v | %v | %s | %s | %s |\n", v.Assumption, v.Composite, v.UsesText(), state, v.Meaning)
	}
	r.f("\nThe offer allows %s. ", a.Verdicts[0].BudgetText())
	if v := a.Verdicts[1]; v.Windowed && v.Guarantee != nil && !v.Covered {
		r.f("In the worst case in time every component's downtime of a %s, measured around the clock, may fall inside the service window: %s. ",
			v.Periods[0].Unit(), v.UsesText())
	}
	switch in, wc := a.Verdicts[0], a.Verdicts[1]; {
	case wc.Covered:
		r.f("The design covers it whatever the correlation of failures.\n")
	case in.Covered:
		r.f("The design covers it only if failures are independent: in the worst case it uses %v, %v over the budget.\n",
			roundDur(wc.Uses), roundDur(wc.Uses-wc.Budget))
	default:
		r.f("The design does not cover it even if failures are independent: it uses %v, %v over the budget.\n",
			roundDur(in.Uses), roundDur(in.Uses-in.Budget))
	}
	for _, v := range a.Verdicts[:2] {
		if len(v.Contributions) == 0 {
			continue
		}
		r.f("\nWhere the downtime comes from, %v (what each part would save per %s if it never failed):\n\n", v.Assumption, v.PeriodText())
		r.f("| component | downtime | share |\n|---|---|---|\n")
		for _, c := range v.Contributions {
			r.f("| %s | %v | %s |\n", c.Component, roundDur(c.Downtime), pct(c.Share))
		}
	}

	r.f("\n## Dependency graph\n\n```mermaid\n%s\n```\n\n", strings.TrimRight(a.Mermaid, "\n"))
	r.f("Shared components have a double border; single points of failure of `%s` are red.\n", p.Service)

	if v := a.Verdicts[0]; v.Windowed {
		cal := p.Offer.Objective.Calendar
		r.f("\n## Allowed downtime at %v\n\nIn the offer's service window (%v): 1 − target of each period's service time.\n\n", v.Target, cal)
		r.f("| period | service time | allowed downtime |\n|---|---|---|\n")
		for _, q := range v.Periods {
			st, err := cal.ServiceTime(q)
			if err != nil {
				r.err = err
				return
			}
			r.f("| %s | %v | %v |\n", q.Start().Format("January 2006"), st, roundDur(v.Target.Downtime(st)))
		}
	} else {
		r.f("\n## Allowed downtime at %v\n\nBasis: %s.\n\n", a.Downtime.Availability, a.Downtime.Basis)
		r.f("| period | length | allowed downtime |\n|---|---|---|\n")
		for _, row := range a.Downtime.Rows {
			r.f("| %v | %s | %v |\n", row.Unit, row.Basis, roundDur(row.Downtime))
		}
	}

	r.f("\n## Weakest links\n\nUnder independent failures, by criticality: the probability that the component is down and " +
		"critical when the service is down.\n\n")
	r.f("| component | availability | criticality | Birnbaum | risk achievement worth |\n|---|---|---|---|---|\n")
	for _, im := range a.Importance {
		av, err := availabilityOf(im.Unavailability)
		if err != nil {
			r.err = err
			return
		}
		r.f("| %s | %v | %s | %s | %s |\n", im.Component, av, pct(im.Criticality), sig(im.Birnbaum), sig(im.RiskAchievement))
	}
	r.f("\n## Single points of failure\n\n")
	if len(a.SinglePoints) == 0 {
		r.f("None: no single component takes `%s` down.\n", p.Service)
	} else {
		r.f("Each of these takes `%s` down on its own:\n\n", p.Service)
		graph, err := p.Graph()
		if err != nil {
			r.err = err
			return
		}
		for _, s := range a.SinglePoints {
			spec, err := graph.Spec(s)
			if err != nil {
				r.err = err
				return
			}
			r.f("- %s (%v)\n", s, *spec.Availability)
		}
	}

	if len(a.CommonCause) > 0 {
		r.f("\n## Common causes\n\nRedundancy counts only as far as its parts fail independently. The service's availability " +
			"(independent failures otherwise) when a share β of each redundant part's failures is common to the group " +
			"(the beta-factor model, each part's own availability unchanged):\n\n")
		r.f("| redundancy | members |")
		for _, b := range a.CommonCause[0].Betas {
			r.f(" β = %s |", pctRound(b))
		}
		r.f("\n|---|---|%s\n", strings.Repeat("---|", len(a.CommonCause[0].Betas)))
		for _, g := range a.CommonCause {
			r.f("| %s | %s |", g.Group, strings.Join(g.Members, ", "))
			for _, v := range g.Service {
				r.f(" %v |", v)
			}
			r.f("\n")
		}
	}
	if f := a.Frequency; f.PerHour > 0 {
		r.f("\n## How often\n\nUnder independent failures the service goes down %.2f times a 30-day month around the clock, for %v on average "+
			"(the Vesely formula: Σ Birnbaum importance × failure frequency of each component).\n", f.Per(sla.Month30d.Length()), roundDur(f.MeanOutage))
	}
	if a.Coverage != nil {
		a.suppliersMarkdown(r)
	}
	if a.Risk != nil {
		a.creditsMarkdown(r)
	}
	if a.Comparison != nil {
		a.modelsMarkdown(r)
	}
}

func (a *Analysis) suppliersMarkdown(r *mdWriter) {
	c := a.Coverage
	yes := map[bool]string{true: "covered", false: "**not covered**"}
	r.f("\n## Suppliers\n\nWith every supplier at its target:\n\n")
	r.f("| assumption | composite availability | offer %v |\n|---|---|---|\n", c.Target)
	r.f("| independent | %v | %s |\n| worst-case | %v | %s |\n", c.Independent, yes[c.CoveredIndependent], c.WorstCase, yes[c.CoveredWorstCase])
	r.f("\nWhat each supplier must guarantee for the offer to hold, the others as promised:\n\n")
	r.f("| supplier | component | promised | needed, independent | needed, worst case | |\n|---|---|---|---|---|---|\n")
	for _, al := range c.Allocations {
		indep, wc := "unreachable", "unreachable"
		if al.Reachable {
			indep = anyLevel(al.Required)
		}
		if al.ReachableWorstCase {
			wc = anyLevel(al.WorstCase)
		}
		verdict := "covered"
		switch {
		case !al.Covered:
			verdict = "**not covered**"
		case !al.CoveredWorstCase:
			verdict = "covered only if failures are independent"
		}
		r.f("| %s | %s | %v | %s | %s | %s |\n", al.Supplier, al.Component, al.Promised, indep, wc, verdict)
	}
	if len(c.Responses) > 0 {
		r.f("\nResponse and resolution targets (tickets passed on at once):\n\n| supplier | priority | target | theirs | ours | fits | least slack |\n|---|---|---|---|---|---|---|\n")
		for _, x := range c.Responses {
			r.f("| %s | %s | %s | %v | %v | %v | %v |\n", x.Supplier, x.Priority, x.Target, x.Theirs, x.Ours, x.Fits, x.Slack)
		}
	}
	r.f("\n### Coverage gaps\n\n")
	if len(a.Gaps) == 0 {
		r.f("None: the suppliers' promises cover the offer even in the worst case, and their response times fit inside ours.\n")
		return
	}
	for _, g := range a.Gaps {
		r.f("- %s\n", g)
	}
}

func (a *Analysis) creditsMarkdown(r *mdWriter) {
	p := a.Proposal
	k := a.Risk
	start, err := p.start()
	if err != nil {
		r.err = err
		return
	}
	r.f("\n## Service credits\n\n")
	r.f("Simulated: %d years of calendar months from %s in %s, measured as the offer does; components fail and are repaired "+
		"as in the failure data, the others exponentially with a mean repair of %v (seed %d).\n\n",
		k.Years, start.Start().Format("2006-01"), start.Location(), p.Simulation.repairTime(), p.Simulation.Seed)
	cr := p.Offer.Credits
	head := "tier"
	if !cr.ProRata.IsZero() || !cr.PerDowntime.IsZero() {
		head = "rule"
	}
	r.f("| %s | credit | probability of a month |\n|---|---|---|\n", head)
	r.f("| no credit | 0%% | %s |\n", prob(1-k.CreditProbability.Mean))
	for _, t := range k.Tiers {
		r.f("| %s | %v | %s |\n", tierRange(t.Tier), t.Tier.Credit, prob(t.Probability.Mean))
	}
	// A pro-rata rule or an amount per hour of downtime is one line, not
	// one tier per step.
	if !cr.ProRata.IsZero() {
		r.f("| %s | by the shortfall | %s |\n", cr.ProRata, prob(k.CreditProbability.Mean))
	}
	if !cr.PerDowntime.IsZero() {
		r.f("| %s | by the downtime | %s |\n", cr.PerDowntime, prob(k.CreditProbability.Mean))
	}
	r.f("\nExpected credit a year: **%s** (95%% interval %s – %s); a year's credit P50 %s, P90 %s, P99 %s.\n",
		whole(k.CreditPerYear.Mean), whole(k.CreditPerYear.Low), whole(k.CreditPerYear.High), whole(k.YearlyP50), whole(k.YearlyP90), whole(k.YearlyP99))
	r.f("Monthly downtime: mean %v, P50 %v, P90 %v, P99 %v.\n", roundDur(k.MeanDowntime), roundDur(k.DowntimeP50), roundDur(k.DowntimeP90), roundDur(k.DowntimeP99))
	r.f("Outages in the service window: %.2f a month on average (95%% interval %.2f – %.2f), %v long on average.\n",
		k.OutagesPerPeriod.Mean, k.OutagesPerPeriod.Low, k.OutagesPerPeriod.High, roundDur(k.MeanOutage))
}

func (a *Analysis) modelsMarkdown(r *mdWriter) {
	c := a.Comparison
	d := c.Profile
	r.f("\n## Service models\n\n")
	r.f("Demand: %g incidents a year, %v hours each; %d simulated spans of %d months (seed %d).\n\n",
		d.IncidentsPerYear, d.HoursPerIncident, c.Options.Trials, c.Months, c.Options.Seed)
	r.f("| model | expected cost | standard deviation | P50 | P90 | P99 |\n|---|---|---|---|---|---|\n")
	for _, m := range c.Models {
		r.f("| %s | %s | %s | %s | %s | %s |\n", m.Name, whole(m.Cost.Mean), whole(m.CostStdDev), whole(m.P50), whole(m.P90), whole(m.P99))
	}
}

// tierRange writes a tier's availability range without its credit.
func tierRange(t contract.CreditTier) string {
	s := t.String()
	if i := strings.LastIndex(s, " → "); i >= 0 {
		s = s[:i]
	}
	return s
}

// prob prints a probability as a percentage to 0.1%, with "< 0.1%" for
// small positive values.
func prob(x float64) string {
	switch {
	case x <= 0:
		return "0%"
	case x < 0.0005:
		return "< 0.1%"
	case x > 0.9995 && x < 1:
		return "> 99.9%"
	}
	return fmt.Sprintf("%.1f%%", 100*x)
}

// sig prints a positive number to three significant digits.
func sig(x float64) string {
	if math.IsInf(x, 1) {
		return "∞"
	}
	return fmt.Sprintf("%.3g", x)
}

// whole rounds money half-even to whole units of its currency, e.g. "EUR 1235".
func whole(m money.Money) string {
	digits := m.Currency().MinorDigits()
	if digits <= 0 {
		return m.String()
	}
	unit := int64(math.Pow10(digits))
	v := m.MinorUnits()
	q, rem := v/unit, v%unit
	if rem < 0 {
		rem = -rem
	}
	switch {
	case 2*rem > unit, 2*rem == unit && q%2 != 0:
		if v < 0 {
			q--
		} else {
			q++
		}
	}
	return fmt.Sprintf("%s %d", m.Currency(), q)
}

// anyLevel prints a required availability, "any" when it is 0%.
func anyLevel(a availability.Availability) string {
	if a == availability.Never {
		return "any"
	}
	return a.String()
}

// Summary says in one sentence what the analysis found and what "covered"
// means: guaranteed in every period (worst case), covered only in
// expectation (independent failures), or not covered; with the simulated
// share of periods that miss the target and pay a credit, and whether the
// suppliers' promises cover the offer in the worst case.
func (a *Analysis) Summary() string {
	in, wc := a.Verdicts[0], a.Verdicts[1]
	per := "period"
	if len(wc.Periods) > 0 {
		per = wc.Periods[0].Unit().String()
	}
	var b strings.Builder
	switch {
	case wc.Covered:
		fmt.Fprintf(&b, "Guaranteed: the design reaches %v in every %s whatever the correlation of failures (worst case %.2f)", in.Target, per, wc.Composite)
	case in.Covered:
		fmt.Fprintf(&b, "Covered in expectation (independent failures: %.2f), not guaranteed (worst case: %.2f)", in.Composite, wc.Composite)
	default:
		fmt.Fprintf(&b, "Not covered, even in expectation (independent failures: %.2f)", in.Composite)
	}
	if r := a.Risk; r != nil {
		fmt.Fprintf(&b, "; %s of %ss miss the target and %s pay a credit (about %s a year)",
			pctRound(r.MissProbability.Mean), per, pctRound(r.CreditProbability.Mean), whole(r.CreditPerYear.Mean))
	}
	if c := a.Coverage; c != nil {
		if c.CoveredWorstCase {
			b.WriteString("; the suppliers' promises cover it in the worst case")
		} else {
			b.WriteString("; the suppliers' promises do not cover it in the worst case")
		}
	}
	b.WriteString(".")
	return b.String()
}

// pctRound prints a probability to 0.1%, or "<0.1%" for a small nonzero one.
func pctRound(x float64) string {
	if x > 0 && x < 0.0005 {
		return "<0.1%"
	}
	return strings.TrimSuffix(fmt.Sprintf("%.1f", 100*x), ".0") + "%"
}
