package poller

import (
	"sync"
	"testing"
)

// TestBusLock_UrgentFirst: with the bus held, routine waiters queued first
// and an urgent one queued last, the urgent one gets the bus next.
func TestBusLock_UrgentFirst(t *testing.T) {
	l := newBusLock()
	l.Lock(false)
	var (
		mu    sync.Mutex
		order []string
		wg    sync.WaitGroup
	)
	waiting := func(n int) bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.urgent == n
	}
	take := func(name string, urgent bool) {
		defer wg.Done()
		l.Lock(urgent)
		mu.Lock()
		order = append(order, name)
		mu.Unlock()
		l.Unlock()
	}
	wg.Add(3)
	go take("routine-1", false)
	go take("routine-2", false)
	go take("urgent", true)
	for !waiting(1) { // the urgent user is queued
	}
	l.Unlock()
	wg.Wait()
	if order[0] != "urgent" {
		t.Fatalf("bus went to %v; want the urgent user first", order)
	}
}
