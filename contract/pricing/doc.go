// Package pricing prices service work: the ways service work is billed
// (service delivery models such as time and materials, break/fix, fixed
// price, subscription, pay-per-use and prepaid bundles), the demand a
// customer is expected to have, and the comparison of plans on that demand:
// which costs the customer least, what the provider earns, who carries the
// risk, and at which incident rate two plans cost the same.
//
// # Plans
//
// A [Plan] prices a [RealisedDemand] — the jobs done over a span of
// months, each with its [WorkKind] and hours, and the units used each
// month — as a [Bill]: the total the customer pays (the provider's
// revenue), line by line with the reason for each line, and the work
// delivered, from which [Bill.Margin] gives the provider's margin for a
// [DeliveryCost]. The models:
//
//   - [TimeAndMaterials]: every job by the hour under an [HourlyRate]
//     (rate, billing increment, minimum, call-out fee);
//   - [BreakFix]: only incidents, by the hour, usually at a higher rate
//     with a call-out fee;
//   - [FixedPrice]: a price per job or deliverable, whatever it takes;
//   - [Subscription]: a monthly fee covering some kinds of work up to some
//     hours a month, and an overage rate beyond;
//   - [PayPerUse]: units at volume [Tier]s, [Graduated] or [AllUnits];
//   - [Bundle]: prepaid hours ("strippenkaart") valid for some months,
//     expiring unused, with extra hours or automatic renewal when used up;
//   - [NoContract]: best-effort help by the hour, or nothing at all.
//
// # Comparing plans
//
// A [DemandProfile] describes expected demand: a Poisson rate of incidents
// per year, a [Distribution] of hours per incident ([Fixed],
// [Exponential], [LogNormal], [Gamma]) and of units per month. [Compare]
// simulates many spans of it from a seed and reports for each plan the
// customer's expected cost with its standard error and confidence
// interval, its P50, P90 and P99, the provider's expected cost of delivery
// and margin, who carries the spread, a closed form of the expectation
// where one exists, and the expected unused hours of a bundle.
// [BreakEven] gives the incident rate at which two plans cost the same,
// exactly where both expectations are linear in the rate and by bisection
// on the simulation otherwise.
//
// Simulated values are float64 internally; every amount reported is Money,
// rounded half-even to a minor unit, and every other number states its
// unit.
//
// Amounts are [money.Money]; see package money for their arithmetic and
// rounding.
//
// # Errors
//
// Validation reports every invalid field at once, joined with
// [errors.Join], each an [*availability.InputError] whose Field is the Go
// type and field path ("Bundle.Hours", "DemandProfile.HoursPerIncident.mean")
// and which wraps a sentinel: [ErrRange], [ErrSyntax], [ErrTierOrder],
// [ErrCurrencyMismatch] or [ErrNoBreakEven]. Nothing panics on data.
package pricing
