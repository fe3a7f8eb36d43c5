package postgres

import (
	"context"
	"errors"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// chargeEntries are the charge and service fee entries of a batch, column
// by column, as unnest takes them, each reading's fee right after its
// charge.
type chargeEntries struct {
	accountIDs, meterIDs, amounts []int64
	types, keys, notes            []string
	balancesAfter                 []int64 // set by batched: each account's balance after the entry
	// splits are the charges split by rate (charge_rate_days); kept
	// beside the entries, not split with them.
	splits rateSplits
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
	SELECT e.account_id, e.type, e.amount_fen, e.balance_after, e.key, '', e.meter_id, $6, e.note, $7
	FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $8::text[], $9::bigint[])
		AS e (account_id, meter_id, amount_fen, key, note, type, balance_after)
	LEFT JOIN LATERAL (
		SELECT true AS found FROM ledger_entries l WHERE l.idempotency_key = e.key LIMIT 1) x ON true
	WHERE x.found IS NULL`

// insertCharges writes the entries and counts them in st. The entries of
// accounts in balances (open, one shared balance, locked by the batch)
// go in one batched statement: their balances after are computed here and
// the database moves each account once and checks every balance after
// (ledger_after_batch in schema.sql), instead of one account UPDATE per
// entry, which was most of the cost of charging (docs/BENCHMARKS.md).
// Should that check fail (an entry left out because its key was already
// in the ledger shifts the running sums), the batch is written entry by
// entry instead. The other entries (accounts with a balance per meter)
// are written entry by entry.
func (s *ChargeService) insertCharges(ctx context.Context, tx *Tx, es *chargeEntries, balances map[int64]voltpay.Fen, st *voltpay.ChargeStats) error {
	batched, single := es.split(balances)
	if len(batched.keys) > 0 {
		err := s.insertBatched(ctx, tx, batched, st)
		if isBatchMismatch(err) {
			err = s.insertEntries(ctx, tx, batched, st)
		}
		if err != nil {
			return err
		}
	}
	return s.insertEntries(ctx, tx, single, st)
}

// split parts the entries into those of accounts in balances, with their
// balances after, and the others.
func (es *chargeEntries) split(balances map[int64]voltpay.Fen) (batched, single *chargeEntries) {
	batched, single = &chargeEntries{}, &chargeEntries{}
	running := map[int64]int64{}
	for i, acct := range es.accountIDs {
		into := single
		bal, ok := balances[acct]
		if ok {
			into = batched
			if _, seen := running[acct]; !seen {
				running[acct] = int64(bal)
			}
			running[acct] += es.amounts[i]
		}
		into.types = append(into.types, es.types[i])
		into.accountIDs = append(into.accountIDs, acct)
		into.meterIDs = append(into.meterIDs, es.meterIDs[i])
		into.amounts = append(into.amounts, es.amounts[i])
		into.keys = append(into.keys, es.keys[i])
		into.notes = append(into.notes, es.notes[i])
		into.balancesAfter = append(into.balancesAfter, running[acct])
	}
	return batched, single
}

// insertBatched writes es with voltpay.batch_balances on, inside a
// savepoint so that a failed check leaves the transaction usable.
func (s *ChargeService) insertBatched(ctx context.Context, tx *Tx, es *chargeEntries, st *voltpay.ChargeStats) error {
	if _, err := tx.ExecContext(ctx, `SAVEPOINT charge_batch; SELECT set_config('voltpay.batch_balances', 'on', true)`); err != nil {
		return mapError(err)
	}
	var counted voltpay.ChargeStats
	err := s.insertEntries(ctx, tx, es, &counted)
	if _, rerr := tx.ExecContext(ctx, undoBatch(err)); rerr != nil && err == nil {
		err = mapError(rerr)
	}
	if err == nil {
		st.Entries += counted.Entries
		st.ChargedFen += counted.ChargedFen
		st.FeeFen += counted.FeeFen
	}
	return err
}

// undoBatch ends insertBatched's savepoint: kept when the insert worked,
// undone when it failed; the flag goes off either way.
func undoBatch(err error) string {
	if err != nil {
		return `ROLLBACK TO SAVEPOINT charge_batch; SELECT set_config('voltpay.batch_balances', 'off', true)`
	}
	return `SELECT set_config('voltpay.batch_balances', 'off', true); RELEASE SAVEPOINT charge_batch`
}

// isBatchMismatch reports the batched check's failure (VPX01).
func isBatchMismatch(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == "VPX01"
}

// insertEntries writes es in one statement. With an event bus it
// publishes, after commit, each charged account once with its new balance
// and its last entry.
func (s *ChargeService) insertEntries(ctx context.Context, tx *Tx, es *chargeEntries, st *voltpay.ChargeStats) error {
	if len(es.keys) == 0 {
		return nil
	}
	if es.balancesAfter == nil {
		es.balancesAfter = make([]int64, len(es.keys))
	}
	args := []any{pq.Array(es.accountIDs), pq.Array(es.meterIDs), pq.Array(es.amounts), pq.Array(es.keys),
		pq.Array(es.notes), chargeActor, tx.now, pq.Array(es.types), pq.Array(es.balancesAfter)}
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
	for _, a := range accounts {
		tx.balanceChanged(a, last[a.ID])
	}
	return nil
}
