package contract

import (
	"time"

	"github.com/slacalc/slacalc/contract/money"

	"github.com/slacalc/slacalc/availability"
)

// PublishedSchedule is a provider's public SLA credit schedule as data:
// who publishes it, for which service, where it comes from and since when
// it applies, the monthly availability target and the [CreditSchedule].
// With it a customer can check a provider's credit for a real month:
//
//	p := contract.AWSComputeRegion()
//	c, err := p.Schedule.Assess(447*time.Minute, 31*24*time.Hour, bill)
//
// Published schedules measure calendar months around the clock, as the
// providers' "Monthly Uptime Percentage" does, and their credits are a
// share of the month's charges for the service. Their amounts (the AWS
// minimum payout) are in USD, the currency these providers bill in, so
// the basis must be a USD amount too.
type PublishedSchedule struct {
	Provider  string                    `json:"provider"`  // e.g. "Amazon Web Services"
	Service   string                    `json:"service"`   // e.g. "Amazon EC2 (region level)"
	Source    string                    `json:"source"`    // the SLA page and version the figures come from
	Effective time.Time                 `json:"effective"` // the date the version took effect (its "last updated" date)
	Target    availability.Availability `json:"target"`    // the monthly uptime committed
	Schedule  CreditSchedule            `json:"schedule"`
}

// The figures of the published schedules below come from the table
// "Service credits: the facts" of the project's DOMAIN.md, which
// summarizes the providers' SLA pages; the sources and dates name the
// page version each table appears in. Claim rules and minimum payouts are
// the pages' own: AWS accepts claims until the end of the second billing
// cycle after the incident and issues a credit only if it is greater than
// one dollar (so at least USD 1.01); Google accepts a request within 30
// days and pays at most 50% of the month's charges in total.

// tiers3 builds the usual three tiers below a target: < target and ≥ 99%,
// < 99% and ≥ 95%, < 95%.
func tiers3(target money.Share, c1, c2, c3 money.Share) []CreditTier {
	return []CreditTier{
		{Upper: Below(target), Lower: AtLeast(money.Percent(99)), Credit: c1},
		{Upper: Below(money.Percent(99)), Lower: AtLeast(money.Percent(95)), Credit: c2},
		{Upper: Below(money.Percent(95)), Lower: AtLeast(money.Percent(0)), Credit: c3},
	}
}

func awsSchedule(target money.Share, c2 money.Share) CreditSchedule {
	return CreditSchedule{
		Tiers:   tiers3(target, money.Percent(10), c2, money.Percent(100)),
		Cap:     ShareOf(money.Percent(100)),
		Minimum: money.MustNewMoney(money.USD, 101),
		Claim:   Claim{Required: true, Cycles: 2},
	}
}

// AWSComputeRegion returns the region-level credit schedule of the Amazon
// Compute Service Level Agreement (EC2, EBS, ECS, Fargate deployed across
// two or more availability zones): target 99.99%; below 99.99% and at
// least 99.0% → 10%; below 99.0% and at least 95.0% → 30%; below 95.0% →
// 100% of the month's charges. Source: the Amazon Compute Service Level
// Agreement page, version last updated 5 May 2022.
func AWSComputeRegion() PublishedSchedule {
	return PublishedSchedule{
		Provider:  "Amazon Web Services",
		Service:   "Amazon Compute (EC2, EBS, ECS, Fargate), region level",
		Source:    "Amazon Compute Service Level Agreement, Region-Level SLA (AWS SLA page, last updated May 5, 2022)",
		Effective: time.Date(2022, time.May, 5, 0, 0, 0, 0, time.UTC),
		Target:    availability.MustParse("99.99%"),
		Schedule:  awsSchedule(money.BasisPoints(9999), money.Percent(30)),
	}
}

// AWSComputeInstance returns the instance-level credit schedule of the
// Amazon Compute Service Level Agreement (a single EC2 instance): target
// 99.5%; below 99.5% and at least 99.0% → 10%; below 99.0% and at least
// 95.0% → 30%; below 95.0% → 100%. Source: the Amazon Compute Service
// Level Agreement page, version last updated 5 May 2022.
func AWSComputeInstance() PublishedSchedule {
	return PublishedSchedule{
		Provider:  "Amazon Web Services",
		Service:   "Amazon EC2, single instance",
		Source:    "Amazon Compute Service Level Agreement, Instance-Level SLA (AWS SLA page, last updated May 5, 2022)",
		Effective: time.Date(2022, time.May, 5, 0, 0, 0, 0, time.UTC),
		Target:    availability.MustParse("99.5%"),
		Schedule:  awsSchedule(money.BasisPoints(9950), money.Percent(30)),
	}
}

// AWSS3Standard returns the credit schedule of the Amazon S3 Service Level
// Agreement for S3 Standard: target 99.9%; below 99.9% and at least 99.0%
// → 10%; below 99.0% and at least 95.0% → 25%; below 95.0% → 100%. Source:
// the Amazon S3 Service Level Agreement page, version last updated 31 July
// 2019 (the table for S3 Standard is unchanged in later versions).
func AWSS3Standard() PublishedSchedule {
	return PublishedSchedule{
		Provider:  "Amazon Web Services",
		Service:   "Amazon S3 Standard",
		Source:    "Amazon S3 Service Level Agreement (AWS SLA page, last updated July 31, 2019)",
		Effective: time.Date(2019, time.July, 31, 0, 0, 0, 0, time.UTC),
		Target:    availability.MustParse("99.9%"),
		Schedule:  awsSchedule(money.BasisPoints(9990), money.Percent(25)),
	}
}

// GoogleComputeEngine2020 returns the credit schedule of the Google
// Compute Engine Service Level Agreement in its 2020 text (instances in
// two or more zones of a region): target 99.99%; below 99.99% and at
// least 99.0% → 10%; below 99.0% and at least 95.0% → 25%; below 95.0% →
// 50% of the month's charges, which is also the cap. Source: the Compute
// Engine Service Level Agreement page, version last modified 13 January
// 2020.
func GoogleComputeEngine2020() PublishedSchedule {
	return PublishedSchedule{
		Provider:  "Google Cloud",
		Service:   "Google Compute Engine, instances in multiple zones",
		Source:    "Compute Engine Service Level Agreement (Google Cloud SLA page, last modified January 13, 2020)",
		Effective: time.Date(2020, time.January, 13, 0, 0, 0, 0, time.UTC),
		Target:    availability.MustParse("99.99%"),
		Schedule: CreditSchedule{
			Tiers: tiers3(money.BasisPoints(9999), money.Percent(10), money.Percent(25), money.Percent(50)),
			Cap:   ShareOf(money.Percent(50)),
			Claim: Claim{Required: true, Days: 30},
		},
	}
}

// PublishedSchedules returns every published schedule of the package, in
// the order of the DOMAIN.md table: AWS compute region level, AWS compute
// single instance, AWS S3 Standard, Google Compute Engine (2020).
func PublishedSchedules() []PublishedSchedule {
	return []PublishedSchedule{AWSComputeRegion(), AWSComputeInstance(), AWSS3Standard(), GoogleComputeEngine2020()}
}
