//go:build !race

package bdd

const raceEnabled = false
