package dlt645

import (
	"errors"
	"fmt"
	"time"
)

// Password levels (PA).
const (
	LevelPlain2     = 0x02 // plaintext password, level 2
	LevelPlain4     = 0x04 // plaintext password, level 4
	LevelCipherMAC  = 0x98 // ciphertext + MAC (ESAM); not built by this package
	LevelPlainMAC   = 0x99 // plaintext value + MAC (ESAM); not built by this package
	maxPassword     = 999999
	authLen         = 8 // PA P0 P1 P2 C0 C1 C2 C3
	relayPlainLen   = authLen + 8
	readRequestLen  = 4
	followUpDataLen = 5
)

// Auth is the password and operator code that writes and relay commands
// carry.
type Auth struct {
	Level    byte    // PA: LevelPlain2 or LevelPlain4
	Password uint32  // 6 decimal digits, sent as BCD low byte first (123456 → 56 34 12)
	Operator [4]byte // C0..C3 in wire order
}

// appendAuth appends PA P0..P2 C0..C3.
func (a Auth) appendAuth(dst []byte) ([]byte, error) {
	if a.Password > maxPassword {
		return dst, fmt.Errorf("dlt645: password %d has more than 6 digits", a.Password)
	}
	var p [3]byte
	_ = PutBCD(p[:], uint64(a.Password)) // cannot fail: ≤ 6 digits
	dst = append(dst, a.Level)
	dst = append(dst, p[:]...)
	return append(dst, a.Operator[:]...), nil
}

// ReadRequest returns a read (0x11) of di from addr.
func ReadRequest(addr Address, di DI) Frame {
	return Frame{Addr: addr, Control: FuncRead, Data: appendDI(make([]byte, 0, readRequestLen), di)}
}

// ReadFollowUpRequest returns a read follow-up (0x12) of frame seq of di:
// the meter set D5 on its reply to a read, and answers this with the next
// part (0x92, or 0xB2 while yet more follows) or with its active-report
// status word (see ParseFollowUp).
func ReadFollowUpRequest(addr Address, di DI, seq byte) Frame {
	return Frame{Addr: addr, Control: FuncReadFollowUp, Data: append(appendDI(make([]byte, 0, followUpDataLen), di), seq)}
}

// ReadAddressRequest returns a read-address (0x13) request to the wildcard
// address. Use it only with a single meter on the line.
func ReadAddressRequest() Frame { return Frame{Addr: Wildcard, Control: FuncReadAddress} }

// WriteRequest returns a write (0x14) of value (already encoded, see
// Item.Encode) to di with plaintext auth. It returns an error for a bad
// password or a frame longer than MaxData.
func WriteRequest(addr Address, di DI, auth Auth, value []byte) (Frame, error) {
	if 4+authLen+len(value) > MaxData {
		return Frame{}, fmt.Errorf("%w: write of %s with %d value bytes", ErrTooLong, di, len(value))
	}
	data := appendDI(make([]byte, 0, 4+authLen+len(value)), di)
	data, err := auth.appendAuth(data)
	if err != nil {
		return Frame{}, err
	}
	return Frame{Addr: addr, Control: FuncWrite, Data: append(data, value...)}, nil
}

// RelayAction is the N1 byte of a 0x1C command.
type RelayAction byte

// Relay actions.
const (
	RelayTrip         RelayAction = 0x1A // trip (拉闸)
	RelayCloseAllowed RelayAction = 0x1B // close allowed (合闸允许): the user may close
	RelayDirectClose  RelayAction = 0x1C // direct close (直接合闸)
	AlarmOn           RelayAction = 0x2A // alarm
	AlarmOff          RelayAction = 0x2B // alarm release
	GuaranteeOn       RelayAction = 0x3A // guarantee (保电) on: the meter will not trip
	GuaranteeOff      RelayAction = 0x3B // guarantee off
)

// String names the action.
func (a RelayAction) String() string {
	switch a {
	case RelayTrip:
		return "trip"
	case RelayCloseAllowed:
		return "close-allowed"
	case RelayDirectClose:
		return "direct close"
	case AlarmOn:
		return "alarm"
	case AlarmOff:
		return "alarm release"
	case GuaranteeOn:
		return "guarantee on"
	case GuaranteeOff:
		return "guarantee off"
	}
	return fmt.Sprintf("relay action 0x%02X", byte(a))
}

// valid reports whether a is one of the standard actions.
func (a RelayAction) valid() bool {
	switch a {
	case RelayTrip, RelayCloseAllowed, RelayDirectClose, AlarmOn, AlarmOff, GuaranteeOn, GuaranteeOff:
		return true
	}
	return false
}

// RelayCommand is a plaintext relay, alarm or guarantee command (0x1C).
type RelayCommand struct {
	Auth   Auth
	Action RelayAction
	// N2 is reserved (00); one vendor puts a channel number (01) here.
	N2 byte
	// Expiry is when the meter must stop accepting the command, in the
	// meter's local time: the meter refuses an expired command, so its
	// clock must be right (broadcast time daily).
	Expiry time.Time
}

// RelayRequest returns the 0x1C frame for cmd (L = 16). It returns an error
// for a bad password, an unknown action or an expiry year outside 2000..2099.
func RelayRequest(addr Address, cmd RelayCommand) (Frame, error) {
	if !cmd.Action.valid() {
		return Frame{}, fmt.Errorf("dlt645: unknown relay action 0x%02X", byte(cmd.Action))
	}
	data, err := cmd.Auth.appendAuth(make([]byte, 0, relayPlainLen))
	if err != nil {
		return Frame{}, err
	}
	data = append(data, byte(cmd.Action), cmd.N2, 0, 0, 0, 0, 0, 0)
	if err := PutTime6(data[authLen+2:], cmd.Expiry); err != nil {
		return Frame{}, fmt.Errorf("dlt645: relay expiry: %w", err)
	}
	return Frame{Addr: addr, Control: FuncRelay, Data: data}, nil
}

// BroadcastTimeRequest returns the broadcast time sync (0x08) to address
// 999999999999 for t in the meters' local time. Meters never answer it and
// reject corrections beyond a few minutes; use it for drift only. It returns
// an error for a year outside 2000..2099.
func BroadcastTimeRequest(t time.Time) (Frame, error) {
	data := make([]byte, 6)
	if err := PutTime6(data, t); err != nil {
		return Frame{}, fmt.Errorf("dlt645: broadcast time: %w", err)
	}
	return Frame{Addr: Broadcast, Control: FuncBroadcastTime, Data: data}, nil
}

// ExpectsReply reports whether a meter answers req: broadcasts and
// broadcast time never get a reply.
func ExpectsReply(req Frame) bool {
	return !req.Addr.IsBroadcast() && req.Control.Function() != FuncBroadcastTime
}

// Matches reports whether reply answers req: it comes from the meter (D7),
// has the same function, comes from the addressed meter (any byte under a
// wildcard), and for reads echoes the requested DI; a follow-up may instead
// carry the active-report status word (DIActiveReportStatus). Anything else
// on the line (late replies to an earlier request, other meters, echoes) is
// to be dropped by the caller.
func Matches(req, reply Frame) bool {
	if !reply.Control.IsReply() || reply.Control.Function() != req.Control.Function() || !req.Addr.Matches(reply.Addr) {
		return false
	}
	if reply.Control.IsAbnormal() {
		return true
	}
	switch req.Control.Function() {
	case FuncRead, FuncSecurity:
		return len(req.Data) >= 4 && len(reply.Data) >= 4 && readDI(req.Data) == readDI(reply.Data)
	case FuncReadFollowUp:
		return len(req.Data) >= 4 && len(reply.Data) >= 4 &&
			(readDI(req.Data) == readDI(reply.Data) || readDI(reply.Data) == DIActiveReportStatus)
	}
	return true
}

// ErrActiveReport is returned by ReadReplyData when the meter answered a
// follow-up with its active-report status word instead of more of the DI
// read: it has events to report, and the D5 bit that led to the follow-up
// announced them rather than more data.
var ErrActiveReport = errors.New("dlt645: the meter answered with its active-report status word (04001501)")

// FollowUp is a reply to a read follow-up (0x92, or 0xB2 when more follows):
// DI, data, then the frame sequence number SEQ as the last byte.
type FollowUp struct {
	DI   DI
	Data []byte // after the DI, without SEQ
	Seq  byte
	More bool // D5: another follow-up frame exists
}

// ParseFollowUp splits a normal reply to a read follow-up. It returns the
// *MeterError of an abnormal reply and an error wrapping ErrFraming for
// another function or a reply too short to hold a DI and SEQ.
func ParseFollowUp(reply Frame) (FollowUp, error) {
	if err := ReplyError(reply); err != nil {
		return FollowUp{}, err
	}
	if reply.Control.Function() != FuncReadFollowUp || !reply.Control.IsReply() {
		return FollowUp{}, fmt.Errorf("%w: control %s is not a follow-up reply", ErrFraming, reply.Control)
	}
	n := len(reply.Data)
	if n < 5 {
		return FollowUp{}, fmt.Errorf("%w: follow-up reply of %d data bytes, want DI, data and SEQ", ErrFraming, n)
	}
	return FollowUp{DI: readDI(reply.Data), Data: reply.Data[4 : n-1], Seq: reply.Data[n-1], More: reply.Control.HasFollowUp()}, nil
}

// ReadReplyData returns the value bytes (after the echoed DI) of a reply to
// a read or read follow-up of di; the SEQ byte that ends a follow-up reply
// is not part of them. It returns the *MeterError of an abnormal reply
// (e.g. errors.Is(err, ErrNoData) for an unsupported DI), ErrActiveReport
// for a follow-up answered with the active-report status word, and an
// error wrapping ErrFraming for a reply to another function or DI.
func ReadReplyData(di DI, reply Frame) ([]byte, error) {
	if err := ReplyError(reply); err != nil {
		return nil, err
	}
	if reply.Control.Function() == FuncReadFollowUp && reply.Control.IsReply() {
		fu, err := ParseFollowUp(reply)
		switch {
		case err != nil:
			return nil, err
		case fu.DI == di:
			return fu.Data, nil
		case fu.DI == DIActiveReportStatus:
			return nil, fmt.Errorf("%w instead of more of %s: status % X", ErrActiveReport, di, fu.Data)
		}
		return nil, fmt.Errorf("%w: follow-up reply does not echo DI %s", ErrFraming, di)
	}
	if reply.Control.Function() != FuncRead || !reply.Control.IsReply() {
		return nil, fmt.Errorf("%w: control %s is not a read reply", ErrFraming, reply.Control)
	}
	if len(reply.Data) < 4 || readDI(reply.Data) != di {
		return nil, fmt.Errorf("%w: read reply does not echo DI %s", ErrFraming, di)
	}
	return reply.Data[4:], nil
}
