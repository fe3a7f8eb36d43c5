package poller

import (
	"github.com/voltpay/voltpay"
)

// gatewayState turns one cycle's outcome for a gateway into the state to
// record: online with a last-seen time as soon as any meter behind it
// answered; offline (失联) once OfflineAfter cycles in a row had no answer
// at all (gateway unreachable, converter dead, RS-485 bus cut). In between,
// an online gateway stays online and nothing is reported for one whose state
// is not yet known. ok is false when there is nothing to record.
func (p *Poller) gatewayState(id int64, answered bool) (voltpay.GatewayState, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if answered {
		delete(p.gwFails, id)
		p.gwOnline[id] = true
		now := p.now()
		return voltpay.GatewayState{GatewayID: id, Online: true, SeenAt: &now}, true
	}
	p.gwFails[id]++
	online, known := p.gwOnline[id]
	if p.gwFails[id] < p.cfg.OfflineAfter {
		return voltpay.GatewayState{}, false
	}
	if known && !online {
		return voltpay.GatewayState{}, false // already reported
	}
	p.gwOnline[id] = false
	return voltpay.GatewayState{GatewayID: id, Online: false}, true
}

// GatewayOnline reports the last recorded state of a gateway: online, and
// whether it is known at all.
func (p *Poller) GatewayOnline(id int64) (online, known bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	online, known = p.gwOnline[id]
	return online, known
}

// forgetGateway drops the state of a gateway no longer listed; called with
// p.mu held.
func (p *Poller) forgetGateway(id int64) {
	delete(p.gwFails, id)
	delete(p.gwOnline, id)
	delete(p.synced, id)
}
