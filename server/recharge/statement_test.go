package recharge_test

import (
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/payment/paysim"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/recharge"
)

// The daily statement check compares the provider's bill (from the fake)
// with our paid orders: a payment whose notification was lost and not yet
// found by the reconciler shows as paid there and not here; once
// reconciled, the day has no difference.
func TestStatementCheck(t *testing.T) {
	r := newRig(t)
	for _, ch := range channels {
		t.Run(ch, func(t *testing.T) {
			r.account = r.openAccount(t, 0)
			ok := r.order(t, ch, 1500)
			if err := r.fake(ch).Pay(ok.OutTradeNo); err != nil {
				t.Fatal(err)
			}
			eventually(t, "paid", func() bool { return r.orderState(t, ok.OutTradeNo).State == voltpay.OrderPaid })
			r.fake(ch).SetFaults(paysim.Faults{Drop: 1})
			lost := r.order(t, ch, 2500)
			if err := r.fake(ch).Pay(lost.OutTradeNo); err != nil {
				t.Fatal(err)
			}
			day := time.Now().In(payment.Shanghai)
			r.svc.Audit = postgres.NewAuditService(r.db)
			diffs, err := r.svc.CheckAndRecord(sys(), ch, day)
			if err != nil {
				t.Fatal(err)
			}
			var mine []voltpay.StatementDiff
			for _, d := range diffs {
				if d.OutTradeNo == ok.OutTradeNo || d.OutTradeNo == lost.OutTradeNo {
					mine = append(mine, d)
				}
			}
			if len(mine) != 1 || mine[0].OutTradeNo != lost.OutTradeNo || mine[0].TheirFen != 2500 || mine[0].OurFen != 0 {
				t.Fatalf("differences %+v; want only the lost payment, 25 yuan at the provider", mine)
			}
			// Finance finds the check in the audit log, with the difference.
			var args string
			if err := r.db.Get(&args, `SELECT args::text FROM audit_log WHERE operation = 'recharge.statement' AND result = 'differences'
				AND args->>'channel' = $1 ORDER BY id DESC LIMIT 1`, ch); err != nil ||
				// Other tests' orders of the day share the bill: a long list is cut to fit the row.
				!strings.Contains(args, lost.OutTradeNo) && !strings.Contains(args, "more items left out]") {
				t.Fatalf("audit of the check: %q, %v", args, err)
			}
			if _, err := r.svc.Reconcile(sys(), recharge.ReconcileConfig{PendingAfter: time.Nanosecond}); err != nil {
				t.Fatal(err)
			}
			if diffs, err = r.svc.CheckStatement(sys(), ch, day); err != nil {
				t.Fatal(err)
			}
			for _, d := range diffs {
				if d.OutTradeNo == ok.OutTradeNo || d.OutTradeNo == lost.OutTradeNo {
					t.Fatalf("after reconciliation: %+v", d)
				}
			}
		})
	}
}
