package sim

import (
	"bytes"
	"errors"
	"io"
	"net"

	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/modbus"
)

// source reads the next request from a connection: its raw bytes (nil to
// ignore it), how many bytes it took on the serial line (wake-up preamble
// and noise before it included), and a function computing the reply on the
// bus (nil reply = silence, plus the addressed meter). A non-nil error ends
// the connection.
type source func() (raw []byte, line int, answer func() ([]byte, *Meter), err error)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// requestSource returns the source for the gateway's protocol.
func (g *Gateway) requestSource(nc net.Conn) source {
	switch g.cfg.Protocol {
	case ModbusRTU:
		return g.rtuSource(nc)
	case ModbusTCP:
		return g.tcpSource(nc)
	}
	return g.dltSource(nc)
}

// rtuSource reads RTU frames (RTU over TCP, slave side).
func (g *Gateway) rtuSource(nc net.Conn) source {
	rr := modbus.NewRTUReader(nc)
	return func() ([]byte, int, func() ([]byte, *Meter), error) {
		unit, req, err := rr.ReadRequest()
		if err != nil && !errors.Is(err, modbus.ErrInvalidRequest) && !errors.Is(err, modbus.ErrMalformed) {
			if errors.Is(err, modbus.ErrNoFrame) || errors.Is(err, modbus.ErrCRC) {
				return nil, 0, nil, nil
			}
			return nil, 0, nil, err
		}
		raw, encErr := modbus.EncodeRTURequest(unit, req)
		if encErr != nil {
			raw = []byte{unit, byte(req.Function)} // refused request: echo what we know
		}
		return raw, len(raw), func() ([]byte, *Meter) {
			pdu, m := g.modbusReply(unit, req, err)
			if pdu == nil {
				return nil, m
			}
			out, _ := modbus.AppendRTU(nil, unit, pdu)
			return out, m
		}, nil
	}
}

// tcpSource reads Modbus-TCP frames (MBAP, no CRC).
func (g *Gateway) tcpSource(nc net.Conn) source {
	tr := modbus.NewTCPReader(nc)
	return func() ([]byte, int, func() ([]byte, *Meter), error) {
		h, req, err := tr.ReadRequest()
		if err != nil && !errors.Is(err, modbus.ErrInvalidRequest) && !errors.Is(err, modbus.ErrMalformed) {
			return nil, 0, nil, err
		}
		pdu, encErr := modbus.AppendRequest(nil, req)
		if encErr != nil {
			pdu = []byte{byte(req.Function), 0}
		}
		raw, _ := modbus.AppendTCP(nil, h, pdu)
		return raw, len(raw), func() ([]byte, *Meter) {
			pdu, m := g.modbusReply(h.Unit, req, err)
			if pdu == nil {
				return nil, m
			}
			out, _ := modbus.AppendTCP(nil, h, pdu)
			return out, m
		}, nil
	}
}

// dltSource reads DL/T 645 frames; bad checksums and replies are ignored.
// A request's line length counts every byte consumed since the previous
// request: the master's FE wake-up preamble, noise and ignored frames, which
// all went over the line before it.
func (g *Gateway) dltSource(nc net.Conn) source {
	cr := &countingReader{r: nc}
	fr := dlt645.NewFrameReader(cr)
	var used int64 // bytes consumed up to the end of the last frame
	lineBytes := func() int {
		consumed := cr.n - int64(fr.Buffered())
		n := consumed - used
		used = consumed
		return int(n)
	}
	return func() ([]byte, int, func() ([]byte, *Meter), error) {
		f, err := fr.ReadFrame()
		if errors.Is(err, dlt645.ErrChecksum) {
			return nil, 0, nil, nil
		}
		if err != nil {
			return nil, 0, nil, err
		}
		if f.Control.IsReply() {
			return nil, 0, nil, nil
		}
		raw, _ := f.MarshalBinary()
		return raw, lineBytes(), func() ([]byte, *Meter) { return g.dltReply(f) }, nil
	}
}

// modbusReply finds the unit on the bus and lets it answer.
func (g *Gateway) modbusReply(unit byte, req modbus.Request, decodeErr error) ([]byte, *Meter) {
	for _, m := range g.meters {
		if m.unit != unit && unit != modbus.BroadcastUnit {
			continue
		}
		if m.device != nil && unit != modbus.BroadcastUnit {
			return m.device.reply(req, decodeErr) // its channels share the unit
		}
		if _, _, offline := m.faultConfig(); offline {
			continue
		}
		if decodeErr != nil && unit != modbus.BroadcastUnit {
			code := modbus.IllegalDataValue
			if errors.Is(decodeErr, modbus.ErrInvalidRequest) {
				code = modbus.IllegalFunction
			}
			return modbus.AppendException(nil, req.Function, code), m
		}
		if decodeErr != nil {
			continue
		}
		pdu := m.HandleModbus(m.modbusProfile(g.cfg.Profile), req)
		if unit == modbus.BroadcastUnit {
			continue // every unit obeys, none answers
		}
		return pdu, m
	}
	return nil, nil
}

// dltReply lets the addressed meters answer. Broadcasts reach all meters
// and get no reply; a wildcard that matches several meters collides.
func (g *Gateway) dltReply(f dlt645.Frame) ([]byte, *Meter) {
	meters := g.meters
	if g.byAddr != nil && !f.Addr.IsBroadcast() && bytes.IndexByte(f.Addr[:], 0xAA) < 0 {
		// A plain address (no AA wildcard digit) picks at most one meter.
		m, ok := g.byAddr[f.Addr]
		if !ok {
			return nil, nil
		}
		meters = []*Meter{m}
	}
	var out []byte
	var hit *Meter
	for _, m := range meters {
		if !f.Addr.IsBroadcast() && !f.Addr.Matches(m.addr) {
			continue // checked first: one meter of the bus is addressed
		}
		if _, _, offline := m.faultConfig(); offline {
			continue
		}
		if f.Addr.IsBroadcast() {
			m.Handle645(f)
			continue
		}
		reply, ok := m.Handle645(f)
		if !ok {
			continue
		}
		b, err := reply.MarshalBinary()
		if err != nil {
			continue
		}
		if hit == nil {
			out, hit = b, m
			continue
		}
		// Two transmitters at once: the line shows garbage.
		for i := range min(len(out), len(b)) {
			out[i] |= b[i]
		}
	}
	return out, hit
}
