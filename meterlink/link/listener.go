package link

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// Defaults for Options fields left zero.
const (
	DefaultRegistrationTimeout = 30 * time.Second
	DefaultMaxRegistration     = 512
	DefaultIdleTimeout         = 10 * time.Minute
	DefaultMaxBuffered         = 64 << 10
)

// ErrClosed is returned by Serve and Dial once the Listener is closed.
var ErrClosed = errors.New("link: listener closed")

// errRejected marks a connection whose registration no matcher accepted.
var errRejected = errors.New("no matcher accepts the registration")

// Options configure a Listener. The zero value uses the defaults.
type Options struct {
	// RegistrationTimeout bounds the wait for a registration after
	// connect. Default DefaultRegistrationTimeout.
	RegistrationTimeout time.Duration
	// MaxRegistration is how many bytes the matchers may see before the
	// connection is rejected. Default DefaultMaxRegistration.
	MaxRegistration int
	// Heartbeats are removed from every device's stream, before and after
	// registration (docs/PROTOCOLS.md §3.2: user-defined bytes; AcrelHeartbeat).
	Heartbeats []Pattern
	// StripRegistration removes the registration bytes wherever they recur
	// in the stream, for DTUs that prefix every data packet with them.
	StripRegistration bool
	// IdleTimeout disconnects a device heard from neither data nor
	// heartbeat for this long. Default DefaultIdleTimeout; negative
	// disables it.
	IdleTimeout time.Duration
	// MaxBuffered bounds the unread input kept per device; older bytes are
	// dropped. Default DefaultMaxBuffered.
	MaxBuffered int
	// Logger receives connection events. Default: discard.
	Logger *slog.Logger
}

// Device describes a connected device.
type Device struct {
	ID         string
	Remote     string    // the device's address
	Connected  time.Time // when it registered
	LastHeard  time.Time // last data or heartbeat
	Heartbeats uint64    // heartbeats (and repeated registrations) removed from its stream
}

// Listener accepts device connections on a net.Listener, identifies them by
// their registration and hands out their streams by device id. A newer
// connection of the same device replaces the older one, which is closed.
// All methods are safe for concurrent use.
type Listener struct {
	ln       net.Listener
	matchers []Matcher
	opt      Options
	log      *slog.Logger
	done     chan struct{}
	wg       sync.WaitGroup
	once     sync.Once
	closeErr error

	mu       sync.Mutex
	closed   bool
	sessions map[string]*session
	pending  map[net.Conn]struct{} // not yet registered
	changed  chan struct{}         // closed and replaced when sessions change
}

// NewListener returns a Listener over ln trying matchers in order. It does
// not accept connections until Serve. It returns an error if ln is nil or
// matchers is empty.
func NewListener(ln net.Listener, matchers []Matcher, opt Options) (*Listener, error) {
	if ln == nil {
		return nil, errors.New("link: nil net.Listener")
	}
	if len(matchers) == 0 {
		return nil, errors.New("link: no matchers")
	}
	if opt.RegistrationTimeout <= 0 {
		opt.RegistrationTimeout = DefaultRegistrationTimeout
	}
	if opt.MaxRegistration <= 0 {
		opt.MaxRegistration = DefaultMaxRegistration
	}
	if opt.IdleTimeout == 0 {
		opt.IdleTimeout = DefaultIdleTimeout
	}
	if opt.MaxBuffered <= 0 {
		opt.MaxBuffered = DefaultMaxBuffered
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	opt.Heartbeats = slices.Clone(opt.Heartbeats)
	return &Listener{ln: ln, matchers: slices.Clone(matchers), opt: opt, log: opt.Logger,
		done: make(chan struct{}), sessions: map[string]*session{},
		pending: map[net.Conn]struct{}{}, changed: make(chan struct{})}, nil
}

// Addr returns the address the Listener accepts on.
func (l *Listener) Addr() net.Addr { return l.ln.Addr() }

// Serve accepts connections until Close or until ctx ends (which closes
// the Listener). It returns ErrClosed then, or the accept error that
// stopped it.
func (l *Listener) Serve(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() { _ = l.Close() })
	defer stop()
	backoff := 5 * time.Millisecond
	for {
		c, err := l.ln.Accept()
		if err != nil {
			select {
			case <-l.done:
				return ErrClosed
			default:
			}
			if errors.Is(err, net.ErrClosed) {
				return err
			}
			l.log.Warn("link: accept failed, retrying", "err", err, "in", backoff)
			select {
			case <-time.After(backoff):
			case <-l.done:
				return ErrClosed
			}
			backoff = min(2*backoff, time.Second)
			continue
		}
		backoff = 5 * time.Millisecond
		l.mu.Lock()
		if l.closed {
			l.mu.Unlock()
			_ = c.Close()
			return ErrClosed
		}
		l.pending[c] = struct{}{}
		l.wg.Add(1)
		l.mu.Unlock()
		go l.serveConn(c)
	}
}

// serveConn registers c and then reads it until it ends.
func (l *Listener) serveConn(c net.Conn) {
	defer l.wg.Done()
	id, reg, rest, m, hb, err := l.identify(c)
	if err == nil {
		err = l.reply(c, m, id)
	}
	if err != nil {
		l.mu.Lock()
		delete(l.pending, c)
		l.mu.Unlock()
		_ = c.Close()
		l.log.Warn("link: registration failed, connection closed", "remote", c.RemoteAddr(),
			"err", err, "received", hexHead(reg))
		return
	}
	pats := l.opt.Heartbeats
	if l.opt.StripRegistration {
		pats = append(slices.Clone(pats), Exact(reg))
		rest, _ = strip(rest, pats)
	}
	s := newSession(l, id, c, pats)
	l.mu.Lock()
	delete(l.pending, c)
	if l.closed {
		l.mu.Unlock()
		_ = c.Close()
		return
	}
	old := l.sessions[id]
	l.sessions[id] = s
	l.broadcast()
	l.mu.Unlock()
	if old != nil {
		old.kick("replaced by a new connection from " + c.RemoteAddr().String())
	}
	l.log.Info("link: device connected", "device", id, "remote", c.RemoteAddr(), "replaced", old != nil)
	s.run(rest, hb)
}

// identify reads c until a matcher accepts the registration. It returns
// the id, the registration bytes, the bytes after them, the matcher and
// the number of heartbeats removed; on error reg holds what was received.
func (l *Listener) identify(c net.Conn) (id string, reg, rest []byte, m Matcher, hb int, err error) {
	if err := c.SetReadDeadline(time.Now().Add(l.opt.RegistrationTimeout)); err != nil {
		return "", nil, nil, nil, 0, err
	}
	var got []byte
	buf := make([]byte, l.opt.MaxRegistration)
	for {
		n, rerr := c.Read(buf)
		if n > 0 {
			data, k := strip(buf[:n], l.opt.Heartbeats)
			got = append(got, data...)
			hb += k
		}
		if len(got) > 0 {
			view := got[:min(len(got), l.opt.MaxRegistration)]
			id, used, res, m := l.match(view)
			switch {
			case res == Matched:
				return id, got[:used], bytes.Clone(got[used:]), m, hb, c.SetReadDeadline(time.Time{})
			case res == Rejected:
				return "", got, nil, nil, hb, errRejected
			case len(got) >= l.opt.MaxRegistration:
				return "", got, nil, nil, hb, fmt.Errorf("no registration in the first %d bytes", l.opt.MaxRegistration)
			}
		}
		if rerr != nil {
			if errors.Is(rerr, os.ErrDeadlineExceeded) {
				rerr = fmt.Errorf("no registration within %s", l.opt.RegistrationTimeout)
			}
			return "", got, nil, nil, hb, rerr
		}
	}
}

// match asks the matchers in order: the first Matched wins; Rejected only
// if all reject.
func (l *Listener) match(p []byte) (string, int, Result, Matcher) {
	res := Rejected
	for _, m := range l.matchers {
		id, n, r := m.Match(p)
		switch r {
		case Matched:
			if n <= 0 || n > len(p) || id == "" {
				continue // a faulty matcher: ignore its verdict
			}
			return id, n, Matched, m
		case NeedMore:
			res = NeedMore
		}
	}
	return "", 0, res, nil
}

// reply sends the matcher's registration acknowledgement, if any.
func (l *Listener) reply(c net.Conn, m Matcher, id string) error {
	r, ok := m.(Replier)
	if !ok {
		return nil
	}
	b := r.Reply(id)
	if len(b) == 0 {
		return nil
	}
	if err := c.SetWriteDeadline(time.Now().Add(l.opt.RegistrationTimeout)); err != nil {
		return err
	}
	if _, err := c.Write(b); err != nil {
		return fmt.Errorf("registration reply: %w", err)
	}
	return c.SetWriteDeadline(time.Time{})
}

// broadcast wakes Dial waiters; l.mu must be held.
func (l *Listener) broadcast() {
	close(l.changed)
	l.changed = make(chan struct{})
}

// remove unregisters s unless a newer session replaced it.
func (l *Listener) remove(s *session) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.sessions[s.id] == s {
		delete(l.sessions, s.id)
		l.broadcast()
	}
}

// Dial returns the stream of device id, waiting until the device is
// connected or ctx ends. The returned *Conn replaces (closes) any Conn an
// earlier Dial returned for the same connection. It returns ErrClosed after
// Close, or an error wrapping ctx's cause.
func (l *Listener) Dial(ctx context.Context, id string) (net.Conn, error) {
	for {
		l.mu.Lock()
		if l.closed {
			l.mu.Unlock()
			return nil, ErrClosed
		}
		s, changed := l.sessions[id], l.changed
		l.mu.Unlock()
		if s != nil {
			if c := s.attach(); c != nil {
				return c, nil
			}
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, fmt.Errorf("link: waiting for device %s: %w", id, context.Cause(ctx))
		}
	}
}

// DialFunc returns a function dialling device id, of the shape of
// bus.DialFunc.
func (l *Listener) DialFunc(id string) func(context.Context) (net.Conn, error) {
	return func(ctx context.Context) (net.Conn, error) { return l.Dial(ctx, id) }
}

// Devices lists the connected devices by id.
func (l *Listener) Devices() []Device {
	l.mu.Lock()
	ss := make([]*session, 0, len(l.sessions))
	for _, s := range l.sessions {
		ss = append(ss, s)
	}
	l.mu.Unlock()
	out := make([]Device, 0, len(ss))
	for _, s := range ss {
		out = append(out, s.info())
	}
	slices.SortFunc(out, func(a, b Device) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Disconnect closes device id's connection and reports whether it was
// connected.
func (l *Listener) Disconnect(id string) bool {
	l.mu.Lock()
	s := l.sessions[id]
	l.mu.Unlock()
	if s == nil {
		return false
	}
	s.kick("disconnected by us")
	return true
}

// Close stops accepting, disconnects every device, fails waiting and later
// Dials with ErrClosed and waits for its goroutines. Calling it again
// returns the first result.
func (l *Listener) Close() error {
	l.once.Do(func() {
		l.mu.Lock()
		l.closed = true
		close(l.done)
		l.broadcast()
		ss := make([]*session, 0, len(l.sessions))
		for _, s := range l.sessions {
			ss = append(ss, s)
		}
		pend := make([]net.Conn, 0, len(l.pending))
		for c := range l.pending {
			pend = append(pend, c)
		}
		l.mu.Unlock()
		if err := l.ln.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
			l.closeErr = err
		}
		for _, c := range pend {
			_ = c.Close()
		}
		for _, s := range ss {
			s.kick("listener closed")
		}
		l.wg.Wait()
	})
	return l.closeErr
}

// hexHead formats the start of b for a log line.
func hexHead(b []byte) string {
	const limit = 64
	if len(b) > limit {
		return hex.EncodeToString(b[:limit]) + "…"
	}
	return hex.EncodeToString(b)
}
