package postgres

import (
	"context"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// ControlStore implements billing.ControlStore: what the billing
// controller reads of accounts, meters and commands, and the account
// alarms it keeps.
//
// Arrears-since (billing.AccountControl.TurnAt) is derived from the ledger,
// not stored: the balance's turn is the first entry after the last one
// whose balance_after_fen lies on the other side of zero, found by walking
// the account's entries newest first (index ledger_account_idx) over the
// current side only. The ledger is the truth of every balance, so the
// turn can never disagree with it, and the ledger trigger (the hot path of
// every sale and charge) stays as it is; the price is a walk as long as
// the current run of entries on one side of zero, paid per evaluation.
type ControlStore struct{ db *DB }

// NewControlStore returns a ControlStore on db.
func NewControlStore(db *DB) *ControlStore { return &ControlStore{db: db} }

var _ billing.ControlStore = (*ControlStore)(nil)

// liveControlKinds are the commands whose live presence makes the
// controller wait (billing.MeterControl.Live): those on the relay and
// guarantee axes. Live also counts one confirmed after the meter's last
// reading: the executor reads the meter back right after confirming, and
// until then the stored relay is stale (a forced trip would look closed).
var liveControlKinds = pq.Array([]string{voltpay.CmdTrip, voltpay.CmdClose, voltpay.CmdCloseAllowed,
	voltpay.CmdGuaranteeOn, voltpay.CmdGuaranteeOff, voltpay.CmdRestorePrepaid})

type accountControlRow struct {
	AccountID int64          `db:"id"`
	SiteID    int64          `db:"site_id"`
	Status    string         `db:"status"`
	Balance   voltpay.Fen    `db:"balance_fen"`
	Alarm1    voltpay.Fen    `db:"alarm1_fen"`
	Alarm2    voltpay.Fen    `db:"alarm2_fen"`
	Overdraft voltpay.Fen    `db:"overdraft_limit_fen"`
	Mode      string         `db:"balance_mode"`
	Turn      int64          `db:"turn"`
	TurnAt    time.Time      `db:"turn_at"`
	Alarms    pq.StringArray `db:"alarms"`
	siteControlRow
}

type meterControlRow struct {
	AccountID   int64  `db:"account_id"`
	MeterID     int64  `db:"id"`
	Mode        string `db:"control_mode"`
	ModeCommand int64  `db:"control_command_id"`
	Relay       string `db:"relay"`
	Live        bool   `db:"live"`
}

// AccountControls reads the accounts accountIDs and the accounts of
// meterIDs, with their turns, open alarms and active platform-billed
// meters, in two queries. Errors: UNAVAILABLE.
func (s *ControlStore) AccountControls(ctx context.Context, accountIDs, meterIDs []int64) ([]*billing.AccountControl, error) {
	if len(accountIDs) == 0 && len(meterIDs) == 0 {
		return nil, nil
	}
	rows := []*accountControlRow{}
	if err := s.db.SelectContext(ctx, &rows, `
		SELECT a.id, a.site_id, a.status, a.balance_fen, a.alarm1_fen, a.alarm2_fen, a.overdraft_limit_fen, a.balance_mode,
			coalesce(t.id, 0) AS turn, coalesce(t.created_at, a.opened_at) AS turn_at, `+siteControlColumns+`,
			array(SELECT al.kind FROM alarms al
				WHERE al.account_id = a.id AND al.meter_id IS NULL AND al.cleared_at IS NULL ORDER BY al.kind) AS alarms
		FROM accounts a
		JOIN sites s ON s.id = a.site_id
		LEFT JOIN LATERAL (
			SELECT e.id, e.created_at FROM ledger_entries e
			WHERE e.account_id = a.id AND e.id > coalesce((
				SELECT p.id FROM ledger_entries p
				WHERE p.account_id = a.id AND (p.balance_after_fen > 0) <> (a.balance_fen > 0)
				ORDER BY p.id DESC LIMIT 1), 0)
			ORDER BY e.id LIMIT 1) t ON true
		WHERE a.id = ANY($1) OR a.id IN (SELECT account_id FROM meters WHERE id = ANY($2) AND account_id IS NOT NULL)
		ORDER BY a.id`, pq.Array(accountIDs), pq.Array(meterIDs)); err != nil {
		return nil, mapError(err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(rows))
	out := make([]*billing.AccountControl, len(rows))
	byID := map[int64]*billing.AccountControl{}
	for i, r := range rows {
		ids[i] = r.AccountID
		out[i] = &billing.AccountControl{AccountID: r.AccountID, SiteID: r.SiteID, Open: r.Status == voltpay.AccountOpen,
			Balance: r.Balance, Alarm1: r.Alarm1, Alarm2: r.Alarm2, Overdraft: r.Overdraft, Turn: r.Turn, TurnAt: r.TurnAt, OpenAlarms: r.Alarms,
			PerMeter: r.Mode == voltpay.BalancePerMeter}
		out[i].Policy, out[i].Loc = r.policy()
		byID[r.AccountID] = out[i]
	}
	meters := []*meterControlRow{}
	if err := s.db.SelectContext(ctx, &meters, `
		SELECT m.account_id, m.id, m.control_mode, coalesce(m.control_command_id, 0) AS control_command_id, m.relay,
			EXISTS (SELECT 1 FROM meter_commands c
				WHERE c.meter_id = m.id AND c.kind = ANY($2) AND (c.state IN ('pending', 'sent')
					OR (c.state = 'confirmed' AND c.done_at > coalesce(m.last_read_at, '-infinity')))) AS live
		FROM meters m
		WHERE m.account_id = ANY($1) AND m.status = 'active' AND m.prepaid_mode = 'platform'
			AND m.protocol = 'dlt645' -- the relays meterlink can move (Modbus profiles have no control registers)
		ORDER BY m.id`, pq.Array(ids), liveControlKinds); err != nil {
		return nil, mapError(err)
	}
	for _, m := range meters {
		if a := byID[m.AccountID]; a != nil {
			a.Meters = append(a.Meters, billing.MeterControl{MeterID: m.MeterID, Mode: m.Mode, ModeCommand: m.ModeCommand,
				Relay: m.Relay, Live: m.Live})
		}
	}
	return out, s.loadWallets(ctx, ids, byID)
}

type walletRow struct {
	AccountID int64          `db:"account_id"`
	MeterID   int64          `db:"id"`
	Balance   voltpay.Fen    `db:"balance_fen"`
	Turn      int64          `db:"turn"`
	TurnAt    time.Time      `db:"turn_at"`
	Alarms    pq.StringArray `db:"alarms"`
}

// loadWallets reads the own balances of the active meters of the per-meter
// accounts among ids (billing.AccountControl.Wallets): each with its turn,
// found as the account's (see ControlStore) over the entries naming the
// meter since the account keeps a balance per meter (meter_balance_after_fen;
// index ledger_per_meter_idx), and its
// open balance alarms. Errors: UNAVAILABLE.
func (s *ControlStore) loadWallets(ctx context.Context, ids []int64, byID map[int64]*billing.AccountControl) error {
	var per []int64
	for _, id := range ids {
		if byID[id].PerMeter {
			per = append(per, id)
		}
	}
	if len(per) == 0 {
		return nil
	}
	rows := []*walletRow{}
	if err := s.db.SelectContext(ctx, &rows, `
		SELECT m.account_id, m.id, coalesce(b.balance_fen, 0) AS balance_fen,
			coalesce(t.id, 0) AS turn, coalesce(t.created_at, a.opened_at) AS turn_at,
			array(SELECT al.kind FROM alarms al
				WHERE al.meter_id = m.id AND al.kind = ANY($2) AND al.cleared_at IS NULL ORDER BY al.kind) AS alarms
		FROM meters m
		JOIN accounts a ON a.id = m.account_id
		LEFT JOIN meter_balances b ON b.account_id = m.account_id AND b.meter_id = m.id
		LEFT JOIN LATERAL (
			SELECT e.id, e.created_at FROM ledger_entries e
			WHERE e.account_id = m.account_id AND e.meter_id = m.id AND e.meter_balance_after_fen IS NOT NULL
				AND e.id > coalesce((
				SELECT p.id FROM ledger_entries p
				WHERE p.account_id = m.account_id AND p.meter_id = m.id AND p.meter_balance_after_fen IS NOT NULL
					AND (p.meter_balance_after_fen > 0) <> (coalesce(b.balance_fen, 0) > 0)
				ORDER BY p.id DESC LIMIT 1), 0)
			ORDER BY e.id LIMIT 1) t ON true
		WHERE m.account_id = ANY($1) AND m.status = 'active'
		ORDER BY m.id`, pq.Array(per), pq.Array(balanceAlarmKinds)); err != nil {
		return mapError(err)
	}
	for _, r := range rows {
		if a := byID[r.AccountID]; a != nil {
			a.Wallets = append(a.Wallets, billing.MeterBalance{MeterID: r.MeterID, Balance: r.Balance, Turn: r.Turn,
				TurnAt: r.TurnAt, OpenAlarms: r.Alarms})
		}
	}
	return nil
}

// balanceAlarmKinds are the alarms the controller keeps on balances.
var balanceAlarmKinds = []string{voltpay.AlarmLevel1, voltpay.AlarmLevel2, voltpay.AlarmArrears}

// SweepAccounts lists open accounts at or below alarm 1 (so every one in
// arrears, alarm 1 being ≥ 0: its deferred trip is re-decided), with an open
// account alarm, or with an active meter whose relay is open or that an
// operator's forced trip has not opened yet, in id order after afterID.
// Errors: UNAVAILABLE.
func (s *ControlStore) SweepAccounts(ctx context.Context, afterID int64, limit int) ([]int64, error) {
	ids := []int64{}
	err := s.db.SelectContext(ctx, &ids, `
		SELECT a.id FROM accounts a
		WHERE a.id > $1 AND (
			(a.status = 'open' AND a.balance_fen <= a.alarm1_fen)
			OR EXISTS (SELECT 1 FROM alarms al WHERE al.account_id = a.id AND al.meter_id IS NULL AND al.cleared_at IS NULL)
			OR EXISTS (SELECT 1 FROM alarms al WHERE al.account_id = a.id AND al.meter_id IS NOT NULL
				AND al.kind = ANY($3) AND al.cleared_at IS NULL)
			OR (a.status = 'open' AND a.balance_mode = 'per_meter' AND EXISTS (
				SELECT 1 FROM meters m
				LEFT JOIN meter_balances b ON b.account_id = m.account_id AND b.meter_id = m.id
				WHERE m.account_id = a.id AND m.status = 'active' AND coalesce(b.balance_fen, 0) <= a.alarm1_fen))
			OR (a.status = 'open' AND EXISTS (SELECT 1 FROM meters m WHERE m.account_id = a.id AND m.status = 'active'
				AND (m.relay = 'open' OR (m.control_mode = 'forced_trip' AND m.relay = 'closed')))))
		ORDER BY a.id
		LIMIT $2`, afterID, max(limit, 1), pq.Array(balanceAlarmKinds))
	return ids, mapError(err)
}

// ChangeAlarms raises and clears account alarms in one transaction (with
// the warnings of those raised: warnRaised): a
// raise inserts unless the account has that kind open (the partial unique
// index alarms_open_account_uniq decides races), a clear stamps cleared_at
// on the open one. It returns the alarms it changed and publishes them
// (db.Events) after commit. Errors: UNAVAILABLE.
func (s *ControlStore) ChangeAlarms(ctx context.Context, changes []billing.AlarmChange) ([]*voltpay.Alarm, error) {
	var out []*voltpay.Alarm
	err := s.db.inTx(ctx, func(tx *Tx) error {
		out = out[:0]
		for _, c := range changes {
			got := []*voltpay.Alarm{}
			var err error
			if c.MeterID != 0 {
				err = changeMeterAlarm(ctx, tx, &got, c)
			} else if c.Raise {
				err = tx.SelectContext(ctx, &got, `
					INSERT INTO alarms (kind, account_id, message, raised_at) VALUES ($1, $2, $3, $4)
					ON CONFLICT (account_id, kind) WHERE cleared_at IS NULL AND meter_id IS NULL DO NOTHING
					RETURNING `+alarmColumns,
					c.Kind, c.AccountID, c.Message, tx.now)
			} else {
				err = tx.SelectContext(ctx, &got, `
					UPDATE alarms SET cleared_at = $3
					WHERE account_id = $2 AND kind = $1 AND meter_id IS NULL AND cleared_at IS NULL
					RETURNING `+alarmColumns,
					c.Kind, c.AccountID, tx.now)
			}
			if err != nil {
				return mapError(err)
			}
			out = append(out, got...)
		}
		// Warnings go in with the alarms they tell of (notify_enqueue.go).
		if err := warnRaised(ctx, tx, out); err != nil {
			return err
		}
		if ev := s.db.Events; ev != nil {
			published := out
			tx.AfterCommit(func() {
				for _, a := range published {
					ev.PublishAlarm(a)
				}
			})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeadCommands counts meterID's commands under key or key:r<n> that
// failed, expired or were cancelled. Errors: UNAVAILABLE.
func (s *ControlStore) DeadCommands(ctx context.Context, meterID int64, key string) (int, error) {
	var n int
	err := s.db.GetContext(ctx, &n, `
		SELECT count(*) FROM meter_commands
		WHERE meter_id = $1 AND (idempotency_key = $2 OR starts_with(idempotency_key, $2 || ':r'))
		  AND state IN ('failed', 'expired', 'cancelled')`, meterID, key)
	return n, mapError(err)
}

// changeMeterAlarm raises or clears the balance alarm c of a meter of a
// per-meter account (one open per meter and kind: alarms_open_meter_uniq).
func changeMeterAlarm(ctx context.Context, tx *Tx, got *[]*voltpay.Alarm, c billing.AlarmChange) error {
	if c.Raise {
		return tx.SelectContext(ctx, got, `
			INSERT INTO alarms (kind, account_id, meter_id, message, raised_at) VALUES ($1, $2, $3, $4, $5)
			`+meterAlarmConflict+`
			RETURNING `+alarmColumns,
			c.Kind, c.AccountID, c.MeterID, c.Message, tx.now)
	}
	return tx.SelectContext(ctx, got, `
		UPDATE alarms SET cleared_at = $3
		WHERE meter_id = $2 AND kind = $1 AND cleared_at IS NULL
		RETURNING `+alarmColumns,
		c.Kind, c.MeterID, tx.now)
}
