package proposaltest

import "time"

// round rounds a downtime for reading: to the second, or to the
// millisecond below a second.
func round(d time.Duration) time.Duration {
	if d > -time.Second && d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Second)
}
