package dlt645

import (
	"fmt"
	"time"
)

// DecodeDateTime decodes the 7-byte ssmmhhWWDDMMYY value of DIDateTime
// (04 00 01 0C, wire order seconds first) as a time in loc. The weekday
// byte must be BCD 0..6 (0 = Sunday) but is otherwise ignored: a meter with
// a wrong weekday still has the right date. Errors: wrong length, non-BCD
// bytes, an impossible date.
func DecodeDateTime(b []byte, loc *time.Location) (time.Time, error) {
	if len(b) != 7 {
		return time.Time{}, fmt.Errorf("dlt645: date-time field of %d bytes, want 7", len(b))
	}
	wd, err := bcdByte(b[3])
	if err != nil || wd > 6 {
		return time.Time{}, fmt.Errorf("dlt645: weekday byte %02X is not 0..6", b[3])
	}
	var t6 [6]byte
	copy(t6[:3], b[:3])
	copy(t6[3:], b[4:])
	return DecodeTime6(t6[:], loc)
}

// EncodeDateTime encodes t (already in the meter's zone) as the 7-byte
// ssmmhhWWDDMMYY value of DIDateTime. Years outside 2000..2099 are an
// error, as in PutTime6.
func EncodeDateTime(t time.Time) ([]byte, error) {
	var t6 [6]byte
	if err := PutTime6(t6[:], t); err != nil {
		return nil, err
	}
	return []byte{t6[0], t6[1], t6[2], toBCDByte(int(t.Weekday())), t6[3], t6[4], t6[5]}, nil
}

// BroadcastTimeGuard is the time either side of a meter's midnight (its
// daily settlement) in which meters ignore a broadcast time, as firmware
// does (docs/PROTOCOLS.md §1.8).
const BroadcastTimeGuard = 5 * time.Minute

// MaxBroadcastCorrection is the largest clock correction meters accept
// from a broadcast time; beyond it the clock must be written with the
// password (DIDateTime).
const MaxBroadcastCorrection = 5 * time.Minute

// NearMidnight reports whether t (meter local time) is within
// BroadcastTimeGuard of midnight.
func NearMidnight(t time.Time) bool {
	since := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second
	return since < BroadcastTimeGuard || since > 24*time.Hour-BroadcastTimeGuard
}
