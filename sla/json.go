package sla

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/internal/jsonpath"
)

// strict returns the decoder of fn's JSON: unknown keys and missing
// required keys are errors wrapping ErrSyntax (and the kind of the
// jsonpath package), and errors of nested values are moved to their path.
func strict(fn string, required ...string) *jsonpath.Decoder {
	return &jsonpath.Decoder{
		Required: required,
		Err: func(is jsonpath.Issue) error {
			sentinel := ErrSyntax
			if is.Kind == jsonpath.ErrLimit {
				sentinel = availability.ErrLimit
			}
			return &availability.InputError{Func: "sla." + fn, Field: is.Path, Value: is.Value, Reason: is.Reason, Err: sentinel, Cause: is.Kind}
		},
		Nest: func(path string, err error, text bool) []error { return nest("sla."+fn, path, err, text) },
	}
}

// nest moves the problems of a nested value's err to path.
func nest(fn, path string, err error, text bool) []error {
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
		out = append(out, &availability.InputError{Func: fn, Field: path, Value: v, Reason: r, Err: ErrSyntax, Cause: e})
	}
	return out
}

// relative strips the prefix a validator puts before its field names
// ("objective."), so that the fields are relative to the decoded value.
func relative(err error, prefix string) []error {
	var out []error
	for _, e := range jsonpath.Flatten(err) {
		var ie *availability.InputError
		if errors.As(e, &ie) && e == error(ie) {
			c := *ie
			c.Field = strings.TrimPrefix(strings.TrimPrefix(c.Field, prefix), ".")
			if c.Field == strings.TrimSuffix(prefix, ".") {
				c.Field = ""
			}
			e = &c
		}
		out = append(out, e)
	}
	return out
}

// weekdayHint suggests the weekday nearest to s: `; did you mean "Monday"?`.
func weekdayHint(s string) string {
	names := make([]string, 7)
	for d := time.Sunday; d <= time.Saturday; d++ {
		names[d] = d.String()
	}
	if n, ok := jsonpath.Nearest(s, names); ok {
		return "; did you mean " + strconv.Quote(n) + "?"
	}
	return ""
}

// ruleKeys are the keys each holiday rule needs: a rule without its date
// fields is an error, never a default (an easter rule without "offset"
// is not Easter Sunday).
var ruleKeys = map[string][]string{"date": {"date"}, "annual": {"month", "day"}, "easter": {"offset"}, "nth-weekday": {"month", "nth", "weekday"}}

// holidayFieldsMissing reports the required keys missing from the holiday
// objects of a calendar's list, at "holidays[i].key".
func holidayFieldsMissing(fn string, list []byte) []error {
	var raws []json.RawMessage
	if json.Unmarshal(list, &raws) != nil {
		return nil // reported by decodeHolidays
	}
	var errs []error
	for i, raw := range raws {
		ms, err := jsonpath.Object(raw)
		if err != nil || jsonpath.Lookup(ms, "preset") != nil {
			continue
		}
		if jsonpath.Lookup(ms, "rule") == nil {
			errs = append(errs, &availability.InputError{Func: "sla." + fn, Field: "holidays" + jsonpath.Index(i),
				Reason: `needs "rule" or "preset"`, Err: ErrHoliday, Cause: jsonpath.ErrMissing})
			continue
		}
		var rule string
		if json.Unmarshal(jsonpath.Lookup(ms, "rule"), &rule) != nil {
			continue
		}
		for _, k := range ruleKeys[rule] {
			if jsonpath.Lookup(ms, k) == nil {
				errs = append(errs, &availability.InputError{Func: "sla." + fn, Field: "holidays" + jsonpath.Index(i) + "." + k,
					Reason: "is required by the rule " + strconv.Quote(rule), Err: ErrHoliday, Cause: jsonpath.ErrMissing})
			}
		}
	}
	return errs
}

// withoutFollowers returns missing and those of errs that do not follow
// from a missing key: of a holiday with a missing key, only its unknown
// keys are kept, which say what was meant.
func withoutFollowers(errs, missing []error) []error {
	out := slices.Clone(missing)
	for _, e := range errs {
		ie, ok := e.(*availability.InputError)
		keep := true
		for _, m := range missing {
			holiday, _, _ := strings.Cut(m.(*availability.InputError).Field, ".")
			if ok && (ie.Field == holiday || strings.HasPrefix(ie.Field, holiday+".")) && !strings.HasPrefix(ie.Reason, "is not a known key") {
				keep = false
			}
		}
		if keep {
			out = append(out, e)
		}
	}
	return out
}

// intervalFields is Interval without its methods.
type intervalFields Interval

// UnmarshalJSON decodes {"start": …, "end": …} in RFC 3339; both keys are
// required and other keys are errors.
func (iv *Interval) UnmarshalJSON(b []byte) error {
	var v intervalFields
	if errs := strict("Interval.UnmarshalJSON", "start", "end").Decode(b, &v); len(errs) > 0 {
		return errors.Join(errs...)
	}
	*iv = Interval(v)
	return nil
}

// withEasterOffsets writes "offset":0 into the easter holidays of a JSON
// list that leave it out (Easter Sunday itself), since a calendar requires
// every rule's date fields.
func withEasterOffsets(list []byte) []byte {
	var raws []json.RawMessage
	if json.Unmarshal(list, &raws) != nil {
		return list
	}
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i, raw := range raws {
		if i > 0 {
			buf.WriteByte(',')
		}
		ms, err := jsonpath.Object(raw)
		if err != nil || string(jsonpath.Lookup(ms, "rule")) != `"easter"` || jsonpath.Lookup(ms, "offset") != nil {
			buf.Write(raw)
			continue
		}
		buf.WriteByte('{')
		for k, m := range ms {
			if k > 0 {
				buf.WriteByte(',')
			}
			key, _ := json.Marshal(m.Key)
			buf.Write(key)
			buf.WriteByte(':')
			buf.Write(m.Value)
			if m.Key == "rule" {
				buf.WriteString(`,"offset":0`)
			}
		}
		buf.WriteByte('}')
	}
	buf.WriteByte(']')
	return buf.Bytes()
}
