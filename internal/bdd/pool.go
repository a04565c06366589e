package bdd

import (
	"math/bits"
	"sync"
	"unsafe"
)

// The big tables of a manager (nodes, unique table, caches) are recycled
// through pools, by power-of-two size: the portfolio builds every module
// several times in fresh managers whose tables double from small to
// millions of entries, and without reuse each doubling touches fresh
// memory, a page fault per 4 KB and work for the garbage collector. A
// sync.Pool drops what is not reused within two collections, so idle
// memory is not kept.

// minPooled is the smallest table (in entries) worth pooling.
const minPooled = 1 << 12

type tablePool[T any] struct {
	byLog [32]sync.Pool // by log2 of the capacity
}

var (
	nodePool  tablePool[node]
	slotPool  tablePool[slot]
	cachePool tablePool[cacheEntry]
	itePool   tablePool[iteEntry]
)

// get returns a slice of length n and capacity c ≥ n, zeroed up to n if
// zero is set (a fresh one is always zeroed). Only capacities that are
// powers of two, at least minPooled, come from (and go back to) the pool.
func (p *tablePool[T]) get(n, c int, zero bool) []T {
	if c >= minPooled && c&(c-1) == 0 && bits.TrailingZeros(uint(c)) < len(p.byLog) {
		if v, ok := p.byLog[bits.TrailingZeros(uint(c))].Get().(*[]T); ok {
			s := (*v)[:n]
			if zero {
				clear(s)
			}
			return s
		}
	}
	s := make([]T, n, c)
	adviseHuge(s)
	if zero {
		prefault(s)
	}
	return s
}

// prefault writes to every page of a fresh table before it is probed.
// Fresh memory from the kernel is mapped to the shared zero page when it
// is first read, so a hash table that is probed before it is written
// takes a second, copy-on-write fault per page, and that one flushes the
// page from the TLB of every processor running the process: with two
// attempts of a race running, a third of a cold run's time went to those
// interprocessor interrupts. A write first takes a single fault.
func prefault[T any](s []T) {
	var zero T
	step := max(1, pageSize/max(1, int(unsafe.Sizeof(zero))))
	for i := 0; i < len(s); i += step {
		s[i] = zero
	}
}

// pageSize is the smallest page size of the platforms Go supports.
const pageSize = 4096

// put hands s back for reuse; the caller must not use it any more.
func (p *tablePool[T]) put(s []T) {
	c := cap(s)
	if c >= minPooled && c&(c-1) == 0 && bits.TrailingZeros(uint(c)) < len(p.byLog) {
		s = s[:0]
		p.byLog[bits.TrailingZeros(uint(c))].Put(&s)
	}
}

// release hands the manager's tables back to the pools; m must not be
// used afterwards. Managers that are simply dropped are collected as
// usual.
func (m *Manager) release() {
	nodePool.put(m.nodes)
	slotPool.put(m.unique)
	cachePool.put(m.cache)
	itePool.put(m.ites)
	m.nodes, m.unique, m.cache, m.ites = nil, nil, nil, nil
}
