package availability

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"
)

// MonteCarloConfig configures [Model.MonteCarlo].
type MonteCarloConfig struct {
	// Seed selects the random streams: batch b draws from PCG(Seed, b).
	Seed uint64
	// RelativeError is the target half-width of the confidence interval
	// relative to the estimated unavailability, e.g. 0.01 for ±1%; zero
	// means run MaxSamples.
	RelativeError float64
	// Confidence is the interval's two-sided confidence, e.g. 0.95; zero
	// means 0.95.
	Confidence float64
	// MaxSamples bounds the work; zero means 10,000,000.
	MaxSamples int
	// Workers is the number of goroutines; zero means GOMAXPROCS. The
	// result does not depend on it.
	Workers int
}

const (
	mcBatch       = 4096 // samples per random stream
	mcRound       = 16   // batches between two checks of the precision
	mcDefaultMax  = 10_000_000
	mcDefaultConf = 0.95
)

// MonteCarlo estimates a node's availability under independent failures by
// sampling the components' states: the fallback for graphs whose exact BDD
// exceeds its budget. It samples in batches of 4096 states, each batch from
// its own stream PCG(Seed, b), and checks the precision after every 16
// batches, so the result is the same for any number of workers. It stops
// when the Wilson score interval's half-width is within RelativeError of the
// estimate, or after MaxSamples. Rare failures need many samples: an
// unavailability of 10⁻⁶ needs about 4·10⁸ samples for ±10%; prefer exact
// evaluation with a larger budget when it can finish.
func (m *Model) MonteCarlo(ctx context.Context, node string, cfg MonteCarloConfig) (Estimate, error) {
	i, err := m.lookup(node)
	if err != nil {
		return Estimate{}, err
	}
	if cfg.Confidence == 0 {
		cfg.Confidence = mcDefaultConf
	}
	if math.IsNaN(cfg.Confidence) || cfg.Confidence <= 0 || cfg.Confidence >= 1 {
		return Estimate{}, inputErr("Model.MonteCarlo", "Confidence", fmtFloat(cfg.Confidence), "is not in (0, 1)", ErrSimulation)
	}
	if err := checkFloat("Model.MonteCarlo", "RelativeError", cfg.RelativeError, 0, math.MaxFloat64, ""); err != nil {
		return Estimate{}, retag(err, ErrSimulation)
	}
	if cfg.MaxSamples < 0 {
		return Estimate{}, inputErr("Model.MonteCarlo", "MaxSamples", strconv.Itoa(cfg.MaxSamples), "is negative", ErrSimulation)
	}
	if cfg.MaxSamples == 0 {
		cfg.MaxSamples = mcDefaultMax
	}
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	order := m.reachable(i)
	z := math.Sqrt2 * math.Erfinv(cfg.Confidence)
	batches := (cfg.MaxSamples + mcBatch - 1) / mcBatch
	failures, samples := 0, 0
	for first := 0; first < batches; first += mcRound {
		if err := ctx.Err(); err != nil {
			return Estimate{}, err
		}
		last := min(first+mcRound, batches)
		counts := make([]int, last-first)
		var wg sync.WaitGroup
		next := make(chan int)
		for range min(workers, last-first) {
			wg.Go(func() {
				down := make([]bool, len(m.names))
				for b := range next {
					counts[b-first] = m.sampleBatch(order, down, rand.New(rand.NewPCG(cfg.Seed, uint64(b))))
				}
			})
		}
		for b := first; b < last; b++ {
			next <- b
		}
		close(next)
		wg.Wait()
		for _, c := range counts {
			failures += c
		}
		samples += (last - first) * mcBatch
		est := wilson(failures, samples, z)
		half := (est.Low.u - est.High.u) / 2
		if cfg.RelativeError > 0 && failures > 0 && half <= cfg.RelativeError*est.Availability.u {
			return est, nil
		}
	}
	return wilson(failures, samples, z), nil
}

// sampleBatch draws mcBatch independent states and counts those in which
// the last node of order is down.
func (m *Model) sampleBatch(order []int, down []bool, r *rand.Rand) int {
	top := order[len(order)-1]
	failures := 0
	for range mcBatch {
		for _, v := range order {
			d := m.hasOwn[v] && r.Float64() < m.own[v].u
			if !d && len(m.deps[v]) > 0 {
				n := len(m.deps[v])
				failed := 0
				for _, c := range m.deps[v] {
					if down[c] {
						failed++
					}
				}
				d = failed > n-m.req[v].atLeast(n)
			}
			down[v] = d
		}
		if down[top] {
			failures++
		}
	}
	return failures
}

// wilson returns the estimate p̂ = f/n of the unavailability with the Wilson
// score interval, which stays inside [0, 1] and behaves for small f.
func wilson(f, n int, z float64) Estimate {
	p := float64(f) / float64(n)
	nn := float64(n)
	den := 1 + z*z/nn
	centre := (p + z*z/(2*nn)) / den
	half := z / den * math.Sqrt(p*(1-p)/nn+z*z/(4*nn*nn))
	return Estimate{
		Availability: Availability{u: p},
		Low:          Availability{u: clamp01(centre + half)},
		High:         Availability{u: clamp01(centre - half)},
		StdErr:       math.Sqrt(p * (1 - p) / nn),
		Samples:      n,
	}
}
