package postgres

import (
	"context"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// chargeEntries are the charge and service fee entries of a batch, column
// by column, as unnest takes them, each reading's fee right after its
// charge.
type chargeEntries struct {
	accountIDs, meterIDs, amounts []int64
	types, keys, notes            []string
}

// add adds an entry of type typ (voltpay.EntryCharge or
// voltpay.EntryServiceFee) taking fen from the account.
func (es *chargeEntries) add(typ string, accountID, meterID int64, fen voltpay.Fen, key, note string) {
	es.types = append(es.types, typ)
	es.accountIDs = append(es.accountIDs, accountID)
	es.meterIDs = append(es.meterIDs, meterID)
	es.amounts = append(es.amounts, -int64(fen))
	es.keys = append(es.keys, key)
	es.notes = append(es.notes, note)
}

// insertChargesQuery inserts the batch's entries in one statement; the
// ledger trigger numbers each receipt and moves each balance, in array
// order. An entry whose key is already in the ledger is left out by a
// lookup of its key, not by ON CONFLICT DO NOTHING: the BEFORE INSERT
// trigger runs before a conflict is detected, so ON CONFLICT would move the
// balance for an entry it then drops. The lookup is race-free here because
// the keys belong to meters whose billing state this transaction holds
// locked; the unique key stays the last guard (a violation rolls the batch
// back). It is a LATERAL with LIMIT, not NOT EXISTS, so that it stays one
// probe of the key's index per entry: an anti-join may hash the whole
// ledger instead, a cost that grows with the ledger.
const insertChargesQuery = `
	INSERT INTO ledger_entries (account_id, type, amount_fen, balance_after_fen, idempotency_key, receipt_no,
		meter_id, actor, note, created_at)
	SELECT e.account_id, e.type, e.amount_fen, 0, e.key, '', e.meter_id, $6, e.note, $7
	FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $8::text[])
		AS e (account_id, meter_id, amount_fen, key, note, type)
	LEFT JOIN LATERAL (
		SELECT true AS found FROM ledger_entries l WHERE l.idempotency_key = e.key LIMIT 1) x ON true
	WHERE x.found IS NULL`

// insertCharges writes the entries and counts them in st. With an event
// bus it publishes, after commit, each charged account once with its new
// balance and its last entry.
func (s *ChargeService) insertCharges(ctx context.Context, tx *Tx, es *chargeEntries, st *voltpay.ChargeStats) error {
	if len(es.keys) == 0 {
		return nil
	}
	args := []any{pq.Array(es.accountIDs), pq.Array(es.meterIDs), pq.Array(es.amounts), pq.Array(es.keys),
		pq.Array(es.notes), chargeActor, tx.now, pq.Array(es.types)}
	ev := s.db.Events
	if ev == nil {
		var n int
		var charged, fees voltpay.Fen
		if err := tx.QueryRowContext(ctx, `WITH e AS (`+insertChargesQuery+` RETURNING type, amount_fen)
			SELECT count(*), coalesce(-sum(amount_fen) FILTER (WHERE type = 'charge'), 0),
				coalesce(-sum(amount_fen) FILTER (WHERE type = 'service_fee'), 0)
			FROM e`, args...).Scan(&n, &charged, &fees); err != nil {
			return mapError(err)
		}
		st.Entries += n
		st.ChargedFen += charged
		st.FeeFen += fees
		return nil
	}
	entries := []*voltpay.LedgerEntry{}
	if err := tx.SelectContext(ctx, &entries, insertChargesQuery+` RETURNING `+entryColumns, args...); err != nil {
		return mapError(err)
	}
	last := map[int64]*voltpay.LedgerEntry{}
	var ids []int64
	for _, e := range entries {
		st.Entries++
		if e.Type == voltpay.EntryServiceFee {
			st.FeeFen -= e.AmountFen
		} else {
			st.ChargedFen -= e.AmountFen
		}
		if last[e.AccountID] == nil {
			ids = append(ids, e.AccountID)
		}
		if p := last[e.AccountID]; p == nil || p.ID < e.ID {
			last[e.AccountID] = e
		}
	}
	if len(ids) == 0 {
		return nil
	}
	accounts := []*voltpay.Account{}
	if err := tx.SelectContext(ctx, &accounts, `SELECT `+accountColumns+` FROM accounts WHERE id = ANY($1) ORDER BY id`,
		pq.Array(ids)); err != nil {
		return mapError(err)
	}
	tx.AfterCommit(func() {
		for _, a := range accounts {
			ev.PublishBalance(voltpay.BalanceChange{Account: a, Entry: last[a.ID]})
		}
	})
	return nil
}
