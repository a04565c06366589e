package sla

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/slacalc/slacalc/internal/jsonpath"
)

// nearestKey is the known key nearest to k, by the module's one edit
// distance (jsonpath.Nearest); it always names one.
func nearestKey(k string, known []string) string {
	best, _ := jsonpath.Nearest(k, known)
	return best
}

// checkKeys reports every key of the JSON object b that is not in known,
// with the nearest known key, under path ("holidays[2]"). A b that is not an
// object is left to the decoder that follows.
func checkKeys(fn, path string, b []byte, known []string) error {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	var errs []error
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if slices.Contains(known, k) {
			continue
		}
		field := k
		if path != "" {
			field = path + "." + k
		}
		errs = append(errs, inputErr(fn, field, "", "is not a known key; did you mean "+strconv.Quote(nearestKey(k, known))+"?", ErrSyntax))
	}
	if len(errs) > 0 {
		return joinCapped(fn, errs, 0)
	}
	return nil
}

// holidayList is a calendar's holidays in JSON: holiday objects and preset
// references {"preset":"NL"}, which stand for the preset's rules in order.
type holidayList []Holiday

// MarshalJSON writes every run of holidays that equals a preset's list as
// a reference to that preset, and the rest as holiday objects.
func (l holidayList) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i := 0; i < len(l); {
		if i > 0 {
			buf.WriteByte(',')
		}
		if name, n := presetAt(l[i:]); n > 0 {
			fmt.Fprintf(&buf, `{"preset":%q}`, name)
			i += n
			continue
		}
		b, err := l[i].MarshalJSON()
		if err != nil {
			return nil, err
		}
		buf.Write(b)
		i++
	}
	buf.WriteByte(']')
	return buf.Bytes(), nil
}

// decodeHolidays decodes a JSON array of holiday objects and preset
// references, reporting every problem with its index.
func decodeHolidays(fn, path string, b []byte) ([]Holiday, error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(b, &raws); err != nil {
		return nil, inputErr(fn, path, "", "is not an array of holidays: "+err.Error(), ErrSyntax)
	}
	var out []Holiday
	var errs []error
	for i, raw := range raws {
		p := fmt.Sprintf("%s[%d]", path, i)
		var ref struct {
			Preset *string `json:"preset"`
		}
		if json.Unmarshal(raw, &ref) == nil && ref.Preset != nil {
			if err := checkKeys(fn, p, raw, []string{"preset"}); err != nil {
				errs = append(errs, err)
				continue
			}
			hs, err := Preset(*ref.Preset)
			if err != nil {
				errs = append(errs, inputErr(fn, p+".preset", strconv.Quote(*ref.Preset), "is not a preset: one of "+presetNameList(), ErrHoliday))
				continue
			}
			out = append(out, hs...)
			continue
		}
		h, err := decodeHoliday(fn, p, raw)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, h)
	}
	if len(errs) > 0 {
		return nil, joinCapped(fn, errs, 0)
	}
	return out, nil
}
