package poller_test

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// TestPoller_ReadMetersJumpsTheQueue: on a 9600-baud bus in the middle of a
// status cycle, a read on demand of the bus's last meter is answered while
// the cycle is still running: it waits for the meter being read, not for
// the rest of the cycle.
func TestPoller_ReadMetersJumpsTheQueue(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f, err := sim.NewFleet(sim.Config{Seed: 3, Gateways: 1, MetersPerGateway: 12,
		Meter: sim.MeterConfig{Prepaid: true, BalanceFen: 10000}, Gateway: sim.GatewayConfig{Baud: 9600}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	host, port, _ := net.SplitHostPort(f.Addr(0))
	p, _ := strconv.Atoi(port)
	gid := int64(1)
	src := &fakeSource{gateways: []*voltpay.Gateway{{ID: gid, Host: host, Port: p, Protocol: voltpay.ProtocolDLT645}},
		meters: map[int64][]*voltpay.Meter{}}
	for i, sm := range f.Gateway(0).Meters() {
		src.meters[gid] = append(src.meters[gid], &voltpay.Meter{ID: int64(i + 1), GatewayID: &gid,
			Address: sm.Addr().String(), Protocol: voltpay.MeterProtocolDLT645, Status: voltpay.MeterActive})
	}
	last := int64(len(src.meters[gid]))
	pl := poller.New(poller.Config{BusSettings: testSettings}, src, &fakeSink{}, nil)
	defer pl.Close()
	if _, err := pl.RunCycle(ctx, poller.Status); err != nil { // dial and list once
		t.Fatal(err)
	}

	cycleDone := make(chan struct{})
	go func() {
		defer close(cycleDone)
		if _, err := pl.RunCycle(ctx, poller.Status); err != nil {
			t.Errorf("cycle: %v", err)
		}
	}()
	time.Sleep(50 * time.Millisecond) // let the cycle take the bus
	rs, err := pl.ReadMeters(ctx, []int64{last})
	select {
	case <-cycleDone:
		t.Fatal("the read on demand finished after the cycle: it did not jump the queue")
	default:
	}
	if err != nil || len(rs) != 1 {
		t.Fatalf("ReadMeters = %d readings, %v", len(rs), err)
	}
	<-cycleDone
}
