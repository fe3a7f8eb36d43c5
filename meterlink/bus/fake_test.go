package bus

import (
	"context"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// fake is a loopback stand-in for a transparent converter: it accepts TCP
// connections on 127.0.0.1 and runs serve on each.
type fake struct {
	t       *testing.T
	ln      net.Listener
	serve   func(f *fake, c net.Conn)
	accepts atomic.Int32
	reqs    atomic.Int32 // requests seen, for the handlers' numbering

	mu    sync.Mutex
	conns []net.Conn
}

func newFake(t *testing.T, serve func(f *fake, c net.Conn)) *fake {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fake{t: t, ln: ln, serve: serve}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			f.accepts.Add(1)
			f.mu.Lock()
			f.conns = append(f.conns, c)
			f.mu.Unlock()
			wg.Go(func() {
				defer c.Close()
				f.serve(f, c)
			})
		}
	})
	t.Cleanup(func() {
		ln.Close()
		f.mu.Lock()
		for _, c := range f.conns {
			c.Close()
		}
		f.mu.Unlock()
		wg.Wait()
	})
	return f
}

func (f *fake) addr() string { return f.ln.Addr().String() }

func (f *fake) dial(ctx context.Context) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, "tcp", f.addr())
}

// serve645 returns a serve function that reads DL/T 645 requests and hands
// each, numbered from 1 across connections, to h.
func serve645(h func(n int, req dlt645.Frame, c net.Conn, fr *dlt645.FrameReader)) func(*fake, net.Conn) {
	return func(f *fake, c net.Conn) {
		fr := dlt645.NewFrameReader(c)
		for {
			req, err := fr.ReadFrame()
			if errors.Is(err, dlt645.ErrChecksum) {
				continue
			}
			if err != nil {
				return
			}
			if req.Control.IsReply() {
				continue
			}
			h(int(f.reqs.Add(1)), req, c, fr)
		}
	}
}

// newFake645 starts a fake converter answering DL/T 645 with h.
func newFake645(t *testing.T, h func(n int, req dlt645.Frame, c net.Conn, fr *dlt645.FrameReader)) *fake {
	return newFake(t, serve645(h))
}

// reply645 encodes the normal reply to a read req carrying value.
func reply645(t *testing.T, req dlt645.Frame, value ...byte) []byte {
	t.Helper()
	data := append(append([]byte{}, req.Data[:4]...), value...)
	b, err := dlt645.Frame{Addr: req.Addr, Control: req.Control.Reply(), Data: data}.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// answer replies to every read with value 0x12345 fen-ish bytes.
func answer(t *testing.T) func(int, dlt645.Frame, net.Conn, *dlt645.FrameReader) {
	return func(_ int, req dlt645.Frame, c net.Conn, _ *dlt645.FrameReader) {
		c.Write(reply645(t, req, 0x45, 0x23, 0x01, 0x00))
	}
}

// testSettings are DL/T 645 settings with test-sized times.
func testSettings() Settings {
	s := DefaultSettings(DLT645, 9600)
	s.ResponseTimeout = 150 * time.Millisecond
	s.InterFrameGap = 2 * time.Millisecond
	s.Retries = 2
	s.ReconnectAfter = 0
	s.DialTimeout = time.Second
	return s
}

func newBus(t *testing.T, dial DialFunc, p Protocol, s Settings) *Bus {
	t.Helper()
	b, err := New(dial, p, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

var (
	meter1    = dlt645.MustParseAddress("000000000001")
	diBalance = dlt645.DI(0x00900200)
	diStatus3 = dlt645.DI(0x04000503)
)

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}
