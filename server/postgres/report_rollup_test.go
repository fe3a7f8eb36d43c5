package postgres_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestLedgerDaily_RandomMixEqualsScan: after a random mix of sales,
// refunds, reversals, corrections, transfers, batched charges with
// service fees, sale fees and a meter replacement over three weeks of a
// site, across local midnights, the rollup equals a scan of the ledger.
func TestLedgerDaily_RandomMixEqualsScan(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	f := newChargeFix(t)
	// Fees on charges here (a second site takes them on sales).
	if _, err := f.db.Exec(`UPDATE sites SET service_fee_bp = 500, service_fee_on = 'charge' WHERE id = $1`, f.site); err != nil {
		t.Fatal(err)
	}
	now := cst("2026-11-01 23:00:00")
	f.db.Now = func() time.Time { return now }
	ledger := postgres.NewLedgerService(f.db)
	auth := postgres.NewAuthService(f.db)
	ops := []*voltpay.Operator{authMustOperator(t, auth, voltpay.RoleManager, false), authMustOperator(t, auth, voltpay.RoleManager, false)}
	tariff := f.tariff(t, flat9000)
	var meters, accounts []int64
	for range 4 {
		m := f.meter(t, tariff, 1, "")
		meters, accounts = append(meters, m), append(accounts, f.account(t, m))
	}
	spare := f.meter(t, 0, 1, "")
	energy := map[int64]voltpay.Wh{}
	var sales, charges []int64
	ctx := func() *voltpay.Operator { return ops[rng.IntN(len(ops))] }
	for step := range 120 {
		now = now.Add(time.Duration(30+rng.IntN(300)) * time.Minute)
		acct := accounts[rng.IntN(len(accounts))]
		switch k := rng.IntN(8); {
		case k < 2:
			e, err := ledger.Sell(operatorContext(ctx()), voltpay.SaleInput{AccountID: acct, AmountFen: voltpay.Fen(100 + rng.IntN(50000)),
				Channel: voltpay.Channels[rng.IntN(len(voltpay.Channels))], IdempotencyKey: newKey()})
			if err != nil {
				t.Fatal(err)
			}
			sales = append(sales, e.ID)
		case k == 2:
			if _, err := ledger.Refund(operatorContext(ctx()), voltpay.RefundInput{AccountID: acct, AmountFen: voltpay.Fen(1 + rng.IntN(500)),
				Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}); err != nil {
				t.Fatal(err)
			}
		case k == 3 && len(sales) > 0:
			i := rng.IntN(len(sales))
			if _, err := ledger.Reverse(operatorContext(ctx()), voltpay.ReverseInput{EntryID: sales[i], IdempotencyKey: newKey(), Reason: "test"}); err != nil {
				t.Fatal(err)
			}
			sales = append(sales[:i], sales[i+1:]...)
		case k == 4 && len(charges) > 0:
			i := rng.IntN(len(charges))
			var err error
			if rng.IntN(2) == 0 {
				_, err = ledger.CorrectCharge(operatorContext(ctx()), voltpay.CorrectChargeInput{EntryID: charges[i], AmountFen: 1, Reason: "test", IdempotencyKey: newKey()})
			} else {
				_, err = ledger.Reverse(operatorContext(ctx()), voltpay.ReverseInput{EntryID: charges[i], IdempotencyKey: newKey(), Reason: "test"})
			}
			if err != nil {
				t.Fatal(err)
			}
			charges = append(charges[:i], charges[i+1:]...)
		case k == 5:
			to := accounts[rng.IntN(len(accounts))]
			if to != acct {
				if _, _, err := ledger.Transfer(operatorContext(ctx()), voltpay.TransferInput{FromAccountID: acct, ToAccountID: to,
					AmountFen: voltpay.Fen(1 + rng.IntN(100)), IdempotencyKey: newKey()}); err != nil {
					t.Fatal(err)
				}
			}
		default: // readings of every meter, charged in one batch
			for _, m := range meters {
				energy[m] += voltpay.Wh(100 + rng.IntN(3000))
				f.read(t, m, now.Add(-time.Minute).Format(time.DateTime), energy[m])
			}
			f.charge(t, meters...)
			var ids []int64
			if err := f.db.Select(&ids, `SELECT id FROM ledger_entries WHERE type = 'charge' AND account_id = ANY($1) AND created_at = $2`,
				accounts, now); err != nil {
				t.Fatal(err)
			}
			charges = append(charges, ids...)
		}
		if step == 60 { // a meter replacement: the old meter's last energy charged
			energy[meters[0]] += 2000
			if _, _, err := postgres.NewAccountService(f.db).ReplaceMeter(AdminContext(), voltpay.ReplaceMeterInput{
				OldMeterID: meters[0], NewMeterID: spare, FinalEnergyWh: energy[meters[0]], IdempotencyKey: newKey()}); err != nil {
				t.Fatal(fmt.Errorf("replace: %w", err))
			}
			meters[0], energy[spare] = spare, 0
		}
	}
	assertRollupIsScan(t, f.db)
	var days int
	if err := f.db.Get(&days, `SELECT count(DISTINCT day) FROM ledger_daily WHERE site_id = $1`, f.site); err != nil {
		t.Fatal(err)
	}
	if days < 10 {
		t.Fatalf("the mix spread over %d local days; want many", days)
	}
}
