package recharge_test

import (
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// An account with one balance per meter recharges one meter at a time: an
// order must name it, the payment raises that meter's balance, and a
// refund the provider made is recorded even where it takes the meter
// below zero (the money went back).
func TestRechargePerMeterAccount(t *testing.T) {
	r := newRig(t)
	a := r.openAccount(t, 0)
	m := r.meterFor(t, a)
	accounts := postgres.NewAccountService(r.db)
	if _, err := accounts.UpdateAccount(sys(), a.ID, voltpay.AccountInput{SiteID: a.SiteID, TenantName: a.TenantName,
		ShopNo: a.ShopNo, Phone: a.Phone, BalanceMode: voltpay.BalancePerMeter}); err != nil {
		t.Fatal(err)
	}
	in := voltpay.RechargeOrderInput{AccountID: a.ID, AmountFen: 1000, Channel: voltpay.ChannelWechat, Method: voltpay.PayQR}
	if _, err := r.svc.CreateOrder(sys(), in); voltpay.ErrorCode(err) != voltpay.EINVALID {
		t.Fatalf("order without a meter: %v, want INVALID_INPUT", err)
	}
	in.MeterIDs = []int64{m.ID}
	o, err := r.svc.CreateOrder(sys(), in)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.fakes.Wechat.Pay(o.OutTradeNo); err != nil {
		t.Fatal(err)
	}
	eventually(t, "paid", func() bool { return r.orderState(t, o.OutTradeNo).State == voltpay.OrderPaid })
	bal, err := accounts.MeterBalances(sys(), []int64{m.ID})
	if err != nil || bal[m.ID] != 1000 {
		t.Fatalf("meter balance %v, %v; want 1000", bal, err)
	}
	// The tenant spends 9 yuan, then the provider refunds 5: the meter goes to -4.
	if _, err := postgres.NewLedgerService(r.db).Charge(sys(), voltpay.ChargeInput{AccountID: a.ID, MeterID: m.ID, AmountFen: 600,
		IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	rf, err := r.svc.RefundOrder(sys(), voltpay.OrderRefundInput{OrderID: o.ID, AmountFen: 300, Reason: "partial", IdempotencyKey: newKey()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := postgres.NewLedgerService(r.db).Charge(sys(), voltpay.ChargeInput{AccountID: a.ID, MeterID: m.ID, AmountFen: 300,
		IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the refund settles", func() bool {
		got, err := r.store.FindRefund(sys(), rf.ID)
		return err == nil && got.State != voltpay.RefundProcessing
	})
	if got, _ := r.store.FindRefund(sys(), rf.ID); got.State != voltpay.RefundSucceeded || got.EntryID == nil {
		t.Fatalf("refund %+v; want succeeded with its entry", got)
	}
	bal, _ = accounts.MeterBalances(sys(), []int64{m.ID})
	if bal[m.ID] != -200 || r.balance(t, a.ID) != -200 {
		t.Fatalf("meter %d, account %d fen; want -200 both", bal[m.ID], r.balance(t, a.ID))
	}
	r.assertBalanceIsSum(t, a.ID)
}
