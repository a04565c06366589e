package sla

import (
	"math"
	"slices"
	"strconv"
	"time"
)

// Interval is a half-open stretch of time [Start, End).
type Interval struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Length returns End − Start.
func (iv Interval) Length() time.Duration { return iv.End.Sub(iv.Start) }

// emptyYears is how many consecutive years without service time a search
// crosses before it gives up with ErrNoService. Weekly schedules and
// date-based holiday rules repeat every 400 years.
const emptyYears = 400

// Elapsed returns the business time (service time of the calendar) in
// [from, to). It is 0 when to equals from and an error wrapping [ErrOrder]
// when to is before from.
func (c Calendar) Elapsed(from, to time.Time) (time.Duration, error) {
	const fn = "Calendar.Elapsed"
	if to.Before(from) {
		return 0, inputErr(fn, "to", to.Format(time.RFC3339Nano), "is before from "+from.Format(time.RFC3339Nano), ErrOrder)
	}
	if c.c == nil || c.c.always {
		d := to.Sub(from)
		if d == math.MaxInt64 {
			return 0, inputErr(fn, "to", to.Format(time.RFC3339Nano), "is too far from from for a time.Duration", ErrRange)
		}
		return d, nil
	}
	ya, yb := from.In(c.c.loc).Year(), to.In(c.c.loc).Year()
	if err := checkYears(fn, ya, yb); err != nil {
		return 0, err
	}
	if yb-ya > 290 {
		return 0, inputErr(fn, "to", to.Format(time.RFC3339Nano), "is too far from from for a time.Duration", ErrRange)
	}
	return c.c.between(from, to, ya, yb), nil
}

// between returns the service time in [from, to) for local years ya ≤ yb.
func (c *calendar) between(from, to time.Time, ya, yb int) time.Duration {
	da := c.year(ya)
	s := -da.upTo(from.Sub(da.start))
	for y := ya; y < yb; y++ {
		s += c.year(y).total()
	}
	db := c.year(yb)
	return s + db.upTo(to.Sub(db.start))
}

// Deadline returns the earliest instant by which d of business time has
// passed since start. A start outside service hours counts from the next
// opening; a deadline that is reached exactly at a closing time is that
// closing time, not the next opening, so Friday 13:00 + 4 business hours is
// Friday 17:00 under 09:00–17:00. For d = 0 it returns start itself when
// start is in service and otherwise the next opening.
//
// The cost does not grow with d beyond one step per year: each local year's
// service time is computed once per calendar and cached, whole years are
// skipped, and the final instant is found by binary search.
func (c Calendar) Deadline(start time.Time, d time.Duration) (time.Time, error) {
	const fn = "Calendar.Deadline"
	if d < 0 {
		return time.Time{}, inputErr(fn, "duration", d.String(), "is negative", ErrDuration)
	}
	loc := c.Location()
	if c.c == nil || c.c.always {
		t := start.Add(d)
		if err := checkYears(fn, start.In(loc).Year(), t.In(loc).Year()); err != nil {
			return time.Time{}, err
		}
		return t.In(loc), nil
	}
	y := start.In(loc).Year()
	if err := checkYears(fn, y); err != nil {
		return time.Time{}, err
	}
	yd := c.c.year(y)
	o := start.Sub(yd.start)
	if d == 0 {
		i := yd.spanAfter(o)
		if i < len(yd.spans) && o >= yd.spans[i].a {
			return start.In(loc), nil
		}
		for empty := 0; i == len(yd.spans); empty++ { // the next opening is in a later year
			if y++; y > maxYear {
				return time.Time{}, inputErr(fn, "deadline", "", "is after the year 9999", ErrRange)
			}
			if empty > emptyYears {
				return time.Time{}, inputErr(fn, "calendar", c.String(), "has no service time in 400 years", ErrNoService)
			}
			yd, i = c.c.year(y), 0
		}
		return yd.start.Add(yd.spans[i].a), nil
	}
	pos := yd.upTo(o)
	if r := d; r <= yd.total()-pos {
		return yd.at(pos + r), nil
	}
	r := d - (yd.total() - pos)
	for empty := 0; ; {
		y++
		if y > maxYear {
			return time.Time{}, inputErr(fn, "deadline", "", "is after the year 9999", ErrRange)
		}
		yd = c.c.year(y)
		tot := yd.total()
		if r <= tot {
			return yd.at(r), nil
		}
		r -= tot
		if empty = empty + 1; tot > 0 {
			empty = 0
		}
		if empty > emptyYears {
			return time.Time{}, inputErr(fn, "calendar", c.String(), "has no service time in 400 years", ErrNoService)
		}
	}
}

// maxWorkingDays bounds DeadlineDays, about 400 years of working days.
const maxWorkingDays = 100000

// DeadlineDays returns the deadline n working days after start. A working
// day is a local date with service time. The deadline keeps the start's
// position within its working day: it is the instant on the n-th following
// working day by which as much service time has passed that day as had
// passed on the start's day at start (or that day's closing, if it is
// shorter). A start outside service hours counts from the next opening, and
// a deadline at an opening is moved back to the previous closing, the
// earliest instant with the same business time: Friday 18:00 + 2 working
// days under Monday–Friday 09:00–17:00 is Tuesday 17:00.
func (c Calendar) DeadlineDays(start time.Time, n int) (time.Time, error) {
	const fn = "Calendar.DeadlineDays"
	if n < 0 || n > maxWorkingDays {
		return time.Time{}, inputErr(fn, "days", strconv.Itoa(n), "is outside 0–"+strconv.Itoa(maxWorkingDays), ErrRange)
	}
	if c.c == nil || (c.c.always && c.c.loc == time.UTC) {
		return c.Deadline(start, time.Duration(n)*day)
	}
	loc := c.c.loc
	y := start.In(loc).Year()
	if err := checkYears(fn, y); err != nil {
		return time.Time{}, err
	}
	yd := c.c.year(y)
	o := start.Sub(yd.start)
	i := yd.spanAfter(o)
	var k int                // working day of the start in year y
	var within time.Duration // service already passed that day
	if i == len(yd.spans) {
		y, k = y+1, 0
		yd = c.c.year(min(y, maxYear))
	} else {
		// The working day holding span i: the last k with days[k] <= i.
		k, _ = slices.BinarySearch(yd.days, int32(i))
		if k == len(yd.days) || yd.days[k] != int32(i) {
			k--
		}
		within = yd.upTo(o) - yd.cum[yd.days[k]]
	}
	j := k + n
	if within == 0 && n > 0 {
		j-- // the previous closing
	}
	for empty := 0; ; {
		if y > maxYear {
			return time.Time{}, inputErr(fn, "deadline", "", "is after the year 9999", ErrRange)
		}
		if j < yd.workdays() {
			break
		}
		j -= yd.workdays()
		if empty = empty + 1; yd.workdays() > 0 {
			empty = 0
		}
		if empty > emptyYears {
			return time.Time{}, inputErr(fn, "calendar", c.String(), "has no service time in 400 years", ErrNoService)
		}
		y++
		if y <= maxYear {
			yd = c.c.year(y)
		}
	}
	dayStart, dayEnd := yd.cum[yd.days[j]], yd.cum[yd.days[j+1]]
	switch {
	case within == 0 && n > 0:
		return yd.at(dayEnd), nil
	case within == 0:
		return yd.start.Add(yd.spans[yd.days[j]].a), nil
	case dayStart+within >= dayEnd:
		return yd.at(dayEnd), nil
	}
	return yd.at(dayStart + within), nil
}

// mergePauses sorts the pauses, drops empty ones and merges overlapping or
// touching ones. It reports a pause that ends before it starts.
func mergePauses(fn string, pauses []Interval) ([]Interval, error) {
	ps := make([]Interval, 0, len(pauses))
	for i, p := range pauses {
		if p.End.Before(p.Start) {
			return nil, inputErr(fn, "pauses["+strconv.Itoa(i)+"].end", p.End.Format(time.RFC3339Nano), "is before its start "+p.Start.Format(time.RFC3339Nano), ErrOrder)
		}
		if p.End.After(p.Start) {
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	out := ps[:0]
	for _, p := range ps {
		if n := len(out); n > 0 && !p.Start.After(out[n-1].End) {
			out[n-1].End = maxTime(out[n-1].End, p.End)
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// ElapsedPaused returns the business time in [from, to) outside the pauses:
// the clock stops while a pause runs (waiting for the customer).
func (c Calendar) ElapsedPaused(from, to time.Time, pauses []Interval) (time.Duration, error) {
	const fn = "Calendar.ElapsedPaused"
	total, err := c.Elapsed(from, to)
	if err != nil {
		return 0, err
	}
	ps, err := mergePauses(fn, pauses)
	if err != nil {
		return 0, err
	}
	for _, p := range ps {
		a, b := maxTime(p.Start, from), minTime(p.End, to)
		if !b.After(a) {
			continue
		}
		e, err := c.Elapsed(a, b)
		if err != nil {
			return 0, err
		}
		total -= e
	}
	return total, nil
}

// DeadlinePaused is like [Calendar.Deadline] but the clock stops during the
// pauses. A deadline reached exactly when a pause begins is that instant.
func (c Calendar) DeadlinePaused(start time.Time, d time.Duration, pauses []Interval) (time.Time, error) {
	const fn = "Calendar.DeadlinePaused"
	if d < 0 {
		return time.Time{}, inputErr(fn, "duration", d.String(), "is negative", ErrDuration)
	}
	ps, err := mergePauses(fn, pauses)
	if err != nil {
		return time.Time{}, err
	}
	return c.deadlineMerged(start, d, ps)
}

// deadlineMerged is DeadlinePaused for d ≥ 0 and merged pauses.
func (c Calendar) deadlineMerged(start time.Time, d time.Duration, ps []Interval) (time.Time, error) {
	cursor, rem := start, d
	for _, p := range ps {
		if !p.End.After(cursor) {
			continue
		}
		if p.Start.After(cursor) {
			t, err := c.Deadline(cursor, rem)
			if err != nil {
				return time.Time{}, err
			}
			if !t.After(p.Start) {
				return t, nil
			}
			e, err := c.Elapsed(cursor, p.Start)
			if err != nil {
				return time.Time{}, err
			}
			rem -= e
		}
		cursor = p.End
	}
	return c.Deadline(cursor, rem)
}

// Target is a response or resolution time in business time or in working
// days. Set one of the two fields; the zero Target is due at once (at the
// next opening).
type Target struct {
	Business    time.Duration // business time, e.g. 4h
	WorkingDays int           // working days, see [Calendar.DeadlineDays]
}

// IsZero reports whether t is the zero Target: due at once for
// [Calendar.Due], and a target nobody set in terms that list targets.
func (t Target) IsZero() bool { return t == Target{} }

// BusinessHours returns the target of h hours of business time.
func BusinessHours(h int) Target { return Target{Business: time.Duration(h) * time.Hour} }

// WorkingDays returns the target of n working days.
func WorkingDays(n int) Target { return Target{WorkingDays: n} }

// String returns "4 business hours", "2 working days" or "1h30m business time".
func (t Target) String() string {
	switch {
	case t.WorkingDays == 1:
		return "1 working day"
	case t.WorkingDays != 0:
		return strconv.Itoa(t.WorkingDays) + " working days"
	case t.Business == time.Hour:
		return "1 business hour"
	case t.Business%time.Hour == 0:
		return strconv.FormatInt(int64(t.Business/time.Hour), 10) + " business hours"
	}
	return t.Business.String() + " business time"
}

func (t Target) validate(fn, field string) error {
	switch {
	case t.Business < 0:
		return inputErr(fn, field+".business", t.Business.String(), "is negative", ErrDuration)
	case t.WorkingDays < 0 || t.WorkingDays > maxWorkingDays:
		return inputErr(fn, field+".workingDays", strconv.Itoa(t.WorkingDays), "is outside 0–"+strconv.Itoa(maxWorkingDays), ErrRange)
	case t.Business != 0 && t.WorkingDays != 0:
		return inputErr(fn, field, t.Business.String()+" and "+strconv.Itoa(t.WorkingDays)+" working days", "sets both business time and working days", ErrRange)
	}
	return nil
}

// Due returns when a target that starts at start falls due, with the clock
// stopped during the pauses. A working-days target is first turned into the
// business time it amounts to from start without pauses, and that business
// time is then extended by the pauses.
func (c Calendar) Due(start time.Time, t Target, pauses []Interval) (time.Time, error) {
	const fn = "Calendar.Due"
	if err := t.validate(fn, "target"); err != nil {
		return time.Time{}, err
	}
	d, err := c.business(start, t)
	if err != nil {
		return time.Time{}, err
	}
	return c.DeadlinePaused(start, d, pauses)
}

// business returns the business time a valid target amounts to from
// start, without pauses.
func (c Calendar) business(start time.Time, t Target) (time.Duration, error) {
	if t.WorkingDays == 0 {
		return t.Business, nil
	}
	end, err := c.DeadlineDays(start, t.WorkingDays)
	if err != nil {
		return 0, err
	}
	return c.Elapsed(start, end)
}
