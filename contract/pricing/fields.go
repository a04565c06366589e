package pricing

import (
	"strconv"
	"time"

	"github.com/slacalc/slacalc/contract/money"
)

// durationText writes a duration for JSON: "" for zero.
func durationText(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

// parseDuration reads a Go duration string for a field; "" is zero.
func parseDuration(typ, field, s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fieldErr(typ, field, strconv.Quote(s), "is not a Go duration", ErrSyntax)
	}
	return d, nil
}

// mustRatio is money.Ratio for operands known to be valid (a positive
// denominator).
func mustRatio(num, den int64) money.Share {
	s, err := money.Ratio(num, den)
	if err != nil {
		panic(err)
	}
	return s
}

// amountText is m as text, "unset" for the zero Money.
func amountText(m money.Money) string {
	if m == (money.Money{}) {
		return "unset"
	}
	return m.String()
}
