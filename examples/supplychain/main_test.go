package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The figures, by hand (DOMAIN.md, problem 1):
//   - independent 0.99 × 0.996 = 0.98604; worst case 1 − (0.01 + 0.004) = 0.986;
//     both below 0.995;
//   - the application would need 0.995/0.996 = 0.99899598… (independent) or
//     1 − (0.005 − 0.004) = 0.999 (worst case); the network 0.995/0.99 > 1:
//     impossible either way;
//   - June has 720 hours; our service is down 10 + 4 + 3 = 17 h (the second
//     app and network outages overlap 01:00–02:00, together 00:00–03:00):
//     1 − 17/720 = 0.97639, the 25% tier: 0.25 × 20,000.00 = 5,000.00 owed;
//     the app is down 12 h: 1 − 12/720 = 0.98333 < 0.99: 0.10 × 6,000.00 = 600.00;
//     the network 6 h: 1 − 6/720 = 0.99167 < 0.996: 0.10 × 2,000.00 = 200.00;
//     recovered 800.00; net 800.00 − 5,000.00 = −4,200.00.
func TestSupplyChainOutput(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	for _, want := range []string{
		"independent failures  98.604%  NOT covered",
		"worst case            98.6%    NOT covered",
		`AppHost   app      independent 99.8996%   worst case 99.9%`,
		`NetCo     network  independent impossible worst case impossible`,
		`NetCo     response   theirs 2 business hours  ours 1 business hour   DOES NOT FIT least slack -1h0m0s`,
		"we owe our customer    EUR 5000.00",
		`AppHost owes us        EUR 600.00`,
		`NetCo owes us          EUR 200.00`,
		"recovered              EUR 800.00",
		"net                    EUR -4200.00",
	} {
		assert.Contains(t, out.String(), want)
	}
}
