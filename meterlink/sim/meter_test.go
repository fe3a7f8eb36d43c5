package sim_test

import (
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/sim"
)

func TestMeter_Advance(t *testing.T) {
	clk := sim.NewManualClock(sim.Epoch) // 12:00, flat rate until 14:00
	m := sim.NewMeter(sim.MeterConfig{LoadW: 1000, Shape: flatShape, Prepaid: true, BalanceFen: 10000}, clk)
	m.Advance(time.Hour)
	st := m.State()
	if st.EnergyWh[0] != 1000 || st.EnergyWh[sim.RateFlat] != 1000 {
		t.Fatalf("energy = %v, want 1000 Wh total and flat", st.EnergyWh)
	}
	// 1 kWh at 0.6000 yuan/kWh = 60 fen.
	if st.BalanceFen != 10000-60 {
		t.Fatalf("balance = %d, want %d", st.BalanceFen, 10000-60)
	}

	t.Run("TOU", func(t *testing.T) {
		clk := sim.NewManualClock(time.Date(2026, 11, 25, 13, 30, 0, 0, sim.China))
		m := sim.NewMeter(sim.MeterConfig{LoadW: 2000, Shape: flatShape}, clk)
		m.Advance(time.Hour) // 30 min flat, 30 min peak
		st := m.State()
		if st.EnergyWh[sim.RateFlat] != 1000 || st.EnergyWh[sim.RatePeak] != 1000 || st.EnergyWh[0] != 2000 {
			t.Fatalf("energy = %v, want 1000 flat + 1000 peak", st.EnergyWh)
		}
	})
	t.Run("RemainderCarry", func(t *testing.T) {
		m := sim.NewMeter(sim.MeterConfig{LoadW: 7, Shape: flatShape, Prepaid: true, BalanceFen: 1000}, sim.NewManualClock(sim.Epoch))
		for range 3600 {
			m.Advance(time.Second) // 7 W for 1 h in 1 s steps: exactly 7 Wh
		}
		if got := m.State().EnergyWh[0]; got != 7 {
			t.Fatalf("energy = %d Wh, want 7", got)
		}
	})
	t.Run("Drift", func(t *testing.T) {
		clk := sim.NewManualClock(sim.Epoch)
		m := sim.NewMeter(sim.MeterConfig{DriftPPM: 100, ClockOffset: time.Second}, clk)
		m.Advance(10000 * time.Second)
		clk.Advance(10000 * time.Second)
		if got, want := m.Now().Sub(clk.Now()), 2*time.Second; got != want {
			t.Fatalf("clock offset = %v, want %v", got, want)
		}
	})
}

func TestMeter_SelfTrip(t *testing.T) {
	cfg := sim.MeterConfig{LoadW: 1000, Shape: flatShape, Prepaid: true, BalanceFen: 30}
	t.Run("Trips", func(t *testing.T) {
		m := sim.NewMeter(cfg, sim.NewManualClock(sim.Epoch))
		m.Advance(time.Hour) // 60 fen of energy, 30 fen of balance
		st := m.State()
		if !st.RelayOpen || !st.RelayCmdTrip || st.BalanceFen > 0 {
			t.Fatalf("state = %+v, want tripped at ≤ 0", st)
		}
		if st.EnergyWh[0] != 500 {
			t.Fatalf("energy = %d Wh, want 500 (stops at the trip)", st.EnergyWh[0])
		}
		if !st.Status3.RelayOpen() || st.Status3.MeterType() != dlt645.MeterMoneyPrepaid {
			t.Fatalf("status3 = %016b", st.Status3)
		}
	})
	t.Run("Guarantee", func(t *testing.T) {
		clk := sim.NewManualClock(sim.Epoch)
		m := sim.NewMeter(cfg, clk)
		if err := m.Relay(dlt645.GuaranteeOn, sim.Epoch.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		m.Advance(time.Hour)
		if st := m.State(); st.RelayOpen || st.BalanceFen != -30 {
			t.Fatalf("state = %+v, want closed and overdrawn by 30 fen", st)
		}
		if err := m.Relay(dlt645.GuaranteeOff, sim.Epoch.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if st := m.State(); !st.RelayOpen {
			t.Fatalf("guarantee off left the overdrawn meter closed: %+v", st)
		}
	})
}
