package acrel

import (
	"errors"
	"fmt"

	"github.com/voltpay/voltpay/meterlink/modbus"
)

// Commands (docs/PROTOCOLS.md §3.3). Direction: up = device to platform.
const (
	CmdPassThrough        byte = 0x90 // down/up: transparent Modbus RTU
	CmdUpload             byte = 0x91 // up: periodic data, layout unknown [U]
	CmdTimeSync           byte = 0x93 // up: request with the serial; down: the time
	CmdHeartbeat          byte = 0x94 // up: no reply
	CmdPassThroughService byte = 0x97 // down/up: Modbus with a service id, layout unknown [U]
	CmdParameters         byte = 0x82 // down/up: device parameters [U]
	CmdLogin              byte = 0x84 // up: serial and more; down: empty acknowledgement
	CmdSetServer          byte = 0x88 // down: server IP and port [U]
	CmdAlarm              byte = 0x89 // up: alarm [U]
)

// Frame sizes. The notes give no maximum; MaxFrameSize leaves room for a
// pass-through of the largest Modbus RTU ADU (256 bytes) several times over
// and for uploads of every quantity docs/PROTOCOLS.md §3.3 lists, and bounds what Parse
// and FrameReader look at before they give up on a head.
const (
	overhead     = 2 + 1 + 2 + 2 // head, cmd, CRC, terminator
	MaxFrameSize = 1024
	MaxBodySize  = MaxFrameSize - overhead
)

// Errors. Parse and FrameReader return ErrIncomplete only for a prefix of
// what may still become a frame.
var (
	// ErrIncomplete means more bytes are needed.
	ErrIncomplete = errors.New("acrel: incomplete frame")
	// ErrFraming means the bytes are not a frame: no 7B 7B head, no 7D 7D
	// terminator with a good CRC within MaxFrameSize, or a head cut short
	// by the next frame.
	ErrFraming = errors.New("acrel: not a 7B 7B frame")
	// ErrCRC means a frame ended (7D 7D) but its CRC is wrong.
	ErrCRC = errors.New("acrel: CRC mismatch")
	// ErrTooLong means a frame to encode exceeds MaxFrameSize.
	ErrTooLong = errors.New("acrel: frame too long")
	// ErrCommand means a frame has another command than the decoder's.
	ErrCommand = errors.New("acrel: unexpected command")
	// ErrBody means a body does not have the layout of its command.
	ErrBody = errors.New("acrel: malformed body")
)

const (
	head = 0x7B
	tail = 0x7D
)

// Frame is one Acrel frame: its command and body. Frames returned by Parse
// and FrameReader alias the input.
type Frame struct {
	Cmd  byte
	Body []byte
}

// Append appends the encoding of cmd and body to dst. It does not check
// the size: a frame longer than MaxFrameSize is not read back by Parse;
// Encode refuses it.
func Append(dst []byte, cmd byte, body []byte) []byte {
	dst = append(dst, head, head, cmd)
	start := len(dst) - 1
	dst = append(dst, body...)
	crc := modbus.CRC16(dst[start:])
	return append(dst, byte(crc), byte(crc>>8), tail, tail)
}

// Encode returns the encoding of f in a new slice, or ErrTooLong.
func Encode(f Frame) ([]byte, error) {
	if len(f.Body) > MaxBodySize {
		return nil, fmt.Errorf("%w: body of %d bytes, at most %d", ErrTooLong, len(f.Body), MaxBodySize)
	}
	return Append(make([]byte, 0, overhead+len(f.Body)), f.Cmd, f.Body), nil
}

// Decode decodes b as exactly one frame: head, terminator at the very end,
// right CRC, at most MaxFrameSize. Its Body aliases b. Use it on a whole
// packet; in a stream use Parse or FrameReader.
func Decode(b []byte) (Frame, error) {
	switch {
	case len(b) < overhead:
		if hasPrefix(b) {
			return Frame{}, fmt.Errorf("%w: %d bytes", ErrIncomplete, len(b))
		}
		return Frame{}, fmt.Errorf("%w: %d bytes, no 7B 7B head", ErrFraming, len(b))
	case b[0] != head || b[1] != head:
		return Frame{}, fmt.Errorf("%w: starts % X, not 7B 7B", ErrFraming, b[:2])
	case len(b) > MaxFrameSize:
		return Frame{}, fmt.Errorf("%w: %d bytes, at most %d", ErrFraming, len(b), MaxFrameSize)
	case b[len(b)-2] != tail || b[len(b)-1] != tail:
		return Frame{}, fmt.Errorf("%w: ends % X, not 7D 7D", ErrFraming, b[len(b)-2:])
	}
	e := len(b) - 4
	got, want := uint16(b[e])|uint16(b[e+1])<<8, modbus.CRC16(b[2:e])
	if got != want {
		return Frame{}, fmt.Errorf("%w: frame says 0x%04X, contents give 0x%04X", ErrCRC, got, want)
	}
	return Frame{Cmd: b[2], Body: b[3:e]}, nil
}

// hasPrefix reports whether b is a proper prefix of a frame's head (or
// empty).
func hasPrefix(b []byte) bool {
	for _, c := range b[:min(len(b), 2)] {
		if c != head {
			return false
		}
	}
	return true
}
