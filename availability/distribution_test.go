package availability_test

import (
	"testing"

	"github.com/slacalc/slacalc/availability"
)

func FuzzParseDistribution(f *testing.F) {
	for _, s := range []string{"fixed(1.5)", "exponential(mean 2)", "lognormal(mean 1.5, sd 1.2)", "gamma(shape 2, mean 3)", "poisson(mean 40)", "weibull(shape 1.5, scale 800)", "fixed(NaN)", "gamma(shape 1e308, mean -0)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := availability.ParseDistribution(s)
		if err != nil {
			return
		}
		back, err := availability.ParseDistribution(d.String())
		if err != nil {
			t.Fatalf("ParseDistribution(%q) = %v, whose String does not parse: %v", s, d, err)
		}
		if back.String() != d.String() {
			t.Fatalf("round trip %q -> %q -> %q", s, d.String(), back.String())
		}
	})
}
