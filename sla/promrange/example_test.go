package promrange_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/slacalc/slacalc/sla"
	"github.com/slacalc/slacalc/sla/promrange"
)

func ExampleMatrix_Outages() {
	// up{job="shop"} from 08:00 to 08:25 UTC, step 300 s: down at 08:10,
	// no sample at 08:20.
	const body = `{"status":"success","data":{"resultType":"matrix","result":[
	  {"metric":{"__name__":"up","job":"shop"},
	   "values":[[1799049600,"1"],[1799049900,"1"],[1799050200,"0"],[1799050500,"1"],[1799051100,"1"]]}]}}`
	m, err := promrange.ReadMatrix(strings.NewReader(body))
	if err != nil {
		fmt.Println(err)
		return
	}
	start := time.Date(2027, 1, 4, 8, 0, 0, 0, time.UTC)
	hour, _ := sla.NewPeriod(start, start.Add(30*time.Minute))
	grid, _ := promrange.PeriodGrid(hour, 5*time.Minute)
	for _, gaps := range []promrange.Gaps{promrange.GapDown, promrange.GapUp} {
		grid.Gaps = gaps
		outages, err := m.Outages(grid)
		if err != nil {
			fmt.Println(err)
			return
		}
		meas, _ := sla.Measure(hour, sla.Calendar{}, outages, sla.CountingRules{})
		fmt.Printf("%d outages, %v down, %.2f%%\n", len(outages), meas.Downtime, meas.Availability.Percent())
	}
	// Output:
	// 2 outages, 10m0s down, 66.67%
	// 1 outages, 5m0s down, 83.33%
}
