package auth

import (
	"sync"
	"time"
)

// Login backoff per user and client address. A user (or tenant phone) gets
// LoginBurst attempts from one address; after that each attempt from there
// must wait twice as long as the one before, from LoginBackoff up to
// LoginBackoffMax (5 s, 10 s, 20 s, … 15 min): a guesser is slowed to a
// hundred or so guesses a day per address, while the real user signing in
// from anywhere else is not held up at all. A hard lock per user would let
// anyone lock out the admin with five wrong passwords.
const (
	LoginBurst      = 5
	LoginBackoff    = 5 * time.Second
	LoginBackoffMax = 15 * time.Minute
)

// Backoff throttles attempts per key (a user and address) with exponential
// backoff. Its memory is bounded like Limiter's: a key whose wait ended
// LoginBackoffMax ago is forgotten, and beyond maxKeys arbitrary keys make
// room. It is safe for concurrent use.
type Backoff struct {
	burst   int
	base    time.Duration
	max     time.Duration
	maxKeys int
	now     func() time.Time // replaced in tests

	mu        sync.Mutex
	keys      map[string]*backoffState
	lastSweep time.Time
}

type backoffState struct {
	attempts int
	until    time.Time // no attempt before this
}

// NewBackoff returns a Backoff allowing burst attempts per key, then
// waits of base, 2×base, … up to max between attempts.
func NewBackoff(burst int, base, max time.Duration) *Backoff {
	return &Backoff{burst: burst, base: base, max: max, maxKeys: DefaultMaxKeys, now: time.Now, keys: map[string]*backoffState{}}
}

// Attempt counts an attempt of key and returns 0, or refuses it (counting
// nothing) and returns how long key must wait. Attempts are counted when
// they start, so that many at once cannot slip past; Reset forgives them
// after a success.
func (b *Backoff) Attempt(key string) time.Duration {
	now := b.now()
	b.mu.Lock()
	defer b.mu.Unlock()
	st, ok := b.keys[key]
	if !ok {
		b.makeRoom(now)
		st = &backoffState{}
		b.keys[key] = st
	}
	if wait := st.until.Sub(now); wait > 0 {
		return wait
	}
	st.attempts++
	if n := st.attempts - b.burst; n >= 0 {
		st.until = now.Add(b.delay(n))
	}
	return 0
}

// delay is base × 2^n, at most max.
func (b *Backoff) delay(n int) time.Duration {
	d := b.base
	for range n {
		if d >= b.max/2 {
			return b.max
		}
		d *= 2
	}
	return min(d, b.max)
}

// Reset forgets key's attempts (after a successful login).
func (b *Backoff) Reset(key string) {
	b.mu.Lock()
	delete(b.keys, key)
	b.mu.Unlock()
}

// Len returns how many keys are tracked.
func (b *Backoff) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.keys)
}

// makeRoom drops keys whose wait ended long ago (at most once a second),
// and arbitrary ones while the map is full. The caller holds b.mu.
func (b *Backoff) makeRoom(now time.Time) {
	if now.Sub(b.lastSweep) >= time.Second && (len(b.keys) >= b.maxKeys || now.Sub(b.lastSweep) >= b.max) {
		for k, st := range b.keys {
			if now.Sub(st.until) >= b.max {
				delete(b.keys, k)
			}
		}
		b.lastSweep = now
	}
	for k := range b.keys {
		if len(b.keys) < b.maxKeys {
			break
		}
		delete(b.keys, k)
	}
}
