package money_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/slacalc/slacalc/contract/money"
)

func ExampleParseMoney() {
	for _, s := range []string{"EUR 1,234.5", "JPY 1234", "KWD -0.125", "EUR 1.005", "EUR 1,23"} {
		m, err := money.ParseMoney(s)
		if err != nil {
			fmt.Println(errors.Is(err, money.ErrPrecision), err)
			continue
		}
		fmt.Println(m, m.MinorUnits())
	}
	// Output:
	// EUR 1234.50 123450
	// JPY 1234 1234
	// KWD -0.125 -125
	// true money.ParseMoney: "EUR 1.005": 3 fraction digits, EUR has 2
	// false money.ParseMoney: "EUR 1,23": has a decimal comma; the decimal separator is a point: did you mean "EUR 1.23"?
}

func ExampleMoney_Add() {
	a := money.MustParseMoney("EUR 10.00")
	sum, _ := a.Add(money.MustParseMoney("EUR 2.50"))
	fmt.Println(sum)
	_, err := a.Add(money.MustParseMoney("USD 2.50"))
	fmt.Println(err)
	// Output:
	// EUR 12.50
	// money: Add[EUR 10.00 USD 2.50]: currency mismatch
}

func ExampleMoney_Scale() {
	fee := money.MustParseMoney("EUR 999.99")
	for _, mode := range []money.RoundingMode{money.HalfEven, money.HalfUp, money.Down} {
		credit, _ := fee.Scale(money.MustParseShare("12.5%"), mode) // 12 499.875 cents
		fmt.Println(mode, credit)
	}
	third, _ := fee.Scale(money.MustParseShare("1/3"), money.HalfEven) // 33 333 cents exactly
	bp, _ := fee.Scale(money.BasisPoints(25), money.HalfEven)          // 249.9975 cents
	fmt.Println(third, bp)
	// Output:
	// half-even EUR 125.00
	// half-up EUR 125.00
	// down EUR 124.99
	// EUR 333.33 EUR 2.50
}

func ExampleMoney_Split() {
	parts, _ := money.MustParseMoney("EUR 100.00").Split(3)
	fmt.Println(parts)
	byHours, _ := money.MustParseMoney("EUR 100.00").Allocate([]int64{1, 6})
	fmt.Println(byHours)
	// Output:
	// [EUR 33.34 EUR 33.33 EUR 33.33]
	// [EUR 14.29 EUR 85.71]
}

func ExampleMoney_MarshalText() {
	b, _ := json.Marshal(map[string]money.Money{"fee": money.MustParseMoney("EUR 1234.5")})
	fmt.Println(string(b))
	// Output:
	// {"fee":"EUR 1234.50"}
}
