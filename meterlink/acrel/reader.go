package acrel

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// maxEmptyReads bounds Read calls that return neither data nor error.
const maxEmptyReads = 100

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
	r          io.Reader
	err        error
	buf        [2 * MaxFrameSize]byte
	start, end int
	discarded  uint64
}

// NewFrameReader returns a FrameReader over r.
func NewFrameReader(r io.Reader) *FrameReader { return &FrameReader{r: r} }

// Buffered returns how many received bytes are waiting in the reader.
func (r *FrameReader) Buffered() int { return r.end - r.start }

// Discarded returns how many bytes were dropped as garbage or broken
// frames so far.
func (r *FrameReader) Discarded() uint64 { return r.discarded }

// ReadFrame returns the next frame. Its Body aliases the reader's buffer
// and is valid until the next call. Errors come from the underlying
// reader: io.EOF at the end of the stream between frames,
// io.ErrUnexpectedEOF inside one, a deadline error, or io.ErrNoProgress.
func (r *FrameReader) ReadFrame() (Frame, error) {
	for {
		f, n, err := Parse(r.buf[r.start:r.end])
		switch {
		case err == nil:
			r.start += n
			return f, nil
		case err != ErrIncomplete: // sentinels from Parse, never wrapped
			r.start += n
			r.discarded += uint64(n)
			continue
		}
		if err := r.fill(); err != nil {
			return Frame{}, err
		}
	}
}

// fill reads once into the free part of the buffer, compacting first.
// Parse gives up on a head after MaxFrameSize bytes, so at least
// MaxFrameSize bytes are free.
func (r *FrameReader) fill() error {
	if r.start > 0 {
		r.end = copy(r.buf[:], r.buf[r.start:r.end])
		r.start = 0
	}
	for range maxEmptyReads {
		if r.err != nil {
			break
		}
		n, err := r.r.Read(r.buf[r.end:])
		r.end += n
		r.err = err
		if n > 0 {
			return nil
		}
	}
	switch {
	case r.err == nil:
		return io.ErrNoProgress
	case r.err == io.EOF && r.end > r.start:
		return fmt.Errorf("acrel: stream ended inside a frame (%d bytes buffered): %w", r.end-r.start, io.ErrUnexpectedEOF)
	case errors.Is(r.err, os.ErrDeadlineExceeded):
		err := r.err
		r.err = nil
		return err
	}
	return r.err
}
