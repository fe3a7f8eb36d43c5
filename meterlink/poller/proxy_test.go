package poller_test

import (
	"context"
	"net"
	"net/netip"
	"testing"

	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/meterlink/sitegw"
)

// TestPoller_Proxy reads one gateway through a site agent (SOCKS5) and the
// others directly.
func TestPoller_Proxy(t *testing.T) {
	e := newEnv(t)
	target, err := netip.ParseAddrPort(e.src.gateways[0].Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := sitegw.New(sitegw.Config{Allow: []netip.AddrPort{target}, Users: map[string]string{"poller": "secret"}})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done })

	e.src.gateways[0].ProxyURL = "socks5://poller:secret@" + ln.Addr().String()
	st := e.cycle(t, poller.Full)
	if st.Readings != 15 || st.Failures != 0 {
		t.Fatalf("stats = %+v, want 15 readings, 0 failures", st)
	}

	t.Run("WrongPassword", func(t *testing.T) {
		e.src.gateways[0].ProxyURL = "socks5://poller:wrong@" + ln.Addr().String()
		st := e.cycle(t, poller.Status)
		if st.Readings != 10 || st.Failures != 5 {
			t.Fatalf("stats = %+v, want 10 readings, 5 failures", st)
		}
	})
}
