package postgres

// ReadingsOnly returns a copy of s whose EnergyUsage probes the raw
// readings, never the rollup: the path the rollup must agree with.
func (s *ReportService) ReadingsOnly() *ReportService {
	c := *s
	c.readingsOnly = true
	return &c
}
