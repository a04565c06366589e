package sla

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Preset returns a copy of the named country's public holidays as rules:
//
//	NL          the Netherlands: the general holidays of the Algemene termijnenwet, with Liberation Day (5 May) every year
//	NL-lustrum  the same with Liberation Day only in lustrum years (2020, 2025, …), as many collective agreements give it off
//	BE          Belgium: the ten national public holidays
//	DE          Germany: the nine holidays common to all states (and Reformation Day 2017), not the states' own
//	GB          United Kingdom, England and Wales: bank holidays, Good Friday and Christmas, with substitute days and one-off days
//	US          United States: the federal holidays of 5 U.S.C. 6103 with Saturday and Sunday observance
//
// Each list cites its sources in this file; they hold from 1971 (US, GB)
// or 1980 (NL) onward and are tested from 2000 to 2040. A name that is not
// a preset is an error wrapping [ErrHoliday].
func Preset(name string) ([]Holiday, error) {
	for _, p := range presets {
		if p.name == name {
			return slices.Clone(p.holidays), nil
		}
	}
	return nil, inputErr("Preset", "name", strconv.Quote(name), "is not a preset: one of "+presetNameList(), ErrHoliday)
}

// Presets returns the names that [Preset] knows, sorted.
func Presets() []string {
	names := make([]string, len(presets))
	for i, p := range presets {
		names[i] = p.name
	}
	slices.Sort(names)
	return names
}

func presetNameList() string { return strings.Join(Presets(), ", ") }

// presetAt returns the name and length of the longest preset that l starts
// with, or 0 when it starts with none.
func presetAt(l []Holiday) (string, int) {
	name, n := "", 0
	for _, p := range presets {
		if len(p.holidays) > n && len(p.holidays) <= len(l) && slices.Equal(p.holidays, l[:len(p.holidays)]) {
			name, n = p.name, len(p.holidays)
		}
	}
	return name, n
}

var presets = []struct {
	name     string
	holidays []Holiday
}{
	{"NL", holidaysNL(Yearly("Liberation Day", time.May, 5))},
	{"NL-lustrum", holidaysNL(Yearly("Liberation Day", time.May, 5).EveryNth(5, 1990))},
	{"BE", holidaysBE},
	{"DE", holidaysDE},
	{"GB", holidaysGB},
	{"US", holidaysUS},
}

// holidaysNL are the general holidays of the Netherlands.
//
// Source: Algemene termijnenwet (Stb. 1964, 314), article 3: New Year's
// Day, Easter Monday and Whit Monday, both Christmas days, Ascension Day,
// the day on which the King's birthday is celebrated and 5 May; its second
// paragraph treats Good Friday the same. Whether 5 May is a day off is left
// to collective agreements; many give it every fifth year, and 5 May has
// been a national holiday every year since 1990, hence the lustrum reading
// counted from 1990.
//
// The monarch's birthday: Queen's Day on 30 April from 1949, celebrated
// on Monday 1 May when the 30th was a Sunday until 1979 and on Saturday
// 29 April from 1980 (a royal decree of 1980; gemeente Groningen,
// "Koningsdag 2025": "since 1980 never celebrated on a Sunday"); the last
// was in 2013. King's Day on 27 April from 2014, on the 26th when the 27th
// is a Sunday (2014, 2025, 2031, 2036).
func holidaysNL(liberation Holiday) []Holiday {
	return []Holiday{
		Yearly("New Year's Day", time.January, 1),
		GoodFriday(),
		EasterMonday(),
		Yearly("Queen's Day", time.April, 30).Years(1949, 1979).ObservedAs(SundayToMonday),
		Yearly("Queen's Day", time.April, 30).Years(1980, 2013).ObservedAs(SundayToSaturday),
		Yearly("King's Day", time.April, 27).Years(2014, 0).ObservedAs(SundayToSaturday),
		liberation,
		AscensionDay(),
		WhitMonday(),
		Yearly("Christmas Day", time.December, 25),
		Yearly("Second Day of Christmas", time.December, 26),
	}
}

// holidaysBE are the ten national public holidays of Belgium.
//
// Source: Loi du 4 janvier 1974 relative aux jours fériés and the arrêté
// royal of 18 April 1974, article 1. A holiday on a Sunday or another
// day off gives each employee a replacement day chosen by the employer or
// the sector, not a fixed date, so no observance is modelled.
var holidaysBE = []Holiday{
	Yearly("New Year's Day", time.January, 1),
	EasterMonday(),
	Yearly("Labour Day", time.May, 1),
	AscensionDay(),
	WhitMonday(),
	Yearly("National Day", time.July, 21),
	Yearly("Assumption", time.August, 15),
	Yearly("All Saints' Day", time.November, 1),
	Yearly("Armistice Day", time.November, 11),
	Yearly("Christmas Day", time.December, 25),
}

// holidaysDE are the holidays common to all German states. Holidays are
// state law; these nine are in every state's holiday act, and German Unity
// Day is federal law (Einigungsvertrag, article 2(2), from 1990). The 500th
// anniversary of the Reformation, 31 October 2017, was a one-off holiday in
// every state by their own acts. No observance: holidays on a weekend are
// not moved.
var holidaysDE = []Holiday{
	Yearly("New Year's Day", time.January, 1),
	GoodFriday(),
	EasterMonday(),
	Yearly("Labour Day", time.May, 1),
	AscensionDay(),
	WhitMonday(),
	Yearly("German Unity Day", time.October, 3).Years(1990, 0),
	Once("Reformation Day (500th anniversary)", 2017, time.October, 31),
	Yearly("Christmas Day", time.December, 25),
	Yearly("Second Day of Christmas", time.December, 26),
}

// holidaysGB are the bank and public holidays of England and Wales.
//
// Sources: Banking and Financial Dealings Act 1971, schedule 1 (Easter
// Monday, the last Mondays of May and August, 26 December, or 27 or 28
// December as substitute days), royal proclamations for New Year's Day
// (from 1974) and the early May bank holiday (from 1978); Good Friday and
// Christmas Day are common-law holidays. Substitute days for Christmas
// Day, Boxing Day and New Year's Day on a weekend are the next weekdays
// not already holidays. GOV.UK "Bank holidays" (gov.uk/bank-holidays)
// lists the moved and one-off days: early May moved to Friday 8 May 2020
// (VE Day 75), the spring bank holiday moved to Thursday 2 June 2022 with
// the Platinum Jubilee on Friday 3 June, the State Funeral of Queen
// Elizabeth II on 19 September 2022 and the Coronation of King Charles III
// on 8 May 2023. Earlier moves (Wikipedia, "Public holidays in the United
// Kingdom"): early May to 8 May 1995 (VE Day 50), the spring bank holiday
// to 4 June in 2002 and 2012 (Golden and Diamond Jubilees). Earlier
// one-off days, by royal proclamation: the millennium on 31 December 1999,
// the Golden Jubilee on Monday 3 June 2002, the royal wedding on 29 April
// 2011 and the Diamond Jubilee on Tuesday 5 June 2012. One-off days
// before 1995 are not listed.
var holidaysGB = []Holiday{
	Yearly("New Year's Day", time.January, 1).Years(1974, 0).ObservedAs(NextFreeWeekday),
	GoodFriday(),
	EasterMonday(),
	NthWeekdayOf("Early May bank holiday", 1, time.Monday, time.May).Years(1978, 1994),
	Once("Early May bank holiday (VE Day)", 1995, time.May, 8),
	NthWeekdayOf("Early May bank holiday", 1, time.Monday, time.May).Years(1996, 2019),
	Once("Early May bank holiday (VE Day)", 2020, time.May, 8),
	NthWeekdayOf("Early May bank holiday", 1, time.Monday, time.May).Years(2021, 0),
	NthWeekdayOf("Spring bank holiday", -1, time.Monday, time.May).Years(1971, 2001),
	Once("Golden Jubilee bank holiday", 2002, time.June, 3),
	Once("Spring bank holiday", 2002, time.June, 4),
	NthWeekdayOf("Spring bank holiday", -1, time.Monday, time.May).Years(2003, 2011),
	Once("Spring bank holiday", 2012, time.June, 4),
	Once("Diamond Jubilee bank holiday", 2012, time.June, 5),
	NthWeekdayOf("Spring bank holiday", -1, time.Monday, time.May).Years(2013, 2021),
	Once("Spring bank holiday", 2022, time.June, 2),
	Once("Platinum Jubilee bank holiday", 2022, time.June, 3),
	NthWeekdayOf("Spring bank holiday", -1, time.Monday, time.May).Years(2023, 0),
	NthWeekdayOf("Summer bank holiday", -1, time.Monday, time.August).Years(1971, 0),
	Once("Millennium Celebrations", 1999, time.December, 31),
	Once("Royal wedding", 2011, time.April, 29),
	Once("State Funeral of Queen Elizabeth II", 2022, time.September, 19),
	Once("Coronation of King Charles III", 2023, time.May, 8),
	Yearly("Christmas Day", time.December, 25).ObservedAs(NextFreeWeekday),
	Yearly("Boxing Day", time.December, 26).ObservedAs(NextFreeWeekday),
}

// holidaysUS are the federal holidays of the United States.
//
// Sources: 5 U.S.C. 6103(a) as amended by the Uniform Monday Holiday Act
// (Pub. L. 90-363, Monday holidays from 1971), Pub. L. 98-144 (Martin
// Luther King Jr. Day from 1986), Pub. L. 94-97 (Veterans Day back on
// 11 November from 1978) and the Juneteenth National Independence Day Act
// (Pub. L. 117-17, from 2021). A holiday on a Saturday is observed on the
// Friday before and one on a Sunday on the Monday after (5 U.S.C. 6103(b),
// Executive Order 11582); 1 January on a Saturday gives Friday 31 December
// of the year before. Days off by executive order (such as 24 December
// 2024) and Inauguration Day (the Washington area only) are not listed.
var holidaysUS = []Holiday{
	Yearly("New Year's Day", time.January, 1).ObservedAs(NearestWeekday),
	NthWeekdayOf("Birthday of Martin Luther King, Jr.", 3, time.Monday, time.January).Years(1986, 0),
	NthWeekdayOf("Washington's Birthday", 3, time.Monday, time.February).Years(1971, 0),
	NthWeekdayOf("Memorial Day", -1, time.Monday, time.May).Years(1971, 0),
	Yearly("Juneteenth National Independence Day", time.June, 19).Years(2021, 0).ObservedAs(NearestWeekday),
	Yearly("Independence Day", time.July, 4).ObservedAs(NearestWeekday),
	NthWeekdayOf("Labor Day", 1, time.Monday, time.September),
	NthWeekdayOf("Columbus Day", 2, time.Monday, time.October).Years(1971, 0),
	NthWeekdayOf("Veterans Day", 4, time.Monday, time.October).Years(1971, 1977),
	Yearly("Veterans Day", time.November, 11).Years(1978, 0).ObservedAs(NearestWeekday),
	NthWeekdayOf("Thanksgiving Day", 4, time.Thursday, time.November),
	Yearly("Christmas Day", time.December, 25).ObservedAs(NearestWeekday),
}
