package dlt645

import "fmt"

// Control is the control code byte C: D7 direction, D6 abnormal reply,
// D5 follow-up frame exists, D4..D0 function.
type Control byte

// Function codes (D4..D0) used by meterlink. Requests carry the bare
// function; replies OR in the bits below.
const (
	FuncSecurity      Control = 0x03 // security authentication / prepaid (ESAM)
	FuncBroadcastTime Control = 0x08 // broadcast time sync, never answered
	FuncRead          Control = 0x11 // read data
	FuncReadFollowUp  Control = 0x12 // read follow-up frame
	FuncReadAddress   Control = 0x13 // read address (single meter on the line)
	FuncWrite         Control = 0x14 // write data
	FuncWriteAddress  Control = 0x15 // write address
	FuncFreeze        Control = 0x16 // freeze
	FuncChangeBaud    Control = 0x17 // change baud rate
	FuncChangePasswd  Control = 0x18 // change password
	FuncRelay         Control = 0x1C // relay trip/close, alarm, guarantee
)

// Control-code bits.
const (
	BitReply    Control = 0x80 // D7: sent by the meter
	BitAbnormal Control = 0x40 // D6: abnormal (error) reply
	BitFollowUp Control = 0x20 // D5: more frames follow
	funcMask    Control = 0x1F
)

// Function returns the function code D4..D0.
func (c Control) Function() Control { return c & funcMask }

// IsReply reports whether the meter sent the frame (D7 = 1). A frame with
// D7 = 0 on our receive path is an echo of a request.
func (c Control) IsReply() bool { return c&BitReply != 0 }

// IsAbnormal reports whether the frame is an error reply (D6 = 1).
func (c Control) IsAbnormal() bool { return c&BitAbnormal != 0 }

// HasFollowUp reports whether the meter has more frames for this read
// (D5 = 1); fetch them with FuncReadFollowUp.
func (c Control) HasFollowUp() bool { return c&BitFollowUp != 0 }

// Reply returns the normal reply code for request function c (c | 0x80).
func (c Control) Reply() Control { return c.Function() | BitReply }

// String formats c as hex, e.g. "0x91".
func (c Control) String() string { return fmt.Sprintf("0x%02X", byte(c)) }
