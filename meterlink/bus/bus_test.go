package bus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// wantBalance checks a reply to a balance read carrying answer's value.
func wantBalance(t *testing.T, f dlt645.Frame, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("DLT645: %v", err)
	}
	data, err := dlt645.ReadReplyData(diBalance, f)
	if err != nil {
		t.Fatalf("ReadReplyData: %v", err)
	}
	if want := []byte{0x45, 0x23, 0x01, 0x00}; !bytes.Equal(data, want) {
		t.Fatalf("data = % X, want % X", data, want)
	}
}

func TestBus_DLT645(t *testing.T) {
	t.Run("Normal", func(t *testing.T) {
		f := newFake645(t, answer(t))
		b := newBus(t, Dial(nil, f.addr()), DLT645, testSettings())
		r, err := b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diBalance))
		wantBalance(t, r, err)
		st := b.Stats()
		if st.Requests != 1 || st.Attempts != 1 || st.Replies != 1 || st.Retries != 0 || st.Dials != 1 {
			t.Fatalf("stats = %+v", st)
		}
		if st.BytesSent != 20 || st.BytesReceived != 20 {
			t.Fatalf("bytes sent/received = %d/%d, want 20/20", st.BytesSent, st.BytesReceived)
		}
	})

	t.Run("SplitIntoSingleBytes", func(t *testing.T) {
		f := newFake645(t, func(_ int, req dlt645.Frame, c net.Conn, _ *dlt645.FrameReader) {
			for _, x := range append([]byte{0xFE, 0xFE}, reply645(t, req, 0x45, 0x23, 0x01, 0x00)...) {
				c.Write([]byte{x})
				time.Sleep(time.Millisecond)
			}
		})
		b := newBus(t, f.dial, DLT645, testSettings())
		r, err := b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diBalance))
		wantBalance(t, r, err)
	})

	t.Run("LateReplyGluedToRightOne", func(t *testing.T) {
		var late []byte
		f := newFake645(t, func(n int, req dlt645.Frame, c net.Conn, _ *dlt645.FrameReader) {
			if n == 1 { // stay silent past the timeout; keep the reply for later
				late = reply645(t, req, 0x00, 0x00)
				return
			}
			c.Write(append(late, reply645(t, req, 0x45, 0x23, 0x01, 0x00)...))
		})
		s := testSettings()
		s.Retries = 0
		b := newBus(t, f.dial, DLT645, s)
		if _, err := b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diStatus3)); !errors.Is(err, ErrTimeout) {
			t.Fatalf("first request: err = %v, want ErrTimeout", err)
		}
		r, err := b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diBalance))
		wantBalance(t, r, err)
	})

	t.Run("LateReplyDuringGapIsDrained", func(t *testing.T) {
		f := newFake645(t, func(n int, req dlt645.Frame, c net.Conn, _ *dlt645.FrameReader) {
			if n == 1 { // answer after the timeout, inside the gap
				time.Sleep(80 * time.Millisecond)
				c.Write(reply645(t, req, 0x99, 0x99, 0x99, 0x99))
				return
			}
			c.Write(reply645(t, req, 0x45, 0x23, 0x01, 0x00))
		})
		s := testSettings()
		s.Retries = 0
		s.ResponseTimeout = 40 * time.Millisecond
		s.InterFrameGap = 150 * time.Millisecond
		b := newBus(t, f.dial, DLT645, s)
		req := dlt645.ReadRequest(meter1, diBalance) // same DI: only draining can tell them apart
		if _, err := b.DLT645(ctxT(t), req); !errors.Is(err, ErrTimeout) {
			t.Fatalf("first request: err = %v, want ErrTimeout", err)
		}
		r, err := b.DLT645(ctxT(t), req)
		wantBalance(t, r, err)
	})

	for _, strip := range []bool{false, true} {
		t.Run(fmt.Sprintf("Echo/EchoStrip=%v", strip), func(t *testing.T) {
			f := newFake645(t, func(_ int, req dlt645.Frame, c net.Conn, _ *dlt645.FrameReader) {
				echo, _ := req.AppendRequest(nil, 4)
				c.Write(append(echo, reply645(t, req, 0x45, 0x23, 0x01, 0x00)...))
			})
			s := testSettings()
			s.EchoStrip = strip
			b := newBus(t, f.dial, DLT645, s)
			r, err := b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diBalance))
			wantBalance(t, r, err)
		})
	}

	t.Run("EchoCodecReader", func(t *testing.T) {
		req := dlt645.ReadRequest(meter1, diBalance)
		echo, _ := req.AppendRequest(nil, 4)
		fr := dlt645.NewFrameReader(bytes.NewReader(append(echo, reply645(t, req, 0x45, 0x23, 0x01, 0x00)...)))
		r, err := fr.ReadReply()
		wantBalance(t, r, err)
	})

	t.Run("GarbageBeforeReply", func(t *testing.T) {
		f := newFake645(t, func(_ int, req dlt645.Frame, c net.Conn, _ *dlt645.FrameReader) {
			junk := []byte{0x00, 0x68, 0xFF, 0x12, 0x68, 0x68, 0x16, 0xFE, 0xFE}
			c.Write(append(junk, reply645(t, req, 0x45, 0x23, 0x01, 0x00)...))
		})
		b := newBus(t, f.dial, DLT645, testSettings())
		r, err := b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diBalance))
		wantBalance(t, r, err)
	})

	t.Run("BadChecksumThenRetry", func(t *testing.T) {
		f := newFake645(t, func(n int, req dlt645.Frame, c net.Conn, _ *dlt645.FrameReader) {
			r := reply645(t, req, 0x45, 0x23, 0x01, 0x00)
			if n == 1 {
				r[len(r)-2] ^= 0xFF
			}
			c.Write(r)
		})
		s := testSettings()
		s.ResponseTimeout = 2 * time.Second // a retry must not wait for it
		b := newBus(t, f.dial, DLT645, s)
		start := time.Now()
		r, err := b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diBalance))
		wantBalance(t, r, err)
		if el := time.Since(start); el >= s.ResponseTimeout {
			t.Fatalf("took %v: the garbled reply was waited out instead of retried", el)
		}
		st := b.Stats()
		if got := f.reqs.Load(); got != 2 || st.Garbled != 1 || st.Retries != 1 || st.Timeouts != 0 {
			t.Fatalf("fake saw %d requests, stats %+v; want 2 requests, 1 garbled, 1 retry", got, st)
		}
	})

	t.Run("BadChecksumEveryTime", func(t *testing.T) {
		f := newFake645(t, func(_ int, req dlt645.Frame, c net.Conn, _ *dlt645.FrameReader) {
			r := reply645(t, req, 0x45, 0x23, 0x01, 0x00)
			r[len(r)-2] ^= 0xFF
			c.Write(r)
		})
		b := newBus(t, f.dial, DLT645, testSettings())
		_, err := b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diBalance))
		var be *Error
		if !errors.As(err, &be) || be.Kind != ErrGarbled || be.Attempts != 3 || !errors.Is(err, dlt645.ErrChecksum) {
			t.Fatalf("err = %v, want ErrGarbled after 3 attempts wrapping ErrChecksum", err)
		}
	})

	t.Run("ErrTimeout", func(t *testing.T) {
		f := newFake645(t, func(int, dlt645.Frame, net.Conn, *dlt645.FrameReader) {})
		s := testSettings()
		s.ResponseTimeout = 40 * time.Millisecond
		b := newBus(t, f.dial, DLT645, s)
		_, err := b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diBalance))
		var be *Error
		if !errors.As(err, &be) || be.Kind != ErrTimeout || be.Attempts != 3 {
			t.Fatalf("err = %v, want *Error ErrTimeout after 3 attempts", err)
		}
		if errors.Is(err, ErrConnection) || errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, ErrTimeout) {
			t.Fatalf("err = %v is classified as more than a timeout", err)
		}
		st := b.Stats()
		if got := f.reqs.Load(); got != 3 || st.Timeouts != 3 || st.Retries != 2 || st.Attempts != 3 {
			t.Fatalf("fake saw %d requests, stats %+v; want 3 attempts, 3 timeouts, 2 retries", got, st)
		}
	})

	t.Run("MeterErrorIsNotRetried", func(t *testing.T) {
		f := newFake645(t, func(_ int, req dlt645.Frame, c net.Conn, _ *dlt645.FrameReader) {
			r, _ := dlt645.Frame{Addr: req.Addr, Control: 0xD1, Data: []byte{0x02}}.MarshalBinary()
			c.Write(r)
		})
		b := newBus(t, f.dial, DLT645, testSettings())
		_, err := b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diBalance))
		var me *dlt645.MeterError
		if !errors.As(err, &me) || !errors.Is(err, dlt645.ErrNoData) {
			t.Fatalf("err = %v, want *dlt645.MeterError with ErrNoData", err)
		}
		if got, st := f.reqs.Load(), b.Stats(); got != 1 || st.MeterErrors != 1 || st.Retries != 0 {
			t.Fatalf("fake saw %d requests, stats %+v; want 1 request, 1 meter error", got, st)
		}
	})

	t.Run("Broadcast", func(t *testing.T) {
		got := make(chan dlt645.Frame, 1)
		f := newFake645(t, func(_ int, req dlt645.Frame, _ net.Conn, _ *dlt645.FrameReader) { got <- req })
		s := testSettings()
		s.ResponseTimeout = 5 * time.Second
		b := newBus(t, f.dial, DLT645, s)
		req, err := dlt645.BroadcastTimeRequest(time.Date(2026, 11, 25, 12, 30, 5, 0, time.Local))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		r, err := b.DLT645(ctxT(t), req)
		if err != nil || r.Control != 0 || time.Since(start) > time.Second {
			t.Fatalf("broadcast: %+v, %v after %v; want zero frame, nil, at once", r, err, time.Since(start))
		}
		if f := <-got; f.Addr != dlt645.Broadcast || f.Control != dlt645.FuncBroadcastTime {
			t.Fatalf("fake got %+v", f)
		}
	})
}

func TestBus_Reconnect(t *testing.T) {
	t.Run("GatewayClosedWhileIdle", func(t *testing.T) {
		closed := make(chan struct{})
		f := newFake645(t, func(n int, req dlt645.Frame, c net.Conn, _ *dlt645.FrameReader) {
			c.Write(reply645(t, req, 0x45, 0x23, 0x01, 0x00))
			if n == 1 {
				c.Close()
				close(closed)
			}
		})
		s := testSettings()
		s.Retries = 0 // the redial of a connection found dead must not need a retry
		b := newBus(t, f.dial, DLT645, s)
		readBalance(t, b)
		<-closed
		time.Sleep(20 * time.Millisecond) // let the FIN arrive
		readBalance(t, b)
		if got := f.accepts.Load(); got != 2 {
			t.Fatalf("accepts = %d, want 2", got)
		}
	})

	t.Run("GatewayClosedDuringRequest", func(t *testing.T) {
		f := newFake645(t, func(n int, req dlt645.Frame, c net.Conn, _ *dlt645.FrameReader) {
			if n == 1 {
				c.Close()
				return
			}
			c.Write(reply645(t, req, 0x45, 0x23, 0x01, 0x00))
		})
		b := newBus(t, f.dial, DLT645, testSettings())
		readBalance(t, b)
		if got, st := f.accepts.Load(), b.Stats(); got != 2 || st.Reconnects != 1 || st.Retries != 1 {
			t.Fatalf("accepts = %d, stats %+v; want 2 accepts, 1 reconnect, 1 retry", got, st)
		}
	})

	t.Run("AfterConsecutiveTimeouts", func(t *testing.T) {
		f := newFake645(t, func(n int, req dlt645.Frame, c net.Conn, _ *dlt645.FrameReader) {
			if n > 3 {
				c.Write(reply645(t, req, 0x45, 0x23, 0x01, 0x00))
			}
		})
		s := testSettings()
		s.Retries = 0
		s.ReconnectAfter = 3
		s.ResponseTimeout = 30 * time.Millisecond
		b := newBus(t, f.dial, DLT645, s)
		for i := 1; i <= 3; i++ {
			if _, err := b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diBalance)); !errors.Is(err, ErrTimeout) {
				t.Fatalf("request %d: err = %v, want ErrTimeout", i, err)
			}
			if want := int64(0); i < 3 && int64(b.Stats().Reconnects) != want {
				t.Fatalf("reconnected after %d timeouts", i)
			}
		}
		if st := b.Stats(); st.Reconnects != 1 {
			t.Fatalf("after 3 timeouts: stats %+v, want 1 reconnect", st)
		}
		readBalance(t, b)
		if got := f.accepts.Load(); got != 2 {
			t.Fatalf("accepts = %d, want 2", got)
		}
	})

	t.Run("ErrConnection", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		b := newBus(t, Dial(nil, addr), DLT645, testSettings())
		_, err = b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diBalance))
		var be *Error
		if !errors.As(err, &be) || be.Kind != ErrConnection || errors.Is(err, ErrTimeout) {
			t.Fatalf("err = %v, want ErrConnection", err)
		}
		if st := b.Stats(); st.DialFailures != 1 || st.Attempts != 0 {
			t.Fatalf("stats %+v, want 1 dial failure, no attempt", st)
		}
	})
}

// readBalance reads meter1's balance on b and checks the reply.
func readBalance(t *testing.T, b *Bus) {
	t.Helper()
	r, err := b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diBalance))
	wantBalance(t, r, err)
}

func TestBus_Warmup(t *testing.T) {
	firstByte := make(chan time.Time, 1)
	f := newFake(t, func(_ *fake, c net.Conn) {
		c.Write([]byte("AT+READY\r\n")) // a converter banner, to be drained
		var one [1]byte
		if _, err := c.Read(one[:]); err != nil {
			return
		}
		firstByte <- time.Now()
		fr := dlt645.NewFrameReader(&prefixed{b: one[:], r: c})
		req, err := fr.ReadFrame()
		if err != nil {
			return
		}
		c.Write(reply645(t, req, 0x45, 0x23, 0x01, 0x00))
	})
	var dialed time.Time
	s := testSettings()
	s.ConnectWarmup = 80 * time.Millisecond
	b := newBus(t, func(ctx context.Context) (net.Conn, error) {
		c, err := f.dial(ctx)
		dialed = time.Now()
		return c, err
	}, DLT645, s)
	readBalance(t, b)
	if first := <-firstByte; first.Sub(dialed) < s.ConnectWarmup {
		t.Fatalf("first request byte %v after connect, want ≥ warm-up %v", first.Sub(dialed), s.ConnectWarmup)
	}
}

// prefixed reads b, then r.
type prefixed struct {
	b []byte
	r net.Conn
}

func (p *prefixed) Read(q []byte) (int, error) {
	if len(p.b) > 0 {
		n := copy(q, p.b)
		p.b = p.b[n:]
		return n, nil
	}
	return p.r.Read(q)
}

func TestBus_OneRequestAtATime(t *testing.T) {
	var violations, served atomic.Int32
	f := newFake645(t, func(_ int, req dlt645.Frame, c net.Conn, fr *dlt645.FrameReader) {
		// Nothing may arrive between a request and our reply.
		c.SetReadDeadline(time.Now().Add(3 * time.Millisecond))
		if _, err := fr.ReadFrame(); err == nil || fr.Buffered() > 0 {
			violations.Add(1)
		}
		c.SetReadDeadline(time.Time{})
		served.Add(1)
		c.Write(reply645(t, req, req.Addr[0], 0, 0, 0))
	})
	b := newBus(t, f.dial, DLT645, testSettings())
	const callers, each = 16, 4
	var wg sync.WaitGroup
	errs := make(chan error, callers*each)
	for i := range callers {
		wg.Go(func() {
			addr := dlt645.MustParseAddress(fmt.Sprintf("%012d", i+1))
			for range each {
				r, err := b.DLT645(ctxT(t), dlt645.ReadRequest(addr, diBalance))
				if err == nil && (r.Addr != addr || r.Data[4] != addr[0]) {
					err = fmt.Errorf("meter %s got reply %+v", addr, r)
				}
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if v, s := violations.Load(), served.Load(); v != 0 || s != callers*each {
		t.Fatalf("fake saw %d overlapping requests, served %d; want 0 and %d", v, s, callers*each)
	}
}

func TestBus_Close(t *testing.T) {
	t.Run("UnblocksWaiters", func(t *testing.T) {
		f := newFake645(t, func(int, dlt645.Frame, net.Conn, *dlt645.FrameReader) {})
		s := testSettings()
		s.ResponseTimeout = 10 * time.Second
		b := newBus(t, f.dial, DLT645, s)
		const n = 4
		errs := make(chan error, n)
		for range n {
			go func() {
				_, err := b.DLT645(context.Background(), dlt645.ReadRequest(meter1, diBalance))
				errs <- err
			}()
		}
		for f.reqs.Load() == 0 { // one is on the line, the others queue
			time.Sleep(time.Millisecond)
		}
		done := make(chan error)
		go func() { done <- b.Close() }()
		for range n {
			select {
			case err := <-errs:
				if !errors.Is(err, ErrClosed) {
					t.Errorf("err = %v, want ErrClosed", err)
				}
			case <-time.After(2 * time.Second):
				t.Fatal("a caller is still blocked after Close")
			}
		}
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatal("Close did not return")
		}
		if _, err := b.DLT645(ctxT(t), dlt645.ReadRequest(meter1, diBalance)); !errors.Is(err, ErrClosed) {
			t.Fatalf("after Close: err = %v, want ErrClosed", err)
		}
		if err := b.Close(); err != nil {
			t.Fatalf("second Close: %v", err)
		}
	})

	t.Run("CallerContext", func(t *testing.T) {
		f := newFake645(t, func(int, dlt645.Frame, net.Conn, *dlt645.FrameReader) {})
		s := testSettings()
		s.ResponseTimeout = 10 * time.Second
		b := newBus(t, f.dial, DLT645, s)
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
		defer cancel()
		_, err := b.DLT645(ctx, dlt645.ReadRequest(meter1, diBalance))
		if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrTimeout) || errors.Is(err, ErrClosed) {
			t.Fatalf("err = %v, want the caller's context.DeadlineExceeded", err)
		}
	})
}
