package postgres

import (
	"context"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/auth"
)

// Tenant logins: an operator gives a tenant a login to the tenant app,
// resets its password when the tenant forgets it, and disables it.

const tenantUserColumns = `id, coalesce(account_id, 0) AS account_id, coalesce(phone, '') AS phone, disabled, created_at, last_login_at`

// CreateTenantUser gives a tenant a login to an open account, by phone and
// password; an account holds at most voltpay.MaxTenantUsers of them.
// Errors: INVALID_INPUT (phone, password), NOT_FOUND (account), CONFLICT
// (account closed, phone already has a login, the account has its
// maximum).
func (s *AuthService) CreateTenantUser(ctx context.Context, accountID int64, phone, password string) (*voltpay.TenantUser, error) {
	phone, err := voltpay.NormalizePhone("phone", phone)
	if err != nil {
		return nil, err
	}
	if err := auth.ValidatePassword(password); err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return nil, err
	}
	u := &voltpay.TenantUser{}
	err = s.db.inTx(ctx, func(tx *Tx) error {
		// The account's row lock serialises the logins made for it, so that
		// two at once cannot pass the count together.
		var status string
		if err := tx.GetContext(ctx, &status, `SELECT status FROM accounts WHERE id = $1 FOR NO KEY UPDATE`, accountID); err != nil {
			return notFound(err, "account", accountID)
		}
		if status != voltpay.AccountOpen {
			return voltpay.Errorf(voltpay.ECONFLICT, "account %d is closed: tenant logins can only be added to open accounts", accountID)
		}
		var n int
		if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM tenant_users WHERE account_id = $1`, accountID); err != nil {
			return err
		}
		if n >= voltpay.MaxTenantUsers {
			return voltpay.Errorf(voltpay.ECONFLICT, "account %d has %d tenant logins already, the most it may have: enable a disabled one (setTenantUserDisabled) or reset its password instead", accountID, n)
		}
		// A person who signed themself up by SMS code (no password, made for
		// no account) is given the login rather than refused.
		err := tx.GetContext(ctx, u, `UPDATE tenant_users SET account_id = $1, password_hash = $3
			WHERE phone = $2 AND password_hash IS NULL AND account_id IS NULL RETURNING `+tenantUserColumns, accountID, phone, hash)
		if err := ignoreNoRows(err); err != nil {
			return err
		}
		if u.ID == 0 {
			if err := tx.GetContext(ctx, u, `INSERT INTO tenant_users (account_id, phone, password_hash, created_at)
				VALUES ($1, $2, $3, $4) RETURNING `+tenantUserColumns, accountID, phone, hash, tx.now); err != nil {
				return err
			}
		}
		return insertBinding(ctx, tx, u.ID, accountID, voltpay.BindViaOperator)
	})
	if err != nil {
		return nil, mapError(err)
	}
	return u, nil
}

// FindTenantUsersByAccountIDs returns the tenant logins of each account,
// oldest first, disabled ones included, in one query. Errors: UNAVAILABLE.
func (s *AuthService) FindTenantUsersByAccountIDs(ctx context.Context, accountIDs []int64) (map[int64][]*voltpay.TenantUser, error) {
	rows := []*voltpay.TenantUser{}
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+tenantUserColumns+` FROM tenant_users
		WHERE account_id = ANY($1) ORDER BY account_id, id`, pq.Array(accountIDs)); err != nil {
		return nil, mapError(err)
	}
	out := make(map[int64][]*voltpay.TenantUser, len(accountIDs))
	for _, u := range rows {
		out[u.AccountID] = append(out[u.AccountID], u)
	}
	return out, nil
}

// ResetTenantPassword sets a tenant login's password (the same rules as
// operators': auth.ValidatePassword) and ends the login's sessions, so that
// whoever used the old password is signed out. With an idempotency key,
// the same key again for the same login and password changes nothing more
// and answers the login; for another login or password it is a CONFLICT.
// Errors: INVALID_INPUT (newPassword, idempotencyKey), NOT_FOUND (login),
// CONFLICT (the login's account is closed, the key used otherwise).
func (s *AuthService) ResetTenantPassword(ctx context.Context, in voltpay.ResetTenantPasswordInput) (*voltpay.TenantUser, error) {
	if in.IdempotencyKey != "" {
		if err := voltpay.ValidateIdempotencyKey(in.IdempotencyKey); err != nil {
			return nil, err
		}
	}
	if err := auth.ValidatePassword(in.NewPassword); err != nil {
		return nil, fieldNamed(err, "newPassword")
	}
	hash, err := auth.HashPassword(in.NewPassword)
	if err != nil {
		return nil, err
	}
	u := &voltpay.TenantUser{}
	err = s.db.inTx(ctx, func(tx *Tx) error {
		if done, err := replayReset(ctx, tx, in, u); done || err != nil {
			return err
		}
		var closed bool
		if err := tx.GetContext(ctx, &closed, `SELECT a.status = 'closed' FROM tenant_users t JOIN accounts a ON a.id = t.account_id
			WHERE t.id = $1 FOR UPDATE OF t`, in.UserID); err != nil {
			return notFound(err, "tenant login", in.UserID)
		}
		if closed {
			return voltpay.Errorf(voltpay.ECONFLICT, "the account of tenant login %d is closed, so the login cannot sign in whatever its password; open a new account and give the tenant a login for it", in.UserID)
		}
		if err := tx.GetContext(ctx, u, `UPDATE tenant_users SET password_hash = $2 WHERE id = $1 RETURNING `+tenantUserColumns,
			in.UserID, hash); err != nil {
			return err
		}
		if in.IdempotencyKey != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO tenant_password_resets (idempotency_key, tenant_user_id, password_hash, created_at)
				VALUES ($1, $2, $3, $4)`, in.IdempotencyKey, in.UserID, hash, tx.now); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE tenant_user_id = $1`, in.UserID)
		return err
	})
	if err != nil {
		return nil, mapError(err)
	}
	return u, nil
}

// replayReset answers a reset whose idempotency key was used before: done
// with u filled (the same login and password: nothing more to do), or a
// CONFLICT (another login or password). Not done without a key or for a
// new one.
func replayReset(ctx context.Context, tx *Tx, in voltpay.ResetTenantPasswordInput, u *voltpay.TenantUser) (bool, error) {
	if in.IdempotencyKey == "" {
		return false, nil
	}
	var first struct {
		UserID int64  `db:"tenant_user_id"`
		Hash   string `db:"password_hash"`
	}
	err := tx.GetContext(ctx, &first, `SELECT tenant_user_id, password_hash FROM tenant_password_resets
		WHERE idempotency_key = $1`, in.IdempotencyKey)
	if err := ignoreNoRows(err); err != nil {
		return false, err
	} else if first.UserID == 0 {
		return false, nil
	}
	if first.UserID != in.UserID {
		return false, voltpay.Errorf(voltpay.ECONFLICT, "idempotency key %q already reset the password of tenant login %d; use a new key for each reset", in.IdempotencyKey, first.UserID)
	}
	if same, err := auth.CheckPassword(first.Hash, in.NewPassword); err != nil || !same {
		return false, voltpay.Errorf(voltpay.ECONFLICT, "idempotency key %q already reset this login's password to another one; use a new key for each reset", in.IdempotencyKey)
	}
	if err := tx.GetContext(ctx, u, `SELECT `+tenantUserColumns+` FROM tenant_users WHERE id = $1`, in.UserID); err != nil {
		return false, notFound(err, "tenant login", in.UserID)
	}
	markReplayed(ctx, tx)
	return true, nil
}

// SetTenantUserDisabled disables a tenant login (it can no longer sign in,
// and its sessions end, websockets included) or enables it again.
// Errors: NOT_FOUND.
func (s *AuthService) SetTenantUserDisabled(ctx context.Context, id int64, disabled bool) (*voltpay.TenantUser, error) {
	u := &voltpay.TenantUser{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.GetContext(ctx, u, `UPDATE tenant_users SET disabled = $2 WHERE id = $1 RETURNING `+tenantUserColumns,
			id, disabled); err != nil {
			return notFound(err, "tenant login", id)
		}
		if !disabled {
			return nil
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE tenant_user_id = $1`, id)
		return err
	})
	if err != nil {
		return nil, mapError(err)
	}
	return u, nil
}
