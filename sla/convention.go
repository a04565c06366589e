package sla

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/availability"
)

// Convention is a fixed period length that people use in place of a real
// calendar unit, each with an explicit name and an exact length. None is
// assumed silently: a downtime figure always says which one it rests on.
type Convention int

// The conventions. The mean Gregorian lengths come from the 400-year cycle of
// 146097 days: a year of 365.2425 days (31,556,952 s), a month of a twelfth
// of that (30.436875 days, 2,629,746 s) and a quarter of a quarter of it.
const (
	Day24h               Convention = iota + 1 // a 24-hour day
	Week7d                                     // a 7-day week, 168 hours
	Window28d                                  // a 28-day window (four weeks)
	Month30d                                   // a 30-day month
	Month31d                                   // a 31-day month, the longest calendar month
	MeanGregorianMonth                         // 365.2425/12 days = 30 d 10 h 29 m 06 s
	Quarter90d                                 // a 90-day quarter
	MeanGregorianQuarter                       // 365.2425/4 days = 91 d 7 h 27 m 18 s
	Year365d                                   // a 365-day year
	Year366d                                   // a 366-day (leap) year
	MeanGregorianYear                          // 365.2425 days = 365 d 5 h 49 m 12 s
)

const day = 24 * time.Hour

var conventions = [...]struct {
	key, name string
	length    time.Duration
}{
	{},
	{"day-24h", "24-hour day", day},
	{"week-7d", "7-day week", 7 * day},
	{"window-28d", "28-day window", 28 * day},
	{"month-30d", "30-day month", 30 * day},
	{"month-31d", "31-day month", 31 * day},
	{"month-gregorian", "mean Gregorian month (365.2425/12 days)", 2629746 * time.Second},
	{"quarter-90d", "90-day quarter", 90 * day},
	{"quarter-gregorian", "mean Gregorian quarter (365.2425/4 days)", 7889238 * time.Second},
	{"year-365d", "365-day year", 365 * day},
	{"year-366d", "366-day year", 366 * day},
	{"year-gregorian", "mean Gregorian year (365.2425 days)", 31556952 * time.Second},
}

// Conventions returns every convention, shortest first.
func Conventions() []Convention {
	out := make([]Convention, 0, len(conventions)-1)
	for i := 1; i < len(conventions); i++ {
		out = append(out, Convention(i))
	}
	return out
}

func (c Convention) valid() bool { return c > 0 && int(c) < len(conventions) }

// Length returns the convention's exact length; 0 for an invalid value.
func (c Convention) Length() time.Duration {
	if !c.valid() {
		return 0
	}
	return conventions[c].length
}

// String returns a readable name: "30-day month".
func (c Convention) String() string {
	if !c.valid() {
		return fmt.Sprintf("Convention(%d)", int(c))
	}
	return conventions[c].name
}

// Downtime returns the downtime a allows over the convention's length,
// rounded to the nanosecond: 99.9% over [Month30d] is exactly 43m12s.
func (c Convention) Downtime(a availability.Availability) time.Duration {
	return a.Downtime(c.Length())
}

// Availability returns the availability that the given downtime over the
// convention's length amounts to.
func (c Convention) Availability(downtime time.Duration) (availability.Availability, error) {
	if !c.valid() {
		return availability.Availability{}, inputErr("Convention.Availability", "convention", c.String(), "is not a convention", ErrRange)
	}
	return availability.FromDowntime(downtime, c.Length())
}

// MarshalText implements encoding.TextMarshaler with a stable key such as
// "month-30d" or "year-gregorian".
func (c Convention) MarshalText() ([]byte, error) {
	if !c.valid() {
		return nil, inputErr("Convention.MarshalText", "convention", c.String(), "is not a convention", ErrRange)
	}
	return []byte(conventions[c].key), nil
}

// UnmarshalText implements encoding.TextUnmarshaler for the keys of
// MarshalText.
func (c *Convention) UnmarshalText(b []byte) error {
	for i := 1; i < len(conventions); i++ {
		if conventions[i].key == string(b) {
			*c = Convention(i)
			return nil
		}
	}
	return inputErr("Convention.UnmarshalText", "convention", fmt.Sprintf("%q", b), "is not a known convention", ErrSyntax)
}

// Scale picks one convention for each row of a [DowntimeTable]: day, week,
// month, quarter and year.
type Scale struct {
	Name                            string
	Day, Week, Month, Quarter, Year Convention
}

// FixedScale is the scale of most online calculators: 24-hour days, 7-day
// weeks, 30-day months, 90-day quarters and 365-day years.
func FixedScale() Scale {
	return Scale{Name: "fixed (30-day month, 365-day year)", Day: Day24h, Week: Week7d, Month: Month30d, Quarter: Quarter90d, Year: Year365d}
}

// GregorianScale uses the mean Gregorian month, quarter and year, so that
// twelve months make exactly one year.
func GregorianScale() Scale {
	return Scale{Name: "mean Gregorian", Day: Day24h, Week: Week7d, Month: MeanGregorianMonth, Quarter: MeanGregorianQuarter, Year: MeanGregorianYear}
}

// DowntimeRow is one line of a [DowntimeTable].
type DowntimeRow struct {
	Unit     Unit          // Day, Week, Month, Quarter or Year
	Basis    string        // the convention or the calendar period the length comes from
	Length   time.Duration // the period's length
	Downtime time.Duration // the downtime allowed over Length
}

// DowntimeTable lists the downtime an availability allows per day, week,
// month, quarter and year, and states the basis of every length.
type DowntimeTable struct {
	Availability availability.Availability
	Basis        string // the scale's name, or "calendar in <zone>"
	Rows         []DowntimeRow
}

// NewDowntimeTable returns the table of a over the conventions of s.
func NewDowntimeTable(a availability.Availability, s Scale) (DowntimeTable, error) {
	t := DowntimeTable{Availability: a, Basis: s.Name}
	for i, c := range []Convention{s.Day, s.Week, s.Month, s.Quarter, s.Year} {
		if !c.valid() {
			return DowntimeTable{}, inputErr("NewDowntimeTable", "scale."+Unit(i+1).String(), c.String(), "is not a convention", ErrRange)
		}
		t.Rows = append(t.Rows, DowntimeRow{Unit: Unit(i + 1), Basis: c.String(), Length: c.Length(), Downtime: c.Downtime(a)})
	}
	return t, nil
}

// NewCalendarDowntimeTable returns the table of a over the real calendar day,
// week, month, quarter and year in loc that contain t, with their lengths
// under daylight saving.
func NewCalendarDowntimeTable(a availability.Availability, t time.Time, loc *time.Location) (DowntimeTable, error) {
	if loc == nil {
		return DowntimeTable{}, inputErr("NewCalendarDowntimeTable", "location", "nil", "is not a time zone", ErrLocation)
	}
	tab := DowntimeTable{Availability: a, Basis: "calendar in " + loc.String()}
	for u := Day; u <= Year; u++ {
		p, err := CalendarPeriod(u, t, loc)
		if err != nil {
			return DowntimeTable{}, err
		}
		basis := u.String() + " from " + p.Start().Format("2006-01-02")
		tab.Rows = append(tab.Rows, DowntimeRow{Unit: u, Basis: basis, Length: p.Length(), Downtime: p.Downtime(a)})
	}
	return tab, nil
}
