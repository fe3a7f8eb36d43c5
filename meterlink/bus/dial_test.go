package bus

import (
	"net"

	"golang.org/x/net/proxy"
)

// Dial accepts the dialers the poller has: direct TCP, and the SOCKS5
// dialer of golang.org/x/net/proxy that sitegw.Dialer returns.
var (
	_ ContextDialer = (*net.Dialer)(nil)
	_ ContextDialer = proxy.ContextDialer(nil)
)
