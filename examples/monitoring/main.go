// Command monitoring takes the shipped web shop proposal from the promise
// to its monitoring:
//
//   - it writes the offer's objective and the suppliers' objectives that
//     underpin it as OpenSLO v1 SLO documents (openslo.yaml) and reads them
//     back, checking that every objective survives the round trip;
//   - it writes a Prometheus rule file (shop.rules.yml) with the error
//     ratio recording rules and the multi-window burn-rate alerts of the
//     offer's objective, for a blackbox probe probe_success{job="shop"};
//   - it makes January 2027's statement for the offer from a recorded
//     Prometheus query_range answer of up{job="shop"} (testdata/, recorded
//     from Debian's Prometheus 2.42 by TestPrometheusServer in package
//     sla/promrange with -month -record).
//
// Run it from the repository root:
//
//	go run ./examples/monitoring                   # writes into a new temporary directory
//	go run ./examples/monitoring -out /tmp/mon     # or into /tmp/mon
//	promtool check rules /tmp/mon/shop.rules.yml   # if Prometheus is installed
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/proposal"
	"github.com/slacalc/slacalc/sla"
	"github.com/slacalc/slacalc/sla/openslo"
	"github.com/slacalc/slacalc/sla/promrange"
	"github.com/slacalc/slacalc/sla/promrules"
)

//go:embed testdata/up-shop-2027-01.json
var recorded []byte

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "monitoring:", err)
		os.Exit(1)
	}
}

func run(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("monitoring", flag.ContinueOnError)
	out := fs.String("out", "", "directory for openslo.yaml and shop.rules.yml; a new temporary directory if empty")
	file := fs.String("proposal", filepath.Join("examples", "proposal", "proposal.json"), "the proposal JSON file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	data, err := os.ReadFile(*file)
	if err != nil {
		return fmt.Errorf("%w (run from the repository root or pass -proposal)", err)
	}
	p, err := proposal.Parse(data)
	if err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		if dir, err = os.MkdirTemp("", "slacalc-monitoring-"); err != nil {
			return err
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}

	// 1. OpenSLO: the offer and the objectives that underpin it.
	offer := named(p.Offer)
	docs := []openslo.SLO{}
	objs := []sla.Objective{offer}
	d, err := openslo.FromObjective(p.Service, offer)
	if err != nil {
		return err
	}
	docs = append(docs, d)
	for _, s := range p.Suppliers {
		o := named(s.Terms)
		d, err := openslo.Underpinning(p.Service, s.Name, o)
		if err != nil {
			return fmt.Errorf("supplier %s: %w", s.Name, err)
		}
		docs, objs = append(docs, d), append(objs, o)
	}
	var buf bytes.Buffer
	if err := openslo.Encode(&buf, docs...); err != nil {
		return err
	}
	slos := filepath.Join(dir, "openslo.yaml")
	if err := os.WriteFile(slos, buf.Bytes(), 0o644); err != nil {
		return err
	}
	read, err := openslo.Decode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return err
	}
	same := 0
	for i, d := range read {
		back, err := d.Objective()
		if err != nil {
			return err
		}
		a, _ := json.Marshal(objs[i])
		b, _ := json.Marshal(back)
		if bytes.Equal(a, b) {
			same++
		}
	}
	fmt.Fprintf(w, "OpenSLO: %d SLO documents in %s (%d read back equal)\n", len(docs), slos, same)
	for _, d := range docs {
		role := "offer"
		if d.Metadata.Annotations[openslo.AnnotationRole] == openslo.RoleUnderpinning {
			role = "underpins " + d.Metadata.Annotations[openslo.AnnotationUnderpins]
		}
		fmt.Fprintf(w, "  %-24s %-8s %-10s %s\n", d.Metadata.Name, d.Metadata.Annotations[openslo.AnnotationTarget], d.Spec.TimeWindow[0].Duration, role)
	}

	// 2. Prometheus rules for the offer, from a blackbox probe.
	rf, err := promrules.Generate(promrules.Config{
		Name: p.Service, Objective: offer,
		SLI: promrules.SLI{Probe: `probe_success{job="` + p.Service + `"}`},
	})
	if err != nil {
		return err
	}
	buf.Reset()
	if err := rf.Encode(&buf); err != nil {
		return err
	}
	rules := filepath.Join(dir, p.Service+".rules.yml")
	if err := os.WriteFile(rules, buf.Bytes(), 0o644); err != nil {
		return err
	}
	records, alerts := 0, 0
	for _, r := range rf.Groups[0].Rules {
		if r.Alert != "" {
			alerts++
			fmt.Fprintf(w, "  alert %-6s when the error ratio over %s and %s exceeds %s\n", r.Labels["severity"], r.Labels["long_window"], r.Labels["short_window"], threshold(r.Expr))
		} else {
			records++
		}
	}
	fmt.Fprintf(w, "Prometheus: %d recording and %d alerting rules in %s\n", records, alerts, rules)

	// 3. January's statement from the recorded query_range answer.
	m, err := promrange.ReadMatrix(bytes.NewReader(recorded))
	if err != nil {
		return err
	}
	jan, err := sla.CalendarMonth(2027, time.January, offer.Calendar.Location())
	if err != nil {
		return err
	}
	grid, err := promrange.PeriodGrid(jan, 5*time.Minute)
	if err != nil {
		return err
	}
	outages, err := m.Outages(grid)
	if err != nil {
		return err
	}
	if len(m) == 0 {
		return errors.New("the recorded response has no series")
	}
	st, err := p.Offer.Statement(contract.PeriodRecords{Period: jan, Outages: outages})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Statement for %s from Prometheus (%d samples of up{job=%q}, %d outages):\n", jan, len(m[0].Samples), p.Service, len(outages))
	for _, o := range outages {
		fmt.Fprintf(w, "  down %s – %s (%v)\n", o.Start.Format("2006-01-02 15:04"), o.End.Format("15:04"), o.End.Sub(o.Start))
	}
	for _, l := range st.Lines {
		fmt.Fprintf(w, "  %-13s %11v  %s\n", l.Item, l.Amount, l.Reason)
	}
	return nil
}

// named returns the terms' objective, named after the terms when it has no
// name of its own.
func named(t contract.Terms) sla.Objective {
	o := t.Objective
	if o.Name == "" {
		o.Name = t.Name
	}
	return o
}

// threshold returns the "(factor * budget)" of an alert expression.
func threshold(expr string) string {
	i := bytes.IndexByte([]byte(expr), '(')
	j := bytes.IndexByte([]byte(expr), ')')
	if i < 0 || j < i {
		return expr
	}
	return expr[i : j+1]
}
