//go:build !unix

package bus

import "net"

// rawReader is not available here: the bus drains for minDrain instead.
type rawReader struct{}

func newRawReader(net.Conn) *rawReader { return nil }

func (*rawReader) readNow() (int, error, bool) { return 0, nil, false }
