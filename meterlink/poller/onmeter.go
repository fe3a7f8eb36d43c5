package poller

import (
	"context"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
)

// OnMeter runs fn with meter meterID and the bus of its gateway, holding
// the bus as an urgent user: fn waits for at most the meter a cycle is
// reading, and nothing else talks on the bus until fn returns. The command
// executor sends remote controls and reads their confirmation this way.
// Errors: NOT_FOUND (no listed gateway has the meter, or it is not active),
// EINVALID (a gateway the poller cannot set up), bus.ErrClosed, fn's error.
func (p *Poller) OnMeter(ctx context.Context, meterID int64, fn func(ctx context.Context, m *voltpay.Meter, b *bus.Bus) error) error {
	refs, missing, err := p.lookup(ctx, []int64{meterID})
	if err != nil {
		return err
	}
	if len(missing) > 0 || len(refs) == 0 {
		return voltpay.Errorf(voltpay.ENOTFOUND, "meter %d is on no gateway the poller knows (a direct meter, retired, or removed)", meterID)
	}
	ref := refs[0]
	if ref.meter.Status != "" && ref.meter.Status != voltpay.MeterActive {
		return voltpay.Errorf(voltpay.ENOTFOUND, "meter %d is %s, not active", meterID, ref.meter.Status)
	}
	p.mu.Lock()
	g := p.gateways[ref.gateway]
	p.mu.Unlock()
	if g == nil {
		return voltpay.Errorf(voltpay.ENOTFOUND, "gateway %d of meter %d is no longer listed", ref.gateway, meterID)
	}
	gb, err := p.busFor(g)
	if err != nil {
		return err
	}
	gb.lock.Lock(true)
	defer gb.lock.Unlock()
	return fn(ctx, ref.meter, gb.bus)
}
