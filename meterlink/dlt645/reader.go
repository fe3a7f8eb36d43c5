package dlt645

import (
	"bytes"
	"errors"
	"io"
)

// readerBuf is the FrameReader's fixed buffer: room for a maximal frame
// plus a preamble and a second frame's worth of glued bytes. It never grows,
// so hostile input cannot make the reader buffer without bound.
const readerBuf = 4 * MaxFrame

// FrameReader finds DL/T 645 frames in a byte stream whose read boundaries
// mean nothing: frames arrive split across reads, several in one read, after
// FE preambles (of any count, from us or the meter), after line noise, or as
// the echo of our own request.
//
// It skips bytes until a 68, frames by the length byte L (never by scanning
// for 16), verifies the second 68, the end byte and the checksum, and on
// any failure discards one byte and resynchronises. Unconsumed bytes are
// kept for the next call, so a late reply that arrives after a read timeout
// is still found on the next ReadFrame.
//
// A FrameReader is not safe for concurrent use; one bus has one reader.
type FrameReader struct {
	r          io.Reader
	buf        [readerBuf]byte
	start, end int
	eof        bool
	discarded  int64
}

// NewFrameReader returns a FrameReader reading from r.
func NewFrameReader(r io.Reader) *FrameReader { return &FrameReader{r: r} }

// ReadFrame returns the next valid frame, whatever its direction.
//
// Errors: a frame with good framing but a bad checksum returns an error
// wrapping ErrChecksum; it is not sticky, and the next call resumes one byte
// after the bad frame's first 68. A read error from the underlying reader
// (such as a net.Conn deadline) is returned as is and is not sticky either:
// buffered bytes stay for the next call. At end of input, io.EOF means no
// partial frame was pending and io.ErrUnexpectedEOF means one was truncated.
func (fr *FrameReader) ReadFrame() (Frame, error) {
	for {
		f, err, done := fr.scan()
		if done {
			return f, err
		}
		if err := fr.fill(); err != nil {
			if f, ok := fr.salvage(); ok {
				return f, nil
			}
			if errors.Is(err, io.EOF) && fr.start < fr.end {
				return Frame{}, io.ErrUnexpectedEOF
			}
			return Frame{}, err
		}
	}
}

// ReadReply returns the next frame sent by a meter (D7 = 1), skipping
// echoes of requests, which some RS-485 converters and DTUs reflect back.
// Errors are those of ReadFrame.
func (fr *FrameReader) ReadReply() (Frame, error) {
	for {
		f, err := fr.ReadFrame()
		if err != nil || f.Control.IsReply() {
			return f, err
		}
		fr.discarded += int64(f.Len())
	}
}

// Buffered returns the number of bytes read but not yet consumed.
func (fr *FrameReader) Buffered() int { return fr.end - fr.start }

// Discard drops all buffered bytes, e.g. stale input before a new request
// goes on the bus.
func (fr *FrameReader) Discard() {
	fr.discarded += int64(fr.end - fr.start)
	fr.start, fr.end = 0, 0
}

// Discarded returns how many bytes the reader has thrown away so far
// (garbage, preambles, echoes, bad frames); a rising count points at a
// noisy line or a baud-rate mismatch.
func (fr *FrameReader) Discarded() int64 { return fr.discarded }

// scan tries to take one frame from the buffer. done is false when more
// input is needed.
func (fr *FrameReader) scan() (f Frame, err error, done bool) {
	for fr.start < fr.end {
		i := bytes.IndexByte(fr.buf[fr.start:fr.end], startByte)
		if i < 0 {
			fr.skip(fr.end - fr.start)
			break
		}
		fr.skip(i)
		f, n, err := Parse(fr.buf[fr.start:fr.end])
		switch {
		case err == nil:
			fr.start += n
			return f, nil, true
		case errors.Is(err, ErrIncomplete):
			return Frame{}, nil, false
		case errors.Is(err, ErrChecksum):
			fr.skip(1)
			return Frame{}, err, true
		default: // not a frame at this 68: resynchronise one byte on
			fr.skip(1)
		}
	}
	fr.start, fr.end = 0, 0
	return Frame{}, nil, false
}

// salvage looks, after the input stalled, for a complete frame behind an
// incomplete candidate: a stray 68 of noise whose fake L promised more bytes
// than ever came must not hide the real reply after it.
func (fr *FrameReader) salvage() (Frame, bool) {
	for i := fr.start + 1; i < fr.end; i++ {
		if fr.buf[i] != startByte {
			continue
		}
		if f, n, err := Parse(fr.buf[i:fr.end]); err == nil {
			fr.skip(i - fr.start)
			fr.start += n
			return f, true
		}
	}
	return Frame{}, false
}

// skip discards n buffered bytes.
func (fr *FrameReader) skip(n int) {
	fr.start += n
	fr.discarded += int64(n)
}

// fill reads at least one more byte into the buffer, compacting first.
// The buffer always has room: scan leaves at most one incomplete frame
// (< MaxFrame bytes) buffered when it asks for more.
func (fr *FrameReader) fill() error {
	if fr.eof {
		return io.EOF
	}
	if fr.start > 0 {
		fr.end = copy(fr.buf[:], fr.buf[fr.start:fr.end])
		fr.start = 0
	}
	for empty := 0; ; empty++ {
		n, err := fr.r.Read(fr.buf[fr.end:])
		fr.end += n
		if errors.Is(err, io.EOF) {
			fr.eof = true
		}
		if n > 0 {
			return nil // bytes first; a pending EOF shows on the next fill
		}
		if err != nil {
			return err
		}
		if empty >= 100 {
			return io.ErrNoProgress
		}
	}
}
