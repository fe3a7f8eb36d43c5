package modbus

import (
	"errors"
	"testing"
)

func TestRegister_Decode(t *testing.T) {
	for _, tc := range []struct {
		name  string
		reg   Register
		words []uint16
		want  int64
	}{
		{"EnergyWh", Register{Type: Uint32, Mul: 10}, []uint16{0x0001, 0x86A0}, 1_000_000}, // 100000 × 0.01 kWh = 1000 kWh
		{"EnergyMax", Register{Type: Uint32, Mul: 10}, []uint16{0xFFFF, 0xFFFF}, 42_949_672_950},
		{"VoltagedV", Register{Type: Uint16}, []uint16{2203}, 2203},         // 220.3 V
		{"CurrentmA", Register{Type: Uint16, Mul: 10}, []uint16{523}, 5230}, // 5.23 A
		{"PowerNegW", Register{Type: Int16}, []uint16{0xFC18}, -1000},       // −1.000 kW
		{"BalanceFenNeg", Register{Type: Int32}, []uint16{0xFFFF, 0xFF38}, -200},
		{"LowFirst", Register{Type: Uint32LowFirst}, []uint16{0x0002, 0x0001}, 0x10002},
		{"LowFirstSigned", Register{Type: Int32LowFirst}, []uint16{0xFFFE, 0xFFFF}, -2},
		{"Div", Register{Type: Uint16, Div: 100}, []uint16{22034}, 220},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.reg.Decode(tc.words)
			if err != nil || got != tc.want {
				t.Errorf("got %d, %v; want %d", got, err, tc.want)
			}
		})
	}
	if _, err := (Register{Type: Uint32}).Decode([]uint16{1}); !errors.Is(err, ErrMalformed) {
		t.Errorf("short words: %v", err)
	}
	if _, err := (Register{Type: 99}).Decode([]uint16{1}); !errors.Is(err, ErrMalformed) {
		t.Errorf("unknown type: %v", err)
	}
}

func TestProfile_Acrel(t *testing.T) {
	for _, p := range Profiles {
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		req, ok := p.Span(Holding)
		if !ok || req.Function != ReadHoldingRegisters || req.Address != 0 || req.Quantity != 17 {
			t.Fatalf("%s: Span = %+v, %v; want FC03 0x0000 × 17 (docs/PROTOCOLS.md §5.3)", p.Model, req, ok)
		}
		if _, ok := p.Span(Input); ok {
			t.Errorf("%s: has input registers", p.Model)
		}
		// A sample 0000H–0010H block: 12345.67 kWh total, 220.3 V,
		// 5.23 A, 1.150 kW, 000EH unknown, 1.200 kVA, PF 0.958.
		words := []uint16{
			0x0012, 0xD687, 0, 100, 0, 200, 0, 300, 0, 400,
			1234, 2203, 523, 1150, 0xDEAD, 1200, 958,
		}
		got, err := p.DecodeBlock(Holding, 0, words)
		if err != nil {
			t.Fatal(err)
		}
		want := map[Quantity]int64{
			EnergyTotal: 12_345_670, EnergySharp: 1000, EnergyPeak: 2000, EnergyFlat: 3000, EnergyValley: 4000,
			ProgrammingCode: 1234, Voltage: 2203, Current: 5230, ActivePower: 1150, ApparentPower: 1200, PowerFactor: 958,
		}
		for q, w := range want {
			if got[q] != w {
				t.Errorf("%s %s = %d, want %d", p.Model, q, got[q], w)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s decoded %d quantities, want %d", p.Model, len(got), len(want))
		}
		if _, err := p.DecodeBlock(Holding, 1, words); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: block missing 0000H: %v", p.Model, err)
		}
	}
	if AcrelDTSY1352.Registers[Voltage].Source == AcrelDDSY1352.Registers[Voltage].Source {
		t.Error("DTSY1352 voltage should be marked uncertain")
	}
}

func TestProfile_Validate(t *testing.T) {
	for name, r := range map[string]Register{
		"UnknownType": {Type: 42},
		"HugeMul":     {Type: Uint16, Mul: 1e7},
		"PastEnd":     {Type: Uint32, Address: 0xFFFF},
	} {
		t.Run(name, func(t *testing.T) {
			p := Profile{Model: "x", Registers: map[Quantity]Register{Balance: r}}
			if err := p.Validate(); !errors.Is(err, ErrInvalidRequest) {
				t.Errorf("got %v, want ErrInvalidRequest", err)
			}
		})
	}
	wide := Profile{Registers: map[Quantity]Register{Voltage: {Address: 0}, Current: {Address: 200}}}
	if _, ok := wide.Span(Holding); ok {
		t.Error("span over 125 registers accepted")
	}
}
