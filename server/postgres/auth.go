package postgres

import (
	"context"
	"crypto/subtle"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/auth"
)

// AuthService implements voltpay.AuthService: logins and sessions,
// operators, API keys and tenant logins. Passwords are argon2id hashes;
// sessions and API keys are stored only as SHA-256 of their secret.
//
// Login attempts are throttled in memory, per username and client address
// together (exponential backoff) and per client address, so the limits
// hold per server process.
type AuthService struct {
	db        *DB
	userLimit *auth.Backoff // per operator username or tenant phone and client address
	ipLimit   *auth.Limiter // per client address
	keys      keyCache      // recently verified API keys
	smsLimits *smsLimits    // texted codes, per phone and client address
	bindLimit *bindLimits   // binding code guesses
	// kioskLimits throttle the office kiosk's lookups (kiosk.go).
	kioskLimits *kioskLimits
	// KioskKey is the secret the office's kiosks send with each lookup
	// (VOLTPAY_KIOSK_KEY); empty: the kiosk is off.
	KioskKey string
	// SMS texts sign-in and binding codes; nil: those are UNAVAILABLE.
	SMS voltpay.SMS
	// Sessions are the session lifetimes; set them before serving.
	Sessions SessionLifetimes
}

// SessionLifetimes bound sessions: Idle without use (each use slides the
// session), and at most MaxAge (operators) or TenantMaxAge (tenants) after
// login, however much it is used.
type SessionLifetimes struct {
	Idle, MaxAge, TenantMaxAge time.Duration
}

// DefaultSessionLifetimes are voltpay.SessionTTL, SessionMaxAge and
// TenantSessionMaxAge.
var DefaultSessionLifetimes = SessionLifetimes{Idle: voltpay.SessionTTL, MaxAge: voltpay.SessionMaxAge,
	TenantMaxAge: voltpay.TenantSessionMaxAge}

// maxAge is the absolute lifetime of a session of a tenant or an operator.
func (l SessionLifetimes) maxAge(tenant bool) time.Duration {
	if tenant {
		return l.TenantMaxAge
	}
	return l.MaxAge
}

// NewAuthService returns an AuthService on db with fresh login limits.
func NewAuthService(db *DB) *AuthService {
	return &AuthService{
		db:        db,
		userLimit: auth.NewBackoff(auth.LoginBurst, auth.LoginBackoff, auth.LoginBackoffMax),
		ipLimit:   auth.NewLimiter(auth.IPLoginEvery, auth.IPLoginBurst),
		Sessions:  DefaultSessionLifetimes,
		smsLimits: newSMSLimits(),
		bindLimit: newBindLimits(),

		kioskLimits: newKioskLimits(),
	}
}

var _ voltpay.AuthService = (*AuthService)(nil)

// operatorsLockID is the advisory lock key serialising changes that must
// see every operator at once: creating the first admin, demoting or
// disabling an admin.
const operatorsLockID int64 = 0x766f6c746f707301

// Session housekeeping: how long expired sessions are kept (so that their
// owner is told "expired" rather than "unknown"), and how often an API
// key's last use is written.
const (
	expiredSessionKeep = 7 * 24 * time.Hour
	lastUsedEvery      = time.Minute
)

const msgWrongCredentials = "wrong username or password"

func authErr(format string, args ...any) error {
	return voltpay.Errorf(voltpay.EUNAUTHENTICATED, format, args...)
}

// credential is what a login checks, for an operator or a tenant user.
type credential struct {
	ID        int64  `db:"id"`
	Name      string `db:"name"`
	Hash      string `db:"password_hash"`
	Role      string `db:"role"`
	Disabled  bool   `db:"disabled"`
	AccountID int64  `db:"account_id"`
	// AccountClosed is set for a tenant whose account is closed: a tenant
	// login lives only as long as the account it is bound to.
	AccountClosed bool `db:"account_closed"`
	Tenant        bool `db:"tenant"`
	// WechatOpenID is the person's openid when the session is (being)
	// opened from the WeChat mini-program.
	WechatOpenID string `db:"wechat_openid"`
}

// Login checks an operator's username (or, with tenant, a tenant's phone)
// and password and opens a session (see SessionLifetimes). A wrong username
// and a wrong password give the same error and take about the same time.
// Errors: UNAUTHENTICATED (wrong credentials, disabled operator, too many
// attempts), INVALID_INPUT (empty username, malformed phone).
func (s *AuthService) Login(ctx context.Context, username, password string, tenant bool, ip string) (*voltpay.Session, error) {
	name, query, err := loginLookup(username, tenant)
	if err != nil {
		return nil, err
	}
	if err := s.throttle(name, tenant, ip); err != nil {
		return nil, err
	}
	c := &credential{}
	if err := s.db.GetContext(ctx, c, query, name); err != nil {
		if err := ignoreNoRows(err); err != nil {
			return nil, mapError(err)
		}
		auth.CheckDummy(password)
		return nil, authErr(msgWrongCredentials)
	}
	if len(password) > auth.MaxPasswordLen || c.Hash == "" { // no password: signs in by SMS code or WeChat
		auth.CheckDummy("")
		return nil, authErr(msgWrongCredentials)
	}
	ok, err := auth.CheckPassword(c.Hash, password)
	if err != nil {
		return nil, fmt.Errorf("login %s: %w", name, err)
	} else if !ok {
		return nil, authErr(msgWrongCredentials)
	}
	if tenant {
		if err := s.currentAccount(ctx, c); err != nil {
			return nil, err
		}
	}
	if err := c.refusal(); err != nil {
		return nil, err
	}
	s.userLimit.Reset(userLimitKey(name, tenant, ip))
	return s.openSession(ctx, c, tenant, password, ip)
}

// loginLookup normalises the login name and picks the query finding it.
func loginLookup(username string, tenant bool) (name, query string, err error) {
	if tenant {
		phone, err := voltpay.NormalizePhone("phone", username)
		return phone, `SELECT t.id, t.phone AS name, coalesce(t.password_hash, '') AS password_hash, '' AS role, t.disabled,
			coalesce(t.account_id, 0) AS account_id, coalesce(a.status = 'closed', false) AS account_closed, true AS tenant
			FROM tenant_users t LEFT JOIN accounts a ON a.id = t.account_id WHERE t.phone = $1`, err
	}
	name = strings.ToLower(strings.TrimSpace(username))
	if name == "" {
		return "", "", voltpay.Invalid("username", "enter your username")
	}
	return name, `SELECT id, username AS name, password_hash, role, disabled, 0 AS account_id, false AS tenant
		FROM operators WHERE username = $1`, nil
}

// userLimitKey keys the backoff by user and client address together: a
// guesser slows down only their own attempts, never the real user's from
// another address (see auth.Backoff).
func userLimitKey(name string, tenant bool, ip string) string {
	if tenant {
		return "tenant:" + name + "@" + ip
	}
	return "operator:" + name + "@" + ip
}

// throttle counts one login attempt against the user at the client address
// and against the address, refusing it when either must wait.
func (s *AuthService) throttle(name string, tenant bool, ip string) error {
	wait := s.userLimit.Attempt(userLimitKey(name, tenant, ip))
	if wait == 0 && ip != "" && !s.ipLimit.Allow(ip) {
		wait = s.ipLimit.RetryAfter(ip)
	}
	if wait == 0 {
		return nil
	}
	return voltpay.Throttled(int(math.Ceil(wait.Seconds())), "too many login attempts; wait %d seconds")
}

// openSession stores a new session for c, records the login, and stores a
// fresh hash when the password's hash has outdated parameters.
func (s *AuthService) openSession(ctx context.Context, c *credential, tenant bool, password, ip string) (*voltpay.Session, error) {
	rehash := ""
	if password != "" && auth.NeedsRehash(c.Hash) {
		rehash, _ = auth.HashPassword(password) // on failure keep the old hash
	}
	token := auth.NewSessionToken()
	sess := &voltpay.Session{Token: token}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		sess.ExpiresAt = tx.now.Add(min(s.Sessions.Idle, s.Sessions.maxAge(tenant)))
		opID, tuID, table := &c.ID, (*int64)(nil), "operators"
		if tenant {
			opID, tuID, table = nil, &c.ID, "tenant_users"
		}
		var current *int64
		if tenant && c.AccountID != 0 {
			current = &c.AccountID
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, operator_id, tenant_user_id, ip, created_at, expires_at, account_id, wechat_openid)
			VALUES ($1, $2, $3, $4, $5, $6, $7, nullif($8, ''))`, auth.HashToken(token), opID, tuID, ip, tx.now, sess.ExpiresAt, current, c.WechatOpenID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET last_login_at = $2 WHERE id = $1`, c.ID, tx.now); err != nil {
			return err
		}
		if rehash != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET password_hash = $2 WHERE id = $1`, c.ID, rehash); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < $1`, tx.now.Add(-expiredSessionKeep))
		return err
	})
	if err != nil {
		return nil, mapError(err)
	}
	sess.Principal = c.principal(tenant)
	sess.Principal.IP = ip
	return sess, nil
}

// refusal says why a credential that checks out may not be used: a
// disabled operator, or a tenant whose account was closed (销户).
func (c *credential) refusal() error {
	if c.Disabled && c.Tenant {
		return authErr("tenant login %s is disabled; ask the property office to enable it", c.Name)
	}
	if c.Disabled {
		return authErr("operator %s is disabled; ask an administrator to enable it", c.Name)
	}
	if c.AccountClosed {
		return authErr("the account of tenant login %s is closed, so the login no longer works with it; sign in again to use your other accounts, or ask the property office to open a new account and bind you to it", c.Name)
	}
	return nil
}

func (c *credential) principal(tenant bool) *voltpay.Principal {
	if tenant {
		return &voltpay.Principal{Kind: voltpay.PrincipalTenant, ID: c.ID, Name: c.Name, AccountID: c.AccountID, WechatOpenID: c.WechatOpenID}
	}
	return &voltpay.Principal{Kind: voltpay.PrincipalOperator, ID: c.ID, Name: c.Name, Role: voltpay.Role(c.Role)}
}

// Logout ends the session of token. Logging out twice, or with an unknown
// token, is not an error. Errors: UNAVAILABLE.
func (s *AuthService) Logout(ctx context.Context, token string) error {
	if !strings.HasPrefix(token, auth.SessionPrefix) {
		return nil
	}
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, auth.HashToken(token))
	return mapError(err)
}

// Authenticate resolves a session token (vps_…) or an API key (vpk_…) to
// its principal. A session in use is extended to Sessions.Idle from now
// (never past its maximum age) once less than half of that is left, and
// the principal's RenewedUntil says so. The principal's IP is left for
// the caller to fill in. Errors: UNAUTHENTICATED (unknown, expired or
// revoked credentials, disabled operator).
func (s *AuthService) Authenticate(ctx context.Context, token string) (*voltpay.Principal, error) {
	switch {
	case strings.HasPrefix(token, auth.SessionPrefix):
		return s.authenticateSession(ctx, token)
	case strings.HasPrefix(token, auth.APIKeyPrefix):
		return s.authenticateKey(ctx, token)
	}
	return nil, authErr("unknown token: send the session token from login (vps_…) or an API key (vpk_…) as the Bearer token")
}

type sessionRow struct {
	CreatedAt    time.Time `db:"created_at"`
	ExpiresAt    time.Time `db:"expires_at"`
	TenantUserID *int64    `db:"tenant_user_id"`
	Kiosk        bool      `db:"kiosk"`
	credential
}

func (s *AuthService) authenticateSession(ctx context.Context, token string) (*voltpay.Principal, error) {
	hash, now := auth.HashToken(token), s.db.Now()
	r := &sessionRow{}
	err := s.db.getPrepared(ctx, r, `
		SELECT s.created_at, s.expires_at, s.tenant_user_id, s.kiosk, coalesce(s.operator_id, s.tenant_user_id, 0) AS id,
		       coalesce(o.username, t.phone, 'wechat:' || t.id, 'kiosk:' || a.no) AS name, '' AS password_hash, coalesce(o.role, '') AS role,
		       coalesce(o.disabled, t.disabled, false) AS disabled, coalesce(a.id, 0) AS account_id,
		       coalesce(a.status = 'closed', false) AS account_closed, s.tenant_user_id IS NOT NULL OR s.kiosk AS tenant,
		       coalesce(s.wechat_openid, '') AS wechat_openid
		  FROM sessions s
		  LEFT JOIN operators o ON o.id = s.operator_id
		  LEFT JOIN tenant_users t ON t.id = s.tenant_user_id
		  -- The current account counts only while the person is bound to it;
		  -- a kiosk session's is the one account it was opened on.
		  LEFT JOIN tenant_bindings b ON b.tenant_user_id = s.tenant_user_id AND b.account_id = s.account_id
		  LEFT JOIN accounts a ON a.id = CASE WHEN s.kiosk THEN s.account_id ELSE b.account_id END
		 WHERE s.token_hash = $1`, hash)
	if err != nil {
		if err := ignoreNoRows(err); err != nil {
			return nil, mapError(err)
		}
		return nil, authErr("unknown session (logged out, or the token is wrong); log in again")
	}
	if !now.Before(r.ExpiresAt) {
		return nil, authErr("session expired; log in again")
	}
	if r.Kiosk && r.AccountClosed {
		return nil, authErr("this account was closed; ask at the counter")
	}
	if err := r.refusal(); err != nil {
		return nil, err
	}
	maxAge := s.Sessions.maxAge(r.Tenant)
	if r.Kiosk {
		maxAge = voltpay.KioskSessionMaxAge
	}
	end := r.CreatedAt.Add(maxAge)
	if !now.Before(end) {
		return nil, authErr("session reached its maximum age of %s; log in again", maxAge)
	}
	p := r.principal(r.Tenant)
	p.Kiosk = r.Kiosk
	if r.ExpiresAt.Sub(now) < s.Sessions.Idle/2 && r.ExpiresAt.Before(end) {
		p.RenewedUntil = now.Add(s.Sessions.Idle)
		if p.RenewedUntil.After(end) {
			p.RenewedUntil = end
		}
		if _, err := s.db.ExecContext(ctx, `UPDATE sessions SET expires_at = $2 WHERE token_hash = $1`,
			hash, p.RenewedUntil); err != nil {
			return nil, mapError(err)
		}
	}
	return p, nil
}

// apiKeyRow is an api_keys row; the embedded key's Scopes are filled from
// ScopeList.
type apiKeyRow struct {
	voltpay.APIKey
	ScopeList  pq.StringArray `db:"scopes"`
	SecretHash []byte         `db:"secret_hash"`
}

const apiKeyColumns = `id, name, prefix, scopes, created_by, created_by_key_id, created_at, revoked_at, last_used_at`

func (r *apiKeyRow) key() *voltpay.APIKey {
	k := r.APIKey
	k.Scopes = make([]voltpay.Permission, len(r.ScopeList))
	for i, s := range r.ScopeList {
		k.Scopes[i] = voltpay.Permission(s)
	}
	return &k
}

func (s *AuthService) authenticateKey(ctx context.Context, token string) (*voltpay.Principal, error) {
	prefix, secret, ok := auth.ParseAPIKey(token)
	if !ok {
		return nil, authErr("malformed API key: copy the whole key (vpk_…) exactly as it was shown when it was created")
	}
	whole := auth.HashToken(token)
	if p, ok := s.keys.get(whole, s.db.Now()); ok {
		return p, nil
	}
	r := &apiKeyRow{}
	err := s.db.getPrepared(ctx, r, `SELECT `+apiKeyColumns+`, secret_hash FROM api_keys WHERE prefix = $1`, prefix)
	if err := ignoreNoRows(err); err != nil {
		return nil, mapError(err)
	}
	// On no rows r.SecretHash is empty and the comparison fails.
	if subtle.ConstantTimeCompare(r.SecretHash, auth.HashToken(secret)) != 1 {
		return nil, authErr("unknown API key: check that it was copied whole, or ask an administrator for a new one")
	}
	if r.RevokedAt != nil {
		return nil, authErr("API key revoked; ask an administrator for a new one")
	}
	if now := s.db.Now(); r.LastUsedAt == nil || now.Sub(*r.LastUsedAt) >= lastUsedEvery {
		if _, err := s.db.ExecContext(ctx, `UPDATE api_keys SET last_used_at = $2
			WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)`, r.ID, now, now.Add(-lastUsedEvery)); err != nil {
			return nil, mapError(err)
		}
	}
	k := r.key()
	p := &voltpay.Principal{Kind: voltpay.PrincipalAPIKey, ID: k.ID, Name: k.Name, Scopes: k.Scopes}
	s.keys.put(whole, p, s.db.Now())
	return p, nil
}
