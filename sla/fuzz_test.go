package sla_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

// hoursFromBytes reads groups of five bytes as (weekday, from hour, from
// quarter, to hour, to quarter), deliberately allowing invalid values.
func hoursFromBytes(b []byte) []sla.Hours {
	var hs []sla.Hours
	for i := 0; i+5 <= len(b) && len(hs) < 40; i += 5 {
		hs = append(hs, sla.Hours{
			Day:  time.Weekday(int(b[i]) % 9),
			From: sla.TimeOfDay(int(b[i+1])%26*3600 + int(b[i+2])%4*900),
			To:   sla.TimeOfDay(int(b[i+3])%26*3600 + int(b[i+4])%4*900),
		})
	}
	return hs
}

func FuzzNewCalendar(f *testing.F) {
	f.Add([]byte{1, 9, 0, 17, 0, 2, 9, 0, 17, 0}, "Europe/Amsterdam", int64(1743120000), int64(4*3600))
	f.Add([]byte{0, 0, 0, 24, 0}, "America/New_York", int64(1762000000), int64(3600))
	f.Add([]byte{1, 9, 0, 12, 0, 1, 11, 0, 17, 0}, "UTC", int64(0), int64(1))
	f.Add([]byte{6, 2, 1, 2, 3}, "Europe/Amsterdam", int64(1743300000), int64(900))
	f.Add([]byte{}, "UTC", int64(0), int64(0))
	f.Fuzz(func(t *testing.T, b []byte, zone string, startUnix, dSec int64) {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			return
		}
		c, err := sla.NewCalendar(loc, hoursFromBytes(b), sla.GoodFriday())
		if err != nil {
			var ie *availability.InputError
			require.True(t, errors.As(err, &ie), "typed error: %v", err)
			return
		}
		var sum time.Duration
		for _, h := range c.Hours() {
			require.Less(t, h.From, h.To)
			sum += time.Duration(h.To-h.From) * time.Second
		}
		require.Equal(t, sum, c.WeeklyServiceTime())
		js, err := json.Marshal(c)
		require.NoError(t, err)
		var back sla.Calendar
		require.NoError(t, json.Unmarshal(js, &back))
		require.Equal(t, c.Hours(), back.Hours())

		start := time.Unix(startUnix%(400*365*86400), 0) // within about 1570–2370
		d := time.Duration(dSec%(3*365*86400)) * time.Second
		if d < 0 {
			d = -d
		}
		due, err := c.Deadline(start, d)
		if err != nil {
			require.True(t, errors.Is(err, sla.ErrRange) || errors.Is(err, sla.ErrNoService), "%v", err)
			return
		}
		require.False(t, due.Before(start))
		e, err := c.Elapsed(start, due)
		require.NoError(t, err)
		require.Equal(t, d, e)
	})
}

func FuzzDeadline(f *testing.F) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(f, err)
	c, err := sla.Weekdays(ams, sla.Clock(9, 0), sla.Clock(17, 0), sla.GoodFriday(), sla.EasterMonday(), sla.Yearly("Christmas", time.December, 25))
	require.NoError(f, err)
	f.Add(int64(1736521200), int64(4*3600), 2)  // Friday 10 January 2025 16:00 CET
	f.Add(int64(1743120000), int64(8*3600), 0)  // around the spring change
	f.Add(int64(1761260400), int64(40*3600), 5) // around the autumn change
	f.Add(int64(-62135596800), int64(3600), 1)  // year 1
	f.Add(int64(253402300799), int64(3600), 1)  // the end of 9999
	f.Add(int64(1735689600), int64(-1), -1)     // negative inputs
	f.Fuzz(func(t *testing.T, startUnix, dNanos int64, days int) {
		start := time.Unix(startUnix, 0)
		due, err := c.Deadline(start, time.Duration(dNanos))
		if err != nil {
			require.True(t, errors.Is(err, sla.ErrRange) || errors.Is(err, sla.ErrDuration), "%v", err)
		} else {
			e, err := c.Elapsed(start, due)
			require.NoError(t, err)
			require.Equal(t, time.Duration(dNanos), e)
		}
		dd, err := c.DeadlineDays(start, days)
		if err != nil {
			require.True(t, errors.Is(err, sla.ErrRange), "%v", err)
			return
		}
		require.False(t, dd.Before(start), "start %s due %s", start, dd)
	})
}

func FuzzParseTimeOfDay(f *testing.F) {
	for _, s := range []string{"09:00", "24:00", "23:59:59", "9:00", "24:01", "", ":", "12:3", "1:00:00:00", "99:99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := sla.ParseTimeOfDay(s)
		if err != nil {
			var ie *availability.InputError
			require.True(t, errors.As(err, &ie))
			return
		}
		require.GreaterOrEqual(t, int(v), 0)
		require.LessOrEqual(t, int(v), 86400)
		back, err := sla.ParseTimeOfDay(v.String())
		require.NoError(t, err)
		require.Equal(t, v, back)
	})
}
