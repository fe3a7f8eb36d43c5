package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
)

// auditGrowth returns the rows audit_log gained after id since and their
// total size in bytes, and the largest args and actor name among them.
func auditGrowth(tb testing.TB, env *testEnv, since int64) (rows, bytes, maxArgs, maxActor int) {
	tb.Helper()
	err := env.DB.QueryRow(`SELECT count(*), coalesce(sum(octet_length(args::text) + octet_length(actor_name) + octet_length(message)), 0),
		coalesce(max(octet_length(args::text)), 0), coalesce(max(octet_length(actor_name)), 0) FROM audit_log WHERE id > $1`, since).
		Scan(&rows, &bytes, &maxArgs, &maxActor)
	if err != nil {
		tb.Fatalf("audit growth: %v", err)
	}
	return rows, bytes, maxArgs, maxActor
}

func lastAuditID(tb testing.TB, env *testEnv) int64 {
	tb.Helper()
	var id int64
	if err := env.DB.Get(&id, `SELECT coalesce(max(id), 0) FROM audit_log`); err != nil {
		tb.Fatalf("last audit id: %v", err)
	}
	return id
}

// aliasedSells is one operation of n aliased sell mutations of one input
// $in: small enough in tokens for the anonymous budget, so that each alias
// reaches its access check as in the probe.
func aliasedSells(n int) string {
	var b strings.Builder
	b.WriteString("mutation($in: SaleInput!) {")
	for i := range n {
		fmt.Fprintf(&b, " s%d: sell(input: $in) { id }", i)
	}
	b.WriteString(" }")
	return b.String()
}

// sellWithNote is aliasedSells' $in: a sale to acct with note.
func sellWithNote(acct int64, note string) map[string]any {
	return map[string]any{"in": map[string]any{"accountId": acct, "amountFen": 100, "channel": "cash",
		"idempotencyKey": fmt.Sprintf("alias-flood-%d", acct), "note": note}}
}

// TestSecurity_AuditAliasFlood: two anonymous requests of 50 refused sell
// aliases with a 400 KB note added 41 MB to the append-only audit_log. Now
// the note is refused before anything runs (@length), and refusals of
// callers not signed in are sampled (at most a few rows a minute per
// address, each a few KB) and counted.
func TestSecurity_AuditAliasFlood(t *testing.T) {
	env := newEnv(t)
	acct := env.openAccount(t, 0)
	anon := env.anonymous()

	since := lastAuditID(t, env)
	for range 2 {
		r := anon.do(t, aliasedSells(50), sellWithNote(acct.ID, strings.Repeat("注", 400_000/3)))
		if r.Code() != voltpay.EINVALID {
			t.Fatalf("400 KB note: got %+v, want INVALID_INPUT", r.Errors[:min(len(r.Errors), 1)])
		}
	}
	if rows, size, _, _ := auditGrowth(t, env, since); rows != 0 {
		t.Errorf("400 KB notes: audit_log grew by %d rows, %d bytes; want nothing (refused before any resolver)", rows, size)
	}

	// Notes the schema allows: refusals are sampled, each row bounded.
	since = lastAuditID(t, env)
	for range 2 {
		r := anon.do(t, aliasedSells(50), sellWithNote(acct.ID, strings.Repeat("n", 500)))
		if r.Code() != voltpay.EUNAUTHENTICATED || len(r.Errors) != 50 {
			t.Fatalf("anonymous sells: got %d errors, first %+v; want 50 UNAUTHENTICATED", len(r.Errors), r.Errors[:min(len(r.Errors), 1)])
		}
	}
	rows, size, maxArgs, _ := auditGrowth(t, env, since)
	// A run crossing a minute boundary may record two minutes' worth.
	if rows < 1 || rows > 20 || maxArgs > 4096 || size > 20*5000 {
		t.Errorf("100 anonymous refusals: audit_log grew by %d rows, %d bytes (largest args %d bytes); want 1 to 20 rows of at most 4 KB args", rows, size, maxArgs)
	}
	t.Logf("100 anonymous refused sells with 500-character notes: %d audit rows, %d bytes", rows, size)
}

// TestSecurity_AuditLoginUsername: a 900 KB login username became a
// 900 KB audit row. Now it is refused (@length) and nothing is written; a
// failed login within the limit is a bounded row.
func TestSecurity_AuditLoginUsername(t *testing.T) {
	env := newEnv(t)
	anon := env.anonymous()
	login := `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`
	since := lastAuditID(t, env)
	r := anon.do(t, login, map[string]any{"u": strings.Repeat("u", 900_000), "p": "x"})
	if r.Code() != voltpay.EINVALID || r.Errors[0].Extensions.Field != "username" {
		t.Fatalf("900 KB username: got %+v, want INVALID_INPUT on username", r.Errors)
	}
	r = anon.do(t, login, map[string]any{"u": strings.Repeat("u", 64), "p": strings.Repeat("p", 128)})
	if r.Code() != voltpay.EUNAUTHENTICATED {
		t.Fatalf("unknown user: got %+v, want UNAUTHENTICATED", r.Errors)
	}
	rows, size, maxArgs, maxActor := auditGrowth(t, env, since)
	if rows != 1 || maxActor > 100 || maxArgs > 4096 {
		t.Errorf("login attempts: audit_log grew by %d rows, %d bytes (args %d, actor name %d bytes); want 1 bounded row", rows, size, maxArgs, maxActor)
	}
}

// TestSecurity_AuditProxyPassword: updateGateway's proxyUrl password was
// stored in clear in audit_log args, whose redaction matched argument names
// only. Now @sensitive fields are redacted by the schema, and passwords of
// URLs anywhere in the args (a note) are masked.
func TestSecurity_AuditProxyPassword(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	in := map[string]any{"siteId": env.Site.ID, "name": "代理管理机", "endpoint": "192.0.2.7:4001", "protocol": "dlt645",
		"proxyUrl": "socks5://agent:Hunter2ProxySecret@198.51.100.9:1080"}
	var created struct{ CreateGateway struct{ ID string } }
	manager.do(t, `mutation($in: GatewayInput!) { createGateway(input: $in) { id } }`, map[string]any{"in": in}).Decode(t, &created)
	in["proxyUrl"] = "socks5://agent:Hunter2ProxySecret2@198.51.100.9:1080"
	if r := manager.do(t, `mutation($id: ID!, $in: GatewayInput!) { updateGateway(id: $id, input: $in) { id } }`,
		map[string]any{"id": created.CreateGateway.ID, "in": in}); len(r.Errors) > 0 {
		t.Fatalf("updateGateway: %+v", r.Errors)
	}
	acct := env.openAccount(t, 0)
	cashier := env.operator(t, voltpay.RoleCashier)
	if r := cashier.do(t, `mutation($in: SaleInput!) { sell(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"accountId": acct.ID, "amountFen": 100, "channel": "cash", "idempotencyKey": newKey(),
		"note": "paid via https://payer:NoteUrlSecret@pay.example.com/x"}}); len(r.Errors) > 0 {
		t.Fatalf("sell: %+v", r.Errors)
	}
	for _, secret := range []string{"Hunter2ProxySecret", "NoteUrlSecret"} {
		if rows := auditRows(t, env, `strpos(args::text, $1) > 0 OR strpos(message, $1) > 0`, secret); len(rows) > 0 {
			t.Errorf("%s is in audit_log: %+v", secret, rows)
		}
	}
	if rows := auditRows(t, env, `operation = 'updateGateway' AND args->'input'->>'proxyUrl' = '[redacted]'`); len(rows) != 1 {
		t.Errorf("updateGateway: got %d rows with proxyUrl [redacted], want 1", len(rows))
	}
	if rows := auditRows(t, env, `operation = 'sell' AND strpos(args::text, 'https://payer:***@pay.example.com') > 0`); len(rows) != 1 {
		t.Errorf("sell note: got %d rows with the URL password masked, want 1", len(rows))
	}
}

// TestSecurity_ReplayAudit: an idempotent replay, answered with the first
// result, wrote a second audit row. The first request's row, committed
// with its change, is the record; a replay changes nothing and adds none.
func TestSecurity_ReplayAudit(t *testing.T) {
	env := newEnv(t)
	from, to := env.openAccount(t, 10_000), env.openAccount(t, 0)
	cashier := env.operator(t, voltpay.RoleCashier)
	manager := env.operator(t, voltpay.RoleManager)
	for _, tc := range []struct {
		name, op, query string
		c               *client
		in              map[string]any
	}{
		{"sell", "sell", `mutation($in: SaleInput!) { sell(input: $in) { id } }`, cashier,
			map[string]any{"accountId": to.ID, "amountFen": 100, "channel": "cash"}},
		{"refund", "refund", `mutation($in: RefundInput!) { refund(input: $in) { id } }`, cashier,
			map[string]any{"accountId": from.ID, "amountFen": 100, "channel": "cash"}},
		{"transfer", "transferBalance", `mutation($in: TransferInput!) { transferBalance(input: $in) { __typename } }`, manager,
			map[string]any{"fromAccountId": from.ID, "toAccountId": to.ID, "amountFen": 100}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			key := newKey()
			tc.in["idempotencyKey"] = key
			for range 3 {
				if r := tc.c.do(t, tc.query, map[string]any{"in": tc.in}); len(r.Errors) > 0 {
					t.Fatalf("%s: %+v", tc.name, r.Errors)
				}
			}
			if rows := auditRows(t, env, `operation = $1 AND strpos(args::text, $2) > 0`, tc.op, key); len(rows) != 1 || rows[0].Result != "ok" {
				t.Errorf("%s sent 3 times with one key: got %d audit rows %+v, want the first request's only", tc.name, len(rows), rows)
			}
		})
	}
}

// TestSecurity_IdempotencyKeyScope: a sale keyed "K/in" took the key a
// transfer keyed K derives for its incoming side, so that transfer failed
// with CONFLICT forever. Keys callers choose can no longer hold the
// separators of derived and system keys (voltpay.KeySeparators).
func TestSecurity_IdempotencyKeyScope(t *testing.T) {
	env := newEnv(t)
	from, to := env.openAccount(t, 10_000), env.openAccount(t, 0)
	cashier := env.operator(t, voltpay.RoleCashier)
	manager := env.operator(t, voltpay.RoleManager)
	sell := `mutation($in: SaleInput!) { sell(input: $in) { id } }`
	k := newKey()
	for _, taken := range []string{k + "/in", k + "/out", k + ":fee", "recharge:" + k, "apportion:1:1", "charge:1:2"} {
		r := cashier.do(t, sell, map[string]any{"in": map[string]any{"accountId": to.ID, "amountFen": 100, "channel": "cash", "idempotencyKey": taken}})
		if r.Code() != voltpay.EINVALID || r.Errors[0].Extensions.Field != "idempotencyKey" {
			t.Errorf("sale keyed %q: got %+v, want INVALID_INPUT on idempotencyKey", taken, r.Errors)
		}
	}
	var got struct {
		TransferBalance struct {
			In struct{ IdempotencyKey string }
		}
	}
	manager.do(t, `mutation($in: TransferInput!) { transferBalance(input: $in) { in { idempotencyKey } } }`,
		map[string]any{"in": map[string]any{"fromAccountId": from.ID, "toAccountId": to.ID, "amountFen": 100, "idempotencyKey": k}}).Decode(t, &got)
	if got.TransferBalance.In.IdempotencyKey != k+"/in" {
		t.Errorf("transfer keyed %s: incoming side keyed %q", k, got.TransferBalance.In.IdempotencyKey)
	}
}
