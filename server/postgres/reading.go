package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// ReadingService implements voltpay.ReadingService: it stores what
// meterlink reads in bulk and keeps each meter's latest state (energy, read
// time, relay, online) on the meters row.
type ReadingService struct{ db *DB }

// NewReadingService returns a ReadingService on db.
func NewReadingService(db *DB) *ReadingService { return &ReadingService{db: db} }

var _ voltpay.ReadingService = (*ReadingService)(nil)

// readingColumnList lists the meter_readings columns in COPY and scan order.
var readingColumnList = []string{"meter_id", "read_at", "meter_clock", "energy_wh", "sharp_wh", "peak_wh",
	"flat_wh", "valley_wh", "reverse_wh", "voltage_dv", "current_ma", "power_w", "power_factor_milli",
	"frequency_chz", "balance_fen", "purchase_count", "relay", "status_word"}

var readingColumns = strings.Join(readingColumnList, ", ")

// MaxReadingBatch bounds one RecordReadings call.
const MaxReadingBatch = 50_000

// RecordReadings stores a batch of readings in one transaction: COPY into a
// session-local staging table, then one INSERT … ON CONFLICT DO NOTHING, so
// a reading already stored (same meter and read_at, to the microsecond) is
// skipped and a batch can be retried. Duplicates within the batch count
// once. Each meter's latest state moves to its newest reading in the batch,
// only forward in time (an older, late batch never moves it back); relay is
// taken from that reading when it has one, and the meter is online. The
// readings are folded into the energy rollup (energy_days) in the same
// transaction (rollupReadings).
//
// After commit it publishes (db.Events) only the meters whose relay or
// online state changed, so a steady polling loop keeps the bus quiet.
// Errors: INVALID_INPUT (a bad reading, naming its index), NOT_FOUND
// (unknown meter ids, all named; nothing is stored), UNAVAILABLE.
func (s *ReadingService) RecordReadings(ctx context.Context, rs []*voltpay.Reading) (int, error) {
	batch, ids, err := prepareReadings(rs)
	if err != nil || len(batch) == 0 {
		return 0, err
	}
	var stored int
	err = s.db.inTx(ctx, func(tx *Tx) error {
		before, err := lockMeters(ctx, tx, ids)
		if err != nil {
			return err
		}
		if stored, err = stageReadings(ctx, tx, batch); err != nil {
			return err
		}
		if err := rollupReadings(ctx, tx, batch); err != nil {
			return err
		}
		return s.advanceMeters(ctx, tx, before)
	})
	if err != nil {
		return 0, err
	}
	return stored, nil
}

// prepareReadings validates rs and returns it without duplicates (same
// meter and read_at), plus the distinct meter ids in id order.
func prepareReadings(rs []*voltpay.Reading) ([]*voltpay.Reading, []int64, error) {
	if len(rs) > MaxReadingBatch {
		return nil, nil, voltpay.Invalid("readings", "a batch holds at most %d readings, got %d; split it", MaxReadingBatch, len(rs))
	}
	type key struct{ meter, micros int64 }
	seen := make(map[key]bool, len(rs))
	meters := map[int64]bool{}
	out := make([]*voltpay.Reading, 0, len(rs))
	for i, r := range rs {
		if err := validateReading(i, r); err != nil {
			return nil, nil, err
		}
		k := key{r.MeterID, r.ReadAt.UnixMicro()}
		if seen[k] {
			continue
		}
		seen[k] = true
		meters[r.MeterID] = true
		out = append(out, r)
	}
	ids := make([]int64, 0, len(meters))
	for id := range meters {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return out, ids, nil
}

func validateReading(i int, r *voltpay.Reading) error {
	field := fmt.Sprintf("readings[%d]", i)
	switch {
	case r == nil:
		return voltpay.Invalid(field, "reading %d is empty", i)
	case r.MeterID <= 0:
		return voltpay.Invalid(field+".meterId", "reading %d has no meter id", i)
	case r.ReadAt.IsZero():
		return voltpay.Invalid(field+".readAt", "reading %d of meter %d has no read time", i, r.MeterID)
	case r.EnergyWh < 0:
		return voltpay.Invalid(field+".energyWh", "reading %d of meter %d has negative energy %d Wh", i, r.MeterID, r.EnergyWh)
	case r.Relay != nil && *r.Relay != voltpay.RelayClosed && *r.Relay != voltpay.RelayOpen:
		return voltpay.Invalid(field+".relay", "reading %d of meter %d has relay %q; use closed or open", i, r.MeterID, *r.Relay)
	}
	return nil
}

// meterState is what a change event depends on, and (Overload) whether the
// meter's readings are checked against an overload threshold, (OnMeter)
// whether their balance is reconciled with the platform's mirror.
type meterState struct {
	ID       int64  `db:"id"`
	Relay    string `db:"relay"`
	Online   bool   `db:"online"`
	Overload bool   `db:"overload"`
	OnMeter  bool   `db:"on_meter"` // meter-billed: its balance is reconciled
}

// lockMeters locks the meters' rows in id order (so concurrent batches
// cannot deadlock), returns their relay and online state, and NOT_FOUND
// naming every id that is not a meter.
func lockMeters(ctx context.Context, tx *Tx, ids []int64) (map[int64]meterState, error) {
	rows := []meterState{}
	if err := tx.SelectContext(ctx, &rows, `
		SELECT id, relay, online, overload_w IS NOT NULL AS overload, prepaid_mode = 'meter' AS on_meter
		FROM meters
		WHERE id = ANY($1)
		ORDER BY id
		FOR NO KEY UPDATE`, pq.Array(ids)); err != nil {
		return nil, mapError(err)
	}
	got := make(map[int64]meterState, len(rows))
	for _, r := range rows {
		got[r.ID] = r
	}
	var missing []string
	for _, id := range ids {
		if _, ok := got[id]; !ok {
			missing = append(missing, fmt.Sprint(id))
		}
	}
	if len(missing) > 0 {
		return nil, voltpay.Errorf(voltpay.ENOTFOUND, "meters not found: %s; nothing was stored", strings.Join(missing, ", "))
	}
	return got, nil
}

// stageReadings copies batch into reading_stage and moves the new ones into
// meter_readings, returning how many were new.
func stageReadings(ctx context.Context, tx *Tx, batch []*voltpay.Reading) (int, error) {
	if _, err := tx.ExecContext(ctx, `
		CREATE TEMP TABLE IF NOT EXISTS reading_stage (LIKE meter_readings INCLUDING DEFAULTS)
		ON COMMIT DELETE ROWS`); err != nil {
		return 0, mapError(err)
	}
	stmt, err := tx.PrepareContext(ctx, pq.CopyIn("reading_stage", readingColumnList...))
	if err != nil {
		return 0, mapError(err)
	}
	defer stmt.Close()
	for _, r := range batch {
		// Truncated as the dedupe key is: PostgreSQL would round.
		if _, err := stmt.ExecContext(ctx, r.MeterID, r.ReadAt.Truncate(time.Microsecond), r.MeterClock, int64(r.EnergyWh), r.SharpWh, r.PeakWh,
			r.FlatWh, r.ValleyWh, r.ReverseWh, r.VoltageDV, r.CurrentMA, r.PowerW, r.PowerFactorMilli,
			r.FrequencyCHz, r.BalanceFen, r.PurchaseCount, r.Relay, r.StatusWord); err != nil {
			return 0, mapError(err)
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		return 0, mapError(err)
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO meter_readings (`+readingColumns+`)
		SELECT `+readingColumns+` FROM reading_stage
		ON CONFLICT DO NOTHING`)
	if err != nil {
		return 0, mapError(err)
	}
	n, err := res.RowsAffected()
	return int(n), mapError(err)
}

// advanceMeters moves each meter's latest state to its newest staged
// reading when that is newer than what the meter has, and schedules change
// events for meters whose relay or online state changed (before: their
// state under lock).
//
// Only the id, relay and online of the updated rows come back; the full rows
// are read only for the meters whose state changed (none in a steady
// polling loop), which keeps a batch of a poll cycle cheap. Alarms cost
// the steady state nothing either: offline alarms are cleared only for
// meters that came back online, overload is checked (one statement,
// meterAlarms) only when a meter of the batch has a threshold, and the
// balance (one statement, balanceAlarms) only of meter-billed meters.
func (s *ReadingService) advanceMeters(ctx context.Context, tx *Tx, before map[int64]meterState) error {
	updated := []meterState{}
	if err := tx.SelectContext(ctx, &updated, `
		UPDATE meters m
		SET last_energy_wh = r.energy_wh, last_read_at = r.read_at, relay = coalesce(r.relay, m.relay), online = true
		FROM (SELECT DISTINCT ON (meter_id) meter_id, read_at, energy_wh, relay
			FROM reading_stage
			ORDER BY meter_id, read_at DESC) r
		WHERE m.id = r.meter_id AND (m.last_read_at IS NULL OR m.last_read_at < r.read_at)
		RETURNING m.id, m.relay, m.online`); err != nil {
		return mapError(err)
	}
	var changed, cameOnline, overload, onMeter []int64
	for _, u := range updated {
		b, ok := before[u.ID]
		if !ok || b.Relay != u.Relay || b.Online != u.Online {
			changed = append(changed, u.ID)
		}
		if ok && !b.Online && u.Online {
			cameOnline = append(cameOnline, u.ID)
		}
		if b.Overload {
			overload = append(overload, u.ID)
		}
		if b.OnMeter {
			onMeter = append(onMeter, u.ID)
		}
	}
	if err := meterAlarms(ctx, tx, cameOnline, overload); err != nil {
		return err
	}
	if err := balanceAlarms(ctx, tx, onMeter); err != nil {
		return err
	}
	if s.db.Events == nil || len(changed) == 0 {
		return nil
	}
	ms := []*voltpay.Meter{}
	if err := tx.SelectContext(ctx, &ms, `SELECT `+meterColumns+` FROM meters WHERE id = ANY($1) ORDER BY id`,
		pq.Array(changed)); err != nil {
		return mapError(err)
	}
	s.publishChanged(tx, ms, before)
	return nil
}

// publishChanged schedules, after commit, an event for each meter whose
// relay or online state differs from before.
func (s *ReadingService) publishChanged(tx *Tx, ms []*voltpay.Meter, before map[int64]meterState) {
	ev := s.db.Events
	if ev == nil {
		return
	}
	for _, m := range ms {
		if b, ok := before[m.ID]; ok && b.Relay == m.Relay && b.Online == m.Online {
			continue
		}
		tx.AfterCommit(func() { ev.PublishMeter(m) })
	}
}

// MarkOffline records that meters stopped answering (失联): online becomes
// false. It publishes the meters that were online and raises an offline
// alarm on each of them (only on the change: a meter that stays silent
// cycle after cycle is not looked at again). Errors: NOT_FOUND (naming
// the unknown ids; nothing changes), UNAVAILABLE.
func (s *ReadingService) MarkOffline(ctx context.Context, meterIDs []int64) error {
	if len(meterIDs) == 0 {
		return nil
	}
	ids := slices.Clone(meterIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	return s.db.inTx(ctx, func(tx *Tx) error {
		before, err := lockMeters(ctx, tx, ids)
		if err != nil {
			return err
		}
		changed := []*voltpay.Meter{}
		if err := tx.SelectContext(ctx, &changed, `
			UPDATE meters SET online = false
			WHERE id = ANY($1) AND online
			RETURNING `+meterColumns, pq.Array(ids)); err != nil {
			return mapError(err)
		}
		s.publishChanged(tx, changed, before)
		ids := make([]int64, len(changed))
		for i, m := range changed {
			ids[i] = m.ID
		}
		raised, err := raiseMeterAlarms(ctx, tx, voltpay.AlarmOffline, "meter %s (room %s) stopped answering (失联)", ids)
		if err != nil {
			return err
		}
		publishAlarms(tx, raised)
		return nil
	})
}

// FindReadings returns one meter's readings newest first, a keyset page
// as findPage reads one, keyed by read_at (unique per meter): a cursor
// (PageArgs.After, Before) is a reading's read_at in Unix microseconds
// (voltpay.ReadingCursor). Total counts the filter (From inclusive, To
// exclusive) regardless of the cursors. A tenant reads only their own
// account's meters, and only from when the meter was attached to the
// account: what it measured for a tenant before is not theirs.
// Errors: INVALID_INPUT (no meter), NOT_FOUND, FORBIDDEN, UNAVAILABLE.
func (s *ReadingService) FindReadings(ctx context.Context, f voltpay.ReadingFilter) (*voltpay.Page[*voltpay.Reading], error) {
	if f.MeterID <= 0 {
		return nil, voltpay.Invalid("meterId", "choose a meter to list its readings")
	}
	var w where
	w.add("meter_id = ?", f.MeterID)
	w.add("read_at >= ?", f.From)
	w.add("read_at < ?", f.To)
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() {
		if _, err := NewMeterService(s.db).FindMeterByID(ctx, f.MeterID); err != nil {
			return nil, err
		}
		w.add(`read_at >= (SELECT coalesce(m.account_since, a.opened_at) FROM meters m
			JOIN accounts a ON a.id = m.account_id WHERE m.id = ?)`, f.MeterID)
	}
	return findKeyPage[*voltpay.Reading](ctx, s.db, readingColumns, "meter_readings", readingKey, w, f.Page, true)
}

// readingKey pages readings by read_at, a cursor being its Unix microseconds.
var readingKey = pageKey{column: "read_at", value: func(c int64) any { return time.UnixMicro(c).UTC() }}

// LatestReadings returns the newest reading of each meter in meterIDs, in
// one query for dataloaders: a LATERAL lookup per meter that walks the
// primary key (meter_id, read_at) backwards, so its cost does not grow with
// the history. Meters never read (or unknown) have no key. A tenant gets
// only their own account's meters. Errors: UNAVAILABLE.
func (s *ReadingService) LatestReadings(ctx context.Context, meterIDs []int64) (map[int64]*voltpay.Reading, error) {
	out := make(map[int64]*voltpay.Reading, len(meterIDs))
	if len(meterIDs) == 0 {
		return out, nil
	}
	var account *int64
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() {
		account = &p.AccountID
	}
	rows := []*voltpay.Reading{}
	if err := s.db.SelectContext(ctx, &rows, `
		SELECT r.*
		FROM unnest($1::bigint[]) AS q (id)
		CROSS JOIN LATERAL (
			SELECT `+readingColumns+`
			FROM meter_readings
			WHERE meter_id = q.id
			ORDER BY read_at DESC
			LIMIT 1) r
		WHERE $2::bigint IS NULL OR EXISTS (SELECT 1 FROM meters m WHERE m.id = q.id AND m.account_id = $2)`,
		pq.Array(meterIDs), account); err != nil {
		return nil, mapError(err)
	}
	for _, r := range rows {
		out[r.MeterID] = r
	}
	return out, nil
}
