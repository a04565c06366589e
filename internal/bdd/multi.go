package bdd

// Probabilities returns P(f = true) for each of fs, when variable v is true
// with probability q[v], in one bottom-up pass over the manager's node table.
// Every node's children precede it in the table (nodes are appended after
// their children, and collection keeps the order), so the pass visits each
// node once however many functions share it: evaluating many roots this way
// costs O(table size) in total, where freezing each root costs O(table size)
// apiece. The precision is that of [Diagram.Probability]: every value is a
// sum of non-negative products.
func (m *Manager) Probabilities(q []float64, fs ...Node) ([]float64, error) {
	if len(q) != len(m.levelOf) {
		return nil, &ProbabilityError{Var: -1, Value: float64(len(q))}
	}
	for v, x := range q {
		if !(x >= 0 && x <= 1) {
			return nil, &ProbabilityError{Var: v, Value: x}
		}
	}
	if err := m.check(fs); err != nil {
		return nil, err
	}
	hi := uint32(0) // the highest node needed
	for _, f := range fs {
		hi = max(hi, uint32(f))
	}
	p := make([]float64, int(hi)+1)
	p[0] = 0
	if len(p) > 1 {
		p[1] = 1
	}
	for i := 2; i < len(p); i++ {
		n := m.nodes[i]
		qi := q[m.varAt[n.level]]
		p[i] = qi*p[n.hi] + (1-qi)*p[n.lo]
	}
	out := make([]float64, len(fs))
	for j, f := range fs {
		out[j] = clamp01(p[f])
	}
	return out, nil
}
