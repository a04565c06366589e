package contract

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/sla"
)

// TestFitTarget compares our 1-hour response in office hours 08:00–18:00
// with a supplier's 1 hour in 08:00–17:00, Monday–Friday in Amsterdam, over
// the week from Monday 2 June 2025. By hand: a ticket opened at 17:00 is
// due for us at 18:00 and for the supplier at 09:00 the next working day,
// one hour of our business time (08–09) later; on Friday the wall clock
// shows 63 h (Fri 18:00 – Mon 09:00). Every other opening has both due at
// the same instant or the supplier earlier, so the least slack is -1h and
// the first opening with it Monday 17:00.
func TestFitTarget(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(t, err)
	ours, err := sla.Weekdays(ams, sla.Clock(8, 0), sla.Clock(18, 0))
	require.NoError(t, err)
	theirs, err := sla.Weekdays(ams, sla.Clock(8, 0), sla.Clock(17, 0))
	require.NoError(t, err)
	week := time.Date(2025, 6, 2, 0, 0, 0, 0, ams)

	f, ok, err := fitTarget(ours, theirs, sla.BusinessHours(1), sla.BusinessHours(1), week)
	require.NoError(t, err)
	require.True(t, ok)
	assert.False(t, f.Fits)
	assert.Equal(t, -time.Hour, f.Slack)
	assert.Equal(t, time.Date(2025, 6, 2, 17, 0, 0, 0, ams), f.Worst)
	assert.Equal(t, "their 1 business hour can end after our 1 business hour: least slack -1h0m0s of our business time for a ticket opened 2025-06-02T17:00:00+02:00", f.Reason)

	// A supplier on 7×24 answers at least as early: opened Saturday 10:00
	// it is due Saturday 11:00 and we Monday 09:00, one business hour later;
	// opened in our hours both are due at once, so the least slack is 0.
	always, err := sla.Always(ams)
	require.NoError(t, err)
	f, _, err = fitTarget(ours, always, sla.BusinessHours(1), sla.BusinessHours(1), week)
	require.NoError(t, err)
	assert.True(t, f.Fits)
	assert.Equal(t, time.Duration(0), f.Slack)

	// A target nobody set makes no row; one only we set does not fit.
	_, ok, err = fitTarget(ours, theirs, sla.Target{}, sla.BusinessHours(1), week)
	require.NoError(t, err)
	assert.False(t, ok)
	f, ok, err = fitTarget(ours, theirs, sla.BusinessHours(1), sla.Target{}, week)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.False(t, f.Fits)
}
