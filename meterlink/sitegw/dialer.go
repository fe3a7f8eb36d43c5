package sitegw

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/url"
	"time"

	"golang.org/x/net/proxy"
)

// DefaultDialerTimeout is Dialer's timeout when it is given none.
const DefaultDialerTimeout = 10 * time.Second

// Dialer returns the poller's way through a site agent. proxyURL is
//
//	socks5://user:password@host:port      SOCKS5 over plain TCP
//	socks5+tls://user:password@host:port  SOCKS5 inside TLS (agent with a certificate)
//
// (user and password percent-encoded where needed). tlsConfig is used only
// with socks5+tls; nil there means the system roots and the URL's host as
// the server name. Giving a tlsConfig with plain socks5 is an error, so a
// typo cannot silently drop TLS. timeout (default 10s) bounds each dial:
// the TCP connect, the TLS handshake and the SOCKS5 exchange, within any
// deadline of the caller's context. Targets must be ip:port: the agent
// does no DNS.
func Dialer(proxyURL string, tlsConfig *tls.Config, timeout time.Duration) (proxy.ContextDialer, error) {
	u, err := url.Parse(proxyURL)
	if err != nil {
		return nil, fmt.Errorf("sitegw dialer: proxy URL: %w", err)
	}
	if timeout <= 0 {
		timeout = DefaultDialerTimeout
	}
	nd := &net.Dialer{Timeout: timeout}
	var forward proxy.Dialer
	switch u.Scheme {
	case "socks5":
		if tlsConfig != nil {
			return nil, fmt.Errorf("sitegw dialer: a TLS config was given but the URL's scheme is socks5; use socks5+tls://")
		}
		forward = nd
	case "socks5+tls":
		forward = &tls.Dialer{NetDialer: nd, Config: tlsConfig}
	default:
		return nil, fmt.Errorf("sitegw dialer: unsupported scheme %q: use socks5:// or socks5+tls://", u.Scheme)
	}
	if u.Hostname() == "" || u.Port() == "" {
		return nil, fmt.Errorf("sitegw dialer: proxy URL needs host:port, got %q", u.Host)
	}
	pass, hasPass := u.User.Password()
	if u.User == nil || u.User.Username() == "" || !hasPass || pass == "" {
		return nil, fmt.Errorf("sitegw dialer: missing credentials: use %s://user:password@%s", u.Scheme, u.Host)
	}
	d, err := proxy.SOCKS5("tcp", u.Host, &proxy.Auth{User: u.User.Username(), Password: pass}, forward)
	if err != nil {
		return nil, fmt.Errorf("sitegw dialer: %w", err)
	}
	cd, ok := d.(proxy.ContextDialer)
	if !ok {
		return nil, fmt.Errorf("sitegw dialer: x/net/proxy returned a %T without DialContext", d)
	}
	return &dialer{socks: cd, timeout: timeout}, nil
}

// dialer applies the timeout to the whole dial.
type dialer struct {
	socks   proxy.ContextDialer
	timeout time.Duration
}

// DialContext connects to address (ip:port) through the agent.
func (d *dialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	return d.socks.DialContext(ctx, network, address)
}

// Dial is DialContext with a background context (proxy.Dialer).
func (d *dialer) Dial(network, address string) (net.Conn, error) {
	return d.DialContext(context.Background(), network, address)
}
