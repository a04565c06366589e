package contract

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestExactPercent checks the truncated percentages written on
// statements against values computed by hand.
func TestExactPercent(t *testing.T) {
	m := 44640 * time.Minute                                                                            // March: 31 days
	assert.Equal(t, "99% (7h26m24s down of 744h0m0s)", exactPercent(446*time.Minute+24*time.Second, m)) // 1 − 446.4/44640 = 0.99
	assert.Equal(t, "98.9986% (7h27m0s down of 744h0m0s)", exactPercent(447*time.Minute, m))            // 0.989986559…
	assert.Equal(t, "99.9999% (1ns down of 744h0m0s)", exactPercent(1, m))                              // truncated, never 100%
	assert.Equal(t, "0% (744h0m0s down of 744h0m0s)", exactPercent(m, m))
	assert.Equal(t, "100% (no service time)", exactPercent(0, 0))
}
