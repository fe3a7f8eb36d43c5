package modbus

import (
	"encoding/binary"
	"fmt"
)

// FunctionCode is the first byte of a PDU.
type FunctionCode byte

// The register functions a meter needs (docs/PROTOCOLS.md §2.1).
const (
	ReadHoldingRegisters   FunctionCode = 0x03
	ReadInputRegisters     FunctionCode = 0x04
	WriteSingleRegister    FunctionCode = 0x06
	WriteMultipleRegisters FunctionCode = 0x10
)

// exceptionBit is OR-ed into the function code of an exception reply.
const exceptionBit = 0x80

// Register-count limits of the Modbus application protocol: they keep every
// PDU within 253 bytes.
const (
	MaxReadQuantity  = 125 // FC03/FC04
	MaxWriteQuantity = 123 // FC10
	// MaxPDUSize is the largest PDU (function code + data) on any transport.
	MaxPDUSize = 253
)

// String names the function, e.g. "read holding registers (0x03)".
func (f FunctionCode) String() string {
	switch f {
	case ReadHoldingRegisters:
		return "read holding registers (0x03)"
	case ReadInputRegisters:
		return "read input registers (0x04)"
	case WriteSingleRegister:
		return "write single register (0x06)"
	case WriteMultipleRegisters:
		return "write multiple registers (0x10)"
	}
	return fmt.Sprintf("function 0x%02X", byte(f))
}

// Request is one register request. Quantity is the register count for reads
// and FC10 (for FC10 it must equal len(Values)); for FC06 Values holds the one
// value and Quantity is ignored on encode and set to 1 on decode.
type Request struct {
	Function FunctionCode
	Address  uint16
	Quantity uint16
	Values   []uint16
}

// Response is a decoded non-exception reply. For reads Values holds the
// registers (Address and Quantity are not on the wire and stay zero; Quantity
// is set to len(Values)); for FC06 Address and Values[0] echo the request; for
// FC10 Address and Quantity echo it.
type Response struct {
	Function FunctionCode
	Address  uint16
	Quantity uint16
	Values   []uint16
}

// validate checks r against the protocol limits; it returns ErrInvalidRequest.
func (r Request) validate() error {
	switch r.Function {
	case ReadHoldingRegisters, ReadInputRegisters:
		if r.Quantity < 1 || r.Quantity > MaxReadQuantity {
			return fmt.Errorf("%w: %s of %d registers, want 1..%d", ErrInvalidRequest, r.Function, r.Quantity, MaxReadQuantity)
		}
	case WriteSingleRegister:
		if len(r.Values) != 1 {
			return fmt.Errorf("%w: %s needs exactly 1 value, got %d", ErrInvalidRequest, r.Function, len(r.Values))
		}
	case WriteMultipleRegisters:
		if len(r.Values) < 1 || len(r.Values) > MaxWriteQuantity || int(r.Quantity) != len(r.Values) {
			return fmt.Errorf("%w: %s with quantity %d and %d values, want equal and 1..%d", ErrInvalidRequest, r.Function, r.Quantity, len(r.Values), MaxWriteQuantity)
		}
	default:
		return fmt.Errorf("%w: unsupported %s", ErrInvalidRequest, r.Function)
	}
	if r.Function != WriteSingleRegister && int(r.Address)+int(r.Quantity) > 0x10000 {
		return fmt.Errorf("%w: %s at 0x%04X of %d registers runs past 0xFFFF", ErrInvalidRequest, r.Function, r.Address, r.Quantity)
	}
	return nil
}

// AppendRequest appends the request PDU for r to dst. It returns
// ErrInvalidRequest if r breaks the protocol limits.
func AppendRequest(dst []byte, r Request) ([]byte, error) {
	if err := r.validate(); err != nil {
		return dst, err
	}
	dst = append(dst, byte(r.Function))
	dst = binary.BigEndian.AppendUint16(dst, r.Address)
	switch r.Function {
	case WriteSingleRegister:
		dst = binary.BigEndian.AppendUint16(dst, r.Values[0])
	case WriteMultipleRegisters:
		dst = binary.BigEndian.AppendUint16(dst, r.Quantity)
		dst = append(dst, byte(2*len(r.Values)))
		dst = appendWords(dst, r.Values)
	default:
		dst = binary.BigEndian.AppendUint16(dst, r.Quantity)
	}
	return dst, nil
}

// DecodeRequest parses a request PDU (slave side). It returns ErrShortFrame,
// ErrMalformed (wrong length, byte count or quantity), or ErrInvalidRequest
// for a function this package does not serve; Values is a new slice.
func DecodeRequest(pdu []byte) (Request, error) {
	if len(pdu) < 5 {
		return Request{}, fmt.Errorf("%w: request PDU of %d bytes, need at least 5", ErrShortFrame, len(pdu))
	}
	r := Request{Function: FunctionCode(pdu[0]), Address: binary.BigEndian.Uint16(pdu[1:])}
	word := binary.BigEndian.Uint16(pdu[3:])
	want := 5
	switch r.Function {
	case ReadHoldingRegisters, ReadInputRegisters:
		r.Quantity = word
	case WriteSingleRegister:
		r.Quantity, r.Values = 1, []uint16{word}
	case WriteMultipleRegisters:
		if len(pdu) < 6 {
			return Request{}, fmt.Errorf("%w: %s request of %d bytes has no byte count", ErrShortFrame, r.Function, len(pdu))
		}
		r.Quantity, want = word, 6+int(pdu[5])
		if int(pdu[5]) != 2*int(word) {
			return Request{}, fmt.Errorf("%w: %s byte count %d for %d registers", ErrMalformed, r.Function, pdu[5], word)
		}
		if len(pdu) == want {
			r.Values = decodeWords(pdu[6:])
		}
	default:
		return Request{}, fmt.Errorf("%w: unsupported %s", ErrInvalidRequest, r.Function)
	}
	if len(pdu) != want {
		return Request{}, fmt.Errorf("%w: %s request of %d bytes, want %d", ErrMalformed, r.Function, len(pdu), want)
	}
	if err := r.validate(); err != nil {
		return Request{}, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return r, nil
}

// AppendResponse appends the reply PDU for resp to dst (slave side). For
// reads only Values is used; it returns ErrInvalidRequest if the reply would
// break the protocol limits.
func AppendResponse(dst []byte, resp Response) ([]byte, error) {
	switch resp.Function {
	case ReadHoldingRegisters, ReadInputRegisters:
		if len(resp.Values) < 1 || len(resp.Values) > MaxReadQuantity {
			return dst, fmt.Errorf("%w: %s reply with %d registers, want 1..%d", ErrInvalidRequest, resp.Function, len(resp.Values), MaxReadQuantity)
		}
		dst = append(dst, byte(resp.Function), byte(2*len(resp.Values)))
		return appendWords(dst, resp.Values), nil
	case WriteSingleRegister:
		if len(resp.Values) != 1 {
			return dst, fmt.Errorf("%w: %s reply needs exactly 1 value, got %d", ErrInvalidRequest, resp.Function, len(resp.Values))
		}
		dst = append(dst, byte(resp.Function))
		dst = binary.BigEndian.AppendUint16(dst, resp.Address)
		return binary.BigEndian.AppendUint16(dst, resp.Values[0]), nil
	case WriteMultipleRegisters:
		dst = append(dst, byte(resp.Function))
		dst = binary.BigEndian.AppendUint16(dst, resp.Address)
		return binary.BigEndian.AppendUint16(dst, resp.Quantity), nil
	}
	return dst, fmt.Errorf("%w: unsupported %s", ErrInvalidRequest, resp.Function)
}

// AppendException appends the exception reply PDU (fn | 0x80, code) to dst.
func AppendException(dst []byte, fn FunctionCode, code ExceptionCode) []byte {
	return append(dst, byte(fn)|exceptionBit, byte(code))
}

// DecodeResponse parses a reply PDU on its own, without the request. An
// exception reply is returned as a *Exception error. Other errors are
// ErrShortFrame, ErrMalformed (length or byte count inconsistent) and
// ErrInvalidRequest (a function this package does not speak).
func DecodeResponse(pdu []byte) (Response, error) {
	if len(pdu) < 2 {
		return Response{}, fmt.Errorf("%w: reply PDU of %d bytes, need at least 2", ErrShortFrame, len(pdu))
	}
	fn := FunctionCode(pdu[0])
	if fn&exceptionBit != 0 {
		if len(pdu) != 2 {
			return Response{}, fmt.Errorf("%w: exception reply of %d bytes, want 2", ErrMalformed, len(pdu))
		}
		return Response{}, &Exception{Function: fn &^ exceptionBit, Code: ExceptionCode(pdu[1])}
	}
	resp := Response{Function: fn}
	switch fn {
	case ReadHoldingRegisters, ReadInputRegisters:
		n := int(pdu[1])
		if n == 0 || n%2 != 0 || n > 2*MaxReadQuantity || len(pdu) != 2+n {
			return Response{}, fmt.Errorf("%w: %s reply of %d bytes with byte count %d", ErrMalformed, fn, len(pdu), n)
		}
		resp.Values = decodeWords(pdu[2:])
		resp.Quantity = uint16(len(resp.Values))
	case WriteSingleRegister, WriteMultipleRegisters:
		if len(pdu) != 5 {
			return Response{}, fmt.Errorf("%w: %s reply of %d bytes, want 5", ErrMalformed, fn, len(pdu))
		}
		resp.Address = binary.BigEndian.Uint16(pdu[1:])
		word := binary.BigEndian.Uint16(pdu[3:])
		if fn == WriteSingleRegister {
			resp.Values = []uint16{word}
		} else {
			resp.Quantity = word
		}
	default:
		return Response{}, fmt.Errorf("%w: unsupported %s in reply", ErrInvalidRequest, fn)
	}
	return resp, nil
}

// ParseResponse decodes a reply PDU and checks that it answers req: same
// function, the requested register count, and for writes the echoed address,
// value or quantity. An exception for req's function is returned as a
// *Exception error; a reply to something else is ErrMismatch.
func ParseResponse(req Request, pdu []byte) (Response, error) {
	resp, err := DecodeResponse(pdu)
	if ex, ok := err.(*Exception); ok && ex.Function != req.Function {
		return Response{}, fmt.Errorf("%w: exception for %s while waiting for %s", ErrMismatch, ex.Function, req.Function)
	}
	if err != nil {
		return Response{}, err
	}
	if resp.Function != req.Function {
		return Response{}, fmt.Errorf("%w: got %s, want %s", ErrMismatch, resp.Function, req.Function)
	}
	switch req.Function {
	case ReadHoldingRegisters, ReadInputRegisters:
		if resp.Quantity != req.Quantity {
			return Response{}, fmt.Errorf("%w: %s returned %d registers, want %d", ErrMismatch, req.Function, resp.Quantity, req.Quantity)
		}
	case WriteSingleRegister:
		if resp.Address != req.Address || len(req.Values) != 1 || resp.Values[0] != req.Values[0] {
			return Response{}, fmt.Errorf("%w: %s echoed 0x%04X=%d, want 0x%04X=%v", ErrMismatch, req.Function, resp.Address, resp.Values[0], req.Address, req.Values)
		}
	case WriteMultipleRegisters:
		if resp.Address != req.Address || resp.Quantity != req.Quantity {
			return Response{}, fmt.Errorf("%w: %s echoed 0x%04X×%d, want 0x%04X×%d", ErrMismatch, req.Function, resp.Address, resp.Quantity, req.Address, req.Quantity)
		}
	}
	return resp, nil
}

// replyLen is the length of the reply PDU req expects when it is not an
// exception (docs/PROTOCOLS.md §2.1: reads 2+2n, writes 5).
func (r Request) replyLen() int {
	if r.Function == ReadHoldingRegisters || r.Function == ReadInputRegisters {
		return 2 + 2*int(r.Quantity)
	}
	return 5
}

func appendWords(dst []byte, words []uint16) []byte {
	for _, w := range words {
		dst = binary.BigEndian.AppendUint16(dst, w)
	}
	return dst
}

// decodeWords reads big-endian registers; len(b) is even and ≤ 250, so the
// allocation is bounded.
func decodeWords(b []byte) []uint16 {
	words := make([]uint16, len(b)/2)
	for i := range words {
		words[i] = binary.BigEndian.Uint16(b[2*i:])
	}
	return words
}
