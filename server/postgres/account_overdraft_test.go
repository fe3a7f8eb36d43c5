package postgres_test

import (
	"context"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestAccount_Overdraft: the overdraft limit defaults to 0, is set on
// opening and editing, is validated, and reaches the controller.
func TestAccount_Overdraft(t *testing.T) {
	db := MustOpenDB(t)
	svc := postgres.NewAccountService(db)
	site := MustCreateSite(t, db).ID
	ctx := AdminContext()
	in := voltpay.AccountInput{SiteID: site, TenantName: "透支商户", Phone: "13912345678"}
	a, _, err := svc.OpenAccount(ctx, voltpay.OpenAccountInput{Account: in})
	if err != nil || a.OverdraftLimitFen != 0 {
		t.Fatalf("%+v, %v: want overdraft 0 by default", a, err)
	}
	in.OverdraftLimitFen = refOf[voltpay.Fen](5000)
	if a, err = svc.UpdateAccount(ctx, a.ID, in); err != nil || a.OverdraftLimitFen != 5000 {
		t.Fatalf("%+v, %v", a, err)
	}
	for _, bad := range []voltpay.Fen{-1, voltpay.MaxTransactionFen + 1} {
		in.OverdraftLimitFen = &bad
		if _, err := svc.UpdateAccount(ctx, a.ID, in); voltpay.ErrorCode(err) != voltpay.EINVALID {
			t.Errorf("overdraft %d: err %v, want INVALID_INPUT", bad, err)
		}
	}
	in.OverdraftLimitFen = refOf[voltpay.Fen](300)
	b, _, err := svc.OpenAccount(ctx, voltpay.OpenAccountInput{Account: in})
	if err != nil || b.OverdraftLimitFen != 300 {
		t.Fatalf("%+v, %v", b, err)
	}
	got, err := postgres.NewControlStore(db).AccountControls(context.Background(), []int64{a.ID, b.ID}, nil)
	if err != nil || len(got) != 2 || got[0].Overdraft != 5000 || got[1].Overdraft != 300 {
		t.Fatalf("controls %+v, %v", got, err)
	}
}
