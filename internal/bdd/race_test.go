//go:build race

package bdd

// raceEnabled shortens the random sweeps under the race detector, which
// slows the engine about tenfold.
const raceEnabled = true
