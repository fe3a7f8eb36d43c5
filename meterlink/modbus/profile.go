package modbus

import (
	"fmt"
	"sort"
)

// Quantity names a value a meter exposes. Each has one fixed integer unit,
// so callers never see a float (design rule: money fen, energy Wh).
type Quantity string

// Quantities and their units.
const (
	EnergyTotal     Quantity = "energy_total"     // forward active energy, Wh
	EnergySharp     Quantity = "energy_sharp"     // 尖 tariff energy, Wh
	EnergyPeak      Quantity = "energy_peak"      // 峰 tariff energy, Wh
	EnergyFlat      Quantity = "energy_flat"      // 平 tariff energy, Wh
	EnergyValley    Quantity = "energy_valley"    // 谷 tariff energy, Wh
	ProgrammingCode Quantity = "programming_code" // plain number 0..9999
	Voltage         Quantity = "voltage"          // 0.1 V (dV)
	Current         Quantity = "current"          // mA
	ActivePower     Quantity = "active_power"     // W, signed
	ApparentPower   Quantity = "apparent_power"   // VA
	PowerFactor     Quantity = "power_factor"     // 0.001, −1000..1000
	Balance         Quantity = "balance"          // fen, signed (no seed profile has it yet)
)

// Kind says which Modbus table a register lives in.
type Kind uint8

// Register tables: holding registers are read with FC03, input with FC04.
const (
	Holding Kind = iota
	Input
)

// Function returns the read function code for the table.
func (k Kind) Function() FunctionCode {
	if k == Input {
		return ReadInputRegisters
	}
	return ReadHoldingRegisters
}

// Type is the encoding of a value in one or two 16-bit registers, each
// register big-endian as Modbus requires.
type Type uint8

// Value encodings. The 32-bit ones come in both word orders because meters
// differ; Acrel sends the high word first (docs/PROTOCOLS.md §2.3).
const (
	Uint16 Type = iota
	Int16
	Uint32 // high word first
	Int32  // high word first
	Uint32LowFirst
	Int32LowFirst
)

// Words returns how many registers a value of type t occupies (0 for an
// unknown type).
func (t Type) Words() uint16 {
	switch t {
	case Uint16, Int16:
		return 1
	case Uint32, Int32, Uint32LowFirst, Int32LowFirst:
		return 2
	}
	return 0
}

// Register describes where and how a meter exposes one Quantity. The value
// in the Quantity's unit is raw × Mul / Div (integer, truncated toward zero);
// Mul 0 and Div 0 mean 1. Source records how sure we are, in docs/PROTOCOLS.md's
// legend: "C" confirmed by a named source, "D" derived, "U" uncertain.
type Register struct {
	Address  uint16
	Kind     Kind
	Type     Type
	Mul, Div int64
	Writable bool
	Source   string
}

// Count is the number of registers the value occupies.
func (r Register) Count() uint16 { return r.Type.Words() }

// Decode turns the register words of one value into an integer in the
// Quantity's unit. It returns ErrMalformed if len(words) does not fit the
// type or the type is unknown.
func (r Register) Decode(words []uint16) (int64, error) {
	n := r.Type.Words()
	if n == 0 || len(words) != int(n) {
		return 0, fmt.Errorf("%w: register 0x%04X of type %d needs %d words, got %d", ErrMalformed, r.Address, r.Type, n, len(words))
	}
	var raw int64
	switch r.Type {
	case Uint16:
		raw = int64(words[0])
	case Int16:
		raw = int64(int16(words[0]))
	case Uint32:
		raw = int64(uint32(words[0])<<16 | uint32(words[1]))
	case Int32:
		raw = int64(int32(uint32(words[0])<<16 | uint32(words[1])))
	case Uint32LowFirst:
		raw = int64(uint32(words[1])<<16 | uint32(words[0]))
	case Int32LowFirst:
		raw = int64(int32(uint32(words[1])<<16 | uint32(words[0])))
	}
	// |raw| < 2^32 and Mul is a small unit factor, so this cannot overflow
	// for any sane profile; Validate rejects factors above 10^6.
	return raw * one(r.Mul) / one(r.Div), nil
}

func one(x int64) int64 {
	if x == 0 {
		return 1
	}
	return x
}

// Profile is the register map of one meter model, kept as data so a new
// firmware or vendor table is a new value, not new code.
type Profile struct {
	Model     string
	Registers map[Quantity]Register
	// Channels is how many metering points a multi-user device
	// (多用户计量装置) of this model has, 0 for a meter of its own; channel n
	// answers at the same unit id with Registers shifted by (n-1) ×
	// ChannelStride (see ForChannel).
	Channels      int
	ChannelStride uint16
}

// Validate checks that every register has a known type, sane scale
// factors and fits the address space. It returns ErrInvalidRequest naming
// the first bad entry.
func (p Profile) Validate() error {
	for _, q := range p.Quantities() {
		r := p.Registers[q]
		switch {
		case r.Type.Words() == 0:
			return fmt.Errorf("%w: profile %s: %s has unknown type %d", ErrInvalidRequest, p.Model, q, r.Type)
		case r.Mul < 0 || r.Mul > 1e6 || r.Div < 0 || r.Div > 1e6:
			return fmt.Errorf("%w: profile %s: %s scale ×%d/%d out of range 0..10^6", ErrInvalidRequest, p.Model, q, r.Mul, r.Div)
		case int(r.Address)+int(r.Count()) > 0x10000:
			return fmt.Errorf("%w: profile %s: %s at 0x%04X runs past 0xFFFF", ErrInvalidRequest, p.Model, q, r.Address)
		}
	}
	return p.validateChannels()
}

// Quantities returns the profile's quantities sorted by name.
func (p Profile) Quantities() []Quantity {
	qs := make([]Quantity, 0, len(p.Registers))
	for q := range p.Registers {
		qs = append(qs, q)
	}
	sort.Slice(qs, func(i, j int) bool { return qs[i] < qs[j] })
	return qs
}

// Span returns the one read request covering every register of kind k, so a
// poll costs one round trip. ok is false if the profile has no such
// register or the span exceeds 125 registers (then read per register).
func (p Profile) Span(k Kind) (req Request, ok bool) {
	lo, hi := 0x10000, -1
	for _, r := range p.Registers {
		if r.Kind != k {
			continue
		}
		lo, hi = min(lo, int(r.Address)), max(hi, int(r.Address)+int(r.Count()))
	}
	if hi < 0 || hi-lo > MaxReadQuantity {
		return Request{}, false
	}
	return Request{Function: k.Function(), Address: uint16(lo), Quantity: uint16(hi - lo)}, true
}

// DecodeBlock decodes every quantity of kind k found in words, the values
// of consecutive registers starting at start (as returned for Span). It
// returns ErrMalformed if a register of kind k lies outside the block.
func (p Profile) DecodeBlock(k Kind, start uint16, words []uint16) (map[Quantity]int64, error) {
	out := make(map[Quantity]int64, len(p.Registers))
	for q, r := range p.Registers {
		if r.Kind != k {
			continue
		}
		off := int(r.Address) - int(start)
		if off < 0 || off+int(r.Count()) > len(words) {
			return nil, fmt.Errorf("%w: profile %s: %s at 0x%04X is outside the block 0x%04X+%d", ErrMalformed, p.Model, q, r.Address, start, len(words))
		}
		v, err := r.Decode(words[off : off+int(r.Count())])
		if err != nil {
			return nil, fmt.Errorf("profile %s: %s: %w", p.Model, q, err)
		}
		out[q] = v
	}
	return out, nil
}
