package sim

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// LinkConfig makes a gateway behave as a 4G meter or DTU (docs/PROTOCOLS.md
// §3.2): it is the TCP client, registers on connect, sends heartbeats, and
// dials again whenever the connection drops.
type LinkConfig struct {
	Addr         string        // the platform's link listener
	Registration []byte        // sent first on every connection
	Heartbeat    []byte        // sent every HeartbeatEvery (nil: none)
	Every        time.Duration // heartbeat interval (default 30 s)
	Redial       time.Duration // wait before dialling again (default 1 s)
}

// RegistrationFrame is what a simulated DL/T 645 4G meter sends on
// connect: its read-address reply (0x93), naming its address.
func RegistrationFrame(addr dlt645.Address) []byte {
	f := dlt645.Frame{Addr: addr, Control: dlt645.FuncReadAddress.Reply(), Data: addr[:]}
	b, err := f.AppendRequest(nil, 0)
	if err != nil {
		panic(fmt.Sprintf("sim: registration frame of %s: %v", addr, err)) // cannot happen: 6 data bytes
	}
	return b
}

// RunLink serves the gateway's meters over connections it dials to
// cfg.Addr, until ctx ends; faults apply as on a listening gateway
// (Disconnect ends the connection and the device dials again).
func (g *Gateway) RunLink(ctx context.Context, cfg LinkConfig) error {
	if cfg.Every <= 0 {
		cfg.Every = 30 * time.Second
	}
	if cfg.Redial <= 0 {
		cfg.Redial = time.Second
	}
	var d net.Dialer
	for ctx.Err() == nil {
		c, err := d.DialContext(ctx, "tcp", cfg.Addr)
		if err == nil {
			g.serveLink(ctx, c, cfg)
		}
		select {
		case <-ctx.Done():
		case <-time.After(cfg.Redial):
		}
	}
	return ctx.Err()
}

// serveLink registers on c, keeps heartbeats going and serves requests
// until c fails or ctx ends.
func (g *Gateway) serveLink(ctx context.Context, c net.Conn, cfg LinkConfig) {
	defer c.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	context.AfterFunc(ctx, func() { _ = c.Close() })
	if _, err := c.Write(cfg.Registration); err != nil {
		return
	}
	if cfg.Heartbeat != nil {
		go func() {
			t := time.NewTicker(cfg.Every)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					g.bus.Lock() // never inside a reply
					_, err := c.Write(cfg.Heartbeat)
					g.bus.Unlock()
					if err != nil {
						return
					}
				}
			}
		}()
	}
	g.serveConn(ctx, c)
}
