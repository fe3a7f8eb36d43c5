package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

// salesSummaryAnswer is salesSummary as the tests select it.
type salesSummaryAnswer struct {
	TotalFen  int64
	Count     int
	ByChannel []struct {
		Channel   string
		AmountFen int64
		Count     int
	}
	ByType []struct {
		Type      string
		AmountFen int64
		Count     int
	}
	ByOperator []struct {
		OperatorID *string
		Name       string
		AmountFen  int64
		Count      int
	}
}

const salesSummaryQuery = `query($site: ID, $from: Time!, $to: Time!, $op: ID) {
	salesSummary(siteId: $site, from: $from, to: $to, operatorId: $op) {
		totalFen count
		byChannel { channel amountFen count }
		byType { type amountFen count }
		byOperator { operatorId name amountFen count } } }`

// salesSummary asks c for the summary of the env's site over the last and
// next hour, of operator op (nil: everyone c may total).
func (e *testEnv) salesSummary(t *testing.T, c *client, op *int64) (*salesSummaryAnswer, *gqlResponse) {
	t.Helper()
	vars := map[string]any{"site": e.Site.ID, "from": time.Now().Add(-time.Hour).Format(time.RFC3339),
		"to": time.Now().Add(time.Hour).Format(time.RFC3339)}
	if op != nil {
		vars["op"] = *op
	}
	resp := c.do(t, salesSummaryQuery, vars)
	if len(resp.Errors) > 0 {
		return nil, resp
	}
	var got struct{ SalesSummary salesSummaryAnswer }
	resp.Decode(t, &got)
	return &got.SalesSummary, resp
}

// money moves amount through c: a sale, or with refund a refund, in channel.
func money(t *testing.T, c *client, op string, acct int64, amount int64, channel string) string {
	t.Helper()
	var got map[string]struct{ ID string }
	c.do(t, fmt.Sprintf(`mutation($in: %sInput!) { %s(input: $in) { id } }`, map[string]string{"sell": "Sale", "refund": "Refund"}[op], op),
		map[string]any{"in": map[string]any{"accountId": acct, "amountFen": amount, "channel": channel, "idempotencyKey": newKey()}}).
		Decode(t, &got)
	return got[op].ID
}

// TestConsole_SalesSummary: managers and finance total everyone's takings
// by channel, operator and type; a cashier totals only their own and is
// refused another's; a tenant totals their own account's; an API key what
// it made; the range is bounded.
func TestConsole_SalesSummary(t *testing.T) {
	env := newEnv(t)
	c1, c2 := env.operator(t, voltpay.RoleCashier), env.operator(t, voltpay.RoleCashier)
	manager, finance, viewer := env.operator(t, voltpay.RoleManager), env.operator(t, voltpay.RoleFinance), env.operator(t, voltpay.RoleViewer)
	c1ID, c1Name := auditMe(t, c1)
	c2ID, _ := auditMe(t, c2)
	a, b := env.openAccount(t, 0), env.openAccount(t, 0)

	money(t, c1, "sell", a.ID, 10000, "cash")
	money(t, c1, "sell", b.ID, 5000, "wechat")
	money(t, c1, "refund", a.ID, 2000, "cash")
	sale := money(t, c2, "sell", a.ID, 3000, "alipay")
	finance.do(t, `mutation($in: ReverseInput!) { reverseEntry(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"entryId": sale, "idempotencyKey": newKey(), "reason": "收错了"}}).Decode(t, &struct{}{})

	t.Run("Everyone", func(t *testing.T) {
		for _, c := range []*client{manager, finance} {
			got, resp := env.salesSummary(t, c, nil)
			if got == nil {
				t.Fatalf("summary: %+v", resp.Errors)
			}
			if got.TotalFen != 13000 || got.Count != 5 {
				t.Errorf("total %d in %d entries, want 13000 in 5", got.TotalFen, got.Count)
			}
			if fmt.Sprint(got.ByChannel) != "[{cash 8000 2} {wechat 5000 1} {alipay 0 2}]" {
				t.Errorf("by channel: %v", got.ByChannel)
			}
			if fmt.Sprint(got.ByType) != "[{sale 18000 3} {refund -2000 1} {reversal -3000 1}]" {
				t.Errorf("by type: %v", got.ByType)
			}
			if len(got.ByOperator) != 3 || got.ByOperator[0].Name != c1Name || got.ByOperator[0].AmountFen != 13000 ||
				*got.ByOperator[0].OperatorID != fmt.Sprint(c1ID) || got.ByOperator[0].Count != 3 ||
				got.ByOperator[1].AmountFen != 3000 || got.ByOperator[2].AmountFen != -3000 {
				t.Errorf("by operator, largest first: %+v", got.ByOperator)
			}
		}
		got, _ := env.salesSummary(t, manager, &c2ID)
		if got.TotalFen != 3000 || got.Count != 1 || len(got.ByOperator) != 1 {
			t.Errorf("manager asking for cashier 2: %+v", got)
		}
	})

	t.Run("CashierOwnOnly", func(t *testing.T) {
		for _, op := range []*int64{nil, &c1ID} {
			got, resp := env.salesSummary(t, c1, op)
			if got == nil {
				t.Fatalf("own takings: %+v", resp.Errors)
			}
			if got.TotalFen != 13000 || got.Count != 3 || len(got.ByOperator) != 1 || got.ByOperator[0].Name != c1Name {
				t.Errorf("cashier's own takings (operatorId %v): %+v", op, got)
			}
		}
		if _, resp := env.salesSummary(t, c1, &c2ID); resp.Code() != voltpay.EFORBIDDEN {
			t.Errorf("cashier asking for another cashier's takings: got %+v, want FORBIDDEN", resp.Errors)
		}
		got, _ := env.salesSummary(t, viewer, nil)
		if got.TotalFen != 0 || got.Count != 0 || len(got.ByChannel)+len(got.ByType)+len(got.ByOperator) != 0 {
			t.Errorf("a viewer made no entries, so totals none: %+v", got)
		}
	})

	t.Run("Tenant", func(t *testing.T) {
		tenant := env.tenant(t, a.ID)
		got, resp := env.salesSummary(t, tenant, nil)
		if got == nil {
			t.Fatalf("tenant: %+v", resp.Errors)
		}
		if got.TotalFen != 8000 || got.Count != 4 {
			t.Errorf("tenant of account a: %d in %d entries, want 8000 in 4 (their own account's)", got.TotalFen, got.Count)
		}
		if _, resp := env.salesSummary(t, tenant, &c1ID); resp.Code() != voltpay.EFORBIDDEN {
			t.Errorf("tenant naming an operator: got %+v, want FORBIDDEN", resp.Errors)
		}
	})

	t.Run("APIKey", func(t *testing.T) {
		key := env.apiKey(t, voltpay.PermReadAccounts, voltpay.PermSell)
		money(t, key, "sell", b.ID, 700, "bank")
		got, _ := env.salesSummary(t, key, nil)
		if got.TotalFen != 700 || got.Count != 1 || len(got.ByOperator) != 1 || got.ByOperator[0].OperatorID != nil {
			t.Errorf("key's own sales: %+v", got)
		}
		all, _ := env.salesSummary(t, env.apiKey(t, voltpay.PermReadAccounts, voltpay.PermReadAudit), nil)
		if all.TotalFen != 13700 || all.Count != 6 {
			t.Errorf("a read_audit key totals everyone's: %d in %d, want 13700 in 6", all.TotalFen, all.Count)
		}
	})

	t.Run("Range", func(t *testing.T) {
		for _, r := range [][2]string{{"2026-01-01T00:00:00Z", "2027-01-03T00:00:00Z"}, {"2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z"}} {
			resp := manager.do(t, salesSummaryQuery, map[string]any{"from": r[0], "to": r[1]})
			if resp.Code() != voltpay.EINVALID || resp.Errors[0].Extensions.Field != "to" {
				t.Errorf("range %v: got %+v, want INVALID_INPUT naming to", r, resp.Errors)
			}
		}
		resp := manager.do(t, salesSummaryQuery, map[string]any{"from": "2026-01-01T00:00:00Z", "to": "2027-01-02T00:00:00Z"})
		if len(resp.Errors) > 0 {
			t.Errorf("366 days must be allowed: %+v", resp.Errors)
		}
	})
}
