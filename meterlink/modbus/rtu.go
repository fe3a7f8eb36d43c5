package modbus

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// RTU frame limits (docs/PROTOCOLS.md §2.1): unit id + PDU + 2-byte CRC, at most
// 256 bytes. The shortest frame is an exception reply: unit, fn|0x80, code,
// CRC (5 bytes).
const (
	MaxRTUSize = 256
	minRTUSize = 5
)

// BroadcastUnit is the unit id that addresses every device; devices do not
// reply to it. ExceptionUnitAlias is the unit id some gateways use in
// exception replies instead of the addressed unit (docs/PROTOCOLS.md §2.1).
const (
	BroadcastUnit      byte = 0
	ExceptionUnitAlias byte = 0xFF
)

// AppendRTU appends the RTU frame unit + pdu + CRC (low byte first) to dst.
// It returns ErrFrameTooLong or ErrShortFrame if pdu cannot fit a frame.
func AppendRTU(dst []byte, unit byte, pdu []byte) ([]byte, error) {
	if len(pdu) < 2 {
		return dst, fmt.Errorf("%w: PDU of %d bytes", ErrShortFrame, len(pdu))
	}
	if len(pdu) > MaxRTUSize-3 {
		return dst, fmt.Errorf("%w: PDU of %d bytes, RTU carries at most %d", ErrFrameTooLong, len(pdu), MaxRTUSize-3)
	}
	start := len(dst)
	dst = append(dst, unit)
	dst = append(dst, pdu...)
	return binary.LittleEndian.AppendUint16(dst, CRC16(dst[start:])), nil
}

// DecodeRTU checks the length and CRC of one complete RTU frame and returns
// its unit id and PDU (which aliases adu). It returns ErrShortFrame,
// ErrFrameTooLong or ErrCRC; the PDU itself is not parsed.
func DecodeRTU(adu []byte) (unit byte, pdu []byte, err error) {
	if len(adu) < minRTUSize {
		return 0, nil, fmt.Errorf("%w: RTU frame of %d bytes, need at least %d", ErrShortFrame, len(adu), minRTUSize)
	}
	if len(adu) > MaxRTUSize {
		return 0, nil, fmt.Errorf("%w: RTU frame of %d bytes, at most %d", ErrFrameTooLong, len(adu), MaxRTUSize)
	}
	body := adu[:len(adu)-2]
	got, want := binary.LittleEndian.Uint16(adu[len(body):]), CRC16(body)
	if got != want {
		return 0, nil, fmt.Errorf("%w: frame says 0x%04X, contents give 0x%04X", ErrCRC, got, want)
	}
	return adu[0], body[1:], nil
}

// EncodeRTURequest builds the RTU frame of req for unit in a new slice.
// It returns ErrInvalidRequest if req breaks the protocol limits.
func EncodeRTURequest(unit byte, req Request) ([]byte, error) {
	buf := make([]byte, 1, 1+MaxPDUSize+2)
	buf[0] = unit
	buf, err := AppendRequest(buf, req)
	if err != nil {
		return nil, err
	}
	return binary.LittleEndian.AppendUint16(buf, CRC16(buf)), nil
}

// isEcho reports whether frame is a copy of the request we sent, which some
// RS-485 converters loop back before the reply.
func isEcho(frame, sent []byte) bool {
	return len(sent) > 0 && bytes.Equal(frame, sent)
}
