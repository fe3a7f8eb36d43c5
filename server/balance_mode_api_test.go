package main

import (
	"fmt"
	"testing"

	"github.com/voltpay/voltpay"
)

// TestAPI_PerMeterBalance: an account opened with balanceMode per_meter
// over GraphQL takes sales and refunds naming a meter, shows each meter's
// own balance (Meter.balanceFen) and status, and refuses money without a
// meter with INVALID_INPUT, a refund above the meter's balance with
// INSUFFICIENT_BALANCE.
func TestAPI_PerMeterBalance(t *testing.T) {
	env := newEnv(t)
	m1, m2 := env.createMeter(t, nil), env.createMeter(t, nil)
	manager := env.operator(t, voltpay.RoleManager)
	const open = `mutation($in: OpenAccountInput!) { openAccount(input: $in) { account { id no balanceMode } sale { meter { id } meterBalanceAfterFen } } }`
	var opened struct {
		OpenAccount struct {
			Account struct{ ID, No, BalanceMode string }
			Sale    struct {
				Meter                struct{ ID string }
				MeterBalanceAfterFen *int64
			}
		}
	}
	manager.do(t, open, map[string]any{"in": map[string]any{
		"account":   map[string]any{"siteId": env.Site.ID, "tenantName": "王记超市", "phone": "13812345678", "balanceMode": "per_meter"},
		"meterIds":  []int64{m1.ID, m2.ID},
		"firstSale": map[string]any{"amountFen": 8000, "channel": "cash", "idempotencyKey": newKey(), "meterId": m1.ID},
	}}).Decode(t, &opened)
	o := opened.OpenAccount
	if o.Account.BalanceMode != "per_meter" || o.Sale.Meter.ID != fmt.Sprint(m1.ID) || o.Sale.MeterBalanceAfterFen == nil || *o.Sale.MeterBalanceAfterFen != 8000 {
		t.Fatalf("opened %+v", o)
	}
	const sell = `mutation($in: SaleInput!) { sell(input: $in) { id } }`
	if r := manager.do(t, sell, map[string]any{"in": map[string]any{"accountId": o.Account.ID, "amountFen": 100, "channel": "cash", "idempotencyKey": newKey()}}); r.Code() != voltpay.EINVALID {
		t.Fatalf("sale without a meter: %+v, want INVALID_INPUT", r.Errors)
	}
	const refund = `mutation($in: RefundInput!) { refund(input: $in) { amountFen } }`
	if r := manager.do(t, refund, map[string]any{"in": map[string]any{"accountId": o.Account.ID, "amountFen": 100, "channel": "cash",
		"idempotencyKey": newKey(), "meterId": m2.ID}}); r.Code() != voltpay.EINSUFFICIENT_BALANCE {
		t.Fatalf("refund above meter 2's balance: %+v, want INSUFFICIENT_BALANCE", r.Errors)
	}
	var refunded struct{ Refund struct{ AmountFen int64 } }
	manager.do(t, refund, map[string]any{"in": map[string]any{"accountId": o.Account.ID, "amountFen": 1000, "channel": "cash",
		"idempotencyKey": newKey(), "meterId": m1.ID}}).Decode(t, &refunded)
	var got struct {
		Account struct {
			BalanceFen int64
			Meters     []struct {
				ID            string
				BalanceFen    *int64
				DisplayStatus string
			}
		}
	}
	manager.do(t, `query($id: ID!) { account(id: $id) { balanceFen meters { id balanceFen displayStatus } } }`,
		map[string]any{"id": o.Account.ID}).Decode(t, &got)
	want := map[string]int64{fmt.Sprint(m1.ID): 7000, fmt.Sprint(m2.ID): 0}
	if got.Account.BalanceFen != 7000 || len(got.Account.Meters) != 2 {
		t.Fatalf("account %+v", got.Account)
	}
	for _, m := range got.Account.Meters {
		if m.BalanceFen == nil || *m.BalanceFen != want[m.ID] {
			t.Errorf("meter %s balance %v, want %d", m.ID, m.BalanceFen, want[m.ID])
		}
	}
}

// TestAPI_ServiceFeeOnSale: a site taking its fee on sales shows it as
// Site.serviceFeeOn, and a sale's receipt shows the fee taken on it.
func TestAPI_ServiceFeeOnSale(t *testing.T) {
	env := newEnv(t)
	if _, err := env.DB.Exec(`UPDATE sites SET service_fee_bp = 150, service_fee_on = 'sale' WHERE id = $1`, env.Site.ID); err != nil {
		t.Fatal(err)
	}
	a := env.openAccount(t, 0, env.createMeter(t, nil).ID)
	manager := env.operator(t, voltpay.RoleManager)
	var got struct {
		Sell struct {
			ID              string
			BalanceAfterFen int64
			Fee             struct {
				Type            string
				AmountFen       int64
				BalanceAfterFen int64
				FeeOf           struct{ ID string }
			}
			Account struct{ Site struct{ ServiceFeeOn string } }
		}
	}
	manager.do(t, `mutation($in: SaleInput!) { sell(input: $in) { id balanceAfterFen
		fee { type amountFen balanceAfterFen feeOf { id } } account { site { serviceFeeOn } } } }`,
		map[string]any{"in": map[string]any{"accountId": a.ID, "amountFen": 20_000, "channel": "cash", "idempotencyKey": newKey()}}).Decode(t, &got)
	s := got.Sell
	if s.BalanceAfterFen != 20_000 || s.Fee.Type != "service_fee" || s.Fee.AmountFen != -300 || s.Fee.BalanceAfterFen != 19_700 ||
		s.Fee.FeeOf.ID != s.ID || s.Account.Site.ServiceFeeOn != "sale" {
		t.Fatalf("sale %+v", s)
	}
}
