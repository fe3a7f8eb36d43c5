package postgres

import (
	"sync"
	"time"

	"github.com/voltpay/voltpay"
)

// keyCacheTTL is how long a verified API key is trusted without asking the
// database again. Integrators send a key with every request; looking it up
// each time was a tenth of a sale's cost (docs/BENCHMARKS.md). The price:
// revoking a key takes effect at once on the server that revoked it, and
// within keyCacheTTL on any other server sharing the database.
const keyCacheTTL = 5 * time.Second

// keyCacheMax bounds the cache; past it, entries are dropped wholesale
// (they are cheap to rebuild).
const keyCacheMax = 10_000

// keyCache remembers recently verified API keys by the SHA-256 of the
// whole key, so that a wrong secret never matches a cached entry.
type keyCache struct {
	mu      sync.Mutex
	entries map[string]keyCacheEntry
}

type keyCacheEntry struct {
	principal voltpay.Principal
	expires   time.Time
}

func (c *keyCache) get(hash []byte, now time.Time) (*voltpay.Principal, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[string(hash)]
	if !ok || !now.Before(e.expires) {
		return nil, false
	}
	p := e.principal // a copy: callers fill in the IP
	return &p, true
}

func (c *keyCache) put(hash []byte, p *voltpay.Principal, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= keyCacheMax {
		c.entries = map[string]keyCacheEntry{}
	}
	c.entries[string(hash)] = keyCacheEntry{principal: *p, expires: now.Add(keyCacheTTL)}
}

// forget drops every cached entry of API key id (on revocation).
func (c *keyCache) forget(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for h, e := range c.entries {
		if e.principal.ID == id {
			delete(c.entries, h)
		}
	}
}
