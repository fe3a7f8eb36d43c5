package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"sync"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/modbus"
)

// DialFunc connects to one gateway port (one RS-485 bus). It may go through
// a SOCKS5 proxy; the Bus only needs the net.Conn. It must honour ctx.
type DialFunc func(ctx context.Context) (net.Conn, error)

// ContextDialer is the dialer shape of net.Dialer, golang.org/x/net/proxy
// and sitegw.Dialer.
type ContextDialer interface {
	DialContext(ctx context.Context, network, address string) (net.Conn, error)
}

// Dial returns a DialFunc that connects to address ("ip:port") over TCP
// through d, e.g. the SOCKS5 dialer of sitegw.Dialer; a nil d dials
// directly.
func Dial(d ContextDialer, address string) DialFunc {
	if d == nil {
		d = &net.Dialer{}
	}
	return func(ctx context.Context) (net.Conn, error) { return d.DialContext(ctx, "tcp", address) }
}

// minDrain is the least time spent draining stale input before a request
// when the inter-frame gap has already passed.
const minDrain = time.Millisecond

// Bus is one RS-485 bus behind a transparent gateway (or one Modbus-TCP
// gateway), reached over one TCP connection. It puts exactly one request at
// a time on the line: callers queue (in no particular order) and give up
// when their context ends. It connects lazily, pauses ConnectWarmup after
// connecting, keeps InterFrameGap of silence between exchanges (draining
// whatever arrives meanwhile), bounds each attempt by ResponseTimeout,
// retries timeouts, garbled replies and dropped connections, and redials
// after ReconnectAfter consecutive timeouts.
//
// A serial bus (DLT645 or ModbusRTU) carries both DL/T 645 and Modbus-RTU
// requests, since the protocol is chosen per meter; the protocol given to
// New only chooses what the bus is validated for. A ModbusTCP bus carries
// only Modbus-TCP.
//
// All methods are safe for concurrent use.
type Bus struct {
	dial  DialFunc
	proto Protocol
	set   Settings
	log   *slog.Logger
	stats counters

	sem       chan struct{} // held by the request on the line
	ctx       context.Context
	cancel    context.CancelFunc // Close
	closeOnce sync.Once
	closeErr  error

	// Guarded by sem.
	link    *link
	lastEnd time.Time // when the line last went quiet
	timeout int       // consecutive timeouts
	tid     uint16    // Modbus-TCP transaction id
}

// link is one live connection and the readers that buffer its input.
type link struct {
	conn  net.Conn
	fr    *dlt645.FrameReader
	tcp   *modbus.TCPReader
	used  bool       // an attempt went out on it
	raw   *rawReader // non-blocking reads for drainNow; nil until first needed
	noRaw bool       // the connection has no non-blocking read
}

// New returns a Bus that reaches its gateway with dial. logger may be nil.
// It does not connect; the first request does. It returns an error wrapping
// ErrInvalidSettings if set is not valid for protocol.
func New(dial DialFunc, protocol Protocol, set Settings, logger *slog.Logger) (*Bus, error) {
	if dial == nil {
		return nil, fmt.Errorf("%w: no dial function", ErrInvalidSettings)
	}
	if err := set.Validate(protocol); err != nil {
		return nil, err
	}
	if set.DialTimeout == 0 {
		set.DialTimeout = DefaultDialTimeout
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Bus{dial: dial, proto: protocol, set: set, log: logger, sem: make(chan struct{}, 1), ctx: ctx, cancel: cancel}, nil
}

// Settings returns the bus's settings.
func (b *Bus) Settings() Settings { return b.set }

// Protocol returns the protocol the bus was created for.
func (b *Bus) Protocol() Protocol { return b.proto }

// Close interrupts the request on the line, makes queued and later requests
// fail with ErrClosed, and closes the connection. It waits for the request
// on the line to return. Calling it again returns the first result.
func (b *Bus) Close() error {
	b.closeOnce.Do(func() {
		b.cancel()
		b.sem <- struct{}{} // kept: the bus is never used again
		if b.link != nil {
			b.closeErr = b.link.conn.Close()
			b.link = nil
		}
	})
	return b.closeErr
}

// attemptFunc writes one request on l and reads its reply within ctx.
type attemptFunc func(ctx context.Context, l *link) error

// run queues for the line and runs attempt until it succeeds, the meter
// answers with an error, the retries are used up or ctx ends. op names the
// request in errors and logs; it is called only for those.
func (b *Bus) run(ctx context.Context, op func() string, attempt attemptFunc) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(b.ctx, cancel)
	defer stop()
	select {
	case b.sem <- struct{}{}:
	case <-ctx.Done():
		return b.ctxErr(ctx, op)
	}
	defer func() { <-b.sem }()
	if b.ctx.Err() != nil {
		return &Error{Op: op(), Kind: ErrClosed}
	}
	b.stats.requests.Add(1)
	var last error
	kind := ErrTimeout
	tries := 0
	for tries <= b.set.Retries {
		l, err := b.connect(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return b.ctxErr(ctx, op)
			}
			return &Error{Op: op(), Kind: ErrConnection, Attempts: tries, Err: err}
		}
		if err := b.quiet(ctx, l); err != nil {
			if ctx.Err() != nil {
				return b.ctxErr(ctx, op)
			}
			b.drop("drain: "+err.Error(), err)
			if l.used { // went stale while idle: redial, no attempt spent
				continue
			}
			tries++
			kind, last = ErrConnection, err
			continue
		}
		if tries++; tries > 1 {
			b.stats.retries.Add(1)
			b.log.Debug("bus: retrying", "op", op(), "attempt", tries, "after", last)
		}
		b.stats.attempts.Add(1)
		l.used = true
		err = b.attempt(ctx, l, attempt)
		b.lastEnd = later(b.lastEnd, time.Now())
		var done bool
		if kind, done, err = b.classify(ctx, op, err); done {
			return err
		}
		last = err
	}
	return &Error{Op: op(), Kind: kind, Attempts: tries, Err: last}
}

// attempt runs f with the response timeout (or ctx's deadline, if sooner)
// as the connection's deadline; ctx's end interrupts it. The deadline is
// the connection's only: f does its I/O on l and never waits on ctx, so no
// per-attempt context (and timer) is made.
func (b *Bus) attempt(ctx context.Context, l *link, f attemptFunc) error {
	dl := time.Now().Add(b.set.ResponseTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(dl) {
		dl = d
	}
	if err := l.conn.SetDeadline(dl); err != nil {
		return err
	}
	defer watch(ctx, l.conn)()
	return f(ctx, l)
}

// classify decides what an attempt's result means. done says the request is
// over with err; otherwise kind is the failure kind to retry.
func (b *Bus) classify(ctx context.Context, op func() string, err error) (kind error, done bool, _ error) {
	if err == nil { // first: the targets of errors.As below escape
		b.timeout = 0
		b.stats.replies.Add(1)
		return nil, true, nil
	}
	var me *dlt645.MeterError
	var ex *modbus.Exception
	var g garbledError
	switch {
	case ctx.Err() != nil:
		if b.proto == ModbusTCP { // a half-read MBAP frame would desync the stream
			b.drop("request interrupted", err)
		}
		return nil, true, b.ctxErr(ctx, op)
	case errors.As(err, &me), errors.As(err, &ex):
		b.timeout = 0
		b.stats.replies.Add(1)
		b.stats.meterErrors.Add(1)
		return nil, true, err
	case errors.As(err, &g):
		b.timeout = 0
		b.stats.garbled.Add(1)
		if b.proto == ModbusTCP {
			b.drop("garbled Modbus-TCP stream", err)
		}
		return ErrGarbled, false, g.err
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		b.stats.timeouts.Add(1)
		b.timeout++
		if b.proto == ModbusTCP || (b.set.ReconnectAfter > 0 && b.timeout >= b.set.ReconnectAfter) {
			b.drop(fmt.Sprintf("%d consecutive timeouts", b.timeout), err)
		}
		return ErrTimeout, false, err
	}
	b.drop("connection error", err)
	return ErrConnection, false, err
}

// ctxErr reports why ctx (a request context merged with the bus's) ended.
func (b *Bus) ctxErr(ctx context.Context, op func() string) error {
	if b.ctx.Err() != nil {
		return &Error{Op: op(), Kind: ErrClosed}
	}
	return fmt.Errorf("bus: %s: %w", op(), context.Cause(ctx))
}

// connect returns the live link, dialling and warming up a new one if
// needed.
func (b *Bus) connect(ctx context.Context) (*link, error) {
	if b.link != nil {
		return b.link, nil
	}
	b.stats.dials.Add(1)
	dctx, cancel := context.WithTimeout(ctx, b.set.DialTimeout)
	c, err := b.dial(dctx)
	cancel()
	if err != nil {
		b.stats.dialFailures.Add(1)
		b.log.Warn("bus: dial failed", "err", err)
		return nil, err
	}
	cc := &countingConn{Conn: c, stats: &b.stats}
	l := &link{conn: cc, fr: dlt645.NewFrameReader(cc)}
	b.link = l
	b.log.Debug("bus: connected", "remote", c.RemoteAddr())
	b.timeout = 0
	if b.set.ConnectWarmup > 0 {
		if err := b.drain(ctx, l, time.Now().Add(b.set.ConnectWarmup)); err != nil {
			b.drop("warm-up: "+err.Error(), err)
			return nil, err
		}
	}
	b.lastEnd = time.Now()
	return l, nil
}

// drop closes the current link; the next attempt redials.
func (b *Bus) drop(why string, err error) {
	if b.link == nil {
		return
	}
	b.stats.reconnects.Add(1)
	b.log.Info("bus: dropping connection", "why", why, "err", err)
	_ = b.link.conn.Close()
	b.link = nil
	b.timeout = 0
}

// quiet keeps the line silent until InterFrameGap after the last exchange,
// throwing away whatever arrives (late replies, noise), so no stale byte can
// be taken for the next reply. When the gap is already over (a zero gap, or
// a caller that came back late), input already received is discarded
// without waiting, where the connection allows it (a TCP socket); otherwise
// it drains for minDrain.
func (b *Bus) quiet(ctx context.Context, l *link) error {
	until := b.lastEnd.Add(b.set.InterFrameGap)
	now := time.Now()
	if !now.Before(until) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if done, err := b.drainNow(l); done {
			return err
		}
	}
	return b.drain(ctx, l, later(until, now.Add(minDrain)))
}

// drainNow discards the buffered input and whatever the socket has already
// received, without waiting. done is false when the connection offers no
// non-blocking read (not a socket); err is io.EOF when the peer has closed.
func (b *Bus) drainNow(l *link) (done bool, err error) {
	if l.noRaw {
		return false, nil
	}
	if l.raw == nil {
		l.raw = newRawReader(l.conn)
		if l.raw == nil {
			l.noRaw = true
			return false, nil
		}
	}
	l.fr.Discard()
	for {
		n, rerr, ok := l.raw.readNow()
		if !ok {
			l.noRaw = true
			return false, nil
		}
		if n > 0 {
			b.stats.bytesReceived.Add(uint64(n))
			b.log.Debug("bus: drained stale input", "bytes", n)
			continue
		}
		return true, rerr
	}
}

// drain discards buffered and incoming bytes until the deadline. It returns
// ctx's error, or an I/O error other than the deadline (e.g. io.EOF when
// the gateway closed the connection).
func (b *Bus) drain(ctx context.Context, l *link, until time.Time) error {
	l.fr.Discard()
	if err := l.conn.SetDeadline(until); err != nil {
		return err
	}
	defer watch(ctx, l.conn)()
	var buf [256]byte
	for {
		n, err := l.conn.Read(buf[:])
		if n > 0 {
			b.log.Debug("bus: drained stale input", "bytes", n)
		}
		switch {
		case err == nil:
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, os.ErrDeadlineExceeded):
			return nil
		default:
			return err
		}
	}
}

// watch makes ctx's end interrupt I/O on c until the returned stop is
// called; after stop, a late-running callback does nothing, so it cannot
// cut short the next request's I/O.
func watch(ctx context.Context, c net.Conn) (stop func()) {
	w := &watcher{c: c}
	w.unregister = context.AfterFunc(ctx, w.fire)
	return w.stop
}

// watcher is watch's state, in one allocation.
type watcher struct {
	mu         sync.Mutex
	stopped    bool
	c          net.Conn
	unregister func() bool
}

func (w *watcher) fire() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.stopped {
		_ = w.c.SetDeadline(time.Unix(1, 0))
	}
}

func (w *watcher) stop() {
	w.unregister()
	w.mu.Lock()
	w.stopped = true
	w.mu.Unlock()
}

// garbledError marks a reply that arrived but was corrupt.
type garbledError struct{ err error }

func (g garbledError) Error() string { return "garbled reply: " + g.err.Error() }
func (g garbledError) Unwrap() error { return g.err }

// countingConn counts bytes for Stats.
type countingConn struct {
	net.Conn
	stats *counters
}

func (c *countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.stats.bytesReceived.Add(uint64(n))
	return n, err
}

func (c *countingConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.stats.bytesSent.Add(uint64(n))
	return n, err
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
