package sla_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/sla"
)

// BenchmarkHolidaysIn resolves a year of the GB preset, substitute days
// included: the work a calendar does once per local year.
func BenchmarkHolidaysIn(b *testing.B) {
	gb, err := sla.Preset("GB")
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		_ = sla.HolidaysIn(2027, gb...)
	}
}

// BenchmarkCalendarYearWithPreset builds the service spans of one year
// for a fresh calendar with the NL preset and two half days (a first
// query pays it; later ones hit the cache).
func BenchmarkCalendarYearWithPreset(b *testing.B) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(b, err)
	nl, err := sla.Preset("NL")
	require.NoError(b, err)
	hs := append(nl,
		sla.Yearly("Christmas Eve", time.December, 24).Closing(sla.Clock(12, 0), sla.Clock(24, 0)),
		sla.Yearly("New Year's Eve", time.December, 31).Closing(sla.Clock(12, 0), sla.Clock(24, 0)))
	at := time.Date(2025, 6, 2, 12, 0, 0, 0, ams)
	b.ReportAllocs()
	for b.Loop() {
		c, _ := sla.Weekdays(ams, sla.Clock(9, 0), sla.Clock(17, 0), hs...)
		_ = c.InService(at)
	}
}
