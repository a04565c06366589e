// Package contract is the money side of service agreements: amounts of
// money and how they are rounded and shared, and the ways service work is
// billed, so that a provider and a customer can see what a contract costs
// each of them and who carries the risk.
//
// Every amount is a [Money]: an integer number of a currency's minor units.
// No float64 holds money anywhere in the package, every rounding is a
// [RoundingMode] passed as a value, and arithmetic reports overflow and
// mixed currencies as errors instead of wrapping or guessing.
//
// # Money
//
// A [Money] is created from minor units with [NewMoney] or parsed with
// [ParseMoney] from its text form, the currency code and a decimal number:
//
//	fee := contract.MustParseMoney("EUR 1234.50") // 123450 cents
//
// [Money.String] always writes the canonical form ("EUR 1234.50",
// "JPY 1234", "KWD 1.250"), which [ParseMoney] reads back to the same value;
// the parser also accepts thousands separators ("EUR 1,234.50"), an
// explicit plus sign and fewer fraction digits than the currency has, but
// never more. Money marshals to JSON as that string.
//
// A [Currency] is an ISO 4217 code; the table of known codes and their
// minor-unit digits (2 for EUR, 0 for JPY, 3 for KWD) follows ISO 4217
// List One.
//
// [Money.Add], [Money.Sub], [Money.Neg], [Money.Abs], [Money.Mul] and
// [Money.Cmp] return [ErrCurrencyMismatch] for operands in different
// currencies and [ErrOverflow] when a result leaves the int64 range.
//
// # Rounding and shares
//
// A [Share] is an exact proportion — a percentage ([Percent], "12.5%"),
// basis points ([BasisPoints], "25bp") or a fraction ([Ratio], "1/3") —
// stored as a reduced fraction of int64s. [Money.Scale] multiplies an
// amount by a share exactly and rounds once, with the [RoundingMode] given:
// [HalfEven] (the zero value), [HalfUp], [HalfDown], [Up], [Down],
// [Ceiling] or [Floor].
//
//	credit, err := fee.Scale(contract.MustParseShare("12.5%"), contract.HalfEven)
//
// # Splitting
//
// [Money.Split] divides an amount into equal parts and [Money.Allocate]
// into parts proportional to weights. The parts always add up to the
// amount exactly: the minor units left over by rounding go, one each, to
// the first parts ([Money.Split]) or to the parts with the largest
// remainders ([Money.Allocate], largest-remainder method).
//
// # Service models
//
// A [Model] prices a [RealisedDemand] — the jobs done over a span of
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
// # Comparing models
//
// A [DemandProfile] describes expected demand: a Poisson rate of incidents
// per year, a [Distribution] of hours per incident ([Fixed],
// [Exponential], [LogNormal], [Gamma]) and of units per month. [Compare]
// simulates many spans of it from a seed and reports for each model the
// customer's expected cost with its standard error and confidence
// interval, its P50, P90 and P99, the provider's expected cost of delivery
// and margin, who carries the spread, a closed form of the expectation
// where one exists, and the expected unused hours of a bundle.
// [BreakEven] gives the incident rate at which two models cost the same,
// exactly where both expectations are linear in the rate and by bisection
// on the simulation otherwise.
//
// Simulated values are float64 internally; every amount reported is Money,
// rounded half-even to a minor unit, and every other number states its
// unit.
//
// # Errors
//
// Every error wraps one of the sentinels ([ErrSyntax], [ErrUnknownCurrency],
// [ErrPrecision], [ErrCurrencyMismatch], [ErrOverflow], [ErrRange],
// [ErrTierOrder], [ErrNoBreakEven]) for [errors.Is], inside a typed error
// for [errors.As]: [*ParseError] names the input, [*ArithmeticError] the
// operation and its operands, [*FieldError] the type, field and value.
// Validation reports every problem at once, joined with [errors.Join].
// Nothing panics on data; only the Must functions, meant for literals,
// panic.
package contract
