package availability_test

import (
	"fmt"
	"time"

	"github.com/slacalc/slacalc/availability"
)

func ExampleParse() {
	a, err := availability.Parse("99.95%")
	if err != nil {
		panic(err)
	}
	b, _ := availability.Parse("0.9995")
	fmt.Println(a, b, a == b)
	_, err = availability.Parse("101%")
	fmt.Println(err)
	// Output:
	// 99.95% 99.95% true
	// availability.Parse: text: "101%" is above 100%
}

func ExampleFromPercent() {
	a, _ := availability.FromPercent(99.9)
	fmt.Println(a, a.Unavailability())
	// Output: 99.9% 0.001
}

func ExampleFromNines() {
	for _, n := range []float64{2, 3, 3.5, 5} {
		a, _ := availability.FromNines(n)
		fmt.Printf("%.1f nines = %s\n", n, a)
	}
	// Output:
	// 2.0 nines = 99%
	// 3.0 nines = 99.9%
	// 3.5 nines = 99.9683772233983%
	// 5.0 nines = 99.999%
}

func ExampleFromMTBF() {
	// A server that fails every 1000 hours on average and takes 4 hours to repair.
	a, _ := availability.FromMTBF(1000*time.Hour, 4*time.Hour)
	fmt.Printf("%.4f%%\n", a.Percent())
	// Output: 99.6016%
}

func ExampleFromDowntime() {
	// A 30-day month with 43m12s of downtime.
	a, _ := availability.FromDowntime(43*time.Minute+12*time.Second, 30*24*time.Hour)
	fmt.Println(a)
	// Output: 99.9%
}

func ExampleAvailability_Downtime() {
	a := availability.MustParse("99.9%")
	fmt.Println("30-day month:", a.Downtime(30*24*time.Hour))
	fmt.Println("365-day year:", a.Downtime(365*24*time.Hour))
	// Output:
	// 30-day month: 43m12s
	// 365-day year: 8h45m36s
}

func ExampleAvailability_MarshalText() {
	a, _ := availability.FromUnavailability(1.0 / 3)
	text, _ := a.MarshalText()
	fmt.Println(a.String())
	fmt.Println(string(text))
	// Output:
	// 66.6666666667%
	// 66.66666666666667%
}

func ExampleSeries() {
	app := availability.MustParse("99%")
	network := availability.MustParse("99.6%")
	a, _ := availability.Series(app, network)
	fmt.Println(a)
	// Output: 98.604%
}

func ExampleParallel() {
	// Two 99.9999% parts of which either suffices: twelve nines, which a
	// float64 availability could not even represent.
	a := availability.MustParse("99.9999%")
	p, _ := availability.Parallel(a, a)
	fmt.Println(p, p.Unavailability())
	// Output: 99.9999999999% 1e-12
}

func ExampleKOfN() {
	// A quorum of 2 out of 3 replicas in different zones. By hand:
	// U = u1u2 + u1u3 + u2u3 − 2u1u2u3 = 5e-6 + 1e-5 + 5e-5 − 1e-7 = 6.49e-5.
	a, _ := availability.KOfN(2,
		availability.MustParse("99.9%"),
		availability.MustParse("99.5%"),
		availability.MustParse("99%"))
	fmt.Println(a)
	// Output: 99.99351%
}

func ExampleKOfNIdentical() {
	// 3 of 5 identical 99% nodes. U = P(at least 3 of 5 fail)
	// = 10·0.01³·0.99² + 5·0.01⁴·0.99 + 0.01⁵ = 9.8506e-6.
	a, _ := availability.KOfNIdentical(3, 5, availability.MustParse("99%"))
	fmt.Println(a)
	// Output: 99.99901494%
}

func ExampleAssumption_Series() {
	app := availability.MustParse("99%")
	network := availability.MustParse("99.6%")
	for _, as := range []availability.Assumption{availability.WorstCase, availability.Independent, availability.BestCase} {
		a, _ := as.Series(app, network)
		fmt.Printf("%-11s %s\n", as, a)
	}
	// Output:
	// worst-case  98.6%
	// independent 98.604%
	// best-case   99%
}

func ExampleAssumption_Parallel() {
	// Redundancy guarantees nothing without independence: in the worst case
	// both outages coincide and the pair is as good as its better member.
	a, b := availability.MustParse("99%"), availability.MustParse("99.5%")
	bounds, _ := availability.BoundsOf(func(as availability.Assumption) (availability.Availability, error) {
		return as.Parallel(a, b)
	})
	fmt.Println(bounds.Worst, bounds.Independent, bounds.Best)
	// Output: 99.5% 99.995% 100%
}

func ExampleAssumption_KOfN() {
	// Bounds for 2 of 3 replicas at 99%: the worst case is 1 − 3·0.01/2.
	part := availability.MustParse("99%")
	for _, as := range []availability.Assumption{availability.WorstCase, availability.Independent, availability.BestCase} {
		a, _ := as.KOfN(2, part, part, part)
		fmt.Printf("%-11s %s\n", as, a)
	}
	// Output:
	// worst-case  98.5%
	// independent 99.9702%
	// best-case   100%
}

func ExampleBoundsOf() {
	// Nested compositions: two web servers in parallel, in series with a
	// database. Each assumption is applied at every level.
	web := availability.MustParse("99%")
	db := availability.MustParse("99.9%")
	b, _ := availability.BoundsOf(func(as availability.Assumption) (availability.Availability, error) {
		pair, err := as.Parallel(web, web)
		if err != nil {
			return availability.Availability{}, err
		}
		return as.Series(pair, db)
	})
	fmt.Println("worst:", b.Worst)
	fmt.Println("independent:", b.Independent)
	fmt.Println("best:", b.Best)
	// Output:
	// worst: 98.9%
	// independent: 99.89001%
	// best: 99.9%
}

func ExampleFromFraction() {
	a, _ := availability.FromFraction(0.9995)
	fmt.Println(a, a.Unavailability())
	_, err := availability.FromFraction(1.2)
	fmt.Println(err)
	// Output:
	// 99.95% 0.0005
	// availability.FromFraction: fraction: 1.2 is above 1
}

func ExampleFromUnavailability() {
	// The lossless constructor: fifteen nines, held exactly.
	a, _ := availability.FromUnavailability(1e-15)
	fmt.Printf("%s %.1f nines\n", a, a.Nines())
	// Output: 99.9999999999999% 15.0 nines
}
