//go:build race

package faulttree_test

// raceEnabled skips the largest trees under the race detector, which
// slows the BDD engines about tenfold; .ci/run runs them without it.
const raceEnabled = true
