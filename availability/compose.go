package availability

import (
	"math"
	"slices"
	"strconv"

	"github.com/slacalc/slacalc/internal/fsum"
)

// Series returns the availability of parts that are all needed, assuming
// independent failures: A = Π Aᵢ. It is Independent.Series.
func Series(parts ...Availability) (Availability, error) {
	return Independent.Series(parts...)
}

// Parallel returns the availability of redundant parts of which any one
// suffices, assuming independent failures: A = 1 − Π(1 − Aᵢ). It is
// Independent.Parallel.
func Parallel(parts ...Availability) (Availability, error) {
	return Independent.Parallel(parts...)
}

// KOfN returns the availability of a group that works while at least k of
// its parts work, assuming independent failures. It is Independent.KOfN.
func KOfN(k int, parts ...Availability) (Availability, error) {
	return Independent.KOfN(k, parts...)
}

// KOfNIdentical returns the availability of a group of n identical parts of
// which at least k must work, assuming independent failures. It is
// Independent.KOfNIdentical.
func KOfNIdentical(k, n int, part Availability) (Availability, error) {
	return Independent.KOfNIdentical(k, n, part)
}

// Series returns the availability of parts that are all needed, under the
// assumption as. With Uᵢ the parts' unavailabilities:
//
//	Independent: U = 1 − Π(1 − Uᵢ), computed as −expm1(Σ log1p(−Uᵢ))
//	WorstCase:   U = min(1, Σ Uᵢ)   (outages never overlap)
//	BestCase:    U = max Uᵢ         (outages nest inside the longest)
//
// Both bounds are sharp (Fréchet). The sums are compensated, so the
// relative error of U stays within a few units of 10⁻¹⁶ for any number of
// parts. An empty list is an error wrapping [ErrEmpty].
func (as Assumption) Series(parts ...Availability) (Availability, error) {
	if err := as.check("Series"); err != nil {
		return Availability{}, err
	}
	if len(parts) == 0 {
		return Availability{}, inputErr("Series", "parts", "", "is empty", ErrEmpty)
	}
	switch as {
	case WorstCase:
		var s fsum.Acc
		for _, p := range parts {
			s.Add(p.u)
		}
		return Availability{u: min(1, s.Value())}, nil
	case BestCase:
		u := 0.0
		for _, p := range parts {
			u = max(u, p.u)
		}
		return Availability{u: u}, nil
	}
	return Availability{u: seriesU(parts)}, nil
}

// seriesU returns 1 − Π(1 − uᵢ) with relative precision for tiny results.
// The exact value lies in [max uᵢ, Σ uᵢ]; keeping the rounded result inside
// that interval only removes rounding error, and it keeps the ordering
// best ≤ independent ≤ worst exact even when the three nearly coincide.
func seriesU(parts []Availability) float64 {
	if len(parts) == 1 {
		return parts[0].u
	}
	var s, sum fsum.Acc
	hi := 0.0
	for _, p := range parts {
		if p.u == 1 {
			return 1
		}
		s.Add(math.Log1p(-p.u))
		sum.Add(p.u)
		hi = max(hi, p.u)
	}
	return max(hi, min(-math.Expm1(s.Value()), sum.Value(), 1))
}

// Parallel returns the availability of redundant parts of which any one
// suffices, under the assumption as:
//
//	Independent: U = Π Uᵢ, computed as exp(Σ log Uᵢ)
//	WorstCase:   U = min Uᵢ                      (outages always coincide)
//	BestCase:    U = max(0, Σ Uᵢ − (n − 1))      (outages never coincide)
//
// Both bounds are sharp (Fréchet). So redundancy guarantees nothing unless
// failures are independent: the worst case of a pair is its better part.
// An empty list is an error wrapping [ErrEmpty].
func (as Assumption) Parallel(parts ...Availability) (Availability, error) {
	if err := as.check("Parallel"); err != nil {
		return Availability{}, err
	}
	if len(parts) == 0 {
		return Availability{}, inputErr("Parallel", "parts", "", "is empty", ErrEmpty)
	}
	switch as {
	case WorstCase:
		u := 1.0
		for _, p := range parts {
			u = min(u, p.u)
		}
		return Availability{u: u}, nil
	case BestCase:
		var s fsum.Acc
		for _, p := range parts {
			s.Add(p.u)
		}
		return Availability{u: max(0, s.Sub(float64(len(parts)-1)))}, nil
	}
	return Availability{u: parallelU(parts)}, nil
}

// parallelU returns Π uᵢ. The logarithms are summed with compensation so the
// relative error does not grow with the number of parts, and the result
// underflows only when the true product is below float64's range.
func parallelU(parts []Availability) float64 {
	lo := 1.0
	for _, p := range parts {
		lo = min(lo, p.u)
	}
	return min(lo, parallelProduct(parts))
}

func parallelProduct(parts []Availability) float64 {
	if len(parts) <= 2 {
		u := 1.0
		for _, p := range parts {
			u *= p.u
		}
		if u != 0 || hasZero(parts) {
			return u
		}
	}
	var s fsum.Acc
	for _, p := range parts {
		if p.u == 0 {
			return 0
		}
		s.Add(math.Log(p.u))
	}
	return math.Exp(s.Value())
}

func hasZero(parts []Availability) bool {
	for _, p := range parts {
		if p.u == 0 {
			return true
		}
	}
	return false
}

// KOfN returns the availability of a group that works while at least k of
// its n = len(parts) parts work, under the assumption as. Parts may differ.
//
// Independent: the exact probability that fewer than k parts work, by a
// dynamic programme over the parts that tracks either the number working
// (up to k) or the number failed (up to n−k+1), whichever is shorter, so it
// costs O(n·min(k, n−k+1)) time and O(min(k, n−k+1)) memory. Every step
// adds non-negative products, so U keeps its relative precision. When all
// parts are equal, the binomial fast path of KOfNIdentical is used.
//
// WorstCase and BestCase are the sharp bounds over all joint distributions
// with the given marginals (Rüger, 1978). With q₍₁₎ ≤ … ≤ q₍ₙ₎ the parts'
// unavailabilities in ascending order, Sₘ the sum of the m smallest and Lₘ
// the sum of the m largest:
//
//	WorstCase: U = min(1, min over m = k…n      of Sₘ / (m − k + 1))
//	BestCase:  U = max(0, max over m = n−k+1…n of (Lₘ − (n − k)) / (m − n + k))
//
// The worst case follows from Markov's inequality applied to the number of
// failed parts among the m most reliable: the group fails when at least
// n−k+1 fail, hence when at least m−k+1 of those m do. The best case is the
// same argument applied to working parts. For k = n they reduce to the
// series bounds and for k = 1 to the parallel bounds. The cost is
// O(n log n).
//
// k must lie in [1, n]; otherwise the error wraps [ErrK]. An empty list is
// an error wrapping [ErrEmpty].
func (as Assumption) KOfN(k int, parts ...Availability) (Availability, error) {
	if err := as.check("KOfN"); err != nil {
		return Availability{}, err
	}
	n := len(parts)
	if n == 0 {
		return Availability{}, inputErr("KOfN", "parts", "", "is empty", ErrEmpty)
	}
	if err := checkK("KOfN", k, n); err != nil {
		return Availability{}, err
	}
	if allEqual(parts) {
		return as.KOfNIdentical(k, n, parts[0])
	}
	q := make([]float64, n)
	for i, p := range parts {
		q[i] = p.u
	}
	switch as {
	case WorstCase:
		slices.Sort(q)
		return Availability{u: worstKOfN(k, q)}, nil
	case BestCase:
		slices.Sort(q)
		slices.Reverse(q)
		return Availability{u: bestKOfN(k, q)}, nil
	}
	u := kOfNDP(k, q)
	// Keep the rounded estimate inside the exact bounds (see seriesU).
	slices.Sort(q)
	hi := worstKOfN(k, q)
	slices.Reverse(q)
	lo := bestKOfN(k, q)
	return Availability{u: max(lo, min(u, hi))}, nil
}

func checkK(fn string, k, n int) error {
	if k < 1 || k > n {
		return inputErr(fn, "k", strconv.Itoa(k), "is outside [1, "+strconv.Itoa(n)+"]", ErrK)
	}
	return nil
}

func allEqual(parts []Availability) bool {
	for _, p := range parts[1:] {
		if p != parts[0] {
			return false
		}
	}
	return true
}

// worstKOfN expects q in ascending order.
func worstKOfN(k int, q []float64) float64 {
	var s fsum.Acc
	u := 1.0
	for m := 1; m <= len(q); m++ {
		s.Add(q[m-1])
		if m >= k {
			u = min(u, s.Value()/float64(m-k+1))
		}
	}
	return u
}

// bestKOfN expects q in descending order.
func bestKOfN(k int, q []float64) float64 {
	n := len(q)
	var s fsum.Acc
	u := 0.0
	for m := 1; m <= n; m++ {
		s.Add(q[m-1])
		if m >= n-k+1 {
			u = max(u, s.Sub(float64(n-k))/float64(m-n+k))
		}
	}
	return u
}

// kOfNDP returns the probability that fewer than k of the parts work, for
// independent parts with unavailabilities q.
func kOfNDP(k int, q []float64) float64 {
	n := len(q)
	c := n - k + 1 // the group fails when at least c parts fail
	if k <= c {
		// dp[j] = P(exactly j parts work so far) for j < k; the group fails
		// when the count stays below k, so U = Σ dp[j].
		dp := make([]float64, k)
		dp[0] = 1
		for _, qi := range q {
			pi := 1 - qi
			for j := k - 1; j >= 1; j-- {
				dp[j] = dp[j]*qi + dp[j-1]*pi
			}
			dp[0] *= qi
		}
		var s fsum.Acc
		for _, v := range dp {
			s.Add(v)
		}
		return clamp01(s.Value())
	}
	// dp[j] = P(exactly j parts failed so far) for j < c, dp[c] = P(at least c).
	dp := make([]float64, c+1)
	dp[0] = 1
	for _, qi := range q {
		pi := 1 - qi
		dp[c] += dp[c-1] * qi
		for j := c - 1; j >= 1; j-- {
			dp[j] = dp[j]*pi + dp[j-1]*qi
		}
		dp[0] *= pi
	}
	return clamp01(dp[c])
}

// KOfNIdentical returns the availability of n identical parts of which at
// least k must work, under the assumption as:
//
//	Independent: U = P(Binomial(n, q) ≥ n−k+1), the binomial tail
//	WorstCase:   U = min(1, n·q / (n − k + 1))
//	BestCase:    U = max(0, (n·q − (n − k)) / k)
//
// where q is the part's unavailability. The bounds are the KOfN bounds with
// equal parts, where the optimum over m is attained at m = n. The binomial
// tail sums probabilities evaluated with Loader's saddle-point formula, each
// to about 10⁻¹⁵ relative error, starting at the tail's largest term and
// stopping once further terms cannot change the sum, so it costs far less
// than O(n) for large n.
func (as Assumption) KOfNIdentical(k, n int, part Availability) (Availability, error) {
	if err := as.check("KOfNIdentical"); err != nil {
		return Availability{}, err
	}
	if n < 1 {
		return Availability{}, inputErr("KOfNIdentical", "n", strconv.Itoa(n), "is below 1", ErrEmpty)
	}
	if err := checkK("KOfNIdentical", k, n); err != nil {
		return Availability{}, err
	}
	q := part.u
	worst := min(1, float64(n)*q/float64(n-k+1))
	// n·q as an exact pair (FMA), so that subtracting n−k keeps the relative
	// precision of a small difference.
	nq := float64(n) * q
	var s fsum.Acc
	s.Add(nq)
	s.Add(math.FMA(float64(n), q, -nq))
	best := max(0, s.Sub(float64(n-k))/float64(k))
	switch as {
	case WorstCase:
		return Availability{u: worst}, nil
	case BestCase:
		return Availability{u: best}, nil
	}
	if n == 1 {
		return part, nil
	}
	// Keep the rounded estimate inside the exact bounds (see seriesU).
	return Availability{u: max(best, min(binomialUpperTail(n, n-k+1, q), worst))}, nil
}

func clamp01(x float64) float64 {
	// Rounding can push a probability computed as a sum a hair outside
	// [0, 1]; this is not a silent clamp of user input.
	return min(1, max(0, x))
}
