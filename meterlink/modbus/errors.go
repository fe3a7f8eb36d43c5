package modbus

import (
	"errors"
	"fmt"
)

// Sentinel errors, wrapped with detail by the functions that return them;
// test with errors.Is.
var (
	// ErrShortFrame means a frame or PDU ended before its fields did.
	ErrShortFrame = errors.New("modbus: short frame")
	// ErrFrameTooLong means a frame or PDU exceeds the protocol maximum.
	ErrFrameTooLong = errors.New("modbus: frame too long")
	// ErrCRC means an RTU frame's CRC does not match its contents.
	ErrCRC = errors.New("modbus: bad CRC")
	// ErrMalformed means a PDU or header violates the protocol (bad byte
	// count, protocol id, length field, register count out of range...).
	ErrMalformed = errors.New("modbus: malformed frame")
	// ErrMismatch means a well-formed reply does not answer the request
	// it was read for (other function, count, address or transaction).
	ErrMismatch = errors.New("modbus: reply does not match request")
	// ErrInvalidRequest means the caller asked to encode a request or
	// response the protocol cannot carry.
	ErrInvalidRequest = errors.New("modbus: invalid request")
	// ErrNoFrame means a reader discarded more than its limit of bytes
	// without finding a valid frame: the line is noisy or not Modbus.
	ErrNoFrame = errors.New("modbus: no valid frame in input")
)

// ExceptionCode is the one-byte code of a Modbus exception reply.
type ExceptionCode byte

// Exception codes from the Modbus application protocol (docs/PROTOCOLS.md §2.1).
const (
	IllegalFunction            ExceptionCode = 0x01
	IllegalDataAddress         ExceptionCode = 0x02
	IllegalDataValue           ExceptionCode = 0x03
	ServerDeviceFailure        ExceptionCode = 0x04
	Acknowledge                ExceptionCode = 0x05
	ServerDeviceBusy           ExceptionCode = 0x06
	MemoryParityError          ExceptionCode = 0x08
	GatewayPathUnavailable     ExceptionCode = 0x0A
	GatewayTargetFailedRespond ExceptionCode = 0x0B
)

// String names the exception code, e.g. "illegal data address".
func (c ExceptionCode) String() string {
	switch c {
	case IllegalFunction:
		return "illegal function"
	case IllegalDataAddress:
		return "illegal data address"
	case IllegalDataValue:
		return "illegal data value"
	case ServerDeviceFailure:
		return "server device failure"
	case Acknowledge:
		return "acknowledge (request accepted, still processing)"
	case ServerDeviceBusy:
		return "server device busy"
	case MemoryParityError:
		return "memory parity error"
	case GatewayPathUnavailable:
		return "gateway path unavailable"
	case GatewayTargetFailedRespond:
		return "gateway target device failed to respond"
	}
	return fmt.Sprintf("unknown exception 0x%02X", byte(c))
}

// Exception is the error returned when the device answered with an exception
// reply (function | 0x80, code). The device is alive and understood the
// frame; retrying the same request will usually fail the same way, except
// for Acknowledge and ServerDeviceBusy.
type Exception struct {
	Function FunctionCode // the function of the request, without the 0x80 bit
	Code     ExceptionCode
}

// Error reports the function and the named exception.
func (e *Exception) Error() string {
	return fmt.Sprintf("modbus: %s: device replied with exception 0x%02X: %s", e.Function, byte(e.Code), e.Code)
}

// Temporary reports whether the exception says "try again later"
// (acknowledge, busy) rather than "this request is wrong".
func (e *Exception) Temporary() bool {
	return e.Code == Acknowledge || e.Code == ServerDeviceBusy
}
