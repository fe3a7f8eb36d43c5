package bus

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/modbus"
)

// DLT645 sends req (with Settings.Preamble FE bytes) and returns the
// matching reply: from the addressed meter (any under a wildcard), same
// function, same DI for reads. Echoes, replies to earlier requests, other
// meters' frames and noise are skipped; a frame with a bad checksum ends
// the attempt as garbled and the request is repeated. Broadcasts (address
// 99…99, broadcast time) are written once and return a zero Frame at once.
//
// Errors: the *dlt645.MeterError of an abnormal reply (not retried); an
// *Error of kind ErrTimeout, ErrGarbled, ErrConnection, ErrClosed or
// ErrProtocol; or the wrapped error of ctx.
func (b *Bus) DLT645(ctx context.Context, req dlt645.Frame) (dlt645.Frame, error) {
	op := func() string { return fmt.Sprintf("dlt645 %s %s", req.Addr, req.Control) }
	if !b.proto.serial() {
		return dlt645.Frame{}, &Error{Op: op(), Kind: ErrProtocol, Err: fmt.Errorf("a %s bus carries no serial frames", b.proto)}
	}
	frame, err := req.AppendRequest(nil, b.set.Preamble)
	if err != nil {
		return dlt645.Frame{}, &Error{Op: op(), Kind: ErrProtocol, Err: err}
	}
	var reply dlt645.Frame
	err = b.run(ctx, op, func(ctx context.Context, l *link) error {
		if _, err := l.conn.Write(frame); err != nil {
			return err
		}
		if !dlt645.ExpectsReply(req) {
			b.holdLine(len(frame))
			return nil
		}
		var err error
		reply, err = read645(l, req)
		return err
	})
	if err == nil && reply.Control.HasFollowUp() {
		b.log.Info("bus: reply announces follow-up data (not read)", "op", op()) // docs/PROTOCOLS.md §1.11
	}
	return reply, err
}

// read645 reads frames until the one answering req.
func read645(l *link, req dlt645.Frame) (dlt645.Frame, error) {
	for {
		f, err := l.fr.ReadFrame()
		if errors.Is(err, dlt645.ErrChecksum) {
			return dlt645.Frame{}, garbledError{err}
		}
		if err != nil {
			return dlt645.Frame{}, err
		}
		if !dlt645.Matches(req, f) {
			continue // echo, late reply, another meter
		}
		if err := dlt645.ReplyError(f); err != nil {
			if errors.Is(err, dlt645.ErrFraming) {
				return dlt645.Frame{}, garbledError{err}
			}
			return f, err
		}
		return f, nil
	}
}

// holdLine marks the line busy for the n bytes just written to a
// broadcast, which the converter is still shifting out at the baud rate.
func (b *Bus) holdLine(n int) {
	b.lastEnd = later(b.lastEnd, time.Now().Add(b.set.LineTime(n)))
}

// ModbusRTU sends req to unit as an RTU frame (RTU over TCP) and returns the
// parsed reply. Frames for other units or functions, stale replies of
// another length and frames failing the CRC are skipped (a corrupt reply
// therefore ends as a timeout); with Settings.EchoStrip one copy of the
// request is skipped. A write to modbus.BroadcastUnit is sent once and
// returns a zero Response; a read from it is ErrProtocol.
//
// Errors: the *modbus.Exception of an exception reply (not retried); an
// *Error of kind ErrTimeout, ErrGarbled, ErrConnection, ErrClosed or
// ErrProtocol; or the wrapped error of ctx.
func (b *Bus) ModbusRTU(ctx context.Context, unit byte, req modbus.Request) (modbus.Response, error) {
	op := func() string {
		return fmt.Sprintf("modbus-rtu unit %d fc 0x%02X @0x%04X", unit, byte(req.Function), req.Address)
	}
	if !b.proto.serial() {
		return modbus.Response{}, &Error{Op: op(), Kind: ErrProtocol, Err: fmt.Errorf("a %s bus carries no serial frames", b.proto)}
	}
	adu, err := modbus.EncodeRTURequest(unit, req)
	if err != nil {
		return modbus.Response{}, &Error{Op: op(), Kind: ErrProtocol, Err: err}
	}
	broadcast := unit == modbus.BroadcastUnit
	if broadcast && (req.Function == modbus.ReadHoldingRegisters || req.Function == modbus.ReadInputRegisters) {
		return modbus.Response{}, &Error{Op: op(), Kind: ErrProtocol, Err: errors.New("a read cannot be broadcast")}
	}
	var resp modbus.Response
	err = b.run(ctx, op, func(ctx context.Context, l *link) error {
		if _, err := l.conn.Write(adu); err != nil {
			return err
		}
		if broadcast {
			b.holdLine(len(adu))
			return nil
		}
		r := modbus.NewRTUReader(l.conn) // fresh: its read errors are sticky
		r.SkipEcho = b.set.EchoStrip
		var err error
		resp, err = r.ReadResponse(unit, req)
		return modbusErr(err)
	})
	return resp, err
}

// ModbusTCP sends req to unit behind a Modbus-TCP gateway with the next
// transaction id and returns the parsed reply; replies to earlier (timed
// out) transactions are skipped. After a timeout or a malformed frame the
// connection is redialled, since the MBAP stream may be out of step.
//
// Errors: as for ModbusRTU; ErrProtocol on a serial bus.
func (b *Bus) ModbusTCP(ctx context.Context, unit byte, req modbus.Request) (modbus.Response, error) {
	op := func() string {
		return fmt.Sprintf("modbus-tcp unit %d fc 0x%02X @0x%04X", unit, byte(req.Function), req.Address)
	}
	if b.proto != ModbusTCP {
		return modbus.Response{}, &Error{Op: op(), Kind: ErrProtocol, Err: fmt.Errorf("a %s bus carries no Modbus-TCP", b.proto)}
	}
	if _, err := modbus.EncodeTCPRequest(modbus.MBAP{Unit: unit}, req); err != nil {
		return modbus.Response{}, &Error{Op: op(), Kind: ErrProtocol, Err: err}
	}
	var resp modbus.Response
	err := b.run(ctx, op, func(ctx context.Context, l *link) error {
		b.tid++
		h := modbus.MBAP{Transaction: b.tid, Unit: unit}
		adu, err := modbus.EncodeTCPRequest(h, req)
		if err != nil {
			return err
		}
		if _, err := l.conn.Write(adu); err != nil {
			return err
		}
		if l.tcp == nil {
			l.tcp = modbus.NewTCPReader(l.conn)
		}
		resp, err = l.tcp.ReadResponse(h, req)
		return modbusErr(err)
	})
	return resp, err
}

// modbusErr marks codec errors that mean "a corrupt or foreign reply came".
func modbusErr(err error) error {
	for _, e := range []error{modbus.ErrNoFrame, modbus.ErrMalformed, modbus.ErrMismatch, modbus.ErrCRC, modbus.ErrShortFrame, modbus.ErrFrameTooLong} {
		if errors.Is(err, e) {
			return garbledError{err}
		}
	}
	return err
}
