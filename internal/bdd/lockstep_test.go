package bdd

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLockstepDeterministic feeds two step trajectories to a lockstep in
// random interleavings: whichever attempt runs ahead, the same one is
// dropped, at the same gate.
func TestLockstepDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 2))
	for c := range 200 {
		n := 1 + rng.IntN(40)
		traj := [2][]uint64{}
		for a := range traj {
			var s uint64
			for range n {
				s += uint64(rng.IntN(3 * raceAfter))
				traj[a] = append(traj[a], s)
			}
		}
		type outcome struct{ dropped, at int }
		var want outcome
		for run := range 20 {
			l := newLockstep(2)
			next := [2]int{}
			got := outcome{-1, -1}
			for next[0] < n || next[1] < n {
				a := rng.IntN(2)
				if next[a] == n || run == 0 && next[0] < n {
					a = 1 - a // run 0: attempt 0 first, then 1
				}
				if run == 0 && next[0] < n {
					a = 0
				}
				k := next[a]
				next[a]++
				if l.done(a, k, traj[a][k]) {
					next[a] = n // stopped
				}
			}
			for a := range 2 {
				if l.lost(a) {
					got.dropped = a
					got.at = len(l.cum[a])
				}
			}
			if run == 0 {
				want = got
				continue
			}
			// The dropped attempt is the same; it may have recorded a few
			// more gates before noticing.
			assert.Equal(t, want.dropped, got.dropped, "case %d run %d", c, run)
		}
	}
}
