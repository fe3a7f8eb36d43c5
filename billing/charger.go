package billing

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/voltpay/voltpay"
)

// ChargerConfig tunes a Charger; zero fields take the defaults.
type ChargerConfig struct {
	// Batch is how many meters one ChargeMeters call (one transaction)
	// takes: large enough that a poll cycle's readings are charged in few
	// round trips, small enough that the accounts it locks are not held
	// long. Default 2,000.
	Batch int
	// Sweep is how often every meter is checked for readings not yet
	// charged, whatever was notified: it catches readings recorded by
	// another process, notifications lost to a restart and meters whose
	// tariff was missing. Default one minute.
	Sweep time.Duration
	// Retry is how long to wait after a failed call before trying its
	// meters again. Default 5 s.
	Retry time.Duration
}

func (c ChargerConfig) withDefaults() ChargerConfig {
	if c.Batch <= 0 {
		c.Batch = 2000
	}
	if c.Sweep <= 0 {
		c.Sweep = time.Minute
	}
	if c.Retry <= 0 {
		c.Retry = 5 * time.Second
	}
	return c
}

// Charger charges new readings as they arrive: Notify it with the meters
// whose readings were just recorded, and Run charges them in batches. A
// sweep every ChargerConfig.Sweep finds what notifications missed. The
// service makes each charge exactly once, so two Chargers (two processes)
// may run side by side; they only share the work less well.
type Charger struct {
	cfg  ChargerConfig
	svc  voltpay.ChargeService
	log  *slog.Logger
	wake chan struct{}

	mu      sync.Mutex
	pending map[int64]struct{}
	// OnCharged, when set, is called after each successful batch (the
	// alarms and relay policy look at the accounts charged); set it
	// before Run.
	OnCharged func(voltpay.ChargeStats)
}

// NewCharger returns a Charger over svc (server/postgres.ChargeService);
// logger may be nil.
func NewCharger(cfg ChargerConfig, svc voltpay.ChargeService, logger *slog.Logger) *Charger {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Charger{cfg: cfg.withDefaults(), svc: svc, log: logger, wake: make(chan struct{}, 1),
		pending: map[int64]struct{}{}}
}

// Notify queues meters whose readings were just recorded; it never blocks.
func (c *Charger) Notify(meterIDs []int64) {
	if len(meterIDs) == 0 {
		return
	}
	c.mu.Lock()
	for _, id := range meterIDs {
		c.pending[id] = struct{}{}
	}
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// Run charges notified meters until ctx ends, sweeping all meters at start
// and every Sweep, and returns ctx's error.
func (c *Charger) Run(ctx context.Context) error {
	return runLoop(ctx, c.cfg.Sweep, c.cfg.Retry, c.wake, c.sweep, c.drain)
}

// sweep queues every meter with readings not yet charged, a page at a time.
func (c *Charger) sweep(ctx context.Context) {
	var after int64
	for ctx.Err() == nil {
		ids, err := c.svc.PendingMeters(ctx, after, c.cfg.Batch)
		if err != nil {
			c.log.Warn("billing: sweep for readings to charge failed", "err", err)
			return
		}
		c.Notify(ids)
		if len(ids) < c.cfg.Batch {
			return
		}
		after = ids[len(ids)-1]
	}
}

// drain charges the queued meters in batches of cfg.Batch until none is
// left. On an error it puts the batch back and reports false.
func (c *Charger) drain(ctx context.Context) bool {
	for ctx.Err() == nil {
		batch := c.take()
		if len(batch) == 0 {
			return true
		}
		stats, err := c.svc.ChargeMeters(ctx, batch)
		if err != nil {
			c.Notify(batch)
			if ctx.Err() == nil {
				c.log.Warn("billing: charging failed; retrying", "meters", len(batch), "err", err)
			}
			return false
		}
		if len(stats.Faulted) > 0 {
			c.log.Warn("billing: charging stopped on a fault", "meters", stats.Faulted)
		}
		if c.OnCharged != nil {
			c.OnCharged(stats)
		}
		c.Notify(stats.Backlog)
	}
	return true
}

// take removes up to cfg.Batch queued meters, lowest ids first.
func (c *Charger) take() []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	ids := make([]int64, 0, min(len(c.pending), c.cfg.Batch))
	for id := range c.pending {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	ids = ids[:min(len(ids), c.cfg.Batch)]
	for _, id := range ids {
		delete(c.pending, id)
	}
	return ids
}
