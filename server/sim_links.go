package main

import (
	"context"
	"fmt"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/sim"
	"github.com/voltpay/voltpay/server/postgres"
)

// startSimLinks simulates every direct DL/T 645 meter of db as a 4G meter
// dialling opt.LinkAddr: it registers with its address, repeats it as a
// heartbeat and dials again when the link drops, until ctx ends. It
// returns the simulated meters (to advance with the others).
func startSimLinks(ctx context.Context, db *postgres.DB, opt simOptions) ([]*sim.Meter, error) {
	if opt.LinkAddr == "" {
		return nil, nil
	}
	src := &pollerSource{sites: postgres.NewSiteService(db), meters: postgres.NewMeterService(db)}
	ms, err := src.DirectMeters(ctx)
	if err != nil {
		return nil, fmt.Errorf("sim: %w", err)
	}
	var out []*sim.Meter
	for _, m := range ms {
		if sm := startSimLink(ctx, m, opt); sm != nil {
			out = append(out, sm)
		}
	}
	return out, nil
}

// startSimLink starts one simulated 4G meter; nil when it cannot be
// simulated (not DL/T 645).
func startSimLink(ctx context.Context, m *voltpay.Meter, opt simOptions) *sim.Meter {
	addr, err := dlt645.ParseAddress(m.Address)
	if m.Protocol != voltpay.MeterProtocolDLT645 || err != nil {
		opt.Log.Warn("sim: direct meter not simulated: only DL/T 645 4G meters are", "meter", m.Address, "protocol", m.Protocol)
		return nil
	}
	sm := sim.NewMeter(sim.MeterConfig{Addr: addr, LoadW: 900}, sim.SystemClock{})
	if m.LastEnergyWh != nil {
		sm.SetEnergy(int64(*m.LastEnergyWh))
	}
	gw := sim.NewGateway(sim.GatewayConfig{Seed: opt.Seed ^ uint64(m.ID)}, []*sim.Meter{sm})
	reg := sim.RegistrationFrame(addr)
	go func() {
		_ = gw.RunLink(ctx, sim.LinkConfig{Addr: opt.LinkAddr, Registration: reg, Heartbeat: reg, Every: opt.Heartbeat})
	}()
	return sm
}
