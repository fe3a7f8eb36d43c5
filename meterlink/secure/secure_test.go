package secure

import (
	"bytes"
	"encoding/hex"
	"testing"
)

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The expected MACs were computed independently with OpenSSL's DES
// (CBC under K1, then ECB decrypt K2 and encrypt K1); the first is also
// the well-known ISO 9797-1 retail MAC example.
func TestRetailMAC_Vectors(t *testing.T) {
	for _, tc := range []struct {
		name, key, data, mac string
		pad                  Padding
	}{
		{"ISO example, padding 1", "0123456789ABCDEFFEDCBA9876543210", "4E6F77206973207468652074696D6520666F7220616C6C20", "A1C72E74EA3FA9B6", PadZeros},
		{"ISO example, padding 2", "0123456789ABCDEFFEDCBA9876543210", "4E6F77206973207468652074696D6520666F7220616C6C20", "E9086230CA3BE796", PadBit},
		{"recharge-shaped, padding 2", "00112233445566778899AABBCCDDEEFF", "7766554410270000010000000000000000000000112233445566", "FF6A7D55AFA1953E", PadBit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := RetailMAC{Padding: tc.pad}.Sum(unhex(t, tc.key), unhex(t, tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if want := unhex(t, tc.mac); !bytes.Equal(got, want) {
				t.Fatalf("MAC: got %X, want %X", got, want)
			}
			ok, err := Verify(RetailMAC{Padding: tc.pad}, unhex(t, tc.key), unhex(t, tc.data), unhex(t, tc.mac)[:4])
			if err != nil || !ok {
				t.Fatalf("Verify of the truncated MAC: %v %v", ok, err)
			}
		})
	}
}

func TestRetailMAC_Errors(t *testing.T) {
	if _, err := (RetailMAC{}).Sum(make([]byte, 8), []byte("x")); err == nil {
		t.Error("an 8-byte key was accepted")
	}
	if _, err := (RetailMAC{Padding: 9}).Sum(make([]byte, 16), []byte("x")); err == nil {
		t.Error("an unknown padding was accepted")
	}
	key := unhex(t, "0123456789ABCDEFFEDCBA9876543210")
	ok, _ := Verify(RetailMAC{}, key, []byte("amount 100"), []byte{1, 2, 3, 4})
	if ok {
		t.Error("a wrong MAC verified")
	}
	// PadBit keeps messages that differ only in trailing zeros apart.
	a, _ := RetailMAC{}.Sum(key, []byte{1, 2, 3})
	b, _ := RetailMAC{}.Sum(key, []byte{1, 2, 3, 0})
	if bytes.Equal(a, b) {
		t.Error("PadBit gave equal MACs for different messages")
	}
	if _, err := Truncate(a, 9); err == nil {
		t.Error("Truncate beyond the MAC's length was accepted")
	}
}

func TestDeriveKey(t *testing.T) {
	master := unhex(t, "0123456789ABCDEFFEDCBA9876543210")
	k1, err := DeriveKey(master, Diversifier([6]byte{0, 0, 0, 0, 0, 1}))
	if err != nil {
		t.Fatal(err)
	}
	k2, _ := DeriveKey(master, Diversifier([6]byte{0, 0, 0, 0, 0, 2}))
	if len(k1) != 16 || bytes.Equal(k1, k2) || bytes.Equal(k1[:8], k1[8:]) {
		t.Fatalf("derived keys: %X %X", k1, k2)
	}
	again, _ := DeriveKey(master, Diversifier([6]byte{0, 0, 0, 0, 0, 1}))
	if !bytes.Equal(k1, again) {
		t.Fatal("DeriveKey is not deterministic")
	}
	if _, err := DeriveKey(master[:8], [8]byte{}); err == nil {
		t.Error("an 8-byte master key was accepted")
	}
}

func BenchmarkRetailMAC(b *testing.B) {
	key := make([]byte, 16)
	data := make([]byte, 26)
	b.ReportAllocs()
	for b.Loop() {
		RetailMAC{}.Sum(key, data)
	}
}
