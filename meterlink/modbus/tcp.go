package modbus

import (
	"encoding/binary"
	"fmt"
	"io"
)

// Modbus-TCP framing (docs/PROTOCOLS.md §2.2): a 7-byte MBAP header (transaction
// id, protocol id 0, length of what follows, unit id) and the PDU, no CRC;
// at most 260 bytes.
const (
	MBAPHeaderSize = 7
	MaxTCPSize     = MBAPHeaderSize + MaxPDUSize
)

// maxStaleTCPFrames bounds how many replies to other transactions one
// TCPReader.ReadResponse skips before giving up.
const maxStaleTCPFrames = 16

// MBAP is the Modbus-TCP header fields that vary; the protocol id is always 0
// and the length is computed from the PDU.
type MBAP struct {
	Transaction uint16
	Unit        byte
}

// AppendTCP appends the Modbus-TCP frame h + pdu to dst. It returns
// ErrShortFrame or ErrFrameTooLong if pdu cannot fit a frame.
func AppendTCP(dst []byte, h MBAP, pdu []byte) ([]byte, error) {
	if len(pdu) < 2 {
		return dst, fmt.Errorf("%w: PDU of %d bytes", ErrShortFrame, len(pdu))
	}
	if len(pdu) > MaxPDUSize {
		return dst, fmt.Errorf("%w: PDU of %d bytes, Modbus-TCP carries at most %d", ErrFrameTooLong, len(pdu), MaxPDUSize)
	}
	dst = binary.BigEndian.AppendUint16(dst, h.Transaction)
	dst = binary.BigEndian.AppendUint16(dst, 0)
	dst = binary.BigEndian.AppendUint16(dst, uint16(1+len(pdu)))
	dst = append(dst, h.Unit)
	return append(dst, pdu...), nil
}

// DecodeTCP checks one complete Modbus-TCP frame and returns its header and
// PDU (which aliases adu). It returns ErrShortFrame, ErrFrameTooLong, or
// ErrMalformed for a non-zero protocol id or a length field that disagrees
// with len(adu); the PDU itself is not parsed.
func DecodeTCP(adu []byte) (MBAP, []byte, error) {
	if len(adu) < MBAPHeaderSize+2 {
		return MBAP{}, nil, fmt.Errorf("%w: Modbus-TCP frame of %d bytes, need at least %d", ErrShortFrame, len(adu), MBAPHeaderSize+2)
	}
	if len(adu) > MaxTCPSize {
		return MBAP{}, nil, fmt.Errorf("%w: Modbus-TCP frame of %d bytes, at most %d", ErrFrameTooLong, len(adu), MaxTCPSize)
	}
	n, err := checkMBAP(adu)
	if err != nil {
		return MBAP{}, nil, err
	}
	if n != len(adu) {
		return MBAP{}, nil, fmt.Errorf("%w: MBAP length field says %d-byte frame, got %d bytes", ErrMalformed, n, len(adu))
	}
	return MBAP{Transaction: binary.BigEndian.Uint16(adu), Unit: adu[6]}, adu[MBAPHeaderSize:], nil
}

// checkMBAP validates the protocol id and length field of a header and
// returns the total frame length it announces.
func checkMBAP(h []byte) (int, error) {
	if p := binary.BigEndian.Uint16(h[2:]); p != 0 {
		return 0, fmt.Errorf("%w: MBAP protocol id %d, want 0", ErrMalformed, p)
	}
	l := int(binary.BigEndian.Uint16(h[4:]))
	if l < 3 || l > 1+MaxPDUSize {
		return 0, fmt.Errorf("%w: MBAP length field %d, want 3..%d", ErrMalformed, l, 1+MaxPDUSize)
	}
	return 6 + l, nil
}

// TCPReader reads Modbus-TCP frames from a stream, framing by the MBAP
// length field (bounded to 260 bytes), so split and coalesced TCP segments
// are handled. A header with a wrong protocol id or length means the stream
// is out of step and cannot be resynchronised: the caller should close the
// connection. Not safe for concurrent use; sets no deadlines.
type TCPReader struct {
	r   io.Reader
	buf [MaxTCPSize]byte
}

// NewTCPReader returns a TCPReader over r.
func NewTCPReader(r io.Reader) *TCPReader { return &TCPReader{r: r} }

// ReadFrame reads the next frame and returns its header and PDU; the PDU
// aliases the reader's buffer and is valid until the next call. It returns
// ErrMalformed for a bad header, io.EOF at a clean end, io.ErrUnexpectedEOF
// inside a frame, or the connection's error.
func (t *TCPReader) ReadFrame() (MBAP, []byte, error) {
	if _, err := io.ReadFull(t.r, t.buf[:MBAPHeaderSize]); err != nil {
		return MBAP{}, nil, err
	}
	n, err := checkMBAP(t.buf[:MBAPHeaderSize])
	if err != nil {
		return MBAP{}, nil, err
	}
	if _, err := io.ReadFull(t.r, t.buf[MBAPHeaderSize:n]); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return MBAP{}, nil, fmt.Errorf("modbus: reading %d-byte Modbus-TCP frame: %w", n, err)
	}
	return DecodeTCP(t.buf[:n])
}

// ReadResponse reads until the reply with h's transaction id and parses it
// against req; replies to other (timed-out) transactions are skipped, at most
// 16 of them. An exception reply is a *Exception error; a reply from another
// unit is ErrMismatch; otherwise errors are as for ReadFrame and
// ParseResponse.
func (t *TCPReader) ReadResponse(h MBAP, req Request) (Response, error) {
	for range maxStaleTCPFrames {
		got, pdu, err := t.ReadFrame()
		if err != nil {
			return Response{}, err
		}
		if got.Transaction != h.Transaction {
			continue // a late reply to an earlier request
		}
		if got.Unit != h.Unit {
			return Response{}, fmt.Errorf("%w: transaction %d answered by unit %d, sent to unit %d", ErrMismatch, h.Transaction, got.Unit, h.Unit)
		}
		return ParseResponse(req, pdu)
	}
	return Response{}, fmt.Errorf("%w: %d frames without transaction %d", ErrNoFrame, maxStaleTCPFrames, h.Transaction)
}

// ReadRequest reads the next request (slave side) and returns its header and
// the decoded request. If the frame is sound but the request is not, it
// returns the header, a Request holding only the Function, and the error
// (ErrInvalidRequest, ErrMalformed), so the caller can reply with an
// exception.
func (t *TCPReader) ReadRequest() (MBAP, Request, error) {
	h, pdu, err := t.ReadFrame()
	if err != nil {
		return MBAP{}, Request{}, err
	}
	req, err := DecodeRequest(pdu)
	if err != nil {
		return h, Request{Function: FunctionCode(pdu[0])}, err
	}
	return h, req, nil
}

// EncodeTCPRequest builds the Modbus-TCP frame of req in a new slice. It
// returns ErrInvalidRequest if req breaks the protocol limits.
func EncodeTCPRequest(h MBAP, req Request) ([]byte, error) {
	buf := make([]byte, MBAPHeaderSize, MaxTCPSize)
	buf, err := AppendRequest(buf, req)
	if err != nil {
		return nil, err
	}
	binary.BigEndian.PutUint16(buf, h.Transaction)
	binary.BigEndian.PutUint16(buf[4:], uint16(len(buf)-6))
	buf[6] = h.Unit
	return buf, nil
}
