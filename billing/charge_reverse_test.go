package billing

import (
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
)

// rev returns r with its reverse register set to wh.
func rev(r Registers, wh voltpay.Wh) Registers {
	r.ReverseWh = &wh
	return r
}

func TestChargeReverseEnergy(t *testing.T) {
	sched := Schedule{{Tariff: flat}}
	// fwd charges the forward-only series with the same energy.
	fwd := func(ct int, rs ...Registers) []Charge {
		var s Series
		return Pricer{}.Charge(&s, ct, sched, rs)
	}
	t.Run("both directions counted as consumption, CT applied", func(t *testing.T) {
		var s Series
		cs := Pricer{}.Charge(&s, 10, sched, []Registers{rev(regs("2026-11-25 10:00:00", 1000), 500),
			rev(regs("2026-11-25 10:30:00", 1100), 550), rev(regs("2026-11-25 11:00:00", 1100), 650)})
		want := fwd(10, regs("2026-11-25 10:00:00", 1000), regs("2026-11-25 10:30:00", 1150), regs("2026-11-25 11:00:00", 1250))
		if len(cs) != 2 || cs[0].EnergyWh != 1500 || cs[1].EnergyWh != 1000 || cs[0].Fen != want[0].Fen || cs[1].Fen != want[1].Fen {
			t.Fatalf("charges %+v, want %+v", cs, want)
		}
		if *s.Last.ReverseWh != 650 {
			t.Fatalf("series %+v", s)
		}
	})
	t.Run("reverse register rolls over", func(t *testing.T) {
		var s Series
		cs := Pricer{}.Charge(&s, 1, sched, []Registers{rev(regs("2026-11-25 10:00:00", 1000), DLT645RegisterModulus-100),
			rev(regs("2026-11-25 10:30:00", 1000), 200)})
		if len(cs) != 1 || cs[0].EnergyWh != 300 {
			t.Fatalf("charges %+v", cs)
		}
	})
	t.Run("reverse register fell: a fault, never a refund", func(t *testing.T) {
		var s Series
		cs := Pricer{}.Charge(&s, 1, sched, []Registers{rev(regs("2026-11-25 10:00:00", 1000), 5000),
			rev(regs("2026-11-25 10:30:00", 2000), 4000), rev(regs("2026-11-25 11:00:00", 3000), 6000)})
		if len(cs) != 0 || s.Last.EnergyWh != 1000 || !strings.HasPrefix(s.Fault, voltpay.FaultRegisterFell) ||
			!strings.Contains(s.Fault, "reverse") {
			t.Fatalf("charges %+v, series %+v", cs, s)
		}
	})
	t.Run("first read reverse register is its baseline", func(t *testing.T) {
		var s Series
		cs := Pricer{}.Charge(&s, 1, sched, []Registers{regs("2026-11-25 10:00:00", 1000),
			rev(regs("2026-11-25 10:30:00", 1500), 90_000), rev(regs("2026-11-25 11:00:00", 1500), 90_400)})
		if len(cs) != 2 || cs[0].EnergyWh != 500 || cs[1].EnergyWh != 400 {
			t.Fatalf("charges %+v", cs)
		}
	})
	t.Run("a reading without the reverse register keeps it for the next", func(t *testing.T) {
		var s Series
		cs := Pricer{}.Charge(&s, 1, sched, []Registers{rev(regs("2026-11-25 10:00:00", 1000), 100),
			regs("2026-11-25 10:30:00", 1200), rev(regs("2026-11-25 11:00:00", 1300), 400)})
		if len(cs) != 2 || cs[0].EnergyWh != 200 || cs[1].EnergyWh != 400 || *s.Last.ReverseWh != 400 {
			t.Fatalf("charges %+v, series %+v", cs, s)
		}
	})
	t.Run("rate registers with reverse energy: split by time, total kept", func(t *testing.T) {
		var s Series
		cs := Pricer{}.Charge(&s, 1, Schedule{{Tariff: tou}}, []Registers{rev(regs("2026-11-25 10:00:00", 1000, 0, 1000, 0, 0), 0),
			rev(regs("2026-11-25 10:30:00", 2000, 0, 2000, 0, 0), 500)})
		if len(cs) != 1 || cs[0].EnergyWh != 1500 || s.Fault != "" {
			t.Fatalf("charges %+v, series %+v", cs, s)
		}
	})
}
