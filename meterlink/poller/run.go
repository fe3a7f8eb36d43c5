package poller

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/voltpay/voltpay"
)

// Run polls until ctx ends: a cycle every StatusInterval, full for the
// gateways whose full interval (PollIntervalSeconds or FullInterval) has
// passed since their last full read (all of them at the start), status for
// the rest. Cycle errors are logged. It returns ctx's error.
func (p *Poller) Run(ctx context.Context) error {
	t := time.NewTicker(p.cfg.StatusInterval)
	defer t.Stop()
	for {
		stats, err := p.cycle(ctx, Full, p.scheduledKind, true)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			p.log.Error("poller: cycle", "err", err)
		}
		p.log.Info("poller: cycle done", "gateways", stats.Gateways, "meters", stats.Meters,
			"readings", stats.Readings, "failures", stats.Failures, "duration", stats.Duration)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// scheduledKind decides Full or Status for g and notes a full read.
func (p *Poller) scheduledKind(g *voltpay.Gateway) CycleKind {
	every := p.cfg.FullInterval
	if g.PollIntervalSeconds > 0 {
		every = time.Duration(g.PollIntervalSeconds) * time.Second
	}
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	if last, ok := p.lastFull[g.ID]; ok && now.Sub(last) < every {
		return Status
	}
	p.lastFull[g.ID] = now
	return Full
}

// ReadMeters reads the given meters at once (a full read, on their buses,
// waiting at most for the meter a cycle is reading there), records the
// readings and returns them in the order of meterIDs. Meters of different
// gateways are read in parallel. Errors (joined, alongside the readings
// that succeeded): NOT_FOUND for ids no gateway lists, UNAVAILABLE for
// meters that did not answer, the Source's or Sink's errors.
func (p *Poller) ReadMeters(ctx context.Context, meterIDs []int64) ([]*voltpay.Reading, error) {
	refs, missing, err := p.lookup(ctx, meterIDs)
	if err != nil {
		return nil, err
	}
	var errs []error
	if len(missing) > 0 {
		errs = append(errs, voltpay.Errorf(voltpay.ENOTFOUND, "meters %v are not on any gateway", missing))
	}
	byGateway := map[int64][]*voltpay.Meter{}
	for _, r := range refs {
		byGateway[r.gateway] = append(byGateway[r.gateway], r.meter)
	}
	var (
		mu  sync.Mutex
		all []*voltpay.Reading
		wg  sync.WaitGroup
	)
	for gid, meters := range byGateway {
		p.mu.Lock()
		g := p.gateways[gid]
		p.mu.Unlock()
		if g == nil { // pruned since the lookup
			mu.Lock()
			errs = append(errs, voltpay.Errorf(voltpay.ENOTFOUND, "gateway %d is no longer listed", gid))
			mu.Unlock()
			continue
		}
		wg.Go(func() {
			readings, failed, err := p.readMeters(ctx, g, meters, Full, true)
			rerr := p.record(ctx, gid, readings, failed, nil)
			mu.Lock()
			defer mu.Unlock()
			all = append(all, readings...)
			if len(failed) > 0 {
				errs = append(errs, voltpay.Errorf(voltpay.EUNAVAILABLE, "meters %v on gateway %d did not answer", failed, gid))
			}
			errs = append(errs, err, rerr)
		})
	}
	wg.Wait()
	order := make(map[int64]int, len(meterIDs))
	for i, id := range meterIDs {
		order[id] = i
	}
	slices.SortFunc(all, func(a, b *voltpay.Reading) int { return order[a.MeterID] - order[b.MeterID] })
	return all, errors.Join(errs...)
}

// lookup finds meters in the cached listing, refreshing it from the Source
// once if any is missing. It returns the ids still missing.
func (p *Poller) lookup(ctx context.Context, ids []int64) ([]meterRef, []int64, error) {
	find := func() ([]meterRef, []int64) {
		p.mu.Lock()
		defer p.mu.Unlock()
		var refs []meterRef
		var missing []int64
		seen := map[int64]bool{}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			if r, ok := p.meters[id]; ok {
				refs = append(refs, r)
			} else {
				missing = append(missing, id)
			}
		}
		return refs, missing
	}
	refs, missing := find()
	if len(missing) == 0 {
		return refs, nil, nil
	}
	if err := p.refresh(ctx); err != nil {
		return nil, nil, err
	}
	refs, missing = find()
	return refs, missing, nil
}

// refresh reloads the gateway and meter listing from the Source.
func (p *Poller) refresh(ctx context.Context) error {
	gws, err := p.units(ctx)
	if err != nil {
		return err
	}
	for _, g := range gws {
		ms, err := p.metersOf(ctx, g)
		if err != nil {
			return fmt.Errorf("poller: gateway %d: list meters: %w", g.ID, err)
		}
		p.remember(g, ms)
	}
	return nil
}
