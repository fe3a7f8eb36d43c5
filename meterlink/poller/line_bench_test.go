package poller_test

import (
	"context"
	"net"
	"os"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// lineSource lists one gateway's meters from memory.
type lineSource struct {
	gateways []*voltpay.Gateway
	meters   map[int64][]*voltpay.Meter
}

func (s *lineSource) Gateways(context.Context) ([]*voltpay.Gateway, error) { return s.gateways, nil }

func (s *lineSource) Meters(_ context.Context, id int64) ([]*voltpay.Meter, error) {
	return s.meters[id], nil
}

// countSink counts readings and offline reports.
type countSink struct{ readings, offline atomic.Int64 }

func (s *countSink) RecordReadings(_ context.Context, rs []*voltpay.Reading) (int, error) {
	s.readings.Add(int64(len(rs)))
	return len(rs), nil
}

func (s *countSink) RecordGatewayStates(context.Context, []voltpay.GatewayState) error { return nil }

func (s *countSink) MarkOffline(_ context.Context, ids []int64) error {
	s.offline.Add(int64(len(ids)))
	return nil
}

// BenchmarkLine9600 polls one DL/T 645 bus of 32 simulated meters at 9600
// baud 8E1 with the meters' minimum response delay (Td = 20 ms, DL/T 645
// §5.3.3) and the poller's default bus settings (bus.DefaultSettings(DLT645,
// 9600)), and compares each cycle with the line's physical limit: the sum
// over exchanges of (request + reply bytes, FE preambles included) × 11 bits
// / 9600 baud, plus one Td per reply, as counted by the simulator
// (sim.LineStats.Busy). The master's own inter-frame gap is not part of the
// limit: DL/T 645 does not require one. VOLTPAY_BENCH_LINE_METERS changes
// the number of meters (1..247).
//
//	go test -run '^$' -bench BenchmarkLine9600 -benchtime 1x ./meterlink/poller/
func BenchmarkLine9600(b *testing.B) {
	meters := 32
	if v := os.Getenv("VOLTPAY_BENCH_LINE_METERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 247 {
			b.Fatalf("VOLTPAY_BENCH_LINE_METERS=%q: want 1..247", v)
		}
		meters = n
	}
	for _, kind := range []poller.CycleKind{poller.Status, poller.Full} {
		b.Run(kind.String(), func(b *testing.B) { benchLine(b, kind, meters) })
	}
}

func benchLine(b *testing.B, kind poller.CycleKind, meters int) {
	const baud, td = 9600, 20 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f, err := sim.NewFleet(sim.Config{Seed: 9600, Gateways: 1, MetersPerGateway: meters,
		Meter:   sim.MeterConfig{Prepaid: true, BalanceFen: 50_000, OverdraftLimitFen: 1000},
		Gateway: sim.GatewayConfig{Baud: baud, CharBits: 11, Turnaround: td, Preamble: -1}})
	if err != nil {
		b.Fatal(err)
	}
	if err := f.Start(ctx); err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	f.Advance(5 * time.Hour)
	host, port, _ := net.SplitHostPort(f.Addr(0))
	p, _ := strconv.Atoi(port)
	gid := int64(1)
	src := &lineSource{gateways: []*voltpay.Gateway{{ID: gid, Host: host, Port: p, Protocol: voltpay.ProtocolDLT645}},
		meters: map[int64][]*voltpay.Meter{}}
	for i, sm := range f.Meters() {
		src.meters[gid] = append(src.meters[gid], &voltpay.Meter{ID: int64(i + 1), GatewayID: &gid,
			Address: sm.Addr().String(), Protocol: voltpay.MeterProtocolDLT645, Status: voltpay.MeterActive,
			PrepaidMode: voltpay.PrepaidMeter}) // the longest read plan
	}
	set := bus.DefaultSettings(bus.DLT645, baud)
	sink := &countSink{}
	pl := poller.New(poller.Config{BusSettings: func(*voltpay.Gateway) bus.Settings { return set }}, src, sink, nil)
	defer pl.Close()

	var elapsed, limit time.Duration
	var exchanges, bytes uint64
	for b.Loop() {
		before := f.LineStats()
		start := time.Now()
		st, err := pl.RunCycle(ctx, kind)
		el := time.Since(start)
		if err != nil || st.Readings != meters {
			b.Fatalf("RunCycle(%s) = %+v, %v; want %d readings", kind, st, err, meters)
		}
		after := f.LineStats()
		elapsed += el
		limit += after.Busy - before.Busy
		exchanges += after.Replies - before.Replies
		bytes += after.RequestBytes + after.ReplyBytes - before.RequestBytes - before.ReplyBytes
	}
	n := float64(b.N)
	b.ReportMetric(elapsed.Seconds()/n, "s/cycle")
	b.ReportMetric(limit.Seconds()/n, "limit-s/cycle")
	b.ReportMetric(elapsed.Seconds()/limit.Seconds(), "x-limit")
	b.ReportMetric(float64(exchanges)/n, "exchanges/cycle")
	b.ReportMetric(float64(bytes)/n, "line-bytes/cycle")
	b.ReportMetric(float64(set.InterFrameGap)/float64(time.Millisecond), "gap-ms")
	b.ReportMetric((elapsed-limit).Seconds()*1000/float64(exchanges), "overhead-ms/exchange")
}
