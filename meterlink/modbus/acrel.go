package modbus

// Seed profiles for the Acrel wireless prepaid meters, from the Acrel manual
// (DDSY1352/DTSY1352, T1.0, 2021) §8.1 Modbus table, quoted in docs/PROTOCOLS.md
// §2.3: holding registers, big-endian, 32-bit values high word first. Every
// entry below is that table [C: Acrel manual p.15]; the scale factors that
// turn it into our units are arithmetic [D]:
//
//	0.01 kWh × 10 = Wh;  0.1 V × 1 = dV;  0.01 A × 10 = mA;
//	0.001 kW × 1 = W;    0.001 kVA × 1 = VA;  PF 0.001 × 1.
//
// Not seeded, on purpose:
//   - 000EH (presumably reactive power) is not in the manual excerpt [U];
//   - balance, purchase count, status/relay bits and the relay and run-mode
//     writes (0x0057–0x0058, 0x0022) come only from a decompiled tool whose
//     block start address is unknown and which conflicts with the manual
//     [U]; prepaid data and relay control stay on DL/T 645 until Acrel
//     sends a complete map (docs/PROTOCOLS.md §2.3, §7).
//
// DTSY1352 is three-phase but the manual gives one table for both models;
// which phase 000BH/000CH report there is not stated, so those two entries
// are [U] for DTSY1352 and need checking on a real meter.

// AcrelDDSY1352 is the register map of the single-phase Acrel DDSY1352.
var AcrelDDSY1352 = Profile{Model: "Acrel DDSY1352", Registers: acrelManualTable("C: Acrel manual p.15")}

// AcrelDTSY1352 is the register map of the three-phase Acrel DTSY1352.
var AcrelDTSY1352 = func() Profile {
	p := Profile{Model: "Acrel DTSY1352", Registers: acrelManualTable("C: Acrel manual p.15")}
	for _, q := range []Quantity{Voltage, Current} {
		r := p.Registers[q]
		r.Source = "U: manual table shared with DDSY1352; phase not stated"
		p.Registers[q] = r
	}
	return p
}()

// Profiles lists the seed profiles by model name.
var Profiles = map[string]Profile{
	AcrelDDSY1352.Model: AcrelDDSY1352,
	AcrelDTSY1352.Model: AcrelDTSY1352,
	AcrelADF400L.Model:  AcrelADF400L,
}

// acrelManualTable returns a fresh copy of the manual's table, so the two
// profiles never share a map.
func acrelManualTable(src string) map[Quantity]Register {
	energy := func(addr uint16) Register {
		return Register{Address: addr, Kind: Holding, Type: Uint32, Mul: 10, Source: src}
	}
	return map[Quantity]Register{
		EnergyTotal:     energy(0x0000),
		EnergySharp:     energy(0x0002),
		EnergyPeak:      energy(0x0004),
		EnergyFlat:      energy(0x0006),
		EnergyValley:    energy(0x0008),
		ProgrammingCode: {Address: 0x000A, Kind: Holding, Type: Uint16, Writable: true, Source: src},
		Voltage:         {Address: 0x000B, Kind: Holding, Type: Uint16, Source: src},
		Current:         {Address: 0x000C, Kind: Holding, Type: Uint16, Mul: 10, Source: src},
		ActivePower:     {Address: 0x000D, Kind: Holding, Type: Int16, Source: src},
		ApparentPower:   {Address: 0x000F, Kind: Holding, Type: Uint16, Source: src},
		PowerFactor:     {Address: 0x0010, Kind: Holding, Type: Int16, Source: src},
	}
}
