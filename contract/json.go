package contract

import (
	"errors"
	"strings"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/internal/jsonpath"
)

// MaxTiers is the largest number of tiers a credit schedule read from JSON
// may have; more is an error wrapping [availability.ErrLimit].
const MaxTiers = 100

// termsRequired are the keys terms must have, as paths from the terms.
var termsRequired = []string{
	"effective", "fee", "objective", "credits",
	"support.priorities[].priority",
	"obligations[].id", "obligations[].text",
}

// strict returns the decoder of typ's JSON: unknown and missing keys are
// errors wrapping ErrSyntax, nested values' errors move to their path.
func strict(typ string, required ...string) *jsonpath.Decoder {
	return &jsonpath.Decoder{
		Required: required,
		Err: func(is jsonpath.Issue) error {
			sentinel := money.ErrSyntax
			if is.Kind == jsonpath.ErrLimit {
				sentinel = availability.ErrLimit
			}
			return &availability.InputError{Func: "contract." + typ + ".UnmarshalJSON", Field: is.Path, Value: is.Value, Reason: is.Reason, Err: sentinel, Cause: is.Kind}
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
				out = append(out, &availability.InputError{Func: "contract." + typ + ".UnmarshalJSON", Field: path, Value: v, Reason: r, Err: money.ErrSyntax, Cause: e})
			}
			return out
		},
	}
}

// jsonFields turns the Go field paths of this package's validation errors
// ("Terms.Credits.Tiers[2].Upper", Func "contract") into JSON paths
// relative to the decoded value ("credits.tiers[2].upper"); typ is the Go
// type they are reported under, "" for any.
func jsonFields(err error, typ string) []error {
	var out []error
	for _, e := range jsonpath.Flatten(err) {
		ie, ok := e.(*availability.InputError)
		if !ok || ie.Func != "contract" {
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

// decodeTerms decodes and validates terms, every problem at its JSON path.
func decodeTerms(b []byte) (Terms, error) {
	var v termsFields
	if errs := strict("Terms", termsRequired...).Decode(b, &v); len(errs) > 0 {
		return Terms{}, errors.Join(errs...)
	}
	if err := Terms(v).Validate(); err != nil {
		return Terms{}, errors.Join(jsonFields(err, "Terms")...)
	}
	return Terms(v), nil
}

// scheduleFields is CreditSchedule without its methods.
type scheduleFields CreditSchedule

// UnmarshalJSON decodes a schedule: tiers (at most [MaxTiers]) or a
// pro-rata rule, and other keys than those of its fields are errors. The
// schedule is validated with the terms that hold it, which know the
// currency (and require tiers or a rule).
func (s *CreditSchedule) UnmarshalJSON(b []byte) error {
	var v scheduleFields
	d := strict("CreditSchedule")
	d.Limits.Items = MaxTiers
	if errs := d.Decode(b, &v); len(errs) > 0 {
		return errors.Join(errs...)
	}
	if len(v.Tiers) == 0 && v.ProRata.IsZero() && v.PerDowntime.IsZero() {
		return &availability.InputError{Func: "contract.CreditSchedule.UnmarshalJSON", Reason: "needs tiers, a proRata rule or a perDowntime rate", Err: money.ErrSyntax, Cause: jsonpath.ErrMissing}
	}
	*s = CreditSchedule(v)
	return nil
}

// decodeTier decodes a credit tier, every key required.
func decodeTier(b []byte) (CreditTier, error) {
	var j tierJSON
	errs := strict("CreditTier", "upper", "lower", "credit").Decode(b, &j)
	if len(errs) > 0 {
		return CreditTier{}, errors.Join(errs...)
	}
	var t CreditTier
	var err error
	if t.Upper, err = parseBound(j.Upper, true); err != nil {
		errs = append(errs, atField(err, "upper"))
	}
	if t.Lower, err = parseBound(j.Lower, false); err != nil {
		errs = append(errs, atField(err, "lower"))
	}
	t.Credit = j.Credit
	return t, errors.Join(errs...)
}

// atField puts a parse error at field.
func atField(err error, field string) error {
	if ie, ok := err.(*availability.InputError); ok && ie.Field == "" {
		c := *ie
		c.Field = field
		return &c
	}
	return err
}

// decodeExclusions decodes exclusions strictly.
func decodeExclusions(b []byte) (Exclusions, error) {
	var j exclusionsJSON
	if errs := strict("Exclusions").Decode(b, &j); len(errs) > 0 {
		return Exclusions{}, errors.Join(errs...)
	}
	d, err := parseDuration("Exclusions", "PlannedNotice", j.PlannedNotice)
	if err != nil {
		return Exclusions{}, errors.Join(jsonFields(err, "Exclusions")...)
	}
	return Exclusions{j.Planned, d, j.CustomerCaused, j.ForceMajeure, j.ThirdParty}, nil
}

// supplierFields is Supplier without its methods.
type supplierFields Supplier

// UnmarshalJSON decodes a supplier strictly: "name", "terms" and
// "components" are required and other keys are errors; the terms are
// decoded and validated as [Terms.UnmarshalJSON] does.
func (s *Supplier) UnmarshalJSON(b []byte) error {
	var v supplierFields
	if errs := strict("Supplier", "name", "terms", "components").Decode(b, &v); len(errs) > 0 {
		return errors.Join(errs...)
	}
	*s = Supplier(v)
	return nil
}
