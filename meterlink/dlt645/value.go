package dlt645

import (
	"errors"
	"fmt"
	"time"
)

// maxBCDBytes is the widest BCD number the helpers accept: 8 bytes are 16
// digits, which always fit in a uint64 (10^16 < 2^64).
const maxBCDBytes = 8

// ErrNotBCD is wrapped by every decode error caused by a nibble above 9
// (for example the FF fill some meters send for "no value").
var ErrNotBCD = errors.New("dlt645: not a BCD digit")

// DecodeBCD decodes b, little-endian packed BCD (low byte first, as on the
// wire after removing +0x33), to an unsigned integer. It returns an error
// wrapping ErrNotBCD if any nibble is above 9, and an error if b is empty or
// longer than 8 bytes.
func DecodeBCD(b []byte) (uint64, error) {
	if len(b) == 0 || len(b) > maxBCDBytes {
		return 0, fmt.Errorf("dlt645: BCD number of %d bytes, want 1..%d", len(b), maxBCDBytes)
	}
	var v uint64
	for i := len(b) - 1; i >= 0; i-- {
		hi, lo := b[i]>>4, b[i]&0x0F
		if hi > 9 || lo > 9 {
			return 0, fmt.Errorf("%w: byte %d is %02X", ErrNotBCD, i, b[i])
		}
		v = v*100 + uint64(hi)*10 + uint64(lo)
	}
	return v, nil
}

// DecodeSignedBCD decodes a little-endian BCD number whose most significant
// bit (bit 7 of the last byte) is the sign, the convention DL/T 645 uses for
// combined energy, current, power and power factor. The magnitude's top digit
// is therefore 0..7. Errors are those of DecodeBCD.
func DecodeSignedBCD(b []byte) (int64, error) {
	if len(b) == 0 || len(b) > maxBCDBytes {
		return 0, fmt.Errorf("dlt645: BCD number of %d bytes, want 1..%d", len(b), maxBCDBytes)
	}
	var tmp [maxBCDBytes]byte
	n := copy(tmp[:], b)
	neg := tmp[n-1]&0x80 != 0
	tmp[n-1] &^= 0x80
	v, err := DecodeBCD(tmp[:n])
	if err != nil {
		return 0, err
	}
	if neg {
		return -int64(v), nil
	}
	return int64(v), nil
}

// PutBCD writes v into dst as little-endian packed BCD, using all of dst.
// It returns an error if v needs more than 2*len(dst) digits or dst is longer
// than 8 bytes.
func PutBCD(dst []byte, v uint64) error {
	if len(dst) == 0 || len(dst) > maxBCDBytes {
		return fmt.Errorf("dlt645: BCD field of %d bytes, want 1..%d", len(dst), maxBCDBytes)
	}
	orig := v
	for i := range dst {
		lo := v % 10
		v /= 10
		hi := v % 10
		v /= 10
		dst[i] = byte(hi<<4 | lo)
	}
	if v != 0 {
		return fmt.Errorf("dlt645: %d does not fit in %d BCD digits", orig, 2*len(dst))
	}
	return nil
}

// PutSignedBCD writes v into dst as little-endian BCD with the sign in bit 7
// of the last byte. The magnitude must fit in 2*len(dst)-1 digits with a top
// digit of at most 7; otherwise it returns an error.
func PutSignedBCD(dst []byte, v int64) error {
	mag := uint64(v)
	if v < 0 {
		mag = uint64(-v) // -MinInt64 wraps to itself; PutBCD then rejects it.
	}
	if err := PutBCD(dst, mag); err != nil {
		return err
	}
	if dst[len(dst)-1]&0x80 != 0 {
		return fmt.Errorf("dlt645: %d does not fit in a signed %d-byte BCD field", v, len(dst))
	}
	if v < 0 {
		dst[len(dst)-1] |= 0x80
	}
	return nil
}

// bcdByte decodes one BCD byte (two digits) or reports ErrNotBCD.
func bcdByte(b byte) (int, error) {
	if b>>4 > 9 || b&0x0F > 9 {
		return 0, fmt.Errorf("%w: %02X", ErrNotBCD, b)
	}
	return int(b>>4)*10 + int(b&0x0F), nil
}

// toBCDByte encodes 0..99 as one BCD byte.
func toBCDByte(v int) byte { return byte(v/10<<4 | v%10) }

// DecodeTime6 decodes the 6-byte ssmmhhDDMMYY layout used by broadcast time
// and relay expiry (wire order: seconds first) as a time in loc, with years
// 2000..2099. It returns an error for non-BCD bytes or an impossible date
// such as 31 February.
func DecodeTime6(b []byte, loc *time.Location) (time.Time, error) {
	if len(b) != 6 {
		return time.Time{}, fmt.Errorf("dlt645: time field of %d bytes, want 6", len(b))
	}
	var f [6]int // ss mm hh DD MM YY
	for i := range f {
		v, err := bcdByte(b[i])
		if err != nil {
			return time.Time{}, fmt.Errorf("dlt645: time byte %d: %w", i, err)
		}
		f[i] = v
	}
	t := time.Date(2000+f[5], time.Month(f[4]), f[3], f[2], f[1], f[0], 0, loc)
	if t.Second() != f[0] || t.Minute() != f[1] || t.Hour() != f[2] ||
		t.Day() != f[3] || int(t.Month()) != f[4] || t.Year() != 2000+f[5] {
		return time.Time{}, fmt.Errorf("dlt645: invalid date/time 20%02d-%02d-%02d %02d:%02d:%02d", f[5], f[4], f[3], f[2], f[1], f[0])
	}
	return t, nil
}

// PutTime6 writes t (already in the meter's local zone) as ssmmhhDDMMYY.
// It returns an error for years outside 2000..2099, which the format cannot
// carry.
func PutTime6(dst []byte, t time.Time) error {
	if len(dst) != 6 {
		return fmt.Errorf("dlt645: time field of %d bytes, want 6", len(dst))
	}
	if t.Year() < 2000 || t.Year() > 2099 {
		return fmt.Errorf("dlt645: year %d outside 2000..2099", t.Year())
	}
	dst[0] = toBCDByte(t.Second())
	dst[1] = toBCDByte(t.Minute())
	dst[2] = toBCDByte(t.Hour())
	dst[3] = toBCDByte(t.Day())
	dst[4] = toBCDByte(int(t.Month()))
	dst[5] = toBCDByte(t.Year() - 2000)
	return nil
}
