//go:build !race

package faulttree_test

const raceEnabled = false
