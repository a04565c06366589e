package sla

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/slacalc/slacalc/availability"
)

// Reason says why an outage record was excluded.
type Reason int

// The reasons.
const (
	ExcludedKind Reason = iota + 1 // its Kind is in CountingRules.Exclude
	OutOfScope                     // its Scope is not in CountingRules.Scopes
)

// String returns "excluded kind" or "out of scope".
func (r Reason) String() string {
	switch r {
	case ExcludedKind:
		return "excluded kind"
	case OutOfScope:
		return "out of scope"
	}
	return "Reason(" + strconv.Itoa(int(r)) + ")"
}

// MarshalText implements [encoding.TextMarshaler] with the names of
// [Reason.String]; an undeclared Reason is an error.
func (r Reason) MarshalText() ([]byte, error) {
	if r != ExcludedKind && r != OutOfScope {
		return nil, inputErr("Reason.MarshalText", "reason", r.String(), "is not a declared reason", ErrRange)
	}
	return []byte(r.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with the names of
// [Reason.String].
func (r *Reason) UnmarshalText(b []byte) error {
	for _, v := range []Reason{ExcludedKind, OutOfScope} {
		if v.String() == string(b) {
			*r = v
			return nil
		}
	}
	return inputErr("Reason.UnmarshalText", "reason", strconv.Quote(string(b)), `is not "excluded kind" or "out of scope"`, ErrSyntax)
}

// Exclusion is an outage record that the counting rules excluded.
type Exclusion struct {
	Index  int    // position of the record in the input
	ID     string // the record's ID
	Kind   OutageKind
	Scope  string
	Reason Reason
	// InWindow is the record's time within the period's service hours. It
	// may overlap counted outages.
	InWindow time.Duration
}

// MeasuredOutage is a merged counted outage: overlapping or touching records
// joined, clipped to the period.
type MeasuredOutage struct {
	Interval               // clipped to the period
	Records  int           // how many records were merged
	Open     bool          // a merged record is still open (runs to the period's end)
	InWindow time.Duration // time within service hours
	// Counted is the downtime it counts under per-outage rules; 0 under
	// time-slice rules, whose downtime belongs to slices, not outages.
	Counted time.Duration
}

// Measurement is the result of [Measure]: the measured availability of a
// period and how it came about.
type Measurement struct {
	Period       Period
	ServiceTime  time.Duration             // service time of the calendar in the period
	Downtime     time.Duration             // counted downtime
	Availability availability.Availability // 1 − Downtime/ServiceTime; 100% when there is no service time
	Outages      []MeasuredOutage          // merged counted outages, in time order
	Excluded     []Exclusion               // records excluded by kind or scope, in input order
	// OutsideWindow is the time of the merged counted outages outside
	// service hours.
	OutsideWindow time.Duration
	// BelowMinimum is the in-window time of merged outages shorter than
	// CountingRules.MinOutage.
	BelowMinimum time.Duration
	// Rounding is the in-window time dropped by CountingRules.Granularity.
	Rounding time.Duration
	// Ignored counts records entirely outside the period.
	Ignored int
	// Slices and SlicesDown count the time slices under slice rules and
	// those that counted as down (Proportional: those with any error).
	Slices, SlicesDown int
}

type record struct {
	a, b time.Duration // offsets from the period's start
	rate float64
	open bool
}

// Measure computes the availability of the period from outage records
// under the calendar's service hours and the counting rules:
//
//  1. A record still open (zero End) runs to the end of the period.
//  2. Records entirely outside the period are ignored; the others are
//     clipped to it.
//  3. Records of an excluded kind or outside the listed scopes are set
//     aside, with their in-window time, in Excluded.
//  4. The rest are merged where they overlap or touch.
//  5. Only time within service hours counts. Per-outage rules then drop
//     merged outages shorter than MinOutage and round down to
//     Granularity; slice rules instead count the slices whose error rate
//     exceeds the threshold, or every slice's error rate, over the slice's
//     service time.
//
// Every invalid record and rule is reported at once. The cost is
// O(n log n) in the records plus, under slice rules, O(slices touched).
func Measure(p Period, c Calendar, outages []Outage, r CountingRules) (Measurement, error) {
	const fn = "Measure"
	errs := r.validate(fn)
	if p.Length() <= 0 {
		errs = append(errs, inputErr(fn, "period", p.String(), "is empty", ErrOrder))
	}
	if r.Slice > 0 && p.Length() > 0 && p.Length()%r.Slice != 0 {
		errs = append(errs, inputErr(fn, "rules.slice", r.Slice.String(), "does not divide the period's length "+p.Length().String(), ErrSlice))
	}
	extra := 0
	for i, o := range outages {
		if e := o.validate(fn, i); len(errs) < maxJoined {
			errs = append(errs, e...)
		} else {
			extra += len(e)
		}
	}
	if len(errs) > 0 {
		return Measurement{}, joinCapped(fn, errs, extra)
	}
	service, err := c.ServiceTime(p)
	if err != nil {
		return Measurement{}, err
	}
	m := Measurement{Period: p, ServiceTime: service}
	excluded := make(map[OutageKind]bool, len(r.Exclude))
	for _, k := range r.Exclude {
		excluded[k] = true
	}
	scopes := make(map[string]bool, len(r.Scopes))
	for _, s := range r.Scopes {
		scopes[s] = true
	}
	start, length := p.Start(), p.Length()
	clock := &serviceClock{c: c}
	recs := make([]record, 0, len(outages))
	for i, o := range outages {
		a0, b := o.Start.Sub(start), length
		if !o.Open() {
			b = min(o.End.Sub(start), length)
		}
		if a0 >= length || b <= 0 {
			m.Ignored++
			continue
		}
		a := max(a0, 0)
		if b <= a {
			continue // an empty record
		}
		reason := Reason(0)
		switch {
		case excluded[o.Kind]:
			reason = ExcludedKind
		case len(scopes) > 0 && !scopes[o.Scope]:
			reason = OutOfScope
		}
		if reason != 0 {
			in, err := clock.elapsed(start.Add(a), start.Add(b))
			if err != nil {
				return Measurement{}, err
			}
			m.Excluded = append(m.Excluded, Exclusion{Index: i, ID: o.ID, Kind: o.Kind, Scope: o.Scope, Reason: reason, InWindow: in})
			continue
		}
		recs = append(recs, record{a: a, b: b, rate: o.rate(), open: o.Open()})
	}
	slices.SortFunc(recs, func(x, y record) int { return cmp.Compare(x.a, y.a) })
	if err := m.merge(clock, recs, r); err != nil {
		return Measurement{}, err
	}
	if r.Slice > 0 {
		if err := m.slice(clock, recs, r); err != nil {
			return Measurement{}, err
		}
	}
	if service > 0 {
		m.Availability, err = availability.FromDowntime(min(m.Downtime, service), service)
		if err != nil {
			return Measurement{}, err
		}
	}
	return m, nil
}

// merge joins the sorted records into MeasuredOutages and, under per-outage
// rules, counts their downtime.
func (m *Measurement) merge(clock *serviceClock, recs []record, r CountingRules) error {
	start := m.Period.Start()
	flush := func(mo MeasuredOutage) error {
		in, err := clock.elapsed(mo.Start, mo.End)
		if err != nil {
			return err
		}
		mo.InWindow = in
		m.OutsideWindow += mo.Length() - in
		if r.Slice == 0 {
			switch {
			case in < r.MinOutage:
				m.BelowMinimum += in
			case r.Granularity > 0:
				mo.Counted = in / r.Granularity * r.Granularity
				m.Rounding += in - mo.Counted
			default:
				mo.Counted = in
			}
			m.Downtime += mo.Counted
		}
		m.Outages = append(m.Outages, mo)
		return nil
	}
	n, end := 0, time.Duration(-1)
	for _, rc := range recs {
		if rc.a > end {
			n++
		}
		end = max(end, rc.b)
	}
	m.Outages = make([]MeasuredOutage, 0, n)
	var cur MeasuredOutage
	var curEnd time.Duration
	for i, rc := range recs {
		if i > 0 && rc.a <= curEnd {
			cur.Records++
			cur.Open = cur.Open || rc.open
			if rc.b > curEnd {
				curEnd = rc.b
				cur.End = start.Add(curEnd)
			}
			continue
		}
		if i > 0 {
			if err := flush(cur); err != nil {
				return err
			}
		}
		curEnd = rc.b
		cur = MeasuredOutage{Interval: Interval{Start: start.Add(rc.a), End: start.Add(rc.b)}, Records: 1, Open: rc.open}
	}
	if len(recs) > 0 {
		return flush(cur)
	}
	return nil
}

// slice counts downtime by time slices. The sorted records are swept into
// disjoint pieces carrying the highest error rate among the records that
// cover them.
func (m *Measurement) slice(clock *serviceClock, recs []record, r CountingRules) error {
	start, size := m.Period.Start(), r.Slice
	m.Slices = int(m.Period.Length() / size)
	cur, acc := -1, 0.0 // the slice being accumulated and its rate × in-window ns
	flush := func() error {
		if cur < 0 {
			return nil
		}
		s := start.Add(time.Duration(cur) * size)
		in, err := clock.elapsed(s, s.Add(size))
		if err != nil || in == 0 {
			return err
		}
		if r.Proportional {
			if acc > 0 {
				m.SlicesDown++
			}
			m.Downtime += time.Duration(math.Round(min(acc, float64(in))))
		} else if acc/float64(in) > r.SliceThreshold {
			m.SlicesDown++
			m.Downtime += in
		}
		return nil
	}
	piece := func(a, b time.Duration, rate float64) error {
		for a < b {
			k := int(a / size)
			end := min(b, time.Duration(k+1)*size)
			if k != cur {
				if err := flush(); err != nil {
					return err
				}
				cur, acc = k, 0
			}
			in, err := clock.elapsed(start.Add(a), start.Add(end))
			if err != nil {
				return err
			}
			acc += rate * float64(in)
			a = end
		}
		return nil
	}
	// byRate is a max-heap by rate whose records that have ended are
	// removed lazily, when they reach the top.
	byEnd := &recHeap{before: func(a, b *record) bool { return a.b < b.b }}
	byRate := &recHeap{before: func(a, b *record) bool { return a.rate > b.rate }}
	i, t := 0, time.Duration(0)
	for i < len(recs) || byEnd.len() > 0 {
		if byEnd.len() == 0 {
			t = recs[i].a
		}
		for i < len(recs) && recs[i].a <= t {
			byEnd.push(recs[i])
			byRate.push(recs[i])
			i++
		}
		for byEnd.len() > 0 && byEnd.top().b <= t {
			byEnd.pop()
		}
		for byRate.len() > 0 && byRate.top().b <= t {
			byRate.pop()
		}
		if byEnd.len() == 0 {
			continue
		}
		next := byEnd.top().b
		if i < len(recs) && recs[i].a < next {
			next = recs[i].a
		}
		if err := piece(t, next, byRate.top().rate); err != nil {
			return err
		}
		t = next
	}
	return flush()
}

// recHeap is a binary heap of records ordered by before, without the
// interface boxing of container/heap.
type recHeap struct {
	s      []record
	before func(a, b *record) bool
}

func (h *recHeap) len() int     { return len(h.s) }
func (h *recHeap) top() *record { return &h.s[0] }

func (h *recHeap) push(r record) {
	h.s = append(h.s, r)
	for i := len(h.s) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.before(&h.s[i], &h.s[p]) {
			break
		}
		h.s[i], h.s[p] = h.s[p], h.s[i]
		i = p
	}
}

func (h *recHeap) pop() {
	n := len(h.s) - 1
	h.s[0] = h.s[n]
	h.s = h.s[:n]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < n && h.before(&h.s[l], &h.s[m]) {
			m = l
		}
		if r := l + 1; r < n && h.before(&h.s[r], &h.s[m]) {
			m = r
		}
		if m == i {
			return
		}
		h.s[i], h.s[m] = h.s[m], h.s[i]
		i = m
	}
}
