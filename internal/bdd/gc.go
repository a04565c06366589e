package bdd

// collect compacts the node table, keeping every node below keep, the
// roots, and everything they reach; the roots are renumbered in place.
// Children always have smaller indices than their parents (mk creates a
// node after its children), so one descending pass marks and one ascending
// pass compacts, and the order survives, which Freeze and the analyses rely
// on. The operation cache is cleared; the unique table is rebuilt.
//
// Build calls it between gates. Without it the table fills with the
// intermediate results of the apply operations (often ten times the live
// nodes), which costs the budget and, worse, makes every table access a
// cache miss.
//
// The unique table is sized for growth times the surviving nodes, the size
// the caller lets the table reach before collecting again, so that it does
// not have to grow (and rehash everything) in between.
func (m *Manager) collect(roots []Node, keep, growth int) {
	n := len(m.nodes)
	if cap(m.scratch) < n {
		m.scratch = make([]uint32, n)
	}
	mark := m.scratch[:n]
	clear(mark[keep:])
	for _, r := range roots {
		if int(r) >= keep {
			mark[r] = 1
		}
	}
	for x := n - 1; x >= keep; x-- {
		if mark[x] == 0 {
			continue
		}
		if lo := m.nodes[x].lo; int(lo) >= keep {
			mark[lo] = 1
		}
		if hi := m.nodes[x].hi; int(hi) >= keep {
			mark[hi] = 1
		}
	}
	// mark[x] becomes x's new index (0 stays "dropped": no node ≥ keep ≥ 2
	// is renumbered to 0).
	next := uint32(keep)
	remap := func(x uint32) uint32 {
		if int(x) < keep {
			return x
		}
		return mark[x]
	}
	for x := keep; x < n; x++ {
		if mark[x] == 0 {
			continue
		}
		nd := m.nodes[x]
		nd.lo, nd.hi = remap(nd.lo), remap(nd.hi)
		m.nodes[next] = nd
		mark[x] = next
		next++
	}
	for i, r := range roots {
		roots[i] = Node(remap(uint32(r)))
	}
	m.nodes = m.nodes[:next]
	// Shrink the unique table only when it is far too big for the nodes
	// expected before the next collection: a fresh table costs a page
	// fault per 4 KB on first touch, more than clearing the old one.
	if size := tableSize(growth * len(m.nodes)); 4*size <= len(m.unique) {
		slotPool.put(m.unique)
		m.unique = slotPool.get(size, size, true)
	} else {
		clear(m.unique)
	}
	m.rehash()
	clear(m.cache)
	clear(m.ites)
}
