package contract_test

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
)

func ExampleCreditSchedule_Assess() {
	schedule := contract.CreditSchedule{
		Tiers: []contract.CreditTier{
			{Upper: contract.Below(money.MustParseShare("99.9%")), Lower: contract.AtLeast(money.Percent(99)), Credit: money.Percent(10)},
			{Upper: contract.Below(money.Percent(99)), Lower: contract.AtLeast(money.Percent(0)), Credit: money.Percent(25)},
		},
		Cap:     contract.ShareOf(money.Percent(20)),
		Minimum: money.MustParseMoney("EUR 50.00"),
	}
	fee := money.MustParseMoney("EUR 2000.00")
	june := 30 * 24 * time.Hour // 43,200 minutes; 99% is exactly 432 minutes down
	for _, down := range []time.Duration{30 * time.Minute, 432 * time.Minute, 433 * time.Minute} {
		c, err := schedule.Assess(down, june, fee)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-6v %v\n  %s\n", down, c.Amount, c.Reason)
	}
	// Output:
	// 30m0s  EUR 0.00
	//   measured 99.9305% (30m0s down of 720h0m0s) is above every credit tier (highest: < 99.9%)
	// 7h12m0s EUR 200.00
	//   measured 99% (7h12m0s down of 720h0m0s) is in tier < 99.9% and >= 99%: 10% of EUR 2000.00 = EUR 200.00
	// 7h13m0s EUR 400.00
	//   measured 98.9976% (7h13m0s down of 720h0m0s) is in tier < 99% and >= 0%: 25% of EUR 2000.00 = EUR 500.00, capped at 20% = EUR 400.00
}

func ExampleAWSComputeRegion() {
	p := contract.AWSComputeRegion()
	fmt.Println(p.Provider, "-", p.Service)
	fmt.Println("target", p.Target, "effective", p.Effective.Format("2006-01-02"))
	for _, t := range p.Schedule.Tiers {
		fmt.Println(" ", t)
	}
	// March 2025 has 31 days, 44,640 minutes: 99.0% allows 446.4 minutes.
	bill := money.MustParseMoney("USD 12000.00")
	for _, down := range []time.Duration{446 * time.Minute, 447 * time.Minute} {
		c, err := p.Schedule.Assess(down, 31*24*time.Hour, bill)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%v down: %v credit (%v tier)\n", down, c.Amount, c.Share)
	}
	// Output:
	// Amazon Web Services - Amazon Compute (EC2, EBS, ECS, Fargate), region level
	// target 99.99% effective 2022-05-05
	//   < 99.99% and >= 99% → 10%
	//   < 99% and >= 95% → 30%
	//   < 95% and >= 0% → 100%
	// 7h26m0s down: USD 1200.00 credit (10% tier)
	// 7h27m0s down: USD 3600.00 credit (30% tier)
}
