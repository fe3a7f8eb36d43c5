package poller_test

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/modbus"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// TestPoller_MultiUserDevice reads a simulated 12-channel multi-user device
// behind one unit id: every channel is a meter of its own to the poller and
// gets a reading with its own energy.
func TestPoller_MultiUserDevice(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock := sim.NewManualClock(time.Date(2026, 11, 25, 10, 0, 0, 0, sim.China))
	cfgs := make([]sim.MeterConfig, 12)
	for i := range cfgs {
		cfgs[i] = sim.MeterConfig{LoadW: int64(i+1) * 250, PowerFactor: 1000}
	}
	dev, err := sim.NewMultiUser(7, modbus.AcrelADF400L, cfgs, clock)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range dev.Meters() {
		m.Advance(3 * time.Hour)
	}
	clock.Advance(3 * time.Hour)
	g := sim.NewGateway(sim.GatewayConfig{Protocol: sim.ModbusRTU}, dev.Meters())
	if err := g.Start(ctx, "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = g.Close() }()

	host, port, _ := net.SplitHostPort(g.Addr())
	p, _ := strconv.Atoi(port)
	gid := int64(1)
	src := &fakeSource{gateways: []*voltpay.Gateway{{ID: gid, Host: host, Port: p, Protocol: voltpay.ProtocolModbusRTU}},
		meters: map[int64][]*voltpay.Meter{}}
	for n := 1; n <= 12; n++ {
		src.meters[gid] = append(src.meters[gid], &voltpay.Meter{ID: int64(100 + n), GatewayID: &gid, Address: "7", Channel: n,
			Model: "ADF400L", Protocol: voltpay.MeterProtocolModbus, Status: voltpay.MeterActive, PrepaidMode: voltpay.PrepaidPlatform})
	}
	sink := &fakeSink{}
	pl := poller.New(poller.Config{BusSettings: testSettings}, src, sink, nil)
	defer func() { _ = pl.Close() }()

	cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
	defer ccancel()
	st, err := pl.RunCycle(cctx, poller.Full)
	if err != nil {
		t.Fatal(err)
	}
	if st.Meters != 12 || st.Readings != 12 || st.Failures != 0 {
		t.Fatalf("stats = %+v, want 12 meters, 12 readings, 0 failures", st)
	}
	got, _, _ := sink.reset()
	seen := map[voltpay.Wh]bool{}
	for n := 1; n <= 12; n++ {
		r, s := got[int64(100+n)], dev.Channel(n).State()
		if r == nil {
			t.Fatalf("channel %d: no reading", n)
		}
		if want := floor10(s.EnergyWh[0]); r.EnergyWh != want || want == 0 {
			t.Errorf("channel %d: energy = %d Wh, want %d", n, r.EnergyWh, want)
		}
		if r.PowerW == nil || *r.PowerW != s.PowerW {
			t.Errorf("channel %d: power = %v, want %d W", n, r.PowerW, s.PowerW)
		}
		if seen[r.EnergyWh] {
			t.Errorf("channel %d: energy %d Wh read for another channel too", n, r.EnergyWh)
		}
		seen[r.EnergyWh] = true
	}

	t.Run("ChannelOfSingleMeterModel", func(t *testing.T) {
		m := *src.meters[gid][0]
		m.ID, m.Model = 200, "DDSY1352" // a meter of its own: it has no channel 1
		src.mu.Lock()
		src.meters[gid] = append(src.meters[gid], &m)
		src.mu.Unlock()
		rs, err := pl.ReadMeters(cctx, []int64{m.ID})
		if err == nil || len(rs) > 0 {
			t.Fatalf("read channel 1 of a DDSY1352: %v, %v", rs, err)
		}
	})
}
