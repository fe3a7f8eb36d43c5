package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/notify"
	"github.com/voltpay/voltpay/payment/paysim"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/wxlogin"
)

// The tenant app's identity: sign-in by texted code and from WeChat,
// bindings to accounts, and who may see and end them. Everything goes
// through the API over TCP against the package's PostgreSQL, with the fake
// SMS and paysim's jscode2session as the outside peers.

// withFakeSMS gives env's sign-in the fake SMS and returns it.
func withFakeSMS(t *testing.T, env *testEnv) *notify.Fake {
	t.Helper()
	fake := notify.NewFake()
	env.Res.AuthService.(*postgres.AuthService).SMS = fake
	return fake
}

var codeRE = regexp.MustCompile(`验证码是(\d{6})`)

// textedCode returns the code of the latest text to phone.
func textedCode(t *testing.T, fake *notify.Fake, phone string) string {
	t.Helper()
	m, ok := fake.Latest(phone)
	if !ok {
		t.Fatalf("nothing texted to %s", phone)
	}
	sub := codeRE.FindStringSubmatch(m.Text)
	if sub == nil {
		t.Fatalf("no code in the text %q", m.Text)
	}
	return sub[1]
}

func newMobile() string { return fmt.Sprintf("135%08d", next()) }

// wantError fails unless resp failed with code and a message containing
// each of words.
func wantError(t *testing.T, what string, resp *gqlResponse, code string, words ...string) {
	t.Helper()
	if resp.Code() != code {
		t.Fatalf("%s: got %s %+v, want %s", what, resp.Code(), resp.Errors, code)
	}
	for _, w := range words {
		if !strings.Contains(resp.Errors[0].Message, w) {
			t.Fatalf("%s: message %q does not say %q", what, resp.Errors[0].Message, w)
		}
	}
}

const (
	mRequestCode = `mutation($p: String!) { requestSignInCode(phone: $p) }`
	mSignIn      = `mutation($p: String!, $c: String!) { signInWithCode(phone: $p, code: $c) { token principal { kind id name account { id } } } }`
	mBind        = `mutation($no: String!, $check: BindCheck!) { bindAccount(accountNumber: $no, check: $check) { id no } }`
	qMe          = `{ me { kind account { id } } tenantAccounts { id no current status } }`
)

type signInAnswer struct {
	SignInWithCode struct {
		Token     string
		Principal struct {
			Kind, ID, Name string
			Account        *struct{ ID string }
		}
	}
}

// signInByCode signs a person in with a texted code and returns their client.
func signInByCode(t *testing.T, env *testEnv, fake *notify.Fake, phone string) (*client, signInAnswer) {
	t.Helper()
	anon := &client{env: env}
	anon.do(t, mRequestCode, map[string]any{"p": phone}).Decode(t, &struct{}{})
	var got signInAnswer
	anon.do(t, mSignIn, map[string]any{"p": phone, "c": textedCode(t, fake, phone)}).Decode(t, &got)
	return &client{env: env, bearer: got.SignInWithCode.Token}, got
}

type meAnswer struct {
	Me struct {
		Kind    string
		Account *struct{ ID string }
	}
	TenantAccounts []struct {
		ID, No, Status string
		Current        bool
	}
}

func (c *client) me(t *testing.T) meAnswer {
	t.Helper()
	var m meAnswer
	c.do(t, qMe, nil).Decode(t, &m)
	return m
}

// bindingCode reads an account's binding code as an operator would.
func bindingCode(t *testing.T, manager *client, accountID int64) string {
	t.Helper()
	var got struct{ Account struct{ BindingCode string } }
	manager.do(t, `query($id: ID!) { account(id: $id) { bindingCode } }`, map[string]any{"id": accountID}).Decode(t, &got)
	if len(got.Account.BindingCode) != voltpay.BindingCodeLen {
		t.Fatalf("binding code %q", got.Account.BindingCode)
	}
	return got.Account.BindingCode
}

func TestTenantApp_SignInWithCode(t *testing.T) {
	env := newEnv(t)
	fake := withFakeSMS(t, env)
	anon := &client{env: env}
	phone := newMobile()

	// Known or not, the answer is the same.
	env.tenant(t, env.openAccount(t, 0).ID)
	var knownPhone string
	if err := env.DB.GetContext(sys(), &knownPhone, `SELECT phone FROM tenant_users ORDER BY id DESC LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{phone, knownPhone} {
		resp := anon.do(t, mRequestCode, map[string]any{"p": p})
		if len(resp.Errors) != 0 || string(resp.Data) != `{"requestSignInCode":true}` {
			t.Fatalf("requestSignInCode(%s) = %s %+v", p, resp.Data, resp.Errors)
		}
	}
	code := textedCode(t, fake, phone)

	// Malformed phones and codes.
	wantError(t, "a landline", anon.do(t, mRequestCode, map[string]any{"p": "021-12345678"}), voltpay.EINVALID, "landline")
	wantError(t, "not a phone", anon.do(t, mRequestCode, map[string]any{"p": "<script>"}), voltpay.EINVALID)
	wantError(t, "a code of 7 digits", anon.do(t, mSignIn, map[string]any{"p": phone, "c": "1234567"}), voltpay.EINVALID)

	// Throttled per phone: a second code within the minute is refused.
	wantError(t, "a second code at once", anon.do(t, mRequestCode, map[string]any{"p": phone}), voltpay.EUNAUTHENTICATED, "wait")

	// A wrong code counts a try and says how many are left.
	wrong := fmt.Sprintf("%06d", (mustAtoi(t, code)+1)%1_000_000)
	wantError(t, "a wrong code", anon.do(t, mSignIn, map[string]any{"p": phone, "c": wrong}), voltpay.EUNAUTHENTICATED, "wrong code", "tries left")
	// Another phone's code does not open this one.
	wantError(t, "the code for another phone", anon.do(t, mSignIn, map[string]any{"p": newMobile(), "c": code}), voltpay.EUNAUTHENTICATED, "no code")

	var got signInAnswer
	anon.do(t, mSignIn, map[string]any{"p": phone, "c": code}).Decode(t, &got)
	p := got.SignInWithCode.Principal
	if got.SignInWithCode.Token == "" || p.Kind != "tenant" || p.Name != phone || p.Account != nil {
		t.Fatalf("signInWithCode = %+v; want a tenant session bound to no account", got)
	}
	tenant := &client{env: env, bearer: got.SignInWithCode.Token}
	if m := tenant.me(t); m.Me.Kind != "tenant" || m.Me.Account != nil || len(m.TenantAccounts) != 0 {
		t.Fatalf("a new person: %+v", m)
	}
	// A code works once.
	wantError(t, "a used code", anon.do(t, mSignIn, map[string]any{"p": phone, "c": code}), voltpay.EUNAUTHENTICATED, "ask for a new code")

	// Codes are hashed, never stored or logged as they are.
	var stored int
	if err := env.DB.GetContext(sys(), &stored, `SELECT count(*) FROM tenant_sms_codes WHERE phone = $1 AND position($2::bytea in code_hash) > 0`,
		phone, []byte(code)); err != nil || stored != 0 {
		t.Fatalf("the code is stored as it is: %d, %v", stored, err)
	}
	if strings.Contains(env.Log.String(), code) {
		t.Fatalf("the server logged the code: %s", env.Log.String())
	}
	var audited string
	if err := env.DB.GetContext(sys(), &audited, `SELECT coalesce(string_agg(args::text, ' '), '') FROM audit_log WHERE operation = 'signInWithCode'`); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(audited, code) {
		t.Fatalf("the audit log holds the code: %s", audited)
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestTenantApp_CodeLimits: an expired code, a code's tries spent, the
// per-address limit, and a text that could not be sent.
func TestTenantApp_CodeLimits(t *testing.T) {
	env := newEnv(t)
	fake := withFakeSMS(t, env)
	anon := &client{env: env}

	expired := newMobile()
	anon.do(t, mRequestCode, map[string]any{"p": expired}).Decode(t, &struct{}{})
	code := textedCode(t, fake, expired)
	if _, err := env.DB.ExecContext(sys(), `UPDATE tenant_sms_codes SET expires_at = now() - interval '1 second' WHERE phone = $1`, expired); err != nil {
		t.Fatal(err)
	}
	wantError(t, "an expired code", anon.do(t, mSignIn, map[string]any{"p": expired, "c": code}), voltpay.EUNAUTHENTICATED, "expired")

	spent := newMobile()
	anon.do(t, mRequestCode, map[string]any{"p": spent}).Decode(t, &struct{}{})
	code = textedCode(t, fake, spent)
	wrong := fmt.Sprintf("%06d", (mustAtoi(t, code)+7)%1_000_000)
	for i := range voltpay.SMSCodeAttempts {
		resp := anon.do(t, mSignIn, map[string]any{"p": spent, "c": wrong})
		if resp.Code() != voltpay.EUNAUTHENTICATED {
			t.Fatalf("wrong try %d: %+v", i+1, resp.Errors)
		}
		if i == voltpay.SMSCodeAttempts-1 && !strings.Contains(resp.Errors[0].Message, "last try") {
			t.Fatalf("the last try: %q", resp.Errors[0].Message)
		}
	}
	// The login backoff (per phone and address) slows the guesser too; from
	// another address the code's own limit answers.
	wantError(t, "the right code after its tries", anon.do(t, mSignIn, map[string]any{"p": spent, "c": code}), voltpay.EUNAUTHENTICATED)
	if _, err := env.Res.TenantService.SignInWithCode(context.Background(), spent, code, "192.0.2.1"); voltpay.ErrorCode(err) != voltpay.EUNAUTHENTICATED ||
		!strings.Contains(voltpay.ErrorMessage(err), "ask for a new code") {
		t.Fatalf("the right code after its tries, from another address: %v", err)
	}

	// Per client address: 10 codes at once (two were asked above).
	for i := 0; i < 8; i++ {
		anon.do(t, mRequestCode, map[string]any{"p": newMobile()}).Decode(t, &struct{}{})
	}
	wantError(t, "the 11th code from one address", anon.do(t, mRequestCode, map[string]any{"p": newMobile()}), voltpay.EUNAUTHENTICATED, "too many codes")

	// A text that cannot be sent: UNAVAILABLE, and no code waits.
	env2 := newEnv(t)
	fake2 := withFakeSMS(t, env2)
	fake2.Fail = fmt.Errorf("modem not answering")
	down := newMobile()
	wantError(t, "SMS down", (&client{env: env2}).do(t, mRequestCode, map[string]any{"p": down}), voltpay.EUNAVAILABLE, "could not be texted")
	var live int
	env2.DB.GetContext(sys(), &live, `SELECT count(*) FROM tenant_sms_codes WHERE phone = $1 AND used_at IS NULL`, down)
	if live != 0 {
		t.Fatalf("%d codes that were never sent still work", live)
	}
	// No SMS configured: UNAVAILABLE saying so.
	env3 := newEnv(t)
	wantError(t, "no SMS", (&client{env: env3}).do(t, mRequestCode, map[string]any{"p": newMobile()}), voltpay.EUNAVAILABLE, "VOLTPAY_SMS")
}

// TestTenantApp_Bindings: a person binds two accounts (binding code, texted
// code), switches between them, and sees only the current one; hostile
// binds fail; an operator sees and revokes the binding, and the person's
// session loses the account at once; the person unbinds the other.
func TestTenantApp_Bindings(t *testing.T) {
	env := newEnv(t)
	fake := withFakeSMS(t, env)
	manager := env.operator(t, voltpay.RoleManager)
	a, b, other := env.openAccount(t, 1000), env.openAccount(t, 2000), env.openAccount(t, 3000)
	person, _ := signInByCode(t, env, fake, newMobile())
	idA, idB, idOther := strconv.FormatInt(a.ID, 10), strconv.FormatInt(b.ID, 10), strconv.FormatInt(other.ID, 10)

	// Hostile binds: no check, both checks, a wrong code, an unknown account.
	wantError(t, "no check", person.do(t, mBind, map[string]any{"no": a.No, "check": map[string]any{}}), voltpay.EINVALID, "either")
	wantError(t, "both checks", person.do(t, mBind, map[string]any{"no": a.No, "check": map[string]any{"bindingCode": "ABCDEFGH", "smsCode": "123456"}}), voltpay.EINVALID)
	wantError(t, "a wrong binding code", person.do(t, mBind, map[string]any{"no": a.No, "check": map[string]any{"bindingCode": "22222222"}}), voltpay.EUNAUTHENTICATED, "wrong binding code")
	wantError(t, "another account's code", person.do(t, mBind, map[string]any{"no": a.No, "check": map[string]any{"bindingCode": bindingCode(t, manager, other.ID)}}), voltpay.EUNAUTHENTICATED)
	wantError(t, "an unknown account", person.do(t, mBind, map[string]any{"no": "NO-SUCH", "check": map[string]any{"bindingCode": "22222222"}}), voltpay.ENOTFOUND)
	wantError(t, "an SMS code never asked for", person.do(t, mBind, map[string]any{"no": a.No, "check": map[string]any{"smsCode": "123456"}}), voltpay.EUNAUTHENTICATED)
	if m := person.me(t); len(m.TenantAccounts) != 0 || m.Me.Account != nil {
		t.Fatalf("bound after refusals: %+v", m)
	}

	// A by its receipt's code (lower case and spaces are forgiven).
	code := bindingCode(t, manager, a.ID)
	var bound struct{ BindAccount struct{ ID, No string } }
	person.do(t, mBind, map[string]any{"no": a.No, "check": map[string]any{"bindingCode": " " + strings.ToLower(code[:4]) + " " + code[4:]}}).Decode(t, &bound)
	if bound.BindAccount.ID != idA {
		t.Fatalf("bindAccount = %+v", bound)
	}
	if m := person.me(t); m.Me.Account == nil || m.Me.Account.ID != idA || len(m.TenantAccounts) != 1 || !m.TenantAccounts[0].Current {
		t.Fatalf("after binding A: %+v", m)
	}

	// B by a code texted to B's phone, which the caller never sees.
	var asked struct{ RequestBindingCode bool }
	resp := person.do(t, `mutation($no: String!) { requestBindingCode(accountNumber: $no) }`, map[string]any{"no": b.No})
	resp.Decode(t, &asked)
	if strings.Contains(string(resp.Data), b.Phone) {
		t.Fatal("requestBindingCode shows the account's phone")
	}
	smsCode := textedCode(t, fake, b.Phone)
	// The code binds only B, and only for the person who asked.
	stranger, _ := signInByCode(t, env, fake, newMobile())
	wantError(t, "another person's texted code", stranger.do(t, mBind, map[string]any{"no": b.No, "check": map[string]any{"smsCode": smsCode}}), voltpay.EUNAUTHENTICATED)
	wantError(t, "B's texted code for another account", person.do(t, mBind, map[string]any{"no": other.No, "check": map[string]any{"smsCode": smsCode}}), voltpay.EUNAUTHENTICATED)
	person.do(t, mBind, map[string]any{"no": b.No, "check": map[string]any{"smsCode": smsCode}}).Decode(t, &bound)
	m := person.me(t)
	if m.Me.Account == nil || m.Me.Account.ID != idB || len(m.TenantAccounts) != 2 {
		t.Fatalf("after binding B: %+v", m)
	}
	wantError(t, "a texted code twice", person.do(t, mBind, map[string]any{"no": b.No, "check": map[string]any{"smsCode": smsCode}}), voltpay.EUNAUTHENTICATED)

	// Only the current account is seen, by any id.
	readAccount := func(c *client, id string) string {
		var got struct{ Account *struct{ ID string } }
		c.do(t, `query($id: ID!) { account(id: $id) { id } }`, map[string]any{"id": id}).Decode(t, &got)
		if got.Account == nil {
			return ""
		}
		return got.Account.ID
	}
	if readAccount(person, idB) != idB || readAccount(person, idA) != "" || readAccount(person, idOther) != "" {
		t.Fatal("current B: the tenant reads an account other than B")
	}
	var sw struct {
		SwitchAccount struct{ Account *struct{ ID string } }
	}
	person.do(t, `mutation($id: ID!) { switchAccount(accountId: $id) { account { id } } }`, map[string]any{"id": idA}).Decode(t, &sw)
	if sw.SwitchAccount.Account == nil || sw.SwitchAccount.Account.ID != idA || readAccount(person, idA) != idA || readAccount(person, idB) != "" {
		t.Fatalf("after switching to A: %+v", sw)
	}
	wantError(t, "switching to an unbound account", person.do(t, `mutation($id: ID!) { switchAccount(accountId: $id) { kind } }`, map[string]any{"id": idOther}), voltpay.ENOTFOUND)
	wantError(t, "unbinding an unbound account", person.do(t, `mutation($id: ID!) { unbindAccount(accountId: $id) }`, map[string]any{"id": idOther}), voltpay.ENOTFOUND)

	// Operators: the binding code and bindings need manage_accounts.
	viewer := env.operator(t, voltpay.RoleViewer)
	for name, c := range map[string]*client{"viewer": viewer, "tenant": person} {
		resp := c.do(t, `query($id: ID!) { account(id: $id) { id bindingCode bindings { id } } }`, map[string]any{"id": idA})
		if !strings.Contains(string(resp.Data), `"bindingCode":null`) || !strings.Contains(string(resp.Data), `"bindings":null`) || resp.Code() != voltpay.EFORBIDDEN {
			t.Fatalf("%s reads A's binding code or bindings: %s %+v", name, resp.Data, resp.Errors)
		}
	}
	var bs struct {
		Account struct {
			Bindings []struct {
				ID, AccountID, Via string
				Phone              *string
				Wechat             bool
			}
		}
	}
	manager.do(t, `query($id: ID!) { account(id: $id) { bindings { id accountId via phone wechat } } }`, map[string]any{"id": idA}).Decode(t, &bs)
	if len(bs.Account.Bindings) != 1 || bs.Account.Bindings[0].Via != "binding_code" || bs.Account.Bindings[0].Phone == nil {
		t.Fatalf("A's bindings: %+v", bs)
	}
	wantError(t, "a viewer revoking", viewer.do(t, `mutation($id: ID!) { revokeBinding(id: $id) { id } }`, map[string]any{"id": bs.Account.Bindings[0].ID}), voltpay.EFORBIDDEN)
	wantError(t, "the tenant revoking", person.do(t, `mutation($id: ID!) { revokeBinding(id: $id) { id } }`, map[string]any{"id": bs.Account.Bindings[0].ID}), voltpay.EFORBIDDEN)
	manager.do(t, `mutation($id: ID!) { revokeBinding(id: $id) { id } }`, map[string]any{"id": bs.Account.Bindings[0].ID}).Decode(t, &struct{}{})
	// At once: A was current; the very next request sees no account.
	if m := person.me(t); m.Me.Account != nil || len(m.TenantAccounts) != 1 || m.TenantAccounts[0].ID != idB {
		t.Fatalf("after the revocation: %+v", m)
	}
	if readAccount(person, idA) != "" {
		t.Fatal("a revoked binding still reads A")
	}
	wantError(t, "switching back to a revoked account", person.do(t, `mutation($id: ID!) { switchAccount(accountId: $id) { kind } }`, map[string]any{"id": idA}), voltpay.ENOTFOUND)
	wantError(t, "revoking twice", manager.do(t, `mutation($id: ID!) { revokeBinding(id: $id) { id } }`, map[string]any{"id": bs.Account.Bindings[0].ID}), voltpay.ENOTFOUND)

	// The tenant unbinds B.
	person.do(t, `mutation($id: ID!) { switchAccount(accountId: $id) { kind } }`, map[string]any{"id": idB}).Decode(t, &struct{}{})
	person.do(t, `mutation($id: ID!) { unbindAccount(accountId: $id) }`, map[string]any{"id": idB}).Decode(t, &struct{}{})
	if m := person.me(t); m.Me.Account != nil || len(m.TenantAccounts) != 0 || readAccount(person, idB) != "" {
		t.Fatalf("after unbinding B: %+v", m)
	}

	// Every step is in the audit log, codes redacted.
	var ops []string
	if err := env.DB.SelectContext(sys(), &ops, `SELECT operation || ':' || result FROM audit_log
		WHERE operation IN ('bindAccount', 'unbindAccount', 'revokeBinding', 'switchAccount') AND actor_id IN ($1, $2)
		ORDER BY id`, mustID(t, person), mustID(t, manager)); err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(ops, " ")
	for _, want := range []string{"bindAccount:ok", "revokeBinding:ok", "unbindAccount:ok"} {
		if !strings.Contains(joined, want) {
			t.Errorf("audit log %v lacks %s", ops, want)
		}
	}
	var args string
	env.DB.GetContext(sys(), &args, `SELECT coalesce(string_agg(args::text, ' '), '') FROM audit_log WHERE operation = 'bindAccount'`)
	if strings.Contains(args, code) || strings.Contains(args, smsCode) {
		t.Fatalf("the audit log holds a code: %s", args)
	}

	// Not for operators.
	wantError(t, "an operator binding", manager.do(t, mBind, map[string]any{"no": a.No, "check": map[string]any{"bindingCode": code}}), voltpay.EFORBIDDEN)
	wantError(t, "an operator's tenantAccounts", manager.do(t, `{ tenantAccounts { id } }`, nil), voltpay.EFORBIDDEN)
}

// mustID returns the id of c's principal.
func mustID(t *testing.T, c *client) int64 {
	t.Helper()
	var got struct{ Me struct{ ID string } }
	c.do(t, `{ me { id } }`, nil).Decode(t, &got)
	id, _ := strconv.ParseInt(got.Me.ID, 10, 64)
	return id
}

// TestTenantApp_BindingCodeGuesses: guesses at one account's binding code
// are limited whoever makes them.
func TestTenantApp_BindingCodeGuesses(t *testing.T) {
	env := newEnv(t)
	fake := withFakeSMS(t, env)
	a := env.openAccount(t, 0)
	var refused bool
	for i := 0; i < 30 && !refused; i++ {
		guesser, _ := signInByCode(t, env, fake, newMobile())
		for j := 0; j < 3; j++ {
			resp := guesser.do(t, mBind, map[string]any{"no": a.No, "check": map[string]any{"bindingCode": fmt.Sprintf("%08d", i*3+j)}})
			if resp.Code() != voltpay.EUNAUTHENTICATED {
				t.Fatalf("guess: %+v", resp.Errors)
			}
			if strings.Contains(resp.Errors[0].Message, "too many tries") {
				refused = true
				if n := i*3 + j; n < 10 {
					t.Fatalf("refused after %d guesses", n)
				}
				break
			}
		}
	}
	if !refused {
		t.Fatal("90 guesses at one account's binding code by 30 people were all let through")
	}
	// The throttle holds even for the right code (ask the office, or use SMS).
	manager := env.operator(t, voltpay.RoleManager)
	late, _ := signInByCode(t, env, fake, newMobile())
	wantError(t, "the right code while throttled", late.do(t, mBind, map[string]any{"no": a.No,
		"check": map[string]any{"bindingCode": bindingCode(t, manager, a.ID)}}), voltpay.EUNAUTHENTICATED, "too many tries")
}

// TestTenantApp_Wechat: the mini-program's sign-in against paysim's
// jscode2session over TCP.
func TestTenantApp_Wechat(t *testing.T) {
	env := newEnv(t)
	anon := &client{env: env}
	const m = `mutation($c: String!) { signInWithWechat(code: $c) { token principal { kind id account { id } } } }`
	wantError(t, "not configured", anon.do(t, m, map[string]any{"c": "abc"}), voltpay.EUNAVAILABLE, "not set up")

	fake := paysim.NewWechatLogin("wxtenantapp")
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	wx, err := wxlogin.New(wxlogin.Config{AppID: fake.AppID, AppSecret: fake.Secret, API: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	env.Res.Wechat = wx

	type answer struct {
		SignInWithWechat struct {
			Token     string
			Principal struct {
				Kind, ID string
				Account  *struct{ ID string }
			}
		}
	}
	code, openid := fake.NewCode("")
	var first, again answer
	anon.do(t, m, map[string]any{"c": code}).Decode(t, &first)
	if first.SignInWithWechat.Token == "" || first.SignInWithWechat.Principal.Kind != "tenant" || first.SignInWithWechat.Principal.Account != nil {
		t.Fatalf("first sign-in: %+v", first)
	}
	wantError(t, "a used code", anon.do(t, m, map[string]any{"c": code}), voltpay.EUNAUTHENTICATED, "wx.login")
	wantError(t, "a made-up code", anon.do(t, m, map[string]any{"c": "0123456789abcdef"}), voltpay.EUNAUTHENTICATED)
	wantError(t, "a hostile code", anon.do(t, m, map[string]any{"c": "x&appid=other"}), voltpay.EINVALID)

	// The same person again: the same id, and their bindings follow them.
	manager := env.operator(t, voltpay.RoleManager)
	a := env.openAccount(t, 0)
	person := &client{env: env, bearer: first.SignInWithWechat.Token}
	person.do(t, mBind, map[string]any{"no": a.No, "check": map[string]any{"bindingCode": bindingCode(t, manager, a.ID)}}).Decode(t, &struct{}{})
	code, _ = fake.NewCode(openid)
	anon.do(t, m, map[string]any{"c": code}).Decode(t, &again)
	if again.SignInWithWechat.Principal.ID != first.SignInWithWechat.Principal.ID || again.SignInWithWechat.Principal.Account == nil ||
		again.SignInWithWechat.Principal.Account.ID != strconv.FormatInt(a.ID, 10) {
		t.Fatalf("second sign-in: %+v, first %+v", again, first)
	}
	var bs struct {
		Account struct {
			Bindings []struct {
				Phone  *string
				Wechat bool
			}
		}
	}
	manager.do(t, `query($id: ID!) { account(id: $id) { bindings { phone wechat } } }`, map[string]any{"id": a.ID}).Decode(t, &bs)
	if len(bs.Account.Bindings) != 1 || bs.Account.Bindings[0].Phone != nil || !bs.Account.Bindings[0].Wechat {
		t.Fatalf("bindings of a WeChat person: %+v", bs)
	}
}

// TestTenantApp_PasswordLoginKeepsItsAccount: a login an operator made
// (createTenantUser) is bound to its account and starts on it; a person who
// signed up by code and is then given a login keeps being one person.
func TestTenantApp_PasswordLoginKeepsItsAccount(t *testing.T) {
	env := newEnv(t)
	fake := withFakeSMS(t, env)
	a := env.openAccount(t, 0)
	tenant := env.tenant(t, a.ID)
	if m := tenant.me(t); m.Me.Account == nil || m.Me.Account.ID != strconv.FormatInt(a.ID, 10) || len(m.TenantAccounts) != 1 {
		t.Fatalf("an operator-made login: %+v", m)
	}
	phone := newMobile()
	_, first := signInByCode(t, env, fake, phone)
	u, err := env.Res.AuthService.CreateTenantUser(sys(), a.ID, phone, "tenant-password")
	if err != nil {
		t.Fatalf("a login for a person who signed up by code: %v", err)
	}
	if strconv.FormatInt(u.ID, 10) != first.SignInWithCode.Principal.ID {
		t.Fatalf("the login is person %d, the code's person %s", u.ID, first.SignInWithCode.Principal.ID)
	}
	s, err := env.Res.AuthService.Login(context.Background(), phone, "tenant-password", true, "test")
	if err != nil || s.Principal.AccountID != a.ID {
		t.Fatalf("login: %v, %+v", err, s)
	}
	// A person without a password cannot log in with one.
	nopw := newMobile()
	signInByCode(t, env, fake, nopw)
	if _, err := env.Res.AuthService.Login(context.Background(), nopw, "", true, "test2"); voltpay.ErrorCode(err) != voltpay.EUNAUTHENTICATED {
		t.Fatalf("password login of a person without a password: %v", err)
	}
}

// TestTenantApp_RevokeClosesSocket: a revoked binding ends the person's
// open subscription on that account within the recheck interval.
func TestTenantApp_RevokeClosesSocket(t *testing.T) {
	env := newEnv(t)
	a := env.openAccount(t, 0)
	tenant := env.tenant(t, a.ID)
	ws := wsConnect(t, env, tenant.bearer)
	ws.subscribe(t, "b", wsBalanceSub, nil)
	time.Sleep(100 * time.Millisecond)
	bs, err := env.Res.TenantService.FindBindingsByAccountIDs(sys(), []int64{a.ID})
	if err != nil || len(bs[a.ID]) != 1 {
		t.Fatalf("bindings: %v %+v", err, bs)
	}
	if _, err := env.Res.TenantService.RevokeBinding(sys(), bs[a.ID][0].ID); err != nil {
		t.Fatal(err)
	}
	if ce := wsAwaitClose(t, ws); ce.Code != 4403 {
		t.Fatalf("closed with %d %q, want 4403 (the account went)", ce.Code, ce.Reason)
	}
}
