package sim

import "testing"

func TestMeter_SetEnergy(t *testing.T) {
	m := NewMeter(MeterConfig{}, NewManualClock(Epoch))
	m.SetEnergy(123_450)
	st := m.State()
	if st.EnergyWh[0] != 123_450 || st.EnergyWh[RateFlat] != 123_450 || st.EnergyWh[RatePeak] != 0 {
		t.Fatalf("registers after SetEnergy: %v", st.EnergyWh)
	}
}
