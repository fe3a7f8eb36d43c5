package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/generated"
)

// auditRow is an audit_log row as stored.
type auditRow struct {
	ID        int64  `db:"id"`
	ActorKind string `db:"actor_kind"`
	ActorID   *int64 `db:"actor_id"`
	ActorName string `db:"actor_name"`
	Operation string `db:"operation"`
	Args      string `db:"args"`
	IP        string `db:"ip"`
	Result    string `db:"result"`
	Message   string `db:"message"`
}

// auditRows returns the audit rows matching cond (SQL with $n args), oldest first.
func auditRows(tb testing.TB, env *testEnv, cond string, args ...any) []auditRow {
	tb.Helper()
	var rows []auditRow
	err := env.DB.Select(&rows, `SELECT id, actor_kind, actor_id, actor_name, operation, args::text AS args, ip, result, message
		FROM audit_log WHERE `+cond+` ORDER BY id`, args...)
	if err != nil {
		tb.Fatalf("read audit_log: %v", err)
	}
	return rows
}

// auditLeaks counts audit rows whose text, any column, contains secret.
func auditLeaks(tb testing.TB, env *testEnv, secret string) int {
	tb.Helper()
	var n int
	if err := env.DB.Get(&n, `SELECT count(*) FROM audit_log a WHERE strpos(a::text, $1) > 0`, secret); err != nil {
		tb.Fatalf("search audit_log: %v", err)
	}
	return n
}

// auditFind reports whether the JSON text args holds key (any case, at any
// depth) with a value that prints as want.
func auditFind(tb testing.TB, args, key, want string) bool {
	tb.Helper()
	var v any
	if err := json.Unmarshal([]byte(args), &v); err != nil {
		tb.Fatalf("audit args are not JSON: %s", args)
	}
	var walk func(v any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case map[string]any:
			for k, val := range x {
				if strings.EqualFold(k, key) && fmt.Sprint(val) == want {
					return true
				}
				if walk(val) {
					return true
				}
			}
		case []any:
			return slices.ContainsFunc(x, walk)
		}
		return false
	}
	return walk(v)
}

// auditMe returns the id and name of the caller behind c.
func auditMe(tb testing.TB, c *client) (int64, string) {
	tb.Helper()
	var got struct{ Me struct{ ID, Name string } }
	c.do(tb, `{ me { id name } }`, nil).Decode(tb, &got)
	id, err := strconv.ParseInt(got.Me.ID, 10, 64)
	if err != nil {
		tb.Fatalf("me.id %q: %v", got.Me.ID, err)
	}
	return id, got.Me.Name
}

// auditCheck compares one row with what it should say.
func auditCheck(t *testing.T, what string, r auditRow, kind string, id int64, name, result string) {
	t.Helper()
	if r.ActorKind != kind || r.ActorID == nil || *r.ActorID != id || r.ActorName != name || r.IP != "127.0.0.1" || r.Result != result {
		t.Errorf("%s: got %s/%v/%q ip %q result %q, want %s/%d/%q ip 127.0.0.1 result %s",
			what, r.ActorKind, r.ActorID, r.ActorName, r.IP, r.Result, kind, id, name, result)
	}
}

// TestAudit_EveryMutation checks that mutations land in the audit log with
// who, what, from where and the result, that secrets never do, and that
// the auditLog query lists them newest first with its filters.
func TestAudit_EveryMutation(t *testing.T) {
	env := newEnv(t)
	cashier := env.operator(t, voltpay.RoleCashier)
	cashierID, cashierName := auditMe(t, cashier)
	acct := env.openAccount(t, 0)
	sell := `mutation($in: SaleInput!) { sell(input: $in) { id } }`
	sale := func(amount int64) map[string]any {
		return map[string]any{"in": map[string]any{"accountId": acct.ID, "amountFen": amount, "channel": "cash", "idempotencyKey": newKey()}}
	}

	t.Run("Sell", func(t *testing.T) {
		if resp := cashier.do(t, sell, sale(12345)); resp.Code() != "" {
			t.Fatalf("sell: %+v", resp.Errors)
		}
		if code := cashier.do(t, sell, sale(-5)).Code(); code != voltpay.EINVALID {
			t.Fatalf("sell -5: got %q, want INVALID_INPUT", code)
		}
		rows := auditRows(t, env, `operation = 'sell' AND actor_kind = 'operator' AND actor_id = $1`, cashierID)
		if len(rows) != 2 {
			t.Fatalf("audit rows of the cashier's sales: got %d, want 2: %+v", len(rows), rows)
		}
		auditCheck(t, "sale", rows[0], "operator", cashierID, cashierName, "ok")
		auditCheck(t, "failed sale", rows[1], "operator", cashierID, cashierName, voltpay.EINVALID)
		if !auditFind(t, rows[0].Args, "amountFen", "12345") || !auditFind(t, rows[1].Args, "amountFen", "-5") {
			t.Errorf("args should hold the amounts 12345 and -5: %s / %s", rows[0].Args, rows[1].Args)
		}
		if !auditFind(t, rows[0].Args, "accountId", strconv.FormatInt(acct.ID, 10)) {
			t.Errorf("args should hold the account id %d: %s", acct.ID, rows[0].Args)
		}
		// The args speak the API's names exactly (accountId, not Go's
		// AccountID): an auditor searches for what the request said.
		var args map[string]map[string]any
		if err := json.Unmarshal([]byte(rows[0].Args), &args); err != nil {
			t.Fatalf("args %s: %v", rows[0].Args, err)
		}
		for _, k := range []string{"accountId", "amountFen", "channel", "idempotencyKey"} {
			if _, ok := args["input"][k]; !ok {
				t.Errorf("args %s: no input.%s, the GraphQL name", rows[0].Args, k)
			}
		}
		if rows[0].Message != "" || rows[1].Message == "" {
			t.Errorf("message: got %q / %q, want empty for ok and the error's for the failure", rows[0].Message, rows[1].Message)
		}
	})

	t.Run("Refused", func(t *testing.T) {
		viewer := env.operator(t, voltpay.RoleViewer)
		viewerID, viewerName := auditMe(t, viewer)
		if code := viewer.do(t, sell, sale(100)).Code(); code != voltpay.EFORBIDDEN {
			t.Fatalf("viewer sells: got %q, want FORBIDDEN", code)
		}
		rows := auditRows(t, env, `operation = 'sell' AND actor_kind = 'operator' AND actor_id = $1`, viewerID)
		if len(rows) != 1 {
			t.Fatalf("a refused mutation must be audited too: got %d rows", len(rows))
		}
		auditCheck(t, "refused sale", rows[0], "operator", viewerID, viewerName, voltpay.EFORBIDDEN)

		key := newKey()
		if code := env.anonymous().do(t, sell, map[string]any{"in": map[string]any{"accountId": acct.ID, "amountFen": 100,
			"channel": "cash", "idempotencyKey": key}}).Code(); code != voltpay.EUNAUTHENTICATED {
			t.Fatalf("anonymous sells: got %q, want UNAUTHENTICATED", code)
		}
		rows = auditRows(t, env, `operation = 'sell' AND strpos(args::text, $1) > 0`, key)
		if len(rows) != 1 || rows[0].ActorKind != "anonymous" || rows[0].ActorID != nil || rows[0].Result != voltpay.EUNAUTHENTICATED || rows[0].IP != "127.0.0.1" {
			t.Errorf("anonymous sale: got %+v, want one anonymous row with result UNAUTHENTICATED", rows)
		}
	})

	t.Run("APIKey", func(t *testing.T) {
		integrator := env.apiKey(t, voltpay.PermSell, voltpay.PermReadAccounts)
		keyID, keyName := auditMe(t, integrator)
		if resp := integrator.do(t, sell, sale(300)); resp.Code() != "" {
			t.Fatalf("sell: %+v", resp.Errors)
		}
		rows := auditRows(t, env, `operation = 'sell' AND actor_kind = 'apikey' AND actor_id = $1`, keyID)
		if len(rows) != 1 {
			t.Fatalf("API key sale: got %d rows, want 1", len(rows))
		}
		auditCheck(t, "API key sale", rows[0], "apikey", keyID, keyName, "ok")
	})

	t.Run("Login", func(t *testing.T) {
		user := fmt.Sprintf("audit.login%d", next())
		password := fmt.Sprintf("Right-Pa55-%d", next())
		wrong := fmt.Sprintf("Wrong-Pa55-%d", next())
		if _, err := env.Res.AuthService.CreateOperator(sys(), voltpay.OperatorInput{Username: user, DisplayName: "审计", Role: voltpay.RoleViewer, Password: password}); err != nil {
			t.Fatalf("create operator: %v", err)
		}
		login := `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`
		anon := env.anonymous()
		if code := anon.do(t, login, map[string]any{"u": user, "p": wrong}).Code(); code != voltpay.EUNAUTHENTICATED {
			t.Fatalf("wrong password: got %q, want UNAUTHENTICATED", code)
		}
		var got struct{ Login struct{ Token string } }
		anon.do(t, login, map[string]any{"u": user, "p": password}).Decode(t, &got)

		rows := auditRows(t, env, `operation = 'login' AND actor_name = $1`, user)
		if len(rows) != 2 {
			t.Fatalf("login attempts: got %d rows, want 2: %+v", len(rows), rows)
		}
		for i, want := range []string{voltpay.EUNAUTHENTICATED, "ok"} {
			r := rows[i]
			if r.ActorKind != "anonymous" || r.IP != "127.0.0.1" || r.Result != want || !auditFind(t, r.Args, "username", user) {
				t.Errorf("login attempt %d: got %+v, want anonymous from 127.0.0.1, result %s, username in args", i, r, want)
			}
			if !auditFind(t, r.Args, "password", "[redacted]") {
				t.Errorf("login attempt %d: args %s should say the password was redacted", i, r.Args)
			}
		}
		for what, secret := range map[string]string{"right password": password, "wrong password": wrong, "session token": got.Login.Token} {
			if n := auditLeaks(t, env, secret); n != 0 {
				t.Errorf("the %s appears in %d audit rows", what, n)
			}
		}
	})

	t.Run("CreateOperatorRedacted", func(t *testing.T) {
		admin := env.operator(t, voltpay.RoleAdmin)
		adminID, _ := auditMe(t, admin)
		user, password := fmt.Sprintf("audit.new%d", next()), fmt.Sprintf("Brand-New-Secret-%d", next())
		resp := admin.do(t, `mutation($in: OperatorInput!) { createOperator(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"username": user, "displayName": "新人", "role": "cashier", "password": password}})
		if resp.Code() != "" {
			t.Fatalf("createOperator: %+v", resp.Errors)
		}
		rows := auditRows(t, env, `operation = 'createOperator' AND actor_id = $1`, adminID)
		if len(rows) != 1 || rows[0].Result != "ok" || !auditFind(t, rows[0].Args, "username", user) || !auditFind(t, rows[0].Args, "password", "[redacted]") {
			t.Fatalf("createOperator audit: got %+v, want one ok row with the username and a redacted password", rows)
		}
		if n := auditLeaks(t, env, password); n != 0 {
			t.Errorf("createOperator's password appears in %d audit rows", n)
		}
	})

	t.Run("Query", func(t *testing.T) {
		finance := env.operator(t, voltpay.RoleFinance)
		q := `query($f: AuditFilter) { auditLog(filter: $f, first: 50) { totalCount nodes { id operation actorKind actorId actorName ip result message args } } }`
		type node struct {
			ID, Operation, ActorKind, ActorName, IP, Result, Message, Args string
			ActorID                                                        *string
		}
		list := func(filter map[string]any) []node {
			var got struct {
				AuditLog struct {
					TotalCount int
					Nodes      []node
				}
			}
			finance.do(t, q, map[string]any{"f": filter}).Decode(t, &got)
			if got.AuditLog.TotalCount != len(got.AuditLog.Nodes) {
				t.Errorf("totalCount %d, %d nodes", got.AuditLog.TotalCount, len(got.AuditLog.Nodes))
			}
			return got.AuditLog.Nodes
		}
		base := map[string]any{"operation": "sell", "actorKind": "operator", "actorId": cashierID}
		all := list(base)
		if len(all) != 2 || all[0].Result != voltpay.EINVALID || all[1].Result != "ok" {
			t.Fatalf("cashier's sales, newest first: got %+v, want the failed one, then the ok one", all)
		}
		first, _ := strconv.ParseInt(all[0].ID, 10, 64)
		second, _ := strconv.ParseInt(all[1].ID, 10, 64)
		if first <= second {
			t.Errorf("newest first: ids %d then %d", first, second)
		}
		n := all[1]
		if n.Operation != "sell" || n.ActorKind != "operator" || n.ActorID == nil || *n.ActorID != strconv.FormatInt(cashierID, 10) ||
			n.ActorName != cashierName || n.IP != "127.0.0.1" || !auditFind(t, n.Args, "amountFen", "12345") {
			t.Errorf("auditLog node: got %+v", n)
		}

		failed := list(map[string]any{"operation": "sell", "actorKind": "operator", "actorId": cashierID, "failed": true})
		if len(failed) != 1 || failed[0].ID != all[0].ID || failed[0].Message == "" {
			t.Errorf("failed: true: got %+v, want only %s", failed, all[0].ID)
		}
		ok := list(map[string]any{"operation": "sell", "actorKind": "operator", "actorId": cashierID, "failed": false})
		if len(ok) != 1 || ok[0].ID != all[1].ID {
			t.Errorf("failed: false: got %+v, want only %s", ok, all[1].ID)
		}
		for _, r := range list(map[string]any{"operation": "login", "failed": true}) {
			if r.Operation != "login" || r.Result == "ok" {
				t.Errorf("operation login, failed: got %+v", r)
			}
		}
		if code := cashier.do(t, q, nil).Code(); code != voltpay.EFORBIDDEN {
			t.Errorf("cashier reads the audit log: got %q, want FORBIDDEN", code)
		}
	})

	t.Run("Every", func(t *testing.T) {
		// Every mutation of the schema, as one admin, leaves exactly one row.
		admin := env.operator(t, voltpay.RoleAdmin)
		adminID, _ := auditMe(t, admin)
		fx := &authzFixtures{Site: env.Site.ID, Account: acct.ID}
		var want []string
		for _, f := range generated.NewExecutableSchema(generated.Config{}).Schema().Mutation.Fields {
			if f.Name == "login" {
				continue // anonymous by nature: its row names the username (above)
			}
			want = append(want, f.Name)
		}
		slices.Sort(want)
		want = slices.DeleteFunc(want, func(s string) bool { return s == "logout" })
		for _, name := range append(slices.Clone(want), "logout") { // logout last: it ends the session
			sample, ok := authzSamples["Mutation."+name]
			if !ok {
				t.Fatalf("mutation %s has no sample in authzSamples", name)
			}
			admin.do(t, sample.query, sample.vars(fx))
		}
		want = append(want, "logout")
		slices.Sort(want)
		var got []string
		for _, r := range auditRows(t, env, `actor_kind = 'operator' AND actor_id = $1`, adminID) {
			got = append(got, r.Operation)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("audited operations:\n got %v\nwant %v", got, want)
		}
	})
}
