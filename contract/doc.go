// Package contract is the obligations side of service agreements:
// service-level terms with their credits, penalties and statements, public
// credit schedules, and supply chains in which every provider is also a
// customer, so that a provider and a customer can see what a contract
// costs each of them when a target is missed, down a chain of suppliers.
//
// Amounts are [money.Money] (package money: exact minor units, explicit
// rounding, no float64) and the work a fee covers is priced with package
// pricing's [pricing.HourlyRate] and [pricing.WorkKind]; package pricing
// also compares service delivery models on a demand profile.
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
// covers and the [pricing.HourlyRate] for work on top; and a cap on the total.
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
//	contract.CreditTier{Upper: contract.Below(money.BasisPoints(9999)),
//		Lower: contract.AtLeast(money.Percent(99)), Credit: money.Percent(10)}
//
// Tiers must meet without gaps or overlaps down to ">= 0%". Bounds are
// exact rationals and a period's tier is found by comparing its counted
// downtime D and service time S, integers of nanoseconds, with the bound
// p/q in 128-bit integer arithmetic: (S − D)·q against p·S. So a 30-day
// month with exactly 432 minutes down is exactly 99%, and a 31-day month
// (44,640 minutes) with 446 minutes down is in the "at least 99%" tier
// and with 447 minutes below it. [CreditSchedule.Assess] then takes the
// tier's share of the basis (the fee or a named charge), rounded once by
// the schedule's [money.RoundingMode], cuts it to the cap and drops it when
// below the minimum payout. The [Claim] rule says whether the credit needs
// a claim and until when.
//
// Instead of tiers a schedule may state one [ProRata] rule, "5% of the
// monthly fee per 0.1% below the 99.5% target, at most 50%", counted per
// started or per whole step ([StepCounting]) exactly on the same
// integers; and either may be joined by a [DowntimeRate], an amount per
// started hour of downtime beyond the budget, with its own maximum.
//
// # Statements
//
// [Terms.Statement] evaluates the terms over one period's
// [PeriodRecords] (outages, announcements of maintenance, tickets, the
// fee, the claim) and gives a [Statement]: the measurement, whether the
// target was met, the [Credit] and whether it is due under the claim
// rule, each breached response or resolution target as a [Penalty], the
// caps applied ([CapApplied]), the total, and a [StatementLine] with its
// reason for every step. The order is fixed: credit (tier or pro-rata
// steps, share of the basis rounded once, plus the downtime rate, credit
// cap, minimum payout, claim), penalties (each rounded, then the response
// and the resolution caps, then the penalty cap), total (credit plus
// penalties, then the total cap). Each priority's targets are checked in
// its own calendar ([PriorityTerms.Calendar], P1 7×24 while P2 keeps
// office hours) or the support calendar, overruns are in that calendar's
// business time, and a target nobody set is not checked.
// [Terms.Statements] evaluates many periods, validating the terms once.
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
// Every problem of a value is an [*availability.InputError] whose Field is
// the Go type and field path ("Terms.Credits.Tiers[2].Upper"), wrapping a
// sentinel for [errors.Is]: [ErrTierGap], [ErrUnknownPriority],
// [ErrUnknownCharge], [ErrUnknownComponent], or one of package money's
// ([money.ErrRange], [money.ErrCurrencyMismatch], …). Validation reports
// every problem at once, joined with [errors.Join]. Nothing panics on
// data.
package contract
