package postgres

import (
	"context"
	"database/sql"
	"errors"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// OpenAccount opens an account (开户), attaches its meters and records the
// optional first sale, all in one transaction. Retrying with the same
// idempotency key (in.IdempotencyKey, or the first sale's) returns the
// account opened the first time.
// Errors: INVALID_INPUT, NOT_FOUND, CONFLICT (meter taken).
func (s *AccountService) OpenAccount(ctx context.Context, in voltpay.OpenAccountInput) (*voltpay.Account, *voltpay.LedgerEntry, error) {
	if in.Account.SiteID == 0 {
		return nil, nil, voltpay.Invalid("siteId", "siteId is required to open an account: the site the tenant's meters are on")
	}
	if err := in.Account.Validate(); err != nil {
		return nil, nil, err
	}
	if in.IdempotencyKey != "" {
		if err := voltpay.ValidateIdempotencyKey(in.IdempotencyKey); err != nil {
			return nil, nil, err
		}
	}
	a, e, err := s.openAccount(ctx, in)
	if isUnique(err, "accounts_idempotency_key_key") {
		return s.openAccount(ctx, in) // a concurrent copy opened it: now it is found
	}
	return a, e, err
}

// openAccount opens the account of in (validated), or returns the one its
// idempotency key or its first sale's opened before.
func (s *AccountService) openAccount(ctx context.Context, in voltpay.OpenAccountInput) (*voltpay.Account, *voltpay.LedgerEntry, error) {
	sale, err := saleEntry(ctx, in.FirstSale)
	if err != nil {
		return nil, nil, err
	}
	var acct *voltpay.Account
	var entry *voltpay.LedgerEntry
	err = s.db.inTx(ctx, func(tx *Tx) error {
		if in.IdempotencyKey != "" {
			prev, err := openedByKey(ctx, tx, in)
			if err != nil || prev != nil {
				acct = prev
				if prev != nil {
					markReplayed(ctx, tx) // answered from the key: the first opening's audit row stands
				}
				if err == nil && sale != nil {
					entry, err = findEntryByKey(ctx, tx, sale.IdempotencyKey)
				}
				return err
			}
		}
		if sale != nil {
			if prev, err := findEntryByKey(ctx, tx, sale.IdempotencyKey); err != nil || prev != nil {
				if prev != nil && prev.Type == voltpay.EntrySale && prev.AmountFen == sale.AmountFen {
					entry = prev // a retry: answer with the account opened the first time
					markReplayed(ctx, tx)
					acct, err = findAccount(ctx, tx, prev.AccountID)
					return err
				}
				if err == nil {
					err = voltpay.Errorf(voltpay.ECONFLICT, "idempotency key %q was already used for receipt %s; use a new key", sale.IdempotencyKey, prev.ReceiptNo)
				}
				return err
			}
		}
		var err error
		acct, entry, err = s.openNew(ctx, tx, in, sale)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return acct, entry, nil
}

// saleEntry is the entry of first sale fs, made by the caller in ctx, or
// nil when there is none. Errors: INVALID_INPUT.
func saleEntry(ctx context.Context, fs *voltpay.SaleInput) (*voltpay.LedgerEntry, error) {
	if fs == nil {
		return nil, nil
	}
	if err := validateMoney(fs.AmountFen, fs.Channel, fs.IdempotencyKey); err != nil {
		return nil, err
	}
	sale := &voltpay.LedgerEntry{Type: voltpay.EntrySale, Channel: &fs.Channel, AmountFen: fs.AmountFen,
		IdempotencyKey: fs.IdempotencyKey, MeterID: fs.MeterID, Note: fs.Note}
	fillActor(ctx, sale)
	return sale, nil
}

// openNew opens the account of in (validated) in tx: inserts it, attaches
// its meters and records sale (nil: none, else from saleEntry) as its
// first sale, pushed into a meter-billed meter as Sell does. A clash on
// the account's idempotency key is returned raw, for OpenAccount to find
// the account a concurrent copy opened.
func (s *AccountService) openNew(ctx context.Context, tx *Tx, in voltpay.OpenAccountInput, sale *voltpay.LedgerEntry) (*voltpay.Account, *voltpay.LedgerEntry, error) {
	a := &voltpay.Account{}
	err := tx.GetContext(ctx, a, `
		INSERT INTO accounts (site_id, no, tenant_name, shop_no, phone, alarm1_fen, alarm2_fen, note, opened_at,
			overdraft_limit_fen, balance_mode, idempotency_key)
		SELECT s.id, s.code || lpad(nextval('account_no_seq')::TEXT, 6, '0'), $2, $3, $4, $5, $6, $7, $8, $9,
			coalesce(nullif($10, ''), 'shared'), nullif($11, '')
		FROM sites s WHERE s.id = $1
		RETURNING `+accountColumns,
		in.Account.SiteID, in.Account.TenantName, in.Account.ShopNo, in.Account.Phone,
		*in.Account.Alarm1Fen, *in.Account.Alarm2Fen, in.Account.Note, tx.now, *in.Account.OverdraftLimitFen,
		in.Account.BalanceMode, in.IdempotencyKey)
	if isUnique(err, "accounts_idempotency_key_key") {
		return nil, nil, err
	}
	if err != nil {
		return nil, nil, notFound(err, "site", in.Account.SiteID)
	}
	for _, mid := range in.MeterIDs {
		if _, err := attachMeter(ctx, tx, a, mid); err != nil {
			return nil, nil, err
		}
	}
	if sale == nil {
		return a, nil, nil
	}
	sale.AccountID = a.ID
	m, err := s.ledger.checkMeterSale(ctx, tx, a, sale)
	if err != nil {
		return nil, nil, err
	}
	if m != nil {
		sale.MeterID = &m.ID
	}
	entry, err := s.ledger.insert(ctx, tx, a, sale)
	if err != nil || m == nil {
		return a, entry, err
	}
	return a, entry, enqueueCredit(ctx, tx, m, entry)
}

// openedByKey returns the account opened under in's idempotency key, nil
// when none, or CONFLICT when the key opened another tenant's account.
func openedByKey(ctx context.Context, tx *Tx, in voltpay.OpenAccountInput) (*voltpay.Account, error) {
	var id int64
	err := tx.GetContext(ctx, &id, `SELECT id FROM accounts WHERE idempotency_key = $1`, in.IdempotencyKey)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	a, err := findAccount(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if a.SiteID != in.Account.SiteID || a.TenantName != in.Account.TenantName || a.Phone != in.Account.Phone || a.ShopNo != in.Account.ShopNo {
		return nil, voltpay.Errorf(voltpay.ECONFLICT, "idempotency key %q already opened account %s for %s; use a new key to open another account",
			in.IdempotencyKey, a.No, a.TenantName)
	}
	return a, nil
}

// CloseAccount closes an account (销户): the remaining balance is refunded
// through in.Channel, meters are detached and the account is marked closed.
// An account in arrears must be settled by a sale first.
// Errors: INVALID_INPUT, NOT_FOUND, CONFLICT (already closed, in arrears).
func (s *AccountService) CloseAccount(ctx context.Context, in voltpay.CloseAccountInput) (*voltpay.CloseResult, error) {
	if err := firstErr(voltpay.ValidateChannel(in.Channel), voltpay.ValidateIdempotencyKey(in.IdempotencyKey)); err != nil {
		return nil, err
	}
	res := &voltpay.CloseResult{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		a, err := lockAccount(ctx, tx, in.AccountID)
		if err != nil {
			return err
		}
		if a.Status == voltpay.AccountClosed {
			prev, err := findEntryByKey(ctx, tx, in.IdempotencyKey)
			if err == nil && (prev == nil || prev.AccountID != a.ID) {
				err = voltpay.Errorf(voltpay.ECONFLICT, "account %s is already closed", a.No)
			} else if err == nil {
				markReplayed(ctx, tx)
			}
			res.Account, res.Refund = a, prev
			return err
		}
		if a.BalanceFen < 0 {
			return voltpay.Errorf(voltpay.ECONFLICT, "account %s is in arrears by %s yuan; record a sale to settle it before closing", a.No, -a.BalanceFen)
		}
		if perMeter(a) {
			if res.Refund, err = s.settleMeters(ctx, tx, a, in); err != nil {
				return err
			}
		} else if a.BalanceFen > 0 {
			refund := &voltpay.LedgerEntry{AccountID: a.ID, Type: voltpay.EntryRefund, Channel: &in.Channel,
				AmountFen: -a.BalanceFen, IdempotencyKey: in.IdempotencyKey, Note: "final settlement " + in.Note}
			fillActor(ctx, refund)
			if res.Refund, err = s.ledger.insert(ctx, tx, a, refund); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meters SET account_id = NULL, account_since = NULL WHERE account_id = $1`, a.ID); err != nil {
			return mapError(err)
		}
		res.Account = &voltpay.Account{}
		return mapError(tx.GetContext(ctx, res.Account, `
			UPDATE accounts SET status = 'closed', closed_at = $2 WHERE id = $1 RETURNING `+accountColumns, a.ID, tx.now))
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// AttachMeter attaches an unassigned active meter of the same site to an
// open account. Errors: NOT_FOUND, CONFLICT.
func (s *AccountService) AttachMeter(ctx context.Context, accountID, meterID int64) (*voltpay.Meter, error) {
	var m *voltpay.Meter
	err := s.db.inTx(ctx, func(tx *Tx) error {
		a, err := lockAccount(ctx, tx, accountID)
		if err == nil {
			m, err = attachMeter(ctx, tx, a, meterID)
		}
		return err
	})
	s.publishMeter(m, err)
	return m, err
}

// DetachMeter takes a meter off an account. Errors: NOT_FOUND, CONFLICT.
func (s *AccountService) DetachMeter(ctx context.Context, accountID, meterID int64) (*voltpay.Meter, error) {
	var m *voltpay.Meter
	err := s.db.inTx(ctx, func(tx *Tx) error {
		old, err := lockMeter(ctx, tx, meterID)
		if err != nil {
			return err
		}
		if derefID(old.AccountID) != accountID {
			return voltpay.Errorf(voltpay.ECONFLICT, "meter %s is not attached to account %d", old.Address, accountID)
		}
		if err := requireEmptyMeter(ctx, tx, accountID, old); err != nil {
			return err
		}
		if err := clearMeterBalanceAlarms(ctx, tx, accountID, meterID); err != nil {
			return err
		}
		m = &voltpay.Meter{}
		return mapError(tx.GetContext(ctx, m, `UPDATE meters SET account_id = NULL, account_since = NULL WHERE id = $1 RETURNING `+meterColumns, meterID))
	})
	s.publishMeter(m, err)
	return m, err
}

// attachMeter checks and attaches one meter to a locked, open account.
func attachMeter(ctx context.Context, tx *Tx, a *voltpay.Account, meterID int64) (*voltpay.Meter, error) {
	if err := requireOpen(a, "attach a meter to"); err != nil {
		return nil, err
	}
	m, err := lockMeter(ctx, tx, meterID)
	if err != nil {
		return nil, err
	}
	switch {
	case m.Status != voltpay.MeterActive:
		return nil, voltpay.Errorf(voltpay.ECONFLICT, "meter %s is %s; only active meters can be attached", m.Address, m.Status)
	case m.AccountID != nil && *m.AccountID == a.ID:
		return m, nil // already there: attaching is idempotent
	case m.AccountID != nil:
		return nil, voltpay.Errorf(voltpay.ECONFLICT, "meter %s already belongs to account %d; detach it there first", m.Address, *m.AccountID)
	case m.SiteID != a.SiteID:
		return nil, voltpay.Errorf(voltpay.ECONFLICT, "meter %s is on another site than account %s", m.Address, a.No)
	}
	if err := requireMeterRoom(ctx, tx, a); err != nil {
		return nil, err
	}
	out := &voltpay.Meter{}
	err = tx.GetContext(ctx, out, `UPDATE meters SET account_id = $2, account_since = $3 WHERE id = $1 RETURNING `+meterColumns,
		meterID, a.ID, tx.now)
	return out, mapError(err)
}

// requireMeterRoom refuses one more meter on locked account a when it funds
// voltpay.MaxAccountMeters already (Account.meters lists them whole).
func requireMeterRoom(ctx context.Context, tx *Tx, a *voltpay.Account) error {
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM meters WHERE account_id = $1 AND status = 'active'`, a.ID); err != nil {
		return mapError(err)
	}
	if n >= voltpay.MaxAccountMeters {
		return voltpay.Errorf(voltpay.ECONFLICT, "account %s already funds %d meters, the most one account may (%d): detach one first, or open another account for the others", a.No, n, voltpay.MaxAccountMeters)
	}
	return nil
}

// lockMeter reads a meter and takes its row lock.
func lockMeter(ctx context.Context, tx *Tx, id int64) (*voltpay.Meter, error) {
	m := &voltpay.Meter{}
	if err := tx.GetContext(ctx, m, `SELECT `+meterColumns+` FROM meters WHERE id = $1 FOR UPDATE`, id); err != nil {
		return nil, notFound(err, "meter", id)
	}
	return m, nil
}

// findEntryByKey returns the entry recorded under key, or nil.
func findEntryByKey(ctx context.Context, q queryer, key string) (*voltpay.LedgerEntry, error) {
	e := &voltpay.LedgerEntry{}
	err := q.GetContext(ctx, e, `SELECT `+entryColumns+` FROM ledger_entries WHERE idempotency_key = $1`, key)
	if err != nil {
		return nil, ignoreNoRows(err)
	}
	return e, nil
}

func (s *AccountService) publishMeter(m *voltpay.Meter, err error) {
	if err == nil && m != nil && s.db.Events != nil {
		s.db.Events.PublishMeter(m)
	}
}

// clearMeterBalanceAlarms clears the balance alarms (alarm 1, alarm 2,
// arrears) a per-meter account raised on a meter leaving it: they were
// about the meter's balance in that account, which it no longer has (a
// meter detached at zero would otherwise stay "in arrears" for ever).
func clearMeterBalanceAlarms(ctx context.Context, tx *Tx, accountID, meterID int64) error {
	cleared := []*voltpay.Alarm{}
	if err := tx.SelectContext(ctx, &cleared, `
		UPDATE alarms SET cleared_at = $3
		WHERE meter_id = $1 AND account_id = $2 AND cleared_at IS NULL AND kind = ANY($4)
		RETURNING `+alarmColumns, meterID, accountID, tx.now,
		pq.Array([]string{voltpay.AlarmLevel1, voltpay.AlarmLevel2, voltpay.AlarmArrears})); err != nil {
		return mapError(err)
	}
	if ev := tx.db.Events; ev != nil && len(cleared) > 0 {
		tx.AfterCommit(func() {
			for _, a := range cleared {
				ev.PublishAlarm(a)
			}
		})
	}
	return nil
}
