package poller

import (
	"context"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// syncClocks sends a broadcast time (0x08, no reply) on g's bus when the
// gateway speaks DL/T 645 and its last sync is TimeSyncInterval old. It
// corrects drift only: meters ignore corrections beyond 5 minutes, which
// the time_sync command handles with a password-protected write. Failures
// are logged and retried next cycle.
func (p *Poller) syncClocks(ctx context.Context, g *voltpay.Gateway) {
	if p.cfg.TimeSyncInterval < 0 || g.Protocol != voltpay.ProtocolDLT645 {
		return
	}
	now := p.now()
	p.mu.Lock()
	last, ok := p.synced[g.ID]
	p.mu.Unlock()
	if ok && now.Sub(last) < p.cfg.TimeSyncInterval || dlt645.NearMidnight(now.In(p.cfg.MeterZone)) {
		return
	}
	gb, err := p.busFor(g)
	if err != nil {
		return // pollGateway reports it
	}
	req, err := dlt645.BroadcastTimeRequest(now.In(p.cfg.MeterZone))
	if err != nil {
		p.log.Error("poller: broadcast time", "gateway", g.ID, "err", err)
		return
	}
	gb.lock.Lock(false)
	_, err = gb.bus.DLT645(ctx, req)
	gb.lock.Unlock()
	if err != nil {
		p.log.Warn("poller: broadcast time failed; retrying next cycle", "gateway", g.ID, "err", err)
		return
	}
	p.mu.Lock()
	p.synced[g.ID] = now
	p.mu.Unlock()
	p.log.Info("poller: broadcast time sent", "gateway", g.ID)
}
