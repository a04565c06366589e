package sla

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
)

// ReadICalendar reads holidays and closing days from an iCalendar file
// (RFC 5545), such as one exported for Jira Service Management or a
// public-holiday feed, for a calendar in loc. Each VEVENT becomes
// holidays named by its SUMMARY:
//
//   - an all-day event (DTSTART;VALUE=DATE) closes every date from DTSTART
//     up to its exclusive DTEND (or for DURATION, or one day);
//   - a timed event (DTSTART with a time, in UTC, in an IANA TZID, or
//     floating, which is read in loc) closes the wall-clock hours it covers
//     in loc, split per local date into partial holidays; whole days
//     covered become whole-day holidays;
//   - RRULE:FREQ=YEARLY, with INTERVAL, COUNT or UNTIL, and BYMONTH with
//     BYMONTHDAY or one BYDAY such as 3MO or -1MO, gives yearly rules from
//     the year of DTSTART. Timed recurring events keep the local hours of
//     their first occurrence;
//   - RDATE adds occurrences as long as the first, and EXDATE removes
//     occurrences (of a yearly rule by their local date).
//
// Events with STATUS:CANCELLED are skipped; other components (VTIMEZONE,
// VTODO, VALARM) and unknown properties are ignored. Anything the holiday
// rules cannot express is an error rather than a silent approximation:
// other frequencies, other RRULE parts, EXRULE, RDATE or EXDATE periods,
// a TZID that is not an IANA zone name. Errors name the line (of the first physical line of
// a folded line) and wrap [ErrSyntax] for text that cannot be read or
// [ErrHoliday] for what cannot be imported; all problems are reported at
// once.
func ReadICalendar(r io.Reader, loc *time.Location) ([]Holiday, error) {
	const fn = "ReadICalendar"
	if loc == nil {
		return nil, inputErr(fn, "location", "nil", "is not a time zone", ErrLocation)
	}
	lines, err := icalLines(r)
	if err != nil {
		return nil, inputErr(fn, "input", "", "cannot be read: "+err.Error(), ErrSyntax)
	}
	p := icalParser{fn: fn, loc: loc}
	p.parse(lines)
	if len(p.errs) > 0 {
		return nil, joinCapped(fn, p.errs, 0)
	}
	return p.out, nil
}

// icalLine is one unfolded content line and the number of its first
// physical line.
type icalLine struct {
	n    int
	text string
}

// icalLines reads and unfolds the content lines: a physical line that
// starts with a space or a tab continues the one before.
func icalLines(r io.Reader) ([]icalLine, error) {
	var out []icalLine
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		s, err := br.ReadString('\n')
		if s == "" && err != nil {
			if err == io.EOF {
				return out, nil
			}
			return nil, err
		}
		s = strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
		if (strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\t")) && len(out) > 0 {
			out[len(out)-1].text += s[1:]
		} else if s != "" {
			out = append(out, icalLine{n, s})
		}
		if err != nil {
			return out, nil
		}
	}
}

// icalProp is a parsed content line.
type icalProp struct {
	line   int
	name   string            // upper case
	params map[string]string // upper-case names; values unquoted, first value only
	value  string
}

// parseProp splits a content line into name, parameters and value.
func parseProp(l icalLine) (icalProp, string) {
	p := icalProp{line: l.n, params: map[string]string{}}
	s := l.text
	i := strings.IndexAny(s, ";:")
	if i <= 0 {
		return p, "is not a content line NAME:value"
	}
	p.name = strings.ToUpper(s[:i])
	for _, c := range p.name {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return p, "has a property name with " + strconv.QuoteRune(c)
		}
	}
	s = s[i:]
	for strings.HasPrefix(s, ";") {
		s = s[1:]
		eq := strings.IndexByte(s, '=')
		if eq <= 0 {
			return p, "has a parameter without a value"
		}
		name := strings.ToUpper(s[:eq])
		s = s[eq+1:]
		for first := true; ; first = false { // a parameter can have several values, separated by commas
			var val string
			if strings.HasPrefix(s, `"`) {
				end := strings.IndexByte(s[1:], '"')
				if end < 0 {
					return p, "has an unterminated quoted parameter value"
				}
				val, s = s[1:1+end], s[2+end:]
			} else {
				end := strings.IndexAny(s, ",;:")
				if end < 0 {
					return p, "has no ':' before its value"
				}
				val, s = s[:end], s[end:]
			}
			if first {
				p.params[name] = val
			}
			if !strings.HasPrefix(s, ",") {
				break
			}
			s = s[1:]
		}
	}
	if !strings.HasPrefix(s, ":") {
		return p, "has no ':' before its value"
	}
	p.value = s[1:]
	return p, ""
}

type icalParser struct {
	fn   string
	loc  *time.Location
	out  []Holiday
	errs []error
}

func (p *icalParser) fail(line int, value, reason string, sentinel error) {
	if len(value) > 60 {
		value = value[:57] + "..."
	}
	if value != "" {
		value = strconv.Quote(value)
	}
	p.errs = append(p.errs, inputErr(p.fn, "line "+strconv.Itoa(line), value, reason, sentinel))
}

// parse checks the component structure and imports every VEVENT.
func (p *icalParser) parse(lines []icalLine) {
	type open struct {
		name string
		line int
	}
	var stack []open
	var event []icalProp // the properties of the VEVENT being read, outside nested components
	eventLine := 0
	seenCalendar := false
	for _, l := range lines {
		prop, bad := parseProp(l)
		if bad != "" {
			p.fail(l.n, l.text, bad, ErrSyntax)
			continue
		}
		switch prop.name {
		case "BEGIN":
			c := strings.ToUpper(prop.value)
			if len(stack) == 0 && c != "VCALENDAR" {
				p.fail(l.n, l.text, "is outside a VCALENDAR", ErrSyntax)
			}
			if c == "VCALENDAR" {
				seenCalendar = true
				if len(stack) > 0 {
					p.fail(l.n, l.text, "nests a VCALENDAR", ErrSyntax)
				}
			}
			if c == "VEVENT" && len(stack) > 0 && stack[len(stack)-1].name == "VCALENDAR" {
				event, eventLine = []icalProp{}, l.n
			}
			stack = append(stack, open{c, l.n})
		case "END":
			c := strings.ToUpper(prop.value)
			if len(stack) == 0 || stack[len(stack)-1].name != c {
				want := "nothing open"
				if len(stack) > 0 {
					want = fmt.Sprintf("BEGIN:%s on line %d", stack[len(stack)-1].name, stack[len(stack)-1].line)
				}
				p.fail(l.n, l.text, "does not close "+want, ErrSyntax)
				continue
			}
			stack = stack[:len(stack)-1]
			if c == "VEVENT" && event != nil && len(stack) == 1 {
				p.event(eventLine, event)
				event = nil
			}
		default:
			if len(stack) == 0 {
				p.fail(l.n, l.text, "is outside a VCALENDAR", ErrSyntax)
			} else if event != nil && stack[len(stack)-1].name == "VEVENT" {
				event = append(event, prop)
			}
		}
	}
	for _, o := range stack {
		p.fail(o.line, "BEGIN:"+o.name, "is never closed", ErrSyntax)
	}
	if !seenCalendar && len(p.errs) == 0 {
		p.fail(1, "", "has no BEGIN:VCALENDAR", ErrSyntax)
	}
}

// icalTime is a DTSTART, DTEND or UNTIL value.
type icalTime struct {
	t    time.Time // midnight UTC for a date; the instant for a date-time
	date bool
	line int // for RDATE and EXDATE values: the line they are on
}

// parseTime reads a DATE or DATE-TIME value with its VALUE and TZID
// parameters.
func (p *icalParser) parseTime(prop icalProp) (icalTime, bool) {
	v := prop.value
	isDate := strings.EqualFold(prop.params["VALUE"], "DATE") || len(v) == 8
	if isDate {
		t, err := time.Parse("20060102", v)
		if err != nil {
			p.fail(prop.line, v, prop.name+" is not a date YYYYMMDD", ErrSyntax)
			return icalTime{}, false
		}
		return icalTime{t: t, date: true}, true
	}
	loc := p.loc
	if strings.HasSuffix(v, "Z") {
		loc, v = time.UTC, strings.TrimSuffix(v, "Z")
	} else if tz, ok := prop.params["TZID"]; ok {
		l, err := time.LoadLocation(strings.TrimPrefix(tz, "/"))
		if err != nil || tz == "" || strings.EqualFold(tz, "local") {
			p.fail(prop.line, tz, prop.name+" has a TZID that is not an IANA time zone name", ErrHoliday)
			return icalTime{}, false
		}
		loc = l
	}
	t, err := time.ParseInLocation("20060102T150405", v, loc)
	if err != nil {
		p.fail(prop.line, prop.value, prop.name+" is not a date YYYYMMDD or date-time YYYYMMDDTHHMMSS[Z]", ErrSyntax)
		return icalTime{}, false
	}
	return icalTime{t: t}, true
}

// parseDuration reads an RFC 5545 duration: P1D, PT4H30M, P1W, P1DT12H.
func parseDuration(s string) (time.Duration, bool) {
	s = strings.TrimPrefix(s, "+")
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, false
	}
	s = s[1:]
	var d time.Duration
	inTime := false
	for s != "" {
		if s[0] == 'T' {
			if inTime {
				return 0, false
			}
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) || i > 6 {
			return 0, false
		}
		n, _ := strconv.Atoi(s[:i])
		unit := map[bool]map[byte]time.Duration{
			false: {'W': 7 * 24 * time.Hour, 'D': 24 * time.Hour},
			true:  {'H': time.Hour, 'M': time.Minute, 'S': time.Second},
		}[inTime][s[i]]
		if unit == 0 {
			return 0, false
		}
		d += time.Duration(n) * unit
		s = s[i+1:]
	}
	return d, d > 0
}

// maxEventDays bounds the days one event closes.
const maxEventDays = 400

// event imports one VEVENT, begun on line begin.
func (p *icalParser) event(begin int, props []icalProp) {
	var start, end, dur, summary, rrule, status *icalProp
	var rdates, exdates []*icalProp
	one := map[string]**icalProp{"DTSTART": &start, "DTEND": &end, "DURATION": &dur, "SUMMARY": &summary, "RRULE": &rrule, "STATUS": &status}
	ok := true
	for i := range props {
		pr := &props[i]
		if dst, known := one[pr.name]; known {
			if *dst != nil {
				p.fail(pr.line, pr.name, fmt.Sprintf("appears twice in the VEVENT of line %d", begin), ErrHoliday)
				ok = false
			}
			*dst = pr
		}
		switch pr.name {
		case "RDATE", "EXDATE":
			if strings.EqualFold(pr.params["VALUE"], "PERIOD") {
				p.fail(pr.line, pr.name+":"+pr.value, pr.name+";VALUE=PERIOD is not supported: give each period its own VEVENT", ErrHoliday)
				ok = false
			} else if pr.name == "RDATE" {
				rdates = append(rdates, pr)
			} else {
				exdates = append(exdates, pr)
			}
		case "EXRULE":
			p.fail(pr.line, pr.name+":"+pr.value, "EXRULE is not supported (RFC 5545 deprecates it)", ErrHoliday)
			ok = false
		}
	}
	if start == nil {
		p.fail(begin, "BEGIN:VEVENT", "has no DTSTART", ErrHoliday)
		return
	}
	if !ok || (status != nil && strings.EqualFold(status.value, "CANCELLED")) {
		return
	}
	name := ""
	if summary != nil {
		name = unescapeText(summary.value)
	}
	s, ok := p.parseTime(*start)
	if !ok {
		return
	}
	var e icalTime
	switch {
	case end != nil && dur != nil:
		p.fail(dur.line, dur.value, "DURATION and DTEND are both given", ErrHoliday)
		return
	case end != nil:
		if e, ok = p.parseTime(*end); !ok {
			return
		}
		if e.date != s.date {
			p.fail(end.line, end.value, "DTEND is not of the same type (date or date-time) as DTSTART", ErrHoliday)
			return
		}
	case dur != nil:
		d, ok := parseDuration(dur.value)
		if !ok {
			p.fail(dur.line, dur.value, "DURATION is not a positive duration such as P1D or PT4H", ErrSyntax)
			return
		}
		if s.date && d%(24*time.Hour) != 0 {
			p.fail(dur.line, dur.value, "DURATION of an all-day event is not whole days", ErrHoliday)
			return
		}
		e = icalTime{t: s.t.Add(d), date: s.date}
	case s.date:
		e = icalTime{t: s.t.AddDate(0, 0, 1), date: true}
	default:
		p.fail(start.line, start.value, "a timed event without DTEND or DURATION closes no time", ErrHoliday)
		return
	}
	if !e.t.After(s.t) {
		p.fail(start.line, start.value, "the event ends before it starts or is empty", ErrHoliday)
		return
	}
	if e.t.Sub(s.t) > maxEventDays*24*time.Hour+2*time.Hour {
		p.fail(start.line, start.value, fmt.Sprintf("the event lasts more than %d days", maxEventDays), ErrHoliday)
		return
	}
	// The recurrence set: DTSTART (by its RRULE, if any) and the RDATEs,
	// less the EXDATEs, each lasting as long as the first occurrence.
	extra, okR := p.times(rdates, s.date)
	excluded, okX := p.times(exdates, s.date)
	if !okR || !okX {
		return
	}
	isExcluded := func(t icalTime) bool {
		for _, x := range excluded {
			if x.t.Equal(t.t) {
				return true
			}
		}
		return false
	}
	length := e.t.Sub(s.t)
	pieces := p.pieces(name, s, e)
	if len(pieces) == 0 {
		p.fail(start.line, start.value, "the event closes no wall-clock time in "+p.loc.String(), ErrHoliday)
		return
	}
	switch {
	case rrule != nil:
		p.yearly(*rrule, *start, pieces, excluded)
	case !isExcluded(s):
		p.emit(start.line, start.value, pieces)
	}
	for _, r := range extra {
		if isExcluded(r) {
			continue
		}
		rp := p.pieces(name, r, icalTime{t: r.t.Add(length), date: r.date})
		if len(rp) == 0 {
			p.fail(r.line, r.t.Format(time.RFC3339), "the RDATE occurrence closes no wall-clock time in "+p.loc.String(), ErrHoliday)
			continue
		}
		p.emit(r.line, r.t.Format(time.DateOnly), rp)
	}
}

// times reads the comma-separated values of RDATE or EXDATE properties,
// which must be dates when DTSTART is one and date-times when it is not.
func (p *icalParser) times(props []*icalProp, date bool) ([]icalTime, bool) {
	var out []icalTime
	ok := true
	for _, pr := range props {
		for _, v := range strings.Split(pr.value, ",") {
			t, good := p.parseTime(icalProp{line: pr.line, name: pr.name, params: pr.params, value: v})
			if !good {
				ok = false
				continue
			}
			if t.date != date {
				p.fail(pr.line, v, pr.name+" is not of the same type (date or date-time) as DTSTART", ErrHoliday)
				ok = false
				continue
			}
			t.line = pr.line
			out = append(out, t)
		}
	}
	return out, ok
}

// emit validates the holidays of the event whose DTSTART is on line and
// adds them to the output.
func (p *icalParser) emit(line int, value string, hs []Holiday) {
	for _, h := range hs {
		if errs := h.validate(p.fn, 0); len(errs) > 0 {
			reason := "gives an invalid holiday"
			var ie *availability.InputError
			if errors.As(errs[0], &ie) {
				reason = "gives a holiday whose " + strings.TrimPrefix(ie.Field, "holidays[0].") + " " + ie.Value + " " + ie.Reason
			}
			p.fail(line, value, reason, ErrHoliday)
			return
		}
	}
	p.out = append(p.out, hs...)
}

// pieces splits the event [s, e) into one-off holidays per local date.
func (p *icalParser) pieces(name string, s, e icalTime) []Holiday {
	var out []Holiday
	if s.date {
		for d := s.t; d.Before(e.t); d = d.AddDate(0, 0, 1) {
			out = append(out, Once(name, d.Year(), d.Month(), d.Day()))
		}
		return out
	}
	ls, le := s.t.In(p.loc), e.t.In(p.loc)
	tod := func(t time.Time) TimeOfDay { return TimeOfDay(t.Hour()*3600 + t.Minute()*60 + t.Second()) }
	d := time.Date(ls.Year(), ls.Month(), ls.Day(), 0, 0, 0, 0, time.UTC)
	last := time.Date(le.Year(), le.Month(), le.Day(), 0, 0, 0, 0, time.UTC)
	for ; !d.After(last); d = d.AddDate(0, 0, 1) {
		from, to := TimeOfDay(0), TimeOfDay(secondsPerDay)
		if d.Equal(time.Date(ls.Year(), ls.Month(), ls.Day(), 0, 0, 0, 0, time.UTC)) {
			from = tod(ls)
		}
		if d.Equal(last) {
			to = tod(le)
		}
		if to <= from {
			continue
		}
		h := Once(name, d.Year(), d.Month(), d.Day())
		if from != 0 || to != secondsPerDay {
			h = h.Closing(from, to)
		}
		out = append(out, h)
	}
	return out
}

// yearly turns the one-off pieces of an event's first occurrence into
// yearly rules by its RRULE.
func (p *icalParser) yearly(rr, start icalProp, pieces []Holiday, excluded []icalTime) {
	bad := func(reason string) { p.fail(rr.line, "RRULE:"+rr.value, reason, ErrHoliday) }
	parts := map[string]string{}
	for _, kv := range strings.Split(rr.value, ";") {
		k, v, found := strings.Cut(kv, "=")
		k = strings.ToUpper(k)
		if !found || v == "" {
			p.fail(rr.line, "RRULE:"+rr.value, "has a part "+strconv.Quote(kv)+" that is not NAME=value", ErrSyntax)
			return
		}
		if _, dup := parts[k]; dup {
			bad("has " + k + " twice")
			return
		}
		parts[k] = strings.ToUpper(v)
	}
	if f := parts["FREQ"]; f != "YEARLY" {
		if f == "" {
			bad("has no FREQ")
		} else {
			bad("FREQ=" + f + " is not supported: only FREQ=YEARLY")
		}
		return
	}
	for k, v := range parts {
		switch k {
		case "FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYMONTHDAY", "BYDAY", "WKST":
			if strings.Contains(v, ",") {
				bad(k + "=" + v + " with several values is not supported")
				return
			}
		default:
			bad(k + " is not supported: only INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY and one BYDAY")
			return
		}
	}
	num := func(k string, lo, hi int) (int, bool) {
		v, has := parts[k]
		if !has {
			return 0, true
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			bad(fmt.Sprintf("%s=%s is not a number from %d to %d", k, v, lo, hi))
			return 0, false
		}
		return n, true
	}
	interval, ok1 := num("INTERVAL", 1, 1000)
	count, ok2 := num("COUNT", 1, maxYear)
	month, ok3 := num("BYMONTH", 1, 12)
	mday, ok4 := num("BYMONTHDAY", 1, 31)
	if !(ok1 && ok2 && ok3 && ok4) {
		return
	}
	first := pieces[0]
	y0 := first.Year
	if month != 0 && time.Month(month) != first.Month {
		bad("BYMONTH is not the month of DTSTART")
		return
	}
	if mday != 0 && mday != first.Day {
		bad("BYMONTHDAY is not the day of DTSTART")
		return
	}
	_, hasUntil := parts["UNTIL"]
	if count != 0 && hasUntil {
		bad("has both COUNT and UNTIL")
		return
	}
	var rules []Holiday
	if wd, has := parts["BYDAY"]; has {
		if month == 0 || mday != 0 {
			bad("BYDAY needs BYMONTH and no BYMONTHDAY")
			return
		}
		if len(pieces) > 1 {
			bad("BYDAY of an event longer than one day is not supported")
			return
		}
		nth, weekday, ok := parseByDay(wd)
		if !ok {
			bad("BYDAY=" + wd + " is not an ordinal weekday such as 3MO or -1MO")
			return
		}
		h := NthWeekdayOf(first.Name, nth, weekday, first.Month)
		if m, d, ok := h.Date(y0); !ok || m != first.Month || d != first.Day {
			bad("DTSTART is not the date that BYDAY gives in its year")
			return
		}
		h.From, h.To = first.From, first.To
		rules = []Holiday{h}
	} else {
		for _, pc := range pieces {
			h := Yearly(pc.Name, pc.Month, pc.Day)
			h.From, h.To = pc.From, pc.To
			h.FirstYear = pc.Year // a piece after New Year starts a year later
			rules = append(rules, h)
		}
	}
	for i := range rules {
		if rules[i].FirstYear == 0 {
			rules[i].FirstYear = y0
		}
		if interval > 1 {
			rules[i].Every = interval
		}
	}
	// The last year of the first piece, by COUNT or UNTIL; the other
	// pieces end as many years after their first as it does.
	last := 0
	switch {
	case count != 0:
		n := 0
		for y := y0; y <= maxYear; y += max(interval, 1) {
			if _, _, ok := rules[0].Date(y); ok {
				if n++; n == count {
					last = y
					break
				}
			}
		}
		if last == 0 {
			bad("COUNT reaches beyond the year 9999")
			return
		}
	case hasUntil:
		u, ok := p.parseTime(icalProp{line: rr.line, name: "UNTIL", params: map[string]string{}, value: parts["UNTIL"]})
		if !ok {
			return
		}
		until := u.t
		if !u.date {
			l := u.t.In(p.loc)
			until = time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
		}
		for y := y0; y <= until.Year(); y += max(interval, 1) {
			if m, d, ok := rules[0].Date(y); ok && !time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(until) {
				last = y
			}
		}
		if last == 0 {
			bad("UNTIL is before DTSTART")
			return
		}
	}
	// EXDATEs remove the years of the occurrences they name (by local
	// date) by splitting the rules around them.
	var skip []int
	for _, x := range excluded {
		d := x.t
		if !x.date {
			d = x.t.In(p.loc)
		}
		if m, dd, ok := rules[0].Date(d.Year()); ok && m == d.Month() && dd == d.Day() && (last == 0 || d.Year() <= last) {
			skip = append(skip, d.Year())
		}
	}
	slices.Sort(skip)
	var out []Holiday
	for i := range rules {
		dk := rules[i].FirstYear - y0
		if last != 0 {
			rules[i].LastYear = last + dk
		}
		ys := make([]int, len(skip))
		for k, y := range skip {
			ys[k] = y + dk
		}
		out = append(out, splitYears(rules[i], ys)...)
	}
	p.emit(start.line, start.value, out)
}

// splitYears returns h without the years in skip (ascending), as rules
// with year bounds around them.
func splitYears(h Holiday, skip []int) []Holiday {
	var out []Holiday
	step := max(h.Every, 1)
	for _, y := range skip {
		if _, _, ok := h.ruleDate(y); !ok {
			continue
		}
		if y > h.FirstYear {
			seg := h
			seg.LastYear = y - 1
			out = append(out, seg)
		}
		h.FirstYear = y + step
		if h.FirstYear > maxYear || (h.LastYear != 0 && h.FirstYear > h.LastYear) {
			return out
		}
	}
	return append(out, h)
}

// parseByDay reads an ordinal weekday: 3MO, +1TH, -1MO.
func parseByDay(s string) (int, time.Weekday, bool) {
	if len(s) < 3 {
		return 0, 0, false
	}
	days := map[string]time.Weekday{"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday,
		"WE": time.Wednesday, "TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday}
	wd, ok := days[s[len(s)-2:]]
	if !ok {
		return 0, 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(s[:len(s)-2], "+"))
	if err != nil || n == 0 || n < -1 || n > 5 {
		return 0, 0, false
	}
	return n, wd, true
}

// unescapeText undoes the TEXT escapes of RFC 5545: \\ \; \, \n \N.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
