package sla_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/slacalc/slacalc/sla"
)

// FuzzJSON decodes arbitrary documents as each JSON type of the package
// (chosen by kind): no panic, and a value that decodes encodes to a form
// that decodes and encodes to the same bytes.
func FuzzJSON(f *testing.F) {
	cal, err := os.ReadFile("testdata/calendar.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(uint8(0), cal)
	for _, s := range []struct {
		kind uint8
		json string
	}{
		{1, `{"target": "99.9%", "period": "month", "calendar": {"zone": "Europe/Amsterdam", "hours": [{"day": "Monday", "from": "09:00", "to": "17:00"}]}, "rules": {"minOutage": "1m"}}`},
		{1, `{"target": "99%", "period": "window", "window": "672h"}`},
		{2, `{"exclude": ["planned"], "scopes": ["eu"], "slice": "5m", "sliceThreshold": 0.1, "proportional": true}`},
		{3, `{"id": "a", "start": "2027-01-01T00:00:00Z", "end": "2027-01-01T01:00:00Z", "kind": "planned", "errorRate": 0.5}`},
		{4, `{"business": "4h"}`},
		{4, `{"workingDays": 2}`},
		{5, `{"priority": "P1", "respond": {"business": "1h"}, "resolve": {"workingDays": 1}}`},
		{6, `{"unit": "month", "start": "2027-01-01T00:00:00Z", "end": "2027-02-01T00:00:00Z", "zone": "UTC"}`},
		{7, `{"day": "Monday", "from": "09:00", "to": "24:00"}`},
		{0, `{}`}, {0, `null`}, {1, `{"target": "99%", "period": "month", "target": "98%"}`},
	} {
		f.Add(s.kind, []byte(s.json))
	}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		v := newJSONValue(kind)
		if json.Unmarshal(data, v) != nil {
			return
		}
		enc1, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("decoded value does not encode: %v", err)
		}
		w := newJSONValue(kind)
		if err := json.Unmarshal(enc1, w); err != nil {
			t.Fatalf("encoded value does not decode: %v\n%s", err, enc1)
		}
		enc2, err := json.Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(enc1, enc2) {
			t.Fatalf("decode → encode is not stable:\n%s\n%s", enc1, enc2)
		}
	})
}

func newJSONValue(kind uint8) any {
	switch kind % 8 {
	case 1:
		return new(sla.Objective)
	case 2:
		return new(sla.CountingRules)
	case 3:
		return new(sla.Outage)
	case 4:
		return new(sla.Target)
	case 5:
		return new(sla.PriorityTargets)
	case 6:
		return new(sla.Period)
	case 7:
		return new(sla.Hours)
	}
	return new(sla.Calendar)
}
