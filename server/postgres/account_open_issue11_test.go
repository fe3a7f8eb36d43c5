package postgres_test

import (
	"sync"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestIssue11_OpenAccountIdempotent: openAccount without a first sale is
// idempotent on its key: 20 concurrent copies and a later retry open one
// account; the key reused for another tenant is a CONFLICT.
func TestIssue11_OpenAccountIdempotent(t *testing.T) {
	db := MustOpenDB(t)
	svc := postgres.NewAccountService(db)
	site := MustCreateSite(t, db).ID
	ctx := AdminContext()
	in := voltpay.OpenAccountInput{IdempotencyKey: "open-issue11-0001",
		Account: voltpay.AccountInput{SiteID: site, TenantName: "重试商户", ShopNo: "A-1", Phone: "13912345678"}}
	ids := make([]int64, 20)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Go(func() {
			a, _, err := svc.OpenAccount(ctx, in)
			if err != nil {
				t.Errorf("copy %d: %v", i, err)
				return
			}
			ids[i] = a.ID
		})
	}
	wg.Wait()
	again, _, err := svc.OpenAccount(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		if id != again.ID {
			t.Fatalf("copy %d opened account %d, the retry %d: want one account", i, id, again.ID)
		}
	}
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM accounts WHERE site_id = $1`, site); err != nil || n != 1 {
		t.Fatalf("%d accounts on the site (%v), want 1", n, err)
	}
	other := in
	other.Account.TenantName = "别的商户"
	if _, _, err := svc.OpenAccount(ctx, other); voltpay.ErrorCode(err) != voltpay.ECONFLICT {
		t.Fatalf("the key for another tenant: %v, want CONFLICT", err)
	}
	in.IdempotencyKey = "short"
	if _, _, err := svc.OpenAccount(ctx, in); voltpay.ErrorCode(err) != voltpay.EINVALID {
		t.Fatalf("a 5-character key: %v, want INVALID_INPUT", err)
	}
}
