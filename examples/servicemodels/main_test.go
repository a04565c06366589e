package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What can be checked by hand: the managed fee is 12 × EUR 135.00 =
// EUR 1620.00 a year whatever happens, so its standard error and P90 are
// the fee itself and 0; the provider's cost of delivery is the same for
// every model (all are priced on the same simulated years); the managed
// fee's break-even against break/fix has a closed form. The simulated
// figures themselves are checked in the contract package's tests.
func TestServiceModelsOutput(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	s := out.String()
	assert.Regexp(t, `managed monthly +EUR 1620\.00 +EUR 0\.00 +EUR 1620\.00`, s)
	assert.Contains(t, s, "(exact)")
	assert.Contains(t, s, "Verdict.")
	assert.Regexp(t, `break/fix .*EUR 782\.33`, s)
	assert.Regexp(t, `managed monthly .*EUR 782\.33`, s)
	assert.Regexp(t, `20-hour bundle .*EUR 782\.33`, s)
}
