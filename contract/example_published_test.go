package contract_test

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
)

// Which credit each published schedule gives for the same bad month: 2 h
// down in a 30-day month is 1 − 120/43200 = 99.7222%: in the first tier
// (10%) of the schedules that promise 99.9% or more, above the 99.5% of the
// single EC2 instance, which pays nothing.
func ExamplePublishedSchedules() {
	bill := money.MustParseMoney("USD 1000.00")
	for _, p := range contract.PublishedSchedules() {
		c, err := p.Schedule.Assess(2*time.Hour, 30*24*time.Hour, bill)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s\n  target %v, credit %v\n", p.Service, p.Target, c.Amount)
	}
	// Output:
	// Amazon Compute (EC2, EBS, ECS, Fargate), region level
	//   target 99.99%, credit USD 100.00
	// Amazon EC2, single instance
	//   target 99.5%, credit USD 0.00
	// Amazon S3 Standard
	//   target 99.9%, credit USD 100.00
	// Google Compute Engine, instances in multiple zones
	//   target 99.99%, credit USD 100.00
}
