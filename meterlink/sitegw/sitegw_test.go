package sitegw

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	testUser = "poller-1"
	testPass = "s3cret-pass"
)

// converter is a fake RS-485-to-Ethernet converter: a TCP echo server on
// loopback. closed receives once per connection when it ends.
type converter struct {
	addr   netip.AddrPort
	closed chan struct{}
}

func newConverter(t *testing.T) *converter {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	cv := &converter{addr: ln.Addr().(*net.TCPAddr).AddrPort(), closed: make(chan struct{}, 16)}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				io.Copy(c, c)
				c.Close()
				cv.closed <- struct{}{}
			}()
		}
	}()
	return cv
}

// logBuf collects the agent's log lines.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type agent struct {
	addr   string
	logs   *logBuf
	cancel context.CancelFunc
	done   chan error
}

// startAgent runs a site agent on 127.0.0.1:0 allowing the given targets;
// edit may change the config first.
func startAgent(t *testing.T, allow []netip.AddrPort, edit func(*Config)) *agent {
	t.Helper()
	logs := &logBuf{}
	cfg := Config{
		Allow:  allow,
		Users:  map[string]string{testUser: testPass},
		Logger: slog.New(slog.NewTextHandler(logs, nil)),
	}
	if edit != nil {
		edit(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	a := &agent{addr: ln.Addr().String(), logs: logs, cancel: cancel, done: make(chan error, 1)}
	go func() { a.done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-a.done:
		case <-time.After(5 * time.Second):
			t.Error("Serve did not return after cancel")
		}
	})
	return a
}

func (a *agent) url(user, pass string) string {
	return "socks5://" + user + ":" + pass + "@" + a.addr
}

func mustDialer(t *testing.T, url string, tc *tls.Config) interface {
	DialContext(context.Context, string, string) (net.Conn, error)
} {
	t.Helper()
	d, err := Dialer(url, tc, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// echo writes msg on c and expects it back.
func echo(t *testing.T, c net.Conn, msg string) {
	t.Helper()
	c.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := c.Write([]byte(msg)); err != nil {
		t.Fatalf("write: %v", err)
	}
	got := make([]byte, len(msg))
	if _, err := io.ReadFull(c, got); err != nil {
		t.Fatalf("read: %v", err)
	}
	if string(got) != msg {
		t.Fatalf("echo: got %q, want %q", got, msg)
	}
	c.SetDeadline(time.Time{})
}

// waitClosed expects c to be closed by the far end within limit and
// returns how long that took.
func waitClosed(t *testing.T, c net.Conn, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	c.SetReadDeadline(start.Add(limit))
	_, err := c.Read(make([]byte, 1))
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("connection still open after %v", limit)
	}
	if err == nil {
		t.Fatal("read data, want the connection closed")
	}
	return time.Since(start)
}

func waitLog(t *testing.T, a *agent, want ...string) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for {
		logs := a.logs.String()
		missing := ""
		for _, w := range want {
			if !strings.Contains(logs, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("log lacks %q:\n%s", missing, logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestServer_Connect(t *testing.T) {
	cv := newConverter(t)
	a := startAgent(t, []netip.AddrPort{cv.addr}, nil)
	d := mustDialer(t, a.url(testUser, testPass), nil)
	c, err := d.DialContext(context.Background(), "tcp", cv.addr.String())
	if err != nil {
		t.Fatal(err)
	}
	echo(t, c, "\x68\x11\x22\x33\x44\x55\x66\x68\x11\x04") // a DL/T 645 frame start
	echo(t, c, "second request")
	c.Close()
	waitLog(t, a, "sitegw: connect", "user="+testUser, "target="+cv.addr.String(), "result=ok",
		"sitegw: closed", "bytes_up=24", "bytes_down=24", "duration=")

	t.Run("ClientHangsUpFreesConverter", func(t *testing.T) {
		for len(cv.closed) > 0 {
			<-cv.closed
		}
		c, err := d.DialContext(context.Background(), "tcp", cv.addr.String())
		if err != nil {
			t.Fatal(err)
		}
		echo(t, c, "x")
		c.Close()
		select {
		case <-cv.closed:
		case <-time.After(3 * time.Second):
			t.Fatal("converter connection still open 3s after the poller hung up")
		}
	})
}

func TestServer_ConverterHangsUp(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err == nil {
			c.Write([]byte("bye"))
			c.Close()
		}
	}()
	target := ln.Addr().(*net.TCPAddr).AddrPort()
	a := startAgent(t, []netip.AddrPort{target}, func(c *Config) { c.IdleTimeout = time.Minute })
	c, err := mustDialer(t, a.url(testUser, testPass), nil).DialContext(context.Background(), "tcp", target.String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	got, err := io.ReadAll(c)
	if err != nil || string(got) != "bye" {
		t.Fatalf("got %q, %v; want \"bye\" then EOF well before the idle timeout", got, err)
	}
}

func TestServer_Refused(t *testing.T) {
	cv := newConverter(t)
	other := newConverter(t) // reachable, but not in the allowlist
	a := startAgent(t, []netip.AddrPort{cv.addr}, nil)
	good := mustDialer(t, a.url(testUser, testPass), nil)
	ctx := context.Background()

	t.Run("ErrNotInAllowlist", func(t *testing.T) {
		_, err := good.DialContext(ctx, "tcp", other.addr.String())
		if err == nil || !strings.Contains(err.Error(), "connection not allowed by ruleset") {
			t.Fatalf("got %v, want connection not allowed by ruleset", err)
		}
		waitLog(t, a, "sitegw: refused", "user="+testUser, "target="+other.addr.String(), "not in allowlist")
	})
	t.Run("ErrOtherPortSameIP", func(t *testing.T) {
		target := netip.AddrPortFrom(cv.addr.Addr(), cv.addr.Port()+1)
		if _, err := good.DialContext(ctx, "tcp", target.String()); err == nil || !strings.Contains(err.Error(), "not allowed by ruleset") {
			t.Fatalf("got %v, want connection not allowed by ruleset", err)
		}
	})
	t.Run("ErrHostname", func(t *testing.T) {
		_, err := good.DialContext(ctx, "tcp", "localhost:"+strconv.Itoa(int(cv.addr.Port())))
		if err == nil || !strings.Contains(err.Error(), "host unreachable") {
			t.Fatalf("got %v, want host unreachable (no DNS)", err)
		}
		waitLog(t, a, "hostname (the agent does no DNS)")
	})
	t.Run("ErrWrongPassword", func(t *testing.T) {
		_, err := mustDialer(t, a.url(testUser, "wrong"), nil).DialContext(ctx, "tcp", cv.addr.String())
		if err == nil || !strings.Contains(err.Error(), "authentication failed") {
			t.Fatalf("got %v, want authentication failed", err)
		}
		waitLog(t, a, "sitegw: authentication failed")
	})
	t.Run("ErrUnknownUser", func(t *testing.T) {
		_, err := mustDialer(t, a.url("intruder", testPass), nil).DialContext(ctx, "tcp", cv.addr.String())
		if err == nil || !strings.Contains(err.Error(), "authentication failed") {
			t.Fatalf("got %v, want authentication failed", err)
		}
	})
	t.Run("ErrNoCredentials", func(t *testing.T) {
		c := rawConn(t, a.addr)
		c.Write([]byte{5, 1, 0}) // offers only "no authentication"
		if got := readN(t, c, 2); !bytes.Equal(got, []byte{5, 0xff}) {
			t.Fatalf("got % x, want 05 ff (no acceptable methods)", got)
		}
	})
	for _, tc := range []struct {
		name string
		cmd  byte
		rep  byte
	}{
		{"ErrBind", 2, 2},      // refused by the allowlist rule
		{"ErrAssociate", 3, 2}, // refused by the allowlist rule
		{"ErrUnknownCommand", 9, 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := rawConn(t, a.addr)
			rawAuth(t, c)
			// to the allowlisted converter itself: only the command is wrong
			req := append([]byte{5, tc.cmd, 0, 1}, cv.addr.Addr().AsSlice()...)
			req = binary.BigEndian.AppendUint16(req, cv.addr.Port())
			c.Write(req)
			if got := readN(t, c, 2); got[0] != 5 || got[1] != tc.rep {
				t.Fatalf("reply % x, want 05 %02x", got, tc.rep)
			}
		})
	}
	t.Run("StillServing", func(t *testing.T) {
		c, err := good.DialContext(ctx, "tcp", cv.addr.String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		echo(t, c, "still serving")
	})
}

func rawConn(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(3 * time.Second))
	return c
}

func readN(t *testing.T, c net.Conn, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := io.ReadFull(c, b); err != nil {
		t.Fatalf("read reply: %v", err)
	}
	return b
}

// rawAuth does the RFC 1929 exchange by hand.
func rawAuth(t *testing.T, c net.Conn) {
	t.Helper()
	c.Write([]byte{5, 1, 2})
	if got := readN(t, c, 2); !bytes.Equal(got, []byte{5, 2}) {
		t.Fatalf("method reply % x, want 05 02", got)
	}
	msg := append([]byte{1, byte(len(testUser))}, testUser...)
	msg = append(append(msg, byte(len(testPass))), testPass...)
	c.Write(msg)
	if got := readN(t, c, 2); !bytes.Equal(got, []byte{1, 0}) {
		t.Fatalf("auth reply % x, want 01 00", got)
	}
}

func TestServer_TLS(t *testing.T) {
	cv := newConverter(t)
	certFile, keyFile, pool := selfSigned(t)
	a := startAgent(t, []netip.AddrPort{cv.addr}, func(c *Config) {
		c.TLSCertFile, c.TLSKeyFile = certFile, keyFile
	})
	url := "socks5+tls://" + testUser + ":" + testPass + "@" + a.addr
	c, err := mustDialer(t, url, &tls.Config{RootCAs: pool}).DialContext(context.Background(), "tcp", cv.addr.String())
	if err != nil {
		t.Fatal(err)
	}
	echo(t, c, "over TLS")
	c.Close()
	waitLog(t, a, "tls=true", "result=ok")

	t.Run("ErrPlainClient", func(t *testing.T) {
		if _, err := mustDialer(t, a.url(testUser, testPass), nil).DialContext(context.Background(), "tcp", cv.addr.String()); err == nil {
			t.Fatal("plain SOCKS5 to a TLS agent succeeded")
		}
	})
	t.Run("ErrUntrustedCert", func(t *testing.T) {
		if _, err := mustDialer(t, url, &tls.Config{RootCAs: x509.NewCertPool()}).DialContext(context.Background(), "tcp", cv.addr.String()); err == nil {
			t.Fatal("TLS with an unknown certificate succeeded")
		}
	})
}

// selfSigned writes a certificate for 127.0.0.1 and its key to files and
// returns them with a pool that trusts the certificate.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "sitegw test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600)
	return certFile, keyFile, pool
}

func TestServer_IdleTimeout(t *testing.T) {
	cv := newConverter(t)
	a := startAgent(t, []netip.AddrPort{cv.addr}, func(c *Config) { c.IdleTimeout = 200 * time.Millisecond })
	d := mustDialer(t, a.url(testUser, testPass), nil)

	t.Run("SilentSessionClosed", func(t *testing.T) {
		c, err := d.DialContext(context.Background(), "tcp", cv.addr.String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if took := waitClosed(t, c, 5*time.Second); took < 100*time.Millisecond {
			t.Fatalf("closed after %v, before the idle timeout", took)
		}
	})
	t.Run("BusySessionKept", func(t *testing.T) {
		c, err := d.DialContext(context.Background(), "tcp", cv.addr.String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		for range 8 { // 8 × 75 ms: well past the idle timeout in total
			echo(t, c, "poll")
			time.Sleep(75 * time.Millisecond)
		}
	})
	t.Run("SilentHandshakeClosed", func(t *testing.T) {
		c := rawConn(t, a.addr)
		waitClosed(t, c, 5*time.Second)
	})
}

func TestServer_MaxConnAge(t *testing.T) {
	cv := newConverter(t)
	a := startAgent(t, []netip.AddrPort{cv.addr}, func(c *Config) { c.MaxConnAge = 300 * time.Millisecond })
	c, err := mustDialer(t, a.url(testUser, testPass), nil).DialContext(context.Background(), "tcp", cv.addr.String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		c.SetDeadline(time.Now().Add(time.Second))
		if _, err := c.Write([]byte("p")); err != nil {
			break
		}
		if _, err := io.ReadFull(c, make([]byte, 1)); err != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("busy session still open 5s after a max age of 300ms")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestServer_StopClosesSessions(t *testing.T) {
	cv := newConverter(t)
	a := startAgent(t, []netip.AddrPort{cv.addr}, func(c *Config) { c.IdleTimeout = time.Minute })
	d := mustDialer(t, a.url(testUser, testPass), nil)
	c, err := d.DialContext(context.Background(), "tcp", cv.addr.String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	echo(t, c, "before stop")
	silent := rawConn(t, a.addr) // accepted, still in the handshake

	a.cancel()
	select {
	case err := <-a.done:
		if err != nil {
			t.Fatalf("Serve: %v, want nil after cancel", err)
		}
		a.done <- nil // for the cleanup
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return 5s after cancel")
	}
	waitClosed(t, c, 3*time.Second)
	waitClosed(t, silent, 3*time.Second)
	select {
	case <-cv.closed:
	case <-time.After(3 * time.Second):
		t.Fatal("converter connection still open after stop")
	}
	if _, err := d.DialContext(context.Background(), "tcp", cv.addr.String()); err == nil {
		t.Fatal("dial after stop succeeded")
	}
	waitLog(t, a, "sitegw: stopped")
}
