package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
)

// tenantLogin signs a tenant in through the API and returns a client with
// its session, or the refusal.
func tenantLogin(t *testing.T, env *testEnv, phone, password string) (*client, *gqlResponse) {
	t.Helper()
	resp := env.anonymous().do(t, `mutation($u: String!, $p: String!) { login(username: $u, password: $p, tenant: true) { token } }`,
		map[string]any{"u": phone, "p": password})
	if len(resp.Errors) > 0 {
		return nil, resp
	}
	var got struct{ Login struct{ Token string } }
	resp.Decode(t, &got)
	return &client{env: env, bearer: got.Login.Token}, resp
}

// signedIn reports whether c's session still works.
func signedIn(t *testing.T, c *client) bool {
	t.Helper()
	resp := c.do(t, `{ me { id } }`, nil)
	if len(resp.Errors) > 0 && resp.Code() != voltpay.EUNAUTHENTICATED {
		t.Fatalf("me: %+v", resp.Errors)
	}
	return len(resp.Errors) == 0
}

type tenantUserAnswer struct {
	ID          string
	Phone       string
	Disabled    bool
	LastLoginAt *string
}

// TestConsole_TenantLogins: operators with manage_accounts list an
// account's tenant logins (never a password hash), reset a password (the
// tenant's sessions end; idempotent on its key; audited without the
// password) and disable a login (its sessions end, it cannot sign in) and
// enable it again; others may not see the logins; an account has at most
// MaxTenantUsers.
func TestConsole_TenantLogins(t *testing.T) {
	env := newEnv(t)
	cashier := env.operator(t, voltpay.RoleCashier)
	acct := env.openAccount(t, 100)
	phone := fmt.Sprintf("136%08d", next())
	var created struct{ CreateTenantUser tenantUserAnswer }
	cashier.do(t, `mutation($a: ID!, $p: String!) { createTenantUser(accountId: $a, phone: $p, password: "first-password-1") { id phone disabled lastLoginAt } }`,
		map[string]any{"a": acct.ID, "p": phone}).Decode(t, &created)
	user := created.CreateTenantUser
	if user.Disabled || user.LastLoginAt != nil || user.Phone != phone {
		t.Fatalf("new login: %+v", user)
	}
	tenant, resp := tenantLogin(t, env, phone, "first-password-1")
	if tenant == nil {
		t.Fatalf("tenant login: %+v", resp.Errors)
	}

	const listQuery = `query($a: ID!) { account(id: $a) { id tenantUsers { id phone disabled lastLoginAt createdAt } } }`
	t.Run("List", func(t *testing.T) {
		resp := cashier.do(t, listQuery, map[string]any{"a": acct.ID})
		var got struct {
			Account struct{ TenantUsers []tenantUserAnswer }
		}
		resp.Decode(t, &got)
		if len(got.Account.TenantUsers) != 1 || got.Account.TenantUsers[0].ID != user.ID || got.Account.TenantUsers[0].LastLoginAt == nil {
			t.Errorf("tenantUsers: %+v, want the login, with its last sign-in", got.Account.TenantUsers)
		}
		if strings.Contains(string(resp.Data), "argon2") {
			t.Errorf("a password hash in the answer: %s", resp.Data)
		}
		for name, c := range map[string]*client{"viewer": env.operator(t, voltpay.RoleViewer), "finance": env.operator(t, voltpay.RoleFinance),
			"tenant": tenant, "read_accounts key": env.apiKey(t, voltpay.PermReadAccounts)} {
			resp := c.do(t, listQuery, map[string]any{"a": acct.ID})
			if resp.Code() != voltpay.EFORBIDDEN || strings.Contains(string(resp.Data), phone) || !strings.Contains(string(resp.Data), `"tenantUsers":null`) {
				t.Errorf("%s listing tenant logins: got %+v %s, want FORBIDDEN and null", name, resp.Errors, resp.Data)
			}
		}
	})

	const reset = `mutation($in: ResetTenantPasswordInput!) { resetTenantPassword(input: $in) { id disabled } }`
	t.Run("ResetPassword", func(t *testing.T) {
		resp := cashier.do(t, reset, map[string]any{"in": map[string]any{"userId": user.ID, "newPassword": "password"}})
		if resp.Code() != voltpay.EINVALID || resp.Errors[0].Extensions.Field != "newPassword" {
			t.Errorf("a common password: got %+v, want INVALID_INPUT naming newPassword", resp.Errors)
		}
		if resp := env.operator(t, voltpay.RoleViewer).do(t, reset, map[string]any{"in": map[string]any{"userId": user.ID, "newPassword": "second-password-2"}}); resp.Code() != voltpay.EFORBIDDEN {
			t.Errorf("a viewer resetting: got %+v, want FORBIDDEN", resp.Errors)
		}
		key := newKey()
		in := map[string]any{"userId": user.ID, "newPassword": "second-password-2", "idempotencyKey": key}
		cashier.do(t, reset, map[string]any{"in": in}).Decode(t, &struct{}{})
		if signedIn(t, tenant) {
			t.Error("the tenant's session outlived the reset")
		}
		if c, _ := tenantLogin(t, env, phone, "first-password-1"); c != nil {
			t.Error("the old password still signs in")
		}
		again, resp := tenantLogin(t, env, phone, "second-password-2")
		if again == nil {
			t.Fatalf("the new password: %+v", resp.Errors)
		}
		// The same key and password: answered, nothing more changes (the new session stays).
		cashier.do(t, reset, map[string]any{"in": in}).Decode(t, &struct{}{})
		if !signedIn(t, again) {
			t.Error("a replayed reset ended the session again")
		}
		for what, other := range map[string]map[string]any{
			"another password": {"userId": user.ID, "newPassword": "third-password-3", "idempotencyKey": key},
			"another login":    {"userId": authzUnknownID, "newPassword": "second-password-2", "idempotencyKey": key},
		} {
			if resp := cashier.do(t, reset, map[string]any{"in": other}); resp.Code() != voltpay.ECONFLICT {
				t.Errorf("the key with %s: got %+v, want CONFLICT", what, resp.Errors)
			}
		}
		rows := auditRows(t, env, `operation = 'resetTenantPassword' AND result = 'ok' AND args::text LIKE '%'||$1||'%'`, key)
		if len(rows) != 1 || !auditFind(t, rows[0].Args, "newPassword", "[redacted]") {
			t.Errorf("the reset's audit: %+v, want one row (not one per replay) with the password redacted", rows)
		}
		if n := auditLeaks(t, env, "second-password-2"); n != 0 {
			t.Errorf("the new password appears in %d audit rows", n)
		}
		tenant = again
	})

	const disable = `mutation($id: ID!, $d: Boolean!) { setTenantUserDisabled(id: $id, disabled: $d) { id disabled } }`
	t.Run("Disable", func(t *testing.T) {
		var got struct{ SetTenantUserDisabled tenantUserAnswer }
		cashier.do(t, disable, map[string]any{"id": user.ID, "d": true}).Decode(t, &got)
		if !got.SetTenantUserDisabled.Disabled {
			t.Errorf("disabled: %+v", got)
		}
		if signedIn(t, tenant) {
			t.Error("the disabled login's session goes on")
		}
		if c, resp := tenantLogin(t, env, phone, "second-password-2"); c != nil || !strings.Contains(resp.Errors[0].Message, "disabled") {
			t.Errorf("a disabled login signing in: got %+v, want UNAUTHENTICATED saying it is disabled", resp.Errors)
		}
		cashier.do(t, disable, map[string]any{"id": user.ID, "d": false}).Decode(t, &got)
		if c, resp := tenantLogin(t, env, phone, "second-password-2"); c == nil {
			t.Errorf("enabled again, the login signs in: %+v", resp.Errors)
		}
		if resp := cashier.do(t, disable, map[string]any{"id": authzUnknownID, "d": true}); resp.Code() != voltpay.ENOTFOUND {
			t.Errorf("an unknown login: got %+v, want NOT_FOUND", resp.Errors)
		}
	})

	t.Run("AtMost20", func(t *testing.T) {
		a := env.openAccount(t, 0)
		for i := 0; i <= voltpay.MaxTenantUsers; i++ {
			_, err := env.Res.AuthService.CreateTenantUser(sys(), a.ID, fmt.Sprintf("135%08d", next()), "tenant-password")
			if i < voltpay.MaxTenantUsers && err != nil {
				t.Fatalf("login %d: %v", i+1, err)
			}
			if i == voltpay.MaxTenantUsers && voltpay.ErrorCode(err) != voltpay.ECONFLICT {
				t.Errorf("login %d: got %v, want CONFLICT", i+1, err)
			}
		}
	})
}

// TestConsole_ChangePassword: operators and tenants change their own
// password with the current one; their other sessions end, the asking one
// stays; wrong or weak input names its field; an API key has none.
func TestConsole_ChangePassword(t *testing.T) {
	env := newEnv(t)
	const change = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`
	name := fmt.Sprintf("changer%d", next())
	if _, err := env.Res.AuthService.CreateOperator(sys(), voltpay.OperatorInput{Username: name, Role: voltpay.RoleCashier, Password: "old-password-1"}); err != nil {
		t.Fatal(err)
	}
	login := func(password string) *client {
		resp := env.anonymous().do(t, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
			map[string]any{"u": name, "p": password})
		if len(resp.Errors) > 0 {
			return nil
		}
		var got struct{ Login struct{ Token string } }
		resp.Decode(t, &got)
		return &client{env: env, bearer: got.Login.Token}
	}
	here, elsewhere := login("old-password-1"), login("old-password-1")
	for _, c := range []struct{ current, next, field string }{
		{"wrong-password-1", "new-password-2", "currentPassword"},
		{"old-password-1", "short", "newPassword"},
		{"old-password-1", "old-password-1", "newPassword"},
	} {
		if resp := here.do(t, change, map[string]any{"c": c.current, "n": c.next}); resp.Code() != voltpay.EINVALID || resp.Errors[0].Extensions.Field != c.field {
			t.Errorf("change %q to %q: got %+v, want INVALID_INPUT naming %s", c.current, c.next, resp.Errors, c.field)
		}
	}
	var ok struct{ ChangePassword bool }
	here.do(t, change, map[string]any{"c": "old-password-1", "n": "new-password-2"}).Decode(t, &ok)
	if !ok.ChangePassword || !signedIn(t, here) || signedIn(t, elsewhere) {
		t.Errorf("changed %v: this session signed in %v (want true), the other %v (want false)", ok.ChangePassword, signedIn(t, here), signedIn(t, elsewhere))
	}
	if login("old-password-1") != nil || login("new-password-2") == nil {
		t.Error("after the change, the old password must fail and the new one work")
	}
	if n := auditLeaks(t, env, "new-password-2"); n != 0 {
		t.Errorf("the new password appears in %d audit rows", n)
	}

	// A tenant too.
	acct := env.openAccount(t, 0)
	phone := fmt.Sprintf("134%08d", next())
	if _, err := env.Res.AuthService.CreateTenantUser(sys(), acct.ID, phone, "tenant-password-1"); err != nil {
		t.Fatal(err)
	}
	tenant, _ := tenantLogin(t, env, phone, "tenant-password-1")
	tenant.do(t, change, map[string]any{"c": "tenant-password-1", "n": "tenant-password-2"}).Decode(t, &ok)
	if c, _ := tenantLogin(t, env, phone, "tenant-password-2"); c == nil || !signedIn(t, tenant) {
		t.Error("the tenant's new password must sign in, and their session stay")
	}

	if resp := env.apiKey(t, voltpay.PermReadAccounts).do(t, change, map[string]any{"c": "x-password-1", "n": "new-password-3"}); resp.Code() != voltpay.EINVALID {
		t.Errorf("an API key changing a password: got %+v, want INVALID_INPUT", resp.Errors)
	}
}
