package acrel

import (
	"bytes"
	"fmt"
	"strings"
)

// Serial layout (docs/PROTOCOLS.md §3.3): the device's 14-digit serial, as ASCII
// zero-padded to a 20-byte field, at the start of the login body.
const (
	SerialLen      = 14
	SerialFieldLen = 20
)

// Login is a decoded 0x84 login.
type Login struct {
	// Serial is the device's serial: the field with NUL and space padding
	// and leading zeros beyond 14 characters removed.
	Serial string
	// Rest is the body after the serial field, raw: docs/PROTOCOLS.md §3.3 names SIM
	// ICCID, signal, firmware versions and upload interval, but not their
	// order or sizes [U]. It aliases the frame's body.
	Rest []byte
}

// DecodeLogin decodes a 0x84 login frame. It returns ErrCommand for
// another command and ErrBody for a body too short for the serial field
// or a serial that is empty or not printable ASCII.
func DecodeLogin(f Frame) (Login, error) {
	if f.Cmd != CmdLogin {
		return Login{}, fmt.Errorf("%w: 0x%02X, want login 0x84", ErrCommand, f.Cmd)
	}
	if len(f.Body) < SerialFieldLen {
		return Login{}, fmt.Errorf("%w: login body of %d bytes, the serial field alone is %d", ErrBody, len(f.Body), SerialFieldLen)
	}
	s, ok := ParseSerial(f.Body[:SerialFieldLen])
	if !ok {
		return Login{}, fmt.Errorf("%w: login serial field % X", ErrBody, f.Body[:SerialFieldLen])
	}
	return Login{Serial: s, Rest: f.Body[SerialFieldLen:]}, nil
}

// LoginBody builds a login body: serial as its field, then rest.
func LoginBody(serial string, rest []byte) []byte {
	return append(SerialField(serial), rest...)
}

// SerialField returns serial left-padded with ASCII zeros to the 20-byte
// field (cut to its last 20 bytes if longer).
func SerialField(serial string) []byte {
	if len(serial) > SerialFieldLen {
		serial = serial[len(serial)-SerialFieldLen:]
	}
	return []byte(strings.Repeat("0", SerialFieldLen-len(serial)) + serial)
}

// ParseSerial extracts the serial from a serial field: NULs and spaces
// trimmed at both ends, then leading zeros removed while more than
// SerialLen characters remain, or added up to SerialLen, so that a device
// has one id however it pads (as SerialField writes it or NUL-padded). It
// reports false if the field holds nothing else or anything that is not
// printable ASCII.
func ParseSerial(field []byte) (string, bool) {
	b := bytes.Trim(field, "\x00 ")
	for len(b) > SerialLen && b[0] == '0' {
		b = b[1:]
	}
	if len(bytes.TrimLeft(b, "0")) == 0 {
		return "", false
	}
	for _, c := range b {
		if c < 0x20 || c > 0x7E {
			return "", false
		}
	}
	if len(b) < SerialLen {
		return strings.Repeat("0", SerialLen-len(b)) + string(b), true
	}
	return string(b), true
}

// digitSerial is ParseSerial for fields that must hold digits only, where
// binary data could otherwise pass for a serial (uploads).
func digitSerial(field []byte) (string, bool) {
	s, ok := ParseSerial(field)
	if !ok {
		return "", false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return "", false
		}
	}
	return s, true
}

// LoginReply returns the platform's acknowledgement of a login: the empty
// 0x84 frame, 7B 7B 84 BF 23 7D 7D.
func LoginReply() []byte { return Append(nil, CmdLogin, nil) }

// Heartbeat returns the device's heartbeat: the empty 0x94 frame,
// 7B 7B 94 BE EF 7D 7D. It needs no reply.
func Heartbeat() []byte { return Append(nil, CmdHeartbeat, nil) }
