package link

import (
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"time"
)

// session is one registered device connection, read in the background.
type session struct {
	l         *Listener
	id        string
	conn      net.Conn
	connected time.Time
	pats      []Pattern
	done      chan struct{} // closed when the reader has stopped

	mu         sync.Mutex
	buf        []byte
	arrived    chan struct{} // closed and replaced when bytes arrive or the session ends
	lastHeard  time.Time
	heartbeats uint64
	ended      bool
	reason     string // why the session was ended from outside
	handle     *Conn
}

func newSession(l *Listener, id string, c net.Conn, pats []Pattern) *session {
	now := time.Now()
	return &session{l: l, id: id, conn: c, connected: now, lastHeard: now, pats: pats,
		done: make(chan struct{}), arrived: make(chan struct{})}
}

// run reads the connection until it fails, buffering what is not a
// heartbeat; first holds the bytes that followed the registration and hb
// the heartbeats removed before.
func (s *session) run(first []byte, hb int) {
	defer close(s.done)
	s.push(first, hb)
	buf := make([]byte, 4096)
	var err error
	for {
		if s.l.opt.IdleTimeout > 0 {
			if err = s.conn.SetReadDeadline(time.Now().Add(s.l.opt.IdleTimeout)); err != nil {
				break
			}
		}
		var n int
		n, err = s.conn.Read(buf)
		if n > 0 {
			data, hb := strip(buf[:n], s.pats)
			s.push(data, hb)
		}
		if err != nil {
			break
		}
	}
	s.end(err)
}

// push buffers data from the device, keeping at most MaxBuffered bytes.
func (s *session) push(data []byte, heartbeats int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastHeard = time.Now()
	s.heartbeats += uint64(heartbeats)
	if len(data) == 0 {
		return
	}
	s.buf = append(s.buf, data...)
	if over := len(s.buf) - s.l.opt.MaxBuffered; over > 0 {
		s.buf = append(s.buf[:0], s.buf[over:]...)
		s.l.log.Debug("link: unread input dropped", "device", s.id, "bytes", over)
	}
	close(s.arrived)
	s.arrived = make(chan struct{})
}

// take moves buffered bytes into p. With nothing buffered it returns a
// channel closed when that changes, or io.EOF if the session has ended.
func (s *session) take(p []byte) (int, <-chan struct{}, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.buf) > 0 {
		n := copy(p, s.buf)
		s.buf = append(s.buf[:0], s.buf[n:]...)
		return n, nil, nil
	}
	if s.ended {
		return 0, nil, io.EOF
	}
	return 0, s.arrived, nil
}

// attach returns a new Conn on the session, closing the previous one; nil
// if the session has ended.
func (s *session) attach() *Conn {
	s.mu.Lock()
	if s.ended {
		s.mu.Unlock()
		return nil
	}
	old := s.handle
	c := newConn(s)
	s.handle = c
	s.mu.Unlock()
	if old != nil {
		_ = old.Close()
	}
	_ = s.conn.SetWriteDeadline(time.Time{})
	return c
}

// release forgets c if it is the current Conn.
func (s *session) release(c *Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.handle == c {
		s.handle = nil
	}
}

// kick disconnects the device; run then ends the session.
func (s *session) kick(reason string) {
	s.mu.Lock()
	if s.reason == "" {
		s.reason = reason
	}
	s.mu.Unlock()
	_ = s.conn.Close()
}

// end closes the connection after the reader stopped with err, wakes
// readers and unregisters the session.
func (s *session) end(err error) {
	_ = s.conn.Close()
	s.mu.Lock()
	s.ended = true
	close(s.arrived)
	reason := s.reason
	s.mu.Unlock()
	switch {
	case reason != "":
	case errors.Is(err, os.ErrDeadlineExceeded):
		reason = "idle timeout"
	case errors.Is(err, io.EOF):
		reason = "device closed the connection"
	default:
		reason = err.Error()
	}
	s.l.remove(s)
	s.l.log.Info("link: device disconnected", "device", s.id, "remote", s.conn.RemoteAddr(), "why", reason)
}

// info describes the session.
func (s *session) info() Device {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Device{ID: s.id, Remote: s.conn.RemoteAddr().String(), Connected: s.connected,
		LastHeard: s.lastHeard, Heartbeats: s.heartbeats}
}
