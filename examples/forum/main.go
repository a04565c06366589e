// Command forum answers the classic question from a forum thread: an
// application hosted by one supplier at 99% uptime, reached over a network
// from another supplier at 99.6%, is sold to customers as one service. What
// availability may we promise?
//
// Run it with
//
//	go run ./examples/forum
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/slacalc/slacalc/availability"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "forum:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	app, err := availability.Parse("99%")
	if err != nil {
		return err
	}
	network, err := availability.Parse("99.6%")
	if err != nil {
		return err
	}
	b, err := availability.BoundsOf(func(as availability.Assumption) (availability.Availability, error) {
		return as.Series(app, network)
	})
	if err != nil {
		return err
	}

	const year = 365 * 24 * time.Hour
	days := func(d time.Duration) string { return fmt.Sprintf("%.2f days", d.Hours()/24) }

	fmt.Fprintln(w, "Application 99% hosted by one supplier, network 99.6% from another, sold as one service.")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Allowed downtime per 365-day year:\n")
	fmt.Fprintf(w, "  application  %-9s %s\n", app, days(app.Downtime(year)))
	fmt.Fprintf(w, "  network      %-9s %s\n", network, days(network.Downtime(year)))
	fmt.Fprintf(w, "  sum                    %s\n", days(app.Downtime(year)+network.Downtime(year)))
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Availability of the combined service:\n")
	fmt.Fprintf(w, "  independent failures   %-9s (0.99 × 0.996)\n", b.Independent)
	fmt.Fprintf(w, "  guaranteed worst case  %-9s (outages never overlap: %s down a year)\n", b.Worst, days(b.Worst.Downtime(year)))
	fmt.Fprintf(w, "  best case              %-9s (the network's outages fall inside the application's)\n", b.Best)
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Promise %s in the contract: it holds however the two suppliers' outages fall, while %s\n", b.Worst, b.Independent)
	fmt.Fprintln(w, "rests on the assumption that they fail independently, which no supplier guarantees.")
	return nil
}
