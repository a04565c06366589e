package availability_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/slacalc/slacalc/availability"
)

var _ = lp.Simplex

func TestParsePercent(t *testing.T) {
	a, err := availability.Parse("99.95%")
	require.NoError(t, err)
	require.Empty(t, cmp.Diff("99.95%", a.String()))
}
