package billing

import (
	"testing"

	"github.com/voltpay/voltpay"
)

// TestIssue11_ModbusRegisterRange: a Modbus meter's energy register (an
// unsigned 32-bit count of 0.01 kWh) goes on past 1,000,000 kWh, where a
// DL/T 645 register wraps; billing used the DL/T 645 range for every meter,
// so a Modbus reading above it stopped the meter's charging as out of
// range. Each protocol's register now wraps where it really does.
func TestIssue11_ModbusRegisterRange(t *testing.T) {
	sched := Schedule{{Tariff: flat}}
	charge := func(protocol string, from, to voltpay.Wh) ([]Charge, Series) {
		s := Series{Modulus: RegisterModulus(protocol)}
		cs := Pricer{}.Charge(&s, 1, sched, []Registers{regs("2026-11-25 10:00:00", from), regs("2026-11-25 11:00:00", to)})
		return cs, s
	}
	t.Run("ModbusPastDLT645Range", func(t *testing.T) {
		cs, s := charge(voltpay.MeterProtocolModbus, 999_999_000, 1_000_002_000)
		if s.Fault != "" || len(cs) != 1 || cs[0].EnergyWh != 3000 {
			t.Fatalf("got %+v, fault %q; want one charge of 3000 Wh", cs, s.Fault)
		}
	})
	t.Run("ModbusWraps", func(t *testing.T) {
		cs, s := charge(voltpay.MeterProtocolModbus, ModbusRegisterModulus-1000, 2000)
		if s.Fault != "" || len(cs) != 1 || cs[0].EnergyWh != 3000 {
			t.Fatalf("got %+v, fault %q; want one charge of 3000 Wh across the wrap", cs, s.Fault)
		}
	})
	t.Run("DLT645Wraps", func(t *testing.T) {
		cs, s := charge(voltpay.MeterProtocolDLT645, DLT645RegisterModulus-1000, 2000)
		if s.Fault != "" || len(cs) != 1 || cs[0].EnergyWh != 3000 {
			t.Fatalf("got %+v, fault %q; want one charge of 3000 Wh across the wrap", cs, s.Fault)
		}
	})
	t.Run("DLT645OutOfRange", func(t *testing.T) {
		if _, s := charge(voltpay.MeterProtocolDLT645, 999_999_000, 1_000_002_000); s.Fault == "" {
			t.Fatal("a DL/T 645 reading past 999,999.99 kWh was charged; want a fault")
		}
	})
}
