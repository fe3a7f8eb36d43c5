package main

import (
	"fmt"
	"testing"

	"github.com/voltpay/voltpay"
)

// TestAPI_CorrectCharge: correctCharge over GraphQL posts the difference as
// a correction naming the charge, once, audited; the overdraft limit is
// read and edited on the account.
func TestAPI_CorrectCharge(t *testing.T) {
	env := newEnv(t)
	m := env.createMeter(t, nil)
	a := env.openAccount(t, 10_000, m.ID)
	charge, err := env.Res.LedgerService.Charge(sys(), voltpay.ChargeInput{AccountID: a.ID, MeterID: m.ID, AmountFen: 900,
		IdempotencyKey: newKey(), Note: "10.000 kWh (misread)"})
	if err != nil {
		t.Fatal(err)
	}
	manager := env.operator(t, voltpay.RoleManager)
	const q = `mutation($in: CorrectChargeInput!) { correctCharge(input: $in) {
		id type amountFen balanceAfterFen corrects { id type } meter { id } } }`
	key := newKey()
	vars := map[string]any{"in": map[string]any{"entryId": charge.ID, "amountFen": 90, "reason": "register misread 10×", "idempotencyKey": key}}
	var got struct {
		CorrectCharge struct {
			ID              string `json:"id"`
			Type            string `json:"type"`
			AmountFen       int64  `json:"amountFen"`
			BalanceAfterFen int64  `json:"balanceAfterFen"`
			Corrects        struct{ ID, Type string }
			Meter           struct{ ID string }
		}
	}
	manager.do(t, q, vars).Decode(t, &got)
	c := got.CorrectCharge
	if c.Type != "correction" || c.AmountFen != 810 || c.BalanceAfterFen != 10_000-90 || c.Corrects.ID != fmt.Sprint(charge.ID) ||
		c.Corrects.Type != "charge" || c.Meter.ID != fmt.Sprint(m.ID) {
		t.Fatalf("correction %+v", c)
	}
	var again struct{ CorrectCharge struct{ ID string } }
	manager.do(t, q, vars).Decode(t, &again)
	if again.CorrectCharge.ID != c.ID {
		t.Fatalf("retry gave %s, want %s", again.CorrectCharge.ID, c.ID)
	}
	vars["in"].(map[string]any)["idempotencyKey"] = newKey()
	if code := manager.do(t, q, vars).Code(); code != voltpay.ECONFLICT {
		t.Fatalf("second correction: %s, want CONFLICT", code)
	}
	if code := env.operator(t, voltpay.RoleCashier).do(t, q, vars).Code(); code != voltpay.EFORBIDDEN {
		t.Fatalf("cashier: %s, want FORBIDDEN", code)
	}
	if rows := auditRows(t, env, `operation = 'correctCharge' AND strpos(args::text, $1) > 0`, key); len(rows) == 0 {
		t.Fatal("the correction is not in the audit log")
	}

	const upd = `mutation($id: ID!, $in: AccountInput!) { updateAccount(id: $id, input: $in) { overdraftLimitFen } }`
	in := map[string]any{"siteId": env.Site.ID, "tenantName": a.TenantName, "phone": a.Phone, "overdraftLimitFen": 5000}
	var acct struct {
		UpdateAccount struct{ OverdraftLimitFen int64 }
	}
	manager.do(t, upd, map[string]any{"id": a.ID, "in": in}).Decode(t, &acct)
	if acct.UpdateAccount.OverdraftLimitFen != 5000 {
		t.Fatalf("overdraft %d", acct.UpdateAccount.OverdraftLimitFen)
	}
	in["overdraftLimitFen"] = -1
	if r := manager.do(t, upd, map[string]any{"id": a.ID, "in": in}); r.Code() != voltpay.EINVALID || r.Errors[0].Extensions.Field != "overdraftLimitFen" {
		t.Fatalf("negative overdraft: %+v", r.Errors)
	}
}
