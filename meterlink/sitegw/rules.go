package sitegw

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"

	socks5 "github.com/things-go/go-socks5"
	"github.com/things-go/go-socks5/statute"
)

// credentials is a socks5.CredentialStore that compares password digests
// in constant time, so neither the password nor its length leaks through
// timing. An unknown user costs the same comparison as a known one.
type credentials struct {
	users map[string][32]byte
	log   *slog.Logger
}

var _ socks5.CredentialStore = (*credentials)(nil)

func newCredentials(users map[string]string, log *slog.Logger) *credentials {
	c := &credentials{users: make(map[string][32]byte, len(users)), log: log}
	for u, p := range users {
		c.users[u] = sha256.Sum256([]byte(p))
	}
	return c
}

// Valid implements socks5.CredentialStore.
func (c *credentials) Valid(user, password, userAddr string) bool {
	want, known := c.users[user]
	got := sha256.Sum256([]byte(password))
	ok := subtle.ConstantTimeCompare(got[:], want[:]) == 1 && known
	if !ok {
		c.log.Warn("sitegw: authentication failed", "user", user, "source", userAddr)
	}
	return ok
}

// allowlist is the socks5.RuleSet: CONNECT to a listed ip:port, nothing else.
type allowlist struct {
	targets map[netip.AddrPort]bool
	log     *slog.Logger
}

var _ socks5.RuleSet = (*allowlist)(nil)

func newAllowlist(targets []netip.AddrPort, log *slog.Logger) *allowlist {
	a := &allowlist{targets: make(map[netip.AddrPort]bool, len(targets)), log: log}
	for _, t := range targets {
		a.targets[netip.AddrPortFrom(t.Addr().Unmap(), t.Port())] = true
	}
	return a
}

// Allow implements socks5.RuleSet. go-socks5 answers a refusal with reply
// 0x02, "connection not allowed by ruleset".
func (a *allowlist) Allow(ctx context.Context, req *socks5.Request) (context.Context, bool) {
	target, ok := destination(req.DestAddr)
	reason := ""
	switch {
	case req.Command != statute.CommandConnect:
		reason = "command " + commandName(req.Command) + " not allowed"
	case !ok:
		reason = "target is not an IP address"
	case !a.targets[target]:
		reason = "target not in allowlist"
	default:
		return ctx, true
	}
	a.log.Warn("sitegw: refused", "user", username(req), "source", addrString(req.RemoteAddr),
		"target", req.DestAddr.String(), "reason", reason)
	return ctx, false
}

// destination is the request's target as an ip:port, if it is one.
func destination(a *statute.AddrSpec) (netip.AddrPort, bool) {
	if a == nil || a.IP == nil || a.FQDN != "" || a.Port <= 0 || a.Port > 65535 {
		return netip.AddrPort{}, false
	}
	ip, ok := netip.AddrFromSlice(a.IP)
	if !ok {
		return netip.AddrPort{}, false
	}
	return netip.AddrPortFrom(ip.Unmap(), uint16(a.Port)), true
}

func commandName(c byte) string {
	switch c {
	case statute.CommandConnect:
		return "CONNECT"
	case statute.CommandBind:
		return "BIND"
	case statute.CommandAssociate:
		return "UDP ASSOCIATE"
	}
	return fmt.Sprintf("0x%02x", c)
}

func username(req *socks5.Request) string {
	if req == nil || req.AuthContext == nil {
		return ""
	}
	return req.AuthContext.Payload["username"]
}

func addrString(a net.Addr) string {
	if a == nil {
		return ""
	}
	return a.String()
}

// noDNS is the socks5.NameResolver: it refuses every name, so a request
// for a hostname gets "host unreachable" and no lookup happens on the LAN.
type noDNS struct{ log *slog.Logger }

// Resolve implements socks5.NameResolver.
func (r noDNS) Resolve(ctx context.Context, name string) (context.Context, net.IP, error) {
	r.log.Warn("sitegw: refused", "target", name, "reason", "hostname (the agent does no DNS)")
	return ctx, nil, fmt.Errorf("sitegw: no DNS: %q is not an IP address", name)
}

// refuse is the BIND and UDP ASSOCIATE handler: the allowlist already
// refuses them, this is the second lock.
func refuse(_ context.Context, w io.Writer, req *socks5.Request) error {
	if err := socks5.SendReply(w, statute.RepCommandNotSupported, nil); err != nil {
		return err
	}
	return fmt.Errorf("sitegw: command %s not supported", commandName(req.Command))
}

// socksLogger sends go-socks5's own messages to slog at debug level.
type socksLogger struct{ log *slog.Logger }

func (l socksLogger) Errorf(format string, args ...any) {
	l.log.Debug("sitegw: socks5: " + fmt.Sprintf(format, args...))
}
