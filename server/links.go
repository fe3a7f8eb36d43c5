package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"strings"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/acrel"
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

// linkOf finds the link of a direct meter: by its link id when it has one
// (the serial or registration id it dials in with), else a DL/T 645 meter
// by its address and a Modbus meter as an Acrel 4G meter by its unit id
// zero-padded to a serial (acrelLinkID); a Modbus meter's link is
// read through Acrel's 0x90 pass-through: the bus speaks Modbus RTU and
// acrel.PassThrough wraps and unwraps it, answering the meter's time-sync
// requests and dropping its heartbeats and uploads on the way.
func linkOf(l *link.Listener) func(m *voltpay.Meter) (bus.DialFunc, bool) {
	return func(m *voltpay.Meter) (bus.DialFunc, bool) {
		switch m.Protocol {
		case voltpay.MeterProtocolDLT645:
			if m.LinkID != nil {
				return l.DialFunc(*m.LinkID), true
			}
			addr, err := dlt645.ParseAddress(m.Address)
			if err != nil {
				return nil, false
			}
			return l.DialFunc(addr.String()), true
		case voltpay.MeterProtocolModbus:
			id, ok := acrelLinkID(m.Address)
			if m.LinkID != nil {
				id, ok = *m.LinkID, true
			}
			if !ok {
				return nil, false
			}
			dial := l.DialFunc(id)
			return func(ctx context.Context) (net.Conn, error) {
				c, err := dial(ctx)
				if err != nil {
					return nil, err
				}
				return acrel.PassThrough(c, acrel.Options{}), nil
			}, true
		}
		return nil, false
	}
}

// acrelLinkID is the link id of a direct Modbus meter without a LinkID:
// its address (the unit id, 1..247, which the poller also puts in the RTU
// requests) left-padded with zeros to the 14 digits of an Acrel serial
// (link.Acrel7B7BMatcher). So a meter with address 7 and no link id is
// reached through the device logged in as 00000000000007; a real meter
// gets its serial as LinkID.
func acrelLinkID(address string) (string, bool) {
	a := strings.TrimSpace(address)
	if a == "" || len(a) > acrel.SerialLen {
		return "", false
	}
	for i := range len(a) {
		if a[i] < '0' || a[i] > '9' {
			return "", false
		}
	}
	return strings.Repeat("0", acrel.SerialLen-len(a)) + a, true
}
