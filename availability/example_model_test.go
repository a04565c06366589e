package availability_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/slacalc/slacalc/availability"
)

// A storage cluster of a web shop that keeps working while 2 of its 3
// replicas do, built from NodeSpec values as read from a file. With p =
// 99.5% per replica, A = p³ + 3p²(1 − p) = 0.985074875 + 0.014850375 =
// 99.992525%.
func ExampleNewModel() {
	replica := availability.MustParse("99.5%")
	m, err := availability.NewModel([]availability.NodeSpec{
		{Name: "r1", Availability: &replica},
		{Name: "r2", Availability: &replica},
		{Name: "r3", Availability: &replica},
		{Name: "storage", Requires: availability.RequireAtLeast(2), DependsOn: []string{"r1", "r2", "r3"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _ := m.Availability("storage")
	fmt.Println(a)
	spec, _ := m.Spec("storage")
	fmt.Println("storage requires", spec.Requires)
	// Output:
	// 99.992525%
	// storage requires at least 2
}

// A model round-trips through JSON in the NodeSpec form.
func ExampleModel_MarshalJSON() {
	m, err := new(availability.Builder).
		Component("db", availability.MustParse("99.95%")).
		Service("api", availability.MustParse("99.9%"), availability.RequireAll, "db").
		Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := json.Marshal(m)
	fmt.Println(string(b))
	var back availability.Model
	if err := json.Unmarshal(b, &back); err != nil {
		fmt.Println(err)
		return
	}
	// The API fails by itself as well: 0.999 · 0.9995 = 99.85005%.
	a, _ := back.Availability("api")
	fmt.Println(a)
	// Output:
	// {"nodes":[{"name":"db","availability":"99.95%","requires":"all"},{"name":"api","availability":"99.9%","requires":"all","dependsOn":["db"]}]}
	// 99.85005%
}

// The web shop as a Graphviz digraph: the shared database has a double
// border and, as a single point of failure, is red. With U = 0.00109999 the
// shop's unavailability, the database's criticality is B·q/U with Birnbaum
// B = 1 − 0.01² = 0.9999 and q = 0.001: 0.909; a web server's B is
// (1 − 0.999 · 0.99) − 0.001 = 0.00999, so 0.00999 · 0.01 / U = 0.0908.
func ExampleModel_DOT() {
	dot, err := sharedDBShop().DOT(context.Background(), "shop")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(dot)
	// Output:
	// digraph availability {
	//     rankdir=TB;
	//     node [shape=box, fontname="Helvetica"];
	//     n0 [label="db\n99.9%\ncriticality 0.909\nsingle point of failure", peripheries=2, color="#cc0000", style=filled, fillcolor="#ffdddd"];
	//     n1 [label="web1\n99%\ncriticality 0.0908"];
	//     n2 [label="web2\n99%\ncriticality 0.0908"];
	//     n3 [label="path1\nall of 2\n98.901%"];
	//     n4 [label="path2\nall of 2\n98.901%"];
	//     n5 [label="shop\nany of 2\n99.89001%", style=filled, fillcolor="#ddeeff"];
	//     n3 -> n1;
	//     n3 -> n0;
	//     n4 -> n2;
	//     n4 -> n0;
	//     n5 -> n3;
	//     n5 -> n4;
	// }
}

// Repair-time distributions as written in a proposal file, with their
// means; sampling is seeded, so the draw below is reproducible. The mean of
// a Weibull(1.5, 800) is 800 · Γ(1 + 1/1.5) = 800 · 0.9027 = 722.2 h.
func ExampleParseDistribution() {
	for _, s := range []string{"fixed(1.5)", "lognormal(mean 4, sd 3)", "weibull(shape 1.5, scale 800)"} {
		d, err := availability.ParseDistribution(s)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-30v mean %.1f h\n", d, d.Mean())
	}
	_, err := availability.ParseDistribution("normal(mean 3)")
	fmt.Println(err)
	d := availability.Exponential(4)
	fmt.Printf("a draw of %v: %.1f h\n", d, d.Sample(rand.NewPCG(1, 2)))
	// Output:
	// fixed(1.5)                     mean 1.5 h
	// lognormal(mean 4, sd 3)        mean 4.0 h
	// weibull(shape 1.5, scale 800)  mean 722.2 h
	// availability.ParseDistribution: "normal(mean 3)": unknown distribution "normal"; want fixed, exponential, weibull, lognormal, gamma or poisson
	// a draw of exponential(mean 4): 2.4 h
}

// Round for display never rounds a missed nine into a promise: 99.995%
// rounds to 99.99%, not 100%.
func ExampleAvailability_Round() {
	for _, s := range []string{"99.995%", "99.9949%", "98.604%"} {
		a := availability.MustParse(s)
		fmt.Println(a, "→", a.Round(2))
	}
	// Output:
	// 99.995% → 99.99%
	// 99.9949% → 99.99%
	// 98.604% → 98.6%
}

// The bounds of a composition under each assumption: a checkout that needs
// a payment provider (99.9%) and a fraud check (99.5%).
func ExampleBounds_Under() {
	pay, fraud := availability.MustParse("99.9%"), availability.MustParse("99.5%")
	b, err := availability.BoundsOf(func(as availability.Assumption) (availability.Availability, error) {
		return as.Series(pay, fraud)
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Independent 0.999 · 0.995 = 99.4005%; worst 1 − 0.001 − 0.005 = 99.4%;
	// best min(99.9%, 99.5%) = 99.5%.
	for _, as := range []availability.Assumption{availability.WorstCase, availability.Independent, availability.BestCase} {
		fmt.Printf("%-11v %v\n", as, b.Under(as))
	}
	// Output:
	// worst-case  99.4%
	// independent 99.4005%
	// best-case   99.5%
}

// Which parts of the web shop are shared, and how it reads in nines and
// uptime: −log₁₀(0.00109999) = 2.9586 nines; 99.89001% of a 365-day year
// is 8750.36 h up, 9.64 h down.
func ExampleModel_Shared() {
	m := sharedDBShop()
	for _, c := range m.Components() {
		shared, _ := m.Shared(c)
		fmt.Println(c, "shared:", shared)
	}
	a, _ := m.Availability("shop")
	year := 365 * 24 * time.Hour
	fmt.Printf("%.4f nines, up %v, down %v a year\n", a.Nines(), a.Uptime(year).Round(time.Minute), a.Downtime(year).Round(time.Minute))
	// Output:
	// db shared: true
	// web1 shared: false
	// web2 shared: false
	// 2.9586 nines, up 8750h22m0s, down 9h38m0s a year
}
