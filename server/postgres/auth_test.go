package postgres_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/auth"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

const authTestPassword = "s3cret-pass"

// authFreshDB opens a database of this test alone, for tests that need to
// know every operator.
func authFreshDB(tb testing.TB) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), pgtest.NewDatabase(tb))
	if err != nil {
		tb.Fatalf("open fresh database: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// authMustOperator creates an operator with a unique username and authTestPassword.
func authMustOperator(tb testing.TB, s *postgres.AuthService, role voltpay.Role, disabled bool) *voltpay.Operator {
	tb.Helper()
	o, err := s.CreateOperator(AdminContext(), voltpay.OperatorInput{
		Username: fmt.Sprintf("Op.%s-%08x", role, rand.Uint32()), DisplayName: "Test operator",
		Role: role, Password: authTestPassword, Disabled: disabled,
	})
	if err != nil {
		tb.Fatalf("create operator: %v", err)
	}
	return o
}

// operatorContext acts as operator o.
func operatorContext(o *voltpay.Operator) context.Context {
	return voltpay.WithPrincipal(context.Background(), &voltpay.Principal{
		Kind: voltpay.PrincipalOperator, ID: o.ID, Name: o.Username, Role: o.Role,
	})
}

// authMustAccount inserts an open account directly, independent of AccountService.
func authMustAccount(tb testing.TB, db *postgres.DB) int64 {
	tb.Helper()
	site := MustCreateSite(tb, db)
	var id int64
	err := db.GetContext(context.Background(), &id, `INSERT INTO accounts (site_id, no, tenant_name, phone, alarm1_fen, alarm2_fen)
		VALUES ($1, $2, 'Auth test shop', '13800000000', 5000, 2000) RETURNING id`, site.ID, fmt.Sprintf("AUTH%012d", rand.Int64N(1e12)))
	if err != nil {
		tb.Fatalf("insert account: %v", err)
	}
	return id
}

func randomPhone() string { return fmt.Sprintf("139%08d", rand.IntN(100_000_000)) }

// wantMessage fails unless err has code and its message contains want.
func wantMessage(tb testing.TB, err error, code, want string) {
	tb.Helper()
	wantCode(tb, err, code)
	if got := voltpay.ErrorMessage(err); !strings.Contains(got, want) {
		tb.Fatalf("error message: got %q, want it to contain %q", got, want)
	}
}

func TestAuth_Login(t *testing.T) {
	db := MustOpenDB(t)
	s := postgres.NewAuthService(db)
	op := authMustOperator(t, s, voltpay.RoleCashier, false)

	t.Run("OK", func(t *testing.T) {
		before := time.Now()
		sess, err := s.Login(context.Background(), "  "+strings.ToUpper(op.Username)+" ", authTestPassword, false, "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(sess.Token, "vps_") {
			t.Fatalf("token %q: want prefix vps_", sess.Token)
		}
		p := sess.Principal
		if p.Kind != voltpay.PrincipalOperator || p.ID != op.ID || p.Role != voltpay.RoleCashier || p.Name != op.Username || p.IP != "10.0.0.1" {
			t.Fatalf("principal: got %+v, want cashier %d", p, op.ID)
		}
		if d := sess.ExpiresAt.Sub(before); d < voltpay.SessionTTL-time.Minute || d > voltpay.SessionTTL+time.Minute {
			t.Fatalf("ExpiresAt is %v from now, want %v", d, voltpay.SessionTTL)
		}
		got, err := s.FindOperatorByID(AdminContext(), op.ID)
		if err != nil || got.LastLoginAt == nil {
			t.Fatalf("last login not recorded: %+v, %v", got, err)
		}
		var stored []byte
		if err := db.GetContext(context.Background(), &stored, `SELECT token_hash FROM sessions WHERE operator_id = $1`, op.ID); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(stored, auth.HashToken(sess.Token)) {
			t.Fatal("the session stores something other than the token's SHA-256")
		}
	})
	t.Run("ErrWrongPassword", func(t *testing.T) {
		_, err := s.Login(context.Background(), op.Username, authTestPassword+"x", false, "10.0.0.2")
		wantMessage(t, err, voltpay.EUNAUTHENTICATED, "wrong username or password")
	})
	t.Run("ErrUnknownUser", func(t *testing.T) {
		_, err := s.Login(context.Background(), "nobody-here", authTestPassword, false, "10.0.0.3")
		wantMessage(t, err, voltpay.EUNAUTHENTICATED, "wrong username or password")
	})
	t.Run("ErrEmptyUsername", func(t *testing.T) {
		_, err := s.Login(context.Background(), " ", authTestPassword, false, "10.0.0.3")
		wantCode(t, err, voltpay.EINVALID)
	})
	t.Run("ErrDisabled", func(t *testing.T) {
		off := authMustOperator(t, s, voltpay.RoleViewer, true)
		_, err := s.Login(context.Background(), off.Username, authTestPassword, false, "10.0.0.4")
		wantMessage(t, err, voltpay.EUNAUTHENTICATED, "disabled")
		_, err = s.Login(context.Background(), off.Username, "wrong-password", false, "10.0.0.4")
		wantMessage(t, err, voltpay.EUNAUTHENTICATED, "wrong username or password")
	})
}

func TestAuth_LoginRateLimit(t *testing.T) {
	db := MustOpenDB(t)
	s := postgres.NewAuthService(db)
	op := authMustOperator(t, s, voltpay.RoleViewer, false)

	t.Run("ErrUserAddress", func(t *testing.T) {
		for range auth.LoginBurst {
			_, err := s.Login(context.Background(), op.Username, "wrong-password", false, "10.1.0.1")
			wantMessage(t, err, voltpay.EUNAUTHENTICATED, "wrong username or password")
		}
		// From that address even the right password waits now.
		_, err := s.Login(context.Background(), op.Username, authTestPassword, false, "10.1.0.1")
		wantRetryAfter(t, err, auth.LoginBackoff)
	})
	t.Run("ErrIP", func(t *testing.T) {
		// Each attempt hashes, so on a slow machine a token or two may refill
		// meanwhile: count the attempts allowed before the first refusal.
		start, allowed := time.Now(), 0
		var err error
		for i := range 2 * auth.IPLoginBurst {
			_, err = s.Login(context.Background(), fmt.Sprint("ghost", i), "wrong-password", false, "10.2.0.1")
			if strings.Contains(voltpay.ErrorMessage(err), "too many") {
				break
			}
			wantMessage(t, err, voltpay.EUNAUTHENTICATED, "wrong username or password")
			allowed++
		}
		refilled := int(time.Since(start) / auth.IPLoginEvery)
		if allowed < auth.IPLoginBurst || allowed > auth.IPLoginBurst+refilled {
			t.Fatalf("one address made %d attempts before refusal; want %d (+%d refilled)", allowed, auth.IPLoginBurst, refilled)
		}
		wantRetryAfter(t, err, auth.IPLoginEvery)
	})
	t.Run("SuccessForgivesTypos", func(t *testing.T) {
		other := authMustOperator(t, s, voltpay.RoleViewer, false)
		for range auth.LoginBurst - 1 {
			s.Login(context.Background(), other.Username, "wrong-password", false, "")
		}
		if _, err := s.Login(context.Background(), other.Username, authTestPassword, false, ""); err != nil {
			t.Fatal(err)
		}
		_, err := s.Login(context.Background(), other.Username, "wrong-password", false, "")
		wantMessage(t, err, voltpay.EUNAUTHENTICATED, "wrong username or password")
	})
}

// TestSecurity_TargetedLockout (issue 10, finding 8): wrong passwords from
// one address slow that address down, exponentially, but never lock the
// real user out: they sign in from their own address at once.
func TestSecurity_TargetedLockout(t *testing.T) {
	s := postgres.NewAuthService(MustOpenDB(t))
	victim := authMustOperator(t, s, voltpay.RoleAdmin, false)
	var err error
	for i := range auth.LoginBurst + 3 {
		_, err = s.Login(context.Background(), victim.Username, fmt.Sprint("guess-", i), false, "203.0.113.66")
		if strings.Contains(voltpay.ErrorMessage(err), "too many") {
			break
		}
	}
	wantRetryAfter(t, err, auth.LoginBackoff)
	// The guesser is slowed whatever they send, the right password too.
	_, err = s.Login(context.Background(), victim.Username, authTestPassword, false, "203.0.113.66")
	wantRetryAfter(t, err, auth.LoginBackoff)
	// The real user, elsewhere, is not.
	if _, err := s.Login(context.Background(), victim.Username, authTestPassword, false, "198.51.100.7"); err != nil {
		t.Fatalf("the real user from another address: %v; want signed in", err)
	}
}

// wantRetryAfter fails unless err refuses a login for at most limit.
func wantRetryAfter(tb testing.TB, err error, limit time.Duration) {
	tb.Helper()
	wantCode(tb, err, voltpay.EUNAUTHENTICATED)
	var n int
	if _, scanErr := fmt.Sscanf(voltpay.ErrorMessage(err), "too many login attempts; wait %d seconds", &n); scanErr != nil || n < 1 || time.Duration(n)*time.Second > limit {
		tb.Fatalf("got %q; want \"too many login attempts; wait N seconds\" with 1 <= N <= %v", voltpay.ErrorMessage(err), limit.Seconds())
	}
}

func TestAuth_Tenant(t *testing.T) {
	db := MustOpenDB(t)
	s := postgres.NewAuthService(db)
	accountID := authMustAccount(t, db)
	phone := randomPhone()

	u, err := s.CreateTenantUser(AdminContext(), accountID, "+86 "+phone, authTestPassword)
	if err != nil {
		t.Fatal(err)
	}
	if u.Phone != phone || u.AccountID != accountID || u.ID == 0 {
		t.Fatalf("tenant user: got %+v, want phone %s on account %d", u, phone, accountID)
	}

	t.Run("Login", func(t *testing.T) {
		sess, err := s.Login(context.Background(), phone, authTestPassword, true, "")
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.Authenticate(context.Background(), sess.Token)
		if err != nil {
			t.Fatal(err)
		}
		if p.Kind != voltpay.PrincipalTenant || p.AccountID != accountID || p.ID != u.ID || p.Name != phone {
			t.Fatalf("principal: got %+v, want tenant %d of account %d", p, u.ID, accountID)
		}
	})
	t.Run("ErrWrongPassword", func(t *testing.T) {
		_, err := s.Login(context.Background(), phone, "wrong-password", true, "")
		wantMessage(t, err, voltpay.EUNAUTHENTICATED, "wrong username or password")
	})
	t.Run("ErrNotAnOperator", func(t *testing.T) {
		_, err := s.Login(context.Background(), phone, authTestPassword, false, "")
		wantMessage(t, err, voltpay.EUNAUTHENTICATED, "wrong username or password")
	})
	t.Run("ErrBadPhone", func(t *testing.T) {
		_, err := s.Login(context.Background(), "12345", authTestPassword, true, "")
		wantCode(t, err, voltpay.EINVALID)
	})
	t.Run("ErrCreate", func(t *testing.T) {
		_, err := s.CreateTenantUser(AdminContext(), accountID, phone, authTestPassword)
		wantCode(t, err, voltpay.ECONFLICT)
		_, err = s.CreateTenantUser(AdminContext(), 1<<40, randomPhone(), authTestPassword)
		wantCode(t, err, voltpay.ENOTFOUND)
		_, err = s.CreateTenantUser(AdminContext(), accountID, "not-a-phone", authTestPassword)
		wantCode(t, err, voltpay.EINVALID)
		_, err = s.CreateTenantUser(AdminContext(), accountID, randomPhone(), "short")
		wantCode(t, err, voltpay.EINVALID)

		closed := authMustAccount(t, db)
		if _, err := db.ExecContext(context.Background(), `UPDATE accounts SET status = 'closed', closed_at = now() WHERE id = $1`, closed); err != nil {
			t.Fatal(err)
		}
		_, err = s.CreateTenantUser(AdminContext(), closed, randomPhone(), authTestPassword)
		wantMessage(t, err, voltpay.ECONFLICT, "closed")
	})
}

func TestAuth_AuthenticateSession(t *testing.T) {
	db := MustOpenDB(t)
	s := postgres.NewAuthService(db)
	op := authMustOperator(t, s, voltpay.RoleManager, false)
	login := func(t *testing.T) *voltpay.Session {
		t.Helper()
		sess, err := s.Login(context.Background(), op.Username, authTestPassword, false, "")
		if err != nil {
			t.Fatal(err)
		}
		return sess
	}
	expiresAt := func(t *testing.T, token string) time.Time {
		t.Helper()
		var at time.Time
		if err := db.GetContext(context.Background(), &at, `SELECT expires_at FROM sessions WHERE token_hash = $1`, auth.HashToken(token)); err != nil {
			t.Fatal(err)
		}
		return at
	}

	t.Run("OK", func(t *testing.T) {
		sess := login(t)
		p, err := s.Authenticate(context.Background(), sess.Token)
		if err != nil {
			t.Fatal(err)
		}
		if p.Kind != voltpay.PrincipalOperator || p.ID != op.ID || p.Role != voltpay.RoleManager {
			t.Fatalf("principal: got %+v", p)
		}
		if err := s.Logout(context.Background(), sess.Token); err != nil {
			t.Fatal(err)
		}
		_, err = s.Authenticate(context.Background(), sess.Token)
		wantMessage(t, err, voltpay.EUNAUTHENTICATED, "log in again")
		if err := s.Logout(context.Background(), sess.Token); err != nil {
			t.Fatalf("second logout: %v", err)
		}
	})
	t.Run("SlidingExpiry", func(t *testing.T) {
		sess := login(t)
		first := expiresAt(t, sess.Token)
		if _, err := s.Authenticate(context.Background(), sess.Token); err != nil {
			t.Fatal(err)
		}
		if got := expiresAt(t, sess.Token); !got.Equal(first) {
			t.Fatalf("expiry moved from %v to %v with most of the TTL left; want no write", first, got)
		}
		later := time.Now().Add(voltpay.SessionTTL * 6 / 10)
		db.Now = func() time.Time { return later }
		defer func() { db.Now = func() time.Time { return time.Now().UTC() } }()
		if _, err := s.Authenticate(context.Background(), sess.Token); err != nil {
			t.Fatal(err)
		}
		if got, want := expiresAt(t, sess.Token), later.Add(voltpay.SessionTTL); got.Sub(want).Abs() > time.Second {
			t.Fatalf("expiry after use with less than half the TTL left: got %v, want %v", got, want)
		}
	})
	t.Run("ErrExpired", func(t *testing.T) {
		sess := login(t)
		db.Now = func() time.Time { return time.Now().Add(voltpay.SessionTTL + time.Minute) }
		defer func() { db.Now = func() time.Time { return time.Now().UTC() } }()
		_, err := s.Authenticate(context.Background(), sess.Token)
		wantMessage(t, err, voltpay.EUNAUTHENTICATED, "session expired; log in again")
	})
	t.Run("ErrDisabled", func(t *testing.T) {
		victim := authMustOperator(t, s, voltpay.RoleViewer, false)
		sess, err := s.Login(context.Background(), victim.Username, authTestPassword, false, "")
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.UpdateOperator(AdminContext(), victim.ID, voltpay.OperatorInput{
			Username: victim.Username, Role: victim.Role, Disabled: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Authenticate(context.Background(), sess.Token)
		wantCode(t, err, voltpay.EUNAUTHENTICATED)
	})
	t.Run("ErrGarbage", func(t *testing.T) {
		for _, token := range []string{"", "hello", "Bearer x", "vps_", "vps_" + strings.Repeat("A", 43), "vpk_nope", "vpk_\x00"} {
			_, err := s.Authenticate(context.Background(), token)
			wantCode(t, err, voltpay.EUNAUTHENTICATED)
		}
		_, err := s.Authenticate(context.Background(), "hello")
		wantMessage(t, err, voltpay.EUNAUTHENTICATED, "unknown token")
	})
}

func TestAuth_APIKey(t *testing.T) {
	db := MustOpenDB(t)
	s := postgres.NewAuthService(db)
	admin := authMustOperator(t, s, voltpay.RoleAdmin, false)
	scopes := []voltpay.Permission{voltpay.PermReadAccounts, voltpay.PermSell, voltpay.PermReadAccounts}

	key, full, err := s.CreateAPIKey(operatorContext(admin), "  BMS integration ", scopes)
	if err != nil {
		t.Fatal(err)
	}
	prefix, secret, ok := auth.ParseAPIKey(full)
	if !ok || prefix != key.Prefix || key.Name != "BMS integration" || key.CreatedBy == nil || *key.CreatedBy != admin.ID {
		t.Fatalf("key %+v with secret %q: want prefix, name and creator %d", key, full, admin.ID)
	}
	if len(key.Scopes) != 2 || key.Scopes[0] != voltpay.PermReadAccounts || key.Scopes[1] != voltpay.PermSell {
		t.Fatalf("scopes: got %v, want [read_accounts sell]", key.Scopes)
	}
	var stored []byte
	if err := db.GetContext(context.Background(), &stored, `SELECT secret_hash FROM api_keys WHERE id = $1`, key.ID); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stored, auth.HashToken(secret)) {
		t.Fatal("the key stores something other than the SHA-256 of its secret")
	}

	t.Run("Authenticate", func(t *testing.T) {
		p, err := s.Authenticate(context.Background(), full)
		if err != nil {
			t.Fatal(err)
		}
		if p.Kind != voltpay.PrincipalAPIKey || p.ID != key.ID || p.Name != "BMS integration" || !p.Can(voltpay.PermSell) || p.Can(voltpay.PermRefund) {
			t.Fatalf("principal: got %+v", p)
		}
		keys, err := s.FindAPIKeys(AdminContext(), voltpay.APIKeyFilter{Page: voltpay.PageArgs{After: key.ID - 1, First: 1}})
		if err != nil {
			t.Fatal(err)
		}
		var used *time.Time
		for _, k := range keys.Items {
			if k.ID == key.ID {
				used = k.LastUsedAt
			}
		}
		if used == nil {
			t.Fatal("last_used_at not set after use")
		}
		if _, err := s.Authenticate(context.Background(), full); err != nil {
			t.Fatal(err)
		}
		var again time.Time
		db.GetContext(context.Background(), &again, `SELECT last_used_at FROM api_keys WHERE id = $1`, key.ID)
		if !again.Equal(*used) {
			t.Fatalf("last_used_at rewritten within a minute: %v then %v", *used, again)
		}
	})
	t.Run("ErrWrongSecret", func(t *testing.T) {
		_, otherSecret, _ := auth.NewAPIKey()
		_, err := s.Authenticate(context.Background(), "vpk_"+prefix+"_"+otherSecret)
		wantMessage(t, err, voltpay.EUNAUTHENTICATED, "unknown API key")
		_, err = s.Authenticate(context.Background(), "vpk_"+prefix+"_"+secret[:20])
		wantMessage(t, err, voltpay.EUNAUTHENTICATED, "malformed API key")
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, _, err := s.CreateAPIKey(AdminContext(), " ", scopes)
		wantCode(t, err, voltpay.EINVALID)
		_, _, err = s.CreateAPIKey(AdminContext(), "x", nil)
		wantCode(t, err, voltpay.EINVALID)
		_, _, err = s.CreateAPIKey(AdminContext(), "x", []voltpay.Permission{"ROOT"})
		wantCode(t, err, voltpay.EINVALID)
	})
	t.Run("Revoke", func(t *testing.T) {
		k, err := s.RevokeAPIKey(AdminContext(), key.ID)
		if err != nil {
			t.Fatal(err)
		}
		if k.RevokedAt == nil {
			t.Fatal("RevokedAt not set")
		}
		_, err = s.Authenticate(context.Background(), full)
		wantMessage(t, err, voltpay.EUNAUTHENTICATED, "API key revoked")
		_, err = s.RevokeAPIKey(AdminContext(), key.ID)
		wantCode(t, err, voltpay.ECONFLICT)
		_, err = s.RevokeAPIKey(AdminContext(), 1<<40)
		wantCode(t, err, voltpay.ENOTFOUND)
	})
}

// TestSecurity_SessionMaxAge (issue 10, finding 8): a session used all the
// time slides with the idle timeout but ends at its maximum age.
func TestSecurity_SessionMaxAge(t *testing.T) {
	db := MustOpenDB(t)
	s := postgres.NewAuthService(db)
	op := authMustOperator(t, s, voltpay.RoleViewer, false)
	sess, err := s.Login(context.Background(), op.Username, authTestPassword, false, "")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().UTC()
	defer func() { db.Now = func() time.Time { return time.Now().UTC() } }()
	end := start.Add(voltpay.SessionMaxAge)
	renewed := false
	for at := start; at.Before(end.Add(-time.Minute)); at = at.Add(voltpay.SessionTTL * 6 / 10) {
		db.Now = func() time.Time { return at }
		p, err := s.Authenticate(context.Background(), sess.Token)
		if err != nil {
			t.Fatalf("in use %v after login: %v", at.Sub(start), err)
		}
		if !p.RenewedUntil.IsZero() {
			renewed = true
			if p.RenewedUntil.After(end.Add(time.Second)) {
				t.Fatalf("slid to %v, past the maximum age (%v)", p.RenewedUntil, end)
			}
		}
	}
	if !renewed {
		t.Fatal("the session never slid")
	}
	db.Now = func() time.Time { return end.Add(time.Second) }
	_, err = s.Authenticate(context.Background(), sess.Token)
	wantCode(t, err, voltpay.EUNAUTHENTICATED)
}
