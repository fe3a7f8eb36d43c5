package sim_test

import (
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/modbus"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// clientRTU is an RTU-over-TCP master on one gateway connection.
type clientRTU struct {
	tb testing.TB
	c  net.Conn
	rr *modbus.RTUReader
}

func dialRTU(tb testing.TB, addr string) *clientRTU {
	tb.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		tb.Fatalf("dial: %v", err)
	}
	tb.Cleanup(func() { _ = c.Close() })
	return &clientRTU{tb: tb, c: c, rr: modbus.NewRTUReader(c)}
}

func (cl *clientRTU) do(unit byte, req modbus.Request, d time.Duration) (modbus.Response, error) {
	cl.tb.Helper()
	b, err := modbus.EncodeRTURequest(unit, req)
	if err != nil {
		cl.tb.Fatal(err)
	}
	cl.rr.Reset()
	if _, err := cl.c.Write(b); err != nil {
		cl.tb.Fatal(err)
	}
	_ = cl.c.SetReadDeadline(time.Now().Add(d))
	resp, err := cl.rr.ReadResponse(unit, req)
	var ex *modbus.Exception
	if err != nil && !errors.As(err, &ex) {
		// RTUReader keeps a read error (even a timeout) sticky: start afresh.
		cl.rr = modbus.NewRTUReader(cl.c)
	}
	return resp, err
}

func TestModbus_RTU(t *testing.T) {
	f := mustFleet(t, sim.Config{Seed: 7, Gateways: 1, MetersPerGateway: 3,
		Meter: sim.MeterConfig{LoadW: 2200, Shape: flatShape, PowerFactor: 1000}, Gateway: sim.GatewayConfig{Protocol: sim.ModbusRTU}})
	f.Advance(time.Hour)
	cl := dialRTU(t, f.Addr(0))
	p := modbus.AcrelDDSY1352
	span, _ := p.Span(modbus.Holding)
	resp, err := cl.do(2, span, time.Second)
	if err != nil {
		t.Fatalf("read block: %v", err)
	}
	got, err := p.DecodeBlock(modbus.Holding, span.Address, resp.Values)
	if err != nil {
		t.Fatal(err)
	}
	want := map[modbus.Quantity]int64{modbus.EnergyTotal: 2200, modbus.EnergyFlat: 2200, modbus.EnergyPeak: 0,
		modbus.Voltage: 2200, modbus.Current: 10000, modbus.ActivePower: 2200, modbus.PowerFactor: 1000, modbus.ApparentPower: 2200}
	for q, w := range want {
		if got[q] != w {
			t.Errorf("%s = %d, want %d", q, got[q], w)
		}
	}
	t.Run("ErrIllegalDataAddress", func(t *testing.T) {
		_, err := cl.do(2, modbus.Request{Function: modbus.ReadHoldingRegisters, Address: 0x0100, Quantity: 2}, time.Second)
		var ex *modbus.Exception
		if !errors.As(err, &ex) || ex.Code != modbus.IllegalDataAddress {
			t.Fatalf("err = %v, want exception 02", err)
		}
	})
	t.Run("NoInputRegisters", func(t *testing.T) {
		_, err := cl.do(2, modbus.Request{Function: modbus.ReadInputRegisters, Address: 0, Quantity: 2}, time.Second)
		var ex *modbus.Exception
		if !errors.As(err, &ex) || ex.Code != modbus.IllegalDataAddress {
			t.Fatalf("err = %v, want exception 02 (no input registers)", err)
		}
	})
	t.Run("Write", func(t *testing.T) {
		w := modbus.Request{Function: modbus.WriteMultipleRegisters, Address: 0x000A, Quantity: 1, Values: []uint16{1234}}
		if _, err := cl.do(2, w, time.Second); err != nil {
			t.Fatalf("write programming code: %v", err)
		}
		r, err := cl.do(2, modbus.Request{Function: modbus.ReadHoldingRegisters, Address: 0x000A, Quantity: 1}, time.Second)
		if err != nil || r.Values[0] != 1234 {
			t.Fatalf("read back = %v, %v", r.Values, err)
		}
		_, err = cl.do(2, modbus.Request{Function: modbus.WriteSingleRegister, Address: 0x0000, Values: []uint16{1}}, time.Second)
		var ex *modbus.Exception
		if !errors.As(err, &ex) || ex.Code != modbus.IllegalDataAddress {
			t.Fatalf("write energy: err = %v, want exception 02", err)
		}
	})
	t.Run("ErrIllegalFunction", func(t *testing.T) {
		// Write single coil 0x05: framed by the reader, not served by the meter.
		b, _ := modbus.AppendRTU(nil, 2, []byte{0x05, 0x00, 0x00, 0xFF, 0x00})
		if _, err := cl.c.Write(b); err != nil {
			t.Fatal(err)
		}
		_ = cl.c.SetReadDeadline(time.Now().Add(time.Second))
		got := make([]byte, 5)
		if _, err := io.ReadFull(cl.c, got); err != nil {
			t.Fatal(err)
		}
		unit, pdu, err := modbus.DecodeRTU(got)
		if err != nil || unit != 2 || pdu[0] != 0x85 || modbus.ExceptionCode(pdu[1]) != modbus.IllegalFunction {
			t.Fatalf("reply % X (%v), want exception 01 for function 05", got, err)
		}
	})
	t.Run("UnknownUnitSilent", func(t *testing.T) {
		if _, err := cl.do(9, span, 100*time.Millisecond); !isTimeout(err) {
			t.Fatalf("err = %v, want timeout", err)
		}
	})
}

func TestModbus_TCP(t *testing.T) {
	f := mustFleet(t, sim.Config{Seed: 7, Gateways: 1, MetersPerGateway: 1,
		Meter: sim.MeterConfig{LoadW: 1000, Shape: flatShape}, Gateway: sim.GatewayConfig{Protocol: sim.ModbusTCP}})
	f.Advance(time.Hour)
	c, err := net.Dial("tcp", f.Addr(0))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	req := modbus.Request{Function: modbus.ReadHoldingRegisters, Address: 0, Quantity: 2}
	h := modbus.MBAP{Transaction: 42, Unit: 1}
	b, _ := modbus.EncodeTCPRequest(h, req)
	if _, err := c.Write(b); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(time.Now().Add(time.Second))
	resp, err := modbus.NewTCPReader(c).ReadResponse(h, req)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if got := int64(resp.Values[0])<<16 | int64(resp.Values[1]); got != 100 {
		t.Fatalf("total energy = %d (0.01 kWh), want 100", got)
	}
}
