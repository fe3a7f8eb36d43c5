package modbus

import (
	"encoding/hex"
	"testing"
)

func TestCRC16(t *testing.T) {
	for _, tc := range []struct{ body, crc string }{
		{"01030000000a", "c5cd"}, // brief's vector
		{"010300000001", "840a"}, // docs/PROTOCOLS.md §2.1 check value
	} {
		b, _ := hex.DecodeString(tc.body)
		c := CRC16(b)
		if got := hex.EncodeToString([]byte{byte(c), byte(c >> 8)}); got != tc.crc {
			t.Errorf("CRC16(%s) wire bytes = %s, want %s", tc.body, got, tc.crc)
		}
	}
	// The catalogue check value of CRC-16/MODBUS over ASCII "123456789".
	if got := CRC16([]byte("123456789")); got != 0x4B37 {
		t.Errorf("CRC16(\"123456789\") = 0x%04X, want 0x4B37", got)
	}
}

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
