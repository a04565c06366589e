//go:build !race

package openpsa

const raceEnabled = false
