package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The figures, by hand: March has 31 × 1,440 = 44,640 minutes; 1% of it is
// 446.4 minutes = 446m24s. 446 minutes: 1 − 446/44640 = 0.99000896 ≥ 0.99,
// the 10% tier: 0.10 × 12,000.00 = 1,200.00. 447 minutes: 1 − 447/44640 =
// 0.98998656 < 0.99, the 30% tier: 0.30 × 12,000.00 = 3,600.00.
func TestCreditsOutput(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	for _, want := range []string{
		"March 2025 (UTC) has 44640 minutes; 99% uptime allows exactly 446.4 minutes (446m24s) of downtime.",
		"446m0s              99.0008%   10% tier (99% ≤ uptime < 99.99%)      USD 1200.00",
		"446m24s             99%        10% tier (99% ≤ uptime < 99.99%)      USD 1200.00",
		"446m24.000000001s   98.9999%   30% tier (95% ≤ uptime < 99%)         USD 3600.00",
		"447m0s              98.9986%   30% tier (95% ≤ uptime < 99%)         USD 3600.00",
		"credit        USD 3600.00",
		"total         USD 3600.00",
	} {
		assert.Contains(t, out.String(), want)
	}
}
