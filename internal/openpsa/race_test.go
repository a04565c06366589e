//go:build race

package openpsa

// raceEnabled skips the heavy trees under the race detector, which slows
// the BDD engine about tenfold.
const raceEnabled = true
