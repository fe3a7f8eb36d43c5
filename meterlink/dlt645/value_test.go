package dlt645

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestBCD(t *testing.T) {
	for _, c := range []struct {
		in   []byte
		want uint64
	}{
		{[]byte{0x00}, 0}, {[]byte{0x99}, 99}, {[]byte{0x45, 0x23, 0x01, 0x00}, 12345},
		{[]byte{0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99}, 9999999999999999},
	} {
		got, err := DecodeBCD(c.in)
		if err != nil || got != c.want {
			t.Errorf("DecodeBCD(% X) = %d, %v, want %d", c.in, got, err, c.want)
		}
		back := make([]byte, len(c.in))
		if err := PutBCD(back, c.want); err != nil || !slices.Equal(back, c.in) {
			t.Errorf("PutBCD(%d) = % X, %v", c.want, back, err)
		}
	}
	for _, bad := range [][]byte{{0x0A}, {0xA0}, {0xFF, 0xFF}, {0x12, 0x3F}} {
		if _, err := DecodeBCD(bad); !errors.Is(err, ErrNotBCD) {
			t.Errorf("DecodeBCD(% X): got %v, want ErrNotBCD", bad, err)
		}
	}
	if _, err := DecodeBCD(nil); err == nil {
		t.Error("DecodeBCD(nil): no error")
	}
	if _, err := DecodeBCD(make([]byte, 9)); err == nil {
		t.Error("DecodeBCD(9 bytes): no error")
	}
	if err := PutBCD(make([]byte, 2), 10000); err == nil {
		t.Error("PutBCD overflow: no error")
	}
}

func TestSignedBCD(t *testing.T) {
	for _, c := range []struct {
		in   []byte
		want int64
	}{
		{[]byte{0x56, 0x34, 0x12}, 123456},
		{[]byte{0x56, 0x34, 0x92}, -123456},
		{[]byte{0x00, 0x80}, 0}, // negative zero decodes to 0
		{[]byte{0x99, 0x79}, 7999},
		{[]byte{0x99, 0xF9}, -7999},
	} {
		got, err := DecodeSignedBCD(c.in)
		if err != nil || got != c.want {
			t.Errorf("DecodeSignedBCD(% X) = %d, %v, want %d", c.in, got, err, c.want)
		}
	}
	if _, err := DecodeSignedBCD([]byte{0x00, 0xFA}); !errors.Is(err, ErrNotBCD) {
		t.Errorf("sign bit + nibble A: %v", err)
	}
	b := make([]byte, 2)
	if err := PutSignedBCD(b, -7999); err != nil || !slices.Equal(b, []byte{0x99, 0xF9}) {
		t.Errorf("PutSignedBCD(-7999) = % X, %v", b, err)
	}
	if err := PutSignedBCD(b, 8000); err == nil {
		t.Error("PutSignedBCD(8000) in 2 bytes: no error")
	}
	if err := PutSignedBCD(b, -1<<63); err == nil {
		t.Error("PutSignedBCD(MinInt64): no error")
	}
}

func TestTime6(t *testing.T) {
	b := make([]byte, 6)
	if err := PutTime6(b, expiry); err != nil {
		t.Fatal(err)
	}
	got, err := DecodeTime6(b, time.UTC)
	if err != nil || !got.Equal(expiry) {
		t.Fatalf("got %v, %v", got, err)
	}
	if _, err := DecodeTime6([]byte{0, 0, 0, 0x31, 0x02, 0x26}, time.UTC); err == nil {
		t.Error("31 February: no error")
	}
	if err := PutTime6(b, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("year 2100: no error")
	}
}
