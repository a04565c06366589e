package sla_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/slacalc/slacalc/sla"
)

// A country's holidays as rules: King's Day 2025 moves to Saturday 26
// April because the 27th is a Sunday.
func ExamplePreset() {
	nl, err := sla.Preset("NL")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range sla.HolidaysIn(2025, nl...) {
		fmt.Println(o)
	}
	_, err = sla.Preset("FR")
	fmt.Println(err)
	// Output:
	// 2025-01-01 New Year's Day
	// 2025-04-18 Good Friday
	// 2025-04-21 Easter Monday
	// 2025-04-26 King's Day
	// 2025-05-05 Liberation Day
	// 2025-05-29 Ascension Day
	// 2025-06-09 Whit Monday
	// 2025-12-25 Christmas Day
	// 2025-12-26 Second Day of Christmas
	// sla.Preset: name: "FR" is not a preset: one of BE, DE, GB, NL, NL-lustrum, US
}

func ExamplePresets() {
	fmt.Println(sla.Presets())
	// Output:
	// [BE DE GB NL NL-lustrum US]
}

// Substitute days: in 2021 Christmas Day was a Saturday and Boxing Day a
// Sunday, so England and Wales had Monday 27 and Tuesday 28 December off;
// in the US, 1 January 2022 was a Saturday, observed on Friday 31
// December 2021.
func ExampleHolidaysIn() {
	gb, _ := sla.Preset("GB")
	us, _ := sla.Preset("US")
	for _, o := range sla.HolidaysIn(2021, gb...) {
		if o.Month == time.December {
			fmt.Println("GB", o)
		}
	}
	for _, o := range sla.HolidaysIn(2021, us...) {
		if o.Month == time.December {
			fmt.Println("US", o)
		}
	}
	// Output:
	// GB 2021-12-25 Christmas Day
	// GB 2021-12-26 Boxing Day
	// GB 2021-12-27 Christmas Day (substitute)
	// GB 2021-12-28 Boxing Day (substitute)
	// US 2021-12-24 Christmas Day (substitute)
	// US 2021-12-25 Christmas Day
	// US 2021-12-31 New Year's Day (substitute)
}

func ExampleOccurrence_String() {
	eve := sla.Yearly("Christmas Eve", time.December, 24).Closing(sla.Clock(12, 0), sla.Clock(24, 0))
	fmt.Println(sla.HolidaysIn(2025, eve)[0])
	// Output:
	// 2025-12-24 12:00–24:00 Christmas Eve
}

// Observances name their JSON form.
func ExampleObservance() {
	for _, o := range []sla.Observance{sla.SundayToSaturday, sla.NearestWeekday, sla.NextFreeWeekday} {
		fmt.Println(o)
	}
	// Output:
	// sunday-to-saturday
	// nearest-weekday
	// next-free-weekday
}

// Dutch Liberation Day as a day off in lustrum years only.
func ExampleHoliday_EveryNth() {
	lib := sla.Yearly("Liberation Day", time.May, 5).EveryNth(5, 1990)
	for y := 2024; y <= 2026; y++ {
		_, _, ok := lib.Date(y)
		fmt.Println(y, ok)
	}
	// Output:
	// 2024 false
	// 2025 true
	// 2026 false
}

// Queen's Day ended in 2013; King's Day began in 2014.
func ExampleHoliday_Years() {
	qd := sla.Yearly("Queen's Day", time.April, 30).Years(1980, 2013).ObservedAs(sla.SundayToSaturday)
	for _, y := range []int{2006, 2013, 2014} {
		if m, d, ok := qd.Date(y); ok {
			fmt.Println(y, m, d)
		} else {
			fmt.Println(y, "none")
		}
	}
	// Output:
	// 2006 April 29
	// 2013 April 30
	// 2014 none
}

// King's Day moves to the Saturday when 27 April is a Sunday.
func ExampleHoliday_ObservedAs() {
	kd := sla.Yearly("King's Day", time.April, 27).ObservedAs(sla.SundayToSaturday)
	for _, y := range []int{2025, 2026, 2031, 2036} {
		m, d, _ := kd.Date(y)
		fmt.Println(y, m, d)
	}
	// Output:
	// 2025 April 26
	// 2026 April 27
	// 2031 April 26
	// 2036 April 26
}

// Half days: the afternoons of 24 and 31 December closed. Wednesday
// 24 December 2025 has 09:00–12:00 of service.
func ExampleHoliday_Closing() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	eve := sla.Yearly("Christmas Eve", time.December, 24).Closing(sla.Clock(12, 0), sla.Clock(24, 0))
	nye := sla.Yearly("New Year's Eve", time.December, 31).Closing(sla.Clock(12, 0), sla.Clock(24, 0))
	cal, _ := sla.Weekdays(ams, sla.Clock(9, 0), sla.Clock(17, 0), eve, nye)
	got, _ := cal.Elapsed(time.Date(2025, 12, 24, 0, 0, 0, 0, ams), time.Date(2025, 12, 25, 0, 0, 0, 0, ams))
	fmt.Println(got, eve.Partial())
	due, _ := cal.Deadline(time.Date(2025, 12, 24, 11, 0, 0, 0, ams), 2*time.Hour)
	fmt.Println(due.Format("Mon 2 Jan 15:04"))
	// Output:
	// 3h0m0s true
	// Thu 25 Dec 10:00
}

// A calendar's holidays in JSON: a preset plus extra days.
func ExampleCalendar_UnmarshalJSON_preset() {
	var cal sla.Calendar
	err := json.Unmarshal([]byte(`{
		"zone": "Europe/Amsterdam",
		"hours": [{"day": "Monday", "from": "09:00", "to": "17:00"}],
		"holidays": [
			{"preset": "NL-lustrum"},
			{"name": "Christmas Eve", "rule": "annual", "month": "December", "day": 24, "from": "12:00", "to": "24:00"}
		]
	}`), &cal)
	fmt.Println(cal, err)
	name, ok := cal.IsHoliday(time.Date(2026, 4, 27, 10, 0, 0, 0, cal.Location()))
	fmt.Println(name, ok)
	b, _ := json.Marshal(cal)
	fmt.Println(string(b[strings.Index(string(b), `"holidays"`):]))
	err = json.Unmarshal([]byte(`{"zone":"UTC","hours":[],"holidays":[{"preset":"NL","extra":[]}]}`), &cal)
	fmt.Println(err)
	// Output:
	// Europe/Amsterdam, 8h0m0s a week, 12 holiday rules <nil>
	// King's Day true
	// "holidays":[{"preset":"NL-lustrum"},{"name":"Christmas Eve","rule":"annual","month":"December","day":24,"from":"12:00","to":"24:00"}]}
	// sla.Calendar.UnmarshalJSON: holidays[0].extra: is not a known key; did you mean "preset"?
}

// Closing days from an iCalendar file, as exported for Jira Service
// Management: an all-day event over two days and a timed one.
func ExampleReadICalendar() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	ics := strings.Join([]string{
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"BEGIN:VEVENT",
		"DTSTART;VALUE=DATE:20251225",
		"DTEND;VALUE=DATE:20251227",
		"SUMMARY:Christmas",
		"END:VEVENT",
		"BEGIN:VEVENT",
		"DTSTART;TZID=Europe/Amsterdam:20251231T130000",
		"DTEND;TZID=Europe/Amsterdam:20260101T000000",
		"SUMMARY:New Year's Eve",
		"END:VEVENT",
		"BEGIN:VEVENT",
		"DTSTART;VALUE=DATE:20250101",
		"RRULE:FREQ=MONTHLY",
		"SUMMARY:Founders' day",
		"END:VEVENT",
		"END:VCALENDAR",
	}, "\r\n")
	_, err := sla.ReadICalendar(strings.NewReader(ics), ams)
	fmt.Println(err)
	hs, _ := sla.ReadICalendar(strings.NewReader(strings.Replace(ics, "FREQ=MONTHLY", "FREQ=YEARLY", 1)), ams)
	for _, o := range sla.HolidaysIn(2025, hs...) {
		fmt.Println(o)
	}
	// Output:
	// sla.ReadICalendar: line 15: "RRULE:FREQ=MONTHLY" FREQ=MONTHLY is not supported: only FREQ=YEARLY
	// 2025-01-01 Founders' day
	// 2025-12-25 Christmas
	// 2025-12-26 Christmas
	// 2025-12-31 13:00–24:00 New Year's Eve
}
