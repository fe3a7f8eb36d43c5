package poller

import (
	"context"
	"fmt"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
)

// DirectSource is a Source that also lists direct (4G) meters, which have
// no gateway: each is read over its own link (Config.Link).
type DirectSource interface {
	Source
	// DirectMeters returns the active meters without a gateway.
	DirectMeters(ctx context.Context) ([]*voltpay.Meter, error)
}

// Direct meters are polled as if each were a gateway of its own: a
// pseudo-gateway whose id is the meter id negated, whose bus is the
// meter's link. Pseudo-gateways have no stored state of their own.
func directID(meterID int64) int64 { return -meterID }

func isDirect(g *voltpay.Gateway) bool { return g.ID < 0 }

// linkSettings are the bus settings of a 4G link: no RS-485 timing, but
// the latency of a mobile network.
func linkSettings(p bus.Protocol) bus.Settings {
	s := bus.DefaultSettings(p, DefaultBaud)
	s.ResponseTimeout = 3 * time.Second
	s.InterFrameGap = 0
	return s
}

// units lists what a cycle polls: every gateway, then a pseudo-gateway per
// direct meter when the Source lists them and a Link is configured. It
// remembers the direct meters for metersOf and busFor.
func (p *Poller) units(ctx context.Context) ([]*voltpay.Gateway, error) {
	gws, err := p.src.Gateways(ctx)
	if err != nil {
		return nil, fmt.Errorf("poller: list gateways: %w", err)
	}
	ds, ok := p.src.(DirectSource)
	if !ok || p.cfg.Link == nil {
		return gws, nil
	}
	ms, err := ds.DirectMeters(ctx)
	if err != nil {
		return nil, fmt.Errorf("poller: list direct meters: %w", err)
	}
	direct := make(map[int64]*voltpay.Meter, len(ms))
	for _, m := range ms {
		proto := voltpay.ProtocolDLT645
		if m.Protocol == voltpay.MeterProtocolModbus {
			proto = voltpay.ProtocolModbusRTU // transparent 4G DTU: RTU frames over the link
		}
		id := directID(m.ID)
		direct[id] = m
		gws = append(gws, &voltpay.Gateway{ID: id, SiteID: m.SiteID, Name: "4G " + m.Address, Protocol: proto})
	}
	p.mu.Lock()
	p.direct = direct
	p.mu.Unlock()
	return gws, nil
}

// metersOf returns the meters behind g: its meter for a pseudo-gateway,
// else the Source's listing.
func (p *Poller) metersOf(ctx context.Context, g *voltpay.Gateway) ([]*voltpay.Meter, error) {
	if !isDirect(g) {
		return p.src.Meters(ctx, g.ID)
	}
	p.mu.Lock()
	m := p.direct[g.ID]
	p.mu.Unlock()
	if m == nil {
		return nil, nil
	}
	return []*voltpay.Meter{m}, nil
}
