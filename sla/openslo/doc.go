// Package openslo writes [sla.Objective] values as OpenSLO v1 SLO documents
// (https://openslo.com, apiVersion openslo/v1, kind SLO) and reads them
// back, so that a promise made in slacalc can be handed to any monitoring
// tool that speaks OpenSLO.
//
// # Mapping
//
//   - Objective.Name is metadata.displayName; metadata.name is derived from
//     it (or from the service) as an RFC 1123 label.
//   - The period is spec.timeWindow: a rolling Window of whole minutes as
//     "30d", "6h" or "90m" with isRolling true; a calendar Day, Week, Month,
//     Quarter or Year as "1d", "1w", "1M", "1Q" or "1Y" with isRolling
//     false and a calendar whose startTime is 2024-01-01 00:00:00 (a Monday
//     and the first day of a year, so it is aligned to every unit) in the
//     calendar's time zone.
//   - Target is objectives[0].target as a fraction.
//   - Counting rules decide spec.budgetingMethod: time slices with a
//     threshold are Timeslices with timeSliceWindow and timeSliceTarget =
//     1 − SliceThreshold, proportional slices are RatioTimeslices, anything
//     else Occurrences.
//
// # Annotations
//
// What OpenSLO cannot say travels in metadata.annotations and comes back on
// import, so nothing is dropped:
//
//   - [AnnotationTarget] "slacalc.io/target": the exact target, e.g.
//     "99.9%" (the float64 fraction in objectives may not round-trip).
//   - [AnnotationCalendar] "slacalc.io/calendar": the service calendar as
//     sla.Calendar JSON (weekly hours, holidays, zone), unless it is 7×24
//     in UTC.
//   - [AnnotationRules] "slacalc.io/rules": the counting rules as
//     sla.CountingRules JSON, unless they are the zero value.
//   - [AnnotationRole], [AnnotationUnderpins] and [AnnotationSupplier]:
//     "underpinning", the service it underpins and the supplier, for a
//     supplier's objective written with [Underpinning].
//
// On import the annotations must agree with the OpenSLO fields they refine
// (the target within 1e-9, the zone, the budgeting method); a conflict is
// an error, never a silent choice.
//
// # Reading
//
// [Decode] reads a stream of YAML documents separated by "---". It is
// strict: an unknown key at any depth, an apiVersion other than openslo/v1
// or a kind other than SLO is an error naming the document and the path,
// reported as an [*availability.InputError].
//
//	docs, err := openslo.Decode(r)
//	for _, d := range docs {
//		o, err := d.Objective()
//		...
//	}
package openslo
