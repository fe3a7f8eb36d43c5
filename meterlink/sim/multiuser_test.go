package sim_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/modbus"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// mustMultiUser builds a 12-channel ADF400L at unit 9 (channel n loads
// n × 100 W) next to a single DDSY1352 at unit 1 on one RTU gateway, and
// runs them for an hour.
func mustMultiUser(t *testing.T) (*sim.MultiUser, *sim.Meter, *sim.Gateway) {
	t.Helper()
	clock := sim.NewManualClock(time.Date(2026, 11, 25, 10, 0, 0, 0, sim.China))
	cfgs := make([]sim.MeterConfig, 12)
	for i := range cfgs {
		cfgs[i] = sim.MeterConfig{LoadW: int64(i+1) * 100, Shape: flatShape, PowerFactor: 1000}
	}
	dev, err := sim.NewMultiUser(9, modbus.AcrelADF400L, cfgs, clock)
	if err != nil {
		t.Fatal(err)
	}
	single := sim.NewMeter(sim.MeterConfig{Unit: 1, LoadW: 5000, Shape: flatShape}, clock)
	meters := append([]*sim.Meter{single}, dev.Meters()...)
	for _, m := range meters {
		m.Advance(time.Hour)
	}
	clock.Advance(time.Hour)
	g := sim.NewGateway(sim.GatewayConfig{Protocol: sim.ModbusRTU}, meters)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if err := g.Start(ctx, "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = g.Close() })
	return dev, single, g
}

func TestMultiUser_Channels(t *testing.T) {
	dev, single, g := mustMultiUser(t)
	cl := dialRTU(t, g.Addr())
	for n := 1; n <= 12; n++ {
		p, err := modbus.AcrelADF400L.ForChannel(n)
		if err != nil {
			t.Fatal(err)
		}
		span, _ := p.Span(modbus.Holding)
		resp, err := cl.do(9, span, time.Second)
		if err != nil {
			t.Fatalf("channel %d: %v", n, err)
		}
		got, err := p.DecodeBlock(modbus.Holding, span.Address, resp.Values)
		if err != nil {
			t.Fatal(err)
		}
		if want := int64(n) * 100; got[modbus.EnergyTotal] != want || got[modbus.ActivePower] != want {
			t.Errorf("channel %d: energy %d Wh, power %d W; want %d and %d", n, got[modbus.EnergyTotal], got[modbus.ActivePower], want, want)
		}
		if dev.Channel(n).Channel() != n || dev.Channel(n).Unit() != 9 {
			t.Errorf("channel %d: meter says channel %d unit %d", n, dev.Channel(n).Channel(), dev.Channel(n).Unit())
		}
	}

	t.Run("SingleMeterAlongside", func(t *testing.T) {
		span, _ := modbus.AcrelDDSY1352.Span(modbus.Holding)
		resp, err := cl.do(1, span, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := modbus.AcrelDDSY1352.DecodeBlock(modbus.Holding, span.Address, resp.Values)
		if got[modbus.EnergyTotal] != single.State().EnergyWh[0] || got[modbus.EnergyTotal] != 5000 {
			t.Errorf("unit 1 energy = %d, want 5000", got[modbus.EnergyTotal])
		}
	})
	t.Run("OwnRelay", func(t *testing.T) {
		m := dev.Channel(3)
		if err := m.Relay(dlt645.RelayTrip, m.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		p, _ := modbus.AcrelADF400L.ForChannel(3)
		span, _ := p.Span(modbus.Holding)
		resp, err := cl.do(9, span, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := p.DecodeBlock(modbus.Holding, span.Address, resp.Values)
		if got[modbus.ActivePower] != 0 || !m.State().RelayOpen || dev.Channel(4).State().RelayOpen {
			t.Errorf("tripped channel 3: power %d W, want 0 and channel 4 closed", got[modbus.ActivePower])
		}
	})
	for name, req := range map[string]modbus.Request{
		"AcrossChannels":  {Function: modbus.ReadHoldingRegisters, Address: 0x00F0, Quantity: 0x20},
		"PastLastChannel": {Function: modbus.ReadHoldingRegisters, Address: 0x0C00, Quantity: 2},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := cl.do(9, req, time.Second)
			var ex *modbus.Exception
			if !errors.As(err, &ex) || ex.Code != modbus.IllegalDataAddress {
				t.Fatalf("err = %v, want exception 02", err)
			}
		})
	}
	t.Run("OfflineChannel", func(t *testing.T) {
		dev.Channel(5).SetOffline(true)
		defer dev.Channel(5).SetOffline(false)
		p, _ := modbus.AcrelADF400L.ForChannel(5)
		span, _ := p.Span(modbus.Holding)
		if _, err := cl.do(9, span, 300*time.Millisecond); err == nil {
			t.Fatal("offline channel answered")
		}
		p, _ = modbus.AcrelADF400L.ForChannel(6)
		span, _ = p.Span(modbus.Holding)
		if _, err := cl.do(9, span, time.Second); err != nil {
			t.Fatalf("channel 6 next to an offline channel: %v", err)
		}
	})
}

func TestNewMultiUser_Errors(t *testing.T) {
	for name, tc := range map[string]struct {
		unit byte
		p    modbus.Profile
		n    int
	}{
		"Unit0":       {0, modbus.AcrelADF400L, 12},
		"Unit248":     {248, modbus.AcrelADF400L, 12},
		"NoChannels":  {9, modbus.AcrelADF400L, 0},
		"TooMany":     {9, modbus.AcrelADF400L, 37},
		"SingleMeter": {9, modbus.AcrelDDSY1352, 1},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := sim.NewMultiUser(tc.unit, tc.p, make([]sim.MeterConfig, tc.n), nil); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}
