package sim

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// Config describes a fleet: Gateways virtual converters with
// MetersPerGateway meters each, all derived deterministically from Seed.
type Config struct {
	Seed             uint64
	Gateways         int
	MetersPerGateway int
	// Clock is the simulation clock (default a ManualClock at Epoch).
	Clock Clock
	// Gateway is the template of every gateway; its Seed is replaced by one
	// derived from the fleet's Seed and the gateway index.
	Gateway GatewayConfig
	// Meter is the template of every meter; Addr and Unit are assigned, and
	// LoadW varies ±LoadJitterPct percent and the clock by up to ±ClockSkew.
	Meter         MeterConfig
	LoadJitterPct int64
	ClockSkew     time.Duration
	// Ports, when set, gives each gateway's TCP port on 127.0.0.1 (0 = any).
	Ports []int
}

// Fleet is a set of gateways and their meters.
type Fleet struct {
	cfg      Config
	clock    Clock
	gateways []*Gateway
	byAddr   map[dlt645.Address]*Meter
	meters   []*Meter
}

// NewFleet builds the fleet; nothing listens until Start. Meter addresses
// are 12 random digits drawn from the seed (distinct); Modbus unit ids are
// 1..MetersPerGateway on each bus. It returns an error for an impossible
// size.
func NewFleet(cfg Config) (*Fleet, error) {
	if cfg.Gateways < 1 || cfg.MetersPerGateway < 1 || cfg.MetersPerGateway > 247 {
		return nil, fmt.Errorf("sim: fleet of %d gateways × %d meters: want ≥ 1 gateway and 1..247 meters each", cfg.Gateways, cfg.MetersPerGateway)
	}
	if len(cfg.Ports) > 0 && len(cfg.Ports) != cfg.Gateways {
		return nil, fmt.Errorf("sim: %d ports for %d gateways", len(cfg.Ports), cfg.Gateways)
	}
	if cfg.Clock == nil {
		cfg.Clock = NewManualClock(Epoch)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xf1ee7))
	f := &Fleet{cfg: cfg, clock: cfg.Clock, byAddr: map[dlt645.Address]*Meter{}}
	for gi := range cfg.Gateways {
		meters := make([]*Meter, cfg.MetersPerGateway)
		for mi := range meters {
			mc := cfg.Meter
			for {
				if err := dlt645.PutBCD(mc.Addr[:], rng.Uint64N(1_000_000_000_000)); err != nil {
					return nil, err
				}
				if _, dup := f.byAddr[mc.Addr]; !dup && !mc.Addr.IsBroadcast() {
					break
				}
			}
			mc.Unit = byte(mi + 1)
			if mc.LoadW == 0 {
				mc.LoadW = 1000
			}
			if j := cfg.LoadJitterPct; j > 0 {
				mc.LoadW = mc.LoadW * (100 - j + rng.Int64N(2*j+1)) / 100
			}
			if s := cfg.ClockSkew; s > 0 {
				mc.ClockOffset += time.Duration(rng.Int64N(2*int64(s)+1) - int64(s))
			}
			m := NewMeter(mc, cfg.Clock)
			meters[mi] = m
			f.byAddr[mc.Addr] = m
			f.meters = append(f.meters, m)
		}
		gc := cfg.Gateway
		gc.Seed = cfg.Seed ^ uint64(gi+1)*0x9E3779B97F4A7C15
		f.gateways = append(f.gateways, NewGateway(gc, meters))
	}
	return f, nil
}

// Start makes every gateway listen on 127.0.0.1 (its configured port or any
// free one) and serve until ctx ends or Close. On error the gateways already
// started are closed.
func (f *Fleet) Start(ctx context.Context) error {
	for i, g := range f.gateways {
		port := 0
		if len(f.cfg.Ports) > 0 {
			port = f.cfg.Ports[i]
		}
		if err := g.Start(ctx, fmt.Sprintf("127.0.0.1:%d", port)); err != nil {
			_ = f.Close()
			return err
		}
	}
	return nil
}

// Gateways returns the number of gateways.
func (f *Fleet) Gateways() int { return len(f.gateways) }

// Gateway returns gateway i (0-based).
func (f *Fleet) Gateway(i int) *Gateway { return f.gateways[i] }

// Addr returns the TCP address gateway i listens on.
func (f *Fleet) Addr(i int) string { return f.gateways[i].Addr() }

// Meter returns the meter with DL/T 645 address a, or nil.
func (f *Fleet) Meter(a dlt645.Address) *Meter { return f.byAddr[a] }

// Meters returns all meters, gateway by gateway.
func (f *Fleet) Meters() []*Meter { return f.meters }

// Clock returns the simulation clock.
func (f *Fleet) Clock() Clock { return f.clock }

// Advance runs every meter over the next d and then, if the clock is a
// ManualClock, moves it forward by d.
func (f *Fleet) Advance(d time.Duration) {
	for _, m := range f.meters {
		m.Advance(d)
	}
	if mc, ok := f.clock.(*ManualClock); ok {
		mc.Advance(d)
	}
}

// Close stops every gateway.
func (f *Fleet) Close() error {
	var errs []error
	for _, g := range f.gateways {
		errs = append(errs, g.Close())
	}
	return errors.Join(errs...)
}
