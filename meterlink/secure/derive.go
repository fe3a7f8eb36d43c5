package secure

import (
	"crypto/des"
	"fmt"
)

// DeriveKey diversifies a 16-byte master key into a meter's own 16-byte
// key from its 8-byte diversifier (docs/PROTOCOLS.md §1.9: "0000" + the 6-byte
// meter number): K = 3DES_master(d) ‖ 3DES_master(NOT d). A leaked meter
// key then exposes that meter only. Real ESAMs diversify inside the
// utility's encryption machine by a scheme not published; this is ours,
// used by the platform and the simulator alike.
func DeriveKey(master []byte, diversifier [8]byte) ([]byte, error) {
	if len(master) != 16 {
		return nil, fmt.Errorf("secure: a master key is 16 bytes, got %d", len(master))
	}
	// 2-key 3DES is 3-key 3DES with K3 = K1.
	c, err := des.NewTripleDESCipher(append(append([]byte{}, master...), master[:8]...))
	if err != nil {
		return nil, err
	}
	out := make([]byte, 16)
	c.Encrypt(out[:8], diversifier[:])
	var inv [8]byte
	for i, b := range diversifier {
		inv[i] = ^b
	}
	c.Encrypt(out[8:], inv[:])
	return out, nil
}

// Diversifier builds the diversifier of a meter from its 6-byte number.
func Diversifier(meterNumber [6]byte) [8]byte {
	var d [8]byte
	copy(d[2:], meterNumber[:])
	return d
}
