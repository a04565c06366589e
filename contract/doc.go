// Package contract is the money side of service agreements: amounts of
// money and how they are rounded and shared, the ways service work is
// billed, and service-level terms with their credits, penalties and
// statements, so that a provider and a customer can see what a contract
// costs each of them and who carries the risk, down a chain of suppliers.
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
// # Terms
//
// [Terms] are a contract's service levels as data, versioned by an
// Effective date ([TermsAt] picks the version in force): the fee per
// period, which sets the currency; the [Objective] (target availability,
// measurement period, service calendar and counting rules of package
// sla); the [CreditSchedule]; the [Support] targets per priority, each
// with a penalty per breach as an [Amount] (a fixed Money or a Share of
// the fee) and a cap on penalties; the [Exclusions] (planned maintenance
// announced in time, customer-caused outages, force majeure, third
// parties); the customer's [Obligation]s; the kinds of [Work] the fee
// covers and the [HourlyRate] for work on top; and a cap on the total.
// Terms round-trip through JSON: availabilities and shares as
// percentages, money as "EUR 1234.50", durations as Go duration strings,
// instants in RFC 3339. Decoding validates and reports every problem at
// once; see testdata/terms for an example document.
//
// # Credit schedules
//
// A [CreditSchedule] lists [CreditTier]s from the highest availability
// down, each between an upper and a lower [Bound] whose inclusiveness is
// explicit: "below 99.99% and at least 99.0% → 10%" is
//
//	contract.CreditTier{Upper: contract.Below(contract.BasisPoints(9999)),
//		Lower: contract.AtLeast(contract.Percent(99)), Credit: contract.Percent(10)}
//
// Tiers must meet without gaps or overlaps down to ">= 0%". Bounds are
// exact rationals and a period's tier is found by comparing its counted
// downtime D and service time S, integers of nanoseconds, with the bound
// p/q in 128-bit integer arithmetic: (S − D)·q against p·S. So a 30-day
// month with exactly 432 minutes down is exactly 99%, and a 31-day month
// (44,640 minutes) with 446 minutes down is in the "at least 99%" tier
// and with 447 minutes below it. [CreditSchedule.Assess] then takes the
// tier's share of the basis (the fee or a named charge), rounded once by
// the schedule's [RoundingMode], cuts it to the cap and drops it when
// below the minimum payout. The [Claim] rule says whether the credit needs
// a claim and until when.
//
// # Statements
//
// [Terms.Statement] evaluates the terms over one period's
// [PeriodRecords] (outages, announcements of maintenance, tickets, the
// fee, the claim) and gives a [Statement]: the measurement, whether the
// target was met, the [Credit] and whether it is due under the claim
// rule, each breached response or resolution target as a [Penalty], the
// caps applied ([CapApplied]), the total, and a [StatementLine] with its
// reason for every step. The order is fixed: credit (tier, share of the
// basis rounded once, credit cap, minimum payout, claim), penalties (each
// rounded, then the penalty cap), total (credit plus penalties, then the
// total cap). [Terms.Statements] evaluates many periods, validating the
// terms once.
//
// # Published schedules
//
// [AWSComputeRegion], [AWSComputeInstance], [AWSS3Standard] and
// [GoogleComputeEngine2020] return public cloud credit schedules as
// [PublishedSchedule] data with their source and effective date, so that
// a customer can check a provider's credit for a real month;
// [PublishedSchedules] lists them all.
//
// # Supply chains
//
// Every provider is also a customer. A [SupplyChain] holds our terms for
// a node of our dependency graph ([availability.Model]) and the
// [Supplier]s whose terms underpin it, each providing some components.
// [SupplyChain.Coverage] composes the suppliers' targets through the
// graph under independent failures and in the worst case and says
// whether they cover our target, what each supplier would have to promise
// ([Allocation]) and whether their response and resolution targets fit
// inside ours ([ResponseFit]). [SupplyChain.Exposure] turns a period's
// component outages into our service's outages through the graph and
// gives the credits we owe, the credits we recover and the net.
//
// # Errors
//
// Every error wraps one of the sentinels ([ErrSyntax], [ErrUnknownCurrency],
// [ErrPrecision], [ErrCurrencyMismatch], [ErrOverflow], [ErrRange],
// [ErrTierOrder], [ErrTierGap], [ErrUnknownPriority], [ErrUnknownCharge],
// [ErrUnknownComponent], [ErrNoBreakEven]) for [errors.Is], inside a typed error
// for [errors.As]: [*ParseError] names the input, [*ArithmeticError] the
// operation and its operands, [*FieldError] the type, field and value.
// Validation reports every problem at once, joined with [errors.Join].
// Nothing panics on data; only the Must functions, meant for literals,
// panic.
package contract
