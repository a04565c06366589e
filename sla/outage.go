package sla

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"
)

// OutageKind classifies an outage by cause, which decides whether counting rules
// exclude it.
type OutageKind int

// The kinds. The zero OutageKind is Unplanned.
const (
	Unplanned      OutageKind = iota // an incident: counts unless excluded
	Planned                          // announced planned maintenance
	CustomerCaused                   // caused by the customer (a customer obligation not met)
	ThirdParty                       // caused by a party outside the provider's control
	ForceMajeure                     // force majeure as the contract defines it
)

var kindNames = [...]string{"unplanned", "planned", "customer", "third-party", "force-majeure"}

func (k OutageKind) valid() bool { return k >= 0 && int(k) < len(kindNames) }

// String returns the kind's name: "unplanned", "planned", "customer",
// "third-party" or "force-majeure".
func (k OutageKind) String() string {
	if !k.valid() {
		return "OutageKind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// MarshalText implements encoding.TextMarshaler.
func (k OutageKind) MarshalText() ([]byte, error) {
	if !k.valid() {
		return nil, inputErr("OutageKind.MarshalText", "kind", k.String(), "is not a kind", ErrRange)
	}
	return []byte(k.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *OutageKind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if n == string(b) {
			*k = OutageKind(i)
			return nil
		}
	}
	return inputErr("OutageKind.UnmarshalText", "kind", strconv.Quote(string(b)), "is not a kind", ErrSyntax)
}

// Outage is one record of service unavailability.
type Outage struct {
	ID    string    // optional, for reports
	Start time.Time // first instant down
	End   time.Time // first instant up again; zero while the outage is still open
	Scope string    // what was down: a service, region or component; "" for the whole service
	Kind  OutageKind
	// ErrorRate is the fraction of requests that failed during the outage,
	// in [0, 1]. 0 is read as 1, so records without it are full outages. It
	// matters only under time-slice rules; otherwise every outage counts
	// in full.
	ErrorRate float64
}

// Open reports whether the outage has no end yet.
func (o Outage) Open() bool { return o.End.IsZero() }

func (o Outage) rate() float64 {
	if o.ErrorRate == 0 {
		return 1
	}
	return o.ErrorRate
}

func (o Outage) validate(fn string, i int) []error {
	f := func(name string) string { return fmt.Sprintf("outages[%d].%s", i, name) }
	var errs []error
	if o.Start.IsZero() {
		errs = append(errs, inputErr(fn, f("start"), "", "is not set", ErrRange))
	}
	if !o.End.IsZero() && o.End.Before(o.Start) {
		errs = append(errs, inputErr(fn, f("end"), o.End.Format(time.RFC3339Nano), "is before start "+o.Start.Format(time.RFC3339Nano), ErrOrder))
	}
	if !o.Kind.valid() {
		errs = append(errs, inputErr(fn, f("kind"), strconv.Itoa(int(o.Kind)), "is not a kind", ErrRange))
	}
	if math.IsNaN(o.ErrorRate) || o.ErrorRate < 0 || o.ErrorRate > 1 {
		errs = append(errs, inputErr(fn, f("errorRate"), strconv.FormatFloat(o.ErrorRate, 'g', -1, 64), "is outside [0, 1]", ErrRange))
	}
	return errs
}

type outageJSON struct {
	ID        string     `json:"id,omitempty"`
	Start     time.Time  `json:"start"`
	End       time.Time  `json:"end,omitzero"`
	Scope     string     `json:"scope,omitempty"`
	Kind      OutageKind `json:"kind"`
	ErrorRate float64    `json:"errorRate,omitempty"`
}

// MarshalJSON encodes the outage with RFC 3339 times and the kind by name;
// an open outage has no "end".
func (o Outage) MarshalJSON() ([]byte, error) { return json.Marshal(outageJSON(o)) }

// UnmarshalJSON decodes the form of MarshalJSON and validates the record;
// "start" and "kind" are required and other keys are errors.
func (o *Outage) UnmarshalJSON(b []byte) error {
	const fn = "Outage.UnmarshalJSON"
	var j outageJSON
	if errs := strict(fn, "start", "kind").Decode(b, &j); len(errs) > 0 {
		return errors.Join(errs...)
	}
	v := Outage(j)
	if errs := v.validate(fn, 0); len(errs) > 0 {
		return errors.Join(relative(errors.Join(errs...), "outages[0].")...)
	}
	*o = v
	return nil
}

// CountingRules say how outage records become counted downtime. The zero
// value counts every record in full, to the nanosecond.
//
// Per-outage rules (MinOutage, Granularity) and time-slice rules (Slice)
// are alternatives; setting both is an error wrapping [ErrSlice].
type CountingRules struct {
	// Exclude lists the kinds that do not count, e.g. Planned and
	// CustomerCaused.
	Exclude []OutageKind
	// Scopes, when not empty, lists the scopes that count; records with
	// any other scope are excluded.
	Scopes []string
	// MinOutage drops merged outages whose time within service hours is
	// shorter, e.g. one minute.
	MinOutage time.Duration
	// Granularity rounds each merged outage's time within service hours
	// down to a whole multiple, e.g. whole minutes.
	Granularity time.Duration
	// Slice cuts the period into slices of this length from its start; it
	// must divide the period's length. A slice's error rate is the
	// time-weighted mean, over its service time, of the error rate of the
	// outages covering it (overlapping outages: the highest rate).
	Slice time.Duration
	// SliceThreshold: a slice counts as fully down when its error rate
	// exceeds this fraction in [0, 1). Ignored when Proportional is set.
	SliceThreshold float64
	// Proportional makes every slice contribute its error rate times its
	// service time instead of the all-or-nothing threshold.
	Proportional bool
}

func (r CountingRules) validate(fn string) []error {
	var errs []error
	for i, k := range r.Exclude {
		if !k.valid() {
			errs = append(errs, inputErr(fn, fmt.Sprintf("rules.exclude[%d]", i), strconv.Itoa(int(k)), "is not a kind", ErrRange))
		}
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"minOutage", r.MinOutage}, {"granularity", r.Granularity}, {"slice", r.Slice}} {
		if d.v < 0 {
			errs = append(errs, inputErr(fn, "rules."+d.name, d.v.String(), "is negative", ErrDuration))
		}
	}
	if r.Slice > 0 && (r.MinOutage > 0 || r.Granularity > 0) {
		errs = append(errs, inputErr(fn, "rules.slice", r.Slice.String(), "is combined with per-outage rules (minOutage, granularity)", ErrSlice))
	}
	if math.IsNaN(r.SliceThreshold) || r.SliceThreshold < 0 || r.SliceThreshold >= 1 {
		errs = append(errs, inputErr(fn, "rules.sliceThreshold", strconv.FormatFloat(r.SliceThreshold, 'g', -1, 64), "is outside [0, 1)", ErrRange))
	}
	return errs
}

type rulesJSON struct {
	Exclude        []OutageKind `json:"exclude,omitempty"`
	Scopes         []string     `json:"scopes,omitempty"`
	MinOutage      string       `json:"minOutage,omitempty"`
	Granularity    string       `json:"granularity,omitempty"`
	Slice          string       `json:"slice,omitempty"`
	SliceThreshold float64      `json:"sliceThreshold,omitempty"`
	Proportional   bool         `json:"proportional,omitempty"`
}

func durText(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

// MarshalJSON encodes the rules with durations as Go duration strings.
func (r CountingRules) MarshalJSON() ([]byte, error) {
	return json.Marshal(rulesJSON{
		Exclude: r.Exclude, Scopes: r.Scopes, MinOutage: durText(r.MinOutage), Granularity: durText(r.Granularity),
		Slice: durText(r.Slice), SliceThreshold: r.SliceThreshold, Proportional: r.Proportional,
	})
}

// UnmarshalJSON decodes the form of MarshalJSON and validates the rules;
// other keys are errors, and every problem is reported at once.
func (r *CountingRules) UnmarshalJSON(b []byte) error {
	const fn = "CountingRules.UnmarshalJSON"
	var j rulesJSON
	errs := strict(fn).Decode(b, &j)
	v := CountingRules{Exclude: j.Exclude, Scopes: j.Scopes, SliceThreshold: j.SliceThreshold, Proportional: j.Proportional}
	for _, d := range []struct {
		name string
		s    string
		to   *time.Duration
	}{{"minOutage", j.MinOutage, &v.MinOutage}, {"granularity", j.Granularity, &v.Granularity}, {"slice", j.Slice, &v.Slice}} {
		if err := parseDur(fn, d.name, d.s, d.to); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if errs := v.validate(fn); len(errs) > 0 {
		return errors.Join(relative(joinCapped(fn, errs, 0), "rules.")...)
	}
	*r = v
	return nil
}

func parseDur(fn, field, s string, to *time.Duration) error {
	if s == "" {
		*to = 0
		return nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return inputErr(fn, field, strconv.Quote(s), "is not a duration", ErrSyntax)
	}
	*to = d
	return nil
}
