package sim

import (
	"time"

	"github.com/voltpay/voltpay/meterlink/modbus"
)

// HandleModbus answers one Modbus request to this meter from the register
// map p and returns the reply PDU (an exception PDU when refused): reads of
// addresses outside the profile's span give exception 02 (gaps inside the
// span read zero), writes are accepted only to the profile's writable
// registers (02 otherwise, 03 for a value out of range), and any other
// function gives 01.
func (m *Meter) HandleModbus(p modbus.Profile, req modbus.Request) []byte {
	switch req.Function {
	case modbus.ReadHoldingRegisters, modbus.ReadInputRegisters:
		kind := modbus.Holding
		if req.Function == modbus.ReadInputRegisters {
			kind = modbus.Input
		}
		words, code := m.readRegisters(p, kind, req.Address, req.Quantity)
		if code != 0 {
			return modbus.AppendException(nil, req.Function, code)
		}
		pdu, err := modbus.AppendResponse(nil, modbus.Response{Function: req.Function, Values: words})
		if err != nil {
			return modbus.AppendException(nil, req.Function, modbus.IllegalDataValue)
		}
		return pdu
	case modbus.WriteSingleRegister, modbus.WriteMultipleRegisters:
		if code := m.writeRegisters(p, req.Address, req.Values); code != 0 {
			return modbus.AppendException(nil, req.Function, code)
		}
		resp := modbus.Response{Function: req.Function, Address: req.Address, Quantity: req.Quantity, Values: req.Values}
		pdu, err := modbus.AppendResponse(nil, resp)
		if err != nil {
			return modbus.AppendException(nil, req.Function, modbus.IllegalDataValue)
		}
		return pdu
	}
	return modbus.AppendException(nil, req.Function, modbus.IllegalFunction)
}

func (m *Meter) readRegisters(p modbus.Profile, kind modbus.Kind, addr, n uint16) ([]uint16, modbus.ExceptionCode) {
	span, ok := p.Span(kind)
	if !ok || n == 0 || addr < span.Address || int(addr)+int(n) > int(span.Address)+int(span.Quantity) {
		return nil, modbus.IllegalDataAddress
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.nowLocked()
	words := make([]uint16, n)
	for q, r := range p.Registers {
		if r.Kind != kind {
			continue
		}
		v, ok := m.quantity(q, now)
		if !ok {
			continue
		}
		for i, w := range encodeRegister(r, v) {
			if a := int(r.Address) + i - int(addr); a >= 0 && a < len(words) {
				words[a] = w
			}
		}
	}
	return words, 0
}

func (m *Meter) writeRegisters(p modbus.Profile, addr uint16, values []uint16) modbus.ExceptionCode {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, v := range values {
		a := int(addr) + i
		r, ok := p.Registers[modbus.ProgrammingCode]
		if !ok || !r.Writable || int(r.Address) != a || r.Type != modbus.Uint16 {
			return modbus.IllegalDataAddress
		}
		if v > 9999 {
			return modbus.IllegalDataValue
		}
		m.progCode = v
	}
	return 0
}

// quantity returns a profile quantity in the unit the modbus package
// documents (Wh, 0.1 V, mA, W, VA, 0.001, fen).
func (m *Meter) quantity(q modbus.Quantity, now time.Time) (int64, bool) {
	dv, ma, w, pf := m.electrical(now)
	e := func(r int) int64 { return m.energy[r] - m.energy[r]%10 }
	switch q {
	case modbus.EnergyTotal:
		return e(0), true
	case modbus.EnergySharp:
		return e(RateSharp), true
	case modbus.EnergyPeak:
		return e(RatePeak), true
	case modbus.EnergyFlat:
		return e(RateFlat), true
	case modbus.EnergyValley:
		return e(RateValley), true
	case modbus.ProgrammingCode:
		return int64(m.progCode), true
	case modbus.Voltage:
		return dv, true
	case modbus.Current:
		return ma, true
	case modbus.ActivePower:
		return w, true
	case modbus.ApparentPower:
		return w * 1000 / pf, true
	case modbus.PowerFactor:
		return pf, true
	case modbus.Balance:
		return m.balance, true
	}
	return 0, false
}

// encodeRegister turns v (in the quantity's unit) into register words:
// raw = v × Div / Mul, the inverse of modbus.Register.Decode.
func encodeRegister(r modbus.Register, v int64) []uint16 {
	mul, div := r.Mul, r.Div
	if mul == 0 {
		mul = 1
	}
	if div == 0 {
		div = 1
	}
	raw := v * div / mul
	switch r.Type {
	case modbus.Uint16, modbus.Int16:
		return []uint16{uint16(raw)}
	case modbus.Uint32, modbus.Int32:
		return []uint16{uint16(uint32(raw) >> 16), uint16(raw)}
	case modbus.Uint32LowFirst, modbus.Int32LowFirst:
		return []uint16{uint16(raw), uint16(uint32(raw) >> 16)}
	}
	return nil
}
