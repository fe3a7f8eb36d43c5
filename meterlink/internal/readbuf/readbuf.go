// Package readbuf is the input window the frame readers of meterlink
// share (Modbus RTU, Acrel 7B 7B): the unparsed bytes of a fixed buffer,
// refilled from the stream, and the read error kept until those bytes are
// used. A passed read deadline is not kept: the next read tries again, so
// a late reply is still found.
package readbuf

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// maxEmptyReads bounds reads that return nothing and no error.
const maxEmptyReads = 100

// Window is the unparsed part buf[Start:End] of a reader's buffer and the
// stream's pending error.
type Window struct {
	Start, End int
	Err        error
}

// Fill reads once from src into buf after End, first moving the window to
// the front of buf. It returns nil once bytes came; io.ErrNoProgress after
// many empty reads; a deadline error (not kept); an error naming codec for
// a stream that ended inside a frame; else the stream's error.
func (w *Window) Fill(src io.Reader, buf []byte, codec string) error {
	if w.Start > 0 {
		w.End = copy(buf, buf[w.Start:w.End])
		w.Start = 0
	}
	for range maxEmptyReads {
		if w.Err != nil {
			break
		}
		n, err := src.Read(buf[w.End:])
		w.End += n
		w.Err = err
		if n > 0 {
			return nil
		}
	}
	switch {
	case w.Err == nil:
		return io.ErrNoProgress
	case w.Err == io.EOF && w.End > w.Start:
		return fmt.Errorf("%s: stream ended inside a frame (%d bytes buffered): %w", codec, w.End-w.Start, io.ErrUnexpectedEOF)
	case errors.Is(w.Err, os.ErrDeadlineExceeded):
		err := w.Err
		w.Err = nil
		return err
	}
	return w.Err
}
