package main

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The exact availabilities, by hand: network and load balancer 0.9999 each,
// the app pair 1 − 0.005² = 0.999975, the database 0.9995 alone or
// 1 − 0.0005² = 0.99999975 with a replica:
// 0.9999² · 0.999975 · 0.9995 = 0.999275127492…,
// 0.9999² · 0.999975 · 0.99999975 = 0.999774765056….
// The simulated figures have no closed form; the test checks that the
// replica lowers the credit probability and the expected yearly credit.
func TestCreditRiskOutput(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, 300))
	s := out.String()
	assert.Contains(t, s, "one database: long-run availability 99.927512749225% (exact)")
	assert.Contains(t, s, "database with a replica: long-run availability 99.9774765055996% (exact)")
	prob := regexp.MustCompile(`month earns a credit: +([0-9.]+)%`).FindAllStringSubmatch(s, -1)
	require.Len(t, prob, 2)
	p0, _ := strconv.ParseFloat(prob[0][1], 64)
	p1, _ := strconv.ParseFloat(prob[1][1], 64)
	assert.Less(t, p1, p0)
	credit := regexp.MustCompile(`expected credit a year: USD ([0-9.]+)`).FindAllStringSubmatch(s, -1)
	require.Len(t, credit, 2)
	c0, _ := strconv.ParseFloat(credit[0][1], 64)
	c1, _ := strconv.ParseFloat(credit[1][1], 64)
	assert.Less(t, c1, c0)
}
