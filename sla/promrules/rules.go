package promrules

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

// ErrSLI reports an indicator that is not exactly one of the three forms,
// or a ratio expression without the $window placeholder.
var ErrSLI = errors.New("invalid SLI")

// Window is the placeholder for the range of a ratio expression.
const Window = "$window"

// SLI is the service-level indicator the rules are computed from. Exactly
// one field must be set; see the package documentation.
type SLI struct {
	ErrorRatio   string // PromQL error ratio in [0, 1] with $window ranges
	Availability string // PromQL good ratio in [0, 1] with $window ranges
	Probe        string // a selector of 0/1 samples, e.g. probe_success{job="shop"}
}

// Config is what [Generate] needs.
type Config struct {
	// Name is the value of the slo label of every rule and names the
	// group; it must be a non-empty label value without '"' or '\'.
	Name      string
	Objective sla.Objective
	SLI       SLI
	// Policies are the alert policies; nil means [sla.DefaultAlertPolicies].
	Policies []sla.AlertPolicy
	// Labels are added to every rule, e.g. team="shop".
	Labels map[string]string
}

// RuleFile is a Prometheus rule file, as `promtool check rules` reads it.
type RuleFile struct {
	Groups []RuleGroup `yaml:"groups"`
}

// RuleGroup is a group of rules evaluated together every Interval (empty:
// the server's global evaluation interval).
type RuleGroup struct {
	Name     string `yaml:"name"`
	Interval string `yaml:"interval,omitempty"`
	Rules    []Rule `yaml:"rules"`
}

// Rule is a recording rule (Record set) or an alerting rule (Alert set).
type Rule struct {
	Record      string            `yaml:"record,omitempty"`
	Alert       string            `yaml:"alert,omitempty"`
	Expr        string            `yaml:"expr"`
	For         string            `yaml:"for,omitempty"`
	Labels      map[string]string `yaml:"labels,omitempty"`
	Annotations map[string]string `yaml:"annotations,omitempty"`
}

// AlertName is the name of every generated alert; the labels severity,
// long_window and short_window tell the policies apart.
const AlertName = "SLOErrorBudgetBurn"

// ErrorRatioRecord returns the name of the recording rule of the error
// ratio over w: "slo:sli_error:ratio_rate5m".
func ErrorRatioRecord(w time.Duration) string { return "slo:sli_error:ratio_rate" + Duration(w) }

// Duration writes d as a Prometheus duration in its largest whole unit:
// "3d", "6h", "90m", "30s", "1500ms".
func Duration(d time.Duration) string {
	for _, u := range []struct {
		d time.Duration
		s string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}} {
		if d%u.d == 0 {
			return strconv.FormatInt(int64(d/u.d), 10) + u.s
		}
	}
	return strconv.FormatInt(d.Milliseconds(), 10) + "ms"
}

var labelName = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

var selector = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?$`)

// windowLength is the length the burn-rate factors are computed for.
func windowLength(o sla.Objective) (time.Duration, bool) {
	s := sla.FixedScale()
	switch o.Period {
	case sla.Window:
		return o.Window, o.Window > 0
	case sla.Day:
		return s.Day.Length(), true
	case sla.Week:
		return s.Week.Length(), true
	case sla.Month:
		return s.Month.Length(), true
	case sla.Quarter:
		return s.Quarter.Length(), true
	case sla.Year:
		return s.Year.Length(), true
	}
	return 0, false
}

// Generate returns the rule file for the configuration. It reports every
// problem at once: an empty or unquotable name, an indicator that is not
// exactly one form, a ratio without $window, a probe that is not a
// selector, an objective without a window length, invalid policies (see
// [sla.BurnRateAlerts]) and windows that are not whole milliseconds.
func Generate(c Config) (RuleFile, error) {
	const fn = "promrules.Generate"
	ie := func(field, value, reason string, sentinel error) error {
		return &availability.InputError{Func: fn, Field: field, Value: value, Reason: reason, Err: sentinel}
	}
	var errs []error
	if c.Name == "" || strings.ContainsAny(c.Name, "\"\\\n") {
		errs = append(errs, ie("name", strconv.Quote(c.Name), "is not a non-empty label value without quotes, backslashes or newlines", availability.ErrSyntax))
	}
	for k := range c.Labels {
		if !labelName.MatchString(k) || k == "slo" || k == "severity" || k == "long_window" || k == "short_window" {
			errs = append(errs, ie("labels", strconv.Quote(k), "is not a label name or is one the rules set (slo, severity, long_window, short_window)", availability.ErrSyntax))
		}
	}
	set := 0
	for _, f := range []struct{ name, v string }{{"errorRatio", c.SLI.ErrorRatio}, {"availability", c.SLI.Availability}, {"probe", c.SLI.Probe}} {
		if f.v == "" {
			continue
		}
		set++
		if f.name == "probe" {
			if !selector.MatchString(f.v) {
				errs = append(errs, ie("sli.probe", strconv.Quote(f.v), "is not a metric selector like probe_success{job=\"shop\"}", ErrSLI))
			}
		} else if !strings.Contains(f.v, Window) {
			errs = append(errs, ie("sli."+f.name, strconv.Quote(f.v), "has no "+Window+" placeholder for the range", ErrSLI))
		}
	}
	if set != 1 {
		errs = append(errs, ie("sli", strconv.Itoa(set)+" forms", "must set exactly one of errorRatio, availability and probe", ErrSLI))
	}
	if err := c.Objective.Validate(); err != nil {
		errs = append(errs, err)
	}
	length, ok := windowLength(c.Objective)
	if !ok {
		errs = append(errs, ie("objective.window", c.Objective.Window.String(), "is needed: burn rates are relative to the window's length", availability.ErrDuration))
	}
	policies := c.Policies
	if policies == nil {
		policies = sla.DefaultAlertPolicies()
	}
	var alerts []sla.BurnRateAlert
	if ok {
		var err error
		if alerts, err = sla.BurnRateAlerts(c.Objective.Target, length, policies); err != nil {
			errs = append(errs, err)
		}
	}
	for i, p := range policies {
		for _, w := range []struct {
			name string
			d    time.Duration
		}{{"long", p.Long}, {"short", p.Short}} {
			if w.d%time.Millisecond != 0 {
				errs = append(errs, ie(fmt.Sprintf("policies[%d].%s", i, w.name), w.d.String(), "is not a whole number of milliseconds", availability.ErrDuration))
			}
		}
	}
	if len(errs) > 0 {
		return RuleFile{}, errors.Join(errs...)
	}

	labels := func(extra ...string) map[string]string {
		m := map[string]string{}
		for k, v := range c.Labels {
			m[k] = v
		}
		m["slo"] = c.Name
		for i := 0; i+1 < len(extra); i += 2 {
			m[extra[i]] = extra[i+1]
		}
		return m
	}
	var windows []time.Duration
	for _, a := range alerts {
		windows = append(windows, a.Long, a.Short)
	}
	slices.SortFunc(windows, cmp.Compare)
	windows = slices.Compact(windows)

	var rules []Rule
	for _, w := range windows {
		rules = append(rules, Rule{Record: ErrorRatioRecord(w), Expr: errorRatio(c.SLI, Duration(w)), Labels: labels()})
	}
	u := c.Objective.Target.Unavailability()
	rules = append(rules,
		Rule{Record: "slo:objective:ratio", Expr: number(1 - u), Labels: labels()},
		Rule{Record: "slo:error_budget:ratio", Expr: number(u), Labels: labels()},
	)
	sel := `{slo="` + c.Name + `"}`
	for _, a := range alerts {
		long, short := Duration(a.Long), Duration(a.Short)
		threshold := "(" + number(a.Factor) + " * " + number(u) + ")"
		rules = append(rules, Rule{
			Alert: AlertName,
			Expr: ErrorRatioRecord(a.Long) + sel + " > " + threshold + "\nand\n" +
				ErrorRatioRecord(a.Short) + sel + " > " + threshold,
			Labels: labels("severity", a.Severity, "long_window", long, "short_window", short),
			Annotations: map[string]string{
				"summary": fmt.Sprintf("%s is burning its error budget %s times too fast", c.Name, number(a.Factor)),
				"description": fmt.Sprintf("The error ratio over %s and %s exceeds %s × (1 − %s): %s%% of the %s budget would be spent in %s.",
					long, short, number(a.Factor), c.Objective.Target, number(100*a.BudgetShare), Duration(length), long),
			},
		})
	}
	return RuleFile{Groups: []RuleGroup{{Name: "slacalc-" + c.Name, Rules: rules}}}, nil
}

func errorRatio(s SLI, w string) string {
	switch {
	case s.ErrorRatio != "":
		return strings.ReplaceAll(s.ErrorRatio, Window, w)
	case s.Availability != "":
		return "1 - (" + strings.ReplaceAll(s.Availability, Window, w) + ")"
	}
	return "max(1 - avg_over_time(" + s.Probe + "[" + w + "]))"
}

// number writes x with at most 12 significant digits, so that 0.02 × 720
// is "14.4", not "14.399999999999999".
func number(x float64) string { return strconv.FormatFloat(x, 'g', 12, 64) }

// Encode writes the rule file as YAML.
func (f RuleFile) Encode(w io.Writer) error {
	e := yaml.NewEncoder(w)
	e.SetIndent(2)
	if err := e.Encode(f); err != nil {
		return err
	}
	return e.Close()
}
