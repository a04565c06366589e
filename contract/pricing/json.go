package pricing

import (
	"errors"
	"strings"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/internal/jsonpath"
)

// MaxTiers is the largest number of tiers of a [PayPerUse] read from
// JSON; more is an error wrapping [availability.ErrLimit].
const MaxTiers = 100

// strict returns the decoder of typ's JSON: unknown and missing keys are
// errors wrapping ErrSyntax, nested values' errors move to their path.
func strict(typ string, required ...string) *jsonpath.Decoder {
	return &jsonpath.Decoder{
		Required: required,
		Err: func(is jsonpath.Issue) error {
			sentinel := ErrSyntax
			if is.Kind == jsonpath.ErrLimit {
				sentinel = availability.ErrLimit
			}
			return &availability.InputError{Func: "pricing." + typ + ".UnmarshalJSON", Field: is.Path, Value: is.Value, Reason: is.Reason, Err: sentinel, Cause: is.Kind}
		},
		Nest: func(path string, err error, text bool) []error {
			var out []error
			for _, e := range jsonpath.Flatten(err) {
				if ie, ok := e.(*availability.InputError); ok {
					c := *ie
					c.Field = path
					if !text {
						c.Field = jsonpath.Join(path, ie.Field)
					}
					out = append(out, &c)
					continue
				}
				v, r := jsonpath.Reason(e)
				out = append(out, &availability.InputError{Func: "pricing." + typ + ".UnmarshalJSON", Field: path, Value: v, Reason: r, Err: ErrSyntax, Cause: e})
			}
			return out
		},
	}
}

// jsonFields turns the Go field paths of this package's errors
// ("HourlyRate.Increment", Func "pricing") into JSON paths relative to the
// decoded value ("increment").
func jsonFields(err error, typ string) []error {
	var out []error
	for _, e := range jsonpath.Flatten(err) {
		ie, ok := e.(*availability.InputError)
		if !ok || ie.Func != "pricing" {
			out = append(out, e)
			continue
		}
		c := *ie
		t, field, _ := strings.Cut(c.Field, ".")
		if typ != "" && t != typ {
			field = c.Field
		}
		parts := strings.Split(field, ".")
		for i, p := range parts {
			if p != "" {
				parts[i] = strings.ToLower(p[:1]) + p[1:]
			}
		}
		c.Field = strings.Join(parts, ".")
		out = append(out, &c)
	}
	return out
}

func decodeStrict(typ string, b []byte, v any, required ...string) error {
	d := strict(typ, required...)
	if typ == "PayPerUse" {
		d.Limits.Items = MaxTiers
	}
	return errors.Join(d.Decode(b, v)...)
}

type (
	timeAndMaterialsFields TimeAndMaterials
	breakFixFields         BreakFix
	fixedPriceFields       FixedPrice
	payPerUseFields        PayPerUse
	noContractFields       NoContract
	tierFields             Tier
	demandFields           DemandProfile
)

// UnmarshalJSON decodes the model strictly: "rate" is required and other
// keys than its fields' are errors. It does not validate.
func (m *TimeAndMaterials) UnmarshalJSON(b []byte) error {
	return decodeStrict("TimeAndMaterials", b, (*timeAndMaterialsFields)(m), "rate")
}

// UnmarshalJSON decodes the model strictly: "rate" is required and other
// keys than its fields' are errors. It does not validate.
func (m *BreakFix) UnmarshalJSON(b []byte) error {
	return decodeStrict("BreakFix", b, (*breakFixFields)(m), "rate")
}

// UnmarshalJSON decodes the model strictly: "price" is required and other
// keys than its fields' are errors. It does not validate.
func (m *FixedPrice) UnmarshalJSON(b []byte) error {
	return decodeStrict("FixedPrice", b, (*fixedPriceFields)(m), "price")
}

// UnmarshalJSON decodes the model strictly: "tiers" is required (at most
// [MaxTiers]), each with "above" and "unitPrice", and other keys are
// errors. It does not validate.
func (m *PayPerUse) UnmarshalJSON(b []byte) error {
	return decodeStrict("PayPerUse", b, (*payPerUseFields)(m), "tiers")
}

// UnmarshalJSON decodes the tier strictly: both keys are required.
func (t *Tier) UnmarshalJSON(b []byte) error {
	return decodeStrict("Tier", b, (*tierFields)(t), "above", "unitPrice")
}

// UnmarshalJSON decodes the model strictly: other keys than its fields'
// are errors. It does not validate.
func (m *NoContract) UnmarshalJSON(b []byte) error {
	return decodeStrict("NoContract", b, (*noContractFields)(m))
}

// UnmarshalJSON decodes the profile strictly: "incidentsPerYear" and
// "hoursPerIncident" are required and other keys are errors. It does not
// validate; [DemandProfile.Validate] does.
func (p *DemandProfile) UnmarshalJSON(b []byte) error {
	return decodeStrict("DemandProfile", b, (*demandFields)(p), "incidentsPerYear", "hoursPerIncident")
}
