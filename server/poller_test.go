package main

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
	"github.com/voltpay/voltpay/meterlink/poller"
)

// TestPoller_ReadsSimulatedDemo seeds a small demo on free loopback ports,
// runs the sim in-process, and checks that one full cycle of the poller
// (pollerSource and the PostgreSQL ReadingService) stores one reading per
// gateway meter and marks those meters read and online.
func TestPoller_ReadsSimulatedDemo(t *testing.T) {
	db, svc, size := seedSmallDemo(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, done := startSim(t, ctx, db)
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("simulate: %v", err)
		}
	}()

	src := &pollerSource{sites: svc.Sites, meters: svc.Meters}
	gws, err := src.Gateways(ctx)
	if err != nil || len(gws) != size.Gateways {
		t.Fatalf("Gateways = %d, %v; want %d", len(gws), err, size.Gateways)
	}
	for _, g := range gws {
		ms, err := src.Meters(ctx, g.ID)
		if err != nil || len(ms) != size.MetersPerGw {
			t.Fatalf("Meters(%d) = %d, %v; want %d", g.ID, len(ms), err, size.MetersPerGw)
		}
	}

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
	if err != nil {
		t.Fatalf("RunCycle: %v (stats %+v)", err, stats)
	}
	want := size.Gateways * size.MetersPerGw
	if stats.Gateways != size.Gateways || stats.Meters != want || stats.Readings != want || stats.Failures != 0 {
		t.Fatalf("stats = %+v, want %d gateways, %d meters and readings, no failures", stats, size.Gateways, want)
	}

	var rows, readMeters, gwMeters, fresh int
	if err := db.QueryRowContext(ctx, `
		SELECT
			(SELECT COUNT(*) FROM meter_readings),
			(SELECT COUNT(DISTINCT meter_id) FROM meter_readings),
			(SELECT COUNT(*) FROM meters WHERE gateway_id IS NOT NULL),
			(SELECT COUNT(*) FROM meters
			 WHERE gateway_id IS NOT NULL AND online AND last_read_at IS NOT NULL)`,
	).Scan(&rows, &readMeters, &gwMeters, &fresh); err != nil {
		t.Fatalf("query: %v", err)
	}
	if gwMeters != want || rows != want || readMeters != want || fresh != want {
		t.Errorf("readings = %d over %d meters, read and online %d of %d gateway meters; want %d each",
			rows, readMeters, fresh, gwMeters, want)
	}
	var stray int
	if err := db.QueryRowContext(ctx, `
		SELECT COUNT(*) FROM meter_readings r JOIN meters m ON m.id = r.meter_id
		WHERE m.gateway_id IS NULL`).Scan(&stray); err != nil {
		t.Fatalf("query: %v", err)
	}
	if stray != 0 {
		t.Errorf("%d readings of meters without a gateway, want 0", stray)
	}

	t.Run("StartStop", func(t *testing.T) {
		_, _, stop := startMeterlink(ctx, testConfig(), db, slog.New(slog.DiscardHandler))
		time.Sleep(50 * time.Millisecond)
		stopped := make(chan struct{})
		go func() { stop(); stop(); close(stopped) }()
		select {
		case <-stopped:
		case <-time.After(30 * time.Second):
			t.Fatal("stop did not return")
		}
	})
}

func TestConfig_Poller(t *testing.T) {
	for _, tc := range []struct {
		env  string
		args []string
		want bool
	}{
		{"", nil, false},
		{"1", nil, true},
		{"true", []string{"-poller=false"}, false},
		{"", []string{"-poller"}, true},
	} {
		t.Setenv("VOLTPAY_POLLER", tc.env)
		c, err := loadConfig(tc.args)
		if err != nil || c.Poller != tc.want {
			t.Errorf("VOLTPAY_POLLER=%q %v: Poller = %v, %v; want %v", tc.env, tc.args, c != nil && c.Poller, err, tc.want)
		}
	}
	t.Run("ErrInvalid", func(t *testing.T) {
		t.Setenv("VOLTPAY_POLLER", "sometimes")
		if _, err := loadConfig(nil); err == nil {
			t.Error("VOLTPAY_POLLER=sometimes: no error")
		}
	})
}
