package availability_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
)

const day = 24 * time.Hour

func TestConstructors(t *testing.T) {
	tests := []struct {
		name string
		got  func() (availability.Availability, error)
		want float64 // unavailability, exact float64 nearest to the decimal shown
	}{
		// The float64 nearest to each decimal: the constructors read their
		// argument as the decimal it was written as.
		{"percent 99.95", func() (availability.Availability, error) { return availability.FromPercent(99.95) }, 0.0005},
		{"percent 99.6", func() (availability.Availability, error) { return availability.FromPercent(99.6) }, 0.004},
		{"percent 12 nines", func() (availability.Availability, error) { return availability.FromPercent(99.9999999999) }, 1e-12},
		{"percent 0", func() (availability.Availability, error) { return availability.FromPercent(0) }, 1},
		{"percent 100", func() (availability.Availability, error) { return availability.FromPercent(100) }, 0},
		{"fraction 0.999", func() (availability.Availability, error) { return availability.FromFraction(0.999) }, 0.001},
		{"fraction 1-1e-15", func() (availability.Availability, error) { return availability.FromFraction(0.999999999999999) }, 1e-15},
		{"unavailability", func() (availability.Availability, error) { return availability.FromUnavailability(1e-300) }, 1e-300},
		// 10^-3 and 10^-3.5 by definition of nines.
		{"3 nines", func() (availability.Availability, error) { return availability.FromNines(3) }, 1e-3},
		{"3.5 nines", func() (availability.Availability, error) { return availability.FromNines(3.5) }, math.Pow(10, -3.5)},
		{"0 nines", func() (availability.Availability, error) { return availability.FromNines(0) }, 1},
		// MTTR/(MTBF+MTTR): 2h/(998h+2h) = 0.002.
		{"mtbf", func() (availability.Availability, error) { return availability.FromMTBF(998*time.Hour, 2*time.Hour) }, 0.002},
		{"mtbf no repair time", func() (availability.Availability, error) { return availability.FromMTBF(time.Hour, 0) }, 0},
		// 43m12s of a 30-day month is 2592 s / 2592000 s = 0.001.
		{"downtime", func() (availability.Availability, error) {
			return availability.FromDowntime(43*time.Minute+12*time.Second, 30*day)
		}, 0.001},
		{"downtime whole period", func() (availability.Availability, error) { return availability.FromDowntime(day, day) }, 1},
		// MTBF+MTTR overflows int64: 1/(1+1) exactly.
		{"mtbf overflow", func() (availability.Availability, error) {
			return availability.FromMTBF(math.MaxInt64, math.MaxInt64)
		}, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := tt.got()
			require.NoError(t, err)
			assert.Equal(t, tt.want, a.Unavailability())
		})
	}
}

func TestConstructorErrors(t *testing.T) {
	tests := []struct {
		name     string
		got      func() (availability.Availability, error)
		sentinel error
		msg      string
	}{
		{"percent NaN", func() (availability.Availability, error) { return availability.FromPercent(math.NaN()) }, availability.ErrRange,
			"availability.FromPercent: percent: NaN is not a number"},
		{"percent +Inf", func() (availability.Availability, error) { return availability.FromPercent(math.Inf(1)) }, availability.ErrRange,
			"availability.FromPercent: percent: +Inf is not finite"},
		{"percent 101", func() (availability.Availability, error) { return availability.FromPercent(101) }, availability.ErrRange,
			"availability.FromPercent: percent: 101% is above 100%"},
		{"percent -1", func() (availability.Availability, error) { return availability.FromPercent(-1) }, availability.ErrRange,
			"availability.FromPercent: percent: -1% is below 0%"},
		{"fraction 1.5", func() (availability.Availability, error) { return availability.FromFraction(1.5) }, availability.ErrRange,
			"availability.FromFraction: fraction: 1.5 is above 1"},
		{"fraction -Inf", func() (availability.Availability, error) { return availability.FromFraction(math.Inf(-1)) }, availability.ErrRange,
			"availability.FromFraction: fraction: -Inf is not finite"},
		{"unavailability -0.1", func() (availability.Availability, error) { return availability.FromUnavailability(-0.1) }, availability.ErrRange,
			"availability.FromUnavailability: unavailability: -0.1 is below 0"},
		{"nines -1", func() (availability.Availability, error) { return availability.FromNines(-1) }, availability.ErrRange,
			"availability.FromNines: nines: -1 is below 0"},
		{"nines Inf", func() (availability.Availability, error) { return availability.FromNines(math.Inf(1)) }, availability.ErrRange,
			"availability.FromNines: nines: +Inf is not finite"},
		{"mtbf 0", func() (availability.Availability, error) { return availability.FromMTBF(0, time.Hour) }, availability.ErrDuration,
			"availability.FromMTBF: mtbf: 0s is not positive"},
		{"mttr negative", func() (availability.Availability, error) { return availability.FromMTBF(time.Hour, -time.Second) }, availability.ErrDuration,
			"availability.FromMTBF: mttr: -1s is negative"},
		{"period 0", func() (availability.Availability, error) { return availability.FromDowntime(0, 0) }, availability.ErrDuration,
			"availability.FromDowntime: period: 0s is not positive"},
		{"downtime negative", func() (availability.Availability, error) { return availability.FromDowntime(-time.Second, day) }, availability.ErrDuration,
			"availability.FromDowntime: downtime: -1s is negative"},
		{"downtime too long", func() (availability.Availability, error) { return availability.FromDowntime(25*time.Hour, day) }, availability.ErrDuration,
			"availability.FromDowntime: downtime: 25h0m0s is longer than the period 24h0m0s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.got()
			require.ErrorIs(t, err, tt.sentinel)
			var ie *availability.InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tt.msg, err.Error())
		})
	}
}

func TestMustPanics(t *testing.T) {
	assert.Panics(t, func() { availability.Must(availability.FromPercent(200)) })
	assert.Panics(t, func() { availability.MustParse("abc") })
	assert.Equal(t, availability.Perfect, availability.Must(availability.FromPercent(100)))
}

func TestAccessors(t *testing.T) {
	a := availability.MustParse("99.9%")
	// Exact values of the float64 nearest to 0.001 and derived quantities.
	assert.Equal(t, 0.001, a.Unavailability())
	assert.InDelta(t, 0.999, a.Fraction(), 1e-16)
	assert.InDelta(t, 99.9, a.Percent(), 1e-13)
	assert.InDelta(t, 3, a.Nines(), 1e-15)
	assert.True(t, math.IsInf(availability.Perfect.Nines(), 1))
	assert.Equal(t, 0.0, availability.Never.Nines())

	// Allowed downtime, by hand: 0.001 × 30 d = 2592 s = 43m12s;
	// 0.001 × 365 d = 31536 s = 8h45m36s; 0.001 × 31 d = 2678.4 s = 44m38.4s;
	// a mean Gregorian month is 365.2425 d / 12 = 30.436875 d = 2629746 s, so
	// 0.001 of it is 2629.746 s = 43m49.746s.
	tests := []struct {
		period time.Duration
		want   time.Duration
	}{
		{30 * day, 43*time.Minute + 12*time.Second},
		{365 * day, 8*time.Hour + 45*time.Minute + 36*time.Second},
		{31 * day, 44*time.Minute + 38*time.Second + 400*time.Millisecond},
		{2629746 * time.Second, 43*time.Minute + 49*time.Second + 746*time.Millisecond},
		{0, 0},
		{-30 * day, -(43*time.Minute + 12*time.Second)},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, a.Downtime(tt.period), "period %v", tt.period)
		assert.Equal(t, tt.period-tt.want, a.Uptime(tt.period), "period %v", tt.period)
	}
	assert.Equal(t, day, availability.Never.Downtime(day))
	assert.Equal(t, time.Duration(0), availability.Perfect.Downtime(day))
	// Half a nanosecond rounds away from zero: 0.5 × 1 ns.
	half := availability.Must(availability.FromUnavailability(0.5))
	assert.Equal(t, time.Duration(1), half.Downtime(1))
	assert.Equal(t, time.Duration(-1), half.Downtime(-1))
	// The largest period: U = 0.5 of MaxInt64 ns is 4611686018427387903.5 → …904.
	assert.Equal(t, time.Duration(4611686018427387904), half.Downtime(math.MaxInt64))
}

func TestCompare(t *testing.T) {
	lo, hi := availability.MustParse("99%"), availability.MustParse("99.9%")
	assert.Equal(t, -1, lo.Compare(hi))
	assert.Equal(t, 1, hi.Compare(lo))
	assert.Equal(t, 0, hi.Compare(availability.MustParse("0.999")))
	assert.True(t, hi == availability.MustParse("0.999"), "comparable with ==")
}

func TestString(t *testing.T) {
	tests := []struct {
		in   availability.Availability
		want string
	}{
		{availability.MustParse("99.95%"), "99.95%"},
		{availability.MustParse("98.604%"), "98.604%"},
		{availability.MustParse("99.9999999999%"), "99.9999999999%"},
		{availability.Perfect, "100%"},
		{availability.Never, "0%"},
		{availability.Must(availability.FromUnavailability(1e-15)), "99.9999999999999%"},
		// U = 1/3 to 12 significant digits is 0.333333333333; 100·(1−U).
		{availability.Must(availability.FromUnavailability(1.0 / 3)), "66.6666666667%"},
		// U = 10^−3.5 = 3.16227766016838e−4 → 3.16227766017e−4; 100·(1−U).
		{availability.Must(availability.FromNines(3.5)), "99.9683772233983%"},
		// 0.99 × 0.996 in float64 arithmetic carries noise in the 17th digit;
		// String must not show it.
		{availability.Must(availability.FromFraction(0.99 * 0.996)), "98.604%"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.in.String())
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want float64 // unavailability
	}{
		{"99.95%", 0.0005},
		{" 99.95 % ", 0.0005},
		{"0.9995", 0.0005},
		{"9.995e-1", 0.0005},
		{"9995E-2%", 0.0005},
		{"100%", 0},
		{"1", 0},
		{"0", 1},
		{"0%", 1},
		{".5", 0.5},
		{"50.%", 0.5},
		{"99.9999999999%", 1e-12},
		{"99.9999999999999%", 1e-15},
	}
	for _, tt := range tests {
		a, err := availability.Parse(tt.in)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, a.Unavailability(), tt.in)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in       string
		sentinel error
		msg      string
	}{
		{"", availability.ErrSyntax, `availability.Parse: text: "" has no number`},
		{"%", availability.ErrSyntax, `availability.Parse: text: "%" has no number`},
		{"abc", availability.ErrSyntax, `availability.Parse: text: "abc" is not a decimal number`},
		{"-1%", availability.ErrSyntax, `availability.Parse: text: "-1%" is not a decimal number`},
		{"+99%", availability.ErrSyntax, `availability.Parse: text: "+99%" is not a decimal number`},
		{"NaN", availability.ErrSyntax, `availability.Parse: text: "NaN" is not a decimal number`},
		{"Inf", availability.ErrSyntax, `availability.Parse: text: "Inf" is not a decimal number`},
		{"0x1p-2", availability.ErrSyntax, `availability.Parse: text: "0x1p-2" is not a decimal number`},
		{"1_0%", availability.ErrSyntax, `availability.Parse: text: "1_0%" is not a decimal number`},
		{"1/2", availability.ErrSyntax, `availability.Parse: text: "1/2" is not a decimal number`},
		{"9e", availability.ErrSyntax, `availability.Parse: text: "9e" has an exponent without digits`},
		{"1e999999999", availability.ErrSyntax, `availability.Parse: text: "1e999999999" has an exponent beyond ±400`},
		{"99%%", availability.ErrSyntax, `availability.Parse: text: "99%%" is not a decimal number`},
		{"101%", availability.ErrRange, `availability.Parse: text: "101%" is above 100%`},
		{"1.0000001", availability.ErrRange, `availability.Parse: text: "1.0000001" is above 1`},
	}
	for _, tt := range tests {
		_, err := availability.Parse(tt.in)
		require.ErrorIs(t, err, tt.sentinel, tt.in)
		assert.Equal(t, tt.msg, err.Error())
	}
	var a availability.Availability
	err := a.UnmarshalText([]byte("120%"))
	require.ErrorIs(t, err, availability.ErrRange)
	assert.Contains(t, err.Error(), "availability.UnmarshalText")
}

func TestTextRoundTrip(t *testing.T) {
	for _, u := range []float64{0, 1, 0.5, 1e-15, 1e-300, 5e-324, 0.01396, 1.0 / 3, math.Nextafter(1, 0), 0.1 + 0.2 - 0.3} {
		a := availability.Must(availability.FromUnavailability(u))
		text, err := a.MarshalText()
		require.NoError(t, err)
		var b availability.Availability
		require.NoError(t, b.UnmarshalText(text))
		assert.Equal(t, a, b, "u=%g text=%s", u, text)
	}
	// JSON uses the text form.
	type doc struct {
		Target availability.Availability `json:"target"`
	}
	data, err := json.Marshal(doc{Target: availability.MustParse("99.95%")})
	require.NoError(t, err)
	assert.Empty(t, cmp.Diff(`{"target":"99.95%"}`, string(data)))
	var d doc
	require.NoError(t, json.Unmarshal([]byte(`{"target":"0.999"}`), &d))
	assert.Equal(t, availability.MustParse("99.9%"), d.Target)
	err = json.Unmarshal([]byte(`{"target":"-5%"}`), &d)
	require.ErrorIs(t, err, availability.ErrSyntax)
	b, err := availability.MustParse("99.5%").AppendText([]byte("A="))
	require.NoError(t, err)
	assert.Equal(t, "A=99.5%", string(b))
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"99.95%", "0.9995", "100%", "0", "1e-1", "99.9999999999999%", " 50 %", "1e400", "1e-400",
		"9.9e1%", "", "%", "1.", ".1", "0x10", "NaN", "1e999999999999999999", "99,9%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := availability.Parse(s)
		if err != nil {
			var ie *availability.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("Parse(%q) error %v is not an *InputError", s, err)
			}
			return
		}
		u := a.Unavailability()
		if math.IsNaN(u) || u < 0 || u > 1 {
			t.Fatalf("Parse(%q) = unavailability %v", s, u)
		}
		text, err := a.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var b availability.Availability
		if err := b.UnmarshalText(text); err != nil {
			t.Fatalf("UnmarshalText(%q) of Parse(%q): %v", text, s, err)
		}
		if a != b {
			t.Fatalf("round trip of %q via %q: %v != %v", s, text, a, b)
		}
		_ = a.String()
	})
}

func FuzzUnmarshalText(f *testing.F) {
	for _, s := range []string{"99.95%", "0.5", "12.3456789%", "1e-2%", "7", "%99"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var a availability.Availability
		if err := a.UnmarshalText(data); err != nil {
			if a != (availability.Availability{}) {
				t.Fatalf("failed UnmarshalText(%q) changed the value", data)
			}
			return
		}
		text, _ := a.MarshalText()
		var b availability.Availability
		if err := b.UnmarshalText(text); err != nil || a != b {
			t.Fatalf("round trip of %q via %q: %v %v", data, text, b, err)
		}
	})
}

func TestAssumptionText(t *testing.T) {
	for _, as := range []availability.Assumption{availability.Independent, availability.WorstCase, availability.BestCase} {
		text, err := as.MarshalText()
		require.NoError(t, err)
		var back availability.Assumption
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, as, back)
	}
	assert.Equal(t, "worst-case", availability.WorstCase.String())
	assert.Equal(t, "Assumption(9)", availability.Assumption(9).String())
	_, err := availability.Assumption(9).MarshalText()
	require.ErrorIs(t, err, availability.ErrAssumption)
	var as availability.Assumption
	require.ErrorIs(t, as.UnmarshalText([]byte("pessimistic")), availability.ErrAssumption)
	_, err = availability.Assumption(7).Series(availability.Perfect)
	require.ErrorIs(t, err, availability.ErrAssumption)
}

func TestFromDowntimeCorrectlyRounded(t *testing.T) {
	// The fast path (both operands below 2^53 ns) and the big.Rat path must
	// agree with the exactly rounded quotient on random inputs.
	r := rand.New(rand.NewPCG(9, 9))
	for range 2000 {
		period := time.Duration(1 + r.Int64N(1<<62))
		if r.IntN(2) == 0 {
			period = time.Duration(1 + r.Int64N(1<<53))
		}
		down := time.Duration(r.Int64N(int64(period) + 1))
		a, err := availability.FromDowntime(down, period)
		require.NoError(t, err)
		want, _ := new(big.Rat).SetFrac64(int64(down), int64(period)).Float64()
		require.Equal(t, want, a.Unavailability(), "%d/%d", down, period)
	}
}
