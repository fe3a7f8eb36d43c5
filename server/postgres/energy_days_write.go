package postgres

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// energyDayColumns are energy_days' columns in energyDay.scan order.
const energyDayColumns = `meter_id, day, first_at, first_energy_wh, last_at, last_energy_wh,
	first_full_at, first_sharp_wh, first_peak_wh, first_flat_wh, first_valley_wh, first_reverse_wh,
	last_full_at, last_sharp_wh, last_peak_wh, last_flat_wh, last_valley_wh, last_reverse_wh,
	end_sharp_wh, end_peak_wh, end_flat_wh, end_valley_wh, end_reverse_wh,
	energy_wh, sharp_wh, peak_wh, flat_wh, valley_wh`

// rowScanner is what sql.Rows and sql.Row have in common.
type rowScanner interface{ Scan(dest ...any) error }

// scan reads a row of energyDayColumns.
func (d *energyDay) scan(r rowScanner) error {
	var day time.Time
	dest := []any{&d.MeterID, &day, &d.FirstAt, &d.FirstWh, &d.LastAt, &d.LastWh, &d.FirstFull}
	for k := range d.FirstRegs {
		dest = append(dest, &d.FirstRegs[k])
	}
	dest = append(dest, &d.LastFull)
	for k := range d.LastRegs {
		dest = append(dest, &d.LastRegs[k])
	}
	for k := range d.End {
		dest = append(dest, &d.End[k])
	}
	dest = append(dest, &d.EnergyWh)
	for k := range d.Rates {
		dest = append(dest, &d.Rates[k])
	}
	if err := r.Scan(dest...); err != nil {
		return err
	}
	d.Day = day.Format(time.DateOnly)
	return nil
}

// meterRollup is what rolling up a meter's readings needs of it.
type meterRollup struct {
	ID       int64  `db:"id"`
	Timezone string `db:"timezone"`
	CTRatio  int    `db:"ct_ratio"`
	Protocol string `db:"protocol"`
}

// meterRollups reads the meters' time zones, CT ratios and protocols, by id.
func meterRollups(ctx context.Context, tx *Tx, ids []int64) (map[int64]meterRollup, error) {
	rows := []meterRollup{}
	if err := tx.SelectContext(ctx, &rows, `
		SELECT m.id, s.timezone, m.ct_ratio, m.protocol FROM meters m JOIN sites s ON s.id = m.site_id
		WHERE m.id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, mapError(err)
	}
	out := make(map[int64]meterRollup, len(rows))
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}

// rollupReadings folds a batch of readings into energy_days, in the batch's
// transaction (whose caller holds the meters' rows locked, so two batches
// of one meter take turns). Per meter it reads the days from the one
// before the batch's earliest day on (today and yesterday in a polling
// loop; every later day when a late reading lands in the past, since the
// days after it chain from it), folds the readings in and writes back the
// days from the earliest on: three statements per batch whatever its size.
// A reading already folded in (a retried batch) changes nothing.
func rollupReadings(ctx context.Context, tx *Tx, batch []*voltpay.Reading) error {
	samples := map[int64][]energySample{}
	for _, r := range batch {
		samples[r.MeterID] = append(samples[r.MeterID], sampleOf(r))
	}
	return foldSamples(ctx, tx, samples)
}

// foldSamples folds each meter's samples into its stored days and writes
// the days from each meter's earliest sample on.
func foldSamples(ctx context.Context, tx *Tx, samples map[int64][]energySample) error {
	ids := make([]int64, 0, len(samples))
	for id := range samples {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	meters, err := meterRollups(ctx, tx, ids)
	if err != nil {
		return err
	}
	locs := map[string]*time.Location{}
	days := map[int64]map[string]*energyDay{}
	fromDay := make([]string, len(ids))
	for i, id := range ids {
		m := meters[id]
		loc, ok := locs[m.Timezone]
		if !ok {
			if loc, err = time.LoadLocation(m.Timezone); err != nil {
				return fmt.Errorf("energy rollup: time zone %q of meter %d's site: %w", m.Timezone, id, err)
			}
			locs[m.Timezone] = loc
		}
		byDay := map[string]*energyDay{}
		for _, s := range samples[id] {
			day := localDay(s.At, loc)
			if d := byDay[day]; d != nil {
				d.merge(s)
			} else {
				byDay[day] = newEnergyDay(id, day, s)
			}
			if fromDay[i] == "" || day < fromDay[i] {
				fromDay[i] = day
			}
		}
		days[id] = byDay
	}
	stored, err := storedDays(ctx, tx, ids, fromDay)
	if err != nil {
		return err
	}
	var out []*energyDay
	for i, id := range ids {
		var prev *energyDay
		byDay := days[id]
		for _, d := range stored[id] {
			if d.Day < fromDay[i] {
				prev = d
				continue
			}
			if nd := byDay[d.Day]; nd != nil {
				d.absorb(nd)
			}
			byDay[d.Day] = d
		}
		chain := make([]*energyDay, 0, len(byDay))
		for _, d := range byDay {
			chain = append(chain, d)
		}
		slices.SortFunc(chain, func(a, b *energyDay) int {
			if a.Day < b.Day {
				return -1
			}
			if a.Day > b.Day {
				return 1
			}
			return 0
		})
		m := meters[id]
		chainDays(prev, chain, billing.RegisterModulus(m.Protocol), m.CTRatio)
		out = append(out, chain...)
	}
	return upsertDays(ctx, tx, out)
}

// storedDays reads, per meter, its days from the last one before fromDay
// (the chain's start) on, in day order.
func storedDays(ctx context.Context, tx *Tx, ids []int64, fromDay []string) (map[int64][]*energyDay, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT d.* FROM unnest($1::bigint[], $2::date[]) AS u (meter_id, from_day)
		CROSS JOIN LATERAL (
			SELECT `+energyDayColumns+` FROM energy_days d
			WHERE d.meter_id = u.meter_id AND d.day >= coalesce(
				(SELECT p.day FROM energy_days p WHERE p.meter_id = u.meter_id AND p.day < u.from_day
				 ORDER BY p.day DESC LIMIT 1), u.from_day)
			ORDER BY d.day) d`, pq.Array(ids), pq.Array(fromDay))
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	out := map[int64][]*energyDay{}
	for rows.Next() {
		d := &energyDay{}
		if err := d.scan(rows); err != nil {
			return nil, mapError(err)
		}
		out[d.MeterID] = append(out[d.MeterID], d)
	}
	return out, mapError(rows.Err())
}

// upsertDays writes days in one statement.
func upsertDays(ctx context.Context, tx *Tx, days []*energyDay) error {
	if len(days) == 0 {
		return nil
	}
	n := len(days)
	meter, energy := make([]int64, n), make([]int64, n)
	day := make([]string, n)
	firstAt, lastAt := make([]time.Time, n), make([]time.Time, n)
	firstWh, lastWh := make([]int64, n), make([]int64, n)
	firstFull, lastFull := make([]*time.Time, n), make([]*time.Time, n)
	var firstRegs, lastRegs, end [fullRegisters][]*int64
	var rates [4][]*int64
	for k := range fullRegisters {
		firstRegs[k], lastRegs[k], end[k] = make([]*int64, n), make([]*int64, n), make([]*int64, n)
	}
	for k := range rates {
		rates[k] = make([]*int64, n)
	}
	for i, d := range days {
		meter[i], day[i], energy[i] = d.MeterID, d.Day, d.EnergyWh
		firstAt[i], firstWh[i], lastAt[i], lastWh[i] = d.FirstAt, d.FirstWh, d.LastAt, d.LastWh
		firstFull[i], lastFull[i] = d.FirstFull, d.LastFull
		for k := range fullRegisters {
			firstRegs[k][i], lastRegs[k][i], end[k][i] = d.FirstRegs[k], d.LastRegs[k], d.End[k]
		}
		for k := range rates {
			rates[k][i] = d.Rates[k]
		}
	}
	args := []any{pq.Array(meter), pq.Array(day), pq.Array(firstAt), pq.Array(firstWh), pq.Array(lastAt), pq.Array(lastWh),
		pq.Array(firstFull)}
	for k := range fullRegisters {
		args = append(args, pq.Array(firstRegs[k]))
	}
	args = append(args, pq.Array(lastFull))
	for k := range fullRegisters {
		args = append(args, pq.Array(lastRegs[k]))
	}
	for k := range fullRegisters {
		args = append(args, pq.Array(end[k]))
	}
	args = append(args, pq.Array(energy))
	for k := range rates {
		args = append(args, pq.Array(rates[k]))
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO energy_days (`+energyDayColumns+`)
		SELECT * FROM unnest($1::bigint[], $2::date[], $3::timestamptz[], $4::bigint[], $5::timestamptz[], $6::bigint[],
			$7::timestamptz[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[],
			$13::timestamptz[], $14::bigint[], $15::bigint[], $16::bigint[], $17::bigint[], $18::bigint[],
			$19::bigint[], $20::bigint[], $21::bigint[], $22::bigint[], $23::bigint[],
			$24::bigint[], $25::bigint[], $26::bigint[], $27::bigint[], $28::bigint[])
		ON CONFLICT (meter_id, day) DO UPDATE SET
			first_at = excluded.first_at, first_energy_wh = excluded.first_energy_wh,
			last_at = excluded.last_at, last_energy_wh = excluded.last_energy_wh,
			first_full_at = excluded.first_full_at, first_sharp_wh = excluded.first_sharp_wh,
			first_peak_wh = excluded.first_peak_wh, first_flat_wh = excluded.first_flat_wh,
			first_valley_wh = excluded.first_valley_wh, first_reverse_wh = excluded.first_reverse_wh,
			last_full_at = excluded.last_full_at, last_sharp_wh = excluded.last_sharp_wh,
			last_peak_wh = excluded.last_peak_wh, last_flat_wh = excluded.last_flat_wh,
			last_valley_wh = excluded.last_valley_wh, last_reverse_wh = excluded.last_reverse_wh,
			end_sharp_wh = excluded.end_sharp_wh, end_peak_wh = excluded.end_peak_wh, end_flat_wh = excluded.end_flat_wh,
			end_valley_wh = excluded.end_valley_wh, end_reverse_wh = excluded.end_reverse_wh,
			energy_wh = excluded.energy_wh, sharp_wh = excluded.sharp_wh, peak_wh = excluded.peak_wh,
			flat_wh = excluded.flat_wh, valley_wh = excluded.valley_wh`, args...)
	return mapError(err)
}
