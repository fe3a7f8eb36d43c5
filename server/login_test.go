package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/server/auth"
)

const loginMutation = `mutation($u: String!, $p: String!, $t: Boolean) {
	login(username: $u, password: $p, tenant: $t) { token expiresAt principal { kind name role permissions account { id } } }
}`

// loginResult is the answer of loginMutation.
type loginResult struct {
	Login struct {
		Token     string
		ExpiresAt time.Time
		Principal struct {
			Kind, Name  string
			Role        *string
			Permissions []string
			Account     *struct{ ID string }
		}
	}
}

// loginOperator creates an operator with role and password through the
// service and returns the normalised username.
func loginOperator(tb testing.TB, env *testEnv, role voltpay.Role, password string) string {
	tb.Helper()
	name := fmt.Sprintf("login.%s%d", role, next())
	if _, err := env.Res.AuthService.CreateOperator(sys(), voltpay.OperatorInput{Username: name, DisplayName: name, Role: role, Password: password}); err != nil {
		tb.Fatalf("create operator: %v", err)
	}
	return name
}

// loginAttempt logs in over HTTP as an anonymous client.
func loginAttempt(tb testing.TB, env *testEnv, user, password string, tenant bool) *gqlResponse {
	tb.Helper()
	return env.anonymous().do(tb, loginMutation, map[string]any{"u": user, "p": password, "t": tenant})
}

// loginWantRefused checks a refused login: UNAUTHENTICATED with msg in the message.
func loginWantRefused(tb testing.TB, what string, resp *gqlResponse, msg string) {
	tb.Helper()
	if resp.Code() != voltpay.EUNAUTHENTICATED || !strings.Contains(resp.Errors[0].Message, msg) {
		tb.Fatalf("%s: got %+v, want UNAUTHENTICATED saying %q", what, resp.Errors, msg)
	}
	if s := string(resp.Data); s != "null" && s != "" {
		tb.Errorf("%s: refused login returned data %s", what, s)
	}
}

// loginCookie returns the session cookie a response sets, or nil.
func loginCookie(tb testing.TB, h http.Header) *http.Cookie {
	tb.Helper()
	for _, line := range h.Values("Set-Cookie") {
		c, err := http.ParseSetCookie(line)
		if err != nil {
			tb.Fatalf("Set-Cookie %q: %v", line, err)
		}
		if c.Name == graph.SessionCookie {
			return c
		}
	}
	return nil
}

// loginRoleNull checks Principal.role of a non-operator: the schema says
// "Operators only", and "" is no value of enum Role, so it must be null.
func loginRoleNull(tb testing.TB, what string, role *string) {
	tb.Helper()
	if role != nil {
		tb.Errorf("%s: principal.role is %q, want null (Role is for operators only; \"\" is not a Role value)", what, *role)
	}
}

// TestLogin signs in over HTTP and checks sessions, cookies, logout,
// wrong passwords, the login rate limit, tenant logins and API keys.
// One server process keeps its rate limits in memory, so the attempts here
// (about a dozen) stay below the per-address burst of auth.IPLoginBurst.
func TestLogin(t *testing.T) {
	env := newEnv(t)
	const password = "correct horse battery"
	user := loginOperator(t, env, voltpay.RoleCashier, password)
	me := `{ me { kind name role } }`

	var session loginResult
	t.Run("Session", func(t *testing.T) {
		resp := loginAttempt(t, env, user, password, false)
		resp.Decode(t, &session)
		l := session.Login
		if !strings.HasPrefix(l.Token, auth.SessionPrefix) || l.Principal.Kind != "operator" || l.Principal.Name != user ||
			l.Principal.Role == nil || *l.Principal.Role != "cashier" || len(l.Principal.Permissions) != len(voltpay.RoleCashier.Permissions()) {
			t.Fatalf("login: got %+v", l)
		}
		if d := time.Until(l.ExpiresAt); d < voltpay.SessionTTL-time.Minute || d > voltpay.SessionTTL+time.Minute {
			t.Errorf("expiresAt %v is %v away, want about %v", l.ExpiresAt, d, voltpay.SessionTTL)
		}

		c := loginCookie(t, resp.Header)
		if c == nil {
			t.Fatalf("no %s cookie; Set-Cookie: %q", graph.SessionCookie, resp.Header.Values("Set-Cookie"))
		}
		if c.Value != l.Token || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure {
			t.Errorf("cookie: got %+v, want the token, HttpOnly, SameSite=Lax, Path=/, not Secure (test config)", c)
		}
		if c.Expires.IsZero() || c.Expires.Sub(l.ExpiresAt).Abs() > time.Second {
			t.Errorf("cookie expires %v, want the session's %v", c.Expires, l.ExpiresAt)
		}

		var got struct{ Me struct{ Kind, Name string } }
		(&client{env: env, cookie: &http.Cookie{Name: c.Name, Value: c.Value}}).do(t, me, nil).Decode(t, &got)
		if got.Me.Kind != "operator" || got.Me.Name != user {
			t.Errorf("me with the cookie alone: got %+v", got.Me)
		}
		got.Me.Name = ""
		(&client{env: env, bearer: l.Token}).do(t, me, nil).Decode(t, &got)
		if got.Me.Name != user {
			t.Errorf("me with the bearer token: got %+v", got.Me)
		}
	})

	t.Run("Logout", func(t *testing.T) {
		if session.Login.Token == "" {
			t.Skip("no session")
		}
		bearer := &client{env: env, bearer: session.Login.Token}
		cookie := &client{env: env, cookie: &http.Cookie{Name: graph.SessionCookie, Value: session.Login.Token}}
		var out struct{ Logout bool }
		resp := cookie.do(t, `mutation { logout }`, nil)
		resp.Decode(t, &out)
		if !out.Logout {
			t.Fatal("logout: got false")
		}
		if c := loginCookie(t, resp.Header); c == nil || c.Value != "" || c.MaxAge >= 0 || !c.HttpOnly {
			t.Errorf("logout should clear the cookie: got %+v", c)
		}
		for name, c := range map[string]*client{"bearer": bearer, "cookie": cookie} {
			resp := c.do(t, me, nil)
			if resp.Code() != voltpay.EUNAUTHENTICATED {
				t.Fatalf("me with the %s after logout: got %q, want UNAUTHENTICATED", name, resp.Code())
			}
			if msg := resp.Errors[0].Message; !strings.Contains(msg, "unknown session") && !strings.Contains(msg, "expired") {
				t.Errorf("me with the %s after logout: message %q should say the session is unknown or expired", name, msg)
			}
		}
	})

	t.Run("WrongPassword", func(t *testing.T) {
		loginWantRefused(t, "wrong password", loginAttempt(t, env, user, "not the password", false), "wrong username or password")
		loginWantRefused(t, "unknown user", loginAttempt(t, env, "nobody.at.all", password, false), "wrong username or password")
		if code := loginAttempt(t, env, "", password, false).Code(); code != voltpay.EINVALID {
			t.Errorf("empty username: got %q, want INVALID_INPUT", code)
		}
	})

	t.Run("RateLimit", func(t *testing.T) {
		target := loginOperator(t, env, voltpay.RoleViewer, password)
		limited := 0
		for i := 1; i <= auth.LoginBurst+2 && limited == 0; i++ {
			resp := loginAttempt(t, env, target, fmt.Sprintf("guess-%d", i), false)
			if resp.Code() != voltpay.EUNAUTHENTICATED {
				t.Fatalf("guess %d: got %q, want UNAUTHENTICATED", i, resp.Code())
			}
			if strings.Contains(resp.Errors[0].Message, "too many") {
				limited = i
			}
		}
		if limited == 0 || limited <= auth.LoginBurst {
			t.Fatalf("rate limit: refused at attempt %d, want after the first %d attempts", limited, auth.LoginBurst)
		}
		// Locked now, even with the right password, and however the name is spelt.
		loginWantRefused(t, "right password while locked", loginAttempt(t, env, target, password, false), "too many")
		loginWantRefused(t, "upper-case name while locked", loginAttempt(t, env, strings.ToUpper(target), password, false), "too many")
		// Only this user is locked: others still sign in from the same address.
		var other loginResult
		loginAttempt(t, env, user, password, false).Decode(t, &other)
		if other.Login.Token == "" {
			t.Error("another user could not sign in while one was locked")
		}
	})

	t.Run("Tenant", func(t *testing.T) {
		acct := env.openAccount(t, 0)
		phone := fmt.Sprintf("137%08d", next())
		if _, err := env.Res.AuthService.CreateTenantUser(sys(), acct.ID, phone, "tenant-secret"); err != nil {
			t.Fatalf("create tenant user: %v", err)
		}
		loginWantRefused(t, "tenant phone as operator", loginAttempt(t, env, phone, "tenant-secret", false), "wrong username or password")
		var got loginResult
		loginAttempt(t, env, phone, "tenant-secret", true).Decode(t, &got)
		p := got.Login.Principal
		if p.Kind != "tenant" || p.Name != phone || p.Account == nil || p.Account.ID != fmt.Sprint(acct.ID) ||
			strings.Join(p.Permissions, ",") != string(voltpay.PermReadAccounts)+","+string(voltpay.PermRecharge) {
			t.Fatalf("tenant login: got %+v, want tenant %s of account %d with read_accounts and recharge", p, phone, acct.ID)
		}
		loginRoleNull(t, "tenant login", p.Role)
		var mine struct{ Me struct{ Kind, Name string } }
		(&client{env: env, bearer: got.Login.Token}).do(t, `{ me { kind name } }`, nil).Decode(t, &mine)
		if mine.Me.Kind != "tenant" || mine.Me.Name != phone {
			t.Errorf("tenant me: got %+v", mine.Me)
		}
		loginWantRefused(t, "tenant wrong password", loginAttempt(t, env, phone, "tenant-wrong", true), "wrong username or password")
	})

	t.Run("APIKey", func(t *testing.T) {
		admin := env.operator(t, voltpay.RoleAdmin)
		var created struct {
			CreateApiKey struct {
				ApiKey struct{ ID string }
				Secret string
			}
		}
		admin.do(t, `mutation { createApiKey(name: "login test", scopes: [read_accounts]) { apiKey { id } secret } }`, nil).Decode(t, &created)
		key := &client{env: env, bearer: created.CreateApiKey.Secret}
		var got struct {
			Me struct {
				Kind string
				Role *string
			}
		}
		key.do(t, `{ me { kind role } }`, nil).Decode(t, &got)
		if got.Me.Kind != "apikey" {
			t.Fatalf("me with the key: got %+v", got.Me)
		}
		loginRoleNull(t, "API key me", got.Me.Role)
		if resp := admin.do(t, `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, map[string]any{"id": created.CreateApiKey.ApiKey.ID}); resp.Code() != "" {
			t.Fatalf("revokeApiKey: %+v", resp.Errors)
		}
		for _, q := range []string{`{ me { kind } }`, `{ accounts { totalCount } }`} {
			resp := key.do(t, q, nil)
			if resp.Code() != voltpay.EUNAUTHENTICATED || !strings.Contains(resp.Errors[0].Message, "revoked") {
				t.Errorf("%s with a revoked key: got %+v, want UNAUTHENTICATED saying revoked", q, resp.Errors)
			}
		}
	})

	t.Run("BadBearer", func(t *testing.T) {
		for _, token := range []string{"garbage", auth.SessionPrefix + "0000", "vpk_nope"} {
			resp := (&client{env: env, bearer: token}).do(t, `{ me { kind } }`, nil)
			if resp.Code() != voltpay.EUNAUTHENTICATED || resp.Errors[0].Message == "" {
				t.Errorf("bearer %q: got %+v, want UNAUTHENTICATED with a reason", token, resp.Errors)
			}
		}
	})
}
