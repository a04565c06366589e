package sla_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

// FuzzReadICalendar checks that any input gives holidays or a typed error,
// never a panic, and that the holidays are valid: they build a calendar
// and round-trip through JSON.
func FuzzReadICalendar(f *testing.F) {
	seed, err := os.ReadFile("testdata/closing-days.ics")
	require.NoError(f, err)
	f.Add(seed)
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20250101T230000Z\nDURATION:P1DT2H\nRRULE:FREQ=YEARLY;COUNT=2\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20240229\nRRULE:FREQ=YEARLY;UNTIL=20330101\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;X=\"a,b\",c:20251026T020000\nDTEND;TZID=Europe/Amsterdam:20251026T023000\nEND:VEVENT\nEND:VCALENDAR\n"))
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, b []byte) {
		hs, err := sla.ReadICalendar(bytes.NewReader(b), ams)
		if err != nil {
			var ie *availability.InputError
			require.True(t, errors.As(err, &ie), "typed error: %v", err)
			return
		}
		c, err := sla.Daily(ams, 0, sla.Clock(24, 0), hs...)
		require.NoError(t, err)
		js, err := json.Marshal(c)
		require.NoError(t, err)
		var back sla.Calendar
		require.NoError(t, json.Unmarshal(js, &back))
		require.Equal(t, c.Holidays(), back.Holidays())
	})
}

// FuzzCalendarHolidaysJSON checks that holiday JSON that decodes
// re-encodes to the same holidays, presets included.
func FuzzCalendarHolidaysJSON(f *testing.F) {
	f.Add(`[{"preset":"NL"},{"name":"Christmas Eve","rule":"annual","month":"December","day":24,"from":"12:00","to":"24:00"}]`)
	f.Add(`[{"rule":"annual","month":"May","day":5,"every":5,"firstYear":1990},{"preset":"GB"}]`)
	f.Add(`[{"rule":"nth-weekday","month":"May","nth":-1,"weekday":"Monday","observed":"next-free-weekday"}]`)
	f.Add(`[{"rule":"date","date":"2022-09-19","from":"00:00","to":"13:30"},{"preset":"US","x":1}]`)
	f.Fuzz(func(t *testing.T, holidays string) {
		in := `{"zone":"UTC","hours":[{"day":"Monday","from":"09:00","to":"17:00"}],"holidays":` + holidays + `}`
		var c sla.Calendar
		if err := json.Unmarshal([]byte(in), &c); err != nil {
			return
		}
		js, err := json.Marshal(c)
		require.NoError(t, err)
		var back sla.Calendar
		require.NoError(t, json.Unmarshal(js, &back), string(js))
		require.Equal(t, c.Holidays(), back.Holidays())
		for y := 2020; y <= 2022; y++ {
			require.Equal(t, sla.HolidaysIn(y, c.Holidays()...), sla.HolidaysIn(y, back.Holidays()...))
		}
	})
}
