// Package sitegw is the site agent, `voltpay sitegw`: a SOCKS5 server that
// runs on a site's LAN so that the central poller can reach the site's
// RS-485-to-Ethernet converters without opening them to the world.
//
// The agent is deliberately narrow:
//   - CONNECT only; BIND, UDP ASSOCIATE and unknown commands are refused;
//   - only to the ip:port pairs of its allowlist (Config.Allow);
//   - IP addresses only: it never resolves names (a hostname target gets
//     "host unreachable");
//   - username and password (RFC 1929) always, compared in constant time;
//   - TLS when a certificate is configured;
//   - every session has an idle deadline that each read or write moves
//     forward, and an optional maximum age;
//   - every CONNECT is logged with the user, the source, the target, the
//     result, and at close the bytes each way and the duration.
//
// The poller's side is Dialer, which turns a socks5:// or socks5+tls:// URL
// into a proxy.ContextDialer.
//
// The protocol work is done by github.com/things-go/go-socks5; this package
// chooses its options and owns the listener and the connections, because
// go-socks5 has no Shutdown.
package sitegw
