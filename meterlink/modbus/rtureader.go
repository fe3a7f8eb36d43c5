package modbus

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/voltpay/voltpay/meterlink/internal/readbuf"
)

// DefaultMaxDiscard is how many bytes of garbage (noise, stale replies,
// frames with bad CRC) one ReadResponse or ReadRequest call skips before it
// gives up with ErrNoFrame: four maximal frames.
const DefaultMaxDiscard = 4 * MaxRTUSize

// RTUReader frames RTU replies (master side) or requests (slave side) out of a
// byte stream, as carried by transparent RS-485 gateways over TCP. TCP read
// boundaries mean nothing there, so it frames by the length implied by the
// function code (docs/PROTOCOLS.md §2.1: exception 5 bytes, read reply 5+2n, write
// echo 8), checks the CRC, and resynchronises byte by byte past garbage.
// Bytes after a frame stay buffered for the next call.
//
// The buffer is fixed (two maximal frames); an RTUReader never allocates in
// proportion to its input. It is not safe for concurrent use, which matches
// the rule of one outstanding request per bus. It sets no deadlines: set them
// on the underlying net.Conn.
type RTUReader struct {
	// SkipEcho drops one copy of the request just sent if it comes back
	// before the reply (converters that echo the RS-485 line). Leave it off
	// otherwise: the reply to a write single register (FC06) is
	// byte-identical to its request and would be dropped as an echo.
	SkipEcho bool
	// MaxDiscard overrides DefaultMaxDiscard when positive.
	MaxDiscard int

	r              io.Reader
	buf            [2 * MaxRTUSize]byte
	readbuf.Window                  // buf[Start:End] unparsed; Err the stream's pending error
	sent           [MaxRTUSize]byte // the request frame of the current ReadResponse
	sentLen        int
}

// NewRTUReader returns an RTUReader over r.
func NewRTUReader(r io.Reader) *RTUReader {
	return &RTUReader{r: r}
}

// Buffered returns how many received bytes are waiting in the reader.
func (r *RTUReader) Buffered() int { return r.End - r.Start }

// Reset drops buffered bytes, e.g. before sending a new request so a late
// reply to a timed-out request cannot be taken for the new one.
func (r *RTUReader) Reset() { r.Start, r.End = 0, 0 }

// ReadResponse reads until it finds the reply of unit to req and returns it
// parsed. An exception reply is returned as a *Exception error (also when it
// comes from the gateway alias unit 0xFF). Frames for other units or
// functions, stale replies with another length, an echo of the request when
// SkipEcho is set, and bytes failing the CRC are skipped. It returns
// ErrInvalidRequest for a bad req, ErrNoFrame after MaxDiscard skipped bytes,
// and the reader's error (io.ErrUnexpectedEOF if the stream ended inside a
// frame, or a timeout from the connection).
func (r *RTUReader) ReadResponse(unit byte, req Request) (Response, error) {
	// Encode into the reader's own array: no allocation per request.
	sent, err := AppendRequest(append(r.sent[:0], unit), req)
	if err != nil {
		return Response{}, err
	}
	r.sentLen = len(binary.LittleEndian.AppendUint16(sent, CRC16(sent)))
	defer func() { r.sentLen = 0 }()
	m := matcher{unit: unit, fn: req.Function, replyLen: 1 + req.replyLen() + 2}
	budget := r.budget()
	for {
		adu, err := r.next(&m, &budget)
		if err != nil {
			return Response{}, err
		}
		resp, err := ParseResponse(req, adu[1:len(adu)-2])
		if err == nil || !errors.Is(err, ErrMismatch) {
			return resp, err
		}
		// A valid frame that answers something else (a stale write echo):
		// drop it like garbage.
		if budget -= len(adu); budget < 0 {
			return Response{}, fmt.Errorf("%w: skipped more than %d bytes: %w", ErrNoFrame, r.budget(), err)
		}
	}
}

// ReadRequest reads the next request frame with a valid CRC (slave side,
// e.g. the simulator) and returns its unit id and request. If the frame is
// valid but its request is not (unsupported function, count out of range),
// it returns the unit, a Request holding only the Function, and the error
// (ErrInvalidRequest or ErrMalformed), so the caller can answer with an
// exception; the frame is consumed either way.
func (r *RTUReader) ReadRequest() (byte, Request, error) {
	m := matcher{request: true}
	budget := r.budget()
	adu, err := r.next(&m, &budget)
	if err != nil {
		return 0, Request{}, err
	}
	req, err := DecodeRequest(adu[1 : len(adu)-2])
	if err != nil {
		return adu[0], Request{Function: FunctionCode(adu[1])}, err
	}
	return adu[0], req, nil
}

func (r *RTUReader) budget() int {
	if r.MaxDiscard > 0 {
		return r.MaxDiscard
	}
	return DefaultMaxDiscard
}

// next returns the next frame m accepts with a good CRC; it aliases r.buf
// and is valid until the next call.
func (r *RTUReader) next(m *matcher, budget *int) ([]byte, error) {
	for {
		for r.Start < r.End {
			b := r.buf[r.Start:r.End]
			if echo, more := r.echo(b); echo {
				r.Start += r.sentLen
				r.sentLen = 0 // one echo per request; the next copy is the reply
				continue
			} else if more {
				break
			}
			n := m.frameLen(b)
			if n == 0 || (n > 0 && len(b) < n) {
				break // need more bytes to decide
			}
			if n > 0 {
				if _, _, err := DecodeRTU(b[:n]); err == nil {
					r.Start += n
					return b[:n], nil
				}
			}
			// Not the start of a frame we want: resync one byte later.
			r.Start++
			if *budget--; *budget < 0 {
				return nil, fmt.Errorf("%w: skipped more than %d bytes", ErrNoFrame, r.budget())
			}
		}
		if err := r.Fill(r.r, r.buf[:], "modbus"); err != nil {
			return nil, err
		}
	}
}

// echo reports whether b starts with a full copy of the request being
// answered (echo), or with a partial copy that needs more bytes (more).
func (r *RTUReader) echo(b []byte) (echo, more bool) {
	if !r.SkipEcho || r.sentLen == 0 {
		return false, false
	}
	k := min(len(b), r.sentLen)
	if !bytes.Equal(b[:k], r.sent[:k]) {
		return false, false
	}
	return k == r.sentLen, k < r.sentLen
}

// matcher decides, from the first bytes at a position, how long the frame
// starting there would be: >0 a length, 0 "need more bytes", -1 "not a frame
// we want here".
type matcher struct {
	request  bool // slave side: any unit, any supported request
	unit     byte
	fn       FunctionCode
	replyLen int // RTU length of the normal reply
}

func (m *matcher) frameLen(b []byte) int {
	if len(b) < 2 {
		return 0
	}
	if m.request {
		return requestFrameLen(b)
	}
	if b[1] == byte(m.fn)|exceptionBit && (b[0] == m.unit || b[0] == ExceptionUnitAlias) {
		return minRTUSize
	}
	if b[0] != m.unit || b[1] != byte(m.fn) {
		return -1
	}
	if m.fn == ReadHoldingRegisters || m.fn == ReadInputRegisters {
		if len(b) < 3 {
			return 0
		}
		if 5+int(b[2]) != m.replyLen {
			return -1 // byte count of another request: stale or garbage
		}
	}
	return m.replyLen
}

// Coil and discrete-input functions we do not serve but still frame, so a
// slave can answer them with an "illegal function" exception instead of
// staying silent until the master times out.
const (
	readCoils          = 0x01
	readDiscreteInputs = 0x02
	writeSingleCoil    = 0x05
	writeMultipleCoils = 0x0F
)

// requestFrameLen is the RTU length of the request starting at b.
func requestFrameLen(b []byte) int {
	switch b[1] {
	case byte(ReadHoldingRegisters), byte(ReadInputRegisters), byte(WriteSingleRegister),
		readCoils, readDiscreteInputs, writeSingleCoil:
		return 8
	case byte(WriteMultipleRegisters), writeMultipleCoils:
		if len(b) < 7 {
			return 0
		}
		n := int(b[6])
		if b[1] == writeMultipleCoils && n > 0 && n <= MaxPDUSize-6 {
			return 9 + n
		}
		if n > 0 && n%2 == 0 && n <= 2*MaxWriteQuantity {
			return 9 + n
		}
	}
	return -1
}
