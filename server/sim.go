package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/sim"
	"github.com/voltpay/voltpay/server/postgres"
)

// simOptions configure `voltpay sim`.
type simOptions struct {
	Seed uint64 // seeds loads and gateway randomness (VOLTPAY_SIM_SEED, default 1)
	Baud int    // line timing; 0 = none (VOLTPAY_SIM_BAUD)
	// LinkAddr is the server's link listener, which the simulated 4G
	// meters (the direct meters) dial; "" leaves them out.
	LinkAddr string
	// Heartbeat is the 4G meters' heartbeat interval (default 30 s).
	Heartbeat time.Duration
	Tick      time.Duration // how often meters advance (default 1s)
	Log       *slog.Logger
	// Ready, when set, is called with the listening addresses once every
	// gateway serves.
	Ready func(addrs []string)
}

// runSimCommand is `voltpay sim`: it reads the environment, then flags,
// opens the database and runs simulate until ctx ends.
func runSimCommand(ctx context.Context, args []string) error {
	var (
		cfg config
		opt simOptions
	)
	if err := simCommandOptions(&cfg, &opt).parse(args, os.LookupEnv); err != nil {
		return err
	}
	logCfg := cfg
	opt.Log = newLogger(&logCfg)
	// Only connect: the server applies the schema (as its owner), and the
	// simulator may run as the server's role, which cannot.
	db, err := postgres.Connect(ctx, cfg.DatabaseURL)
	if err != nil {
		return fmt.Errorf("database: %w", err)
	}
	defer db.Close()
	return simulate(ctx, db, opt)
}

// simCommandOptions declares the settings of `voltpay sim`.
func simCommandOptions(c *config, opt *simOptions) *options {
	o := &options{command: "voltpay sim"}
	o.add("database-url", "DATABASE_URL", defaultDatabaseURL, "PostgreSQL URL whose loopback gateways and meters are simulated", text(&c.DatabaseURL))
	o.add("seed", "VOLTPAY_SIM_SEED", "1", "simulation seed: loads and gateway randomness repeat with it", integer(&opt.Seed, 0, maxInt))
	o.add("baud", "VOLTPAY_SIM_BAUD", "0", "RS-485 line speed for realistic timing, e.g. 9600; 0 = none", integer(&opt.Baud, 0, 1_000_000))
	o.add("link-addr", "VOLTPAY_SIM_LINK_ADDR", "127.0.0.1"+DefaultLinkAddr, "the server's 4G link listener the simulated direct meters dial; empty: none", text(&opt.LinkAddr))
	addLogOptions(o, c)
	return o
}

// simulate builds a simulated gateway for every loopback gateway in db,
// with its active meters, listening on the gateway's own host:port. Meters
// advance in real time until ctx ends; then every gateway is closed.
func simulate(ctx context.Context, db *postgres.DB, opt simOptions) error {
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Tick <= 0 {
		opt.Tick = time.Second
	}
	gws, err := loadSimGateways(ctx, db, opt)
	if err != nil {
		return err
	}
	var (
		started []*sim.Gateway
		meters  []*sim.Meter
		addrs   []string
	)
	defer func() {
		for _, g := range started {
			_ = g.Close()
		}
	}()
	for _, sg := range gws {
		if err := sg.gw.Start(ctx, sg.addr); err != nil {
			return err
		}
		started = append(started, sg.gw)
		meters = append(meters, sg.gw.Meters()...)
		addrs = append(addrs, sg.gw.Addr())
		opt.Log.Info("sim: gateway serving", "gateway", sg.name, "addr", sg.gw.Addr(), "protocol", sg.protocol,
			"meters", len(sg.gw.Meters()), "addresses", sg.span)
	}
	direct, err := startSimLinks(ctx, db, opt)
	if err != nil {
		return err
	}
	meters = append(meters, direct...)
	opt.Log.Info("sim: running", "gateways", len(started), "meters", len(meters), "direct", len(direct), "seed", opt.Seed, "baud", opt.Baud)
	if opt.Ready != nil {
		opt.Ready(addrs)
	}
	t := time.NewTicker(opt.Tick)
	defer t.Stop()
	last := time.Now()
	for {
		select {
		case <-ctx.Done():
			opt.Log.Info("sim: stopping")
			return nil
		case now := <-t.C:
			d := now.Sub(last)
			last = now
			for _, m := range meters {
				m.Advance(d)
			}
		}
	}
}

// simGateway is a gateway ready to start.
type simGateway struct {
	name, addr, protocol, span string
	gw                         *sim.Gateway
}

// loadSimGateways reads every gateway and its active meters, skipping (with
// a log line) those not on a loopback address.
func loadSimGateways(ctx context.Context, db *postgres.DB, opt simOptions) ([]simGateway, error) {
	src := &pollerSource{sites: postgres.NewSiteService(db), meters: postgres.NewMeterService(db)}
	gws, err := src.Gateways(ctx)
	if err != nil {
		return nil, fmt.Errorf("sim: %w", err)
	}
	var out []simGateway
	for _, g := range gws {
		if !isLoopback(g.Host) {
			opt.Log.Info("sim: skipping gateway not on loopback", "gateway", g.Name, "addr", g.Endpoint())
			continue
		}
		ms, err := src.Meters(ctx, g.ID)
		if err != nil {
			return nil, fmt.Errorf("sim: %w", err)
		}
		sg, err := newSimGateway(g, ms, opt)
		if err != nil {
			return nil, err
		}
		out = append(out, sg)
	}
	return out, nil
}

// newSimGateway builds the simulated bus of g. Each meter's base load is
// 1000 W ±30 %, drawn from the seed and the gateway's id.
func newSimGateway(g *voltpay.Gateway, ms []*voltpay.Meter, opt simOptions) (simGateway, error) {
	gc := sim.GatewayConfig{Baud: opt.Baud, Seed: opt.Seed ^ uint64(g.ID)*0x9E3779B97F4A7C15}
	switch g.Protocol {
	case voltpay.ProtocolDLT645:
		gc.Protocol = sim.DLT645
	case voltpay.ProtocolModbusRTU:
		gc.Protocol = sim.ModbusRTU
	case voltpay.ProtocolModbusTCP:
		gc.Protocol = sim.ModbusTCP
	default:
		return simGateway{}, fmt.Errorf("sim: gateway %q: unknown protocol %q", g.Name, g.Protocol)
	}
	rng := rand.New(rand.NewPCG(opt.Seed, uint64(g.ID)))
	var meters []*sim.Meter
	if gc.Protocol != sim.DLT645 {
		meters, ms = simMultiUsers(g.Name, ms, rng, opt) // channels of multi-user devices
	}
	var names []string
	for _, m := range ms {
		mc := sim.MeterConfig{LoadW: 700 + rng.Int64N(601), Model: m.Model} // the model's firmware answers refusals
		var err error
		if gc.Protocol == sim.DLT645 {
			mc.Addr, err = dlt645.ParseAddress(m.Address)
		} else {
			var u int
			u, err = strconv.Atoi(m.Address)
			if err == nil && (u < 1 || u > 247) {
				err = errors.New("not a unit id 1..247")
			}
			mc.Unit = byte(u)
		}
		if err != nil {
			opt.Log.Warn("sim: skipping meter with an address the bus cannot use", "gateway", g.Name, "meter", m.Address, "err", err)
			continue
		}
		sm := sim.NewMeter(mc, sim.SystemClock{})
		if m.LastEnergyWh != nil {
			sm.SetEnergy(int64(*m.LastEnergyWh)) // continue from the last reading
		}
		meters = append(meters, sm)
		names = append(names, m.Address)
	}
	span := "none"
	if len(names) > 0 {
		span = names[0] + ".." + names[len(names)-1]
	}
	return simGateway{name: g.Name, addr: g.Endpoint(), protocol: g.Protocol, span: span,
		gw: sim.NewGateway(gc, meters)}, nil
}

// isLoopback reports whether host is localhost or a loopback IP.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
