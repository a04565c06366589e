package promrules_test

import (
	"fmt"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
	"github.com/slacalc/slacalc/sla/promrules"
)

func ExampleGenerate() {
	f, err := promrules.Generate(promrules.Config{
		Name:      "shop",
		Objective: sla.Objective{Target: availability.MustParse("99.9%"), Period: sla.Month},
		SLI:       promrules.SLI{Probe: `probe_success{job="shop"}`},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range f.Groups[0].Rules {
		if r.Alert != "" {
			fmt.Println(r.Labels["severity"], r.Labels["long_window"], r.Labels["short_window"], r.Annotations["summary"])
		}
	}
	// Output:
	// page 1h 5m shop is burning its error budget 14.4 times too fast
	// page 6h 30m shop is burning its error budget 6 times too fast
	// ticket 1d 2h shop is burning its error budget 3 times too fast
	// ticket 3d 6h shop is burning its error budget 1 times too fast
}
