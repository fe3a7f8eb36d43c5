package dlt645

import (
	"errors"
	"strings"
	"testing"
)

func TestReplyError(t *testing.T) {
	if err := ReplyError(Frame{Control: 0x91}); err != nil {
		t.Fatalf("normal reply: %v", err)
	}
	errBits := []error{ErrOther, ErrNoData, ErrUnauthorized, ErrBaudFixed, ErrTimeZones, ErrDayPeriods, ErrTariffs}
	for bit, want := range errBits {
		t.Run(want.Error(), func(t *testing.T) {
			err := ReplyError(Frame{Addr: meter1, Control: 0xD4, Data: []byte{1 << bit}})
			if !errors.Is(err, want) {
				t.Fatalf("bit %d: got %v, want %v", bit, err, want)
			}
			for i, other := range errBits {
				if i != bit && errors.Is(err, other) {
					t.Fatalf("bit %d also matches %v", bit, other)
				}
			}
		})
	}
	serrBits := []error{ErrSecOther, ErrRepeatRecharge, ErrESAM, ErrIdentity, ErrCustomerMismatch, ErrPurchaseCount, ErrHoardingExceeded}
	for bit, want := range serrBits {
		t.Run(want.Error(), func(t *testing.T) {
			err := ReplyError(Frame{Addr: meter1, Control: 0xC3, Data: []byte{1 << bit, 0}})
			if !errors.Is(err, want) || errors.Is(err, ErrNoData) && bit != 1 {
				t.Fatalf("SERR bit %d: got %v, want %v", bit, err, want)
			}
		})
	}
	t.Run("WorkedRelayRefused", func(t *testing.T) {
		f, _ := Decode(hx(t, "68 01 00 00 00 00 00 68 DC 01 37 E5 16"))
		err := ReplyError(f)
		var me *MeterError
		if !errors.As(err, &me) || !errors.Is(err, ErrUnauthorized) || me.Word != 0x04 {
			t.Fatalf("got %v", err)
		}
		if !strings.Contains(err.Error(), "000000000001") || !strings.Contains(err.Error(), "password") {
			t.Fatalf("message %q lacks address or meaning", err)
		}
	})
	t.Run("VendorTwoByteERR", func(t *testing.T) {
		err := ReplyError(Frame{Addr: meter1, Control: 0xDC, Data: []byte{0x06, 0x01}})
		if !errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrNoData) ||
			!strings.Contains(err.Error(), "vendor bit 1 (0x0002)") || !strings.Contains(err.Error(), "vendor bit 8 (0x0100)") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("SERRVendorBit", func(t *testing.T) {
		err := ReplyError(Frame{Addr: meter1, Control: 0xC3, Data: []byte{0x00, 0x01}})
		if !strings.Contains(err.Error(), "vendor bit 8") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrBadLength", func(t *testing.T) {
		for _, d := range [][]byte{nil, {1, 2, 3}} {
			if err := ReplyError(Frame{Control: 0xD1, Data: d}); !errors.Is(err, ErrFraming) {
				t.Fatalf("%d bytes: got %v", len(d), err)
			}
		}
	})
}
