package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The figures come from DOMAIN.md, problem 1, computed by hand:
// 0.99 × 0.996 = 0.98604; 1 − (0.01 + 0.004) = 0.986;
// 0.01 × 365 d = 3.65 d; 0.004 × 365 d = 1.46 d; 3.65 + 1.46 = 5.11 d.
func TestForumOutput(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	for _, want := range []string{
		"application  99%       3.65 days",
		"network      99.6%     1.46 days",
		"sum                    5.11 days",
		"independent failures   98.604%",
		"guaranteed worst case  98.6%     (outages never overlap: 5.11 days down a year)",
		"best case              99%",
		"Promise 98.6% in the contract",
	} {
		assert.Contains(t, out.String(), want)
	}
}
