package sla_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/sla"
)

func benchCalendar(b *testing.B) sla.Calendar {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(b, err)
	c, err := sla.Weekdays(ams, sla.Clock(9, 0), sla.Clock(17, 0),
		sla.Yearly("New Year", time.January, 1), sla.GoodFriday(), sla.EasterMonday(), sla.AscensionDay(),
		sla.WhitMonday(), sla.Yearly("Christmas", time.December, 25), sla.Yearly("Boxing Day", time.December, 26))
	require.NoError(b, err)
	return c
}

func benchDeadline(b *testing.B, d time.Duration) {
	c := benchCalendar(b)
	start := time.Date(2025, 1, 10, 16, 0, 0, 0, c.Location())
	_, err := c.Deadline(start, d) // warm the per-year cache
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = c.Deadline(start, d)
	}
}

func BenchmarkDeadlineNear(b *testing.B) { benchDeadline(b, 4*time.Hour) }

// Five years of 40-hour weeks.
func BenchmarkDeadline5Years(b *testing.B) { benchDeadline(b, 5*52*40*time.Hour) }

func BenchmarkDeadlineDays5Years(b *testing.B) {
	c := benchCalendar(b)
	start := time.Date(2025, 1, 10, 16, 0, 0, 0, c.Location())
	_, err := c.DeadlineDays(start, 5*260)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = c.DeadlineDays(start, 5*260)
	}
}

// BenchmarkDeadlineCold includes building the year tables: a new calendar
// every iteration.
func BenchmarkDeadlineCold(b *testing.B) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(b, err)
	start := time.Date(2025, 1, 10, 16, 0, 0, 0, ams)
	b.ReportAllocs()
	for b.Loop() {
		c, _ := sla.Weekdays(ams, sla.Clock(9, 0), sla.Clock(17, 0), sla.GoodFriday())
		_, _ = c.Deadline(start, 4*time.Hour)
	}
}

func BenchmarkElapsed(b *testing.B) {
	c := benchCalendar(b)
	from := time.Date(2025, 1, 10, 16, 0, 0, 0, c.Location())
	to := from.AddDate(5, 0, 0)
	_, err := c.Elapsed(from, to)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = c.Elapsed(from, to)
	}
}

func benchOutages(n int, p sla.Period) []sla.Outage {
	rng := rand.New(rand.NewPCG(1, 1))
	out := make([]sla.Outage, n)
	span := int64(p.Length())
	for i := range out {
		s := p.Start().Add(time.Duration(rng.Int64N(span)))
		out[i] = sla.Outage{Start: s, End: s.Add(time.Duration(rng.Int64N(int64(10 * time.Second)))), Kind: sla.OutageKind(rng.IntN(3)), ErrorRate: rng.Float64()}
	}
	return out
}

func benchMeasure(b *testing.B, n int, c sla.Calendar, r sla.CountingRules) {
	p, err := sla.CalendarPeriod(sla.Year, time.Date(2025, 6, 1, 0, 0, 0, 0, c.Location()), c.Location())
	require.NoError(b, err)
	outages := benchOutages(n, p)
	_, err = sla.Measure(p, c, outages, r)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = sla.Measure(p, c, outages, r)
	}
}

var excludePlanned = sla.CountingRules{Exclude: []sla.OutageKind{sla.Planned}, MinOutage: time.Second, Granularity: time.Second}

func BenchmarkMeasure1k(b *testing.B) { benchMeasure(b, 1000, sla.Calendar{}, excludePlanned) }
func BenchmarkMeasure1M(b *testing.B) { benchMeasure(b, 1_000_000, sla.Calendar{}, excludePlanned) }
func BenchmarkMeasure1M5x8(b *testing.B) {
	benchMeasure(b, 1_000_000, benchCalendar(b), excludePlanned)
}
func BenchmarkMeasure1MSlices(b *testing.B) {
	benchMeasure(b, 1_000_000, benchCalendar(b), sla.CountingRules{Exclude: []sla.OutageKind{sla.Planned}, Slice: 5 * time.Minute, SliceThreshold: 0.05})
}
