package sla

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Occurrence is one day, or the closed part of one, that a list of holidays
// gives in a year.
type Occurrence struct {
	Name       string
	Year       int
	Month      time.Month
	Day        int
	From, To   TimeOfDay // the closed wall-clock hours [From, To); 00:00–24:00 for the whole day
	Substitute bool      // a substitute day for a holiday on a weekend (see [NearestWeekday], [NextFreeWeekday])
}

// String returns "2025-12-24 12:00–24:00 Christmas Eve", leaving out the
// hours of a whole day and adding " (substitute)" to a substitute day.
func (o Occurrence) String() string {
	s := fmt.Sprintf("%04d-%02d-%02d", o.Year, int(o.Month), o.Day)
	if !(o.From == 0 && o.To == secondsPerDay) {
		s += fmt.Sprintf(" %s–%s", o.From, o.To)
	}
	if o.Name != "" {
		s += " " + o.Name
	}
	if o.Substitute {
		s += " (substitute)"
	}
	return s
}

func (o Occurrence) date() time.Time { return time.Date(o.Year, o.Month, o.Day, 0, 0, 0, 0, time.UTC) }

// HolidaysIn returns the days that the holidays close in the year, sorted by
// date and then by the start of the closed hours: each rule's date (moved
// by its observance), and the substitute days of holidays on a weekend,
// including a substitute that falls in this year for a holiday of the next
// or previous one. Substitute days of [NextFreeWeekday] skip the dates
// that the list gives already, so the list matters, not only each rule.
// It returns nil for years outside 1–9999.
func HolidaysIn(year int, holidays ...Holiday) []Occurrence {
	if year < 1 || year > maxYear {
		return nil
	}
	var all []Occurrence
	type weekend struct {
		at time.Time
		h  Holiday
	}
	var subs []weekend
	for y := max(1, year-1); y <= min(maxYear, year+1); y++ {
		for _, h := range holidays {
			m, d, ok := h.Date(y)
			if !ok {
				continue
			}
			c := h.closed()
			o := Occurrence{Name: h.Name, Year: y, Month: m, Day: d, From: TimeOfDay(c.from), To: TimeOfDay(c.to)}
			all = append(all, o)
			if wd := o.date().Weekday(); (wd == time.Saturday || wd == time.Sunday) &&
				(h.Observed == NearestWeekday || h.Observed == NextFreeWeekday) {
				subs = append(subs, weekend{o.date(), h})
			}
		}
	}
	taken := make(map[time.Time]bool, len(all))
	for _, o := range all {
		taken[o.date()] = true
	}
	slices.SortStableFunc(subs, func(a, b weekend) int { return a.at.Compare(b.at) })
	for _, s := range subs {
		var t time.Time
		switch s.h.Observed {
		case NearestWeekday:
			t = s.at.AddDate(0, 0, -1) // Saturday → Friday
			if s.at.Weekday() == time.Sunday {
				t = s.at.AddDate(0, 0, 1)
			}
		case NextFreeWeekday:
			t = s.at.AddDate(0, 0, 1)
			for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday || taken[t] {
				t = t.AddDate(0, 0, 1)
			}
		}
		taken[t] = true
		c := s.h.closed()
		all = append(all, Occurrence{Name: s.h.Name, Year: t.Year(), Month: t.Month(), Day: t.Day(),
			From: TimeOfDay(c.from), To: TimeOfDay(c.to), Substitute: true})
	}
	out := slices.DeleteFunc(all, func(o Occurrence) bool { return o.Year != year })
	slices.SortStableFunc(out, func(a, b Occurrence) int {
		return cmp.Or(a.date().Compare(b.date()), cmp.Compare(a.From, b.From))
	})
	return slices.Clip(out)
}
