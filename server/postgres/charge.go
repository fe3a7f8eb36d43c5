package postgres

import (
	"context"
	"slices"
	"sync"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// ChargeService implements voltpay.ChargeService: it turns meter readings
// into charge entries in the ledger, a batch of meters per transaction, set
// by set: one statement locks the batch's billing states, one reads all
// their new readings, the pricing runs in Go (billing.Pricer.Charge), one
// INSERT writes every entry (the ledger trigger still moves each balance)
// and one UPDATE moves every state. The cost per batch is then a dozen
// round trips however many readings it holds (docs/BENCHMARKS.md,
// "Charging (billing)").
//
// Exactly once: a meter's billing state (meter_billing) is locked for the
// whole transaction and moves with its entries in the same commit, so a
// reading is charged by whoever holds the lock first and is behind the
// state for everyone after. Each entry's idempotency key names the meter
// and the reading (charge:<meter id>:<read_at in Unix µs>) and is unique in
// the ledger, so even a state put back by hand never charges a reading twice.
//
// What is charged, and what is not (documented choices):
//   - a meter's first reading is the baseline of its series: nothing is
//     charged for it;
//   - consumption while the meter has no open account is not billed: the
//     state moves over those readings without charging (the next tenant
//     pays from their own first reading on);
//   - meter-billed meters (prepaid_mode meter) deduct the energy themselves:
//     the state moves without charging, so nothing is charged twice;
//   - a series belongs to one account: when the meter's account changes, its
//     carry and tier usage start afresh;
//   - a fault (voltpay.FaultRegisterFell, a bad register, an implausible
//     amount) stops the meter's charging at its last good reading until an
//     operator corrects it; voltpay.FaultNoTariff only waits for a tariff;
//   - reverse energy (meter_readings.reverse_wh) is charged as consumption,
//     with the forward energy's (billing.Registers.ReverseWh);
//   - a replaced meter (换表) is charged up to its final reading in the
//     replacement's transaction, and the new meter's series starts at its
//     starting register then (AccountService.ReplaceMeter, chargeFinal).
//   - the site's service fee (voltpay.Site.ServiceFeeBP) is taken on each
//     reading's exact charge as a service_fee entry of its own, after the
//     charge in the same INSERT, keyed like it with ":fee" appended, and
//     rounded to fen by a carry of its own (billing.Series.FeeCarry), so
//     receipts show it apart and a year of fees adds up exactly; a site
//     without a fee (0) writes none.
type ChargeService struct {
	db     *DB
	pricer billing.Pricer
}

// NewChargeService returns a ChargeService on db, pricing in China time.
func NewChargeService(db *DB) *ChargeService { return &ChargeService{db: db} }

var _ voltpay.ChargeService = (*ChargeService)(nil)

// MaxChargeBatch is how many meters one transaction of ChargeMeters takes;
// more are charged in several transactions, one after the other.
const MaxChargeBatch = 2000

// ChargeParallel is how many transactions ChargeMeters runs at once, on
// disjoint sets of meters. Most of a batch's time is PostgreSQL running
// the ledger trigger for each entry, on one core per transaction: two
// keep a two-core database busy (docs/BENCHMARKS.md). Batches cannot
// deadlock each other: each locks its billing states and then its
// accounts, each set in id order.
const ChargeParallel = 2

// minChargeBatch is the fewest meters worth a transaction of their own
// when ChargeMeters splits a call over ChargeParallel transactions.
const minChargeBatch = 100

// MaxChargeReadingsPerMeter bounds the readings of one meter charged in one
// transaction (a meter back after a long gap, a backlog after an outage):
// the rest waits for the next call, and ChargeStats.Backlog says so.
const MaxChargeReadingsPerMeter = 2000

// chargeActor is who the charge entries name (LedgerEntry.Actor).
const chargeActor = "billing"

// ChargeMeters charges the readings of meterIDs newer than each meter's
// billing state, in transactions of at most MaxChargeBatch meters,
// ChargeParallel of them at a time. Unknown ids are ignored. On an error
// the batches already committed stay charged (the stats count them) and a
// retry carries on where they ended. Errors: UNAVAILABLE.
func (s *ChargeService) ChargeMeters(ctx context.Context, meterIDs []int64) (voltpay.ChargeStats, error) {
	ids := slices.Clone(meterIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	size := min(MaxChargeBatch, max(minChargeBatch, (len(ids)+ChargeParallel-1)/ChargeParallel))
	chunks := slices.Collect(slices.Chunk(ids, size))
	var (
		mu    sync.Mutex
		total voltpay.ChargeStats
		first error
		wg    sync.WaitGroup
		next  = make(chan []int64)
	)
	for range min(ChargeParallel, len(chunks)) {
		wg.Go(func() {
			for chunk := range next {
				var st voltpay.ChargeStats
				err := s.db.inTx(ctx, func(tx *Tx) error {
					st = voltpay.ChargeStats{}
					_, err := s.chargeBatch(ctx, tx, chunk, nil, &st)
					return err
				})
				mu.Lock()
				if err != nil && first == nil {
					first = err
				} else if err == nil {
					total.Add(st)
				}
				mu.Unlock()
			}
		})
	}
	for _, chunk := range chunks {
		mu.Lock()
		failed := first != nil
		mu.Unlock()
		if failed {
			break
		}
		next <- chunk
	}
	close(next)
	wg.Wait()
	return total, first
}

// chargeBatch charges one batch of meters (ids in id order) in tx and
// returns their states after charging. finals, when not nil, holds final
// readings by meter (a replaced meter's, see chargeFinal): the meter's
// readings are charged up to it and it is charged last.
func (s *ChargeService) chargeBatch(ctx context.Context, tx *Tx, ids []int64, finals map[int64]billing.Registers, st *voltpay.ChargeStats) ([]*chargeState, error) {
	states, err := lockChargeStates(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	if err := readNewReadings(ctx, tx, states, st); err != nil {
		return nil, err
	}
	for _, c := range states {
		if f, ok := finals[c.MeterID]; ok {
			c.readings = append(slices.DeleteFunc(c.readings, func(r billing.Registers) bool { return !r.At.Before(f.At) }), f)
			st.Readings++
		}
	}
	billed, balances, err := s.lockBilledAccounts(ctx, tx, states)
	if err != nil {
		return nil, err
	}
	schedules, err := loadSchedules(ctx, tx, states, billed)
	if err != nil {
		return nil, err
	}
	var entries chargeEntries
	for _, c := range states {
		if len(c.readings) == 0 {
			continue
		}
		st.Meters++
		st.Charged = append(st.Charged, c.MeterID)
		s.advance(c, billed, schedules[c.MeterID], &entries, st)
		if len(c.readings) >= MaxChargeReadingsPerMeter && c.series.Fault == "" {
			st.Backlog = append(st.Backlog, c.MeterID) // more to come, unless a fault stopped it
		}
	}
	if err := insertRateSplits(ctx, tx, &entries.splits); err != nil {
		return nil, err
	}
	if err := s.insertCharges(ctx, tx, &entries, balances, st); err != nil {
		return nil, err
	}
	return states, saveChargeStates(ctx, tx, states)
}

// PendingMeters lists meters whose latest reading (meters.last_read_at,
// kept by RecordReadings) is newer than their billing state, skipping those
// stopped on a fault, in id order after afterID. Errors: UNAVAILABLE.
func (s *ChargeService) PendingMeters(ctx context.Context, afterID int64, limit int) ([]int64, error) {
	ids := []int64{}
	err := s.db.SelectContext(ctx, &ids, `
		SELECT m.id
		FROM meters m
		LEFT JOIN meter_billing b ON b.meter_id = m.id
		WHERE m.id > $1 AND m.last_read_at IS NOT NULL
		  AND (b.meter_id IS NULL OR ((b.read_at IS NULL OR b.read_at < m.last_read_at)
		       AND (b.fault = '' OR starts_with(b.fault, $3))))
		ORDER BY m.id
		LIMIT $2`, afterID, max(limit, 1), voltpay.FaultNoTariff)
	return ids, mapError(err)
}

// billedAccounts are the open accounts a batch charges, locked for it, each
// with its site's service fee in basis points (0: none).
type billedAccounts map[int64]int

// has reports whether the account id (nil: none) is billed in the batch.
func (b billedAccounts) has(id *int64) bool {
	if id == nil {
		return false
	}
	_, ok := b[*id]
	return ok
}

// lockBilledAccounts locks, in id order, the open accounts that the batch
// charges (platform-billed meters with new readings) and returns their ids,
// each with its site's service fee in basis points (voltpay.Site.ServiceFeeBP),
// read once for the batch in the same statement, and the balance of each
// that keeps one shared balance (insertCharges writes those entries with
// their balances after, in one move per account). Locking them first keeps a
// concurrent close (销户) from slipping in between the read of the meter and
// its entries, and keeps batches from deadlocking with other multi-account
// writers. The site is not locked: a fee changed meanwhile applies from the
// next batch on.
func (s *ChargeService) lockBilledAccounts(ctx context.Context, tx *Tx, states []*chargeState) (billedAccounts, map[int64]voltpay.Fen, error) {
	var ids []int64
	for _, c := range states {
		if len(c.readings) > 0 && c.AccountID != nil && c.PrepaidMode == voltpay.PrepaidPlatform {
			ids = append(ids, *c.AccountID)
		}
	}
	billed, balances := billedAccounts{}, map[int64]voltpay.Fen{}
	if len(ids) == 0 {
		return billed, balances, nil
	}
	slices.Sort(ids)
	open := []struct {
		ID      int64       `db:"id"`
		FeeBP   int         `db:"service_fee_bp"`
		Balance voltpay.Fen `db:"balance_fen"`
		Mode    string      `db:"balance_mode"`
	}{}
	if err := tx.SelectContext(ctx, &open, `
		SELECT a.id, CASE WHEN s.service_fee_on = 'charge' THEN s.service_fee_bp ELSE 0 END AS service_fee_bp,
			a.balance_fen, a.balance_mode
		FROM accounts a
		JOIN sites s ON s.id = a.site_id
		WHERE a.id = ANY($1) AND a.status = 'open'
		ORDER BY a.id
		FOR NO KEY UPDATE OF a`, pq.Array(slices.Compact(ids))); err != nil {
		return nil, nil, mapError(err)
	}
	for _, a := range open {
		billed[a.ID] = a.FeeBP
		if a.Mode == voltpay.BalanceShared {
			balances[a.ID] = a.Balance
		}
	}
	return billed, balances, nil
}
