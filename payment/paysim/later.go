package paysim

import (
	"sync"
	"time"
)

// later runs functions after a delay (a fake's refunds settling) until it
// is stopped: stop cancels what has not run yet, so a closed fake sends
// nothing more.
type later struct {
	mu      sync.Mutex
	stopped bool
	timers  []*time.Timer
}

// after runs fn after d unless stopped by then.
func (l *later) after(d time.Duration, fn func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stopped {
		return
	}
	l.timers = append(l.timers, time.AfterFunc(d, func() {
		if !l.isStopped() {
			fn()
		}
	}))
}

func (l *later) isStopped() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.stopped
}

func (l *later) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stopped = true
	for _, t := range l.timers {
		t.Stop()
	}
	l.timers = nil
}
