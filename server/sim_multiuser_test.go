package main

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/server/demo"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// TestSim_MultiUserDevice: `voltpay sim` turns the channel meters at one
// unit id into one multi-user device whose channels continue from their
// own last readings, next to the bus's meters of their own.
func TestSim_MultiUserDevice(t *testing.T) {
	gid := int64(3)
	g := &voltpay.Gateway{ID: gid, Name: "floor 3", Host: "127.0.0.1", Port: 0, Protocol: voltpay.ProtocolModbusRTU}
	ms := []*voltpay.Meter{{ID: 1, Address: "1", Model: "DDSY1352", Protocol: voltpay.MeterProtocolModbus, GatewayID: &gid}}
	for _, ch := range []int{2, 1, 4} { // channel 3 is not in the database
		e := voltpay.Wh(ch * 1000)
		ms = append(ms, &voltpay.Meter{ID: int64(10 + ch), Address: "8", Channel: ch, Model: "ADF400L",
			Protocol: voltpay.MeterProtocolModbus, GatewayID: &gid, LastEnergyWh: &e})
	}
	sg, err := newSimGateway(g, ms, simOptions{Seed: 1, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	got := sg.gw.Meters()
	if len(got) != 5 {
		t.Fatalf("%d simulated meters, want 4 channels and 1 meter of its own", len(got))
	}
	for i, m := range got[:4] {
		if m.Channel() != i+1 || m.Unit() != 8 {
			t.Errorf("meter %d: channel %d unit %d, want channel %d unit 8", i, m.Channel(), m.Unit(), i+1)
		}
		want := int64((i + 1) * 1000)
		if i+1 == 3 {
			want = 0
		}
		if e := m.State().EnergyWh[0]; e != want {
			t.Errorf("channel %d: energy %d Wh, want %d", i+1, e, want)
		}
	}
	if own := got[4]; own.Channel() != 0 || own.Unit() != 1 {
		t.Errorf("meter of its own: channel %d unit %d", own.Channel(), own.Unit())
	}
}

// TestPoller_ReadsSimulatedMultiUserDevice seeds a small demo with a
// 12-channel multi-user device on its Modbus gateway, runs the sim, and
// checks that one full poller cycle stores a reading for every channel.
func TestPoller_ReadsSimulatedMultiUserDevice(t *testing.T) {
	db, err := postgres.Open(context.Background(), pgtest.NewDatabase(t))
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	size := demo.Size{Gateways: 3, MetersPerGw: 2, AccountsPerGw: 1, GatewayBasePort: freePorts(t, 3), MultiUserChannels: 12}
	svc := demo.Services{Sites: postgres.NewSiteService(db), Meters: postgres.NewMeterService(db),
		Tariffs: postgres.NewTariffService(db), Accounts: postgres.NewAccountService(db), Auth: postgres.NewAuthService(db)}
	if _, err := demo.Seed(sys(), svc, size, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatalf("seed: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, done := startSim(t, ctx, db)
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("simulate: %v", err)
		}
	}()

	quick := func(g *voltpay.Gateway) bus.Settings {
		proto, _ := poller.BusProtocol(g.Protocol)
		s := bus.DefaultSettings(proto, poller.DefaultBaud)
		s.ResponseTimeout, s.Retries, s.DialTimeout = 2*time.Second, 1, 2*time.Second
		return s
	}
	p := newPoller(poller.Config{BusSettings: quick}, db, nil)
	defer p.Close()
	cctx, ccancel := context.WithTimeout(ctx, 60*time.Second)
	defer ccancel()
	stats, err := p.RunCycle(cctx, poller.Full)
	want := size.Gateways*size.MetersPerGw + size.MultiUserChannels
	if err != nil || stats.Meters != want || stats.Readings != want || stats.Failures != 0 {
		t.Fatalf("stats = %+v, %v; want %d meters and readings, no failures", stats, err, want)
	}
	var channels, read int
	if err := db.QueryRowContext(ctx, `
		SELECT COUNT(DISTINCT channel), COUNT(*) FILTER (WHERE online AND last_read_at IS NOT NULL)
		FROM meters WHERE channel > 0 AND model = 'ADF400L'`).Scan(&channels, &read); err != nil {
		t.Fatal(err)
	}
	if channels != 12 || read != 12 {
		t.Errorf("%d channels, %d read and online; want 12 each", channels, read)
	}
}
