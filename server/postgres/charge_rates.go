package postgres

import (
	"context"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay/billing"
)

// rateSplits are a batch's charges split by rate and tier
// (billing.RateSplit), column by column as unnest takes them, each part
// with the key of the charge entry it belongs to.
type rateSplits struct {
	keys, rates          []string
	meterIDs, accountIDs []int64
	readAt               []time.Time
	tiers                []int
	energy, exact, fen   []int64
}

// add adds the parts of charge ch of meterID's reading, keyed key.
func (rs *rateSplits) add(accountID, meterID int64, key string, ch billing.Charge) {
	for _, p := range billing.RateSplit(ch) {
		rs.keys, rs.rates = append(rs.keys, key), append(rs.rates, p.Rate)
		rs.meterIDs, rs.accountIDs = append(rs.meterIDs, meterID), append(rs.accountIDs, accountID)
		rs.readAt, rs.tiers = append(rs.readAt, ch.To), append(rs.tiers, p.Tier)
		rs.energy, rs.exact, rs.fen = append(rs.energy, int64(p.EnergyWh)), append(rs.exact, int64(p.Exact)), append(rs.fen, int64(p.Fen))
	}
}

// insertRateSplits adds the batch's parts to charge_rate_days, by the local
// day of the reading charged and of the booking (tx.now), in one statement.
// It runs before the entries are written and leaves out the parts of a
// charge whose key is already in the ledger, as insertChargesQuery leaves
// out the entry (race-free for the same reason: the batch holds the
// meters' billing states), so the rollup's fen are exactly the fen of the
// entries written. The key lookup is a LATERAL with LIMIT for the reason
// given there.
func insertRateSplits(ctx context.Context, tx *Tx, rs *rateSplits) error {
	if len(rs.keys) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO charge_rate_days AS c (meter_id, account_id, day, booked_on, rate, tier, energy_wh, exact_micro, amount_fen)
		SELECT p.meter_id, p.account_id, (p.read_at AT TIME ZONE st.timezone)::date, ($10::timestamptz AT TIME ZONE st.timezone)::date,
			p.rate, p.tier, sum(p.energy), sum(p.exact), sum(p.fen)
		FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::timestamptz[], $5::text[], $6::int[], $7::bigint[], $8::bigint[], $9::bigint[])
			AS p (key, meter_id, account_id, read_at, rate, tier, energy, exact, fen)
		JOIN meters m ON m.id = p.meter_id
		JOIN sites st ON st.id = m.site_id
		LEFT JOIN LATERAL (
			SELECT true AS found FROM ledger_entries l WHERE l.idempotency_key = p.key LIMIT 1) x ON true
		WHERE x.found IS NULL
		GROUP BY 1, 2, 3, 4, 5, 6
		ON CONFLICT (meter_id, account_id, day, booked_on, rate, tier) DO UPDATE SET
			energy_wh = c.energy_wh + excluded.energy_wh, exact_micro = c.exact_micro + excluded.exact_micro,
			amount_fen = c.amount_fen + excluded.amount_fen`,
		pq.Array(rs.keys), pq.Array(rs.meterIDs), pq.Array(rs.accountIDs), pq.Array(rs.readAt), pq.Array(rs.rates),
		pq.Array(rs.tiers), pq.Array(rs.energy), pq.Array(rs.exact), pq.Array(rs.fen), tx.now)
	return mapError(err)
}
