package poller_test

import (
	"context"
	"net"
	"slices"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/link"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// directSource adds direct meters to a fakeSource.
type directSource struct {
	*fakeSource
	direct []*voltpay.Meter
}

func (s *directSource) DirectMeters(context.Context) ([]*voltpay.Meter, error) {
	return slices.Clone(s.direct), nil
}

// TestPoller_DirectMeters: simulated 4G meters dial in to a link listener,
// register by their DL/T 645 address and send heartbeats; the poller reads
// each over its own link, beside the gateways, also after a link was cut
// and the meter dialled in again.
func TestPoller_DirectMeters(t *testing.T) {
	e := newEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l, err := link.NewListener(ln, []link.Matcher{link.DLT645AddressMatcher{}}, link.Options{StripRegistration: true})
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = l.Serve(ctx) }()
	defer l.Close()

	src := &directSource{fakeSource: e.src}
	for i := range 3 {
		addr := dlt645.Address{byte(0x11 + i), 0x00, 0x00, 0x00, 0x00, 0x66}
		m := sim.NewMeter(sim.MeterConfig{Addr: addr, LoadW: 800}, sim.SystemClock{})
		m.SetEnergy(12340)
		g := sim.NewGateway(sim.GatewayConfig{Seed: uint64(i)}, []*sim.Meter{m})
		reg := sim.RegistrationFrame(addr)
		go func() {
			_ = g.RunLink(ctx, sim.LinkConfig{Addr: ln.Addr().String(), Registration: reg, Heartbeat: reg,
				Every: 20 * time.Millisecond, Redial: 20 * time.Millisecond})
		}()
		src.direct = append(src.direct, &voltpay.Meter{ID: int64(500 + i), Address: addr.String(),
			Protocol: voltpay.MeterProtocolDLT645, Status: voltpay.MeterActive})
	}
	p := poller.New(poller.Config{BusSettings: testSettings,
		Link: func(m *voltpay.Meter) (bus.DialFunc, bool) { return l.DialFunc(m.Address), true }}, src, e.sink, nil)
	defer p.Close()

	for round := range 2 {
		st, err := p.RunCycle(ctx, poller.Full)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		got, _, _ := e.sink.reset()
		if st.Readings != 18 || st.Failures != 0 {
			t.Fatalf("round %d: stats %+v; want 15 gateway and 3 direct readings, no failures", round, st)
		}
		for _, m := range src.direct {
			if r := got[m.ID]; r == nil || r.EnergyWh < 12340 || r.Relay == nil {
				t.Fatalf("round %d: direct meter %d reading %+v", round, m.ID, r)
			}
		}
		if _, known := p.GatewayOnline(-500); known {
			t.Error("a direct meter's pseudo-gateway got a gateway state")
		}
		if round == 0 {
			cut := time.Now()
			if !l.Disconnect(src.direct[1].Address) {
				t.Fatal("Disconnect found no device")
			}
			waitDialledIn(t, l, src.direct[1].Address, cut)
		}
	}
	rs, err := p.ReadMeters(ctx, []int64{502})
	if err != nil || len(rs) != 1 {
		t.Fatalf("ReadMeters(direct) = %d readings, %v", len(rs), err)
	}
}

// waitDialledIn waits until device id has registered again after since.
func waitDialledIn(t *testing.T, l *link.Listener, id string, since time.Time) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		for _, d := range l.Devices() {
			if d.ID == id && d.Connected.After(since) {
				return
			}
		}
	}
	t.Fatalf("device %s did not dial in again within 10 s", id)
}
