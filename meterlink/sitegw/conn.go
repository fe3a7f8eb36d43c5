package sitegw

import (
	"log/slog"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"
)

// session is one client connection and, after a CONNECT, its converter
// connection. Both share one deadline: each read or write on either moves
// it to now+idle, never past start+maxAge.
type session struct {
	remote string
	start  time.Time
	idle   time.Duration
	maxAge time.Duration
	client net.Conn // an *idleConn

	mu      sync.Mutex
	target  *targetConn
	closed  bool
	drainBy time.Time // set when one direction has ended
}

// drainGrace is how long the other direction may go on after one side
// has finished sending.
const drainGrace = 5 * time.Second

func (s *session) deadline() time.Time {
	d := time.Now().Add(s.idle)
	if s.maxAge > 0 {
		if end := s.start.Add(s.maxAge); end.Before(d) {
			d = end
		}
	}
	if !s.drainBy.IsZero() && s.drainBy.Before(d) {
		d = s.drainBy
	}
	return d
}

// touch moves the deadline of both connections forward.
func (s *session) touch() {
	s.mu.Lock()
	d := s.deadline()
	t := s.target
	s.mu.Unlock()
	if c, ok := s.client.(*idleConn); ok {
		c.Conn.SetDeadline(d)
	}
	if t != nil {
		t.Conn.SetDeadline(d)
	}
}

// halfClose passes a finished direction on (FIN) and gives the other
// direction drainGrace to finish: a poller that hangs up must not keep a
// converter (which may take one connection only) busy until the idle
// timeout, and a converter that hangs up must end the poller's stream.
func (s *session) halfClose(c net.Conn) error {
	s.mu.Lock()
	if s.drainBy.IsZero() {
		s.drainBy = time.Now().Add(min(s.idle, drainGrace))
	}
	s.mu.Unlock()
	s.touch()
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return c.Close()
}

// setTarget attaches the converter's conn; false if the session is closed.
func (s *session) setTarget(t *targetConn) bool {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return false
	}
	s.target = t
	s.mu.Unlock()
	s.touch()
	return true
}

func (s *session) connected() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.target != nil
}

// close closes both connections; safe to call more than once.
func (s *session) close() {
	s.mu.Lock()
	s.closed = true
	t := s.target
	s.mu.Unlock()
	s.client.Close()
	if t != nil {
		t.Close()
	}
}

// idleConn is the client's side: reads and writes move the deadline.
type idleConn struct {
	net.Conn
	sess *session
}

func (c *idleConn) Read(p []byte) (int, error) {
	c.sess.touch()
	return c.Conn.Read(p)
}

func (c *idleConn) Write(p []byte) (int, error) {
	c.sess.touch()
	return c.Conn.Write(p)
}

// CloseWrite is called by go-socks5 when the converter has finished sending.
func (c *idleConn) CloseWrite() error { return c.sess.halfClose(c.Conn) }

// targetConn is the converter's side: it moves the deadline, counts bytes
// and logs the session's totals once, at close.
type targetConn struct {
	net.Conn
	sess   *session
	log    *slog.Logger
	user   string
	source string
	target netip.AddrPort
	start  time.Time

	up, down atomic.Int64 // bytes to and from the converter
	once     sync.Once
}

func (c *targetConn) Read(p []byte) (int, error) {
	c.sess.touch()
	n, err := c.Conn.Read(p)
	c.down.Add(int64(n))
	return n, err
}

func (c *targetConn) Write(p []byte) (int, error) {
	c.sess.touch()
	n, err := c.Conn.Write(p)
	c.up.Add(int64(n))
	return n, err
}

// CloseWrite is called by go-socks5 when the client has finished sending.
func (c *targetConn) CloseWrite() error { return c.sess.halfClose(c.Conn) }

func (c *targetConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		c.log.Info("sitegw: closed", "user", c.user, "source", c.source, "target", c.target.String(),
			"bytes_up", c.up.Load(), "bytes_down", c.down.Load(),
			"duration", time.Since(c.start).Round(time.Millisecond).String())
	})
	return err
}
