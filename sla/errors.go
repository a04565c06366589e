package sla

import (
	"errors"
	"fmt"

	"github.com/slacalc/slacalc/availability"
)

// Sentinel errors. Every error returned by this package wraps one of them, so
// callers can test the kind of problem with [errors.Is] and the details with
// [errors.As] on [*availability.InputError]. Builders that find several problems return
// them all, joined with [errors.Join].
var (
	// ErrRange (the same value as availability.ErrRange) reports a number outside the range its field allows: a
	// weekday that does not exist, a month 13, a threshold above 1, a
	// result beyond the years this package computes (1–9999).
	ErrRange = availability.ErrRange
	// ErrOrder reports an interval whose end is before its start.
	ErrOrder = errors.New("end before start")
	// ErrLocation reports a nil *time.Location or an unknown IANA zone name.
	ErrLocation = errors.New("invalid time zone")
	// ErrSchedule reports service hours that overlap, run backwards or lie
	// outside 00:00–24:00.
	ErrSchedule = errors.New("invalid schedule")
	// ErrNoService reports a calendar without any service time, so that a
	// deadline could never be met.
	ErrNoService = errors.New("no service time")
	// ErrNonexistent reports a wall-clock time that does not exist in its
	// time zone because it falls into a daylight-saving gap.
	ErrNonexistent = errors.New("wall-clock time in a daylight-saving gap")
	// ErrDuration (the same value as availability.ErrDuration) reports a negative duration, or a zero one where a length
	// is needed.
	ErrDuration = availability.ErrDuration
	// ErrSlice reports a time-slice length that does not divide the period,
	// or slice rules combined with per-outage rules.
	ErrSlice = errors.New("invalid time slice")
	// ErrHoliday reports a holiday rule that is incomplete or names a date
	// that does not exist.
	ErrHoliday = errors.New("invalid holiday")
	// ErrSyntax (the same value as availability.ErrSyntax) reports text that cannot be read (a time of day, a name).
	ErrSyntax = availability.ErrSyntax
)

// inputErr returns the module's one error type for rejected input,
// [availability.InputError], with Func "sla." and the function's name.
func inputErr(fn, field, value, reason string, sentinel error) *availability.InputError {
	return &availability.InputError{Func: "sla." + fn, Field: field, Value: value, Reason: reason, Err: sentinel}
}

// maxJoined caps how many problems a builder lists; the rest are counted.
const maxJoined = 20

// joinCapped joins errs like errors.Join, listing at most maxJoined of them
// and counting the rest, together with extra problems found but not kept.
func joinCapped(fn string, errs []error, extra int) error {
	if len(errs) > maxJoined {
		extra += len(errs) - maxJoined
		errs = errs[:maxJoined:maxJoined]
	}
	if extra > 0 {
		errs = append(errs, fmt.Errorf("sla.%s: and %d more problems", fn, extra))
	}
	return errors.Join(errs...)
}
