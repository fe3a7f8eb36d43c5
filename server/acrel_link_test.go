package main

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// acrelSource lists one direct Modbus meter and no gateways.
type acrelSource struct{ direct []*voltpay.Meter }

func (s *acrelSource) Gateways(context.Context) ([]*voltpay.Gateway, error) { return nil, nil }
func (s *acrelSource) Meters(context.Context, int64) ([]*voltpay.Meter, error) {
	return nil, nil
}
func (s *acrelSource) DirectMeters(context.Context) ([]*voltpay.Meter, error) {
	return slices.Clone(s.direct), nil
}

// acrelSink keeps the readings.
type acrelSink struct {
	mu       sync.Mutex
	readings []*voltpay.Reading
}

func (s *acrelSink) RecordReadings(_ context.Context, rs []*voltpay.Reading) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.readings = append(s.readings, rs...)
	return len(rs), nil
}
func (s *acrelSink) MarkOffline(context.Context, []int64) error                        { return nil }
func (s *acrelSink) RecordGatewayStates(context.Context, []voltpay.GatewayState) error { return nil }

// TestLinks_AcrelPassThrough: a simulated Acrel 4G meter dials in to the
// server's link listener and logs in with its 7B 7B frame; the poller
// reads it as a direct Modbus meter over 0x90 pass-through (linkOf), again
// and again while the meter sends heartbeats and uploads and asks for the
// time on the same stream, and gets the simulated meter's energy each time.
func TestLinks_AcrelPassThrough(t *testing.T) {
	t.Run("unit id as serial", func(t *testing.T) { acrelPassThrough(t, "00000000000007", nil) })
	serial := "86120345678901"
	t.Run("link id", func(t *testing.T) { acrelPassThrough(t, serial, &serial) })
}

// acrelPassThrough runs TestLinks_AcrelPassThrough for a meter of unit id
// 7 logging in with serial, on record with linkID.
func acrelPassThrough(t *testing.T, serial string, linkID *string) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	links, err := listenLinks(ctx, "127.0.0.1:0", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer links.Close()

	clock := sim.NewManualClock(time.Date(2024, 5, 1, 10, 0, 0, 0, sim.China))
	m := sim.NewMeter(sim.MeterConfig{Unit: 7, LoadW: 900}, clock)
	m.SetEnergy(1234560)
	am := sim.NewAcrelMeter(m, sim.AcrelConfig{Addr: links.Addr().String(), Serial: serial,
		Heartbeat: 5 * time.Millisecond, Upload: 7 * time.Millisecond, Redial: 20 * time.Millisecond})
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = am.Run(ctx)
	}()
	defer func() {
		cancel()
		<-done
	}()
	for deadline := time.Now().Add(10 * time.Second); len(links.Devices()) == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the Acrel meter did not log in")
		}
	}
	if d := links.Devices()[0]; d.ID != serial {
		t.Fatalf("device id %q, want the serial %s", d.ID, serial)
	}

	meter := &voltpay.Meter{ID: 70, Address: "7", Model: "DDSY1352", Protocol: voltpay.MeterProtocolModbus, Status: voltpay.MeterActive,
		LinkID: linkID}
	src, sink := &acrelSource{direct: []*voltpay.Meter{meter}}, &acrelSink{}
	p := poller.New(poller.Config{Link: linkOf(links)}, src, sink, nil)
	defer p.Close()
	for round := range 5 {
		clock.Advance(time.Hour)
		m.Advance(time.Hour)
		want := m.State().EnergyWh[0] / 10 * 10 // the register holds 0.01 kWh
		rs, err := p.ReadMeters(ctx, []int64{meter.ID})
		if err != nil || len(rs) != 1 {
			t.Fatalf("round %d: ReadMeters = %v, %v", round, rs, err)
		}
		if got := int64(rs[0].EnergyWh); got != want {
			t.Errorf("round %d: energy %d Wh, want the simulated meter's %d", round, got, want)
		}
		time.Sleep(30 * time.Millisecond) // heartbeats and uploads pile up between reads
	}
	st := am.Stats()
	if st.Logins != 1 || st.TimeSyncs != 1 || st.Heartbeats == 0 || st.Uploads == 0 {
		t.Errorf("meter stats %+v; want one login and one time sync answered, heartbeats and uploads sent", st)
	}
	if d := time.Since(st.LastTime); d < -2*time.Second || d > 2*time.Second {
		t.Errorf("time sync gave %v, %v from now", st.LastTime, d)
	}
}
