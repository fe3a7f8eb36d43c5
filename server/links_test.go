package main

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/poller"
)

// TestLinks_DirectMeterDialsIn: the demo's direct (4G) meter, simulated by
// `voltpay sim`, dials in to the server's link listener, and the poller
// reads it over that link into the database.
func TestLinks_DirectMeterDialsIn(t *testing.T) {
	db, svc, size := seedSmallDemo(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	links, err := listenLinks(ctx, "127.0.0.1:0", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer links.Close()
	done := make(chan error, 1)
	go func() {
		done <- simulate(ctx, db, simOptions{Seed: 1, Tick: 10 * time.Millisecond, LinkAddr: links.Addr().String(), Heartbeat: 50 * time.Millisecond})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("simulate: %v", err)
		}
	}()
	for deadline := time.Now().Add(20 * time.Second); len(links.Devices()) < size.DirectMeters; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d direct meters dialled in", len(links.Devices()), size.DirectMeters)
		}
	}
	src := &pollerSource{sites: svc.Sites, meters: svc.Meters}
	direct, err := src.DirectMeters(ctx)
	if err != nil || len(direct) != size.DirectMeters {
		t.Fatalf("DirectMeters = %d, %v; want %d", len(direct), err, size.DirectMeters)
	}
	p := newPoller(poller.Config{Link: linkOf(links)}, db, nil)
	defer p.Close()
	if _, err := p.ReadMeters(ctx, []int64{direct[0].ID}); err != nil {
		t.Fatalf("ReadMeters(direct meter): %v", err)
	}
	m, err := svc.Meters.FindMeterByID(voltpay.SystemContext(ctx, "test"), direct[0].ID)
	if err != nil || !m.Online || m.LastReadAt == nil {
		t.Fatalf("direct meter after the read: %+v, %v; want online with a read time", m, err)
	}
}
