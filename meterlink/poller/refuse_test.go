package poller_test

import (
	"context"
	"encoding/binary"
	"net"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// serveRefusing serves sim meters over DL/T 645 on a loopback port, but
// answers reads of refuse[addr] DIs with an error reply (ERR bit 1, no
// requested data). It returns the port.
func serveRefusing(t *testing.T, meters []*sim.Meter, refuse map[dlt645.Address][]dlt645.DI) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	byAddr := map[dlt645.Address]*sim.Meter{}
	for _, m := range meters {
		byAddr[m.Addr()] = m
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				fr := dlt645.NewFrameReader(c)
				for {
					req, err := fr.ReadFrame()
					if err != nil {
						return
					}
					m := byAddr[req.Addr]
					if m == nil {
						continue
					}
					reply, ok := m.Handle645(req)
					if len(req.Data) >= 4 {
						di := dlt645.DI(binary.LittleEndian.Uint32(req.Data))
						for _, r := range refuse[req.Addr] {
							if r == di {
								reply, ok = dlt645.Frame{Addr: req.Addr, Control: req.Control.Reply() | dlt645.BitAbnormal, Data: []byte{0x02}}, true
							}
						}
					}
					if !ok {
						continue
					}
					b, err := reply.MarshalBinary()
					if err != nil {
						t.Error(err)
						return
					}
					if _, err := c.Write(b); err != nil {
						return
					}
				}
			}()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

func TestPoller_RefusedDI(t *testing.T) {
	clock := sim.NewManualClock(sim.Epoch)
	a := sim.NewMeter(sim.MeterConfig{Addr: dlt645.MustParseAddress("000000000011"), Prepaid: true, BalanceFen: -500, OverdraftLimitFen: 1000}, clock)
	b := sim.NewMeter(sim.MeterConfig{Addr: dlt645.MustParseAddress("000000000022")}, clock)
	for _, m := range []*sim.Meter{a, b} {
		m.Advance(3 * time.Hour)
	}
	port := serveRefusing(t, []*sim.Meter{a, b}, map[dlt645.Address][]dlt645.DI{
		a.Addr(): {dlt645.DIForwardActiveBlock, dlt645.DIActivePower},
		b.Addr(): {dlt645.DIForwardActiveBlock, dlt645.DIForwardActive},
	})
	gid := int64(1)
	src := &fakeSource{
		gateways: []*voltpay.Gateway{{ID: gid, Host: "127.0.0.1", Port: port, Protocol: voltpay.ProtocolDLT645}},
		meters: map[int64][]*voltpay.Meter{gid: {
			{ID: 1, GatewayID: &gid, Address: a.Addr().String(), Protocol: voltpay.MeterProtocolDLT645, PrepaidMode: voltpay.PrepaidMeter},
			{ID: 2, GatewayID: &gid, Address: b.Addr().String(), Protocol: voltpay.MeterProtocolDLT645, PrepaidMode: voltpay.PrepaidMeter},
		}},
	}
	sink := &fakeSink{}
	p := poller.New(poller.Config{BusSettings: testSettings}, src, sink, nil)
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := p.RunCycle(ctx, poller.Full)
	if err != nil {
		t.Fatal(err)
	}
	if st.Failures != 0 || st.Readings != 1 {
		t.Fatalf("stats = %+v, want 1 reading (meter 2 has no energy), 0 failures", st)
	}
	got, _, _ := sink.reset()
	r := got[1]
	if r == nil {
		t.Fatal("meter 1: no reading")
	}
	if want := floor10(a.State().EnergyWh[0]); r.EnergyWh != want || want == 0 {
		t.Errorf("meter 1: energy = %d, want %d from the total DI", r.EnergyWh, want)
	}
	if r.PeakWh != nil || r.PowerW != nil {
		t.Errorf("meter 1: peak/power = %v/%v, want nil (refused)", r.PeakWh, r.PowerW)
	}
	if want := a.State().BalanceFen; want >= 0 || r.BalanceFen == nil || int64(*r.BalanceFen) != want {
		t.Errorf("meter 1: balance = %v, want %d (negative, from the overdraft amount)", r.BalanceFen, want)
	}
	if r.VoltageDV == nil || r.Relay == nil {
		t.Errorf("meter 1: other DIs missing: %+v", r)
	}
}
