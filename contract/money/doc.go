// Package money holds amounts of money and how they are rounded and
// shared: the arithmetic a contract's fees, credits and penalties need,
// exact to the minor unit.
//
// Every amount is a [Money]: an integer number of a currency's minor units.
// No float64 holds money anywhere in the package, every rounding is a
// [RoundingMode] passed as a value, and arithmetic reports overflow and
// mixed currencies as errors instead of wrapping or guessing.
//
// # Money
//
// A [Money] is created from minor units with [NewMoney] or parsed with
// [ParseMoney] from its text form, the currency code and a decimal number:
//
//	fee := money.MustParseMoney("EUR 1234.50") // 123450 cents
//
// [Money.String] always writes the canonical form ("EUR 1234.50",
// "JPY 1234", "KWD 1.250"), which [ParseMoney] reads back to the same value;
// the parser also accepts thousands separators ("EUR 1,234.50"), an
// explicit plus sign and fewer fraction digits than the currency has, but
// never more. Money marshals to JSON as that string.
//
// A [Currency] is an ISO 4217 code; the table of known codes and their
// minor-unit digits (2 for EUR, 0 for JPY, 3 for KWD) follows ISO 4217
// List One.
//
// [Money.Add], [Money.Sub], [Money.Neg], [Money.Abs], [Money.Mul] and
// [Money.Cmp] return [ErrCurrencyMismatch] for operands in different
// currencies and [ErrOverflow] when a result leaves the int64 range.
//
// # Rounding and shares
//
// A [Share] is an exact proportion — a percentage ([Percent], "12.5%"),
// basis points ([BasisPoints], "25bp") or a fraction ([Ratio], "1/3") —
// stored as a reduced fraction of int64s. [Money.Scale] multiplies an
// amount by a share exactly and rounds once, with the [RoundingMode] given:
// [HalfEven] (the zero value), [HalfUp], [HalfDown], [Up], [Down],
// [Ceiling] or [Floor].
//
//	credit, err := fee.Scale(money.MustParseShare("12.5%"), money.HalfEven)
//
// # Splitting
//
// [Money.Split] divides an amount into equal parts and [Money.Allocate]
// into parts proportional to weights. The parts always add up to the
// amount exactly: the minor units left over by rounding go, one each, to
// the first parts ([Money.Split]) or to the parts with the largest
// remainders ([Money.Allocate], largest-remainder method).
//
// # Errors
//
// Text that does not parse and parameters out of range are reported as
// [*availability.InputError], the module's one error type for rejected
// input, naming the function and the input; operations that cannot be
// done are an [*ArithmeticError] naming the operation and its operands.
// Every error wraps a sentinel for [errors.Is]: [ErrSyntax] and [ErrRange]
// (the same values as availability's), [ErrUnknownCurrency],
// [ErrPrecision], [ErrCurrencyMismatch] or [ErrOverflow]. Nothing panics
// on data; only the Must functions, meant for literals, panic.
package money
