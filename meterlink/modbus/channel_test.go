package modbus

import (
	"errors"
	"strconv"
	"testing"
)

func TestProfile_ForChannel(t *testing.T) {
	p := AcrelADF400L
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 2, 12, 36} {
		c, err := p.ForChannel(n)
		if err != nil {
			t.Fatalf("channel %d: %v", n, err)
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("channel %d: %v", n, err)
		}
		base := uint16(n-1) * 0x0100
		req, ok := c.Span(Holding)
		if !ok || req.Address != base || req.Quantity != 17 || req.Function != ReadHoldingRegisters {
			t.Fatalf("channel %d: Span = %+v, %v; want FC03 0x%04X × 17", n, req, ok, base)
		}
		if c.Channels != 0 || c.Model != "Acrel ADF400L channel "+strconv.Itoa(n) {
			t.Errorf("channel %d: model %q, %d channels; want a single block", n, c.Model, c.Channels)
		}
		words := make([]uint16, 17)
		words[0], words[1], words[11] = 0, uint16(1000*n), 2200 // total 10·n kWh, 220.0 V
		got, err := c.DecodeBlock(Holding, req.Address, words)
		if err != nil || got[EnergyTotal] != int64(10_000*n) || got[Voltage] != 2200 {
			t.Errorf("channel %d: decoded %v, %v", n, got, err)
		}
		// Channel n's block read as channel 1's is outside it.
		if n > 1 {
			if _, err := c.DecodeBlock(Holding, 0, words); !errors.Is(err, ErrMalformed) {
				t.Errorf("channel %d decoded at 0x0000: %v", n, err)
			}
		}
	}
	if p.Registers[EnergyTotal].Address != 0 {
		t.Error("ForChannel changed the device profile's registers")
	}

	for name, tc := range map[string]struct {
		p Profile
		n int
	}{
		"Zero":        {AcrelADF400L, 0},
		"PastLast":    {AcrelADF400L, 37},
		"Negative":    {AcrelADF400L, -1},
		"SingleMeter": {AcrelDDSY1352, 1},
		"PastFFFF":    {Profile{Model: "x", Channels: 3, ChannelStride: 0x8000, Registers: map[Quantity]Register{Voltage: {Address: 0x0010, Type: Uint16}}}, 3},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := tc.p.ForChannel(tc.n); !errors.Is(err, ErrInvalidRequest) {
				t.Errorf("got %v, want ErrInvalidRequest", err)
			}
		})
	}
}

func TestProfile_ValidateChannels(t *testing.T) {
	regs := acrelManualTable("test")
	for name, p := range map[string]Profile{
		"Negative": {Model: "x", Registers: regs, Channels: -1},
		"Overlap":  {Model: "x", Registers: regs, Channels: 2, ChannelStride: 0x0010}, // block is 0x11 registers
		"PastFFFF": {Model: "x", Registers: regs, Channels: 36, ChannelStride: 0x0800},
	} {
		t.Run(name, func(t *testing.T) {
			if err := p.Validate(); !errors.Is(err, ErrInvalidRequest) {
				t.Errorf("got %v, want ErrInvalidRequest", err)
			}
		})
	}
	if err := (Profile{Model: "x", Registers: regs, Channels: 2, ChannelStride: 0x0011}).Validate(); err != nil {
		t.Errorf("adjacent channel blocks: %v", err)
	}
}
