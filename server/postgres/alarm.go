package postgres

import (
	"context"
	"strings"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// alarmColumns lists the alarms columns in voltpay.Alarm's order.
const alarmColumns = "id, kind, account_id, meter_id, gateway_id, message, raised_at, cleared_at"

// meterAlarmConflict is the ON CONFLICT target of a meter alarm's raise: the
// partial unique index alarms_open_meter_uniq (one open row per meter and
// kind), so raising an open alarm again does nothing.
const meterAlarmConflict = "ON CONFLICT (meter_id, kind) WHERE cleared_at IS NULL AND meter_id IS NOT NULL DO NOTHING"

// AlarmService implements voltpay.AlarmService: it lists the alarms that the
// billing controller and the reading service raise and clear.
type AlarmService struct{ db *DB }

// NewAlarmService returns an AlarmService on db.
func NewAlarmService(db *DB) *AlarmService { return &AlarmService{db: db} }

var _ voltpay.AlarmService = (*AlarmService)(nil)

// FindAlarms lists alarms newest first (by id, which follows raised_at),
// keyset-paginated like every list. A tenant is confined to their account:
// the filter's account becomes theirs, as FindEntries does. SiteID matches
// the site of the alarm's account, meter or gateway. Errors: UNAVAILABLE.
func (s *AlarmService) FindAlarms(ctx context.Context, f voltpay.AlarmFilter) (*voltpay.Page[*voltpay.Alarm], error) {
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() {
		f.AccountID = &p.AccountID
	}
	var w where
	w.add("(cleared_at IS NULL) = ?", f.Active)
	w.add("kind = ?", f.Kind)
	w.add("account_id = ?", f.AccountID)
	w.add("meter_id = ?", f.MeterID)
	w.add("gateway_id = ?", f.GatewayID)
	w.add(`? IN (SELECT site_id FROM accounts WHERE id = alarms.account_id
		UNION ALL SELECT site_id FROM meters WHERE id = alarms.meter_id
		UNION ALL SELECT site_id FROM gateways WHERE id = alarms.gateway_id)`, f.SiteID)
	w.add("raised_at >= ?", f.From)
	w.add("raised_at < ?", f.To)
	return findPage[*voltpay.Alarm](ctx, s.db, alarmColumns, "alarms", w, f.Page, true)
}

// ActiveAlarmsByMeterIDs returns the open alarms of each meter, newest
// first, in one query: the meter's own (index alarms_meter_idx) and, on a
// shared account, the open balance alarms of the account holding the meter
// (index alarms_account_idx). A shared account's balance funds all its
// meters, so its arrears trips them all: a meter tripped for arrears must
// show why. A per-meter account's balance alarms are raised on each meter
// (changeMeterAlarm), so there each meter shows only its own. A tenant
// gets only alarms of their account. Errors: UNAVAILABLE.
func (s *AlarmService) ActiveAlarmsByMeterIDs(ctx context.Context, meterIDs []int64) (map[int64][]*voltpay.Alarm, error) {
	out := make(map[int64][]*voltpay.Alarm, len(meterIDs))
	if len(meterIDs) == 0 {
		return out, nil
	}
	var account *int64
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() {
		account = &p.AccountID
	}
	rows := []*struct {
		ForMeter int64 `db:"for_meter"`
		voltpay.Alarm
	}{}
	if err := s.db.SelectContext(ctx, &rows, `
		SELECT al.meter_id AS for_meter, `+alarmColumnsOf("al")+` FROM alarms al
		WHERE al.meter_id = ANY($1) AND al.cleared_at IS NULL AND ($2::bigint IS NULL OR al.account_id = $2)
		UNION ALL
		SELECT m.id, `+alarmColumnsOf("al")+` FROM meters m
		JOIN accounts a ON a.id = m.account_id AND a.balance_mode = 'shared'
		JOIN alarms al ON al.account_id = a.id AND al.meter_id IS NULL AND al.cleared_at IS NULL AND al.kind = ANY($3)
		WHERE m.id = ANY($1) AND ($2::bigint IS NULL OR a.id = $2)
		ORDER BY for_meter, id DESC`, pq.Array(meterIDs), account, pq.Array(balanceAlarmKinds)); err != nil {
		return nil, mapError(err)
	}
	for _, r := range rows {
		out[r.ForMeter] = append(out[r.ForMeter], &r.Alarm)
	}
	return out, nil
}

// alarmColumnsOf lists alarmColumns qualified by the alias of the alarms
// table, for queries that join tables with columns of the same names.
func alarmColumnsOf(alias string) string {
	return alias + "." + strings.ReplaceAll(alarmColumns, ", ", ", "+alias+".")
}

// publishAlarms schedules, after tx commits, an event for each alarm
// raised or cleared in it.
func publishAlarms(tx *Tx, alarms []*voltpay.Alarm) {
	ev := tx.db.Events
	if ev == nil || len(alarms) == 0 {
		return
	}
	tx.AfterCommit(func() {
		for _, a := range alarms {
			ev.PublishAlarm(a)
		}
	})
}

// raiseMeterAlarms opens an alarm of kind on each of meterIDs that has none
// open, naming the meter's account; message is a format() pattern over the
// meter's address and room. It returns the alarms it opened.
func raiseMeterAlarms(ctx context.Context, tx *Tx, kind, message string, meterIDs []int64) ([]*voltpay.Alarm, error) {
	if len(meterIDs) == 0 {
		return nil, nil
	}
	out := []*voltpay.Alarm{}
	err := tx.SelectContext(ctx, &out, `
		INSERT INTO alarms (kind, account_id, meter_id, message, raised_at)
		SELECT $1, m.account_id, m.id, format($2, m.address, m.room), $4
		FROM meters m WHERE m.id = ANY($3) ORDER BY m.id
		`+meterAlarmConflict+`
		RETURNING `+alarmColumns, kind, message, pq.Array(meterIDs), tx.now)
	return out, mapError(err)
}

// clearMeterAlarms clears the open alarm of kind of each of meterIDs and
// returns those it cleared.
func clearMeterAlarms(ctx context.Context, tx *Tx, kind string, meterIDs []int64) ([]*voltpay.Alarm, error) {
	if len(meterIDs) == 0 {
		return nil, nil
	}
	out := []*voltpay.Alarm{}
	err := tx.SelectContext(ctx, &out, `
		UPDATE alarms SET cleared_at = $3
		WHERE meter_id = ANY($2) AND kind = $1 AND cleared_at IS NULL
		RETURNING `+alarmColumns, kind, pq.Array(meterIDs), tx.now)
	return out, mapError(err)
}
