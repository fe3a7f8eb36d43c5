package postgres

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"math/big"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/auth"
)

// The tenant app's sign-in by SMS code and from WeChat, and the one-time
// codes both sign-in and binding by SMS use.

// Throttles of texted codes, in memory per server process like the login
// limits: a phone gets a code at most once a minute and five an hour, an
// address asks for at most 10 codes at once and one more every 30 seconds
// (tenants' phones share carrier NAT).
const (
	smsPhoneEvery   = time.Minute
	smsPhoneHourly  = 5
	smsAddressEvery = 30 * time.Second
	smsAddressBurst = 10
)

// smsLimits throttles the sending of codes.
type smsLimits struct {
	phone   *auth.Limiter // one a minute per phone
	hourly  *auth.Limiter // five an hour per phone
	address *auth.Limiter // per client address
}

func newSMSLimits() *smsLimits {
	return &smsLimits{
		phone:   auth.NewLimiter(smsPhoneEvery, 1),
		hourly:  auth.NewLimiter(time.Hour/smsPhoneHourly, smsPhoneHourly),
		address: auth.NewLimiter(smsAddressEvery, smsAddressBurst),
	}
}

// allow counts one code for phone asked from ip, refusing it with how long
// to wait when any limit is spent.
func (l *smsLimits) allow(phone, ip string) error {
	var wait time.Duration
	switch {
	case ip != "" && !l.address.Allow(ip):
		wait = l.address.RetryAfter(ip)
	case !l.phone.Allow(phone):
		wait = l.phone.RetryAfter(phone)
	case !l.hourly.Allow(phone):
		wait = l.hourly.RetryAfter(phone)
	default:
		return nil
	}
	return voltpay.Throttled(int(wait.Seconds()+0.999), "too many codes asked for; wait %d seconds before asking again")
}

// Purposes of texted codes (tenant_sms_codes.purpose).
const (
	codeSignIn = "sign_in"
	codeBind   = "bind"
)

// newSMSCode returns a random 6-digit code.
func newSMSCode() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return fmt.Sprintf("%06d", n.Int64())
}

// codeHash is the stored form of a code: SHA-256 of a random salt and the
// code. Six digits are found from it by trying them all, so what protects
// a code is its short life, its single use and its few attempts; the hash
// keeps codes out of plain sight in the database and its backups.
func codeHash(salt []byte, code string) []byte {
	h := sha256.New()
	h.Write(salt)
	h.Write([]byte(code))
	return h.Sum(nil)
}

// issueCode stores a new code for phone (and, for binding, the account and
// the person asking) and texts it. A code that could not be sent is
// dropped. Older unused codes of the same phone and purpose end, so only
// the latest works.
func (s *AuthService) issueCode(ctx context.Context, purpose, phone string, accountID, personID *int64, text func(code string) string) error {
	if s.SMS == nil {
		return voltpay.Errorf(voltpay.EUNAVAILABLE, "texting codes is not set up on this server (VOLTPAY_SMS); sign in with your password or ask the property office")
	}
	code, salt := newSMSCode(), make([]byte, 16)
	rand.Read(salt)
	var id int64
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE tenant_sms_codes SET used_at = $3
			WHERE phone = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3`, phone, purpose, tx.now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM tenant_sms_codes WHERE expires_at < $1`, tx.now.Add(-24*time.Hour)); err != nil {
			return err
		}
		return tx.GetContext(ctx, &id, `INSERT INTO tenant_sms_codes (purpose, phone, account_id, tenant_user_id, code_hash, salt, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, purpose, phone, accountID, personID,
			codeHash(salt, code), salt, tx.now, tx.now.Add(voltpay.SMSCodeTTL))
	})
	if err != nil {
		return mapError(err)
	}
	if _, err := s.SMS.Send(ctx, voltpay.SMSMessage{To: phone, Text: text(code), Ref: fmt.Sprintf("code:%d", id)}); err != nil {
		if _, derr := s.db.ExecContext(context.WithoutCancel(ctx), `UPDATE tenant_sms_codes SET used_at = $2 WHERE id = $1`, id, s.db.Now()); derr != nil {
			return mapError(derr)
		}
		return voltpay.Errorf(voltpay.EUNAVAILABLE, "the code could not be texted (%v); try again in a minute", err)
	}
	return nil
}

// checkCode uses up the latest code of phone and purpose (for binding, of
// the account and person) if code is it: the try is counted first, on its
// own and for good (so a failing request cannot roll it back, and parallel
// guesses share the code's tries), then the code is marked used in tx.
// Errors: UNAUTHENTICATED (no live code, a wrong one, its tries spent).
func (s *AuthService) checkCode(ctx context.Context, tx *Tx, purpose, phone, code string, accountID, personID int64) error {
	var c struct {
		ID       int64     `db:"id"`
		Hash     []byte    `db:"code_hash"`
		Salt     []byte    `db:"salt"`
		Attempts int       `db:"attempts"`
		Expires  time.Time `db:"expires_at"`
	}
	err := s.db.GetContext(ctx, &c, `UPDATE tenant_sms_codes SET attempts = attempts + 1
		WHERE id = (SELECT id FROM tenant_sms_codes WHERE phone = $1 AND purpose = $2 AND used_at IS NULL
		              AND coalesce(account_id, 0) = $3 AND coalesce(tenant_user_id, 0) = $4 ORDER BY id DESC LIMIT 1)
		  AND attempts < $5
		RETURNING id, code_hash, salt, attempts, expires_at`, phone, purpose, accountID, personID, voltpay.SMSCodeAttempts)
	if err := ignoreNoRows(err); err != nil {
		return err
	}
	switch {
	case c.ID == 0:
		return voltpay.CodeRefused(voltpay.ReasonCodeUsedUp, "no code is waiting for this phone (it was used, its tries are spent, or none was asked for); ask for a new code")
	case !tx.now.Before(c.Expires):
		return voltpay.CodeRefused(voltpay.ReasonCodeExpired, "the code has expired (codes last %d minutes); ask for a new code", int(voltpay.SMSCodeTTL.Minutes()))
	}
	if len(code) != voltpay.SMSCodeDigits || subtle.ConstantTimeCompare(codeHash(c.Salt, code), c.Hash) != 1 {
		if left := voltpay.SMSCodeAttempts - c.Attempts; left > 0 {
			e := voltpay.CodeRefused(voltpay.ReasonCodeWrong, "wrong code: check the text and type its %d digits again (%d tries left)", voltpay.SMSCodeDigits, left)
			e.AttemptsLeft = &left
			return e
		}
		return voltpay.CodeRefused(voltpay.ReasonCodeUsedUp, "wrong code, and that was its last try; ask for a new code")
	}
	res, err := tx.ExecContext(ctx, `UPDATE tenant_sms_codes SET used_at = $2 WHERE id = $1 AND used_at IS NULL`, c.ID, tx.now)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return voltpay.CodeRefused(voltpay.ReasonCodeUsedUp, "this code was just used; ask for a new code")
	}
	return nil
}

// RequestSignInCode texts a sign-in code to phone, a mobile number. It
// answers the same whether or not a person has the phone. Errors:
// INVALID_INPUT (not a mobile number), UNAUTHENTICATED (throttled),
// UNAVAILABLE (the text could not be sent).
func (s *AuthService) RequestSignInCode(ctx context.Context, phone, ip string) error {
	phone, err := voltpay.NormalizeMobile("phone", phone)
	if err != nil {
		return err
	}
	if err := s.smsLimits.allow(phone, ip); err != nil {
		return err
	}
	return s.issueCode(ctx, codeSignIn, phone, nil, nil, func(code string) string {
		return fmt.Sprintf(voltpay.SignInCodeText, code, int(voltpay.SMSCodeTTL.Minutes()))
	})
}

// SignInWithCode checks a sign-in code and opens a tenant session for the
// person of phone, making them (unbound, without a password) when the
// phone is new. Wrong codes are throttled as failed logins are. Errors:
// INVALID_INPUT, UNAUTHENTICATED (wrong, expired or used code; disabled
// person; throttled).
func (s *AuthService) SignInWithCode(ctx context.Context, phone, code, ip string) (*voltpay.Session, error) {
	phone, err := voltpay.NormalizeMobile("phone", phone)
	if err != nil {
		return nil, err
	}
	if err := s.throttle("code:"+phone, true, ip); err != nil {
		return nil, err
	}
	c := &credential{Tenant: true}
	err = s.db.inTx(ctx, func(tx *Tx) error {
		if err := s.checkCode(ctx, tx, codeSignIn, phone, code, 0, 0); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO tenant_users (phone, created_at) VALUES ($1, $2)
			ON CONFLICT (phone) DO NOTHING`, phone, tx.now); err != nil {
			return err
		}
		return tx.GetContext(ctx, c, `SELECT t.id, t.phone AS name, '' AS password_hash, t.disabled,
			coalesce(t.account_id, 0) AS account_id, true AS tenant FROM tenant_users t WHERE t.phone = $1`, phone)
	})
	if err != nil {
		return nil, mapError(err)
	}
	return s.signInPerson(ctx, c, "code:"+phone, ip)
}

// SignInWithWechat opens a tenant session for the person of openid (from
// jscode2session), making them, unbound, when new. Errors: INVALID_INPUT
// (an empty or overlong openid), UNAUTHENTICATED (disabled person).
func (s *AuthService) SignInWithWechat(ctx context.Context, openid, ip string) (*voltpay.Session, error) {
	if openid == "" || len(openid) > 128 {
		return nil, voltpay.Invalid("code", "WeChat answered an openid of %d bytes; expected 1 to 128", len(openid))
	}
	c := &credential{Tenant: true}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO tenant_users (wechat_openid, created_at) VALUES ($1, $2)
			ON CONFLICT (wechat_openid) DO NOTHING`, openid, tx.now); err != nil {
			return err
		}
		return tx.GetContext(ctx, c, `SELECT t.id, coalesce(t.phone, 'wechat:' || t.id) AS name, '' AS password_hash, t.disabled,
			coalesce(t.account_id, 0) AS account_id, true AS tenant FROM tenant_users t WHERE t.wechat_openid = $1`, openid)
	})
	if err != nil {
		return nil, mapError(err)
	}
	c.WechatOpenID = openid // the session pays in the mini-program as this person
	return s.signInPerson(ctx, c, "", ip)
}

// signInPerson opens a session for a person whose code or openid checked
// out, resetting limitKey's backoff.
func (s *AuthService) signInPerson(ctx context.Context, c *credential, limitKey, ip string) (*voltpay.Session, error) {
	if err := s.currentAccount(ctx, c); err != nil {
		return nil, err
	}
	if c.Disabled {
		return nil, authErr("your tenant app sign-in is disabled; ask the property office to enable it")
	}
	if limitKey != "" {
		s.userLimit.Reset(userLimitKey(limitKey, true, ip))
	}
	return s.openSession(ctx, c, true, "", ip)
}

// currentAccount picks the account a new session of tenant c starts on:
// the account the login was made for while the person is still bound to it
// and it is open, or else the person's oldest open bound account, or none
// (AccountID 0). A login whose own account closed and who has no other
// keeps AccountClosed, which refuses it.
func (s *AuthService) currentAccount(ctx context.Context, c *credential) error {
	var id int64
	err := s.db.GetContext(ctx, &id, `SELECT b.account_id FROM tenant_bindings b JOIN accounts a ON a.id = b.account_id
		WHERE b.tenant_user_id = $1 AND a.status = 'open' ORDER BY (b.account_id = $2) DESC, b.id LIMIT 1`, c.ID, c.AccountID)
	if err := ignoreNoRows(err); err != nil {
		return err
	}
	if id != 0 {
		c.AccountID, c.AccountClosed = id, false
	} else if !c.AccountClosed {
		c.AccountID = 0
	}
	return nil
}
