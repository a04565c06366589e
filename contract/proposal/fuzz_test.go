package proposal_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/slacalc/slacalc/contract/proposal"
)

// FuzzLoad checks that no document makes the loader panic, that every
// error is made of *availability.InputErrors, and that an accepted proposal is valid
// and survives a round trip through MarshalJSON unchanged.
func FuzzLoad(f *testing.F) {
	webshop, err := os.ReadFile("testdata/webshop.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(webshop)
	f.Add([]byte(minimal))
	for _, s := range []string{
		``, `null`, `[]`, `{}`, `{"components": [{}]}`, `{"components": null}`,
		with(`"availability": "99.9%"`, `"availability": "101%"`),
		with(`"offer"`, `"suppliers": [{"name": "B", "components": ["net"]}], "offer"`),
		with(`"offer"`, `"demand": {"incidentsPerYear": -2, "hoursPerIncident": "fixed(2)"}, "models": [{"breakFix": {}}], "offer"`),
		with(`"offer"`, `"failures": {"app": {"mtbf": "1h", "mttr": "1h", "failureShape": 2, "repairSigma": 0.5, "maintenance": {"every": "720h", "duration": "1h"}}}, "offer"`),
		with(`"offer"`, `"simulation": {"years": 3, "seed": 1, "start": "2027-03", "zone": "Europe/Amsterdam"}, "offer"`),
		with(`"dependsOn": ["app", "net"]`, `"requires": "any", "dependsOn": ["app", "net", "svc"]`),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := proposal.Parse(data)
		if err != nil {
			if p != nil {
				t.Fatal("a proposal and an error")
			}
			fieldErrors(t, err)
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("accepted but invalid: %v", err)
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		q, err := proposal.Parse(b)
		if err != nil {
			t.Fatalf("round trip of %s: %v", b, err)
		}
		b2, err := json.Marshal(q)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, b2) {
			t.Fatalf("round trip changed\n%s\nto\n%s", b, b2)
		}
	})
}
