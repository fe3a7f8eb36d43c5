package link

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
)

const testIMEI = "860000000000001"

var heart = []byte("HEART")

// syncBuffer is a log sink safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type testListener struct {
	*Listener
	logs  *syncBuffer
	serve chan error
}

// newListener serves a Listener on 127.0.0.1:0 until the test ends.
func newListener(t *testing.T, opt Options, matchers ...Matcher) *testListener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if len(matchers) == 0 {
		matchers = []Matcher{IMEIMatcher{Suffix: []byte("\r\n")}}
	}
	if opt.Heartbeats == nil {
		opt.Heartbeats = []Pattern{Exact(heart)}
	}
	logs := &syncBuffer{}
	opt.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	l, err := NewListener(ln, matchers, opt)
	if err != nil {
		t.Fatal(err)
	}
	tl := &testListener{Listener: l, logs: logs, serve: make(chan error, 1)}
	go func() { tl.serve <- l.Serve(context.Background()) }()
	t.Cleanup(func() {
		_ = l.Close()
		if err := <-tl.serve; !errors.Is(err, ErrClosed) {
			t.Errorf("Serve = %v, want ErrClosed", err)
		}
	})
	return tl
}

// device dials l like a 4G DTU and sends the registration.
func device(t *testing.T, l *testListener, reg string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	if reg != "" {
		write(t, c, []byte(reg))
	}
	return c
}

func write(t *testing.T, c net.Conn, b []byte) {
	t.Helper()
	if _, err := c.Write(b); err != nil {
		t.Fatal(err)
	}
}

func ctxT(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// readN reads exactly n bytes from c within 2 s.
func readN(t *testing.T, c net.Conn, n int) []byte {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
	b := make([]byte, n)
	if _, err := io.ReadFull(c, b); err != nil {
		t.Fatalf("read %d bytes: %v", n, err)
	}
	_ = c.SetReadDeadline(time.Time{})
	return b
}

// waitClosed waits until the peer closes c.
func waitClosed(t *testing.T, c net.Conn, within time.Duration) {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(within))
	_, err := io.Copy(io.Discard, c)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("connection still open after %s", within)
	}
}

// eventually polls cond for up to 2 s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(2 * time.Second); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func reply645(t *testing.T, req dlt645.Frame, value ...byte) []byte {
	t.Helper()
	b, err := dlt645.Frame{Addr: req.Addr, Control: req.Control.Reply(), Data: append(bytes.Clone(req.Data), value...)}.AppendRequest(nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestListener_IMEI(t *testing.T) {
	l := newListener(t, Options{})
	dev := device(t, l, testIMEI+"\r\n")
	write(t, dev, heart)

	c, err := l.Dial(ctxT(t, 2*time.Second), testIMEI)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := c.(*Conn).DeviceID(); got != testIMEI {
		t.Errorf("DeviceID = %q, want %q", got, testIMEI)
	}
	if got, want := c.RemoteAddr().String(), dev.LocalAddr().String(); got != want {
		t.Errorf("RemoteAddr = %s, want %s", got, want)
	}

	req := dlt645.ReadRequest(dlt645.MustParseAddress("000012345678"), dlt645.DIBalance)
	wire, _ := req.AppendRequest(nil, 4)
	write(t, c, wire)
	if got := readN(t, dev, len(wire)); !bytes.Equal(got, wire) {
		t.Fatalf("device got % X, want % X", got, wire)
	}
	rep := reply645(t, req, 0x00, 0x10, 0x00, 0x00)
	write(t, dev, heart)
	time.Sleep(20 * time.Millisecond)
	write(t, dev, append(append(bytes.Clone(heart), rep[:5]...), heart...)) // glued, and a heartbeat mid-reply
	time.Sleep(20 * time.Millisecond)
	write(t, dev, append(bytes.Clone(rep[5:]), heart...))
	write(t, dev, heart)
	if got := readN(t, c, len(rep)); !bytes.Equal(got, rep) {
		t.Fatalf("reply = % X, want % X", got, rep)
	}
	// Nothing else (no heartbeat bytes) follows.
	_ = c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	if n, err := c.Read(make([]byte, 16)); n != 0 || !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("extra read = %d, %v; want 0, deadline exceeded", n, err)
	}

	eventually(t, "heartbeats counted", func() bool {
		d := l.Devices()
		return len(d) == 1 && d[0].Heartbeats == 6
	})
	d := l.Devices()[0]
	if d.ID != testIMEI || d.Remote != dev.LocalAddr().String() || d.Connected.IsZero() || d.LastHeard.Before(d.Connected) {
		t.Errorf("Devices = %+v", d)
	}
}

func TestListener_Replace(t *testing.T) {
	l := newListener(t, Options{})
	dev1 := device(t, l, testIMEI+"\r\n")
	c1, err := l.Dial(ctxT(t, 2*time.Second), testIMEI)
	if err != nil {
		t.Fatal(err)
	}
	dev2 := device(t, l, testIMEI+"\r\nhello")
	waitClosed(t, dev1, 2*time.Second)
	_ = c1.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := io.ReadAll(c1); err != nil {
		t.Errorf("old conn: ReadAll = %v, want io.EOF (nil)", err)
	}
	eventually(t, "new connection", func() bool {
		c2, err := l.Dial(ctxT(t, time.Second), testIMEI)
		return err == nil && c2.RemoteAddr().String() == dev2.LocalAddr().String()
	})
	c2, _ := l.Dial(ctxT(t, time.Second), testIMEI)
	if got := readN(t, c2, 5); string(got) != "hello" {
		t.Errorf("new conn read %q, want hello", got)
	}
	if d := l.Devices(); len(d) != 1 || d[0].Remote != dev2.LocalAddr().String() {
		t.Errorf("Devices = %+v, want only %s", d, dev2.LocalAddr())
	}
	// A second Dial takes over the stream: the previous Conn is closed,
	// the device stays connected.
	c3, err := l.Dial(ctxT(t, time.Second), testIMEI)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c2.Read(make([]byte, 1)); !errors.Is(err, net.ErrClosed) {
		t.Errorf("superseded conn Read = %v, want net.ErrClosed", err)
	}
	write(t, dev2, []byte("x"))
	if got := readN(t, c3, 1); string(got) != "x" {
		t.Errorf("read %q, want x", got)
	}
	_ = c3.Close()
	if !l.Disconnect(testIMEI) {
		t.Error("Disconnect = false")
	}
	waitClosed(t, dev2, 2*time.Second)
	eventually(t, "no devices", func() bool { return len(l.Devices()) == 0 })
}

func TestListener_Rejects(t *testing.T) {
	t.Run("UnknownRegistration", func(t *testing.T) {
		l := newListener(t, Options{})
		dev := device(t, l, "HELLO")
		waitClosed(t, dev, 2*time.Second)
		eventually(t, "log", func() bool {
			s := l.logs.String()
			return strings.Contains(s, "registration failed") && strings.Contains(s, "48454c4c4f")
		})
		if d := l.Devices(); len(d) != 0 {
			t.Errorf("Devices = %+v", d)
		}
	})
	t.Run("Timeout", func(t *testing.T) {
		l := newListener(t, Options{RegistrationTimeout: 100 * time.Millisecond})
		start := time.Now()
		dev := device(t, l, "86000") // a valid start, never finished
		waitClosed(t, dev, 2*time.Second)
		if d := time.Since(start); d < 90*time.Millisecond {
			t.Errorf("closed after %s, want the 100ms registration timeout", d)
		}
		eventually(t, "log", func() bool { return strings.Contains(l.logs.String(), "no registration within 100ms") })
	})
	t.Run("TooLong", func(t *testing.T) {
		l := newListener(t, Options{MaxRegistration: 32}, HexPrefixMatcher{Prefix: []byte("ID"), IDLen: 100})
		dev := device(t, l, "ID"+strings.Repeat("1", 40))
		waitClosed(t, dev, 2*time.Second)
		eventually(t, "log", func() bool { return strings.Contains(l.logs.String(), "first 32 bytes") })
	})
}

func TestListener_DLT645Address(t *testing.T) {
	l := newListener(t, Options{}, IMEIMatcher{}, DLT645AddressMatcher{})
	addr := dlt645.MustParseAddress("000012345678")
	first, _ := dlt645.Frame{Addr: addr, Control: dlt645.FuncReadAddress.Reply(), Data: addr[:]}.AppendRequest(nil, 4)
	dev := device(t, l, "")
	write(t, dev, heart) // before registration: ignored
	write(t, dev, append(first, "after"...))
	c, err := l.Dial(ctxT(t, 2*time.Second), "000012345678")
	if err != nil {
		t.Fatal(err)
	}
	if got := readN(t, c, 5); string(got) != "after" {
		t.Errorf("read %q, want the bytes after the registration frame", got)
	}
}

func TestListener_HexPrefix(t *testing.T) {
	l := newListener(t, Options{StripRegistration: true, Heartbeats: []Pattern{PacketPrefix([]byte("PING"))}},
		HexPrefixMatcher{Prefix: []byte("LOGIN:"), IDLen: 4})
	dev := device(t, l, "LOGIN:1001")
	c, err := l.Dial(ctxT(t, 2*time.Second), "1001")
	if err != nil {
		t.Fatal(err)
	}
	write(t, dev, []byte("LOGIN:1001abc"))
	time.Sleep(20 * time.Millisecond)
	write(t, dev, []byte("PING rssi=21"))
	time.Sleep(20 * time.Millisecond)
	write(t, dev, []byte("LOGIN:1001def"))
	if got := readN(t, c, 6); string(got) != "abcdef" {
		t.Errorf("read %q, want abcdef (registration prefixes and heartbeats removed)", got)
	}
}

func TestListener_Acrel(t *testing.T) {
	l := newListener(t, Options{Heartbeats: []Pattern{AcrelHeartbeat}}, Acrel7B7BMatcher{})
	dev := device(t, l, "")
	write(t, dev, AcrelFrame(0x84, []byte("00000012345678901234rest-of-login")))
	if got, want := readN(t, dev, 7), (Acrel7B7BMatcher{}).Reply(""); !bytes.Equal(got, want) {
		t.Errorf("login reply % X, want % X", got, want)
	}
	write(t, dev, AcrelHeartbeat.Bytes)
	eventually(t, "device", func() bool {
		d := l.Devices()
		return len(d) == 1 && d[0].ID == "12345678901234" && d[0].Heartbeats == 1
	})
}

func TestListener_IdleTimeout(t *testing.T) {
	l := newListener(t, Options{IdleTimeout: 150 * time.Millisecond})
	silent := device(t, l, "111111111111111\r\n")
	alive := device(t, l, "222222222222222\r\n")
	eventually(t, "two devices", func() bool { return len(l.Devices()) == 2 })
	for range 8 { // 400 ms of heartbeats
		write(t, alive, heart)
		time.Sleep(50 * time.Millisecond)
	}
	waitClosed(t, silent, time.Second)
	d := l.Devices()
	if len(d) != 1 || d[0].ID != "222222222222222" {
		t.Errorf("Devices = %+v, want only the one sending heartbeats", d)
	}
	if !strings.Contains(l.logs.String(), "idle timeout") {
		t.Errorf("log lacks the idle timeout:\n%s", l.logs)
	}
}

func TestListener_Dial(t *testing.T) {
	t.Run("WaitsForDevice", func(t *testing.T) {
		l := newListener(t, Options{})
		got := make(chan error, 1)
		go func() {
			c, err := l.Dial(ctxT(t, 2*time.Second), testIMEI)
			if err == nil {
				c.Close()
			}
			got <- err
		}()
		time.Sleep(50 * time.Millisecond)
		select {
		case err := <-got:
			t.Fatalf("Dial returned %v before the device connected", err)
		default:
		}
		device(t, l, testIMEI+"\r\n")
		if err := <-got; err != nil {
			t.Fatal(err)
		}
	})
	t.Run("HonoursContext", func(t *testing.T) {
		l := newListener(t, Options{})
		start := time.Now()
		_, err := l.Dial(ctxT(t, 50*time.Millisecond), testIMEI)
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
			t.Errorf("Dial = %v after %s, want DeadlineExceeded after 50ms", err, time.Since(start))
		}
	})
	t.Run("Deadlines", func(t *testing.T) {
		l := newListener(t, Options{})
		dev := device(t, l, testIMEI+"\r\n")
		c, err := l.Dial(ctxT(t, 2*time.Second), testIMEI)
		if err != nil {
			t.Fatal(err)
		}
		_ = c.SetDeadline(time.Unix(1, 0))
		if _, err := c.Read(make([]byte, 1)); !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Errorf("Read past deadline = %v", err)
		}
		_ = c.SetDeadline(time.Time{})
		write(t, dev, []byte("z"))
		if got := readN(t, c, 1); string(got) != "z" {
			t.Errorf("read %q", got)
		}
	})
}

func TestListener_Close(t *testing.T) {
	l := newListener(t, Options{})
	dev := device(t, l, testIMEI+"\r\n")
	c, err := l.Dial(ctxT(t, 2*time.Second), testIMEI)
	if err != nil {
		t.Fatal(err)
	}
	pending := device(t, l, "8600") // not registered yet
	errs := make(chan error, 2)
	go func() {
		_, err := l.Dial(context.Background(), "999999999999999")
		errs <- err
	}()
	go func() {
		_, err := c.Read(make([]byte, 1))
		errs <- err
	}()
	time.Sleep(50 * time.Millisecond)
	done := make(chan error, 1)
	go func() { done <- l.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Close = %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Close hangs")
	}
	for range 2 {
		select {
		case err := <-errs:
			if !errors.Is(err, ErrClosed) && !errors.Is(err, io.EOF) {
				t.Errorf("blocked call returned %v, want ErrClosed or io.EOF", err)
			}
		case <-time.After(2 * time.Second):
			t.Fatal("a blocked call did not return")
		}
	}
	waitClosed(t, dev, time.Second)
	waitClosed(t, pending, time.Second)
	if err := <-l.serve; !errors.Is(err, ErrClosed) {
		t.Errorf("Serve = %v", err)
	}
	l.serve <- ErrClosed // for the cleanup
	if _, err := l.Dial(context.Background(), testIMEI); !errors.Is(err, ErrClosed) {
		t.Errorf("Dial after Close = %v", err)
	}
}

func TestNewListener_Errors(t *testing.T) {
	if _, err := NewListener(nil, []Matcher{IMEIMatcher{}}, Options{}); err == nil {
		t.Error("nil listener accepted")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if _, err := NewListener(ln, nil, Options{}); err == nil {
		t.Error("no matchers accepted")
	}
}

func TestListener_MaxBuffered(t *testing.T) {
	l := newListener(t, Options{MaxBuffered: 8})
	dev := device(t, l, testIMEI+"\r\n")
	eventually(t, "device", func() bool { return len(l.Devices()) == 1 })
	write(t, dev, []byte("0123456789abcdefghij"))
	eventually(t, "overflow logged", func() bool { return strings.Contains(l.logs.String(), "unread input dropped") })
	c, err := l.Dial(ctxT(t, 2*time.Second), testIMEI)
	if err != nil {
		t.Fatal(err)
	}
	if got := readN(t, c, 8); string(got) != "cdefghij" {
		t.Errorf("read %q, want the newest 8 bytes", got)
	}
	_ = c.Close()
	if _, err := c.Write([]byte("x")); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Write after Close = %v, want net.ErrClosed", err)
	}
	if d := l.Devices(); len(d) != 1 {
		t.Errorf("closing a Conn must not disconnect the device: Devices = %+v", d)
	}
}
