package bus

import (
	"errors"
	"net"
	"slices"
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/modbus"
)

// serveRTU reads Modbus-RTU requests and hands each, numbered from 1, to h.
func serveRTU(h func(n int, unit byte, req modbus.Request, c net.Conn)) func(*fake, net.Conn) {
	return func(f *fake, c net.Conn) {
		r := modbus.NewRTUReader(c)
		for {
			unit, req, err := r.ReadRequest()
			if err != nil {
				return
			}
			h(int(f.reqs.Add(1)), unit, req, c)
		}
	}
}

// rtuReply encodes the RTU reply of unit to a read with registers 1, 2, ….
func rtuReply(t *testing.T, unit byte, req modbus.Request) []byte {
	t.Helper()
	vals := make([]uint16, req.Quantity)
	for i := range vals {
		vals[i] = uint16(i + 1)
	}
	pdu, err := modbus.AppendResponse(nil, modbus.Response{Function: req.Function, Values: vals})
	if err != nil {
		t.Fatal(err)
	}
	adu, err := modbus.AppendRTU(nil, unit, pdu)
	if err != nil {
		t.Fatal(err)
	}
	return adu
}

func rtuSettings() Settings {
	s := DefaultSettings(ModbusRTU, 9600)
	s.ResponseTimeout = 60 * time.Millisecond
	s.DialTimeout = time.Second
	return s
}

var readReq = modbus.Request{Function: modbus.ReadHoldingRegisters, Address: 0, Quantity: 3}

func wantRegs(t *testing.T, resp modbus.Response, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("Modbus: %v", err)
	}
	if want := []uint16{1, 2, 3}; !slices.Equal(resp.Values, want) {
		t.Fatalf("values = %v, want %v", resp.Values, want)
	}
}

func TestBus_ModbusRTU(t *testing.T) {
	t.Run("Normal", func(t *testing.T) {
		f := newFake(t, serveRTU(func(_ int, unit byte, req modbus.Request, c net.Conn) { c.Write(rtuReply(t, unit, req)) }))
		b := newBus(t, f.dial, ModbusRTU, rtuSettings())
		resp, err := b.ModbusRTU(ctxT(t), 7, readReq)
		wantRegs(t, resp, err)
	})

	t.Run("EchoThenReplyInSingleBytes", func(t *testing.T) {
		f := newFake(t, serveRTU(func(_ int, unit byte, req modbus.Request, c net.Conn) {
			echo, _ := modbus.EncodeRTURequest(unit, req)
			for _, x := range append(echo, rtuReply(t, unit, req)...) {
				c.Write([]byte{x})
				time.Sleep(time.Millisecond / 2)
			}
		}))
		s := rtuSettings()
		s.EchoStrip = true
		s.ResponseTimeout = time.Second
		b := newBus(t, f.dial, ModbusRTU, s)
		resp, err := b.ModbusRTU(ctxT(t), 7, readReq)
		wantRegs(t, resp, err)
	})

	t.Run("ExceptionIsNotRetried", func(t *testing.T) {
		f := newFake(t, serveRTU(func(_ int, unit byte, req modbus.Request, c net.Conn) {
			adu, _ := modbus.AppendRTU(nil, unit, modbus.AppendException(nil, req.Function, modbus.IllegalDataAddress))
			c.Write(adu)
		}))
		b := newBus(t, f.dial, ModbusRTU, rtuSettings())
		_, err := b.ModbusRTU(ctxT(t), 7, readReq)
		var ex *modbus.Exception
		if !errors.As(err, &ex) || ex.Code != modbus.IllegalDataAddress {
			t.Fatalf("err = %v, want *modbus.Exception illegal data address", err)
		}
		if got := f.reqs.Load(); got != 1 {
			t.Fatalf("fake saw %d requests, want 1", got)
		}
	})

	t.Run("BadCRCThenRetry", func(t *testing.T) {
		f := newFake(t, serveRTU(func(n int, unit byte, req modbus.Request, c net.Conn) {
			r := rtuReply(t, unit, req)
			if n == 1 {
				r[len(r)-1] ^= 0xFF
			}
			c.Write(r)
		}))
		b := newBus(t, f.dial, ModbusRTU, rtuSettings())
		resp, err := b.ModbusRTU(ctxT(t), 7, readReq)
		wantRegs(t, resp, err)
		if got, st := f.reqs.Load(), b.Stats(); got != 2 || st.Retries != 1 {
			t.Fatalf("fake saw %d requests, stats %+v; want 2 requests, 1 retry", got, st)
		}
	})

	t.Run("ErrTimeout", func(t *testing.T) {
		f := newFake(t, serveRTU(func(int, byte, modbus.Request, net.Conn) {}))
		b := newBus(t, f.dial, ModbusRTU, rtuSettings())
		_, err := b.ModbusRTU(ctxT(t), 7, readReq)
		var be *Error
		if !errors.As(err, &be) || be.Kind != ErrTimeout || be.Attempts != 3 || f.reqs.Load() != 3 {
			t.Fatalf("err = %v after %d requests, want ErrTimeout after 3", err, f.reqs.Load())
		}
	})

	t.Run("Broadcast", func(t *testing.T) {
		got := make(chan modbus.Request, 1)
		f := newFake(t, serveRTU(func(_ int, _ byte, req modbus.Request, _ net.Conn) { got <- req }))
		s := rtuSettings()
		s.ResponseTimeout = 5 * time.Second
		b := newBus(t, f.dial, ModbusRTU, s)
		w := modbus.Request{Function: modbus.WriteSingleRegister, Address: 0x10, Values: []uint16{1}}
		start := time.Now()
		if _, err := b.ModbusRTU(ctxT(t), modbus.BroadcastUnit, w); err != nil || time.Since(start) > time.Second {
			t.Fatalf("broadcast write: %v after %v", err, time.Since(start))
		}
		if r := <-got; r.Address != 0x10 {
			t.Fatalf("fake got %+v", r)
		}
		if _, err := b.ModbusRTU(ctxT(t), modbus.BroadcastUnit, readReq); !errors.Is(err, ErrProtocol) {
			t.Fatalf("broadcast read: err = %v, want ErrProtocol", err)
		}
	})

	t.Run("MixedWithDLT645", func(t *testing.T) {
		// One serial bus, meters of both protocols: the fake tells them apart
		// by the first byte (FE preamble for 645).
		f := newFake(t, func(f *fake, c net.Conn) {
			var buf [64]byte
			for {
				n, err := c.Read(buf[:])
				if err != nil {
					return
				}
				if buf[0] == 0xFE {
					req, err := dlt645.Decode(buf[4:n])
					if err != nil {
						t.Errorf("645 request: %v", err)
						return
					}
					c.Write(reply645(t, req, 0x45, 0x23, 0x01, 0x00))
					continue
				}
				c.Write(rtuReply(t, buf[0], readReq))
			}
		})
		b := newBus(t, f.dial, DLT645, testSettings())
		resp, err := b.ModbusRTU(ctxT(t), 7, readReq)
		wantRegs(t, resp, err)
		readBalance(t, b)
	})
}

func TestBus_ModbusTCP(t *testing.T) {
	f := newFake(t, func(f *fake, c net.Conn) {
		r := modbus.NewTCPReader(c)
		for {
			h, req, err := r.ReadRequest()
			if err != nil {
				return
			}
			f.reqs.Add(1)
			pdu, _ := modbus.AppendResponse(nil, modbus.Response{Function: req.Function, Values: []uint16{1, 2, 3}})
			stale, _ := modbus.AppendTCP(nil, modbus.MBAP{Transaction: h.Transaction - 1, Unit: h.Unit}, pdu)
			adu, _ := modbus.AppendTCP(nil, h, pdu)
			c.Write(append(stale, adu...)) // a late reply to an older transaction first
		}
	})
	s := DefaultSettings(ModbusTCP, 9600)
	s.ResponseTimeout = 500 * time.Millisecond
	b := newBus(t, f.dial, ModbusTCP, s)
	for range 3 {
		resp, err := b.ModbusTCP(ctxT(t), 1, readReq)
		wantRegs(t, resp, err)
	}
	if _, err := b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diBalance)); !errors.Is(err, ErrProtocol) {
		t.Fatalf("DL/T 645 on a Modbus-TCP bus: err = %v, want ErrProtocol", err)
	}
	rtu := newBus(t, f.dial, ModbusRTU, rtuSettings())
	if _, err := rtu.ModbusTCP(ctxT(t), 1, readReq); !errors.Is(err, ErrProtocol) {
		t.Fatalf("Modbus-TCP on a serial bus: err = %v, want ErrProtocol", err)
	}
}
