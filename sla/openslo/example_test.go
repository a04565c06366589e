package openslo_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
	"github.com/slacalc/slacalc/sla/openslo"
)

func ExampleFromObjective() {
	o := sla.Objective{Name: "Shop", Target: availability.MustParse("99.9%"), Period: sla.Month}
	d, err := openslo.FromObjective("shop", o)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := openslo.Encode(os.Stdout, d); err != nil {
		fmt.Println(err)
	}
	// Output:
	// apiVersion: openslo/v1
	// kind: SLO
	// metadata:
	//   name: shop
	//   displayName: Shop
	//   annotations:
	//     slacalc.io/target: 99.9%
	// spec:
	//   description: 99.9% availability over each calendar month in UTC, counted in 7×24 (slacalc)
	//   service: shop
	//   indicatorRef: shop-availability
	//   timeWindow:
	//     - duration: 1M
	//       isRolling: false
	//       calendar:
	//         startTime: "2024-01-01 00:00:00"
	//         timeZone: UTC
	//   budgetingMethod: Occurrences
	//   objectives:
	//     - displayName: Shop
	//       target: 0.999
}

func ExampleDecode() {
	const doc = `apiVersion: openslo/v1
kind: SLO
metadata: {name: api}
spec:
  service: api
  indicatorRef: api-availability
  timeWindow: [{duration: 28d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{target: 0.995}]
`
	docs, err := openslo.Decode(strings.NewReader(doc))
	if err != nil {
		fmt.Println(err)
		return
	}
	o, err := docs[0].Objective()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(o.Target, o.Period, o.Window)
	// Output:
	// 99.5% window 672h0m0s
}
