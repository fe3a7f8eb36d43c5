package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/link"
)

// listenLinks accepts 4G meters and DTUs dialling in on addr until ctx
// ends. A device registers with a DL/T 645 frame naming its address (the
// meter itself, or a DTU configured to send it) and repeats it as its
// heartbeat; an Acrel 4G meter logs in with its 7B 7B frame. Errors: the
// listen error.
func listenLinks(ctx context.Context, addr string, log *slog.Logger) (*link.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for 4G meters on %s (VOLTPAY_LINK_ADDR): %w", addr, err)
	}
	l, err := link.NewListener(ln, []link.Matcher{link.DLT645AddressMatcher{}, link.Acrel7B7BMatcher{}},
		link.Options{StripRegistration: true, Heartbeats: []link.Pattern{link.AcrelHeartbeat}, Logger: log})
	if err != nil {
		_ = ln.Close()
		return nil, err
	}
	go func() {
		if err := l.Serve(ctx); err != nil && ctx.Err() == nil {
			log.Error("link listener stopped", "err", err)
		}
	}()
	log.Info("listening for 4G meters", "addr", ln.Addr().String())
	return l, nil
}

// linkOf finds the link of a direct meter: a DL/T 645 meter by its address.
// Direct Modbus meters would need their IMEI on record; they are not read
// yet.
func linkOf(l *link.Listener) func(m *voltpay.Meter) (bus.DialFunc, bool) {
	return func(m *voltpay.Meter) (bus.DialFunc, bool) {
		if m.Protocol != voltpay.MeterProtocolDLT645 {
			return nil, false
		}
		addr, err := dlt645.ParseAddress(m.Address)
		if err != nil {
			return nil, false
		}
		return l.DialFunc(addr.String()), true
	}
}
