package bus

import (
	"errors"
	"fmt"
)

// Kinds of failure, wrapped by *Error; test with errors.Is. A meter's own
// error reply is not among them: it comes back as the codec's error
// (*dlt645.MeterError, *modbus.Exception) because the meter did answer.
var (
	// ErrTimeout: the meter stayed silent for every attempt (or only stale
	// and foreign frames came). The gateway link is up.
	ErrTimeout = errors.New("bus: no reply from meter")
	// ErrGarbled: replies came but failed their checksum/CRC or framing on
	// every attempt: a noisy line or a wrong baud rate.
	ErrGarbled = errors.New("bus: garbled reply")
	// ErrConnection: the gateway could not be dialled, or dropped the TCP
	// connection on every attempt.
	ErrConnection = errors.New("bus: gateway connection failed")
	// ErrClosed: the Bus was closed.
	ErrClosed = errors.New("bus: closed")
	// ErrProtocol: the request does not fit the bus (e.g. Modbus-TCP on a
	// serial bus) or cannot be encoded.
	ErrProtocol = errors.New("bus: request does not fit the bus")
)

// Error is a request that got no usable answer. Kind is one of the
// sentinels above; Err is the last underlying error (an I/O error, a codec
// error) and may be nil.
type Error struct {
	Op       string // e.g. "dlt645 000000000001 0x11"
	Kind     error
	Attempts int
	Err      error
}

// Error reads e.g. "bus: dlt645 000000000001 0x11: no reply from meter after 3 attempts: i/o timeout".
func (e *Error) Error() string {
	msg := fmt.Sprintf("bus: %s: %s", e.Op, trimPrefix(e.Kind.Error()))
	if e.Attempts > 0 {
		msg += fmt.Sprintf(" after %d attempt(s)", e.Attempts)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the kind and the underlying error, so errors.Is works for
// both ErrTimeout and, say, os.ErrDeadlineExceeded.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

func trimPrefix(s string) string {
	const p = "bus: "
	if len(s) > len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}
