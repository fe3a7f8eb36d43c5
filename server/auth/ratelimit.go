package auth

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Login limits per client address, whatever the username: a token bucket
// of IPLoginBurst attempts refilled one every IPLoginEvery. An address gets
// more than a user's burst (see Backoff), because a property office's
// cashiers sit behind one NAT address and all sign in when their shift
// starts, and tenants' phones share carrier NAT.
const (
	IPLoginBurst = 20
	IPLoginEvery = 3 * time.Second
)

// DefaultMaxKeys bounds the keys a Limiter tracks: about 100 bytes each, so
// some 10 MB at most, whatever an attacker sends.
const DefaultMaxKeys = 100_000

// Limiter is a set of token buckets, one per key (a client address, a
// username), for throttling login attempts. Its memory is bounded: a bucket
// that has refilled completely is the same as no bucket and is dropped, and
// beyond MaxKeys the oldest-looking buckets make room for new ones. It is
// safe for concurrent use.
type Limiter struct {
	every   time.Duration
	burst   int
	maxKeys int
	now     func() time.Time // replaced in tests

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time // last attempt; guarded by Limiter.mu
}

// NewLimiter returns a Limiter allowing burst attempts per key at once and
// one more every every, tracking at most DefaultMaxKeys keys.
func NewLimiter(every time.Duration, burst int) *Limiter {
	return &Limiter{
		every:   every,
		burst:   max(burst, 1),
		maxKeys: DefaultMaxKeys,
		now:     time.Now,
		buckets: make(map[string]*bucket),
	}
}

// Allow takes one attempt from key's bucket and reports whether there was
// one to take. A refused attempt takes nothing.
func (l *Limiter) Allow(key string) bool {
	now := l.now()
	return l.bucket(key, now).AllowN(now, 1)
}

// RetryAfter returns how long until key may make an attempt again: 0 when
// it may now.
func (l *Limiter) RetryAfter(key string) time.Duration {
	now := l.now()
	l.mu.Lock()
	b := l.buckets[key]
	l.mu.Unlock()
	if b == nil {
		return 0
	}
	tokens := b.lim.TokensAt(now)
	if tokens >= 1 {
		return 0
	}
	return time.Duration(math.Ceil((1 - tokens) * float64(l.every)))
}

// Reset forgets key, giving it a full bucket again (after a successful
// login, so that a user's earlier typos do not count against them).
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	delete(l.buckets, key)
	l.mu.Unlock()
}

// Len returns how many keys are tracked.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// idle is how long a bucket takes to refill completely; after that it
// holds no information.
func (l *Limiter) idle() time.Duration { return time.Duration(l.burst) * l.every }

// bucket returns key's limiter, creating it (and making room) if needed.
func (l *Limiter) bucket(key string, now time.Time) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b, ok := l.buckets[key]; ok {
		b.seen = now
		return b.lim
	}
	// Sweep once per refill period, or when full, but at most once a second:
	// a sweep walks every bucket.
	since := now.Sub(l.lastSweep)
	if since >= l.idle() || (len(l.buckets) >= l.maxKeys && since >= time.Second) {
		l.sweep(now)
	}
	// Still full: every bucket is in use, so drop arbitrary ones. Map order
	// is randomised, so an attacker cannot choose which.
	for k := range l.buckets {
		if len(l.buckets) < l.maxKeys {
			break
		}
		delete(l.buckets, k)
	}
	b := &bucket{lim: rate.NewLimiter(rate.Every(l.every), l.burst), seen: now}
	l.buckets[key] = b
	return b.lim
}

// sweep drops the buckets that have refilled completely.
func (l *Limiter) sweep(now time.Time) {
	idle := l.idle()
	for k, b := range l.buckets {
		if now.Sub(b.seen) >= idle {
			delete(l.buckets, k)
		}
	}
	l.lastSweep = now
}
