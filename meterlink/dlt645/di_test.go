package dlt645

import (
	"errors"
	"slices"
	"testing"
)

func TestItem_Decode(t *testing.T) {
	for _, c := range []struct {
		di   DI
		data []byte
		want []int64
	}{
		{DIBalance, []byte{0x45, 0x23, 0x01, 0x00}, []int64{12345}},                    // 123.45 yuan → fen
		{DIForwardActive, []byte{0x99, 0x99, 0x99, 0x99}, []int64{999999990}},          // 999999.99 kWh → Wh
		{DICombinedActive, []byte{0x01, 0x00, 0x00, 0x80}, []int64{-10}},               // signed: −0.01 kWh
		{DIReverseActive, []byte{0x00, 0x00, 0x00, 0x80}, []int64{800000000}},          // unsigned kind: bit 7 is a digit
		{EnergyDI(EnergyForwardActive, 2, 1), []byte{0x00, 0x01, 0, 0}, []int64{1000}}, // tariff 2, last month
		{DIForwardActiveBlock, []byte{1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0}, []int64{10, 20, 30}},
		{DIVoltageA, []byte{0x05, 0x22}, []int64{2205}},                    // 220.5 V → 0.1 V
		{DICurrentA, []byte{0x00, 0x15, 0x80}, []int64{-1500}},             // −1.500 A → mA
		{DIActivePower, []byte{0x34, 0x12, 0x80}, []int64{-1234}},          // −0.1234 kW (reverse flow)
		{DIPowerFactor, []byte{0x99, 0x09}, []int64{999}},                  // 0.999
		{DIFrequency, []byte{0x98, 0x49}, []int64{4998}},                   // 49.98 Hz
		{PriceDI(1, false), []byte{0x00, 0x65, 0x00, 0x00}, []int64{6500}}, // 0.6500 yuan/kWh
		{DIPurchaseCount, []byte{0x12, 0x00}, []int64{12}},
		{DIStatusWord3, []byte{0x50, 0x02}, []int64{0x0250}},
		{DITime, []byte{0x05, 0x30, 0x12}, []int64{12*3600 + 30*60 + 5}},
		{DIAlarmAmount1, []byte{0x00, 0x10, 0x00, 0x00}, []int64{1000}},
	} {
		it, ok := Lookup(c.di)
		if !ok {
			t.Fatalf("Lookup(%s): unknown", c.di)
		}
		got, err := it.Decode(c.data)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%s (%s): got %v, %v, want %v", c.di, it.Name, got, err, c.want)
		}
	}
}

func TestItem_DecodeErrors(t *testing.T) {
	bal, _ := Lookup(DIBalance)
	if _, err := bal.Decode([]byte{0xFF, 0xFF, 0xFF, 0xFF}); !errors.Is(err, ErrNotSupported) {
		t.Errorf("FF fill: got %v, want ErrNotSupported", err)
	}
	if _, err := bal.Decode([]byte{0xFF, 0xFF, 0xFF, 0x0F}); !errors.Is(err, ErrNotBCD) {
		t.Errorf("partly FF: got %v, want ErrNotBCD", err)
	}
	if _, err := bal.Decode([]byte{0, 0}); err == nil {
		t.Error("short: no error")
	}
	blk, _ := Lookup(DIForwardActiveBlock)
	if _, err := blk.Decode([]byte{0, 0, 0}); err == nil {
		t.Error("block of 3 bytes: no error")
	}
	lt, _ := Lookup(DILastTripTime)
	if _, err := lt.Decode(make([]byte, 6)); !errors.Is(err, ErrNotScalar) {
		t.Errorf("time item: got %v, want ErrNotScalar", err)
	}
	if _, ok := Lookup(0x00FF0000); ok {
		t.Error("Lookup of an unknown energy kind succeeded")
	}
}

func TestItem_Encode(t *testing.T) {
	it, _ := Lookup(DIAlarmAmount2)
	b, err := it.Encode(500) // 5.00 yuan
	if err != nil || !slices.Equal(b, []byte{0x00, 0x05, 0, 0}) {
		t.Fatalf("got % X, %v", b, err)
	}
	if _, err := it.Encode(-1); err == nil {
		t.Error("negative money: no error")
	}
	e, _ := Lookup(DIAlarmEnergy1)
	if _, err := e.Encode(15); err == nil {
		t.Error("15 Wh (not a multiple of 10): no error")
	}
	p, _ := Lookup(DIActivePower)
	if b, err := p.Encode(-1234); err != nil || !slices.Equal(b, []byte{0x34, 0x12, 0x80}) {
		t.Errorf("signed power: % X, %v", b, err)
	}
}

func TestDI_String(t *testing.T) {
	if DIBalance.String() != "00900200" {
		t.Fatal(DIBalance.String())
	}
	if d, err := ParseDI("04000503"); err != nil || d != DIStatusWord3 {
		t.Fatal(d, err)
	}
	if _, err := ParseDI("0400050G"); err == nil {
		t.Fatal("bad hex accepted")
	}
}
