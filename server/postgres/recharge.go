package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// RechargeStore keeps recharge orders, their refunds and the notification
// log (schema.sql "Self-service recharge"). It holds state only: talking to
// the providers is server/recharge's job, which calls in here with what a
// provider said.
type RechargeStore struct {
	db     *DB
	ledger *LedgerService
	cmds   *CommandService
}

// NewRechargeStore returns the store on db.
func NewRechargeStore(db *DB) *RechargeStore {
	return &RechargeStore{db: db, ledger: NewLedgerService(db), cmds: NewCommandService(db)}
}

const orderColumns = `id, out_trade_no, account_id, meter_ids, channel, method, amount_fen, state, transaction_id,
	refunded_fen, entry_id, description, payer_id, actor, flag, prepay, expires_at, paid_at, closed_at, created_at,
	updated_at`

// orderRow scans an order with its meter ids array.
type orderRow struct {
	voltpay.RechargeOrder
	Meters pq.Int64Array `db:"meter_ids"`
}

func (r *orderRow) order() *voltpay.RechargeOrder {
	o := r.RechargeOrder
	o.MeterIDs = []int64(r.Meters)
	return &o
}

// NewOutTradeNo makes an order number: "VP", the Beijing date, and 16
// random base-32 characters (80 bits): 26 characters, within both
// providers' 32, unguessable so an order cannot be probed by number.
func NewOutTradeNo(now time.Time) string {
	return "VP" + now.In(billing.ChinaTime).Format("20060102") + rand.Text()[:16]
}

// InsertOrder records a new pending order for in (validated by the
// caller), payable for ttl, described to the payer by the account number,
// or, for an idempotency key seen before, returns that order and
// false. The account must be open and the meters its own. Errors:
// NOT_FOUND (account), INVALID_INPUT (meters), CONFLICT (closed account;
// key reused for another request).
func (s *RechargeStore) InsertOrder(ctx context.Context, in voltpay.RechargeOrderInput, ttl time.Duration) (*voltpay.RechargeOrder, bool, error) {
	if in.IdempotencyKey != "" {
		if prev, err := s.orderByKey(ctx, in); prev != nil || err != nil {
			return prev, false, err
		}
	}
	actor := ""
	if p := voltpay.PrincipalFrom(ctx); p != nil {
		actor = p.Name
	}
	var got *voltpay.RechargeOrder
	err := s.db.inTx(ctx, func(tx *Tx) error {
		a, err := lockAccount(ctx, tx, in.AccountID)
		if err != nil {
			return err
		}
		if err := requireOpen(a, "recharge"); err != nil {
			return err
		}
		if a.BalanceMode == voltpay.BalancePerMeter && len(in.MeterIDs) != 1 {
			return voltpay.Invalid("meterIds", "account %s keeps one balance per meter: name the one meter the recharge is for", a.No)
		}
		if err := checkOrderMeters(ctx, tx, a, in.MeterIDs); err != nil {
			return err
		}
		row := &orderRow{}
		meters := in.MeterIDs
		if meters == nil {
			meters = []int64{} // pq sends a nil slice as NULL
		}
		var key *string
		if in.IdempotencyKey != "" {
			key = &in.IdempotencyKey
		}
		if err := tx.GetContext(ctx, row, `
			INSERT INTO recharge_orders (out_trade_no, account_id, meter_ids, channel, method, amount_fen,
				description, payer_id, actor, idempotency_key, expires_at, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
			RETURNING `+orderColumns,
			NewOutTradeNo(tx.now), a.ID, pq.Array(meters), in.Channel, in.Method, in.AmountFen, "电费充值 "+a.No,
			in.PayerID, actor, key, tx.now.Add(ttl), tx.now); err != nil {
			return err
		}
		got = row.order()
		return nil
	})
	if isUnique(err, "recharge_orders_idempotency_key_key") {
		prev, err := s.orderByKey(ctx, in)
		return prev, false, err
	}
	if err != nil {
		return nil, false, mapError(err)
	}
	return got, true, nil
}

// orderByKey returns the order made under in's key, nil when none, or
// CONFLICT when the key was used for another request.
func (s *RechargeStore) orderByKey(ctx context.Context, in voltpay.RechargeOrderInput) (*voltpay.RechargeOrder, error) {
	row := &orderRow{}
	err := s.db.GetContext(ctx, row, `SELECT `+orderColumns+` FROM recharge_orders WHERE idempotency_key = $1`, in.IdempotencyKey)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, mapError(err)
	}
	o := row.order()
	if o.AccountID != in.AccountID || o.AmountFen != in.AmountFen || o.Channel != in.Channel || o.Method != in.Method {
		return nil, voltpay.Errorf(voltpay.ECONFLICT, "idempotency key %q was already used for another recharge order (%s); use a new key for a new order",
			in.IdempotencyKey, o.OutTradeNo)
	}
	markReplayed(ctx, s.db)
	return o, nil
}

// checkOrderMeters requires ids to be active meters of account a.
func checkOrderMeters(ctx context.Context, tx *Tx, a *voltpay.Account, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM meters WHERE id = ANY($1) AND account_id = $2 AND status = 'active'`,
		pq.Array(ids), a.ID); err != nil {
		return mapError(err)
	}
	if n != len(ids) {
		return voltpay.Invalid("meterIds", "every meter of a recharge must be an active meter of account %s; check the ids", a.No)
	}
	return nil
}

// SetPrepay stores what the payer's client needs, once the provider opened
// the trade.
func (s *RechargeStore) SetPrepay(ctx context.Context, id int64, prepay string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE recharge_orders SET prepay = $2, updated_at = $3 WHERE id = $1`, id, prepay, s.db.Now())
	return mapError(err)
}

// CloseOrder closes a pending order (expired, or the provider could not
// open it). It reports whether it was pending.
func (s *RechargeStore) CloseOrder(ctx context.Context, id int64, flag string) (bool, error) {
	var o *voltpay.RechargeOrder
	err := s.db.inTx(ctx, func(tx *Tx) error {
		row := &orderRow{}
		err := tx.GetContext(ctx, row, `
			UPDATE recharge_orders SET state = 'closed', closed_at = $2, updated_at = $2, flag = $3
			WHERE id = $1 AND state = 'pending' RETURNING `+orderColumns, id, tx.now, flag)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		o = row.order()
		a := &voltpay.Account{}
		if err := tx.GetContext(ctx, a, `SELECT `+accountColumns+` FROM accounts WHERE id = $1`, o.AccountID); err != nil {
			return err
		}
		tx.orderChanged(a, o)
		return nil
	})
	return o != nil, mapError(err)
}

// FlagPendingOrder flags a pending order for finance with flag, and
// reports whether that changed the order (the reconciler asks again every
// pass: it logs a flag once).
func (s *RechargeStore) FlagPendingOrder(ctx context.Context, id int64, flag string) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE recharge_orders SET flag = $2, updated_at = $3
		WHERE id = $1 AND state = 'pending' AND flag <> $2`, id, flag, s.db.Now())
	if err != nil {
		return false, mapError(err)
	}
	n, err := res.RowsAffected()
	return n > 0, mapError(err)
}

// FindOrder returns one order. Errors: NOT_FOUND.
func (s *RechargeStore) FindOrder(ctx context.Context, id int64) (*voltpay.RechargeOrder, error) {
	return s.findOrder(ctx, `id = $1`, id)
}

// FindOrderByNo returns the order of an out_trade_no. Errors: NOT_FOUND.
func (s *RechargeStore) FindOrderByNo(ctx context.Context, no string) (*voltpay.RechargeOrder, error) {
	return s.findOrder(ctx, `out_trade_no = $1`, no)
}

func (s *RechargeStore) findOrder(ctx context.Context, where string, arg any) (*voltpay.RechargeOrder, error) {
	row := &orderRow{}
	err := s.db.GetContext(ctx, row, `SELECT `+orderColumns+` FROM recharge_orders WHERE `+where, arg)
	if err != nil {
		return nil, notFound(err, "recharge order", arg)
	}
	return row.order(), nil
}

// FindOrders lists orders, newest first; a tenant sees only their own
// account's.
func (s *RechargeStore) FindOrders(ctx context.Context, f voltpay.RechargeOrderFilter) (*voltpay.Page[*voltpay.RechargeOrder], error) {
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() {
		f.AccountID = &p.AccountID
	}
	var w where
	w.add("account_id = ?", f.AccountID)
	w.add("state = ?", f.State)
	w.add("channel = ?", f.Channel)
	if f.Flagged {
		w.conds = append(w.conds, "flag <> ''")
	}
	w.add("created_at >= ?", f.From)
	w.add("created_at < ?", f.To)
	return findRowPage(ctx, s.db, orderColumns, "recharge_orders", w, f.Page, true, (*orderRow).order)
}

// PendingOrders lists orders still pending that were created before
// before, oldest first: the reconciler asks the provider about them.
func (s *RechargeStore) PendingOrders(ctx context.Context, before time.Time, limit int) ([]*voltpay.RechargeOrder, error) {
	rows := []*orderRow{}
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+orderColumns+` FROM recharge_orders
		WHERE state = 'pending' AND created_at < $1 ORDER BY created_at LIMIT $2`, before, limit); err != nil {
		return nil, mapError(err)
	}
	out := make([]*voltpay.RechargeOrder, len(rows))
	for i, r := range rows {
		out[i] = r.order()
	}
	return out, nil
}

// PaidOrders lists the orders of channel paid in [from, to), for the daily
// statement check.
func (s *RechargeStore) PaidOrders(ctx context.Context, channel string, from, to time.Time) ([]*voltpay.RechargeOrder, error) {
	rows := []*orderRow{}
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+orderColumns+` FROM recharge_orders
		WHERE channel = $1 AND paid_at >= $2 AND paid_at < $3 ORDER BY paid_at`, channel, from, to); err != nil {
		return nil, mapError(err)
	}
	out := make([]*voltpay.RechargeOrder, len(rows))
	for i, r := range rows {
		out[i] = r.order()
	}
	return out, nil
}

// LogNotification appends one received notification to the log. Text is
// made storable whatever the sender put in it (invalid UTF-8 and NUL
// replaced, long text cut on a character boundary), so that no
// notification goes unlogged for its content.
func (s *RechargeStore) LogNotification(ctx context.Context, channel, outTradeNo, outcome, detail, remote string) error {
	l := &NoticeLog{Channel: channel, Remote: remote}
	return mapError(l.insert(ctx, s.db, s.db.Now(), outTradeNo, outcome, detail))
}

// NoticeLog is where a notification came from, for its row in the
// notification log; Detail prefixes the row's detail (e.g. "found by
// reconciliation").
type NoticeLog struct {
	Channel, Remote, Detail string
}

// write logs the settled notice in tx; a nil log writes nothing.
func (l *NoticeLog) write(ctx context.Context, tx *Tx, outTradeNo, outcome, detail string) error {
	if l == nil {
		return nil
	}
	return l.insert(ctx, tx, tx.now, outTradeNo, outcome, detail)
}

func (l *NoticeLog) insert(ctx context.Context, db interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, at time.Time, outTradeNo, outcome, detail string) error {
	if l.Detail != "" {
		detail = strings.TrimSuffix(l.Detail+": "+detail, ": ")
	}
	_, err := db.ExecContext(ctx, `INSERT INTO payment_notifications (channel, out_trade_no, outcome, detail, remote_addr, received_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, clip(l.Channel, 40), clip(outTradeNo, 128), clip(outcome, 40),
		clip(detail, 1000), clip(l.Remote, 200), at)
	return err
}

// NotificationOutcomes counts the log's outcomes for an order (tests and support).
func (s *RechargeStore) NotificationOutcomes(ctx context.Context, outTradeNo string) (map[string]int, error) {
	rows := []struct {
		Outcome string `db:"outcome"`
		N       int    `db:"n"`
	}{}
	if err := s.db.SelectContext(ctx, &rows, `SELECT outcome, count(*) AS n FROM payment_notifications
		WHERE out_trade_no = $1 GROUP BY outcome`, outTradeNo); err != nil {
		return nil, mapError(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Outcome] = r.N
	}
	return out, nil
}

// clip makes s storable (cleanText) and at most n bytes long, cut at a
// character boundary.
func clip(s string, n int) string {
	s = cleanText(s)
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
