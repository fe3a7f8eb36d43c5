package acrel

import (
	"io"

	"github.com/voltpay/voltpay/meterlink/internal/readbuf"
)

// FrameReader reads frames from a byte stream (a device's TCP connection),
// where read boundaries mean nothing: frames arrive split, glued together
// and between garbage. It resynchronises past anything that is not a frame
// (see Parse) and counts the bytes it dropped.
//
// Its buffer is fixed (two maximal frames): it never allocates in
// proportion to its input. A read deadline passing is returned but not
// kept: the bytes of a frame half received stay buffered for the next
// call. Other read errors are returned once the buffered frames are read.
// It is not safe for concurrent use.
type FrameReader struct {
	r              io.Reader
	buf            [2 * MaxFrameSize]byte
	readbuf.Window // buf[Start:End] unparsed; Err the stream's pending error
	discarded      uint64
}

// NewFrameReader returns a FrameReader over r.
func NewFrameReader(r io.Reader) *FrameReader { return &FrameReader{r: r} }

// Buffered returns how many received bytes are waiting in the reader.
func (r *FrameReader) Buffered() int { return r.End - r.Start }

// Discarded returns how many bytes were dropped as garbage or broken
// frames so far.
func (r *FrameReader) Discarded() uint64 { return r.discarded }

// ReadFrame returns the next frame. Its Body aliases the reader's buffer
// and is valid until the next call. Errors come from the underlying
// reader: io.EOF at the end of the stream between frames,
// io.ErrUnexpectedEOF inside one, a deadline error, or io.ErrNoProgress.
func (r *FrameReader) ReadFrame() (Frame, error) {
	for {
		f, n, err := Parse(r.buf[r.Start:r.End])
		switch {
		case err == nil:
			r.Start += n
			return f, nil
		case err != ErrIncomplete: // sentinels from Parse, never wrapped
			r.Start += n
			r.discarded += uint64(n)
			continue
		}
		if err := r.Fill(r.r, r.buf[:], "acrel"); err != nil {
			return Frame{}, err
		}
	}
}
