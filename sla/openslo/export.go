package openslo

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/sla"
)

// The annotations that carry what OpenSLO cannot say; see the package
// documentation.
const (
	AnnotationTarget    = "slacalc.io/target"    // the exact target, "99.9%"
	AnnotationCalendar  = "slacalc.io/calendar"  // sla.Calendar JSON
	AnnotationRules     = "slacalc.io/rules"     // sla.CountingRules JSON
	AnnotationRole      = "slacalc.io/role"      // "underpinning" for a supplier's objective
	AnnotationUnderpins = "slacalc.io/underpins" // the service a supplier's objective underpins
	AnnotationSupplier  = "slacalc.io/supplier"  // the supplier's name
)

// RoleUnderpinning is the value of [AnnotationRole] on a supplier's
// objective.
const RoleUnderpinning = "underpinning"

// The budgeting methods of OpenSLO v1.
const (
	Occurrences     = "Occurrences"
	Timeslices      = "Timeslices"
	RatioTimeslices = "RatioTimeslices"
)

// calendarAnchor is the startTime written for calendar-aligned windows: a
// Monday that starts a year, so it is aligned to every calendar unit.
const calendarAnchor = "2024-01-01 00:00:00"

const startLayout = "2006-01-02 15:04:05"

// FromObjective returns the OpenSLO document of an objective of a service.
// The document refers to its SLI by name, service + "-availability", in
// spec.indicatorRef; set Spec.Indicator instead to inline one. It fails,
// with [ErrUnsupported], for a rolling objective without a length or with
// a window or time slice that is not a whole number of minutes, which
// OpenSLO's duration shorthand cannot express.
func FromObjective(service string, o sla.Objective) (SLO, error) {
	const fn = "FromObjective"
	if err := o.Validate(); err != nil {
		return SLO{}, err
	}
	var s SLO
	s.APIVersion, s.Kind = APIVersion, KindSLO
	label := o.Name
	if label == "" {
		label = service + " availability"
	}
	s.Metadata = Metadata{Name: dnsLabel(label), DisplayName: o.Name, Annotations: map[string]string{}}
	target, _ := o.Target.MarshalText()
	s.Metadata.Annotations[AnnotationTarget] = string(target)
	zero, _ := json.Marshal(sla.Calendar{})
	cal, err := json.Marshal(o.Calendar)
	if err != nil {
		return SLO{}, err
	}
	if string(cal) != string(zero) {
		s.Metadata.Annotations[AnnotationCalendar] = string(cal)
	}
	if !isZeroRules(o.Rules) {
		b, err := json.Marshal(o.Rules)
		if err != nil {
			return SLO{}, err
		}
		s.Metadata.Annotations[AnnotationRules] = string(b)
	}

	zone := o.Calendar.Location().String()
	var tw TimeWindow
	if o.Period == sla.Window {
		d, ok := shorthand(o.Window)
		if !ok {
			return SLO{}, inputErr(fn, "objective.window", o.Window.String(), "is not a positive whole number of minutes", ErrUnsupported)
		}
		tw = TimeWindow{Duration: d, IsRolling: true}
	} else {
		tw = TimeWindow{Duration: unitShorthand[o.Period], Calendar: &CalendarStart{StartTime: calendarAnchor, TimeZone: zone}}
	}
	g := Goal{DisplayName: o.Name, Target: o.Target.Fraction()}
	method := Occurrences
	if o.Rules.Slice > 0 {
		w, ok := shorthand(o.Rules.Slice)
		if !ok {
			return SLO{}, inputErr(fn, "objective.rules.slice", o.Rules.Slice.String(), "is not a whole number of minutes", ErrUnsupported)
		}
		g.TimeSliceWindow = w
		if o.Rules.Proportional {
			method = RatioTimeslices
		} else {
			method = Timeslices
			t := 1 - o.Rules.SliceThreshold
			g.TimeSliceTarget = &t
		}
	}
	s.Spec = Spec{
		Description:     describe(o, zone),
		Service:         service,
		IndicatorRef:    dnsLabel(service + "-availability"),
		TimeWindow:      []TimeWindow{tw},
		BudgetingMethod: method,
		Objectives:      []Goal{g},
	}
	return s, nil
}

// Underpinning returns the document of a supplier's objective that
// underpins service: [FromObjective] for the supplier's service, with
// [AnnotationRole] "underpinning", [AnnotationUnderpins] service and
// [AnnotationSupplier] supplier.
func Underpinning(service, supplier string, o sla.Objective) (SLO, error) {
	s, err := FromObjective(supplier, o)
	if err != nil {
		return SLO{}, err
	}
	s.Metadata.Annotations[AnnotationRole] = RoleUnderpinning
	s.Metadata.Annotations[AnnotationUnderpins] = service
	s.Metadata.Annotations[AnnotationSupplier] = supplier
	return s, nil
}

var unitShorthand = map[sla.Unit]string{sla.Day: "1d", sla.Week: "1w", sla.Month: "1M", sla.Quarter: "1Q", sla.Year: "1Y"}

// shorthand writes d in the largest OpenSLO unit that divides it: days,
// hours or minutes.
func shorthand(d time.Duration) (string, bool) {
	switch {
	case d <= 0 || d%time.Minute != 0:
		return "", false
	case d%(24*time.Hour) == 0:
		return strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "d", true
	case d%time.Hour == 0:
		return strconv.FormatInt(int64(d/time.Hour), 10) + "h", true
	}
	return strconv.FormatInt(int64(d/time.Minute), 10) + "m", true
}

func isZeroRules(r sla.CountingRules) bool {
	return len(r.Exclude) == 0 && len(r.Scopes) == 0 && r.MinOutage == 0 && r.Granularity == 0 &&
		r.Slice == 0 && r.SliceThreshold == 0 && !r.Proportional
}

// dnsLabel turns text into an RFC 1123 label: lower case letters and
// digits, other runs as one '-', at most 63 characters.
func dnsLabel(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	out := b.String()
	if len(out) > 63 {
		out = strings.TrimRight(out[:63], "-")
	}
	if out == "" {
		out = "slo"
	}
	return out
}

func describe(o sla.Objective, zone string) string {
	per := "a rolling " + o.Window.String()
	if o.Period != sla.Window {
		per = "each calendar " + o.Period.String() + " in " + zone
	}
	hours := "7×24"
	if c := o.Calendar; len(c.Holidays()) > 0 || !alwaysOpen(c) {
		hours = "the service hours of the " + AnnotationCalendar + " annotation"
	}
	return fmt.Sprintf("%s availability over %s, counted in %s (slacalc)", o.Target, per, hours)
}

func alwaysOpen(c sla.Calendar) bool {
	hs := c.Hours()
	if len(hs) != 7 {
		return false
	}
	for _, h := range hs {
		if h.From != 0 || h.To != sla.TimeOfDay(24*60*60) {
			return false
		}
	}
	return true
}
