package bdd

import "context"

// SiftSteps builds s with sifting from order and returns the diagram and
// the steps taken, for the external tests.
func SiftSteps(ctx context.Context, s *Structure, order Order, opts Options) (*Diagram, uint64, error) {
	d, steps, err := siftCompile(ctx, s, order, opts)
	return d, steps, err
}
