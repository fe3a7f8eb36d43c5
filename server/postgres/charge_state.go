package postgres

import (
	"context"
	"database/sql"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// chargeState is one meter's billing state (meter_billing) as locked, with
// what charging needs of the meter, then its new readings and the series
// after charging them.
type chargeState struct {
	MeterID         int64         `db:"meter_id"`
	ReadAt          *time.Time    `db:"read_at"`
	EnergyWh        *voltpay.Wh   `db:"energy_wh"`
	SharpWh         *voltpay.Wh   `db:"sharp_wh"`
	PeakWh          *voltpay.Wh   `db:"peak_wh"`
	FlatWh          *voltpay.Wh   `db:"flat_wh"`
	ValleyWh        *voltpay.Wh   `db:"valley_wh"`
	ReverseWh       *voltpay.Wh   `db:"reverse_wh"`
	SeriesAccountID *int64        `db:"series_account_id"`
	CarryMicro      billing.Micro `db:"carry_micro"`
	FeeCarryMicro   billing.Micro `db:"fee_carry_micro"`
	UsagePeriod     *time.Time    `db:"usage_period"`
	UsageWh         voltpay.Wh    `db:"usage_wh"`
	Fault           string        `db:"fault"`
	// The meter's.
	AccountID   *int64 `db:"account_id"`
	CTRatio     int    `db:"ct_ratio"`
	TariffID    *int64 `db:"tariff_id"`
	PrepaidMode string `db:"prepaid_mode"`
	Protocol    string `db:"protocol"`

	readings []billing.Registers // new, in time order
	series   billing.Series      // after charging; valid when changed
	changed  bool
}

// lockChargeStates creates the missing billing states of the meters in ids
// (in id order, so concurrent batches wait for each other rather than
// deadlock) and locks all of them in id order for the transaction. Ids that
// are not meters are left out.
func lockChargeStates(ctx context.Context, tx *Tx, ids []int64) ([]*chargeState, error) {
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO meter_billing (meter_id, updated_at)
		SELECT m.id, $2 FROM meters m
		WHERE m.id = ANY($1) AND NOT EXISTS (SELECT 1 FROM meter_billing b WHERE b.meter_id = m.id)
		ORDER BY m.id
		ON CONFLICT DO NOTHING`, pq.Array(ids), tx.now); err != nil {
		return nil, mapError(err)
	}
	states := []*chargeState{}
	if err := tx.SelectContext(ctx, &states, `
		SELECT b.meter_id, b.read_at, b.energy_wh, b.sharp_wh, b.peak_wh, b.flat_wh, b.valley_wh, b.reverse_wh,
			b.account_id AS series_account_id, b.carry_micro, b.fee_carry_micro, b.usage_period, b.usage_wh, b.fault,
			m.account_id, m.ct_ratio, m.tariff_id, m.prepaid_mode, m.protocol
		FROM meter_billing b
		JOIN meters m ON m.id = b.meter_id
		WHERE b.meter_id = ANY($1)
		ORDER BY b.meter_id
		FOR UPDATE OF b`, pq.Array(ids)); err != nil {
		return nil, mapError(err)
	}
	return states, nil
}

// readNewReadings reads, in one query, the readings of every state not
// stopped on a fault that are newer than its last charged reading, at most
// MaxChargeReadingsPerMeter a meter (the primary key (meter_id, read_at)
// finds them without touching older ones).
func readNewReadings(ctx context.Context, tx *Tx, states []*chargeState, st *voltpay.ChargeStats) error {
	byID := make(map[int64]*chargeState, len(states))
	ids := make([]int64, 0, len(states))
	after := make([]*time.Time, 0, len(states))
	for _, c := range states {
		if voltpay.ChargeFaultRetried(c.Fault) {
			byID[c.MeterID] = c
			ids, after = append(ids, c.MeterID), append(after, c.ReadAt)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT r.meter_id, r.read_at, r.energy_wh, r.sharp_wh, r.peak_wh, r.flat_wh, r.valley_wh, r.reverse_wh
		FROM unnest($1::bigint[], $2::timestamptz[]) AS s (meter_id, after)
		CROSS JOIN LATERAL (
			SELECT meter_id, read_at, energy_wh, sharp_wh, peak_wh, flat_wh, valley_wh, reverse_wh
			FROM meter_readings
			WHERE meter_id = s.meter_id AND read_at > coalesce(s.after, '-infinity')
			ORDER BY read_at
			LIMIT $3) r`, pq.Array(ids), pq.Array(after), MaxChargeReadingsPerMeter)
	if err != nil {
		return mapError(err)
	}
	defer rows.Close()
	var rates [4]sql.NullInt64
	var reverse sql.NullInt64
	for rows.Next() {
		var id int64
		var r billing.Registers
		if err := rows.Scan(&id, &r.At, &r.EnergyWh, &rates[0], &rates[1], &rates[2], &rates[3], &reverse); err != nil {
			return mapError(err)
		}
		if reverse.Valid {
			wh := voltpay.Wh(reverse.Int64)
			r.ReverseWh = &wh
		}
		for k, v := range rates {
			if v.Valid {
				wh := voltpay.Wh(v.Int64)
				r.Rates[k] = &wh
			}
		}
		c := byID[id]
		c.readings = append(c.readings, r)
		st.Readings++
	}
	return mapError(rows.Err())
}

// loaded returns the series as stored.
func (c *chargeState) loaded() billing.Series {
	s := billing.Series{Carry: billing.Carry{Total: c.CarryMicro}, Usage: billing.Usage{Wh: c.UsageWh}, Fault: c.Fault,
		FeeCarry: billing.Carry{Total: c.FeeCarryMicro}, Modulus: billing.RegisterModulus(c.Protocol)}
	if c.UsagePeriod != nil {
		s.Usage.Period = *c.UsagePeriod
	}
	if c.ReadAt != nil && c.EnergyWh != nil {
		s.Last = &billing.Registers{At: *c.ReadAt, EnergyWh: *c.EnergyWh,
			Rates: [4]*voltpay.Wh{c.SharpWh, c.PeakWh, c.FlatWh, c.ValleyWh}, ReverseWh: c.ReverseWh}
	}
	return s
}

// saveChargeStates writes the states that changed, in one UPDATE.
func saveChargeStates(ctx context.Context, tx *Tx, states []*chargeState) error {
	var (
		ids, carry, feeCarry, usageWh            []int64
		readAt, usagePeriod                      []*time.Time
		energy, sharp, peak, flat, valley, accts []*int64
		reverse                                  []*int64
		faults                                   []string
	)
	wh := func(w *voltpay.Wh) *int64 {
		if w == nil {
			return nil
		}
		v := int64(*w)
		return &v
	}
	for _, c := range states {
		if !c.changed {
			continue
		}
		s := c.series
		ids = append(ids, c.MeterID)
		if s.Last != nil {
			readAt = append(readAt, &s.Last.At)
			energy = append(energy, wh(&s.Last.EnergyWh))
			sharp, peak = append(sharp, wh(s.Last.Rates[0])), append(peak, wh(s.Last.Rates[1]))
			flat, valley = append(flat, wh(s.Last.Rates[2])), append(valley, wh(s.Last.Rates[3]))
			reverse = append(reverse, wh(s.Last.ReverseWh))
		} else {
			readAt, energy, reverse = append(readAt, nil), append(energy, nil), append(reverse, nil)
			sharp, peak, flat, valley = append(sharp, nil), append(peak, nil), append(flat, nil), append(valley, nil)
		}
		accts = append(accts, c.SeriesAccountID)
		carry = append(carry, int64(s.Carry.Total))
		feeCarry = append(feeCarry, int64(s.FeeCarry.Total))
		if s.Usage.Period.IsZero() {
			usagePeriod = append(usagePeriod, nil)
		} else {
			usagePeriod = append(usagePeriod, &s.Usage.Period)
		}
		usageWh = append(usageWh, int64(s.Usage.Wh))
		faults = append(faults, s.Fault)
	}
	if len(ids) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `
		UPDATE meter_billing b
		SET read_at = u.read_at, energy_wh = u.energy_wh, sharp_wh = u.sharp_wh, peak_wh = u.peak_wh,
			flat_wh = u.flat_wh, valley_wh = u.valley_wh, account_id = u.account_id, carry_micro = u.carry_micro,
			usage_period = u.usage_period, usage_wh = u.usage_wh, fault = u.fault, updated_at = $13,
			reverse_wh = u.reverse_wh, fee_carry_micro = u.fee_carry_micro
		FROM unnest($1::bigint[], $2::timestamptz[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[],
			$7::bigint[], $8::bigint[], $9::bigint[], $10::timestamptz[], $11::bigint[], $12::text[], $14::bigint[],
			$15::bigint[])
			AS u (meter_id, read_at, energy_wh, sharp_wh, peak_wh, flat_wh, valley_wh, account_id, carry_micro,
				usage_period, usage_wh, fault, reverse_wh, fee_carry_micro)
		WHERE b.meter_id = u.meter_id`,
		pq.Array(ids), pq.Array(readAt), pq.Array(energy), pq.Array(sharp), pq.Array(peak), pq.Array(flat),
		pq.Array(valley), pq.Array(accts), pq.Array(carry), pq.Array(usagePeriod), pq.Array(usageWh),
		pq.Array(faults), tx.now, pq.Array(reverse), pq.Array(feeCarry))
	return mapError(err)
}
