package main

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// TestRecharge_EndToEnd is issue 5's end-to-end test: a tenant in arrears
// with a tripped simulated meter pays through each channel (the real SDKs
// against the fake gateways, the fake's own signed notification to our
// webhook) → the balance rises → the close command, committed with the
// credit, reaches the simulated meter and its relay closes.
func TestRecharge_EndToEnd(t *testing.T) {
	b := newBillingEnv(t)
	mux := http.NewServeMux()
	hook := httptest.NewServer(mux)
	t.Cleanup(hook.Close)
	rc, fakes := newTestRecharge(t, b.db, hook.URL, slog.New(slog.DiscardHandler))
	mountWebhooks(mux, rc)
	tenant := voltpay.WithPrincipal(t.Context(), &voltpay.Principal{Kind: voltpay.PrincipalTenant, ID: 1, Name: "测试小吃",
		AccountID: b.account.ID, WechatOpenID: "o-payer-1"})

	for i, ch := range []string{voltpay.ChannelWechat, voltpay.ChannelAlipay} {
		t.Run(ch, func(t *testing.T) {
			// Into arrears: the controller trips the meter.
			b.consume(t, int64(b.balance(t))*10+100) // 1 yuan/kWh: the balance and 0.10 yuan more
			eventually(t, "the relay opens in arrears", func() bool { return b.sm.State().RelayOpen })
			b.settle(t)
			before := b.balance(t)
			if before > 0 {
				t.Fatalf("balance %d fen; want arrears", before)
			}

			o, err := rc.CreateOrder(tenant, voltpay.RechargeOrderInput{AccountID: b.account.ID, MeterIDs: []int64{b.meter.ID},
				AmountFen: 2000, Channel: ch, Method: voltpay.PayMiniProgram, PayerID: "o-payer-1", IdempotencyKey: newKey()})
			if err != nil {
				t.Fatal(err)
			}
			fake := fakes.Wechat.Pay
			if ch == voltpay.ChannelAlipay {
				fake = fakes.Alipay.Pay
			}
			if err := fake(o.OutTradeNo); err != nil {
				t.Fatal(err)
			}
			eventually(t, "the balance rises", func() bool { return b.balance(t) == before+2000 })
			eventually(t, "the simulated relay closes after paying", func() bool { return !b.sm.State().RelayOpen })
			b.settle(t)

			// The close was handed to meterlink by the webhook's own
			// transaction (created with the credit), not left to the
			// controller's later pass: exactly one close per payment.
			got, err := rc.FindOrder(sys(), o.ID)
			if err != nil || got.State != voltpay.OrderPaid || got.EntryID == nil {
				t.Fatalf("order: %+v, %v", got, err)
			}
			var entryAt, closeAt string
			if err := b.db.GetContext(sys(), &entryAt, `SELECT created_at::text FROM ledger_entries WHERE id = $1`, *got.EntryID); err != nil {
				t.Fatal(err)
			}
			cmds := b.autoCommands(t)
			closes := 0
			for _, c := range cmds {
				if c.Kind == voltpay.CmdClose {
					closes++
				}
			}
			if closes != i+1 {
				t.Fatalf("%d automatic closes after %d payments; want one each", closes, i+1)
			}
			last := cmds[len(cmds)-1]
			if last.Kind != voltpay.CmdClose || last.State != voltpay.CommandConfirmed || last.CreatedBy != billing.ControlActor {
				t.Fatalf("last automatic command %+v; want a confirmed close", last)
			}
			if err := b.db.GetContext(sys(), &closeAt, `SELECT created_at::text FROM meter_commands WHERE id = $1`, last.ID); err != nil {
				t.Fatal(err)
			}
			if closeAt != entryAt {
				t.Fatalf("close created at %s, credit at %s: not one transaction", closeAt, entryAt)
			}
		})
	}
}
