package sitegw

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"strings"
	"time"
)

// Defaults applied by New to zero Config fields.
const (
	DefaultListen      = ":1080"
	DefaultIdleTimeout = 5 * time.Minute
	DefaultDialTimeout = 5 * time.Second
)

// Config is the site agent's configuration.
type Config struct {
	// Listen is the address to listen on (ListenAndServe); default ":1080".
	Listen string
	// Allow lists the converters the agent may connect to. It must not be
	// empty: an agent that allows nothing is a configuration mistake.
	Allow []netip.AddrPort
	// Users maps user names to passwords. At least one is required: an open
	// SOCKS5 proxy on a LAN is dangerous.
	Users map[string]string
	// TLSCertFile and TLSKeyFile are PEM files; when both are set the agent
	// speaks SOCKS5 inside TLS (clients use socks5+tls://).
	TLSCertFile string
	TLSKeyFile  string
	// IdleTimeout closes a session after this long without a read or write
	// in either direction (also bounds the handshake); default 5m.
	IdleTimeout time.Duration
	// MaxConnAge closes a session this long after it was accepted, however
	// busy; 0 means no limit.
	MaxConnAge time.Duration
	// DialTimeout bounds connecting to a converter; default 5s.
	DialTimeout time.Duration
	// Logger receives one line per CONNECT, refusal and close; nil discards.
	Logger *slog.Logger
}

// ParseAllow parses an allowlist written "ip:port,ip:port" (IPv6 as
// "[::1]:502"). Hostnames are refused: the agent does no DNS.
func ParseAllow(s string) ([]netip.AddrPort, error) {
	var out []netip.AddrPort
	for item := range strings.SplitSeq(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		ap, err := parseTarget(item)
		if err != nil {
			return nil, err
		}
		out = append(out, ap)
	}
	return out, nil
}

func parseTarget(s string) (netip.AddrPort, error) {
	ap, err := netip.ParseAddrPort(s)
	if err == nil {
		return netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port()), nil
	}
	host, _, splitErr := net.SplitHostPort(s)
	if splitErr != nil {
		return netip.AddrPort{}, fmt.Errorf("allowlist entry %q: want ip:port, such as 192.0.2.10:502", s)
	}
	if _, ipErr := netip.ParseAddr(host); ipErr != nil {
		return netip.AddrPort{}, fmt.Errorf("allowlist entry %q: %q is not an IP address; hostnames are not allowed (the agent does no DNS)", s, host)
	}
	return netip.AddrPort{}, fmt.Errorf("allowlist entry %q: %v", s, err)
}

// Validate reports every problem with c at once, or nil.
func (c *Config) Validate() error {
	var errs []error
	if len(c.Allow) == 0 {
		errs = append(errs, errors.New("allowlist is empty: list the converters as ip:port (an agent that allows nothing is a mistake)"))
	}
	for _, ap := range c.Allow {
		switch {
		case !ap.IsValid() || !ap.Addr().IsValid():
			errs = append(errs, fmt.Errorf("allowlist entry %v: not an ip:port", ap))
		case ap.Port() == 0:
			errs = append(errs, fmt.Errorf("allowlist entry %v: port 0", ap))
		case ap.Addr().IsUnspecified():
			errs = append(errs, fmt.Errorf("allowlist entry %v: unspecified address", ap))
		}
	}
	if len(c.Users) == 0 {
		errs = append(errs, errors.New("no credentials: set a user and password (an open SOCKS5 proxy on a LAN is dangerous)"))
	}
	for u, p := range c.Users {
		// RFC 1929 carries each in one length byte.
		if u == "" || len(u) > 255 {
			errs = append(errs, fmt.Errorf("user name %q: must be 1 to 255 bytes", u))
		}
		if p == "" || len(p) > 255 {
			errs = append(errs, fmt.Errorf("password of user %q: must be 1 to 255 bytes", u))
		}
	}
	if (c.TLSCertFile == "") != (c.TLSKeyFile == "") {
		errs = append(errs, errors.New("TLS needs both a certificate file and a key file, or neither"))
	}
	if c.IdleTimeout < 0 || c.MaxConnAge < 0 || c.DialTimeout < 0 {
		errs = append(errs, errors.New("timeouts must not be negative"))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sitegw config: %w", err)
	}
	return nil
}
