package auth

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// clock is a settable time source for Limiter tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newTestLimiter(every time.Duration, burst int) (*Limiter, *clock) {
	c := &clock{t: time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)}
	l := NewLimiter(every, burst)
	l.now = c.Now
	return l, c
}

func TestLimiter_Allow(t *testing.T) {
	const LoginEvery, LoginBurst = 12 * time.Second, 5
	l, c := newTestLimiter(LoginEvery, LoginBurst)
	for i := range LoginBurst {
		if !l.Allow("user:alice") {
			t.Fatalf("attempt %d refused; want %d allowed at once", i+1, LoginBurst)
		}
	}
	if l.Allow("user:alice") {
		t.Fatal("attempt beyond the burst allowed")
	}
	if !l.Allow("user:bob") {
		t.Fatal("another key was refused: keys must not share a bucket")
	}
	if got := l.RetryAfter("user:alice"); got <= 0 || got > LoginEvery {
		t.Fatalf("RetryAfter: got %v, want in (0, %v]", got, LoginEvery)
	}
	if got := l.RetryAfter("user:nobody"); got != 0 {
		t.Fatalf("RetryAfter(unknown key): got %v, want 0", got)
	}
	c.Add(LoginEvery)
	if got := l.RetryAfter("user:alice"); got != 0 {
		t.Fatalf("RetryAfter after one refill period: got %v, want 0", got)
	}
	if !l.Allow("user:alice") {
		t.Fatal("attempt after one refill period refused")
	}
	if l.Allow("user:alice") {
		t.Fatal("second attempt after one refill period allowed; want one per period")
	}
	l.Reset("user:alice")
	if !l.Allow("user:alice") {
		t.Fatal("attempt after Reset refused")
	}
}

func TestLimiter_Evict(t *testing.T) {
	t.Run("Idle", func(t *testing.T) {
		l, c := newTestLimiter(time.Second, 2)
		for i := range 100 {
			l.Allow(fmt.Sprint("k", i))
		}
		if l.Len() != 100 {
			t.Fatalf("Len: got %d, want 100", l.Len())
		}
		c.Add(2 * time.Second) // a full refill: every bucket is idle
		l.Allow("fresh")
		if l.Len() != 1 {
			t.Fatalf("Len after idle sweep: got %d, want 1", l.Len())
		}
	})
	t.Run("Cap", func(t *testing.T) {
		l, _ := newTestLimiter(time.Minute, 5)
		l.maxKeys = 50
		for i := range 1000 {
			l.Allow(fmt.Sprint("k", i))
			if l.Len() > 50 {
				t.Fatalf("Len: got %d, want at most 50", l.Len())
			}
		}
		// The newest key is always kept.
		for range 5 {
			l.Allow("k999")
		}
		if l.Allow("k999") {
			t.Fatal("newest key's bucket was lost")
		}
	})
}

func TestLimiter_Concurrent(t *testing.T) {
	l := NewLimiter(time.Hour, 10)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				ok := l.Allow("shared")
				l.Allow(fmt.Sprint("g", g, "-", i%20))
				l.RetryAfter("shared")
				if ok {
					mu.Lock()
					allowed++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if allowed != 10 {
		t.Fatalf("allowed %d attempts on one key from 8 goroutines; want exactly the burst, 10", allowed)
	}
}

func newTestBackoff() (*Backoff, *clock) {
	c := &clock{t: time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)}
	b := NewBackoff(LoginBurst, LoginBackoff, LoginBackoffMax)
	b.now = c.Now
	return b, c
}

func TestBackoff(t *testing.T) {
	b, c := newTestBackoff()
	for i := range LoginBurst {
		if w := b.Attempt("k"); w != 0 {
			t.Fatalf("attempt %d: wait %v, want none within the burst", i+1, w)
		}
	}
	// Each further attempt waits twice as long, up to the cap.
	want := LoginBackoff
	for i := range 12 {
		if w := b.Attempt("k"); w != want {
			t.Fatalf("after %d attempts: wait %v, want %v", LoginBurst+i, w, want)
		}
		if w := b.Attempt("other"); w != 0 && i < LoginBurst {
			t.Fatalf("another key waits %v", w)
		}
		c.Add(want)
		if w := b.Attempt("k"); w != 0 {
			t.Fatalf("after waiting %v: wait %v, want none", want, w)
		}
		want = min(2*want, LoginBackoffMax)
	}
	b.Reset("k")
	if w := b.Attempt("k"); w != 0 {
		t.Fatalf("after Reset: wait %v", w)
	}
}

func TestBackoff_Bounded(t *testing.T) {
	b, c := newTestBackoff()
	b.maxKeys = 50
	for i := range 1000 {
		b.Attempt(fmt.Sprint("k", i))
		if b.Len() > 50 {
			t.Fatalf("Len: %d, want at most 50", b.Len())
		}
	}
	c.Add(2 * LoginBackoffMax)
	b.Attempt("fresh")
	if b.Len() != 1 {
		t.Fatalf("Len after the idle sweep: %d, want 1", b.Len())
	}
}
