//go:build unix

package bus

import (
	"errors"
	"io"
	"net"
	"syscall"
)

// rawReader reads what a socket has already received, without waiting. It
// is made once per connection so that a read allocates nothing.
type rawReader struct {
	rc   syscall.RawConn
	buf  [256]byte
	n    int
	err  error
	read func(fd uintptr) bool
}

// newRawReader returns a rawReader for the socket under c (a
// *countingConn over a syscall.Conn), or nil if there is none.
func newRawReader(c net.Conn) *rawReader {
	if cc, ok := c.(*countingConn); ok {
		c = cc.Conn
	}
	sc, ok := c.(syscall.Conn)
	if !ok {
		return nil
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return nil
	}
	r := &rawReader{rc: rc}
	r.read = func(fd uintptr) bool {
		r.n, r.err = syscall.Read(int(fd), r.buf[:])
		return true // never wait for readiness
	}
	return r
}

// readNow reads once: n > 0 bytes were pending (and are dropped), n == 0
// with a nil error means nothing is pending, io.EOF that the peer has
// closed; other errors are the read's. ok is false when the socket cannot
// be read this way.
func (r *rawReader) readNow() (n int, err error, ok bool) {
	if cerr := r.rc.Read(r.read); cerr != nil {
		return 0, cerr, true
	}
	switch {
	case errors.Is(r.err, syscall.EAGAIN), errors.Is(r.err, syscall.EINTR):
		return 0, nil, true
	case r.err != nil:
		return 0, r.err, true
	case r.n == 0:
		return 0, io.EOF, true
	}
	return r.n, nil, true
}
