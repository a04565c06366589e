package openpsa_test

import (
	"context"
	"fmt"

	"github.com/slacalc/slacalc/internal/bdd"
	"github.com/slacalc/slacalc/internal/openpsa"
)

func ExampleParseFile() {
	ft, err := openpsa.ParseFile("testdata/small.xml", openpsa.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := ft.TopProbability(context.Background(), nil, bdd.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("top event:", ft.Gates[ft.Top].Name)
	// Checked against enumeration of the 2⁵ states in TestSmall.
	fmt.Printf("probability: %.6f\n", res.P)
	// Output:
	// top event: top
	// probability: 0.179191
}

func ExampleParseFile_rejected() {
	_, err := openpsa.ParseFile("testdata/not.xml", openpsa.Options{})
	fmt.Println(err)
	// Output:
	// openpsa: line 7:9: "top": <not>: only and, or, atleast formulas over gates and basic events are supported (coherent fault trees)
}
