package main

import (
	"encoding/json"
	"testing"

	"github.com/voltpay/voltpay"
)

const createOrderMutation = `mutation($in: CreateRechargeOrderInput!) {
  createRechargeOrder(input: $in) {
    id outTradeNo state amountFen channel method
    pay { codeUrl redirectUrl tradeNo requestPayment { appId package signType paySign } }
  }
}`

type gqlOrder struct {
	ID         string
	OutTradeNo string
	State      string
	AmountFen  int64
	Channel    string
	Method     string
	Pay        *struct {
		CodeURL        string `json:"codeUrl"`
		RedirectURL    string `json:"redirectUrl"`
		TradeNo        string `json:"tradeNo"`
		RequestPayment *struct {
			AppID    string `json:"appId"`
			Package  string `json:"package"`
			SignType string `json:"signType"`
			PaySign  string `json:"paySign"`
		} `json:"requestPayment"`
	}
}

// A tenant opens recharge orders over GraphQL for every method of both
// channels, pays one through the fake and follows it on balanceChanged;
// another account is refused; bad input gets INVALID_INPUT.
func TestRechargeAPI(t *testing.T) {
	env, fakes := newPayEnv(t)
	acct := env.openAccount(t, 0)
	other := env.openAccount(t, 0)
	tenant := env.tenant(t, acct.ID)

	create := func(t *testing.T, c *client, in map[string]any) *gqlResponse {
		t.Helper()
		return c.do(t, createOrderMutation, map[string]any{"in": in})
	}
	for _, ch := range []string{"wechat", "alipay"} {
		for _, m := range []string{"mini_program", "qr", "h5"} {
			if ch == "wechat" && m == "mini_program" {
				continue // a password session cannot: TestRechargeAPI_WechatMiniProgram
			}
			t.Run(ch+"/"+m, func(t *testing.T) {
				var got struct{ CreateRechargeOrder gqlOrder }
				create(t, tenant, map[string]any{"accountId": acct.ID, "amountFen": 1500, "channel": ch, "method": m,
					"payerId": "o-tenant-openid", "returnUrl": "https://tenant.example/return"}).Decode(t, &got)
				o := got.CreateRechargeOrder
				if o.State != "pending" || o.AmountFen != 1500 || o.Pay == nil {
					t.Fatalf("order %+v", o)
				}
				switch {
				case m == "qr" && o.Pay.CodeURL == "",
					m == "h5" && o.Pay.RedirectURL == "",
					m == "mini_program" && ch == "wechat" && (o.Pay.RequestPayment == nil || o.Pay.RequestPayment.PaySign == ""),
					m == "mini_program" && ch == "alipay" && o.Pay.TradeNo == "":
					t.Fatalf("%s %s: pay params %+v", ch, m, o.Pay)
				}
			})
		}
	}

	t.Run("pay and follow", func(t *testing.T) {
		ws := wsConnect(t, env, tenant.bearer)
		ws.subscribe(t, "1", `subscription { balanceChanged { account { balanceFen } entry { amountFen channel } order { outTradeNo state } } }`, nil)
		wsAwaitSubscribers(t, ws.ctx, env, 1)
		var got struct{ CreateRechargeOrder gqlOrder }
		create(t, tenant, map[string]any{"accountId": acct.ID, "amountFen": 2000, "channel": "wechat", "method": "qr"}).Decode(t, &got)
		if err := fakes.Wechat.Pay(got.CreateRechargeOrder.OutTradeNo); err != nil {
			t.Fatal(err)
		}
		var ev struct {
			BalanceChanged struct {
				Account struct{ BalanceFen int64 }
				Entry   struct {
					AmountFen int64
					Channel   string
				}
				Order struct{ OutTradeNo, State string }
			}
		}
		// One event: the credit with the order's new state.
		ws.next(t, "1", &ev)
		bc := ev.BalanceChanged
		if bc.Entry.AmountFen != 2000 || bc.Entry.Channel != "wechat" {
			t.Fatalf("balanceChanged %+v; want the credit", bc)
		}
		if bc.Order.OutTradeNo != got.CreateRechargeOrder.OutTradeNo || bc.Order.State != "paid" || bc.Account.BalanceFen != 2000 {
			t.Fatalf("balanceChanged %+v", bc)
		}
		var q struct {
			RechargeOrder struct {
				State string
				Pay   json.RawMessage
				Entry struct{ ReceiptNo string }
			}
		}
		tenant.do(t, `query($no: String) { rechargeOrder(outTradeNo: $no) { state pay { codeUrl } entry { receiptNo } } }`,
			map[string]any{"no": got.CreateRechargeOrder.OutTradeNo}).Decode(t, &q)
		if q.RechargeOrder.State != "paid" || string(q.RechargeOrder.Pay) != "null" || q.RechargeOrder.Entry.ReceiptNo == "" {
			t.Fatalf("paid order %+v", q.RechargeOrder)
		}
	})

	t.Run("refused", func(t *testing.T) {
		if r := create(t, tenant, map[string]any{"accountId": other.ID, "amountFen": 1500, "channel": "wechat", "method": "qr"}); r.Code() != voltpay.EFORBIDDEN {
			t.Fatalf("another account's order: %+v", r.Errors)
		}
		for name, in := range map[string]map[string]any{
			"too little":      {"accountId": acct.ID, "amountFen": 99, "channel": "wechat", "method": "qr"},
			"cash":            {"accountId": acct.ID, "amountFen": 1500, "channel": "cash", "method": "qr"},
			"no openid":       {"accountId": acct.ID, "amountFen": 1500, "channel": "alipay", "method": "mini_program"},
			"not its meter":   {"accountId": acct.ID, "amountFen": 1500, "channel": "alipay", "method": "qr", "meterIds": []int64{999999999}},
			"bad idempotency": {"accountId": acct.ID, "amountFen": 1500, "channel": "alipay", "method": "qr", "idempotencyKey": "x"},
		} {
			if r := create(t, tenant, in); r.Code() != voltpay.EINVALID {
				t.Errorf("%s: %+v, want INVALID_INPUT", name, r.Errors)
			}
		}
		var ch struct {
			PaymentChannels []struct {
				Channel   string
				Available bool
				Methods   []string
			}
		}
		tenant.do(t, `{ paymentChannels { channel available methods } }`, nil).Decode(t, &ch)
		if len(ch.PaymentChannels) != 2 || !ch.PaymentChannels[0].Available || len(ch.PaymentChannels[1].Methods) != 3 {
			t.Fatalf("paymentChannels %+v", ch.PaymentChannels)
		}
	})

	t.Run("refund by an operator", func(t *testing.T) {
		var got struct{ CreateRechargeOrder gqlOrder }
		create(t, tenant, map[string]any{"accountId": acct.ID, "amountFen": 3000, "channel": "alipay", "method": "qr"}).Decode(t, &got)
		if err := fakes.Alipay.Pay(got.CreateRechargeOrder.OutTradeNo); err != nil {
			t.Fatal(err)
		}
		eventually(t, "the order is paid", func() bool {
			o, err := env.Res.RechargeService.FindOrderByNo(sys(), got.CreateRechargeOrder.OutTradeNo)
			return err == nil && o.State == voltpay.OrderPaid
		})
		if r := tenant.do(t, `mutation($id: ID!) { refundRechargeOrder(input: {orderId: $id, amountFen: 100, reason: "x", idempotencyKey: "refund-key-1"}) { state } }`,
			map[string]any{"id": got.CreateRechargeOrder.ID}); r.Code() != voltpay.EFORBIDDEN {
			t.Fatalf("a tenant refunding: %+v", r.Errors)
		}
		var rf struct {
			RefundRechargeOrder struct{ State, OutRefundNo string }
		}
		env.operator(t, voltpay.RoleCashier).do(t, `mutation($id: ID!) { refundRechargeOrder(input: {orderId: $id, amountFen: 1000, reason: "多充了", idempotencyKey: "refund-key-2"}) { state outRefundNo } }`,
			map[string]any{"id": got.CreateRechargeOrder.ID}).Decode(t, &rf)
		if rf.RefundRechargeOrder.State != "succeeded" {
			t.Fatalf("alipay refund (synchronous) is %s", rf.RefundRechargeOrder.State)
		}
	})
}
