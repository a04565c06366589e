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
		// Pro rata: 0.5% of 44,640 min is 223.2 min = 223m12s, a step of
		// 0.1% is 44.64 min = 44m38.4s. 447 min is (447 − 223.2)/44.64 =
		// 5.01 steps: 6 started (30%, USD 3,600.00), 5 whole (25%, USD
		// 3,000.00).
		"Pro rata, 5% per started 0.1% below 99.5%, at most 50% (and per whole step): the budget is 223m12s, a step 44m38.4s.",
		"223m12s             99.5%      0: USD 0.00             0: USD 0.00",
		"223m12.000000001s   99.4999%   1: USD 600.00           0: USD 0.00",
		"267m50.4s           99.4%      1: USD 600.00           1: USD 600.00",
		"447m0s              98.9986%   6: USD 3600.00          5: USD 3000.00",
		"credit        USD 3600.00",
		"total         USD 3600.00",
	} {
		assert.Contains(t, out.String(), want)
	}
}
