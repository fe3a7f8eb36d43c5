package dlt645

import (
	"bytes"
	"errors"
	"testing"
)

func TestStatus3(t *testing.T) {
	f, _ := Decode(hx(t, "68 01 00 00 00 00 00 68 91 06 36 38 33 37 83 33 F6 16"))
	data, err := ReadReplyData(DIStatusWord3, f)
	if err != nil {
		t.Fatal(err)
	}
	s, ok := DecodeStatus3(data)
	if !ok || s != 0x0050 || !s.RelayOpen() || !s.RelayCommandTrip() || s.Guarantee() {
		t.Fatalf("got %04X", s)
	}
	if !s.Confirms(RelayTrip) || s.Confirms(RelayDirectClose) || s.Confirms(RelayCloseAllowed) {
		t.Fatal("Confirms")
	}
	s = Status3(0x1000 | 0x0200 | 0x0004)
	if s.MeterType() != MeterMoneyPrepaid || !s.Guarantee() || s.PowerSource() != PowerBattery || !s.Confirms(GuaranteeOn) {
		t.Fatalf("bits of %04X", s)
	}
	if _, ok := DecodeStatus3([]byte{1}); ok {
		t.Fatal("1 byte accepted")
	}
}

func TestMatches(t *testing.T) {
	req := ReadRequest(meter1, DIBalance)
	reply, _ := Decode(hx(t, "68 01 00 00 00 00 00 68 91 08 33 35 C3 33 78 56 34 33 FD 16"))
	refused, _ := Decode(hx(t, "68 01 00 00 00 00 00 68 D1 01 35 D8 16"))
	other := ReadRequest(meter1, DIStatusWord3)
	if !Matches(req, reply) || !Matches(req, refused) || Matches(other, reply) || Matches(req, req) {
		t.Fatal("read matching")
	}
	addrReply, _ := Decode(hx(t, "68 01 00 00 00 00 00 68 93 06 34 33 33 33 33 33 9D 16"))
	if !Matches(ReadAddressRequest(), addrReply) || Matches(ReadRequest(MustParseAddress("2"), DIBalance), reply) {
		t.Fatal("address matching")
	}
	if ExpectsReply(mustBroadcast(t)) || !ExpectsReply(req) {
		t.Fatal("ExpectsReply")
	}
	if _, err := ReadReplyData(DIBalance, refused); !errors.Is(err, ErrNoData) {
		t.Fatalf("refused read: %v", err)
	}
	if _, err := ReadReplyData(DIStatusWord3, reply); !errors.Is(err, ErrFraming) {
		t.Fatalf("wrong DI: %v", err)
	}
}

func mustBroadcast(t *testing.T) Frame {
	f, err := BroadcastTimeRequest(expiry)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestWriteRequest(t *testing.T) {
	it, _ := Lookup(DIAlarmAmount1)
	v, _ := it.Encode(1000)
	f, err := WriteRequest(meter1, DIAlarmAmount1, Auth{Level: LevelPlain4, Password: 123456, Operator: [4]byte{1, 2, 3, 4}}, v)
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{0x01, 0x10, 0x00, 0x04, 0x04, 0x56, 0x34, 0x12, 1, 2, 3, 4, 0x00, 0x10, 0x00, 0x00}
	if f.Control != FuncWrite || !bytes.Equal(f.Data, want) {
		t.Fatalf("got % X, want % X", f.Data, want)
	}
	if _, err := WriteRequest(meter1, DIAlarmAmount1, Auth{Password: 1000000}, v); err == nil {
		t.Error("7-digit password: no error")
	}
	if _, err := WriteRequest(meter1, DIAlarmAmount1, Auth{}, make([]byte, 244)); !errors.Is(err, ErrTooLong) {
		t.Errorf("long write: %v", err)
	}
}

func TestRelayRequest(t *testing.T) {
	for _, a := range []RelayAction{RelayTrip, RelayCloseAllowed, RelayDirectClose, AlarmOn, AlarmOff, GuaranteeOn, GuaranteeOff} {
		f, err := RelayRequest(meter1, RelayCommand{Auth: Auth{Level: LevelPlain2}, Action: a, Expiry: expiry})
		if err != nil || len(f.Data) != 16 || f.Data[8] != byte(a) {
			t.Fatalf("%s: % X, %v", a, f.Data, err)
		}
	}
	if _, err := RelayRequest(meter1, RelayCommand{Action: 0x55, Expiry: expiry}); err == nil {
		t.Error("unknown action: no error")
	}
	if _, err := RelayRequest(meter1, RelayCommand{Action: RelayTrip}); err == nil {
		t.Error("zero expiry (year 1): no error")
	}
	f := ReadFollowUpRequest(meter1, DIBalance, 2)
	if f.Control != FuncReadFollowUp || !bytes.Equal(f.Data, []byte{0x00, 0x02, 0x90, 0x00, 0x02}) {
		t.Fatalf("follow-up % X", f.Data)
	}
}

// fakeMAC returns the first bytes of data, reversed, so tests can see what
// was signed.
type fakeMAC struct{ n int }

func (fakeMAC) Algorithm() string { return "fake" }

func (m fakeMAC) Sum(key, data []byte) ([]byte, error) {
	out := make([]byte, m.n)
	for i := range out {
		out[i] = data[len(data)-1-i%len(data)] ^ key[0]
	}
	return out, nil
}

func TestCreditRequest(t *testing.T) {
	c := Credit{AmountFen: 10000, PurchaseCount: 3, Operator: [4]byte{1, 2, 3, 4},
		CustomerNumber: MustParseAddress("112233445566"), MeterNumber: meter1, OrderNumber: [8]byte{8, 7, 6, 5, 4, 3, 2, 1}}
	t.Run("StateGrid", func(t *testing.T) {
		f, err := CreditRequest(meter1, Profile{Name: "sg", Layout: LayoutStateGrid, MAC: fakeMAC{8}, Key: []byte{0xFF}}, c)
		if err != nil {
			t.Fatal(err)
		}
		if f.Control != FuncSecurity || len(f.Data) != 0x1E {
			t.Fatalf("L = %d, want 0x1E", len(f.Data))
		}
		wantHead := []byte{0xFF, 0x02, 0x01, 0x07, 1, 2, 3, 4, 0x10, 0x27, 0, 0, 3, 0, 0, 0}
		if !bytes.Equal(f.Data[:16], wantHead) || !bytes.Equal(f.Data[20:26], c.CustomerNumber[:]) {
			t.Fatalf("layout % X", f.Data)
		}
	})
	t.Run("Vendor", func(t *testing.T) {
		f, err := CreditRequest(meter1, Profile{Name: "eiot", Layout: LayoutVendor}, c)
		if err != nil || len(f.Data) != 0x22 {
			t.Fatalf("% X, %v", f.Data, err)
		}
		want := []byte{0xFF, 0x02, 0x01, 0x07, 0x77, 0x66, 0x55, 0x44, 0x10, 0x27, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}
		if !bytes.Equal(f.Data, want) {
			t.Fatalf("got % X\nwant % X", f.Data, want)
		}
		b, _ := f.MarshalBinary()
		if g, err := Decode(b); err != nil || !frameEqual(f, g) {
			t.Fatal("round trip")
		}
	})
	t.Run("Errors", func(t *testing.T) {
		if _, err := CreditRequest(meter1, Profile{Layout: LayoutNone}, c); !errors.Is(err, ErrNoRecharge) {
			t.Errorf("none: %v", err)
		}
		if _, err := CreditRequest(meter1, Profile{Layout: LayoutStateGrid}, c); err == nil {
			t.Error("nil MAC: no error")
		}
		if _, err := CreditRequest(meter1, Profile{Layout: LayoutStateGrid, MAC: fakeMAC{2}, Key: []byte{0}}, c); err == nil {
			t.Error("short MAC: no error")
		}
		bad := c
		bad.AmountFen = 0
		if _, err := CreditRequest(meter1, Profile{Layout: LayoutVendor}, bad); err == nil {
			t.Error("zero amount: no error")
		}
		if _, err := CreditRequest(meter1, Profile{Layout: 9}, c); err == nil {
			t.Error("unknown layout: no error")
		}
	})
}
