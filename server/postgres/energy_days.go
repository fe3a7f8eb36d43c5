package postgres

import (
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// The energy rollup (energy_days, schema version 23): one row per meter and
// local day of its site, kept by RecordReadings in the readings'
// transaction (energy_days_write.go) and rebuilt from the raw readings for
// meters read before it existed (energy_days_rebuild.go). Both fold
// readings into days with merge and chain the days with chainDays, so what
// the write path keeps is what a scan of the raw readings gives.

// fullRegisters indexes energyDay's full registers: the four TOU rates in
// voltpay.TOURates order, then reverse.
const fullRegisters = 5

// fullReverse is the reverse register's index in a full register set.
const fullReverse = 4

// energySample is one reading as the rollup sees it: its time, its total
// register, and its rate and reverse registers when any was read (a full
// reading; the poller's status readings carry the total only).
type energySample struct {
	At    time.Time
	Total int64
	Full  *[fullRegisters]*int64
}

// sampleOf returns r as the rollup sees it.
func sampleOf(r *voltpay.Reading) energySample {
	s := energySample{At: r.ReadAt.Truncate(time.Microsecond), Total: int64(r.EnergyWh)}
	regs := [fullRegisters]*voltpay.Wh{r.SharpWh, r.PeakWh, r.FlatWh, r.ValleyWh, r.ReverseWh}
	var full [fullRegisters]*int64
	any := false
	for k, w := range regs {
		if w != nil {
			v := int64(*w)
			full[k], any = &v, true
		}
	}
	if any {
		s.Full = &full
	}
	return s
}

// energyDay is one row of energy_days.
type energyDay struct {
	MeterID   int64
	Day       string // local date, 2006-01-02
	FirstAt   time.Time
	FirstWh   int64
	LastAt    time.Time
	LastWh    int64
	FirstFull *time.Time
	FirstRegs [fullRegisters]*int64
	LastFull  *time.Time
	LastRegs  [fullRegisters]*int64
	// End are the rate and reverse registers at the end of the day: its
	// last full reading's, else the previous day's End (set by chainDays).
	End [fullRegisters]*int64
	// EnergyWh and Rates are the day's energy (set by chainDays).
	EnergyWh int64
	Rates    [4]*int64
}

// newEnergyDay starts a day with its first sample.
func newEnergyDay(meterID int64, day string, s energySample) *energyDay {
	d := &energyDay{MeterID: meterID, Day: day, FirstAt: s.At, FirstWh: s.Total, LastAt: s.At, LastWh: s.Total}
	if s.Full != nil {
		at := s.At
		d.FirstFull, d.LastFull = &at, &at
		d.FirstRegs, d.LastRegs = *s.Full, *s.Full
	}
	return d
}

// merge folds a sample into the day: an earlier one becomes its first, a
// later one its last (a sample at the same time changes nothing, so a
// retried batch folds to the same day).
func (d *energyDay) merge(s energySample) {
	d.mergeTotal(s.At, s.Total)
	if s.Full != nil {
		d.mergeFull(s.At, *s.Full)
	}
}

// absorb folds another day's readings of the same meter and day into d.
func (d *energyDay) absorb(o *energyDay) {
	d.mergeTotal(o.FirstAt, o.FirstWh)
	d.mergeTotal(o.LastAt, o.LastWh)
	if o.FirstFull != nil {
		d.mergeFull(*o.FirstFull, o.FirstRegs)
	}
	if o.LastFull != nil {
		d.mergeFull(*o.LastFull, o.LastRegs)
	}
}

// mergeTotal folds a total register read at at into the day's first and last.
func (d *energyDay) mergeTotal(at time.Time, wh int64) {
	if at.Before(d.FirstAt) {
		d.FirstAt, d.FirstWh = at, wh
	}
	if at.After(d.LastAt) {
		d.LastAt, d.LastWh = at, wh
	}
}

// mergeFull folds a full reading's registers into the day's first and last
// full reading.
func (d *energyDay) mergeFull(at time.Time, regs [fullRegisters]*int64) {
	if d.FirstFull == nil || at.Before(*d.FirstFull) {
		d.FirstFull, d.FirstRegs = &at, regs
	}
	if d.LastFull == nil || at.After(*d.LastFull) {
		d.LastFull, d.LastRegs = &at, regs
	}
}

// localDay returns the local date of t in loc, as energy_days keys it.
func localDay(t time.Time, loc *time.Location) string { return t.In(loc).Format(time.DateOnly) }

// chainDays sets the energy of days (one meter's, in day order) from the
// day before them, prev (nil: the meter's first day, counted from its first
// reading), as energyUsage counts an interval: the advance of the total
// register from the last reading before the day to the day's last (times
// the CT ratio, billing.Delta), plus the reverse register's, and per rate
// the advance of the rate registers at the end of the day over those at
// its start. A register that fell counts nothing (billing charges nothing
// for it); a rate the meter never read is nil.
func chainDays(prev *energyDay, days []*energyDay, modulus voltpay.Wh, ctRatio int) {
	delta := func(a, b *int64) *int64 {
		if a == nil || b == nil {
			return nil
		}
		d, err := billing.Delta(voltpay.Wh(*a), voltpay.Wh(*b), modulus, ctRatio)
		if err != nil {
			return nil
		}
		v := int64(d)
		return &v
	}
	for _, d := range days {
		baseWh, baseRegs := d.FirstWh, d.FirstRegs
		if prev != nil {
			baseWh, baseRegs = prev.LastWh, prev.End
		}
		d.End = d.LastRegs
		if d.LastFull == nil {
			d.End = [fullRegisters]*int64{}
			if prev != nil {
				d.End = prev.End
			}
		}
		d.EnergyWh = 0
		if v := delta(&baseWh, &d.LastWh); v != nil {
			d.EnergyWh = *v
		}
		if v := delta(baseRegs[fullReverse], d.End[fullReverse]); v != nil {
			d.EnergyWh += *v
		}
		for k := range d.Rates {
			d.Rates[k] = delta(baseRegs[k], d.End[k])
		}
		prev = d
	}
}
