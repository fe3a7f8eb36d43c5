package dlt645

import (
	"errors"
	"fmt"
)

// Frame layout constants.
const (
	startByte    = 0x68
	endByte      = 0x16
	preambleByte = 0xFE
	dataOffset   = 0x33
	headerLen    = 10 // 68 A0..A5 68 C L
	overhead     = 12 // header + CS + 16

	// MaxData is the largest DATA length L. The 2007 text caps reads at 200
	// and writes at 50 bytes, but real meters exceed that (a vendor parameter
	// frame has L = 151), so any L that fits in the length byte is accepted.
	MaxData = 255
	// MaxFrame is the longest frame without preamble: 12 + 255 bytes.
	MaxFrame = overhead + MaxData
	// DefaultPreamble is the number of FE wake-up bytes customarily sent
	// before a request.
	DefaultPreamble = 4
)

// Frame errors. Decode, Parse and FrameReader wrap these with detail.
var (
	// ErrIncomplete means the bytes end before the frame does; read more.
	ErrIncomplete = errors.New("dlt645: incomplete frame")
	// ErrFraming means the bytes are not a frame: no 68 where one must be,
	// or no 16 where L says the frame ends.
	ErrFraming = errors.New("dlt645: malformed frame")
	// ErrChecksum means a well-framed frame carries the wrong checksum,
	// e.g. corrupted on the line.
	ErrChecksum = errors.New("dlt645: bad checksum")
	// ErrTooLong means a frame to encode has more than MaxData bytes of data.
	ErrTooLong = errors.New("dlt645: data too long")
)

// Frame is one DL/T 645-2007 frame. Data holds the plain bytes: the +0x33
// offset is added by the encoder and removed by the decoder, so callers never
// see it. Multi-byte fields inside Data are little-endian as on the wire.
type Frame struct {
	Addr    Address
	Control Control
	Data    []byte
}

// Len returns the encoded length of f without preamble.
func (f Frame) Len() int { return overhead + len(f.Data) }

// AppendBinary appends the encoded frame (without FE preamble) to dst.
// It returns ErrTooLong if f.Data exceeds MaxData bytes.
func (f Frame) AppendBinary(dst []byte) ([]byte, error) {
	if len(f.Data) > MaxData {
		return dst, fmt.Errorf("%w: %d bytes, the length byte holds at most %d", ErrTooLong, len(f.Data), MaxData)
	}
	start := len(dst)
	dst = append(dst, startByte)
	dst = append(dst, f.Addr[:]...)
	dst = append(dst, startByte, byte(f.Control), byte(len(f.Data)))
	for _, b := range f.Data {
		dst = append(dst, b+dataOffset)
	}
	// The checksum window starts at the first 68: preamble bytes already in
	// dst (or written separately) must not count.
	dst = append(dst, checksum(dst[start:]), endByte)
	return dst, nil
}

// MarshalBinary encodes f without preamble. Errors are those of AppendBinary.
func (f Frame) MarshalBinary() ([]byte, error) {
	return f.AppendBinary(make([]byte, 0, f.Len()))
}

// AppendRequest appends n FE wake-up bytes and then f, the form in which a
// request goes on the wire. Errors are those of AppendBinary.
func (f Frame) AppendRequest(dst []byte, n int) ([]byte, error) {
	for range n {
		dst = append(dst, preambleByte)
	}
	return f.AppendBinary(dst)
}

// UnmarshalBinary decodes exactly one frame (with optional FE preamble) into
// f. Errors are those of Decode.
func (f *Frame) UnmarshalBinary(b []byte) error {
	g, err := Decode(b)
	if err != nil {
		return err
	}
	*f = g
	return nil
}

// Decode decodes b, which must hold exactly one frame, optionally preceded
// by FE preamble bytes. It returns ErrIncomplete if b ends early,
// ErrFraming for a missing 68/16 or trailing bytes, and ErrChecksum.
// The returned Data does not alias b.
func Decode(b []byte) (Frame, error) {
	i := 0
	for i < len(b) && b[i] == preambleByte {
		i++
	}
	f, n, err := Parse(b[i:])
	if err != nil {
		return Frame{}, err
	}
	if i+n != len(b) {
		return Frame{}, fmt.Errorf("%w: %d bytes after the end of the frame", ErrFraming, len(b)-i-n)
	}
	return f, nil
}

// Parse decodes the frame at the start of b (b[0] must be the first 68) and
// returns it with the number of bytes it used; bytes after it are ignored.
// It returns ErrIncomplete when b is a valid prefix of a frame, ErrFraming
// when it cannot be one, and ErrChecksum. The returned Data does not alias b.
func Parse(b []byte) (Frame, int, error) {
	n, err := frameLen(b)
	if err != nil {
		return Frame{}, 0, err
	}
	var f Frame
	copy(f.Addr[:], b[1:7])
	f.Control = Control(b[8])
	if l := n - overhead; l > 0 {
		f.Data = make([]byte, l)
		for i, c := range b[headerLen : headerLen+l] {
			f.Data[i] = c - dataOffset
		}
	}
	return f, n, nil
}

// frameLen validates the frame at the start of b and returns its length.
func frameLen(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, ErrIncomplete
	}
	if b[0] != startByte {
		return 0, fmt.Errorf("%w: first byte %02X, want 68", ErrFraming, b[0])
	}
	if len(b) < 8 {
		return 0, ErrIncomplete
	}
	if b[7] != startByte {
		return 0, fmt.Errorf("%w: byte 7 is %02X, want the second 68", ErrFraming, b[7])
	}
	if len(b) < headerLen {
		return 0, ErrIncomplete
	}
	n := overhead + int(b[9])
	if len(b) < n {
		return 0, ErrIncomplete
	}
	if b[n-1] != endByte {
		return 0, fmt.Errorf("%w: byte %d is %02X, want the end byte 16 (L = %d)", ErrFraming, n-1, b[n-1], b[9])
	}
	if got, want := b[n-2], checksum(b[:n-2]); got != want {
		return 0, fmt.Errorf("%w: frame has %02X, bytes sum to %02X", ErrChecksum, got, want)
	}
	return n, nil
}

// checksum is the mod-256 sum of b.
func checksum(b []byte) byte {
	var s byte
	for _, c := range b {
		s += c
	}
	return s
}
