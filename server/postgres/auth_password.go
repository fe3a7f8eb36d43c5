package postgres

import (
	"context"
	"errors"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/auth"
)

// ChangePassword changes the signed-in operator's or tenant's own password
// after checking their current one, and ends their other sessions (all
// but the session of token, the one asking): whoever else knew the old
// password is signed out. Wrong current passwords count against the same
// limit as failed logins (per user and address), so a session left open
// cannot be used to guess the password. Errors: INVALID_INPUT (an API key,
// which has no password; a wrong currentPassword; a weak newPassword),
// UNAUTHENTICATED (too many wrong attempts).
func (s *AuthService) ChangePassword(ctx context.Context, token, current, next string) error {
	p := voltpay.PrincipalFrom(ctx)
	table, owner := "operators", "operator_id"
	switch {
	case p == nil || (p.Kind != voltpay.PrincipalOperator && !p.IsTenant()) || p.Kiosk:
		return voltpay.Invalid("currentPassword", "only operators and tenants have a password to change; an API key is revoked and replaced instead, and the office kiosk has none")
	case p.IsTenant():
		table, owner = "tenant_users", "tenant_user_id"
	}
	if err := auth.ValidatePassword(next); err != nil {
		return fieldNamed(err, "newPassword")
	}
	if next == current {
		return voltpay.Invalid("newPassword", "the new password is the current one; choose another")
	}
	if err := s.throttle(p.Name, p.IsTenant(), p.IP); err != nil {
		return err
	}
	var hash string
	if err := s.db.GetContext(ctx, &hash, `SELECT coalesce(password_hash, '') FROM `+table+` WHERE id = $1`, p.ID); err != nil {
		return notFound(err, "user", p.ID)
	}
	if hash == "" {
		return voltpay.Invalid("currentPassword", "you sign in with texted codes or from WeChat and have no password to change")
	}
	if ok, err := auth.CheckPassword(hash, current); err != nil {
		return err
	} else if !ok {
		return voltpay.Invalid("currentPassword", "the current password is wrong; type it again")
	}
	s.userLimit.Reset(userLimitKey(p.Name, p.IsTenant(), p.IP))
	newHash, err := auth.HashPassword(next)
	if err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET password_hash = $2 WHERE id = $1`, p.ID, newHash); err != nil {
			return mapError(err)
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE `+owner+` = $1 AND token_hash <> $2`, p.ID, auth.HashToken(token))
		return mapError(err)
	})
}

// fieldNamed returns err, an INVALID_INPUT about one field, naming field
// instead: auth.ValidatePassword speaks of "password", which is
// newPassword in the inputs that set a new one.
func fieldNamed(err error, field string) error {
	var e *voltpay.Error
	if errors.As(err, &e) && e.Field != "" {
		named := *e
		named.Field = field
		return &named
	}
	return err
}
