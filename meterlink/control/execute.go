package control

import (
	"context"
	"errors"
	"fmt"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// execute runs one attempt of c on meter m over b.
func (x *Executor) execute(ctx context.Context, c *voltpay.Command, m *voltpay.Meter, b *bus.Bus) outcome {
	if m.Protocol != voltpay.MeterProtocolDLT645 {
		return failed("meter %d speaks %s; its register map has no remote-control registers, so %s cannot be sent (use a DL/T 645 prepaid meter)", m.ID, m.Protocol, c.Kind)
	}
	addr, err := dlt645.ParseAddress(m.Address)
	if err != nil {
		return failed("meter %d: %v", m.ID, err)
	}
	p, err := parseParams(c)
	if err != nil {
		return failed("%v", err)
	}
	s := &session{x: x, bus: b, addr: addr, meter: m, cmd: c}
	switch c.Kind {
	case voltpay.CmdTrip:
		return s.relay(ctx, dlt645.RelayTrip)
	case voltpay.CmdClose:
		if ModelFor(m.Model).DirectClose {
			return s.relay(ctx, dlt645.RelayDirectClose)
		}
		return s.relay(ctx, dlt645.RelayCloseAllowed)
	case voltpay.CmdCloseAllowed:
		return s.relay(ctx, dlt645.RelayCloseAllowed)
	case voltpay.CmdGuaranteeOn:
		return s.relay(ctx, dlt645.GuaranteeOn)
	case voltpay.CmdGuaranteeOff:
		return s.relay(ctx, dlt645.GuaranteeOff)
	case voltpay.CmdRestorePrepaid:
		if out := s.relay(ctx, dlt645.GuaranteeOff); out.state != voltpay.CommandConfirmed {
			return out
		}
		return s.relay(ctx, dlt645.RelayCloseAllowed)
	case voltpay.CmdPushSettings:
		return s.pushSettings(ctx, p)
	case voltpay.CmdPushTariff:
		return s.pushTariff(ctx, p)
	case voltpay.CmdCredit:
		return s.credit(ctx, p)
	case voltpay.CmdTimeSync:
		return s.timeSync(ctx)
	}
	return failed("unknown command kind %q", c.Kind)
}

// session is one command's exchanges with one DL/T 645 meter.
type session struct {
	x     *Executor
	bus   *bus.Bus
	addr  dlt645.Address
	meter *voltpay.Meter
	cmd   *voltpay.Command
}

// read reads di and returns its raw data bytes.
func (s *session) read(ctx context.Context, di dlt645.DI) ([]byte, error) {
	reply, err := s.bus.DLT645(ctx, dlt645.ReadRequest(s.addr, di))
	if err != nil {
		return nil, err
	}
	return dlt645.ReadReplyData(di, reply)
}

// readValues reads di and decodes its values.
func (s *session) readValues(ctx context.Context, di dlt645.DI) ([]int64, error) {
	data, err := s.read(ctx, di)
	if err != nil {
		return nil, err
	}
	it, ok := dlt645.Lookup(di)
	if !ok {
		return nil, fmt.Errorf("dlt645: %s is not in the data identifier table", di)
	}
	return it.Decode(data)
}

// status3 reads status word 3.
func (s *session) status3(ctx context.Context) (dlt645.Status3, error) {
	data, err := s.read(ctx, dlt645.DIStatusWord3)
	if err != nil {
		return 0, err
	}
	st, ok := dlt645.DecodeStatus3(data)
	if !ok {
		return 0, fmt.Errorf("dlt645: status word 3 of %d bytes, want 2", len(data))
	}
	return st, nil
}

// write writes encoded value to di with the configured password.
func (s *session) write(ctx context.Context, di dlt645.DI, value []byte) error {
	req, err := dlt645.WriteRequest(s.addr, di, s.x.cfg.Auth, value)
	if err != nil {
		return err
	}
	_, err = s.bus.DLT645(ctx, req)
	return err
}

// refused turns a meter's error reply into a failure with its reason, and
// anything else into transient (retry on bus errors).
func refused(what string, err error) outcome {
	var me *dlt645.MeterError
	if errors.As(err, &me) {
		if errors.Is(err, dlt645.ErrUnauthorized) {
			return failed("%s: the meter refused the password or operator code (check VOLTPAY_METER_PASSWORD): %v", what, err)
		}
		return failed("%s: the meter refused it: %v", what, err)
	}
	return transient(what, err)
}
