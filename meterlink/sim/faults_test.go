package sim_test

import (
	"bytes"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/modbus"
	"github.com/voltpay/voltpay/meterlink/sim"
)

const short = 80 * time.Millisecond

func TestGateway_Faults(t *testing.T) {
	setup := func(t *testing.T, gc sim.GatewayConfig) (*sim.Fleet, *client645, dlt645.Address) {
		f, cl := oneMeter645(t, 2, prepaid(), gc)
		return f, cl, f.Meters()[0].Addr()
	}
	readBalance := func(a dlt645.Address) dlt645.Frame { return dlt645.ReadRequest(a, dlt645.DIBalance) }
	readStatus := func(a dlt645.Address) dlt645.Frame { return dlt645.ReadRequest(a, dlt645.DIStatusWord3) }
	wantDI := func(t *testing.T, f dlt645.Frame, err error, di dlt645.DI) {
		t.Helper()
		if err != nil {
			t.Fatalf("read %s: %v", di, err)
		}
		if _, err := dlt645.ReadReplyData(di, f); err != nil {
			t.Fatalf("reply is not for %s: %v", di, err)
		}
	}

	t.Run("Drop", func(t *testing.T) {
		f, cl, a := setup(t, sim.GatewayConfig{})
		f.Gateway(0).Force(sim.FaultDrop, 1)
		if _, err := cl.exchange(readBalance(a), short); !isTimeout(err) {
			t.Fatalf("err = %v, want timeout", err)
		}
		r, err := cl.exchange(readBalance(a), time.Second)
		wantDI(t, r, err, dlt645.DIBalance)
	})
	t.Run("Delay", func(t *testing.T) {
		f, cl, a := setup(t, sim.GatewayConfig{Faults: sim.Faults{DelayBy: 300 * time.Millisecond}})
		f.Gateway(0).Force(sim.FaultDelay, 1)
		cl.send(readBalance(a))
		if _, err := cl.read(short); !isTimeout(err) {
			t.Fatalf("err = %v, want timeout", err)
		}
		cl.send(readStatus(a))
		r, err := cl.read(time.Second)
		wantDI(t, r, err, dlt645.DIBalance) // the late reply comes first
		r, err = cl.read(time.Second)
		wantDI(t, r, err, dlt645.DIStatusWord3)
	})
	t.Run("Corrupt", func(t *testing.T) {
		f, cl, a := setup(t, sim.GatewayConfig{Preamble: 4})
		f.Gateway(0).Force(sim.FaultCorrupt, 1)
		cl.send(readBalance(a))
		_ = cl.c.SetReadDeadline(time.Now().Add(time.Second))
		if _, err := cl.fr.ReadFrame(); !errors.Is(err, dlt645.ErrChecksum) {
			t.Fatalf("err = %v, want ErrChecksum", err)
		}
	})
	t.Run("Split", func(t *testing.T) {
		f, cl, a := setup(t, sim.GatewayConfig{Faults: sim.Faults{SplitPause: 5 * time.Millisecond}})
		f.Gateway(0).Force(sim.FaultSplit, 1)
		r, err := cl.exchange(readBalance(a), time.Second)
		wantDI(t, r, err, dlt645.DIBalance)
	})
	t.Run("Coalesce", func(t *testing.T) {
		f, cl, a := setup(t, sim.GatewayConfig{})
		f.Gateway(0).Force(sim.FaultCoalesce, 1)
		cl.send(readBalance(a))
		if _, err := cl.read(short); !isTimeout(err) {
			t.Fatalf("err = %v, want timeout while held", err)
		}
		cl.send(readStatus(a))
		r, err := cl.read(time.Second)
		wantDI(t, r, err, dlt645.DIBalance)
		r, err = cl.read(time.Second)
		wantDI(t, r, err, dlt645.DIStatusWord3)
	})
	t.Run("Echo", func(t *testing.T) {
		f, cl, a := setup(t, sim.GatewayConfig{})
		f.Gateway(0).Force(sim.FaultEcho, 1)
		cl.send(readBalance(a))
		_ = cl.c.SetReadDeadline(time.Now().Add(time.Second))
		echo, err := cl.fr.ReadFrame()
		if err != nil || echo.Control.IsReply() {
			t.Fatalf("first frame = %+v, %v; want the echoed request", echo, err)
		}
		r, err := cl.fr.ReadReply()
		wantDI(t, r, err, dlt645.DIBalance)
	})
	t.Run("Garbage", func(t *testing.T) {
		f, cl, a := setup(t, sim.GatewayConfig{})
		f.Gateway(0).Force(sim.FaultGarbage, 1)
		cl.send(readBalance(a))
		r, err := cl.read(time.Second)
		wantDI(t, r, err, dlt645.DIBalance)
		if cl.fr.Discarded() == 0 {
			t.Fatal("no garbage discarded")
		}
	})
	t.Run("Disconnect", func(t *testing.T) {
		f, cl, a := setup(t, sim.GatewayConfig{})
		f.Gateway(0).Force(sim.FaultDisconnect, 1)
		cl.send(readBalance(a))
		if _, err := cl.read(time.Second); !errors.Is(err, io.EOF) {
			t.Fatalf("err = %v, want EOF", err)
		}
		cl2 := dial645(t, f.Addr(0))
		r, err := cl2.exchange(readBalance(a), time.Second)
		wantDI(t, r, err, dlt645.DIBalance)
	})
	t.Run("DisconnectAfter", func(t *testing.T) {
		_, cl, a := setup(t, sim.GatewayConfig{DisconnectAfter: 2})
		for range 2 {
			r, err := cl.exchange(readBalance(a), time.Second)
			wantDI(t, r, err, dlt645.DIBalance)
		}
		cl.send(readBalance(a))
		if _, err := cl.read(time.Second); !errors.Is(err, io.EOF) {
			t.Fatalf("err = %v, want EOF", err)
		}
	})
	t.Run("SerialDead", func(t *testing.T) {
		f, cl, a := setup(t, sim.GatewayConfig{})
		f.Gateway(0).SetSerialDead(true)
		if _, err := cl.exchange(readBalance(a), short); !isTimeout(err) {
			t.Fatalf("err = %v, want timeout", err)
		}
		f.Gateway(0).SetSerialDead(false)
		r, err := cl.exchange(readBalance(a), time.Second)
		wantDI(t, r, err, dlt645.DIBalance)
	})
	t.Run("Offline", func(t *testing.T) {
		f, cl, a := setup(t, sim.GatewayConfig{})
		f.Meters()[0].SetOffline(true)
		if _, err := cl.exchange(readBalance(a), short); !isTimeout(err) {
			t.Fatalf("err = %v, want timeout", err)
		}
		r, err := cl.exchange(readBalance(f.Meters()[1].Addr()), time.Second)
		wantDI(t, r, err, dlt645.DIBalance)
	})
	t.Run("PerMeter", func(t *testing.T) {
		f, cl, a := setup(t, sim.GatewayConfig{})
		f.Meters()[0].SetFaults(sim.Faults{Drop: 1})
		if _, err := cl.exchange(readBalance(a), short); !isTimeout(err) {
			t.Fatalf("err = %v, want timeout", err)
		}
		r, err := cl.exchange(readBalance(f.Meters()[1].Addr()), time.Second)
		wantDI(t, r, err, dlt645.DIBalance)
	})
	t.Run("RandomStillDecodable", func(t *testing.T) {
		_, cl, a := setup(t, sim.GatewayConfig{Preamble: -1, Seed: 3,
			Faults: sim.Faults{Split: 0.25, Echo: 0.25, Garbage: 0.25, SplitPause: time.Millisecond}})
		for range 30 {
			r, err := cl.exchange(readBalance(a), time.Second)
			wantDI(t, r, err, dlt645.DIBalance)
		}
	})
	t.Run("ModbusEcho", func(t *testing.T) {
		f := mustFleet(t, sim.Config{Seed: 1, Gateways: 1, MetersPerGateway: 1, Gateway: sim.GatewayConfig{Protocol: sim.ModbusRTU}})
		f.Gateway(0).Force(sim.FaultEcho, 1)
		cl := dialRTU(t, f.Addr(0))
		cl.rr.SkipEcho = true
		req := modbus.Request{Function: modbus.ReadHoldingRegisters, Address: 0, Quantity: 4}
		if _, err := cl.do(1, req, time.Second); err != nil {
			t.Fatalf("read after echo: %v", err)
		}
	})
	t.Run("ModbusCorrupt", func(t *testing.T) {
		f := mustFleet(t, sim.Config{Seed: 1, Gateways: 1, MetersPerGateway: 1, Gateway: sim.GatewayConfig{Protocol: sim.ModbusRTU}})
		f.Gateway(0).Force(sim.FaultCorrupt, 1)
		cl := dialRTU(t, f.Addr(0))
		req := modbus.Request{Function: modbus.ReadHoldingRegisters, Address: 0, Quantity: 4}
		if _, err := cl.do(1, req, short); err == nil {
			t.Fatal("corrupted reply accepted")
		}
		if _, err := cl.do(1, req, time.Second); err != nil {
			t.Fatalf("next read: %v", err)
		}
	})
}

func TestGateway_LineTiming(t *testing.T) {
	_, cl := oneMeter645(t, 1, prepaid(), sim.GatewayConfig{Baud: 9600, Turnaround: 20 * time.Millisecond})
	start := time.Now()
	if _, err := cl.exchange(dlt645.ReadRequest(dlt645.Wildcard, dlt645.DIBalance), time.Second); err != nil {
		t.Fatal(err)
	}
	// 16-byte request + 20-byte reply at 9600 8E1 (1.146 ms/byte) + Td 20 ms.
	if el, min := time.Since(start), 60*time.Millisecond; el < min {
		t.Fatalf("exchange took %v, want at least %v", el, min)
	}
}

// transcript sends the same requests to a fresh fleet and records every
// byte that comes back.
func transcript(t *testing.T, seed uint64) ([]byte, []dlt645.Address) {
	f := mustFleet(t, sim.Config{Seed: seed, Gateways: 2, MetersPerGateway: 3, Meter: prepaid(), LoadJitterPct: 20,
		Gateway: sim.GatewayConfig{Preamble: -1, Faults: sim.Faults{Corrupt: 0.2, Split: 0.2, Echo: 0.2, Garbage: 0.2, SplitPause: time.Millisecond}}})
	f.Advance(3 * time.Hour)
	var addrs []dlt645.Address
	for _, m := range f.Meters() {
		addrs = append(addrs, m.Addr())
	}
	c, err := net.Dial("tcp", f.Addr(1))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var out []byte
	dis := []dlt645.DI{dlt645.DIBalance, dlt645.DIForwardActiveBlock, dlt645.DIStatusWord3, dlt645.DIActivePower}
	buf := make([]byte, 512)
	for i := range 12 {
		req, _ := dlt645.ReadRequest(f.Gateway(1).Meters()[i%3].Addr(), dis[i%len(dis)]).AppendRequest(nil, 4)
		if _, err := c.Write(req); err != nil {
			t.Fatal(err)
		}
		for {
			_ = c.SetReadDeadline(time.Now().Add(25 * time.Millisecond))
			n, err := c.Read(buf)
			out = append(out, buf[:n]...)
			if err != nil {
				break
			}
		}
	}
	return out, addrs
}

func TestFleet_Deterministic(t *testing.T) {
	b1, a1 := transcript(t, 99)
	b2, a2 := transcript(t, 99)
	if len(b1) == 0 || !bytes.Equal(b1, b2) {
		t.Fatalf("same seed, different bytes:\n%X\n%X", b1, b2)
	}
	for i := range a1 {
		if a1[i] != a2[i] {
			t.Fatalf("meter %d: addresses %s and %s", i, a1[i], a2[i])
		}
	}
	_, a3 := transcript(t, 100)
	if a3[0] == a1[0] {
		t.Fatalf("seeds 99 and 100 gave the same first address %s", a1[0])
	}
}
