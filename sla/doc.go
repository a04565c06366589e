// Package sla is the time layer of slacalc: periods and their conventions,
// service calendars, business-time deadlines, measured availability from
// outage records, objectives and error budgets.
//
// Every SLA is measured over time, and this is where calculators quietly
// disagree: a 30-day month or a mean Gregorian one, a month in Amsterdam
// that has an hour more or less, office hours or the whole week. This
// package makes every such choice explicit and computes it exactly, in
// [time.Duration], [time.Time] and [availability.Availability].
//
// # Periods and conventions
//
// A [Period] is an interval [Start, End) that knows what it is: a calendar
// [Day], [Week], [Month], [Quarter] or [Year] in a time zone, with its real
// length ([CalendarMonth], [CalendarPeriod]), or a rolling window
// ([RollingWindow]). A [Convention] is a fixed length that people use instead
// ([Month30d], [MeanGregorianMonth], [Year365d], ...). Both give the downtime
// an availability allows and, the other way round, the availability a
// downtime amounts to. A [DowntimeTable] lists day to year and names its
// basis.
//
//	a := availability.MustParse("99.9%")
//	sla.Month30d.Downtime(a)           // 43m12s
//	sla.MeanGregorianMonth.Downtime(a) // 43m49.746s
//
// # Service calendars
//
// A [Calendar] is a weekly schedule of local wall-clock [Hours] (any number
// per weekday), a time zone and [Holiday] rules (fixed dates, Easter-relative
// days, n-th weekdays). [Weekdays] and [Daily] build the common 5×8 and
// 7×N windows, [Always] 7×24; the zero Calendar is 7×24 in UTC. A calendar
// gives the service time of a period and the downtime budget within it
// ([Calendar.Budget]). Hours are wall-clock time on both sides of a
// daylight-saving change; see [Calendar] for what happens in the gap and the
// repeated hour. Holidays are data: rules with year bounds, every n-th
// year, observed days and half days ([Holiday]), the national sets of the
// Netherlands, Belgium, Germany, England and Wales and the United States
// with their sources ([Preset], "preset" in JSON), and closing days read
// from an iCalendar file ([ReadICalendar]).
//
// # Business time
//
// [Calendar.Deadline] and [Calendar.DeadlineDays] give the due time of a
// target in business time or working days, [Calendar.Elapsed] the business
// time between two instants, and the Paused variants stop the clock during
// pauses. [Calendar.CheckTicket] checks a [Ticket] against the
// [PriorityTargets] of its priority, with the margin or the overrun in
// business time, in the priority's own calendar when it has one (P1 7×24,
// P2 office hours), and the escalation instants at 50%, 75% and 100% of
// each target's business time with the pauses applied. Each
// local year's service spans are computed once per calendar and cached, so
// a deadline five years away costs a few map lookups and a binary search.
//
// # Measured availability
//
// [Measure] turns [Outage] records into a [Measurement] for a period: open
// outages run to the period's end, records are clipped, excluded by
// [OutageKind] or scope, merged, clipped to service hours, and counted under
// [CountingRules]: a minimum counted outage and a granularity, or time
// slices counted by an error-rate threshold or in proportion.
//
// # Objectives and error budgets
//
// An [Objective] is the module's one type for a promise of availability: a
// target over each calendar-aligned period or rolling window, counted in a
// calendar's service hours under counting rules; contract terms hold one
// too. [Objective.ErrorBudget] gives the budget, consumed and
// remaining downtime, burn rate and projected exhaustion;
// [BurnRateAlerts] resolves multi-window burn-rate alert policies (the
// 14.4, 6, 3 and 1 of a 30-day window) for any window length.
//
// # The worst case in time
//
// A guarantee is only as good as its weakest assumption, and time is one:
// a supplier's promise has its own window, period and counting rules.
// [Objective.WorstCaseIn] gives the most downtime a promise may put inside
// our service time in one of our periods, min(S_p, U_p + Σ_q min((1 −
// T)·M_q, O_q) + C_p), with the reasons in words (see [Allowance]): a 7×24
// supplier at 99% may spend all 7h26m24s of a 31-day month inside 200
// office hours. [GuaranteeOver] composes the parts' allowances through a
// dependency graph in the worst case, period by period, so that
// "guaranteed" means guaranteed in every period.
//
// # Errors
//
// Invalid input is reported with an [*availability.InputError] (the
// module's one error type for rejected input) that names the function,
// the field and the value, wrapping one of the sentinels ([ErrOrder],
// [ErrSchedule], [ErrNoService], ...). Builders and [Measure] report every
// problem at once with [errors.Join]. Nothing panics on data and no search
// runs forever: a calendar without service time is an error.
//
// # JSON
//
// Calendars, periods, conventions, holidays, outages, counting rules,
// targets and objectives marshal to JSON and back without loss: durations
// as Go duration strings, instants in RFC 3339, availabilities as
// percentages, weekdays and months by name, time zones by IANA name.
package sla
