package secure

import (
	"crypto/cipher"
	"crypto/des"
	"fmt"
)

// RetailMAC is the ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC", ANSI
// X9.19) with a double-length 3DES key K = K1‖K2: single-DES CBC under K1
// over every block, then the last block decrypted under K2 and encrypted
// under K1 again. It is what DES-generation prepaid ESAMs use.
type RetailMAC struct {
	Padding Padding
}

var _ MAC = RetailMAC{}

// Algorithm implements MAC.
func (RetailMAC) Algorithm() string { return "3des-retail" }

// Sum implements MAC. key must be 16 bytes (K1‖K2).
func (r RetailMAC) Sum(key, data []byte) ([]byte, error) {
	if len(key) != 16 {
		return nil, fmt.Errorf("secure: a retail MAC key is 16 bytes (two DES keys), got %d", len(key))
	}
	k1, err := des.NewCipher(key[:8])
	if err != nil {
		return nil, err
	}
	k2, err := des.NewCipher(key[8:])
	if err != nil {
		return nil, err
	}
	p := r.Padding
	if p == 0 {
		p = PadBit
	}
	msg, err := pad(data, des.BlockSize, p)
	if err != nil {
		return nil, err
	}
	h := make([]byte, des.BlockSize)
	cipher.NewCBCEncrypter(k1, make([]byte, des.BlockSize)).CryptBlocks(msg, msg)
	copy(h, msg[len(msg)-des.BlockSize:])
	k2.Decrypt(h, h)
	k1.Encrypt(h, h)
	return h, nil
}
