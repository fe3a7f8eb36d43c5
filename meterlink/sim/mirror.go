package sim

// SetEnergy starts the meter's registers at totalWh, as when a simulated
// fleet mirrors meters that already have readings: a simulated meter that
// started at zero would seem to run backwards. The split over TOU rates is
// unknown then, so it all counts as flat-rate energy.
func (m *Meter) SetEnergy(totalWh int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for r := range m.energy {
		m.energy[r] = 0
	}
	m.energy[0] = totalWh
	m.energy[RateFlat] = totalWh
}
