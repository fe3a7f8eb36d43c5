package postgres_test

import (
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestLedger_ServiceFeeOnSale: a site taking its 5 % service fee on sales
// writes a service_fee entry beside each sale (named by it, on its meter,
// keyed after it, rounded half away from zero), none on charges; reversing
// the sale reverses its fee, and the fee is never reversed alone. A site
// taking it on charges takes none on sales.
func TestLedger_ServiceFeeOnSale(t *testing.T) {
	f := newChargeFix(t)
	f.serviceFee(t, 500)
	sites := postgres.NewSiteService(f.db)
	all, err := sites.FindSites(AdminContext())
	if err != nil {
		t.Fatal(err)
	}
	var site *voltpay.Site
	for _, s := range all {
		if s.ID == f.site {
			site = s
		}
	}
	if site.ServiceFeeOn != voltpay.FeeOnCharge {
		t.Fatalf("a new site takes its fee on %q, want charge", site.ServiceFeeOn)
	}
	in := voltpay.SiteInput{Name: site.Name, Code: site.Code, Timezone: site.Timezone, MarkupCapPct: &site.MarkupCapPct,
		ServiceFeeBP: 500, ServiceFeeOn: voltpay.FeeOnSale}
	if site, err = sites.UpdateSite(AdminContext(), f.site, in); err != nil || site.ServiceFeeOn != voltpay.FeeOnSale {
		t.Fatalf("update: %+v, %v", site, err)
	}
	in.ServiceFeeOn = ""
	if site, err = sites.UpdateSite(AdminContext(), f.site, in); err != nil || site.ServiceFeeOn != voltpay.FeeOnSale {
		t.Fatalf("an edit without serviceFeeOn keeps it: %+v, %v", site, err)
	}

	m := f.meter(t, f.tariff(t, flat10000), 1, "")
	acct := f.account(t, m) // opened with a sale of 1,000 yuan: a fee of 50
	if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-5000 {
		t.Fatalf("balance after the first sale %d, want 95000", bal)
	}
	ls := postgres.NewLedgerService(f.db)
	key := newKey()
	sale, err := ls.Sell(AdminContext(), voltpay.SaleInput{AccountID: acct, AmountFen: 10_010, Channel: voltpay.ChannelCash,
		IdempotencyKey: key, MeterID: &m})
	if err != nil {
		t.Fatal(err)
	}
	fees, err := ls.FindSaleFees(AdminContext(), []int64{sale.ID})
	if err != nil {
		t.Fatal(err)
	}
	fee := fees[sale.ID]
	// 5 % of 100.10 yuan is 5.005 yuan: 501 fen (half away from zero).
	if fee == nil || fee.AmountFen != -501 || fee.Type != voltpay.EntryServiceFee || fee.IdempotencyKey != key+":fee" ||
		derefID(fee.FeeOfID) != sale.ID || derefID(fee.MeterID) != m || fee.BalanceAfterFen != 95_000+10_010-501 {
		t.Fatalf("fee %+v", fee)
	}
	if again, err := ls.Sell(AdminContext(), voltpay.SaleInput{AccountID: acct, AmountFen: 10_010, Channel: voltpay.ChannelCash,
		IdempotencyKey: key, MeterID: &m}); err != nil || again.ID != sale.ID {
		t.Fatalf("replay: %+v, %v", again, err)
	}
	if bal := assertBalanceIsSum(t, f.db, acct); bal != 95_000+10_010-501 {
		t.Fatalf("balance %d after a replayed sale", bal)
	}

	// No fee on charges.
	f.read(t, m, "2026-11-25 10:00:00", 0)
	f.read(t, m, "2026-11-25 10:30:00", 1000)
	if st := f.charge(t, m); st.ChargedFen != 100 || st.FeeFen != 0 {
		t.Fatalf("charge on a site taking fees on sales: %+v", st)
	}

	t.Run("ErrReverseFeeAlone", func(t *testing.T) {
		_, err := ls.Reverse(AdminContext(), voltpay.ReverseInput{EntryID: fee.ID, IdempotencyKey: newKey(), Reason: "fee"})
		wantCode(t, err, voltpay.ECONFLICT)
	})
	before := assertBalanceIsSum(t, f.db, acct)
	rev, err := ls.Reverse(AdminContext(), voltpay.ReverseInput{EntryID: sale.ID, IdempotencyKey: newKey(), Reason: "wrong account"})
	if err != nil {
		t.Fatal(err)
	}
	var feeRev voltpay.Fen
	if err := f.db.Get(&feeRev, `SELECT amount_fen FROM ledger_entries WHERE reverses_id = $1`, fee.ID); err != nil {
		t.Fatalf("the fee's reversal: %v", err)
	}
	if bal := assertBalanceIsSum(t, f.db, acct); feeRev != 501 || bal != before-10_010+501 || rev.AmountFen != -10_010 {
		t.Fatalf("after reversing the sale: fee reversal %d, balance %d (was %d)", feeRev, bal, before)
	}

	t.Run("OnCharge", func(t *testing.T) {
		in.ServiceFeeOn = voltpay.FeeOnCharge
		if _, err := sites.UpdateSite(AdminContext(), f.site, in); err != nil {
			t.Fatal(err)
		}
		s, err := ls.Sell(AdminContext(), voltpay.SaleInput{AccountID: acct, AmountFen: 1000, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()})
		if err != nil {
			t.Fatal(err)
		}
		if fees, err := ls.FindSaleFees(AdminContext(), []int64{s.ID}); err != nil || len(fees) != 0 {
			t.Fatalf("fees of a sale on a site taking them on charges: %v, %v", fees, err)
		}
		f.read(t, m, "2026-11-25 11:00:00", 2000)
		if st := f.charge(t, m); st.ChargedFen != 100 || st.FeeFen != 5 {
			t.Fatalf("charge: %+v, want a 5 fen fee", st)
		}
	})
}

// TestLedger_ServiceFeeOnSaleMeterBilled: a sale to a meter-billed meter on
// a site taking its fee on sales pushes the sale less the fee into the
// meter, which then holds what the account's balance says.
func TestLedger_ServiceFeeOnSaleMeterBilled(t *testing.T) {
	b := newMeterBilled(t, nil)
	if _, err := b.db.Exec(`UPDATE sites SET service_fee_bp = 200, service_fee_on = 'sale' WHERE id = $1`, b.account.SiteID); err != nil {
		t.Fatal(err)
	}
	key := newKey()
	sale, err := b.sell(5000, key)
	if err != nil {
		t.Fatal(err)
	}
	var params string
	if err := b.db.Get(&params, `SELECT params::text FROM meter_commands WHERE meter_id = $1 AND kind = 'credit'`, b.meter.ID); err != nil {
		t.Fatal(err)
	}
	if bal := assertBalanceIsSum(t, b.db, b.account.ID); params != `{"amountFen": 4900}` || bal != 4900 || sale.AmountFen != 5000 {
		t.Fatalf("credit %s, balance %d; want 4900 pushed and held", params, bal)
	}
}
