package sla

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// TimeOfDay is a wall-clock time of day in whole seconds after local
// midnight, from 00:00 (0) to 24:00 (86400). 24:00 is allowed as the end of
// service hours and means the following midnight.
type TimeOfDay int32

// secondsPerDay is the number of seconds on a wall clock's day.
const secondsPerDay = 86400

// Clock returns the time of day hh:mm. Out-of-range values give a TimeOfDay
// that [NewCalendar] rejects.
func Clock(hh, mm int) TimeOfDay { return TimeOfDay(hh*3600 + mm*60) }

// String returns the time as "15:04", or "15:04:05" when it has seconds.
func (t TimeOfDay) String() string {
	if t < 0 || t > secondsPerDay {
		return "invalid(" + strconv.Itoa(int(t)) + "s)"
	}
	h, m, s := t/3600, t/60%60, t%60
	if s != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}

// MarshalText implements encoding.TextMarshaler with the form of String.
func (t TimeOfDay) MarshalText() ([]byte, error) {
	if t < 0 || t > secondsPerDay {
		return nil, inputErr("TimeOfDay.MarshalText", "time of day", strconv.Itoa(int(t))+"s", "is outside 00:00–24:00", ErrRange)
	}
	return []byte(t.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler: "9:00", "09:00",
// "09:00:30" and "24:00" are accepted.
func (t *TimeOfDay) UnmarshalText(b []byte) error {
	v, err := ParseTimeOfDay(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// ParseTimeOfDay reads "hh:mm" or "hh:mm:ss" between 00:00 and 24:00.
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	bad := func(reason string) (TimeOfDay, error) {
		return 0, inputErr("ParseTimeOfDay", "time of day", strconv.Quote(s), reason, ErrSyntax)
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return bad("is not hh:mm or hh:mm:ss")
	}
	var v [3]int
	for i, p := range parts {
		if len(p) == 0 || len(p) > 2 || (i > 0 && len(p) != 2) {
			return bad("is not hh:mm or hh:mm:ss")
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return bad("is not hh:mm or hh:mm:ss")
		}
		v[i] = n
	}
	if v[1] > 59 || v[2] > 59 {
		return bad("has minutes or seconds above 59")
	}
	tod := TimeOfDay(v[0]*3600 + v[1]*60 + v[2])
	if tod > secondsPerDay {
		return 0, inputErr("ParseTimeOfDay", "time of day", strconv.Quote(s), "is after 24:00", ErrRange)
	}
	return tod, nil
}

// Local returns the instant at which the wall clock in loc shows the given
// date and time of day. A time that occurs twice (when clocks go back)
// gives the earlier instant. A time that does not exist (when clocks go
// forward) is an error wrapping [ErrNonexistent]; the date is normalized
// like [time.Date] does (January 32 is February 1).
func Local(loc *time.Location, year int, month time.Month, day int, tod TimeOfDay) (time.Time, error) {
	if loc == nil {
		return time.Time{}, inputErr("Local", "location", "nil", "is not a time zone", ErrLocation)
	}
	if tod < 0 || tod > secondsPerDay {
		return time.Time{}, inputErr("Local", "time of day", strconv.Itoa(int(tod))+"s", "is outside 00:00–24:00", ErrRange)
	}
	w := wallSeconds(year, month, day) + int64(tod)
	x, exact := wallToInstant(loc, w)
	if !exact {
		return time.Time{}, inputErr("Local", "time", fmt.Sprintf("%04d-%02d-%02d %s", year, int(month), day, tod), "does not exist in "+loc.String(), ErrNonexistent)
	}
	return time.Unix(x, 0).In(loc), nil
}

// wallSeconds returns the date's midnight as seconds since 1970-01-01 on a
// clock without offsets (the wall clock read as if it were UTC).
func wallSeconds(year int, month time.Month, day int) int64 {
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Unix()
}

// offsetAt returns the UTC offset in seconds in effect at unix second x.
func offsetAt(loc *time.Location, x int64) int64 {
	_, off := time.Unix(x, 0).In(loc).Zone()
	return int64(off)
}

// wallToInstant returns the first instant (unix seconds) at which the wall
// clock in loc reads at least w (wall seconds, see wallSeconds). exact is
// false when w falls into a gap; the instant is then the end of the gap,
// when the clock jumps past w.
func wallToInstant(loc *time.Location, w int64) (x int64, exact bool) {
	if loc == time.UTC {
		return w, true
	}
	// Offsets a day either side bracket the instant; time zones do not
	// change offset twice within two days.
	o1, o2 := offsetAt(loc, w-86400), offsetAt(loc, w+86400)
	best, found := int64(0), false
	for _, o := range [2]int64{o1, o2} {
		c := w - o
		if offsetAt(loc, c) == o && (!found || c < best) {
			best, found = c, true
		}
	}
	if found {
		return best, true
	}
	// A gap: both candidates land on the wrong side of the transition. The
	// transition is the start of the zone in effect at the later candidate.
	later := max(w-o1, w-o2)
	start, _ := time.Unix(later, 0).In(loc).ZoneBounds()
	if start.IsZero() {
		return later, false
	}
	return start.Unix(), false
}

// maxZoneOffset bounds the UTC offset of any zone, with room to spare.
const maxZoneOffset = 26 * 3600

// wallPreimage appends to out the instants (unix seconds, half-open) at which
// the wall clock of loc reads a time in [wf, wt), given as wall seconds. When
// clocks go back the preimage of a repeated reading has two parts; when they
// go forward a reading in the gap has none.
func wallPreimage(loc *time.Location, wf, wt int64, out [][2]int64) [][2]int64 {
	if loc == time.UTC {
		return append(out, [2]int64{wf, wt})
	}
	x := wf - maxZoneOffset // every instant before x reads before wf
	for {
		t := time.Unix(x, 0).In(loc)
		_, off := t.Zone()
		_, end := t.ZoneBounds()
		lo, hi := max(wf-int64(off), x), wt-int64(off)
		if !end.IsZero() {
			hi = min(hi, end.Unix())
		}
		if hi > lo {
			out = append(out, [2]int64{lo, hi})
		}
		if end.IsZero() || end.Unix() >= wt+maxZoneOffset {
			return out
		}
		x = end.Unix()
	}
}
