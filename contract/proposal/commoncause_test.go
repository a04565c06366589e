package proposal_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/proposal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCommonCausesInJSON: the web shop with its two web servers sharing a
// zone, 10% of their failures common. With q = 0.005 each: q_c = 0.0005,
// q_i = 0.0045/0.9995, the pair is down with q_c + q_i²·(1 − q_c) =
// 0.0005 + 0.00002025/0.9995 = 0.000520260130…; the shop is 1 − 0.9998 ×
// 0.9999 × (1 − 0.00052026013) × 0.9995, against 99.9175% without it.
func TestCommonCausesInJSON(t *testing.T) {
	data, err := os.ReadFile("testdata/webshop.json")
	require.NoError(t, err)
	doc := strings.Replace(string(data), `"components": [`, `"commonCauses": [{"name": "zone", "beta": "10%", "members": ["web1", "web2"]}],
  "components": [`, 1)
	p, err := proposal.Parse([]byte(doc))
	require.NoError(t, err)
	require.Len(t, p.CommonCauses, 1)
	assert.Equal(t, 0.1, p.CommonCauses[0].Beta)
	v, err := p.Verdict(context.Background(), availability.Independent)
	require.NoError(t, err)
	pair := 0.0005 + 0.00002025/0.9995
	want := 1 - 0.9998*0.9999*(1-pair)*0.9995
	assert.InDelta(t, want, v.Composite.Unavailability(), 1e-15)

	// The proposal writes the groups back and reads them to the same value;
	// the graph it writes is the one as written, without the common node.
	out, err := p.MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(out), `"beta":"10%"`)
	assert.NotContains(t, string(out), "ccf:zone")
	back, err := proposal.Parse(out)
	require.NoError(t, err)
	assert.Equal(t, p.CommonCauses, back.CommonCauses)

	// Problems are reported at their paths.
	bad := strings.Replace(string(data), `"components": [`, `"commonCauses": [{"name": "zone", "beta": "150%", "members": ["web1", "db"]}, {"name": "x", "members": ["web1", "web2"]}],
  "components": [`, 1)
	_, err = proposal.Parse([]byte(bad))
	require.Error(t, err)
	for _, want := range []string{"commonCauses[0].beta: 1.5 is outside [0, 1]", `commonCauses[0].members[1]: "db" has another availability`, "commonCauses[1].beta: is required"} {
		assert.Contains(t, err.Error(), want)
	}
}

// TestCommonCauseSensitivity checks the report's table for the web shop's
// web pair (q = 0.005 each) against the closed form of the beta-factor
// model: the pair is down with q_c + (q − q_c)²/(1 − q_c), q_c = β·q, and
// the shop is 1 − 0.9998 × 0.9999 × (1 − pair) × 0.9995.
func TestCommonCauseSensitivity(t *testing.T) {
	a, err := proposal.Analyze(context.Background(), loadFile(t, "testdata/webshop.json"))
	require.NoError(t, err)
	require.Len(t, a.CommonCause, 1)
	s := a.CommonCause[0]
	assert.Equal(t, "web", s.Group)
	assert.Equal(t, []string{"web1", "web2"}, s.Members)
	for i, beta := range s.Betas {
		qc := beta * 0.005
		pair := qc + (0.005-qc)*(0.005-qc)/(1-qc)
		want := 1 - 0.9998*0.9999*(1-pair)*0.9995
		assert.InDelta(t, want, s.Service[i].Unavailability(), 1e-15, "beta %g", beta)
	}
}
