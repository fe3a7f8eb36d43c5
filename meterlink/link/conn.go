package link

import (
	"net"
	"os"
	"sync"
	"time"
)

// Conn is the byte stream of one connected device, as returned by
// Listener.Dial: reads return what the device sent since the previous read
// (heartbeats removed), writes go to the device. Deadlines work as for any
// net.Conn. Closing a Conn releases it without disconnecting the device;
// the next Dial returns a new Conn on the same connection, and closes this
// one. When the device disconnects or is replaced by a newer connection,
// reads return the bytes still buffered and then io.EOF.
type Conn struct {
	s      *session
	rd     deadline
	closed chan struct{}
	once   sync.Once
}

func newConn(s *session) *Conn {
	return &Conn{s: s, rd: newDeadline(), closed: make(chan struct{})}
}

// Read implements net.Conn. It returns net.ErrClosed after Close,
// os.ErrDeadlineExceeded after the read deadline and io.EOF once the device
// is gone and its buffered bytes are read.
func (c *Conn) Read(p []byte) (int, error) {
	for {
		select {
		case <-c.closed:
			return 0, net.ErrClosed
		default:
		}
		n, wait, err := c.s.take(p)
		if n > 0 || err != nil || len(p) == 0 {
			return n, err
		}
		select {
		case <-wait:
		case <-c.closed:
			return 0, net.ErrClosed
		case <-c.rd.wait():
			return 0, os.ErrDeadlineExceeded
		}
	}
}

// Write implements net.Conn. It returns net.ErrClosed after Close, and
// the socket's error (e.g. net.ErrClosed) once the device is gone.
func (c *Conn) Write(p []byte) (int, error) {
	select {
	case <-c.closed:
		return 0, net.ErrClosed
	default:
	}
	return c.s.conn.Write(p)
}

// Close releases the Conn; the device stays connected. It always returns
// nil.
func (c *Conn) Close() error {
	c.once.Do(func() {
		close(c.closed)
		c.s.release(c)
	})
	return nil
}

// DeviceID returns the id the device registered with.
func (c *Conn) DeviceID() string { return c.s.id }

// LocalAddr implements net.Conn.
func (c *Conn) LocalAddr() net.Addr { return c.s.conn.LocalAddr() }

// RemoteAddr implements net.Conn: the device's address.
func (c *Conn) RemoteAddr() net.Addr { return c.s.conn.RemoteAddr() }

// SetDeadline implements net.Conn.
func (c *Conn) SetDeadline(t time.Time) error {
	c.rd.set(t)
	return c.SetWriteDeadline(t)
}

// SetReadDeadline implements net.Conn.
func (c *Conn) SetReadDeadline(t time.Time) error {
	c.rd.set(t)
	return nil
}

// SetWriteDeadline implements net.Conn; it applies to the socket.
func (c *Conn) SetWriteDeadline(t time.Time) error {
	select {
	case <-c.closed:
		return net.ErrClosed
	default:
	}
	return c.s.conn.SetWriteDeadline(t)
}

var _ net.Conn = (*Conn)(nil)

// deadline is a read deadline: wait returns a channel closed once it has
// passed (as in net.Pipe).
type deadline struct {
	mu     sync.Mutex
	timer  *time.Timer
	cancel chan struct{}
}

func newDeadline() deadline { return deadline{cancel: make(chan struct{})} }

// set moves the deadline to t; the zero time means none.
func (d *deadline) set(t time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil && !d.timer.Stop() {
		<-d.cancel // the timer fired: wait for it to close cancel
	}
	d.timer = nil
	closed := isClosed(d.cancel)
	if t.IsZero() {
		if closed {
			d.cancel = make(chan struct{})
		}
		return
	}
	if dur := time.Until(t); dur > 0 {
		if closed {
			d.cancel = make(chan struct{})
		}
		c := d.cancel
		d.timer = time.AfterFunc(dur, func() { close(c) })
		return
	}
	if !closed {
		close(d.cancel)
	}
}

func (d *deadline) wait() <-chan struct{} {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cancel
}

func isClosed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
