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

// race compiles s with every heuristic of hs concurrently and returns the
// diagram of the attempt that needed the fewest steps (recursive apply
// calls), ties going to the earlier heuristic. An attempt stops as soon as
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
	var wg sync.WaitGroup
	for i, h := range hs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m, err := NewManager(s.Order(h), opts)
			if err != nil {
				results[i].err = err
				return
			}
			m.overtaken = func(steps uint64) bool { return steps > best.Load() }
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
		}()
	}
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
