package sla

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/internal/jsonpath"
)

// Unit is the kind of a [Period]: a calendar unit in a time zone, or a
// rolling window of a fixed length.
type Unit int

// The units. A calendar day, week, month, quarter or year starts at local
// midnight in its time zone, so its length follows the calendar and
// daylight saving: a day lasts 23, 24 or 25 hours.
const (
	Window  Unit = iota // a rolling window: a fixed length ending at an instant
	Day                 // a calendar day, local midnight to midnight
	Week                // a calendar week, Monday 00:00 to Monday 00:00 (ISO 8601)
	Month               // a calendar month
	Quarter             // a calendar quarter: January, April, July or October to three months later
	Year                // a calendar year
)

var unitNames = [...]string{"window", "day", "week", "month", "quarter", "year"}

// String returns the unit's name in lower case: "month".
func (u Unit) String() string {
	if u < 0 || int(u) >= len(unitNames) {
		return fmt.Sprintf("Unit(%d)", int(u))
	}
	return unitNames[u]
}

// MarshalText implements encoding.TextMarshaler.
func (u Unit) MarshalText() ([]byte, error) {
	if u < 0 || int(u) >= len(unitNames) {
		return nil, inputErr("Unit.MarshalText", "unit", u.String(), "is not a unit", ErrRange)
	}
	return []byte(u.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (u *Unit) UnmarshalText(b []byte) error {
	for i, n := range unitNames {
		if n == string(b) {
			*u = Unit(i)
			return nil
		}
	}
	return inputErr("Unit.UnmarshalText", "unit", fmt.Sprintf("%q", b), "is not one of window, day, week, month, quarter, year", ErrSyntax)
}

// Period is a half-open interval of time [Start, End) that knows what it is:
// a calendar unit in a time zone (with its real length, daylight saving
// included) or a rolling window. Periods are immutable values; create them
// with [CalendarPeriod], [CalendarMonth], [RollingWindow] or [NewPeriod].
//
// The zero Period is empty; its Length is 0.
type Period struct {
	start, end time.Time
	unit       Unit
}

// NewPeriod returns the period [start, end), a [Window] unit. The end must be
// after the start. Its location is start's.
func NewPeriod(start, end time.Time) (Period, error) {
	if !end.After(start) {
		return Period{}, inputErr("NewPeriod", "end", end.Format(time.RFC3339Nano), "is not after start "+start.Format(time.RFC3339Nano), ErrOrder)
	}
	return Period{start: start, end: end.In(start.Location()), unit: Window}, nil
}

// RollingWindow returns the window of the given length that ends at end:
// [end − length, end). The length must be positive.
func RollingWindow(end time.Time, length time.Duration) (Period, error) {
	if length <= 0 {
		return Period{}, inputErr("RollingWindow", "length", length.String(), "is not positive", ErrDuration)
	}
	return Period{start: end.Add(-length), end: end, unit: Window}, nil
}

// CalendarMonth returns the calendar month in loc: from local midnight on
// the first to local midnight on the first of the next month. March 2025 in
// Europe/Amsterdam lasts 743 hours, October 2025 745.
func CalendarMonth(year int, month time.Month, loc *time.Location) (Period, error) {
	if loc == nil {
		return Period{}, inputErr("CalendarMonth", "location", "nil", "is not a time zone", ErrLocation)
	}
	return CalendarPeriod(Month, time.Date(year, month, 1, 12, 0, 0, 0, loc), loc)
}

// CalendarPeriod returns the calendar unit (Day, Week, Month, Quarter or
// Year) in loc that contains the instant t. A local midnight that falls into
// a daylight-saving gap starts the day at the end of the gap.
func CalendarPeriod(u Unit, t time.Time, loc *time.Location) (Period, error) {
	if loc == nil {
		return Period{}, inputErr("CalendarPeriod", "location", "nil", "is not a time zone", ErrLocation)
	}
	if u <= Window || u > Year {
		return Period{}, inputErr("CalendarPeriod", "unit", u.String(), "is not a calendar unit", ErrRange)
	}
	l := t.In(loc)
	y, m, d := l.Date()
	switch u {
	case Week:
		d -= (int(l.Weekday()) + 6) % 7
	case Month:
		d = 1
	case Quarter:
		m, d = m-(m-1)%3, 1
	case Year:
		m, d = time.January, 1
	}
	start := localMidnight(loc, y, m, d)
	return Period{start: start, end: advance(u, start, loc, 1), unit: u}, nil
}

// localMidnight returns the first instant of the local date (normalized).
func localMidnight(loc *time.Location, y int, m time.Month, d int) time.Time {
	x, _ := wallToInstant(loc, wallSeconds(y, m, d))
	return time.Unix(x, 0).In(loc)
}

// advance returns the start of the calendar unit n units after the one
// starting at start.
func advance(u Unit, start time.Time, loc *time.Location, n int) time.Time {
	l := start.In(loc)
	y, m, d := l.Date()
	switch u {
	case Day:
		d += n
	case Week:
		d += 7 * n
	case Month:
		m += time.Month(n)
	case Quarter:
		m += time.Month(3 * n)
	case Year:
		y += n
	}
	return localMidnight(loc, y, m, d)
}

// Start returns the first instant of the period.
func (p Period) Start() time.Time { return p.start }

// End returns the instant just after the period.
func (p Period) End() time.Time { return p.end }

// Unit returns the period's unit; [Window] for rolling and custom periods.
func (p Period) Unit() Unit { return p.unit }

// Location returns the period's time zone.
func (p Period) Location() *time.Location { return p.start.Location() }

// Length returns End − Start, the real elapsed time.
func (p Period) Length() time.Duration { return p.end.Sub(p.start) }

// Contains reports whether t lies in [Start, End).
func (p Period) Contains(t time.Time) bool { return !t.Before(p.start) && t.Before(p.end) }

// Next returns the period that follows p: the next calendar unit in the same
// time zone (whose length may differ), or for a window the window of the same
// length starting at p's end.
func (p Period) Next() Period {
	if p.unit == Window {
		return Period{start: p.end, end: p.end.Add(p.Length()), unit: Window}
	}
	loc := p.Location()
	return Period{start: p.end, end: advance(p.unit, p.end, loc, 1), unit: p.unit}
}

// Downtime returns the downtime a allows over the whole period, around the
// clock: U × Length, rounded to the nanosecond. For downtime within service
// hours only, use [Calendar.Budget].
func (p Period) Downtime(a availability.Availability) time.Duration {
	return a.Downtime(p.Length())
}

// Availability returns the availability that the given downtime over the
// period amounts to: 1 − downtime/Length.
func (p Period) Availability(downtime time.Duration) (availability.Availability, error) {
	return availability.FromDowntime(downtime, p.Length())
}

// String returns a short description: "month 2025-03-01T00:00:00+01:00 – 2025-04-01T00:00:00+02:00 (743h0m0s)".
func (p Period) String() string {
	return fmt.Sprintf("%s %s – %s (%s)", p.unit, p.start.Format(time.RFC3339), p.end.Format(time.RFC3339), p.Length())
}

type periodJSON struct {
	Unit  Unit      `json:"unit"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Zone  string    `json:"zone"`
}

// MarshalJSON encodes the period as its unit, start and end (RFC 3339) and
// the IANA name of its time zone.
func (p Period) MarshalJSON() ([]byte, error) {
	return json.Marshal(periodJSON{Unit: p.unit, Start: p.start, End: p.end, Zone: p.Location().String()})
}

// UnmarshalJSON decodes the form of MarshalJSON; every key is required and
// others are errors. The zone must be known to the time zone database;
// start must be before end.
func (p *Period) UnmarshalJSON(b []byte) error {
	const fn = "Period.UnmarshalJSON"
	var j periodJSON
	if errs := strict(fn, "unit", "start", "end", "zone").Decode(b, &j); len(errs) > 0 {
		return errors.Join(errs...)
	}
	loc, err := loadLocation(fn, j.Zone)
	if err != nil {
		return err
	}
	if !j.End.After(j.Start) {
		return inputErr(fn, "end", j.End.Format(time.RFC3339Nano), "is not after start "+j.Start.Format(time.RFC3339Nano), ErrOrder)
	}
	*p = Period{start: j.Start.In(loc), end: j.End.In(loc), unit: j.Unit}
	return nil
}

// loadLocation loads an IANA zone, reporting failures as ErrLocation with
// the nearest known zone name. Names that would reach outside the zone
// database ("../x", "/etc/…", "Local") are not zones.
func loadLocation(fn, name string) (*time.Location, error) {
	bad := func(reason string) error {
		if n, ok := jsonpath.NearestZone(name); ok && n != name {
			reason += "; did you mean " + strconv.Quote(n) + "?"
		}
		return &availability.InputError{Func: "sla." + fn, Field: "zone", Value: strconv.Quote(name), Reason: reason, Err: ErrLocation}
	}
	if name == "" {
		return nil, bad("is not a time zone; want an IANA name such as \"Europe/Amsterdam\" or \"UTC\"")
	}
	if name == "Local" || strings.Contains(name, "..") || strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\\x00") {
		return nil, bad("is not an IANA time zone name")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, bad("is not a known time zone")
	}
	return loc, nil
}
