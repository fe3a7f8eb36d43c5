package postgres

import (
	"context"
	"crypto/subtle"
	"fmt"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/auth"
)

// A tenant's accounts: binding (by the opening receipt's binding code or a
// code texted to the account's phone), switching, unbinding, and the
// operators' view and revocation of an account's bindings.

var _ voltpay.TenantService = (*AuthService)(nil)

// Binding code guesses: per account (whoever guesses, from anywhere) 10 at
// once and one more every 6 minutes, 240 a day, so the code's 2^40 values
// hold for millennia; per person and per client address 20 at once and one
// more a minute.
const (
	bindAccountEvery = 6 * time.Minute
	bindAccountBurst = 10
	bindCallerEvery  = time.Minute
	bindCallerBurst  = 20
)

type bindLimits struct {
	account *auth.Limiter // per account number
	caller  *auth.Limiter // per person and per client address
}

func newBindLimits() *bindLimits {
	return &bindLimits{account: auth.NewLimiter(bindAccountEvery, bindAccountBurst),
		caller: auth.NewLimiter(bindCallerEvery, bindCallerBurst)}
}

// allow counts one binding attempt by person from ip on account no.
func (l *bindLimits) allow(no string, person int64, ip string) error {
	keys := []struct {
		lim *auth.Limiter
		key string
	}{{l.caller, fmt.Sprintf("person:%d", person)}, {l.caller, "ip:" + ip}, {l.account, no}}
	for _, k := range keys {
		if k.key == "ip:" {
			continue
		}
		if !k.lim.Allow(k.key) {
			wait := max(k.lim.RetryAfter(k.key), time.Second)
			return voltpay.Throttled(int(wait.Seconds()+0.999), "too many tries to bind this account; wait %d seconds, or ask the property office to bind you")
		}
	}
	return nil
}

// tenantCaller returns the calling tenant, or FORBIDDEN.
func tenantCaller(ctx context.Context, what string) (*voltpay.Principal, error) {
	p := voltpay.PrincipalFrom(ctx)
	if !p.IsTenant() {
		return nil, voltpay.Errorf(voltpay.EFORBIDDEN, "only a tenant signed in to the tenant app can %s", what)
	}
	if p.Kiosk {
		return nil, voltpay.Errorf(voltpay.EFORBIDDEN, "the office kiosk shows one account and cannot %s; use the tenant app on your phone", what)
	}
	return p, nil
}

// TenantAccounts lists the calling tenant's bound accounts, oldest binding
// first, closed ones included. Errors: FORBIDDEN (not a tenant).
func (s *AuthService) TenantAccounts(ctx context.Context) ([]*voltpay.Account, error) {
	p, err := tenantCaller(ctx, "list their accounts")
	if err != nil {
		return nil, err
	}
	out := []*voltpay.Account{}
	if err := s.db.SelectContext(ctx, &out, `SELECT `+accountColumns+` FROM accounts a JOIN (
		SELECT id AS bid, account_id FROM tenant_bindings WHERE tenant_user_id = $1 ORDER BY id LIMIT $2) b ON b.account_id = a.id
		ORDER BY b.bid`,
		p.ID, voltpay.MaxAccountsPerPerson); err != nil {
		return nil, mapError(err)
	}
	return out, nil
}

// SwitchAccount makes accountID, one of the caller's bound open accounts,
// the current account of the session of token. Errors: FORBIDDEN (not a
// tenant), NOT_FOUND (not bound to it: the same answer as for an account
// that does not exist), CONFLICT (the account is closed).
func (s *AuthService) SwitchAccount(ctx context.Context, token string, accountID int64) (*voltpay.Principal, error) {
	p, err := tenantCaller(ctx, "switch accounts")
	if err != nil {
		return nil, err
	}
	err = s.db.inTx(ctx, func(tx *Tx) error {
		return setCurrent(ctx, tx, p, token, accountID)
	})
	if err != nil {
		return nil, mapError(err)
	}
	next := *p
	next.AccountID = accountID
	return &next, nil
}

// setCurrent makes accountID the current account of the session of token
// of tenant p, who must be bound to it while it is open.
func setCurrent(ctx context.Context, tx *Tx, p *voltpay.Principal, token string, accountID int64) error {
	var status string
	err := tx.GetContext(ctx, &status, `SELECT a.status FROM tenant_bindings b JOIN accounts a ON a.id = b.account_id
		WHERE b.tenant_user_id = $1 AND b.account_id = $2`, p.ID, accountID)
	if err != nil {
		return notFound(err, "bound account", accountID)
	}
	if status != voltpay.AccountOpen {
		return voltpay.Errorf(voltpay.ECONFLICT, "account %d is closed; switch to an open account (tenantAccounts lists yours)", accountID)
	}
	res, err := tx.ExecContext(ctx, `UPDATE sessions SET account_id = $3 WHERE token_hash = $1 AND tenant_user_id = $2`,
		auth.HashToken(token), p.ID, accountID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return voltpay.Errorf(voltpay.EINVALID, "this request has no session to switch (an API client sends its session token as the Bearer token); sign in again")
	}
	return nil
}

// bindTarget is the account a tenant asks to bind, by its number.
type bindTarget struct {
	ID     int64  `db:"id"`
	Phone  string `db:"phone"`
	Code   string `db:"binding_code"`
	Status string `db:"status"`
}

func findBindTarget(ctx context.Context, q queryer, no string) (*bindTarget, error) {
	no = strings.TrimSpace(no)
	if no == "" || len(no) > 32 {
		return nil, voltpay.Invalid("accountNumber", "enter the account number printed on your receipt")
	}
	t := &bindTarget{}
	if err := q.GetContext(ctx, t, `SELECT id, phone, binding_code, status FROM accounts WHERE no = $1`, no); err != nil {
		if ignoreNoRows(err) == nil {
			return nil, voltpay.Errorf(voltpay.ENOTFOUND, "no account numbered %q; check the number on your receipt", no)
		}
		return nil, mapError(err)
	}
	return t, nil
}

// RequestBindingCode texts a code to the contact phone of the account
// numbered accountNo, for the calling tenant to bind it with. The phone is
// never shown to the caller. Errors: FORBIDDEN (not a tenant), NOT_FOUND,
// INVALID_INPUT (the account's phone is a landline), CONFLICT (closed),
// UNAUTHENTICATED (throttled), UNAVAILABLE.
func (s *AuthService) RequestBindingCode(ctx context.Context, accountNo string) error {
	p, err := tenantCaller(ctx, "bind accounts")
	if err != nil {
		return err
	}
	t, err := findBindTarget(ctx, s.db, accountNo)
	if err != nil {
		return err
	}
	if t.Status != voltpay.AccountOpen {
		return voltpay.Errorf(voltpay.ECONFLICT, "account %s is closed and cannot be bound", accountNo)
	}
	if _, err := voltpay.NormalizeMobile("phone", t.Phone); err != nil {
		return voltpay.Invalid("accountNumber", "the account's contact phone is a landline, which cannot receive a text; bind with the binding code on your opening receipt, or ask the property office")
	}
	if err := s.smsLimits.allow(t.Phone, p.IP); err != nil {
		return err
	}
	no := strings.TrimSpace(accountNo)
	return s.issueCode(ctx, codeBind, t.Phone, &t.ID, &p.ID, func(code string) string {
		return fmt.Sprintf(voltpay.BindingCodeText, code, no, int(voltpay.SMSCodeTTL.Minutes()))
	})
}

// BindAccount binds the calling tenant to the account numbered accountNo,
// proved by exactly one of check's binding code or texted code, and makes
// it the current account of the session of token. Binding an account
// already bound answers it again. Errors: FORBIDDEN (not a tenant),
// INVALID_INPUT (no check, or both), NOT_FOUND, UNAUTHENTICATED (a wrong
// check; throttled), CONFLICT (closed, too many bindings).
func (s *AuthService) BindAccount(ctx context.Context, token, accountNo string, check voltpay.BindCheck) (*voltpay.Account, error) {
	p, err := tenantCaller(ctx, "bind accounts")
	if err != nil {
		return nil, err
	}
	bc := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(check.BindingCode), " ", ""))
	sc := strings.TrimSpace(check.SMSCode)
	if (bc == "") == (sc == "") {
		return nil, voltpay.Invalid("check", "give either the binding code of your opening receipt or the code texted to the account's phone, not both")
	}
	no := strings.TrimSpace(accountNo)
	if err := s.bindLimit.allow(no, p.ID, p.IP); err != nil {
		return nil, err
	}
	var a *voltpay.Account
	err = s.db.inTx(ctx, func(tx *Tx) error {
		t, err := findBindTarget(ctx, tx, no)
		if err != nil {
			return err
		}
		via := voltpay.BindViaCode
		if bc != "" {
			if subtle.ConstantTimeCompare([]byte(bc), []byte(t.Code)) != 1 {
				return voltpay.CodeRefused(voltpay.ReasonCodeWrong, "wrong binding code for account %s: it is the %d characters printed on the account's opening receipt", no, voltpay.BindingCodeLen)
			}
		} else {
			via = voltpay.BindViaSMS
			if err := s.checkCode(ctx, tx, codeBind, t.Phone, sc, t.ID, p.ID); err != nil {
				return err
			}
		}
		if a, err = lockAccount(ctx, tx, t.ID); err != nil {
			return err
		}
		if a.Status != voltpay.AccountOpen {
			return voltpay.Errorf(voltpay.ECONFLICT, "account %s is closed and cannot be bound", no)
		}
		if err := insertBinding(ctx, tx, p.ID, a.ID, via); err != nil {
			return err
		}
		return setCurrent(ctx, tx, p, token, a.ID)
	})
	if err != nil {
		return nil, mapError(err)
	}
	return a, nil
}

// insertBinding binds person to account (locked by the caller, or being
// created) unless bound already, within the limits of both.
func insertBinding(ctx context.Context, tx *Tx, person, account int64, via string) error {
	var n struct {
		Mine    bool `db:"mine"`
		Person  int  `db:"person"`
		Account int  `db:"account"`
	}
	if err := tx.GetContext(ctx, &n, `SELECT
		EXISTS (SELECT 1 FROM tenant_bindings WHERE tenant_user_id = $1 AND account_id = $2) AS mine,
		(SELECT count(*) FROM tenant_bindings WHERE tenant_user_id = $1) AS person,
		(SELECT count(*) FROM tenant_bindings WHERE account_id = $2) AS account`, person, account); err != nil {
		return err
	}
	switch {
	case n.Mine:
		return nil
	case n.Person >= voltpay.MaxAccountsPerPerson:
		return voltpay.Errorf(voltpay.ECONFLICT, "you are bound to %d accounts, the most one person may have; unbind one first", n.Person)
	case n.Account >= voltpay.MaxBindingsPerAccount:
		return voltpay.Errorf(voltpay.ECONFLICT, "account %d has %d people bound, the most it may have; ask the property office to revoke some", account, n.Account)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO tenant_bindings (tenant_user_id, account_id, via, created_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, person, account, via, tx.now)
	return err
}

// UnbindAccount ends the calling tenant's binding to accountID; their
// sessions on it lose it at once. Errors: FORBIDDEN (not a tenant),
// NOT_FOUND (not bound to it).
func (s *AuthService) UnbindAccount(ctx context.Context, accountID int64) error {
	p, err := tenantCaller(ctx, "unbind accounts")
	if err != nil {
		return err
	}
	err = s.db.inTx(ctx, func(tx *Tx) error {
		var id int64
		if err := tx.GetContext(ctx, &id, `DELETE FROM tenant_bindings WHERE tenant_user_id = $1 AND account_id = $2 RETURNING id`,
			p.ID, accountID); err != nil {
			return notFound(err, "bound account", accountID)
		}
		_, err := tx.ExecContext(ctx, `UPDATE sessions SET account_id = NULL WHERE tenant_user_id = $1 AND account_id = $2`, p.ID, accountID)
		return err
	})
	return mapError(err)
}

const bindingColumns = `b.id, b.tenant_user_id, b.account_id, b.via, b.created_at, t.phone, t.wechat_openid IS NOT NULL AS wechat`

// FindBindingsByAccountIDs returns each account's bindings, oldest first,
// at most voltpay.MaxBindingsPerAccount each. Errors: UNAVAILABLE.
func (s *AuthService) FindBindingsByAccountIDs(ctx context.Context, accountIDs []int64) (map[int64][]*voltpay.TenantBinding, error) {
	rows := []*voltpay.TenantBinding{}
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+bindingColumns+` FROM tenant_bindings b
		JOIN tenant_users t ON t.id = b.tenant_user_id WHERE b.account_id = ANY($1) ORDER BY b.account_id, b.id`,
		pq.Array(accountIDs)); err != nil {
		return nil, mapError(err)
	}
	out := make(map[int64][]*voltpay.TenantBinding, len(accountIDs))
	for _, b := range rows {
		if len(out[b.AccountID]) < voltpay.MaxBindingsPerAccount {
			out[b.AccountID] = append(out[b.AccountID], b)
		}
	}
	return out, nil
}

// RevokeBinding ends binding id (an operator's doing): every session of
// the person loses the account at their next request, websockets
// included. Errors: NOT_FOUND.
func (s *AuthService) RevokeBinding(ctx context.Context, id int64) (*voltpay.TenantBinding, error) {
	b := &voltpay.TenantBinding{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.GetContext(ctx, b, `SELECT `+bindingColumns+` FROM tenant_bindings b
			JOIN tenant_users t ON t.id = b.tenant_user_id WHERE b.id = $1 FOR UPDATE OF b`, id); err != nil {
			return notFound(err, "binding", id)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM tenant_bindings WHERE id = $1`, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE sessions SET account_id = NULL WHERE tenant_user_id = $1 AND account_id = $2`,
			b.TenantUserID, b.AccountID)
		return err
	})
	if err != nil {
		return nil, mapError(err)
	}
	return b, nil
}

// BindingCodes returns the binding code of each account. Errors:
// UNAVAILABLE.
func (s *AuthService) BindingCodes(ctx context.Context, accountIDs []int64) (map[int64]string, error) {
	var rows []struct {
		ID   int64  `db:"id"`
		Code string `db:"binding_code"`
	}
	if err := s.db.SelectContext(ctx, &rows, `SELECT id, binding_code FROM accounts WHERE id = ANY($1)`, pq.Array(accountIDs)); err != nil {
		return nil, mapError(err)
	}
	out := make(map[int64]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Code
	}
	return out, nil
}
