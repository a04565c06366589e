package sla

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
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
// fields. A holiday removes all service hours of its local date, or only the
// wall-clock hours From–To of it when those are set (a half day). [Preset]
// gives the public holidays of some countries; [ReadICalendar] reads them
// from an iCalendar file.
//
// The zero values of the optional fields mean: every year (FirstYear,
// LastYear, Every), not moved (Observed) and the whole day (From, To).
type Holiday struct {
	Name    string
	Rule    HolidayRule
	Year    int          // OnDate
	Month   time.Month   // OnDate, Annual, NthWeekday
	Day     int          // OnDate, Annual
	Offset  int          // EasterRelative: days after Easter Sunday
	Nth     int          // NthWeekday: 1 to 5, or −1 for the last
	Weekday time.Weekday // NthWeekday

	// FirstYear and LastYear bound the years in which the rule gives a
	// date; 0 leaves that side open. They bound the year of the rule's
	// date, before any observance moves it.
	FirstYear, LastYear int
	// Every n-th year counted from FirstYear (which it needs): 5 with
	// FirstYear 1990 gives 1990, 1995, 2000 and so on. 0 and 1 mean every
	// year.
	Every int
	// Observed says what happens when the date falls on a weekend.
	Observed Observance
	// From and To are the closed wall-clock hours [From, To) of a partial
	// holiday, such as 12:00–24:00 for the afternoon of December 24. Both
	// zero means the whole day.
	From, To TimeOfDay
}

// Observance says how a holiday that falls on a weekend is observed.
// Some rules move the holiday (the date itself is then an ordinary day);
// others add a substitute day and keep the date a holiday too, as the
// law of those countries does for people who work that weekend.
type Observance int

// The observances.
const (
	OnTheDay Observance = iota // kept on its date, whatever the weekday

	// SundayToSaturday moves a holiday on a Sunday to the Saturday
	// before: Dutch King's Day (27 April, or the 26th) and Queen's Day
	// 1980–2013 (30 April, or the 29th).
	SundayToSaturday

	// SundayToMonday moves a holiday on a Sunday to the Monday after:
	// Dutch Queen's Day 1949–1979 (30 April, or 1 May).
	SundayToMonday

	// NearestWeekday adds a substitute day when the date is on a weekend:
	// the Friday before a Saturday, the Monday after a Sunday (US federal
	// holidays, 5 U.S.C. 6103(b) and Executive Order 11582). The
	// substitute of 1 January on a Saturday is 31 December of the year
	// before.
	NearestWeekday

	// NextFreeWeekday adds a substitute day when the date is on a weekend:
	// the first Monday to Friday after it that is not already a holiday
	// or substitute day of the same list (UK bank holidays). So Christmas
	// on a Saturday and Boxing Day on the Sunday give Monday 27 and
	// Tuesday 28 December; Christmas on a Sunday gives Tuesday 27, since
	// Monday 26 is Boxing Day.
	NextFreeWeekday
)

var observanceNames = [...]string{"", "sunday-to-saturday", "sunday-to-monday", "nearest-weekday", "next-free-weekday"}

// String returns the observance's JSON name, "" for OnTheDay.
func (o Observance) String() string {
	if o < 0 || int(o) >= len(observanceNames) {
		return "Observance(" + strconv.Itoa(int(o)) + ")"
	}
	return observanceNames[o]
}

// moves reports whether the observance moves the holiday instead of adding
// a substitute day.
func (o Observance) moves() bool { return o == SundayToSaturday || o == SundayToMonday }

// Years returns a copy of h that gives dates only from first to last
// (inclusive); 0 leaves a side open.
func (h Holiday) Years(first, last int) Holiday {
	h.FirstYear, h.LastYear = first, last
	return h
}

// EveryNth returns a copy of h that gives a date every n-th year from
// first: EveryNth(5, 1990) for Dutch Liberation Day in lustrum years.
func (h Holiday) EveryNth(n, first int) Holiday {
	h.Every, h.FirstYear = n, first
	return h
}

// ObservedAs returns a copy of h with the observance o.
func (h Holiday) ObservedAs(o Observance) Holiday {
	h.Observed = o
	return h
}

// Closing returns a copy of h that closes only the wall-clock hours
// [from, to) of its date, such as Closing(Clock(12, 0), Clock(24, 0)) for
// an afternoon.
func (h Holiday) Closing(from, to TimeOfDay) Holiday {
	h.From, h.To = from, to
	return h
}

// Partial reports whether h closes only part of its day.
func (h Holiday) Partial() bool {
	return !(h.From == 0 && (h.To == 0 || h.To == secondsPerDay))
}

// closed returns the closed wall-clock span of the holiday's day.
func (h Holiday) closed() clockSpan {
	if h.From == 0 && h.To == 0 {
		return clockSpan{0, secondsPerDay}
	}
	return clockSpan{int32(h.From), int32(h.To)}
}

// inYear reports whether the year bounds and the n-th-year rule allow y.
func (h Holiday) inYear(y int) bool {
	if (h.FirstYear != 0 && y < h.FirstYear) || (h.LastYear != 0 && y > h.LastYear) {
		return false
	}
	return h.Every <= 1 || (y-h.FirstYear)%h.Every == 0
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
	// Fields that the rule does not use must be zero, or JSON would lose them.
	unused := map[HolidayRule][]string{OnDate: {"offset", "nth", "weekday"}, Annual: {"year", "offset", "nth", "weekday"},
		EasterRelative: {"year", "month", "day", "nth", "weekday"}, NthWeekday: {"year", "day", "offset"}}[h.Rule]
	for _, f := range unused {
		v := map[string]int{"year": h.Year, "month": int(h.Month), "day": h.Day, "offset": h.Offset, "nth": h.Nth, "weekday": int(h.Weekday)}[f]
		if v != 0 {
			bad(f, strconv.Itoa(v), "is not used by the rule "+h.Rule.String())
		}
	}
	for _, y := range [...]struct {
		f string
		v int
	}{{"firstYear", h.FirstYear}, {"lastYear", h.LastYear}} {
		if y.v != 0 && (y.v < 1 || y.v > maxYear) {
			bad(y.f, strconv.Itoa(y.v), "is outside 1–9999")
		}
	}
	if h.FirstYear != 0 && h.LastYear != 0 && h.LastYear < h.FirstYear {
		bad("lastYear", strconv.Itoa(h.LastYear), "is before firstYear "+strconv.Itoa(h.FirstYear))
	}
	switch {
	case h.Every < 0:
		bad("every", strconv.Itoa(h.Every), "is negative")
	case h.Every > 1 && h.FirstYear == 0:
		bad("every", strconv.Itoa(h.Every), "needs firstYear to count from")
	}
	if h.Observed < OnTheDay || h.Observed > NextFreeWeekday {
		bad("observed", h.Observed.String(), "is not an observance")
	}
	if !(h.From == 0 && h.To == 0) {
		switch {
		case h.From < 0 || h.From >= secondsPerDay:
			bad("from", h.From.String(), "is outside 00:00–24:00")
		case h.To <= h.From || h.To > secondsPerDay:
			bad("to", h.To.String(), "is not after from "+h.From.String()+" and at most 24:00")
		}
	}
	return errs
}

// daysIn returns the number of days of the month in the year.
func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Date returns the holiday's date in the given year, and false when it has
// none that year (a one-off in another year, a year outside FirstYear to
// LastYear or not an n-th one, February 29 in a common year, a fifth
// weekday that the month lacks, an Easter offset into another year). An
// observance that moves the holiday ([SundayToSaturday], [SundayToMonday])
// is applied; substitute days ([NearestWeekday], [NextFreeWeekday]) are
// not, since they depend on the other holidays: see [HolidaysIn].
func (h Holiday) Date(year int) (time.Month, int, bool) {
	m, d, ok := h.ruleDate(year)
	if !ok || !h.Observed.moves() {
		return m, d, ok
	}
	t := time.Date(year, m, d, 0, 0, 0, 0, time.UTC)
	if t.Weekday() == time.Sunday {
		if h.Observed == SundayToSaturday {
			t = t.AddDate(0, 0, -1)
		} else {
			t = t.AddDate(0, 0, 1)
		}
	}
	if t.Year() != year { // a move across New Year's Eve stays in its rule's year
		return 0, 0, false
	}
	return t.Month(), t.Day(), true
}

// ruleDate is Date before any observance.
func (h Holiday) ruleDate(year int) (time.Month, int, bool) {
	if !h.inYear(year) {
		return 0, 0, false
	}
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
	Name      string    `json:"name,omitempty"`
	Rule      string    `json:"rule"`
	Date      string    `json:"date,omitempty"`
	Month     string    `json:"month,omitempty"`
	Day       int       `json:"day,omitempty"`
	Offset    int       `json:"offset,omitempty"`
	Nth       int       `json:"nth,omitempty"`
	Weekday   string    `json:"weekday,omitempty"`
	FirstYear int       `json:"firstYear,omitempty"`
	LastYear  int       `json:"lastYear,omitempty"`
	Every     int       `json:"every,omitempty"`
	Observed  string    `json:"observed,omitempty"`
	From      TimeOfDay `json:"from,omitempty"`
	To        TimeOfDay `json:"to,omitempty"`
}

// holidayKeys are the keys of a holiday object, for the unknown-key check.
var holidayKeys = []string{"name", "rule", "date", "month", "day", "offset", "nth", "weekday",
	"firstYear", "lastYear", "every", "observed", "from", "to"}

// MarshalJSON encodes the holiday with month and weekday names and, for a
// one-off, the date as "2006-01-02"; optional fields are left out when
// zero. A partial holiday has "from" and "to" as "15:04":
//
//	{"name":"Christmas Eve","rule":"annual","month":"December","day":24,"from":"12:00","to":"24:00"}
func (h Holiday) MarshalJSON() ([]byte, error) {
	if errs := h.validate("Holiday.MarshalJSON", 0); len(errs) > 0 {
		return nil, errs[0]
	}
	j := holidayJSON{Name: h.Name, Rule: h.Rule.String(), FirstYear: h.FirstYear, LastYear: h.LastYear,
		Every: h.Every, Observed: h.Observed.String(), From: h.From, To: h.To}
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
// Unknown keys are errors.
func (h *Holiday) UnmarshalJSON(b []byte) error {
	v, err := decodeHoliday("Holiday.UnmarshalJSON", "", b)
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// decodeHoliday decodes one holiday object; path prefixes the field names
// in errors ("holidays[3]").
func decodeHoliday(fn, path string, b []byte) (Holiday, error) {
	field := func(f string) string {
		if path == "" {
			return f
		}
		return path + "." + f
	}
	if err := checkKeys(fn, path, b, holidayKeys); err != nil {
		return Holiday{}, err
	}
	var j holidayJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return Holiday{}, inputErr(fn, field("holiday"), "", "is not a holiday object: "+err.Error(), ErrSyntax)
	}
	v := Holiday{Name: j.Name, FirstYear: j.FirstYear, LastYear: j.LastYear, Every: j.Every, From: j.From, To: j.To}
	for i, n := range ruleNames {
		if i > 0 && n == j.Rule {
			v.Rule = HolidayRule(i)
		}
	}
	if v.Rule == 0 {
		return Holiday{}, inputErr(fn, field("rule"), strconv.Quote(j.Rule), "is not date, annual, easter or nth-weekday", ErrHoliday)
	}
	var present map[string]json.RawMessage
	_ = json.Unmarshal(b, &present)
	uses := map[HolidayRule]string{OnDate: "date", Annual: "month day", EasterRelative: "offset", NthWeekday: "month nth weekday"}
	for _, k := range []string{"date", "month", "day", "offset", "nth", "weekday"} {
		if _, has := present[k]; has && !slices.Contains(strings.Fields(uses[v.Rule]), k) {
			return Holiday{}, inputErr(fn, field(k), "", "is not used by the rule "+v.Rule.String(), ErrHoliday)
		}
	}
	if j.Observed != "" {
		for i, n := range observanceNames {
			if i > 0 && n == j.Observed {
				v.Observed = Observance(i)
			}
		}
		if v.Observed == OnTheDay {
			return Holiday{}, inputErr(fn, field("observed"), strconv.Quote(j.Observed), "is not "+strings.Join(observanceNames[1:], ", "), ErrHoliday)
		}
	}
	switch v.Rule {
	case OnDate:
		t, err := time.Parse("2006-01-02", j.Date)
		if err != nil {
			return Holiday{}, inputErr(fn, field("date"), strconv.Quote(j.Date), "is not a date 2006-01-02", ErrSyntax)
		}
		v.Year, v.Month, v.Day = t.Date()
	case Annual, NthWeekday:
		m, ok := parseMonth(j.Month)
		if !ok {
			return Holiday{}, inputErr(fn, field("month"), strconv.Quote(j.Month), "is not a month name", ErrSyntax)
		}
		v.Month, v.Day, v.Nth = m, j.Day, j.Nth
		if v.Rule == NthWeekday {
			wd, ok := parseWeekday(j.Weekday)
			if !ok {
				return Holiday{}, inputErr(fn, field("weekday"), strconv.Quote(j.Weekday), "is not a weekday name", ErrSyntax)
			}
			v.Weekday = wd
		}
	case EasterRelative:
		v.Offset = j.Offset
	}
	var errs []error
	for _, e := range v.validate(fn, 0) {
		var ie *availability.InputError
		if errors.As(e, &ie) && path != "" {
			ie.Field = path + strings.TrimPrefix(ie.Field, "holidays[0]")
		} else if errors.As(e, &ie) {
			ie.Field = strings.TrimPrefix(ie.Field, "holidays[0].")
		}
		errs = append(errs, e)
	}
	if len(errs) > 0 {
		return Holiday{}, joinCapped(fn, errs, 0)
	}
	return v, nil
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
