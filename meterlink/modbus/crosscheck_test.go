package modbus_test

// Cross-check against an independent implementation: simonvetter/modbus
// (MIT), the library docs/PROTOCOLS.md §4.1 rates as having good RTU framing. Its
// RTU-over-TCP and TCP clients talk to a slave built from our codec, and our
// TCP master talks to its server, over real loopback TCP connections.

import (
	"errors"
	"io"
	"log"
	"net"
	"reflect"
	"sync"
	"testing"
	"time"

	sv "github.com/simonvetter/modbus"

	"github.com/voltpay/voltpay/meterlink/modbus"
)

// registers is a bank of 256 holding registers and 256 input registers
// (input register i holds 0x1000+i), shared by both sides' slaves.
type registers struct {
	mu      sync.Mutex
	holding [256]uint16
}

const bankSize = 256

func (b *registers) read(k modbus.Kind, addr, n uint16) ([]uint16, bool) {
	if int(addr)+int(n) > bankSize {
		return nil, false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]uint16, n)
	for i := range out {
		if k == modbus.Input {
			out[i] = 0x1000 + addr + uint16(i)
		} else {
			out[i] = b.holding[int(addr)+i]
		}
	}
	return out, true
}

func (b *registers) write(addr uint16, vals []uint16) bool {
	if int(addr)+len(vals) > bankSize {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	copy(b.holding[addr:], vals)
	return true
}

// handle answers one request with a reply or exception PDU, using only our
// codec's types.
func (b *registers) handle(req modbus.Request) []byte {
	var vals []uint16
	ok := true
	switch req.Function {
	case modbus.ReadHoldingRegisters:
		vals, ok = b.read(modbus.Holding, req.Address, req.Quantity)
	case modbus.ReadInputRegisters:
		vals, ok = b.read(modbus.Input, req.Address, req.Quantity)
	default:
		ok = b.write(req.Address, req.Values)
		vals = req.Values
	}
	if !ok {
		return modbus.AppendException(nil, req.Function, modbus.IllegalDataAddress)
	}
	pdu, err := modbus.AppendResponse(nil, modbus.Response{Function: req.Function, Address: req.Address, Quantity: req.Quantity, Values: vals})
	if err != nil {
		return modbus.AppendException(nil, req.Function, modbus.ServerDeviceFailure)
	}
	return pdu
}

// serve accepts connections on ln and runs our slave on each until the
// listener closes; rtu picks RTU-over-TCP framing, else Modbus-TCP.
func serve(t *testing.T, ln net.Listener, bank *registers, rtu bool) {
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer conn.Close()
				if rtu {
					serveRTU(conn, bank)
				} else {
					serveTCP(conn, bank)
				}
			})
		}
	})
}

func serveRTU(conn net.Conn, bank *registers) {
	r := modbus.NewRTUReader(conn)
	for {
		unit, req, err := r.ReadRequest()
		var pdu []byte
		switch {
		case errors.Is(err, modbus.ErrInvalidRequest):
			pdu = modbus.AppendException(nil, req.Function, modbus.IllegalFunction)
		case errors.Is(err, modbus.ErrMalformed):
			pdu = modbus.AppendException(nil, req.Function, modbus.IllegalDataValue)
		case err != nil:
			return
		default:
			pdu = bank.handle(req)
		}
		frame, _ := modbus.AppendRTU(nil, unit, pdu)
		if _, err := conn.Write(frame); err != nil {
			return
		}
	}
}

func serveTCP(conn net.Conn, bank *registers) {
	r := modbus.NewTCPReader(conn)
	for {
		h, req, err := r.ReadRequest()
		var pdu []byte
		switch {
		case errors.Is(err, modbus.ErrInvalidRequest):
			pdu = modbus.AppendException(nil, req.Function, modbus.IllegalFunction)
		case errors.Is(err, modbus.ErrMalformed) && req.Function != 0:
			pdu = modbus.AppendException(nil, req.Function, modbus.IllegalDataValue)
		case err != nil:
			return
		default:
			pdu = bank.handle(req)
		}
		frame, _ := modbus.AppendTCP(nil, h, pdu)
		if _, err := conn.Write(frame); err != nil {
			return
		}
	}
}

func quiet() *log.Logger { return log.New(io.Discard, "", 0) }

// TestCrossCheck_TheirClientOurSlave runs simonvetter's client, in
// RTU-over-TCP and in TCP mode, against our codec acting as the slave.
func TestCrossCheck_TheirClientOurSlave(t *testing.T) {
	for _, mode := range []string{"rtuovertcp", "tcp"} {
		t.Run(mode, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			bank := &registers{}
			serve(t, ln, bank, mode == "rtuovertcp")
			c, err := sv.NewClient(&sv.ClientConfiguration{URL: mode + "://" + ln.Addr().String(), Timeout: 2 * time.Second, Logger: quiet()})
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Open(); err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.SetUnitId(7)

			if err := c.WriteRegister(0x0A, 1234); err != nil {
				t.Fatalf("their FC06: %v", err)
			}
			if err := c.WriteRegisters(0, []uint16{0x0012, 0xD687, 0, 100}); err != nil {
				t.Fatalf("their FC10: %v", err)
			}
			if err := c.WriteRegisters(0x20, make([]uint16, 123)); err != nil {
				t.Fatalf("their FC10 × 123: %v", err)
			}
			got, err := c.ReadRegisters(0, 11, sv.HOLDING_REGISTER)
			want := []uint16{0x0012, 0xD687, 0, 100, 0, 0, 0, 0, 0, 0, 1234}
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("their FC03 = %v, %v; want %v", got, err, want)
			}
			total, err := c.ReadUint32(0, sv.HOLDING_REGISTER)
			if err != nil || total != 1234567 {
				t.Fatalf("their ReadUint32 = %d, %v; want 1234567", total, err)
			}
			wh, err := modbus.AcrelDDSY1352.Registers[modbus.EnergyTotal].Decode(got[:2])
			if err != nil || wh != int64(total)*10 {
				t.Errorf("our profile decodes %d Wh, their uint32 %d × 0.01 kWh = %d Wh", wh, total, int64(total)*10)
			}
			in, err := c.ReadRegisters(250, 6, sv.INPUT_REGISTER)
			if err != nil || in[0] != 0x1000+250 || in[5] != 0x1000+255 {
				t.Fatalf("their FC04 = %v, %v", in, err)
			}
			big, err := c.ReadRegisters(100, 125, sv.HOLDING_REGISTER)
			if err != nil || len(big) != 125 {
				t.Fatalf("their FC03 × 125 = %d registers, %v", len(big), err)
			}
			if _, err := c.ReadRegisters(250, 10, sv.HOLDING_REGISTER); !errors.Is(err, sv.ErrIllegalDataAddress) {
				t.Errorf("their read past the bank: got %v, want %v", err, sv.ErrIllegalDataAddress)
			}
			if _, err := c.ReadCoils(0, 1); !errors.Is(err, sv.ErrIllegalFunction) {
				t.Errorf("their FC01: got %v, want %v", err, sv.ErrIllegalFunction)
			}
		})
	}
}

// handler is simonvetter's server-side view of the same register bank.
type handler struct{ bank *registers }

func (h handler) HandleCoils(*sv.CoilsRequest) ([]bool, error) { return nil, sv.ErrIllegalFunction }
func (h handler) HandleDiscreteInputs(*sv.DiscreteInputsRequest) ([]bool, error) {
	return nil, sv.ErrIllegalFunction
}

func (h handler) HandleHoldingRegisters(req *sv.HoldingRegistersRequest) ([]uint16, error) {
	if req.IsWrite {
		if !h.bank.write(req.Addr, req.Args) {
			return nil, sv.ErrIllegalDataAddress
		}
		return nil, nil
	}
	vals, ok := h.bank.read(modbus.Holding, req.Addr, req.Quantity)
	if !ok {
		return nil, sv.ErrIllegalDataAddress
	}
	return vals, nil
}

func (h handler) HandleInputRegisters(req *sv.InputRegistersRequest) ([]uint16, error) {
	vals, ok := h.bank.read(modbus.Input, req.Addr, req.Quantity)
	if !ok {
		return nil, sv.ErrIllegalDataAddress
	}
	return vals, nil
}

// startTheirServer starts simonvetter's TCP server on a free loopback
// port. Its configuration takes an address, not a listener, so we find a
// free port first and retry if another process takes it meanwhile.
func startTheirServer(t *testing.T, bank *registers) string {
	for range 5 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		s, err := sv.NewServer(&sv.ServerConfiguration{URL: "tcp://" + addr, Timeout: 5 * time.Second, MaxClients: 2, Logger: quiet()}, handler{bank})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Start(); err == nil {
			t.Cleanup(func() { s.Stop() })
			return addr
		}
	}
	t.Fatal("could not start simonvetter server on a free port")
	return ""
}

// TestCrossCheck_OurMasterTheirServer drives simonvetter's Modbus-TCP
// server with our encoder and TCPReader.
func TestCrossCheck_OurMasterTheirServer(t *testing.T) {
	bank := &registers{}
	addr := startTheirServer(t, bank)
	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	r := modbus.NewTCPReader(conn)
	tid := uint16(0)
	do := func(req modbus.Request) (modbus.Response, error) {
		tid++
		h := modbus.MBAP{Transaction: tid, Unit: 1}
		frame, err := modbus.EncodeTCPRequest(h, req)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Write(frame); err != nil {
			t.Fatal(err)
		}
		return r.ReadResponse(h, req)
	}

	if _, err := do(modbus.Request{Function: modbus.WriteSingleRegister, Address: 0x0A, Values: []uint16{1234}}); err != nil {
		t.Fatalf("our FC06: %v", err)
	}
	vals := []uint16{0x0012, 0xD687, 1, 2, 3}
	if _, err := do(modbus.Request{Function: modbus.WriteMultipleRegisters, Address: 0, Quantity: uint16(len(vals)), Values: vals}); err != nil {
		t.Fatalf("our FC10: %v", err)
	}
	resp, err := do(modbus.Request{Function: modbus.ReadHoldingRegisters, Address: 0, Quantity: 11})
	want := []uint16{0x0012, 0xD687, 1, 2, 3, 0, 0, 0, 0, 0, 1234}
	if err != nil || !reflect.DeepEqual(resp.Values, want) {
		t.Fatalf("our FC03 = %v, %v; want %v", resp.Values, err, want)
	}
	resp, err = do(modbus.Request{Function: modbus.ReadInputRegisters, Address: 131, Quantity: 125})
	if err != nil || len(resp.Values) != 125 || resp.Values[0] != 0x1000+131 || resp.Values[124] != 0x1000+255 {
		t.Fatalf("our FC04 × 125: %d values, %v", len(resp.Values), err)
	}
	var ex *modbus.Exception
	if _, err := do(modbus.Request{Function: modbus.ReadHoldingRegisters, Address: 250, Quantity: 10}); !errors.As(err, &ex) || ex.Code != modbus.IllegalDataAddress {
		t.Fatalf("read past the bank: got %v, want illegal data address", err)
	}
	// The connection is still in step after the exception.
	if resp, err := do(modbus.Request{Function: modbus.ReadHoldingRegisters, Address: 0x0A, Quantity: 1}); err != nil || resp.Values[0] != 1234 {
		t.Fatalf("read after exception: %v, %v", resp.Values, err)
	}
}
