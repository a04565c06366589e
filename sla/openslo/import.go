package openslo

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

var knownAnnotations = map[string]bool{
	AnnotationTarget: true, AnnotationCalendar: true, AnnotationRules: true,
	AnnotationRole: true, AnnotationUnderpins: true, AnnotationSupplier: true,
}

// Objective reads the document back into an objective, with the exact
// target, calendar and counting rules of its annotations where present and
// otherwise from the OpenSLO fields alone: the target from the fraction,
// a 7×24 calendar in the window's time zone (UTC for a rolling window),
// and rules from the budgeting method. It reports every problem at once:
// a document that is not an openslo/v1 SLO, not exactly one time window
// and one objective, a window that is not a calendar unit aligned to its
// start or a rolling window of fixed length, an unknown slacalc.io
// annotation, or an annotation that conflicts with the document.
func (s SLO) Objective() (sla.Objective, error) {
	const fn = "SLO.Objective"
	var errs []error
	add := func(field, value, reason string, sentinel error) {
		errs = append(errs, inputErr(fn, field, value, reason, sentinel))
	}
	if s.APIVersion != APIVersion {
		add("apiVersion", strconv.Quote(s.APIVersion), "is not "+APIVersion, ErrUnsupported)
	}
	if s.Kind != KindSLO {
		add("kind", strconv.Quote(s.Kind), "is not "+KindSLO, ErrUnsupported)
	}
	ann := s.Metadata.Annotations
	for k := range ann {
		if strings.HasPrefix(k, "slacalc.io/") && !knownAnnotations[k] {
			add("metadata.annotations", strconv.Quote(k), "is not a slacalc.io annotation this version knows", ErrUnsupported)
		}
	}
	o := sla.Objective{Name: s.Metadata.DisplayName}

	// Target.
	if len(s.Spec.Objectives) != 1 {
		add("spec.objectives", strconv.Itoa(len(s.Spec.Objectives))+" objectives", "must be exactly one", ErrUnsupported)
	}
	var goal Goal
	if len(s.Spec.Objectives) > 0 {
		goal = s.Spec.Objectives[0]
		if t, ok := ann[AnnotationTarget]; ok {
			a, err := availability.Parse(t)
			switch {
			case err != nil:
				errs = append(errs, &availability.InputError{Func: "openslo." + fn, Field: "metadata.annotations." + AnnotationTarget, Value: strconv.Quote(t), Reason: "is not an availability", Err: availability.ErrSyntax, Cause: err})
			case math.Abs(a.Fraction()-goal.Target) > 1e-9:
				add("spec.objectives[0].target", fmtFloat(goal.Target), "differs from "+AnnotationTarget+" "+t, ErrConflict)
			default:
				o.Target = a
			}
		} else if a, err := availability.FromFraction(goal.Target); err != nil {
			errs = append(errs, &availability.InputError{Func: "openslo." + fn, Field: "spec.objectives[0].target", Value: fmtFloat(goal.Target), Reason: "is not a fraction in [0, 1]", Err: availability.ErrRange, Cause: err})
		} else {
			o.Target = a
		}
	}

	// Time window.
	zone := ""
	if len(s.Spec.TimeWindow) != 1 {
		add("spec.timeWindow", strconv.Itoa(len(s.Spec.TimeWindow))+" windows", "must be exactly one", ErrUnsupported)
	} else {
		tw := s.Spec.TimeWindow[0]
		n, unit, ok := parseShorthand(tw.Duration)
		switch {
		case !ok:
			add("spec.timeWindow[0].duration", strconv.Quote(tw.Duration), "is not a number and one of m, h, d, w, M, Q, Y", availability.ErrSyntax)
		case tw.IsRolling:
			if d, fixed := fixedUnit[unit]; fixed && n > 0 && n <= int64(math.MaxInt64/d) {
				o.Period, o.Window = sla.Window, time.Duration(n)*d
			} else {
				add("spec.timeWindow[0].duration", strconv.Quote(tw.Duration), "is not a fixed positive length for a rolling window", ErrUnsupported)
			}
			if tw.Calendar != nil {
				add("spec.timeWindow[0].calendar", tw.Calendar.StartTime, "is set for a rolling window", ErrUnsupported)
			}
		default:
			u, known := calendarUnit[unit]
			if !known || n != 1 {
				add("spec.timeWindow[0].duration", strconv.Quote(tw.Duration), "is not one calendar day, week, month, quarter or year (1d, 1w, 1M, 1Q, 1Y)", ErrUnsupported)
				break
			}
			o.Period = u
			if tw.Calendar == nil {
				add("spec.timeWindow[0].calendar", "", "is missing for a calendar-aligned window", ErrUnsupported)
				break
			}
			zone = tw.Calendar.TimeZone
			if err := checkAnchor(u, tw.Calendar); err != nil {
				errs = append(errs, err)
			}
		}
	}

	// Calendar.
	if c, ok := ann[AnnotationCalendar]; ok {
		if err := json.Unmarshal([]byte(c), &o.Calendar); err != nil {
			errs = append(errs, &availability.InputError{Func: "openslo." + fn, Field: "metadata.annotations." + AnnotationCalendar, Reason: "is not an sla.Calendar", Err: availability.ErrSyntax, Cause: err})
		} else if zone != "" && o.Calendar.Location().String() != zone {
			add("spec.timeWindow[0].calendar.timeZone", strconv.Quote(zone), "differs from the zone of "+AnnotationCalendar+", "+o.Calendar.Location().String(), ErrConflict)
		}
	} else if zone != "" && zone != "UTC" {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			errs = append(errs, &availability.InputError{Func: "openslo." + fn, Field: "spec.timeWindow[0].calendar.timeZone", Value: strconv.Quote(zone), Reason: "is not an IANA time zone", Err: sla.ErrLocation, Cause: err})
		} else if o.Calendar, err = sla.Always(loc); err != nil {
			errs = append(errs, err)
		}
	}

	// Counting rules.
	if r, ok := ann[AnnotationRules]; ok {
		if err := json.Unmarshal([]byte(r), &o.Rules); err != nil {
			errs = append(errs, &availability.InputError{Func: "openslo." + fn, Field: "metadata.annotations." + AnnotationRules, Reason: "is not sla.CountingRules", Err: availability.ErrSyntax, Cause: err})
		}
	} else if s.Spec.BudgetingMethod != Occurrences && goal.TimeSliceWindow != "" {
		n, unit, ok := parseShorthand(goal.TimeSliceWindow)
		d, fixed := fixedUnit[unit]
		if !ok || !fixed || n <= 0 {
			add("spec.objectives[0].timeSliceWindow", strconv.Quote(goal.TimeSliceWindow), "is not a fixed positive duration", ErrUnsupported)
		} else {
			o.Rules.Slice = time.Duration(n) * d
			if s.Spec.BudgetingMethod == RatioTimeslices {
				o.Rules.Proportional = true
			} else if goal.TimeSliceTarget != nil {
				o.Rules.SliceThreshold = 1 - *goal.TimeSliceTarget
			}
		}
	}
	want := Occurrences
	if o.Rules.Slice > 0 {
		want = Timeslices
		if o.Rules.Proportional {
			want = RatioTimeslices
		}
	}
	if s.Spec.BudgetingMethod != want {
		reason := "is not " + want + ", which the counting rules need"
		sentinel := ErrConflict
		if s.Spec.BudgetingMethod != Occurrences && s.Spec.BudgetingMethod != Timeslices && s.Spec.BudgetingMethod != RatioTimeslices {
			reason, sentinel = "is not Occurrences, Timeslices or RatioTimeslices", ErrUnsupported
		}
		add("spec.budgetingMethod", strconv.Quote(s.Spec.BudgetingMethod), reason, sentinel)
	}
	if len(errs) == 0 {
		// Rules read from the budgeting method are validated like decoded
		// ones: a timeSliceTarget outside (0, 1] is a threshold outside [0, 1).
		b, err := json.Marshal(o.Rules)
		if err == nil {
			var r sla.CountingRules
			err = json.Unmarshal(b, &r)
		}
		if err != nil {
			errs = append(errs, &availability.InputError{Func: "openslo." + fn, Field: "spec.objectives[0]", Reason: "gives invalid counting rules", Err: availability.ErrRange, Cause: err})
		}
	}
	if len(errs) > 0 {
		return sla.Objective{}, joinErrs(errs)
	}
	if err := o.Validate(); err != nil {
		return sla.Objective{}, err
	}
	return o, nil
}

var fixedUnit = map[byte]time.Duration{'m': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}

var calendarUnit = map[byte]sla.Unit{'d': sla.Day, 'w': sla.Week, 'M': sla.Month, 'Q': sla.Quarter, 'Y': sla.Year}

func parseShorthand(s string) (int64, byte, bool) {
	if len(s) < 2 {
		return 0, 0, false
	}
	unit := s[len(s)-1]
	if !strings.ContainsRune("mhdwMQY", rune(unit)) {
		return 0, 0, false
	}
	n, err := strconv.ParseInt(s[:len(s)-1], 10, 64)
	if err != nil || n < 0 {
		return 0, 0, false
	}
	return n, unit, true
}

// checkAnchor reports a calendar start that does not begin a period of the
// unit: slacalc's calendar periods start at local midnight on a Monday, the
// first of a month, of a quarter or of a year.
func checkAnchor(u sla.Unit, c *CalendarStart) error {
	const fn = "SLO.Objective"
	t, err := time.Parse(startLayout, c.StartTime)
	if err != nil {
		return &availability.InputError{Func: "openslo." + fn, Field: "spec.timeWindow[0].calendar.startTime", Value: strconv.Quote(c.StartTime), Reason: "is not \"YYYY-MM-DD hh:mm:ss\"", Err: availability.ErrSyntax, Cause: err}
	}
	aligned := t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0
	switch u {
	case sla.Week:
		aligned = aligned && t.Weekday() == time.Monday
	case sla.Month:
		aligned = aligned && t.Day() == 1
	case sla.Quarter:
		aligned = aligned && t.Day() == 1 && (t.Month()-1)%3 == 0
	case sla.Year:
		aligned = aligned && t.Day() == 1 && t.Month() == time.January
	}
	if !aligned {
		return inputErr(fn, "spec.timeWindow[0].calendar.startTime", strconv.Quote(c.StartTime), "does not start a calendar "+u.String(), ErrUnsupported)
	}
	return nil
}

func fmtFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
