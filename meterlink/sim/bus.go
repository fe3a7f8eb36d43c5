package sim

import (
	"errors"
	"net"

	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/modbus"
)

// source reads the next request from a connection: its raw bytes (nil to
// ignore it) and a function computing the reply on the bus (nil reply =
// silence, plus the addressed meter). A non-nil error ends the connection.
type source func() ([]byte, func() ([]byte, *Meter), error)

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
	return func() ([]byte, func() ([]byte, *Meter), error) {
		unit, req, err := rr.ReadRequest()
		if err != nil && !errors.Is(err, modbus.ErrInvalidRequest) && !errors.Is(err, modbus.ErrMalformed) {
			if errors.Is(err, modbus.ErrNoFrame) || errors.Is(err, modbus.ErrCRC) {
				return nil, nil, nil
			}
			return nil, nil, err
		}
		raw, encErr := modbus.EncodeRTURequest(unit, req)
		if encErr != nil {
			raw = []byte{unit, byte(req.Function)} // refused request: echo what we know
		}
		return raw, func() ([]byte, *Meter) {
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
	return func() ([]byte, func() ([]byte, *Meter), error) {
		h, req, err := tr.ReadRequest()
		if err != nil && !errors.Is(err, modbus.ErrInvalidRequest) && !errors.Is(err, modbus.ErrMalformed) {
			return nil, nil, err
		}
		pdu, encErr := modbus.AppendRequest(nil, req)
		if encErr != nil {
			pdu = []byte{byte(req.Function), 0}
		}
		raw, _ := modbus.AppendTCP(nil, h, pdu)
		return raw, func() ([]byte, *Meter) {
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
func (g *Gateway) dltSource(nc net.Conn) source {
	fr := dlt645.NewFrameReader(nc)
	return func() ([]byte, func() ([]byte, *Meter), error) {
		f, err := fr.ReadFrame()
		if errors.Is(err, dlt645.ErrChecksum) {
			return nil, nil, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if f.Control.IsReply() {
			return nil, nil, nil
		}
		raw, _ := f.MarshalBinary()
		return raw, func() ([]byte, *Meter) { return g.dltReply(f) }, nil
	}
}

// modbusReply finds the unit on the bus and lets it answer.
func (g *Gateway) modbusReply(unit byte, req modbus.Request, decodeErr error) ([]byte, *Meter) {
	for _, m := range g.meters {
		if _, _, offline := m.faultConfig(); offline || (m.unit != unit && unit != modbus.BroadcastUnit) {
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
		pdu := m.HandleModbus(g.cfg.Profile, req)
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
	var out []byte
	var hit *Meter
	for _, m := range g.meters {
		if _, _, offline := m.faultConfig(); offline {
			continue
		}
		if f.Addr.IsBroadcast() {
			m.Handle645(f)
			continue
		}
		if !f.Addr.Matches(m.addr) {
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
