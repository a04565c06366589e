package bdd

import (
	"context"
	"errors"
	"math"
	"sync"
	"sync/atomic"
)

// errOvertaken stops an attempt of the portfolio race that can no longer
// win; it never reaches callers.
var errOvertaken = errors.New("bdd: overtaken by another order")

// raceAfter is the number of steps after which the first attempt of a race
// is joined by the others. The Aralia modules that need more steps than
// this are the ones on which the orders differ by up to tenfold.
const raceAfter = 1 << 16

// race compiles s with every heuristic of hs concurrently (once the first
// has taken raceAfter steps) and returns the diagram of the attempt that
// needed the fewest steps (recursive apply calls), ties going to the
// earlier heuristic. An attempt stops as soon as
// it has taken more steps than a finished one, so the total work is about
// len(hs) times the winner's, spread over the processors. The winner does
// not depend on timing, so the result is deterministic. It also returns
// the steps of all attempts together, the work done.
func race(ctx context.Context, s *Structure, hs []OrderHeuristic, opts Options) (*Diagram, uint64, error) {
	if len(hs) == 1 {
		return compile(ctx, s, s.Order(hs[0]), opts)
	}
	var best atomic.Uint64
	best.Store(math.MaxUint64)
	type result struct {
		d     *Diagram
		steps uint64
		err   error
	}
	results := make([]result, len(hs))
	for i := range results[1:] {
		results[1+i].err = errOvertaken // until it runs
	}
	ls := newLockstep(len(hs))
	var wg sync.WaitGroup
	attempt := func(i int, hook func(steps uint64)) {
		m, err := NewManager(s.Order(hs[i]), opts)
		if err != nil {
			results[i].err = err
			return
		}
		m.overtaken = func(steps uint64) bool {
			if hook != nil {
				hook(steps)
			}
			return steps > best.Load() || ls.lost(i)
		}
		m.gateDone = func(gate int, steps uint64) bool { return ls.done(i, gate, steps) }
		f, err := Build(ctx, m, s)
		var d *Diagram
		if err == nil {
			d, err = m.Freeze(f)
		}
		if err == nil {
			for cur := best.Load(); m.steps < cur && !best.CompareAndSwap(cur, m.steps); cur = best.Load() {
			}
		}
		steps := m.steps
		m.release()
		results[i] = result{d: d, steps: steps, err: err}
	}
	// The first heuristic runs alone until it has taken raceAfter steps:
	// most modules are done by then, and racing them would only double
	// the work. Past that the others join; the winner is still the
	// attempt with the fewest steps, so it does not depend on timing.
	started := false
	attempt(0, func(steps uint64) {
		if started || steps < raceAfter {
			return
		}
		started = true
		for i := 1; i < len(hs); i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				attempt(i, nil)
			}()
		}
	})
	wg.Wait()
	var work uint64
	for _, r := range results {
		work += r.steps
	}
	win := -1
	var lastErr error
	for i, r := range results {
		switch {
		case r.err == nil:
			if win < 0 || r.steps < results[win].steps {
				win = i
			}
		case errors.Is(r.err, errOvertaken):
		case errors.Is(r.err, ErrBudget):
			if lastErr == nil {
				lastErr = r.err
			}
		default:
			// The context, or invalid input: every attempt would say so.
			return nil, work, r.err
		}
	}
	if win < 0 {
		return nil, work, lastErr
	}
	return results[win].d, work, nil
}

// decideAfter is the number of steps after which the race is decided
// for the attempt ahead on the same gates, by however little: by then
// the trajectories rarely cross again, and two attempts of about equal
// cost would otherwise both run to the end (edfpa14b: twice 1 M steps),
// slowing each other down on the shared caches. At 2¹⁷ the 39 coherent
// Aralia trees take 9.68 M steps in all attempts, against 10.01 M at 2¹⁹
// (edfpa14b 1.26 M against 1.64 M), with the same winners elsewhere; the
// generated trees of internal/ftgen do not change.
const decideAfter = 1 << 17

// behind is how many times more steps than another attempt an attempt may
// have taken to build the same gates before it is dropped from the race.
const behind = 2

// lockstep compares the attempts of a race gate by gate: they build the
// same gates in the same order, so the steps each took up to a gate
// measure how well its order suits the structure so far. An attempt that
// has taken behind times as many steps as another for the same gates (and
// raceAfter more) is dropped at once, instead of running until the other
// finishes: on the Aralia trees that halves the work of the race.
//
// For two attempts the outcome is deterministic: a pair is compared at a
// gate when the slower of the two has built it, so the comparisons come
// in gate order, and the first that decides does so from step counts
// alone, whatever the timing.
type lockstep struct {
	mu      sync.Mutex
	cum     [][]uint64 // per attempt, steps after each gate
	dropped []bool
}

func newLockstep(n int) *lockstep {
	return &lockstep{cum: make([][]uint64, n), dropped: make([]bool, n)}
}

// done records that attempt i has built gate k (its k-th, from 0) after
// the given steps, and reports whether i is dropped.
func (l *lockstep) done(i, k int, steps uint64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.dropped[i] {
		return true
	}
	l.cum[i] = append(l.cum[i], steps)
	for j, c := range l.cum {
		if j == i || l.dropped[j] || len(c) <= k {
			continue
		}
		o := c[k]
		switch {
		case steps > behind*o && steps-o > raceAfter,
			min(steps, o) >= decideAfter && (steps > o || steps == o && i > j):
			l.dropped[i] = true
			return true
		case o > behind*steps && o-steps > raceAfter,
			min(steps, o) >= decideAfter:
			l.dropped[j] = true
		}
	}
	return false
}

func (l *lockstep) lost(i int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.dropped[i]
}
