package postgres

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"strings"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/auth"
)

// The office kiosk (用户查询机): a tenant at the property office's touch
// screen types their shop number and a check, and gets a short session on
// that one account to see it and pay by QR code.
//
// Guesses are limited three ways: the kiosk must send the site's kiosk key
// (so only the office's screens can try at all), a client address may try
// 20 times at once and once more every 15 s (a queue of tenants at one
// screen fits in that), and an account's wrong checks lock it out of the
// kiosk after 5 for 10 minutes each (so a 4-digit phone check holds for
// weeks of trying, at the office, in front of the staff). Limits are in
// memory per server process, as the login limits are.
const (
	kioskAddressEvery = 15 * time.Second
	kioskAddressBurst = 20
	kioskFailEvery    = 10 * time.Minute
	kioskFailBurst    = 5
	kioskMaxMatches   = 20 // accounts sharing a shop number that are checked
)

type kioskLimits struct {
	address *auth.Limiter // every try, per client address
	fails   *auth.Limiter // wrong checks, per account (or per unknown shop)
}

func newKioskLimits() *kioskLimits {
	return &kioskLimits{address: auth.NewLimiter(kioskAddressEvery, kioskAddressBurst),
		fails: auth.NewLimiter(kioskFailEvery, kioskFailBurst)}
}

// kioskTarget is an open account a kiosk lookup may find.
type kioskTarget struct {
	ID    int64  `db:"id"`
	No    string `db:"no"`
	Phone string `db:"phone"`
	Code  string `db:"binding_code"`
}

// matches reports whether check proves t: the last KioskPhoneDigits
// digits of its contact phone, or its binding code.
func (t *kioskTarget) matches(check string) bool {
	if len(check) == voltpay.KioskPhoneDigits && strings.Trim(check, "0123456789") == "" {
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, t.Phone)
		return len(digits) >= len(check) &&
			subtle.ConstantTimeCompare([]byte(digits[len(digits)-len(check):]), []byte(check)) == 1
	}
	return subtle.ConstantTimeCompare([]byte(strings.ToUpper(check)), []byte(t.Code)) == 1
}

// KioskSignIn implements voltpay.TenantService. Errors: UNAVAILABLE (no
// kiosk key configured), UNAUTHENTICATED (not a kiosk, wrong shop or check,
// throttled, locked out), INVALID_INPUT (empty or overlong shop or check),
// CONFLICT (several accounts match: type the account number instead).
func (s *AuthService) KioskSignIn(ctx context.Context, in voltpay.KioskSignInInput) (*voltpay.Session, error) {
	if s.KioskKey == "" {
		return nil, voltpay.Errorf(voltpay.EUNAVAILABLE, "the office kiosk is not set up on this server: set VOLTPAY_KIOSK_KEY, then open /kiosk/?device=<that key> once on the kiosk")
	}
	if in.IP != "" && !s.kioskLimits.address.Allow(in.IP) {
		return nil, authErr("too many tries at this kiosk; wait %d seconds", waitSeconds(s.kioskLimits.address.RetryAfter(in.IP)))
	}
	want, got := sha256.Sum256([]byte(s.KioskKey)), sha256.Sum256([]byte(in.Device))
	if subtle.ConstantTimeCompare(want[:], got[:]) != 1 {
		return nil, authErr("this screen is not a kiosk of the property office (its kiosk key is missing or wrong); staff: open /kiosk/?device=<VOLTPAY_KIOSK_KEY> once on it")
	}
	shop := strings.TrimSpace(in.Shop)
	check := strings.ReplaceAll(strings.TrimSpace(in.Check), " ", "")
	switch {
	case shop == "" || len(shop) > 32:
		return nil, voltpay.Invalid("shop", "enter your shop number (e.g. A-101) or the account number on your receipt")
	case check == "" || len(check) > 16:
		return nil, voltpay.Invalid("check", "enter the last %d digits of the account's contact phone, or the binding code on your opening receipt", voltpay.KioskPhoneDigits)
	}
	var found []*kioskTarget
	if err := s.db.SelectContext(ctx, &found, `SELECT id, no, phone, binding_code FROM accounts
		WHERE status = 'open' AND (no = $1 OR upper(shop_no) = upper($1)) ORDER BY id LIMIT $2`, shop, kioskMaxMatches); err != nil {
		return nil, mapError(err)
	}
	keys := []string{"shop:" + strings.ToUpper(shop)}
	for _, t := range found {
		keys = append(keys, fmt.Sprintf("account:%d", t.ID))
	}
	for _, k := range keys {
		if wait := s.kioskLimits.fails.RetryAfter(k); wait > 0 {
			return nil, authErr("too many wrong checks for this shop: it is locked at the kiosk for %d minutes; ask at the counter", int(wait.Minutes()+0.999))
		}
	}
	var hit []*kioskTarget
	for _, t := range found {
		if t.matches(check) {
			hit = append(hit, t)
		}
	}
	switch {
	case len(hit) == 0:
		for _, k := range keys {
			s.kioskLimits.fails.Allow(k)
		}
		return nil, authErr("the shop number and the check do not match: type the last %d digits of the account's contact phone, or the binding code on your opening receipt", voltpay.KioskPhoneDigits)
	case len(hit) > 1:
		return nil, voltpay.Errorf(voltpay.ECONFLICT, "several accounts have shop number %s; type the account number printed on your receipt instead", shop)
	}
	for _, k := range keys {
		s.kioskLimits.fails.Reset(k)
	}
	return s.openKioskSession(ctx, hit[0], in.IP)
}

// openKioskSession stores a kiosk session on account t.
func (s *AuthService) openKioskSession(ctx context.Context, t *kioskTarget, ip string) (*voltpay.Session, error) {
	token := auth.NewSessionToken()
	sess := &voltpay.Session{Token: token}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		sess.ExpiresAt = tx.now.Add(voltpay.KioskSessionMaxAge)
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, kiosk, ip, created_at, expires_at, account_id)
			VALUES ($1, true, $2, $3, $4, $5)`, auth.HashToken(token), ip, tx.now, sess.ExpiresAt, t.ID)
		return err
	})
	if err != nil {
		return nil, mapError(err)
	}
	sess.Principal = &voltpay.Principal{Kind: voltpay.PrincipalTenant, Name: "kiosk:" + t.No, AccountID: t.ID, Kiosk: true, IP: ip}
	return sess, nil
}

// waitSeconds is d in whole seconds, at least 1.
func waitSeconds(d time.Duration) int { return int(max(d, time.Second).Seconds() + 0.999) }
