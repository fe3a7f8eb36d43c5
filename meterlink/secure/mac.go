package secure

import (
	"errors"
	"fmt"
)

// MAC computes message authentication codes with one algorithm.
type MAC interface {
	// Algorithm names the algorithm, e.g. "3des-retail".
	Algorithm() string
	// Sum returns the full-length MAC of data under key.
	Sum(key, data []byte) ([]byte, error)
}

// Padding says how a message is filled up to the block size before the
// MAC is computed (ISO/IEC 9797-1 section 6.3).
type Padding int

const (
	// PadZeros appends zero bytes, none when the length is already a
	// multiple of the block (padding method 1).
	PadZeros Padding = 1
	// PadBit appends 0x80 then zero bytes, always at least one byte
	// (padding method 2), so that messages differing only in trailing
	// zeros get different MACs.
	PadBit Padding = 2
)

// pad returns data padded to a multiple of block bytes.
func pad(data []byte, block int, p Padding) ([]byte, error) {
	out := append([]byte(nil), data...)
	switch p {
	case PadZeros:
		if len(out) == 0 {
			out = make([]byte, block)
		}
		for len(out)%block != 0 {
			out = append(out, 0)
		}
	case PadBit:
		out = append(out, 0x80)
		for len(out)%block != 0 {
			out = append(out, 0)
		}
	default:
		return nil, fmt.Errorf("secure: unknown padding method %d; use PadZeros (1) or PadBit (2)", p)
	}
	return out, nil
}

// Truncate returns the leftmost n bytes of mac, as layouts that carry a
// 4-byte MAC-1/MAC-2 expect.
func Truncate(mac []byte, n int) ([]byte, error) {
	if n <= 0 || n > len(mac) {
		return nil, fmt.Errorf("secure: cannot truncate a %d-byte MAC to %d bytes", len(mac), n)
	}
	return mac[:n], nil
}

// Verify reports whether got equals the first len(got) bytes of the MAC
// of data under key, in constant time.
func Verify(m MAC, key, data, got []byte) (bool, error) {
	want, err := m.Sum(key, data)
	if err != nil {
		return false, err
	}
	if len(got) == 0 || len(got) > len(want) {
		return false, errors.New("secure: MAC to verify has the wrong length")
	}
	var diff byte
	for i := range got {
		diff |= got[i] ^ want[i]
	}
	return diff == 0, nil
}
