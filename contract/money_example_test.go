package contract_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/slacalc/slacalc/contract"
)

func ExampleParseMoney() {
	for _, s := range []string{"EUR 1,234.5", "JPY 1234", "KWD -0.125", "EUR 1.005", "EUR 1,23"} {
		m, err := contract.ParseMoney(s)
		if err != nil {
			fmt.Println(errors.Is(err, contract.ErrPrecision), err)
			continue
		}
		fmt.Println(m, m.MinorUnits())
	}
	// Output:
	// EUR 1234.50 123450
	// JPY 1234 1234
	// KWD -0.125 -125
	// true contract.ParseMoney("EUR 1.005"): 3 fraction digits, EUR has 2
	// false contract.ParseMoney("EUR 1,23"): thousands separators must separate every group of three digits
}

func ExampleMoney_Add() {
	a := contract.MustParseMoney("EUR 10.00")
	sum, _ := a.Add(contract.MustParseMoney("EUR 2.50"))
	fmt.Println(sum)
	_, err := a.Add(contract.MustParseMoney("USD 2.50"))
	fmt.Println(err)
	// Output:
	// EUR 12.50
	// contract: Add[EUR 10.00 USD 2.50]: currency mismatch
}

func ExampleMoney_Scale() {
	fee := contract.MustParseMoney("EUR 999.99")
	for _, mode := range []contract.RoundingMode{contract.HalfEven, contract.HalfUp, contract.Down} {
		credit, _ := fee.Scale(contract.MustParseShare("12.5%"), mode) // 12 499.875 cents
		fmt.Println(mode, credit)
	}
	third, _ := fee.Scale(contract.MustParseShare("1/3"), contract.HalfEven) // 33 333 cents exactly
	bp, _ := fee.Scale(contract.BasisPoints(25), contract.HalfEven)          // 249.9975 cents
	fmt.Println(third, bp)
	// Output:
	// half-even EUR 125.00
	// half-up EUR 125.00
	// down EUR 124.99
	// EUR 333.33 EUR 2.50
}

func ExampleMoney_Split() {
	parts, _ := contract.MustParseMoney("EUR 100.00").Split(3)
	fmt.Println(parts)
	byHours, _ := contract.MustParseMoney("EUR 100.00").Allocate([]int64{1, 6})
	fmt.Println(byHours)
	// Output:
	// [EUR 33.34 EUR 33.33 EUR 33.33]
	// [EUR 14.29 EUR 85.71]
}

func ExampleMoney_MarshalText() {
	b, _ := json.Marshal(map[string]contract.Money{"fee": contract.MustParseMoney("EUR 1234.5")})
	fmt.Println(string(b))
	// Output:
	// {"fee":"EUR 1234.50"}
}
