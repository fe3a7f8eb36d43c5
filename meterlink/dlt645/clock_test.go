package dlt645

import (
	"testing"
	"time"
)

func TestDecodeDateTime(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	// 2026-11-25 (Wednesday = 3) 18:07:25, seconds first.
	got, err := DecodeDateTime([]byte{0x25, 0x07, 0x18, 0x03, 0x25, 0x11, 0x26}, loc)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 25, 18, 7, 25, 0, loc); !got.Equal(want) {
		t.Fatalf("got %s, want %s", got, want)
	}
	for name, b := range map[string][]byte{
		"short":       {0x25, 0x07, 0x18, 0x03, 0x25, 0x11},
		"weekday 7":   {0x25, 0x07, 0x18, 0x07, 0x25, 0x11, 0x26},
		"not BCD":     {0x2A, 0x07, 0x18, 0x03, 0x25, 0x11, 0x26},
		"31 February": {0x00, 0x00, 0x00, 0x01, 0x31, 0x02, 0x26},
	} {
		if _, err := DecodeDateTime(b, loc); err == nil {
			t.Errorf("%s: decoded % X without error", name, b)
		}
	}
}

func FuzzDecodeDateTime(f *testing.F) {
	f.Add([]byte{0x25, 0x07, 0x18, 0x03, 0x25, 0x11, 0x26})
	f.Add([]byte{0x59, 0x59, 0x23, 0x06, 0x31, 0x12, 0x99})
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := DecodeDateTime(b, time.UTC)
		if err != nil {
			return
		}
		var enc [6]byte
		if err := PutTime6(enc[:], got); err != nil {
			t.Fatalf("decoded %s does not encode: %v", got, err)
		}
		if enc[0] != b[0] || enc[1] != b[1] || enc[2] != b[2] || enc[3] != b[4] || enc[4] != b[5] || enc[5] != b[6] {
			t.Fatalf("% X decoded to %s, which encodes as % X", b, got, enc)
		}
	})
}
