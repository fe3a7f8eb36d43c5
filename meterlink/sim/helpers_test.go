package sim_test

import (
	"context"
	"errors"
	"net"
	"os"
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// flatShape keeps the load constant over the day.
var flatShape = func() *[24]int64 {
	var s [24]int64
	for i := range s {
		s[i] = 100
	}
	return &s
}()

// mustFleet builds and starts a fleet, closing it at the end of the test.
func mustFleet(tb testing.TB, cfg sim.Config) *sim.Fleet {
	tb.Helper()
	f, err := sim.NewFleet(cfg)
	if err != nil {
		tb.Fatalf("NewFleet: %v", err)
	}
	if err := f.Start(context.Background()); err != nil {
		tb.Fatalf("Start: %v", err)
	}
	tb.Cleanup(func() { _ = f.Close() })
	return f
}

// client645 is a raw DL/T 645 master on one gateway connection.
type client645 struct {
	tb testing.TB
	c  net.Conn
	fr *dlt645.FrameReader
}

func dial645(tb testing.TB, addr string) *client645 {
	tb.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		tb.Fatalf("dial %s: %v", addr, err)
	}
	tb.Cleanup(func() { _ = c.Close() })
	return &client645{tb: tb, c: c, fr: dlt645.NewFrameReader(c)}
}

func (cl *client645) send(f dlt645.Frame) {
	cl.tb.Helper()
	b, err := f.AppendRequest(nil, dlt645.DefaultPreamble)
	if err != nil {
		cl.tb.Fatalf("encode: %v", err)
	}
	if _, err := cl.c.Write(b); err != nil {
		cl.tb.Fatalf("write: %v", err)
	}
}

// read returns the next reply frame or the error, waiting at most d.
func (cl *client645) read(d time.Duration) (dlt645.Frame, error) {
	_ = cl.c.SetReadDeadline(time.Now().Add(d))
	return cl.fr.ReadReply()
}

// exchange sends req and returns the matching reply, as a real master does.
func (cl *client645) exchange(req dlt645.Frame, d time.Duration) (dlt645.Frame, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return dlt645.NewConn(cl.c).Exchange(ctx, req)
}

// readValue reads di and decodes it with the codec's item table.
func (cl *client645) readValue(addr dlt645.Address, di dlt645.DI) []int64 {
	cl.tb.Helper()
	reply, err := cl.exchange(dlt645.ReadRequest(addr, di), time.Second)
	if err != nil {
		cl.tb.Fatalf("read %s: %v", di, err)
	}
	data, err := dlt645.ReadReplyData(di, reply)
	if err != nil {
		cl.tb.Fatalf("read %s: %v", di, err)
	}
	it, _ := dlt645.Lookup(di)
	v, err := it.Decode(data)
	if err != nil {
		cl.tb.Fatalf("decode %s: %v", di, err)
	}
	return v
}

func isTimeout(err error) bool {
	return errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded)
}

// oneMeter645 starts one gateway with n DL/T 645 meters built from mc.
func oneMeter645(tb testing.TB, n int, mc sim.MeterConfig, gc sim.GatewayConfig) (*sim.Fleet, *client645) {
	tb.Helper()
	gc.Protocol = sim.DLT645
	f := mustFleet(tb, sim.Config{Seed: 1, Gateways: 1, MetersPerGateway: n, Meter: mc, Gateway: gc})
	return f, dial645(tb, f.Addr(0))
}
