package sla

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/internal/jsonpath"
)

// Hours is one interval of service on a weekday, in local wall-clock time:
// [From, To). Several Hours on the same day describe shifts or a lunch
// break. To may be 24:00, the following midnight.
type Hours struct {
	Day      time.Weekday
	From, To TimeOfDay
}

// String returns "Monday 09:00–17:00".
func (h Hours) String() string { return fmt.Sprintf("%s %s–%s", h.Day, h.From, h.To) }

type hoursJSON struct {
	Day  string    `json:"day"`
	From TimeOfDay `json:"from"`
	To   TimeOfDay `json:"to"`
}

// MarshalJSON encodes the hours as {"day":"Monday","from":"09:00","to":"17:00"}.
func (h Hours) MarshalJSON() ([]byte, error) {
	if h.Day < time.Sunday || h.Day > time.Saturday {
		return nil, inputErr("Hours.MarshalJSON", "day", strconv.Itoa(int(h.Day)), "is not a weekday", ErrRange)
	}
	return json.Marshal(hoursJSON{Day: h.Day.String(), From: h.From, To: h.To})
}

// UnmarshalJSON decodes the form of MarshalJSON; all three keys are
// required and others are errors. The interval itself is validated by the
// calendar that holds it.
func (h *Hours) UnmarshalJSON(b []byte) error {
	const fn = "Hours.UnmarshalJSON"
	var j hoursJSON
	if errs := strict(fn, "day", "from", "to").Decode(b, &j); len(errs) > 0 {
		return errors.Join(errs...)
	}
	wd, ok := parseWeekday(j.Day)
	if !ok {
		return inputErr(fn, "day", strconv.Quote(j.Day), "is not a weekday name"+weekdayHint(j.Day), ErrSyntax)
	}
	*h = Hours{Day: wd, From: j.From, To: j.To}
	return nil
}

// Calendar says when service hours are: a weekly schedule of wall-clock
// intervals in a time zone, minus holidays (whole days, substitute days and
// the closed hours of half days, as [HolidaysIn] resolves them). Calendars are immutable and safe
// for concurrent use; copying one is cheap and shares its caches.
//
// The zero Calendar is 7×24 in UTC: every instant is service time.
//
// # Daylight saving
//
// Service hours are local wall-clock time, so a Monday 09:00–17:00 stays
// 09:00–17:00 on both sides of a transition. An instant is service time when
// its local date is not a holiday and the local clock then reads a time
// within that weekday's hours. So when clocks go forward, hours that span
// the gap lose its length and hours inside it vanish; when they go back,
// hours that contain the repeated readings are served twice over them:
// 00:00–04:00 lasts 3 hours on the spring night and 5 on the autumn night.
// A partial holiday (a half day, see [Holiday.Closing]) closes wall-clock
// hours the same way: closing 12:00–24:00 on the autumn night leaves 13
// hours of a 7×24 day.
type Calendar struct {
	c *calendar
}

type calendar struct {
	loc      *time.Location
	hours    []Hours // sorted by weekday (Sunday first) and start, touching intervals merged
	days     [7][]clockSpan
	holidays []Holiday
	always   bool // every instant is service time: fast paths
	weekly   time.Duration
	years    sync.Map // int -> *yearData, built on first use
}

type clockSpan struct{ from, to int32 }

// NewCalendar returns the calendar with the given weekly hours and holidays
// in loc. It reports every problem at once: a nil location, hours outside
// 00:00–24:00 or ending before they start, overlapping hours on a day,
// invalid holidays, and a schedule without any service time. Touching hours
// (09:00–12:00 and 12:00–17:00) are merged.
func NewCalendar(loc *time.Location, hours []Hours, holidays ...Holiday) (Calendar, error) {
	const fn = "NewCalendar"
	var errs []error
	if loc == nil {
		errs = append(errs, inputErr(fn, "location", "nil", "is not a time zone", ErrLocation))
	}
	type indexed struct {
		Hours
		i int
	}
	var byDay [7][]indexed
	for i, h := range hours {
		f := func(name string) string { return fmt.Sprintf("hours[%d].%s", i, name) }
		ok := true
		if h.Day < time.Sunday || h.Day > time.Saturday {
			errs = append(errs, inputErr(fn, f("day"), strconv.Itoa(int(h.Day)), "is not a weekday", ErrSchedule))
			ok = false
		}
		if h.From < 0 || h.From > secondsPerDay {
			errs = append(errs, inputErr(fn, f("from"), h.From.String(), "is outside 00:00–24:00", ErrSchedule))
			ok = false
		}
		if h.To < 0 || h.To > secondsPerDay {
			errs = append(errs, inputErr(fn, f("to"), h.To.String(), "is outside 00:00–24:00", ErrSchedule))
			ok = false
		}
		if ok && h.To <= h.From {
			errs = append(errs, inputErr(fn, f("to"), h.To.String(), "is not after from "+h.From.String(), ErrSchedule))
			ok = false
		}
		if ok {
			byDay[h.Day] = append(byDay[h.Day], indexed{h, i})
		}
	}
	c := &calendar{loc: loc}
	for d := range byDay {
		hs := byDay[d]
		slices.SortStableFunc(hs, func(a, b indexed) int { return cmp.Compare(a.From, b.From) })
		for k, h := range hs {
			if k > 0 && h.From < hs[k-1].To {
				errs = append(errs, inputErr(fn, fmt.Sprintf("hours[%d]", h.i), h.String(), fmt.Sprintf("overlaps hours[%d] %s", hs[k-1].i, hs[k-1].String()), ErrSchedule))
				continue
			}
			spans := c.days[d]
			if n := len(spans); n > 0 && spans[n-1].to == int32(h.From) {
				spans[n-1].to = int32(h.To)
			} else {
				spans = append(spans, clockSpan{int32(h.From), int32(h.To)})
			}
			c.days[d] = spans
		}
	}
	for i, h := range holidays {
		errs = append(errs, h.validate(fn, i)...)
	}
	if len(errs) > 0 {
		return Calendar{}, joinCapped(fn, errs, 0)
	}
	c.always = len(holidays) == 0
	for d := range c.days {
		for _, s := range c.days[d] {
			c.weekly += time.Duration(s.to-s.from) * time.Second
			c.hours = append(c.hours, Hours{Day: time.Weekday(d), From: TimeOfDay(s.from), To: TimeOfDay(s.to)})
		}
		if len(c.days[d]) != 1 || c.days[d][0] != (clockSpan{0, secondsPerDay}) {
			c.always = false
		}
	}
	if c.weekly == 0 {
		return Calendar{}, inputErr(fn, "hours", strconv.Itoa(len(hours))+" intervals", "give no service time", ErrNoService)
	}
	c.holidays = slices.Clone(holidays)
	return Calendar{c}, nil
}

// Always returns the 7×24 calendar in loc without holidays. In UTC it equals
// the zero Calendar.
func Always(loc *time.Location) (Calendar, error) {
	return Daily(loc, 0, secondsPerDay)
}

// Daily returns the calendar with service from..to every day of the week.
func Daily(loc *time.Location, from, to TimeOfDay, holidays ...Holiday) (Calendar, error) {
	hs := make([]Hours, 7)
	for d := range hs {
		hs[d] = Hours{Day: time.Weekday(d), From: from, To: to}
	}
	return NewCalendar(loc, hs, holidays...)
}

// Weekdays returns the calendar with service from..to Monday to Friday, the
// "5×8" style window: Weekdays(loc, Clock(9, 0), Clock(17, 0)).
// A bad time of day is reported once, at "from" or "to", not once a day.
func Weekdays(loc *time.Location, from, to TimeOfDay, holidays ...Holiday) (Calendar, error) {
	const fn = "Weekdays"
	var errs []error
	for _, t := range []struct {
		name string
		v    TimeOfDay
	}{{"from", from}, {"to", to}} {
		if t.v < 0 || t.v > secondsPerDay {
			errs = append(errs, inputErr(fn, t.name, t.v.String(), "is outside 00:00–24:00", ErrSchedule))
		}
	}
	if len(errs) == 0 && to <= from {
		errs = append(errs, inputErr(fn, "to", to.String(), "is not after from "+from.String(), ErrSchedule))
	}
	if len(errs) > 0 {
		return Calendar{}, errors.Join(errs...)
	}
	hs := make([]Hours, 0, 5)
	for d := time.Monday; d <= time.Friday; d++ {
		hs = append(hs, Hours{Day: d, From: from, To: to})
	}
	return NewCalendar(loc, hs, holidays...)
}

// WithHolidays returns a copy of c with more holidays.
func (c Calendar) WithHolidays(holidays ...Holiday) (Calendar, error) {
	return NewCalendar(c.Location(), c.Hours(), append(c.Holidays(), holidays...)...)
}

// Location returns the calendar's time zone; UTC for the zero Calendar.
func (c Calendar) Location() *time.Location {
	if c.c == nil {
		return time.UTC
	}
	return c.c.loc
}

// Hours returns the weekly service hours, Sunday first, touching intervals
// merged.
func (c Calendar) Hours() []Hours {
	if c.c == nil {
		hs := make([]Hours, 7)
		for d := range hs {
			hs[d] = Hours{Day: time.Weekday(d), From: 0, To: secondsPerDay}
		}
		return hs
	}
	return slices.Clone(c.c.hours)
}

// Holidays returns the holidays.
func (c Calendar) Holidays() []Holiday {
	if c.c == nil {
		return nil
	}
	return slices.Clone(c.c.holidays)
}

// WeeklyServiceTime returns the service time of a week without holidays or
// daylight-saving transitions: 40h for Monday to Friday 09:00–17:00.
func (c Calendar) WeeklyServiceTime() time.Duration {
	if c.c == nil {
		return 7 * day
	}
	return c.c.weekly
}

// String describes the calendar briefly: "Europe/Amsterdam, 40h0m0s a week, 2 holiday rules".
func (c Calendar) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s a week", c.Location(), c.WeeklyServiceTime())
	switch n := len(c.Holidays()); n {
	case 0:
	case 1:
		b.WriteString(", 1 holiday rule")
	default:
		fmt.Fprintf(&b, ", %d holiday rules", n)
	}
	return b.String()
}

// IsHoliday reports whether t lies in a holiday's closed hours in the
// calendar's zone, and its name: anywhere on the local date of a
// whole-day holiday or substitute day, and within the wall-clock hours
// From–To of a partial one.
func (c Calendar) IsHoliday(t time.Time) (string, bool) {
	if c.c == nil || len(c.c.holidays) == 0 {
		return "", false
	}
	l := t.In(c.c.loc)
	y, m, d := l.Date()
	if y < 1 || y > maxYear {
		return "", false
	}
	tod := TimeOfDay(l.Hour()*3600 + l.Minute()*60 + l.Second())
	for _, o := range c.c.year(y).occ {
		if o.Month == m && o.Day == d && o.From <= tod && tod < o.To {
			return o.Name, true
		}
	}
	return "", false
}

// InService reports whether t is service time.
func (c Calendar) InService(t time.Time) bool {
	if c.c == nil || c.c.always {
		return true
	}
	y := t.In(c.c.loc).Year()
	if y < 1 || y > maxYear {
		return false
	}
	yd := c.c.year(y)
	o := t.Sub(yd.start)
	i := yd.spanAfter(o)
	return i < len(yd.spans) && o >= yd.spans[i].a
}

// ServiceTime returns the service time within the period.
func (c Calendar) ServiceTime(p Period) (time.Duration, error) {
	return c.Elapsed(p.Start(), p.End())
}

// Budget returns the downtime a allows within the period's service time:
// U × ServiceTime(p), rounded to the nanosecond.
func (c Calendar) Budget(a availability.Availability, p Period) (time.Duration, error) {
	s, err := c.ServiceTime(p)
	if err != nil {
		return 0, err
	}
	return a.Downtime(s), nil
}

// Spans returns the service intervals within [from, to), clipped to it.
func (c Calendar) Spans(from, to time.Time) ([]Interval, error) {
	if to.Before(from) {
		return nil, inputErr("Calendar.Spans", "to", to.Format(time.RFC3339Nano), "is before from "+from.Format(time.RFC3339Nano), ErrOrder)
	}
	loc := c.Location()
	if c.c == nil || c.c.always {
		if to.Equal(from) {
			return nil, nil
		}
		return []Interval{{Start: from.In(loc), End: to.In(loc)}}, nil
	}
	ya, yb := from.In(loc).Year(), to.In(loc).Year()
	if err := checkYears("Calendar.Spans", ya, yb); err != nil {
		return nil, err
	}
	var out []Interval
	for y := ya; y <= yb; y++ {
		yd := c.c.year(y)
		for _, s := range yd.spans[yd.spanAfter(from.Sub(yd.start)):] {
			a, b := yd.start.Add(s.a), yd.start.Add(s.b)
			if !a.Before(to) {
				break
			}
			out = append(out, Interval{Start: maxTime(a, from), End: minTime(b, to)})
		}
	}
	return out, nil
}

type calendarJSON struct {
	Zone     string          `json:"zone"`
	Hours    []Hours         `json:"hours"`
	Holidays json.RawMessage `json:"holidays,omitempty"`
}

// MarshalJSON encodes the calendar as its IANA zone name, its weekly hours
// and its holidays. A run of holidays that equals a [Preset] is written as
// a reference to it, {"preset":"NL"}, so a calendar with a country's
// holidays and two extra days reads
//
//	"holidays":[{"preset":"NL"},{"name":"Christmas Eve","rule":"annual","month":"December","day":24,"from":"12:00","to":"24:00"}]
//
// The zero Calendar is written as 7×24 in UTC.
func (c Calendar) MarshalJSON() ([]byte, error) {
	j := calendarJSON{Zone: c.Location().String(), Hours: c.Hours()}
	if hs := c.Holidays(); len(hs) > 0 {
		b, err := holidayList(hs).MarshalJSON()
		if err != nil {
			return nil, err
		}
		j.Holidays = withEasterOffsets(b)
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes and validates the form of MarshalJSON, like
// [NewCalendar]; holidays may refer to presets, unknown keys of the
// calendar, its hours and its holidays are errors, and every problem is
// reported at once at its path ("hours[2].to", "holidays[1].offset"). The
// empty object {} decodes to the zero Calendar; any other calendar needs
// "zone" and "hours".
func (c *Calendar) UnmarshalJSON(b []byte) error {
	const fn = "Calendar.UnmarshalJSON"
	var j calendarJSON
	d := strict(fn)
	if ms, err := jsonpath.Object(b); err == nil && len(ms) > 0 {
		d.Required = []string{"zone", "hours"}
	}
	errs := d.Decode(b, &j)
	var holidays []Holiday
	if len(j.Holidays) > 0 && string(j.Holidays) != "null" {
		missing := holidayFieldsMissing(fn, j.Holidays)
		var err error
		if holidays, err = decodeHolidays(fn, "holidays", j.Holidays); err != nil || len(missing) > 0 {
			errs = append(errs, withoutFollowers(jsonpath.Flatten(err), missing)...)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if j.Zone == "" && len(j.Hours) == 0 && len(holidays) == 0 {
		*c = Calendar{} // {} is the zero Calendar, 7×24 in UTC
		return nil
	}
	loc, err := loadLocation(fn, j.Zone)
	if err != nil {
		return err
	}
	v, err := NewCalendar(loc, j.Hours, holidays...)
	if err != nil {
		return err
	}
	if loc == time.UTC && v.c.always {
		v = Calendar{} // the zero Calendar
	}
	*c = v
	return nil
}

// maxYear bounds the years a calendar computes; time.Date handles more, but
// schedules and holidays are meaningless that far out.
const maxYear = 9999

func checkYears(fn string, ys ...int) error {
	for _, y := range ys {
		if y < 1 || y > maxYear {
			return inputErr(fn, "year", strconv.Itoa(y), "is outside 1–9999", ErrRange)
		}
	}
	return nil
}

// yearData holds one local calendar year's service spans as offsets from its
// first instant, their running totals and where each working day begins.
type yearData struct {
	start time.Time
	end   time.Time // the next year's start
	spans []span
	cum   []time.Duration // cum[i]: service before spans[i]; cum[len(spans)] is the year's total
	days  []int32         // days[k]: index of the first span of the k-th working day; one sentinel at the end
	occ   []Occurrence    // the year's holidays, from HolidaysIn
}

type span struct{ a, b time.Duration }

// withoutSpans returns the parts of the sorted, disjoint spans hours that
// lie outside every span of closed.
func withoutSpans(hours, closed []clockSpan) []clockSpan {
	var out []clockSpan
	for _, h := range hours {
		parts := []clockSpan{h}
		for _, c := range closed {
			var next []clockSpan
			for _, p := range parts {
				if c.to <= p.from || c.from >= p.to {
					next = append(next, p)
					continue
				}
				if p.from < c.from {
					next = append(next, clockSpan{p.from, c.from})
				}
				if c.to < p.to {
					next = append(next, clockSpan{c.to, p.to})
				}
			}
			parts = next
		}
		out = append(out, parts...)
	}
	return out
}

func (yd *yearData) total() time.Duration { return yd.cum[len(yd.spans)] }

func (yd *yearData) workdays() int { return len(yd.days) - 1 }

// spanAfter returns the index of the first span that ends after offset o.
func (yd *yearData) spanAfter(o time.Duration) int {
	lo, hi := 0, len(yd.spans)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if yd.spans[m].b > o {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// upTo returns the service time in the year before offset o.
func (yd *yearData) upTo(o time.Duration) time.Duration {
	i := yd.spanAfter(o)
	if i == len(yd.spans) {
		return yd.total()
	}
	if o <= yd.spans[i].a {
		return yd.cum[i]
	}
	return yd.cum[i] + o - yd.spans[i].a
}

// at returns the earliest instant by which the year has served s, for s in
// (0, total].
func (yd *yearData) at(s time.Duration) time.Time {
	lo, hi := 0, len(yd.spans)
	for lo < hi { // first i with cum[i+1] >= s
		m := int(uint(lo+hi) >> 1)
		if yd.cum[m+1] >= s {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return yd.start.Add(yd.spans[lo].a + s - yd.cum[lo])
}

// year returns the data of local year y (1 ≤ y ≤ maxYear), building it once.
func (c *calendar) year(y int) *yearData {
	if v, ok := c.years.Load(y); ok {
		return v.(*yearData)
	}
	v, _ := c.years.LoadOrStore(y, c.build(y))
	return v.(*yearData)
}

func (c *calendar) build(y int) *yearData {
	occ := HolidaysIn(y, c.holidays...)
	var closed [367][]clockSpan // by day of the year: the closed wall-clock hours
	for _, o := range occ {
		d := o.date().YearDay()
		closed[d] = append(closed[d], clockSpan{int32(o.From), int32(o.To)})
	}
	w0 := wallSeconds(y, time.January, 1)
	x0, _ := wallToInstant(c.loc, w0)
	x1, _ := wallToInstant(c.loc, wallSeconds(y+1, time.January, 1))
	yd := &yearData{start: time.Unix(x0, 0).In(c.loc), end: time.Unix(x1, 0).In(c.loc), occ: occ}
	n := time.Date(y, time.December, 31, 0, 0, 0, 0, time.UTC).YearDay()
	wd := int(time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC).Weekday())
	var total time.Duration
	var buf [][2]int64
	yd.cum = append(yd.cum, 0)
	for d := 1; d <= n; d, wd = d+1, (wd+1)%7 {
		hours := c.days[wd]
		if len(closed[d]) > 0 {
			hours = withoutSpans(hours, closed[d])
		}
		if len(hours) == 0 {
			continue
		}
		w := w0 + int64(d-1)*secondsPerDay
		first := len(yd.spans)
		buf = buf[:0]
		for _, s := range hours {
			buf = wallPreimage(c.loc, w+int64(s.from), w+int64(s.to), buf)
		}
		if len(buf) > 1 { // repeated hours can interleave the parts
			slices.SortFunc(buf, func(a, b [2]int64) int { return cmp.Compare(a[0], b[0]) })
		}
		for _, iv := range buf {
			sp := span{time.Duration(iv[0]-x0) * time.Second, time.Duration(iv[1]-x0) * time.Second}
			if n := len(yd.spans); n > first && yd.spans[n-1].b >= sp.a {
				if sp.b > yd.spans[n-1].b {
					total += sp.b - yd.spans[n-1].b
					yd.spans[n-1].b = sp.b
					yd.cum[n] = total
				}
				continue
			}
			yd.spans = append(yd.spans, sp)
			total += sp.b - sp.a
			yd.cum = append(yd.cum, total)
		}
		if len(yd.spans) > first {
			yd.days = append(yd.days, int32(first))
		}
	}
	yd.days = append(yd.days, int32(len(yd.spans)))
	return yd
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// serviceClock measures service time like Calendar.Elapsed, remembering the
// last year it used so that runs of nearby intervals skip the time-zone
// and cache lookups.
type serviceClock struct {
	c  Calendar
	yd *yearData
}

// elapsed returns the service time in [a, b), a ≤ b.
func (s *serviceClock) elapsed(a, b time.Time) (time.Duration, error) {
	if s.c.c == nil || s.c.c.always {
		return b.Sub(a), nil
	}
	if yd := s.yd; yd != nil && !a.Before(yd.start) && b.Before(yd.end) {
		return yd.upTo(b.Sub(yd.start)) - yd.upTo(a.Sub(yd.start)), nil
	}
	d, err := s.c.Elapsed(a, b)
	if err == nil {
		s.yd = s.c.c.year(b.In(s.c.c.loc).Year())
	}
	return d, err
}
