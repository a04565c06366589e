package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Expected figures, by hand (see also availability's examples):
// naive 1 − (1 − 0.99·0.999)² = 0.9998792199; exact 0.999·(1 − 0.01²) = 0.9989001;
// bridge 2p² + 2p³ − 5p⁴ + 2p⁵ at p = 0.99 is 0.9997980498;
// shop 0.9995·0.9999²·(1 − 0.005²)·(1 − 0.001²) = 0.99927412822;
// network needed: 0.999 / (0.99927412822/0.9995) = 0.99922585.
func TestWebshopOutput(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	for _, want := range []string{
		"naive (database copied into each path): 99.98792199%",
		"exact (one database, shared):           99.89001%",
		"Bridge network of five 99% links: 99.97980498%",
		"single points of failure: [network dns lb]",
		"the network supplier must promise at least 99.9226%",
		"no network will do",
	} {
		assert.Contains(t, out.String(), want)
	}
	assert.Contains(t, out.String(), "independent 99.92741282")
}
