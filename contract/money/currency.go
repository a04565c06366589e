package money

// Currency is an ISO 4217 alphabetic currency code such as "EUR".
//
// A Currency is a plain string so that codes can be written as constants and
// compared with ==; whether a code is known is checked where it matters, by
// [NewMoney], [ParseMoney] and [ParseCurrency], which reject codes that are
// not in the package's table with [ErrUnknownCurrency]. The zero Currency ""
// is "no currency".
type Currency string

// Currencies used in examples and tests. Any code in the table can be used,
// with or without a constant.
const (
	EUR Currency = "EUR" // euro, 2 minor digits
	USD Currency = "USD" // US dollar, 2 minor digits
	GBP Currency = "GBP" // pound sterling, 2 minor digits
	CHF Currency = "CHF" // Swiss franc, 2 minor digits
	JPY Currency = "JPY" // yen, 0 minor digits
	SEK Currency = "SEK" // Swedish krona, 2 minor digits
	KWD Currency = "KWD" // Kuwaiti dinar, 3 minor digits
)

// minorDigits is the number of digits after the decimal separator of each
// currency's minor unit, from ISO 4217 "List One: Currency, fund and
// precious metal codes", column "Minor unit", as published by SIX, the
// ISO 4217 maintenance agency:
// https://www.six-group.com/dam/download/financial-information/data-center/iso-currrency/lists/list-one.xml
// (the triple "r" is in the original address). Only currencies in
// circulation are listed; funds (except the two unidades de fomento with 4
// digits, CLF and UYW) and precious metals ("N.A.") are left out.
var minorDigits = map[Currency]int{
	"AED": 2, "ARS": 2, "AUD": 2, "BGN": 2, "BHD": 3, "BIF": 0, "BRL": 2,
	"CAD": 2, "CHF": 2, "CLF": 4, "CLP": 0, "CNY": 2, "COP": 2, "CZK": 2,
	"DJF": 0, "DKK": 2, "EGP": 2, "EUR": 2, "GBP": 2, "GNF": 0, "HKD": 2,
	"HUF": 2, "IDR": 2, "ILS": 2, "INR": 2, "IQD": 3, "ISK": 0, "JOD": 3,
	"JPY": 0, "KMF": 0, "KRW": 0, "KWD": 3, "LYD": 3, "MXN": 2, "MYR": 2,
	"NOK": 2, "NZD": 2, "OMR": 3, "PHP": 2, "PKR": 2, "PLN": 2, "PYG": 0,
	"QAR": 2, "RON": 2, "RSD": 2, "RWF": 0, "SAR": 2, "SEK": 2, "SGD": 2,
	"THB": 2, "TND": 3, "TRY": 2, "TWD": 2, "UAH": 2, "UGX": 0, "USD": 2,
	"UYW": 4, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0, "ZAR": 2,
}

// ParseCurrency returns the currency with the ISO 4217 code s. The code must
// be three upper-case letters and be in the package's table.
func ParseCurrency(s string) (Currency, error) {
	if len(s) != 3 || !isUpper(s[0]) || !isUpper(s[1]) || !isUpper(s[2]) {
		return "", parseErr("ParseCurrency", s, "a currency code is three upper-case letters", ErrSyntax)
	}
	c := Currency(s)
	if !c.Known() {
		return "", parseErr("ParseCurrency", s, "not an ISO 4217 code in the table", ErrUnknownCurrency)
	}
	return c, nil
}

func isUpper(b byte) bool { return 'A' <= b && b <= 'Z' }

// Known reports whether c is in the package's ISO 4217 table.
func (c Currency) Known() bool {
	_, ok := minorDigits[c]
	return ok
}

// MinorDigits returns the number of decimal digits of c's minor unit: 2 for
// EUR (cents), 0 for JPY, 3 for KWD. It returns -1 for an unknown currency.
func (c Currency) MinorDigits() int {
	d, ok := minorDigits[c]
	if !ok {
		return -1
	}
	return d
}

// String returns the code.
func (c Currency) String() string { return string(c) }

// pow10 holds 10ⁿ for the minor-unit digit counts in the table.
var pow10 = [...]int64{1, 10, 100, 1000, 10000}
