package billing

import (
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
)

// regs returns registers read at when (none: zero time); rates are sharp,
// peak, flat, valley.
func regs(when string, wh voltpay.Wh, rates ...voltpay.Wh) Registers {
	r := Registers{EnergyWh: wh}
	if when != "" {
		r.At = at(when)
	}
	for k := range rates {
		r.Rates[k] = &rates[k]
	}
	return r
}

func TestCharge(t *testing.T) {
	sched := Schedule{{Tariff: flat}}
	t.Run("baseline, then charges with the carry", func(t *testing.T) {
		var s Series
		cs := Pricer{}.Charge(&s, 1, sched, []Registers{regs("2026-11-25 10:00:00", 1000), regs("2026-11-25 10:30:00", 2000),
			regs("2026-11-25 11:00:00", 3500)})
		if len(cs) != 2 || cs[0].Fen != 85 || cs[1].Fen != 128 || s.Carry.Total != 21_307_500 || s.Last.EnergyWh != 3500 {
			t.Fatalf("charges %+v, series %+v", cs, s)
		}
		if cs[0].Note != "1.000 kWh from 2026-11-25 10:00:00 to 2026-11-25 10:30:00" {
			t.Errorf("note %q", cs[0].Note)
		}
	})
	t.Run("register fell: stops at the last good reading, for good", func(t *testing.T) {
		s := Series{Last: &Registers{At: at("2026-11-25 10:00:00"), EnergyWh: 5000}}
		cs := Pricer{}.Charge(&s, 1, sched, []Registers{regs("2026-11-25 10:30:00", 6000), regs("2026-11-25 11:00:00", 4000),
			regs("2026-11-25 11:30:00", 7000)})
		if len(cs) != 1 || s.Last.EnergyWh != 6000 || !strings.HasPrefix(s.Fault, voltpay.FaultRegisterFell) || voltpay.ChargeFaultRetried(s.Fault) {
			t.Fatalf("charges %+v, series %+v", cs, s)
		}
	})
	t.Run("a rate register fell", func(t *testing.T) {
		s := Series{Last: &Registers{At: at("2026-11-25 10:00:00"), EnergyWh: 5000, Rates: regs("", 0, 0, 3000).Rates}}
		cs := Pricer{}.Charge(&s, 1, Schedule{{Tariff: tou}}, []Registers{regs("2026-11-25 10:30:00", 6000, 0, 2000)})
		if len(cs) != 0 || !strings.HasPrefix(s.Fault, voltpay.FaultRegisterFell) {
			t.Fatalf("charges %+v, series %+v", cs, s)
		}
	})
	t.Run("no tariff: waits, state unchanged", func(t *testing.T) {
		s := Series{Last: &Registers{At: at("2026-11-25 10:00:00"), EnergyWh: 5000}}
		cs := Pricer{}.Charge(&s, 1, nil, []Registers{regs("2026-11-25 10:30:00", 6000)})
		if len(cs) != 0 || s.Fault != voltpay.FaultNoTariff || s.Last.EnergyWh != 5000 || !voltpay.ChargeFaultRetried(s.Fault) {
			t.Fatalf("charges %+v, series %+v", cs, s)
		}
		cs = Pricer{}.Charge(&s, 1, sched, []Registers{regs("2026-11-25 10:30:00", 6000)})
		if len(cs) != 1 || s.Fault != "" {
			t.Fatalf("after a tariff: charges %+v, series %+v", cs, s)
		}
	})
	t.Run("an interval before the schedule starts waits too", func(t *testing.T) {
		s := Series{Last: &Registers{At: at("2026-11-25 10:00:00"), EnergyWh: 5000}}
		Pricer{}.Charge(&s, 1, Schedule{{From: at("2026-11-26 00:00:00"), Tariff: flat}}, []Registers{regs("2026-11-25 10:30:00", 6000)})
		if !strings.HasPrefix(s.Fault, voltpay.FaultNoTariff) || !voltpay.ChargeFaultRetried(s.Fault) || s.Last.EnergyWh != 5000 {
			t.Fatalf("series %+v", s)
		}
	})
	t.Run("an implausible amount stops the series", func(t *testing.T) {
		s := Series{Last: &Registers{At: at("2026-11-25 10:00:00"), EnergyWh: 0}}
		cs := Pricer{}.Charge(&s, 10_000, sched, []Registers{regs("2026-11-25 10:30:00", 500_000_000)})
		if len(cs) != 0 || !strings.HasPrefix(s.Fault, "implausible") || s.Carry.Total != 0 || s.Last.EnergyWh != 0 {
			t.Fatalf("charges %+v, series %+v", cs, s)
		}
	})
	t.Run("rate registers split an offline gap", func(t *testing.T) {
		s := Series{Last: &Registers{At: at("2026-11-25 00:00:00"), EnergyWh: 10_000, Rates: regs("", 0, 0, 4000, 3000, 3000).Rates}}
		cs := Pricer{}.Charge(&s, 1, Schedule{{Tariff: tou}}, []Registers{regs("2026-11-26 00:00:00", 11_000, 0, 4900, 3000, 3100)})
		if len(cs) != 1 || cs[0].Fen != 112 || cs[0].Exact != 11_200_000 {
			t.Fatalf("charges %+v", cs)
		}
	})
}
