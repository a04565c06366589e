package sla

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// HolidayRule says how a [Holiday] finds its date in a given year.
type HolidayRule int

// The holiday rules.
const (
	OnDate         HolidayRule = iota + 1 // one date: Year, Month, Day
	Annual                                // every year on Month, Day (a February 29 only in leap years)
	EasterRelative                        // Offset days after Western (Gregorian) Easter Sunday; negative is before
	NthWeekday                            // the Nth Weekday of Month; Nth −1 is the last
)

var ruleNames = [...]string{"", "date", "annual", "easter", "nth-weekday"}

// String returns the rule's JSON name: "date", "annual", "easter" or
// "nth-weekday".
func (r HolidayRule) String() string {
	if r <= 0 || int(r) >= len(ruleNames) {
		return "HolidayRule(" + strconv.Itoa(int(r)) + ")"
	}
	return ruleNames[r]
}

// Holiday is a day without service, described as data: a rule and its
// fields. A holiday removes all service hours of its local date. This
// package ships no country's list; build one from an official source.
type Holiday struct {
	Name    string
	Rule    HolidayRule
	Year    int          // OnDate
	Month   time.Month   // OnDate, Annual, NthWeekday
	Day     int          // OnDate, Annual
	Offset  int          // EasterRelative: days after Easter Sunday
	Nth     int          // NthWeekday: 1 to 5, or −1 for the last
	Weekday time.Weekday // NthWeekday
}

// Once is a holiday on one date only, such as a company day off.
func Once(name string, year int, month time.Month, day int) Holiday {
	return Holiday{Name: name, Rule: OnDate, Year: year, Month: month, Day: day}
}

// Yearly is a holiday on the same date every year, such as December 25.
func Yearly(name string, month time.Month, day int) Holiday {
	return Holiday{Name: name, Rule: Annual, Month: month, Day: day}
}

// AfterEaster is a holiday offset days after Western Easter Sunday.
func AfterEaster(name string, offset int) Holiday {
	return Holiday{Name: name, Rule: EasterRelative, Offset: offset}
}

// NthWeekdayOf is the nth weekday of a month (n from 1 to 5, or −1 for the
// last), such as the fourth Thursday of November.
func NthWeekdayOf(name string, n int, wd time.Weekday, month time.Month) Holiday {
	return Holiday{Name: name, Rule: NthWeekday, Nth: n, Weekday: wd, Month: month}
}

// GoodFriday is a holiday two days before Easter Sunday.
func GoodFriday() Holiday { return AfterEaster("Good Friday", -2) }

// EasterMonday is a holiday the day after Easter Sunday.
func EasterMonday() Holiday { return AfterEaster("Easter Monday", 1) }

// AscensionDay is a holiday 39 days after Easter Sunday, a Thursday.
func AscensionDay() Holiday { return AfterEaster("Ascension Day", 39) }

// WhitMonday is a holiday 50 days after Easter Sunday.
func WhitMonday() Holiday { return AfterEaster("Whit Monday", 50) }

// Easter returns the month and day of Western Easter Sunday in a Gregorian
// year, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
func Easter(year int) (time.Month, int) {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Month(month), day
}

// validate returns the problems of h, naming it by index.
func (h Holiday) validate(fn string, i int) []error {
	field := func(f string) string { return fmt.Sprintf("holidays[%d].%s", i, f) }
	var errs []error
	bad := func(f, v, reason string) { errs = append(errs, inputErr(fn, field(f), v, reason, ErrHoliday)) }
	monthOK := func() bool {
		if h.Month < time.January || h.Month > time.December {
			bad("month", strconv.Itoa(int(h.Month)), "is not a month")
			return false
		}
		return true
	}
	switch h.Rule {
	case OnDate:
		if h.Year < 1 || h.Year > maxYear {
			bad("year", strconv.Itoa(h.Year), "is outside 1–9999")
		}
		if monthOK() && (h.Day < 1 || h.Day > daysIn(h.Year, h.Month)) {
			bad("day", strconv.Itoa(h.Day), "does not exist in "+h.Month.String()+" "+strconv.Itoa(h.Year))
		}
	case Annual:
		if monthOK() && (h.Day < 1 || h.Day > daysIn(2000, h.Month)) {
			bad("day", strconv.Itoa(h.Day), "does not exist in "+h.Month.String())
		}
	case EasterRelative:
		if h.Offset < -366 || h.Offset > 366 {
			bad("offset", strconv.Itoa(h.Offset), "is more than a year from Easter")
		}
	case NthWeekday:
		monthOK()
		if h.Nth == 0 || h.Nth < -1 || h.Nth > 5 {
			bad("nth", strconv.Itoa(h.Nth), "is not 1 to 5 or -1")
		}
		if h.Weekday < time.Sunday || h.Weekday > time.Saturday {
			bad("weekday", strconv.Itoa(int(h.Weekday)), "is not a weekday")
		}
	default:
		bad("rule", h.Rule.String(), "is not a holiday rule")
	}
	return errs
}

// daysIn returns the number of days of the month in the year.
func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Date returns the holiday's date in the given year, and false when it has
// none that year (a one-off in another year, February 29 in a common year, a
// fifth weekday that the month lacks, an Easter offset into another year).
func (h Holiday) Date(year int) (time.Month, int, bool) {
	switch h.Rule {
	case OnDate:
		if h.Year == year {
			return h.Month, h.Day, true
		}
	case Annual:
		if h.Day >= 1 && h.Day <= daysIn(year, h.Month) {
			return h.Month, h.Day, true
		}
	case EasterRelative:
		m, d := Easter(year)
		t := time.Date(year, m, d+h.Offset, 0, 0, 0, 0, time.UTC)
		if t.Year() == year {
			return t.Month(), t.Day(), true
		}
	case NthWeekday:
		first := time.Date(year, h.Month, 1, 0, 0, 0, 0, time.UTC)
		n := daysIn(year, h.Month)
		d := 1 + (int(h.Weekday)-int(first.Weekday())+7)%7
		if h.Nth == -1 {
			d += (n - d) / 7 * 7
		} else {
			d += 7 * (h.Nth - 1)
		}
		if d >= 1 && d <= n {
			return h.Month, d, true
		}
	}
	return 0, 0, false
}

type holidayJSON struct {
	Name    string `json:"name,omitempty"`
	Rule    string `json:"rule"`
	Date    string `json:"date,omitempty"`
	Month   string `json:"month,omitempty"`
	Day     int    `json:"day,omitempty"`
	Offset  int    `json:"offset,omitempty"`
	Nth     int    `json:"nth,omitempty"`
	Weekday string `json:"weekday,omitempty"`
}

// MarshalJSON encodes the holiday with month and weekday names and, for a
// one-off, the date as "2006-01-02".
func (h Holiday) MarshalJSON() ([]byte, error) {
	if errs := h.validate("Holiday.MarshalJSON", 0); len(errs) > 0 {
		return nil, errs[0]
	}
	j := holidayJSON{Name: h.Name, Rule: h.Rule.String()}
	switch h.Rule {
	case OnDate:
		j.Date = fmt.Sprintf("%04d-%02d-%02d", h.Year, int(h.Month), h.Day)
	case Annual:
		j.Month, j.Day = h.Month.String(), h.Day
	case EasterRelative:
		j.Offset = h.Offset
	case NthWeekday:
		j.Month, j.Nth, j.Weekday = h.Month.String(), h.Nth, h.Weekday.String()
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes the form of MarshalJSON and validates the holiday.
func (h *Holiday) UnmarshalJSON(b []byte) error {
	const fn = "Holiday.UnmarshalJSON"
	var j holidayJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	var v Holiday
	v.Name = j.Name
	for i, n := range ruleNames {
		if i > 0 && n == j.Rule {
			v.Rule = HolidayRule(i)
		}
	}
	if v.Rule == 0 {
		return inputErr(fn, "rule", strconv.Quote(j.Rule), "is not date, annual, easter or nth-weekday", ErrHoliday)
	}
	switch v.Rule {
	case OnDate:
		t, err := time.Parse("2006-01-02", j.Date)
		if err != nil {
			return inputErr(fn, "date", strconv.Quote(j.Date), "is not a date 2006-01-02", ErrSyntax)
		}
		v.Year, v.Month, v.Day = t.Date()
	case Annual, NthWeekday:
		m, ok := parseMonth(j.Month)
		if !ok {
			return inputErr(fn, "month", strconv.Quote(j.Month), "is not a month name", ErrSyntax)
		}
		v.Month, v.Day, v.Nth = m, j.Day, j.Nth
		if v.Rule == NthWeekday {
			wd, ok := parseWeekday(j.Weekday)
			if !ok {
				return inputErr(fn, "weekday", strconv.Quote(j.Weekday), "is not a weekday name", ErrSyntax)
			}
			v.Weekday = wd
		}
	case EasterRelative:
		v.Offset = j.Offset
	}
	if errs := v.validate(fn, 0); len(errs) > 0 {
		return errs[0]
	}
	*h = v
	return nil
}

func parseMonth(s string) (time.Month, bool) {
	for m := time.January; m <= time.December; m++ {
		if m.String() == s {
			return m, true
		}
	}
	return 0, false
}

func parseWeekday(s string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if d.String() == s {
			return d, true
		}
	}
	return 0, false
}
