package main

import (
	"testing"

	"github.com/voltpay/voltpay"
)

// TestAPI_Smoke signs in as a cashier and sells through GraphQL.
func TestAPI_Smoke(t *testing.T) {
	env := newEnv(t)
	cashier := env.operator(t, voltpay.RoleCashier)
	acct := env.openAccount(t, 0)
	resp := cashier.do(t, `mutation($in: SaleInput!) { sell(input: $in) { receiptNo amountFen balanceAfterFen account { balanceFen } } }`,
		map[string]any{"in": map[string]any{"accountId": acct.ID, "amountFen": 12345, "channel": "cash", "idempotencyKey": newKey()}})
	var got struct {
		Sell struct {
			ReceiptNo       string
			AmountFen       int64
			BalanceAfterFen int64
			Account         struct{ BalanceFen int64 }
		}
	}
	resp.Decode(t, &got)
	if got.Sell.AmountFen != 12345 || got.Sell.BalanceAfterFen != 12345 || got.Sell.Account.BalanceFen != 12345 || got.Sell.ReceiptNo == "" {
		t.Fatalf("sell: got %+v", got.Sell)
	}
	if code := env.anonymous().do(t, `{ accounts { totalCount } }`, nil).Code(); code != voltpay.EUNAUTHENTICATED {
		t.Fatalf("anonymous read: got %q, want UNAUTHENTICATED", code)
	}
}
