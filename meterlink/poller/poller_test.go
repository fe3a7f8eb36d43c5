package poller_test

import (
	"context"
	"errors"
	"net"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// fakeSource lists gateways and meters from memory.
type fakeSource struct {
	mu       sync.Mutex
	gateways []*voltpay.Gateway
	meters   map[int64][]*voltpay.Meter
}

func (s *fakeSource) Gateways(context.Context) ([]*voltpay.Gateway, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.gateways), nil
}

func (s *fakeSource) Meters(_ context.Context, gatewayID int64) ([]*voltpay.Meter, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.meters[gatewayID]), nil
}

// fakeSink collects what the poller writes.
type fakeSink struct {
	mu      sync.Mutex
	batches [][]*voltpay.Reading
	offline [][]int64
	gateway map[int64]voltpay.GatewayState // last state recorded per gateway
}

func (s *fakeSink) RecordReadings(_ context.Context, rs []*voltpay.Reading) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.batches = append(s.batches, rs)
	return len(rs), nil
}

func (s *fakeSink) MarkOffline(_ context.Context, ids []int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offline = append(s.offline, slices.Clone(ids))
	return nil
}

func (s *fakeSink) RecordGatewayStates(_ context.Context, states []voltpay.GatewayState) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gateway == nil {
		s.gateway = map[int64]voltpay.GatewayState{}
	}
	for _, st := range states {
		s.gateway[st.GatewayID] = st
	}
	return nil
}

// gatewayState returns the last state recorded for gateway id.
func (s *fakeSink) gatewayState(id int64) (voltpay.GatewayState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.gateway[id]
	return st, ok
}

// reset returns the readings by meter id and the offline reports, and
// forgets them.
func (s *fakeSink) reset() (map[int64]*voltpay.Reading, [][]int64, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[int64]*voltpay.Reading{}
	for _, b := range s.batches {
		for _, r := range b {
			out[r.MeterID] = r
		}
	}
	off, n := s.offline, len(s.batches)
	s.batches, s.offline = nil, nil
	return out, off, n
}

// env is a sim fleet (2 DL/T 645 gateways, 1 Modbus RTU gateway, 5 meters
// each) and a poller over it.
type env struct {
	src    *fakeSource
	sink   *fakeSink
	poller *poller.Poller
	byID   map[int64]*sim.Meter
	dlt    *sim.Fleet
	mb     *sim.Fleet
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	meter := sim.MeterConfig{Prepaid: true, BalanceFen: 20000, OverdraftLimitFen: 1000}
	dlt, err := sim.NewFleet(sim.Config{Seed: 1, Gateways: 2, MetersPerGateway: 5, Meter: meter, LoadJitterPct: 20})
	if err != nil {
		t.Fatal(err)
	}
	mb, err := sim.NewFleet(sim.Config{Seed: 2, Gateways: 1, MetersPerGateway: 5, Meter: meter,
		Gateway: sim.GatewayConfig{Protocol: sim.ModbusRTU}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*sim.Fleet{dlt, mb} {
		if err := f.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = f.Close() })
		f.Advance(5 * time.Hour)
	}
	e := &env{src: &fakeSource{meters: map[int64][]*voltpay.Meter{}}, sink: &fakeSink{}, byID: map[int64]*sim.Meter{}, dlt: dlt, mb: mb}
	var nextMeter int64
	add := func(f *sim.Fleet, i int, proto, meterProto string) {
		gid := int64(len(e.src.gateways) + 1)
		host, port, _ := net.SplitHostPort(f.Addr(i))
		p, _ := strconv.Atoi(port)
		e.src.gateways = append(e.src.gateways, &voltpay.Gateway{ID: gid, Host: host, Port: p, Protocol: proto})
		for _, sm := range f.Gateway(i).Meters() {
			nextMeter++
			addr := sm.Addr().String()
			if meterProto == voltpay.MeterProtocolModbus {
				addr = strconv.Itoa(int(sm.Unit()))
			}
			e.src.meters[gid] = append(e.src.meters[gid], &voltpay.Meter{ID: nextMeter, GatewayID: &gid,
				Address: addr, Model: "DDSY1352", Protocol: meterProto, Status: voltpay.MeterActive, PrepaidMode: voltpay.PrepaidMeter})
			e.byID[nextMeter] = sm
		}
	}
	add(dlt, 0, voltpay.ProtocolDLT645, voltpay.MeterProtocolDLT645)
	add(dlt, 1, voltpay.ProtocolDLT645, voltpay.MeterProtocolDLT645)
	add(mb, 0, voltpay.ProtocolModbusRTU, voltpay.MeterProtocolModbus)
	e.poller = poller.New(poller.Config{BusSettings: testSettings}, e.src, e.sink, nil)
	t.Cleanup(func() { _ = e.poller.Close() })
	return e
}

func testSettings(g *voltpay.Gateway) bus.Settings {
	p := bus.DLT645
	if g.Protocol != voltpay.ProtocolDLT645 {
		p = bus.ModbusRTU
	}
	s := bus.DefaultSettings(p, 9600)
	s.ResponseTimeout, s.Retries, s.DialTimeout = 200*time.Millisecond, 0, time.Second
	s.InterFrameGap = 2 * time.Millisecond
	return s
}

// modbus reports whether meter id sits on the Modbus gateway (ids 11..15).
func (e *env) modbus(id int64) bool { return id > 10 }

func (e *env) cycle(t *testing.T, kind poller.CycleKind) poller.CycleStats {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := e.poller.RunCycle(ctx, kind)
	if err != nil {
		t.Fatalf("RunCycle(%s): %v", kind, err)
	}
	return st
}

func floor10(wh int64) voltpay.Wh { return voltpay.Wh(wh - wh%10) }

func TestPoller_RunCycle(t *testing.T) {
	e := newEnv(t)

	t.Run("Full", func(t *testing.T) {
		st := e.cycle(t, poller.Full)
		if st.Gateways != 3 || st.Meters != 15 || st.Readings != 15 || st.Failures != 0 {
			t.Fatalf("stats = %+v, want 3 gateways, 15 meters, 15 readings, 0 failures", st)
		}
		got, _, batches := e.sink.reset()
		if batches != 1 {
			t.Errorf("RecordReadings batches = %d, want 1 (15 readings, batches of %d)", batches, poller.DefaultWriteBatch)
		}
		for id, sm := range e.byID {
			r, s := got[id], sm.State()
			if r == nil {
				t.Fatalf("meter %d: no reading", id)
			}
			if want := floor10(s.EnergyWh[0]); r.EnergyWh != want || want == 0 {
				t.Errorf("meter %d: energy = %d Wh, want %d", id, r.EnergyWh, want)
			}
			if r.PeakWh == nil || *r.PeakWh != floor10(s.EnergyWh[2]) {
				t.Errorf("meter %d: peak = %v, want %d", id, r.PeakWh, floor10(s.EnergyWh[2]))
			}
			if r.VoltageDV == nil || r.CurrentMA == nil || r.PowerW == nil || r.ReadAt.IsZero() {
				t.Errorf("meter %d: reading lacks voltage/current/power/time: %+v", id, r)
			}
			if e.modbus(id) {
				if r.PowerFactorMilli == nil {
					t.Errorf("meter %d (modbus): no power factor", id)
				}
				continue
			}
			if r.BalanceFen == nil || int64(*r.BalanceFen) != s.BalanceFen {
				t.Errorf("meter %d: balance = %v, want %d", id, r.BalanceFen, s.BalanceFen)
			}
			if r.Relay == nil || *r.Relay != voltpay.RelayClosed || r.StatusWord == nil || r.PurchaseCount != nil {
				t.Errorf("meter %d: relay/status/purchase count = %v/%v/%v, want closed and no count (not read on schedule)", id, r.Relay, r.StatusWord, r.PurchaseCount)
			}
			if r.MeterClock == nil || !r.MeterClock.Equal(s.Time.Truncate(time.Second)) {
				t.Errorf("meter %d: meter clock %v, want the meter's %s", id, r.MeterClock, s.Time)
			}
		}
	})

	t.Run("StatusTripped", func(t *testing.T) {
		const id = 3
		sm := e.byID[id]
		if err := sm.Relay(dlt645.RelayTrip, sm.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		st := e.cycle(t, poller.Status)
		if st.Readings != 15 || st.Failures != 0 {
			t.Fatalf("stats = %+v, want 15 readings, 0 failures", st)
		}
		got, _, _ := e.sink.reset()
		for mid, r := range got {
			if e.modbus(mid) {
				continue
			}
			want := voltpay.RelayClosed
			if mid == id {
				want = voltpay.RelayOpen
			}
			if r.Relay == nil || *r.Relay != want {
				t.Errorf("meter %d: relay = %v, want %s", mid, r.Relay, want)
			}
			if r.BalanceFen == nil || r.EnergyWh == 0 {
				t.Errorf("meter %d: status reading lacks balance or energy: %+v", mid, r)
			}
			if r.VoltageDV != nil {
				t.Errorf("meter %d: status reading has voltage; want status DIs only", mid)
			}
		}
	})
}

func TestPoller_Close(t *testing.T) {
	e := newEnv(t)
	e.cycle(t, poller.Status)
	if err := e.poller.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := e.poller.RunCycle(context.Background(), poller.Status)
	if !errors.Is(err, bus.ErrClosed) || st.Failures != 15 {
		t.Fatalf("after Close: %+v, %v; want 15 failures and bus.ErrClosed", st, err)
	}
}

func TestPoller_Offline(t *testing.T) {
	e := newEnv(t)
	const dltID, mbID = 2, 12
	e.byID[dltID].SetOffline(true)
	e.byID[mbID].SetOffline(true)
	for i := 1; i <= 3; i++ {
		st := e.cycle(t, poller.Status)
		if st.Failures != 2 || st.Readings != 13 {
			t.Fatalf("cycle %d: stats = %+v, want 2 failures, 13 readings", i, st)
		}
		_, off, _ := e.sink.reset()
		var ids []int64
		for _, o := range off {
			ids = append(ids, o...)
		}
		slices.Sort(ids)
		if i < 3 && len(ids) > 0 {
			t.Fatalf("cycle %d: MarkOffline(%v) before OfflineAfter", i, ids)
		}
		if i == 3 && !slices.Equal(ids, []int64{dltID, mbID}) {
			t.Fatalf("cycle 3: MarkOffline ids = %v, want [%d %d]", ids, dltID, mbID)
		}
	}
	e.cycle(t, poller.Status)
	if _, off, _ := e.sink.reset(); len(off) != 0 {
		t.Errorf("cycle 4: MarkOffline repeated: %v", off)
	}

	e.byID[dltID].SetOffline(false)
	e.byID[mbID].SetOffline(false)
	st := e.cycle(t, poller.Full)
	got, _, _ := e.sink.reset()
	if st.Failures != 0 || got[dltID] == nil || got[mbID] == nil {
		t.Fatalf("back online: stats = %+v, readings of %d/%d = %v/%v", st, dltID, mbID, got[dltID], got[mbID])
	}
}

func TestPoller_ReadMeters(t *testing.T) {
	e := newEnv(t)
	e.cycle(t, poller.Status)
	e.sink.reset()
	e.dlt.Advance(time.Hour)
	e.mb.Advance(time.Hour)

	ids := []int64{7, 1, 14}
	rs, err := e.poller.ReadMeters(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != len(ids) {
		t.Fatalf("got %d readings, want %d", len(rs), len(ids))
	}
	for i, r := range rs {
		if r.MeterID != ids[i] {
			t.Errorf("reading %d is of meter %d, want %d", i, r.MeterID, ids[i])
		}
		if want := floor10(e.byID[r.MeterID].State().EnergyWh[0]); r.EnergyWh != want {
			t.Errorf("meter %d: energy = %d, want fresh %d", r.MeterID, r.EnergyWh, want)
		}
	}
	if got, _, _ := e.sink.reset(); len(got) != 3 {
		t.Errorf("recorded %d meters, want 3", len(got))
	}

	t.Run("ErrNotFound", func(t *testing.T) {
		rs, err := e.poller.ReadMeters(context.Background(), []int64{1, 999})
		if voltpay.ErrorCode(err) != voltpay.ENOTFOUND || len(rs) != 1 {
			t.Fatalf("ReadMeters(1, 999) = %d readings, %v; want 1 reading and NOT_FOUND", len(rs), err)
		}
	})
}

func TestPoller_DeadGateway(t *testing.T) {
	e := newEnv(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	_ = ln.Close()
	const gid = 99
	gw := int64(gid)
	e.src.gateways = append([]*voltpay.Gateway{{ID: gid, Host: "127.0.0.1", Port: port, Protocol: voltpay.ProtocolDLT645}}, e.src.gateways...)
	for i := range 5 {
		e.src.meters[gid] = append(e.src.meters[gid], &voltpay.Meter{ID: int64(900 + i), GatewayID: &gw,
			Address: strconv.Itoa(100 + i), Protocol: voltpay.MeterProtocolDLT645})
	}
	for i := 1; i <= 3; i++ {
		st := e.cycle(t, poller.Full)
		if st.Gateways != 4 || st.Readings != 15 || st.Failures != 5 {
			t.Fatalf("cycle %d: stats = %+v, want 4 gateways, 15 readings, 5 failures", i, st)
		}
		dead, reported := e.sink.gatewayState(gid)
		if reported != (i == 3) || (reported && dead.Online) {
			t.Fatalf("cycle %d: dead gateway state %+v (reported %v); want offline reported at cycle 3 only", i, dead, reported)
		}
		for id := int64(1); id <= 3; id++ {
			if live, ok := e.sink.gatewayState(id); !ok || !live.Online || live.SeenAt == nil {
				t.Fatalf("cycle %d: gateway %d state %+v (reported %v); want online with a last-seen time", i, id, live, ok)
			}
		}
	}
	if online, known := e.poller.GatewayOnline(gid); online || !known {
		t.Errorf("GatewayOnline(%d) = %v, %v; want offline, known", gid, online, known)
	}
}

func TestPoller_Run(t *testing.T) {
	e := newEnv(t)
	p := poller.New(poller.Config{BusSettings: testSettings, StatusInterval: 100 * time.Millisecond}, e.src, e.sink, nil)
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := p.Run(ctx); err != context.DeadlineExceeded {
		t.Fatalf("Run = %v, want deadline exceeded", err)
	}
	e.sink.mu.Lock()
	defer e.sink.mu.Unlock()
	if len(e.sink.batches) < 6 {
		t.Fatalf("Run wrote %d batches in 1 s, want at least 2 cycles × 3", len(e.sink.batches))
	}
	// The first cycle is full (voltage read), later ones status.
	full, status := 0, 0
	for _, b := range e.sink.batches {
		for _, r := range b {
			if r.MeterID > 10 {
				continue
			}
			if r.VoltageDV != nil {
				full++
			} else {
				status++
			}
		}
	}
	if full != 10 || status == 0 {
		t.Errorf("DL/T 645 readings: %d full, %d status; want 10 full then status", full, status)
	}
}

// TestPoller_PlatformMetersSkipTheirBalance: a meter whose balance the
// platform keeps is not asked for the balance it does not use; one that
// keeps its own is.
func TestPoller_PlatformMetersSkipTheirBalance(t *testing.T) {
	e := newEnv(t)
	e.src.meters[1][0].PrepaidMode = voltpay.PrepaidPlatform
	e.cycle(t, poller.Full)
	got, _, _ := e.sink.reset()
	platform, onMeter := got[e.src.meters[1][0].ID], got[e.src.meters[1][1].ID]
	if platform == nil || platform.BalanceFen != nil || platform.PurchaseCount != nil || platform.VoltageDV == nil || platform.Relay == nil {
		t.Errorf("platform-billed meter: %+v; want energy, voltage and relay but no balance or purchase count", platform)
	}
	if onMeter == nil || onMeter.BalanceFen == nil {
		t.Errorf("meter-billed meter: %+v; want its balance", onMeter)
	}
}
