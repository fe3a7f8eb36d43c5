package poller

import "sync"

// busLock serialises the users of one bus, with two classes: urgent users
// (reads on demand, remote controls and their confirmation) go before every
// waiting routine user (the scheduled cycle), so that a tenant waiting for
// power waits for at most the one meter a cycle is reading, never for the
// rest of the cycle. Urgent users are served among themselves in no
// particular order. A busLock is held for one meter at a time.
type busLock struct {
	mu     sync.Mutex
	cond   *sync.Cond
	held   bool
	urgent int // urgent users waiting
}

func newBusLock() *busLock {
	l := &busLock{}
	l.cond = sync.NewCond(&l.mu)
	return l
}

// Lock waits for the bus; routine users also wait while urgent ones do.
func (l *busLock) Lock(urgent bool) {
	l.mu.Lock()
	if urgent {
		l.urgent++
	}
	for l.held || (!urgent && l.urgent > 0) {
		l.cond.Wait()
	}
	if urgent {
		l.urgent--
	}
	l.held = true
	l.mu.Unlock()
}

// Unlock releases the bus and wakes the waiters to compete for it.
func (l *busLock) Unlock() {
	l.mu.Lock()
	l.held = false
	l.mu.Unlock()
	l.cond.Broadcast()
}
