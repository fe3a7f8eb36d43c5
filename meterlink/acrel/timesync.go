package acrel

import (
	"fmt"
	"time"
)

// China is the zone of the time the platform sends (UTC+8, no DST): the
// notes give the reply's fields but no zone, and the meters keep Beijing
// time (as DL/T 645 meters do).
var China = time.FixedZone("CST", 8*60*60)

// timeBodyLen is the time-sync reply body: YY MM DD WW hh mm ss.
const timeBodyLen = 7

// DecodeTimeSyncRequest decodes a device's 0x93 request, whose body is its
// serial (read as the login's serial field, at most 20 bytes of it). It
// returns ErrCommand or ErrBody.
func DecodeTimeSyncRequest(f Frame) (serial string, err error) {
	if f.Cmd != CmdTimeSync {
		return "", fmt.Errorf("%w: 0x%02X, want time sync 0x93", ErrCommand, f.Cmd)
	}
	s, ok := ParseSerial(f.Body[:min(len(f.Body), SerialFieldLen)])
	if !ok {
		return "", fmt.Errorf("%w: time-sync request body % X is no serial", ErrBody, f.Body[:min(len(f.Body), SerialFieldLen)])
	}
	return s, nil
}

// TimeSyncRequest returns a device's 0x93 request carrying its serial.
func TimeSyncRequest(serial string) Frame {
	return Frame{Cmd: CmdTimeSync, Body: SerialField(serial)}
}

// TimeSyncReply returns the platform's 0x93 reply giving t in China time,
// in binary (not BCD): YY MM DD WW hh mm ss, as in the worked example of docs/PROTOCOLS.md §3.3:
// 17 0A 0A 03 11 07 1B (2023-10-10 17:07:27). That example is a Tuesday
// and gives WW 03, so WW counts Sunday as 1 … Saturday as 7; the protocol description does
// not say so [U]. Years outside 2000–2099 wrap.
func TimeSyncReply(t time.Time) Frame {
	t = t.In(China)
	return Frame{Cmd: CmdTimeSync, Body: []byte{byte(t.Year() % 100), byte(t.Month()), byte(t.Day()),
		byte(t.Weekday()) + 1, byte(t.Hour()), byte(t.Minute()), byte(t.Second())}}
}

// DecodeTimeSyncReply decodes the platform's 0x93 reply (device side, for
// the simulator). WW is not checked. It returns ErrCommand, or ErrBody for
// a body that is not 7 bytes of a valid date and time.
func DecodeTimeSyncReply(f Frame) (time.Time, error) {
	if f.Cmd != CmdTimeSync {
		return time.Time{}, fmt.Errorf("%w: 0x%02X, want time sync 0x93", ErrCommand, f.Cmd)
	}
	b := f.Body
	if len(b) != timeBodyLen {
		return time.Time{}, fmt.Errorf("%w: time-sync reply of %d bytes, want %d", ErrBody, len(b), timeBodyLen)
	}
	t := time.Date(2000+int(b[0]), time.Month(b[1]), int(b[2]), int(b[4]), int(b[5]), int(b[6]), 0, China)
	if b[0] > 99 || t.Month() != time.Month(b[1]) || t.Day() != int(b[2]) || t.Hour() != int(b[4]) ||
		t.Minute() != int(b[5]) || t.Second() != int(b[6]) {
		return time.Time{}, fmt.Errorf("%w: time-sync reply % X is no valid time", ErrBody, b)
	}
	return t, nil
}
