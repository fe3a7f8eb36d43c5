package sim

import (
	"sync"
	"time"
)

// Clock tells the simulator what time it is. Tests use a ManualClock so that
// meter clocks, TOU rates and relay-command expiries are reproducible.
type Clock interface {
	Now() time.Time
}

// SystemClock is the wall clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// ManualClock is a Clock that moves only when told to. It is safe for
// concurrent use.
type ManualClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewManualClock returns a ManualClock showing t.
func NewManualClock(t time.Time) *ManualClock { return &ManualClock{t: t} }

// Now returns the clock's current time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *ManualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Set moves the clock to t.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// China is the time zone meters keep (UTC+8, no daylight saving).
var China = time.FixedZone("CST", 8*3600)

// Epoch is the default start of a simulation: 2026-11-25 12:00:00 China time.
var Epoch = time.Date(2026, 11, 25, 12, 0, 0, 0, China)
