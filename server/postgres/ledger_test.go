package postgres_test

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// MustOpenAccount opens an account on a fresh site with an optional first sale.
func MustOpenAccount(tb testing.TB, db *postgres.DB, firstSale voltpay.Fen) *voltpay.Account {
	tb.Helper()
	site := MustCreateSite(tb, db)
	in := voltpay.OpenAccountInput{Account: voltpay.AccountInput{SiteID: site.ID, TenantName: "张记面馆", ShopNo: "1F-101", Phone: "13812345678"}}
	if firstSale > 0 {
		in.FirstSale = &voltpay.SaleInput{AmountFen: firstSale, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}
	}
	a, _, err := postgres.NewAccountService(db).OpenAccount(AdminContext(), in)
	if err != nil {
		tb.Fatalf("open account: %v", err)
	}
	return a
}

func newKey() string { return fmt.Sprintf("test-%016x", rand.Uint64()) }

// assertBalanceIsSum fails unless the account's balance equals the sum of its entries.
func assertBalanceIsSum(tb testing.TB, db *postgres.DB, accountID int64) voltpay.Fen {
	tb.Helper()
	var balance, sum voltpay.Fen
	if err := db.QueryRowx(`SELECT a.balance_fen, coalesce((SELECT sum(amount_fen) FROM ledger_entries WHERE account_id = a.id), 0)
		FROM accounts a WHERE a.id = $1`, accountID).Scan(&balance, &sum); err != nil {
		tb.Fatal(err)
	}
	if balance != sum {
		tb.Fatalf("balance %d != sum of entries %d", balance, sum)
	}
	return balance
}

func TestLedger_Sell(t *testing.T) {
	db := MustOpenDB(t)
	ledger := postgres.NewLedgerService(db)
	a := MustOpenAccount(t, db, 0)
	ctx := AdminContext()

	e, err := ledger.Sell(ctx, voltpay.SaleInput{AccountID: a.ID, AmountFen: 10000, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()})
	if err != nil {
		t.Fatal(err)
	}
	if e.BalanceAfterFen != 10000 || e.ReceiptNo == "" || e.Type != voltpay.EntrySale {
		t.Fatalf("got %+v", e)
	}

	t.Run("Idempotent", func(t *testing.T) {
		in := voltpay.SaleInput{AccountID: a.ID, AmountFen: 500, Channel: voltpay.ChannelBank, IdempotencyKey: newKey()}
		first, err := ledger.Sell(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ledger.Sell(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if again.ID != first.ID || again.ReceiptNo != first.ReceiptNo || again.BalanceAfterFen != first.BalanceAfterFen {
			t.Fatalf("replay: got %+v, want %+v", again, first)
		}
		in.AmountFen = 600
		_, err = ledger.Sell(ctx, in)
		wantCode(t, err, voltpay.ECONFLICT)
		if got := assertBalanceIsSum(t, db, a.ID); got != 10500 {
			t.Fatalf("balance: got %d, want 10500", got)
		}
	})

	t.Run("ConcurrentSameKey", func(t *testing.T) {
		in := voltpay.SaleInput{AccountID: a.ID, AmountFen: 100, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}
		var wg sync.WaitGroup
		ids := make([]int64, 20)
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				e, err := ledger.Sell(ctx, in)
				if err != nil {
					t.Error(err)
					return
				}
				ids[i] = e.ID
			}()
		}
		wg.Wait()
		for _, id := range ids {
			if id != ids[0] {
				t.Fatalf("same key gave different entries: %v", ids)
			}
		}
		if got := assertBalanceIsSum(t, db, a.ID); got != 10600 {
			t.Fatalf("balance: got %d, want 10600", got)
		}
	})

	for _, tc := range []struct {
		name string
		in   voltpay.SaleInput
		code string
	}{
		{"ErrNegative", voltpay.SaleInput{AccountID: a.ID, AmountFen: -5, Channel: "cash"}, voltpay.EINVALID},
		{"ErrZero", voltpay.SaleInput{AccountID: a.ID, AmountFen: 0, Channel: "cash"}, voltpay.EINVALID},
		{"ErrAbsurd", voltpay.SaleInput{AccountID: a.ID, AmountFen: voltpay.MaxTransactionFen + 1, Channel: "cash"}, voltpay.EINVALID},
		{"ErrChannel", voltpay.SaleInput{AccountID: a.ID, AmountFen: 100, Channel: "bitcoin"}, voltpay.EINVALID},
		{"ErrUnknownAccount", voltpay.SaleInput{AccountID: 1 << 40, AmountFen: 100, Channel: "cash"}, voltpay.ENOTFOUND},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.IdempotencyKey = newKey()
			_, err := ledger.Sell(ctx, tc.in)
			wantCode(t, err, tc.code)
		})
	}
	t.Run("ErrBadKey", func(t *testing.T) {
		_, err := ledger.Sell(ctx, voltpay.SaleInput{AccountID: a.ID, AmountFen: 100, Channel: "cash", IdempotencyKey: "short"})
		wantCode(t, err, voltpay.EINVALID)
	})
	if got := assertBalanceIsSum(t, db, a.ID); got != 10600 {
		t.Fatalf("bad input changed the balance: got %d, want 10600", got)
	}
}

func TestLedger_RefundAndReverse(t *testing.T) {
	db := MustOpenDB(t)
	ledger := postgres.NewLedgerService(db)
	ctx := AdminContext()
	a := MustOpenAccount(t, db, 5000)

	_, err := ledger.Refund(ctx, voltpay.RefundInput{AccountID: a.ID, AmountFen: 5001, Channel: "cash", IdempotencyKey: newKey()})
	wantCode(t, err, voltpay.EINSUFFICIENT_BALANCE)

	r, err := ledger.Refund(ctx, voltpay.RefundInput{AccountID: a.ID, AmountFen: 2000, Channel: "cash", IdempotencyKey: newKey()})
	if err != nil {
		t.Fatal(err)
	}
	if r.AmountFen != -2000 || r.BalanceAfterFen != 3000 {
		t.Fatalf("refund: got %+v", r)
	}
	rev, err := ledger.Reverse(ctx, voltpay.ReverseInput{EntryID: r.ID, IdempotencyKey: newKey(), Reason: "wrong amount"})
	if err != nil {
		t.Fatal(err)
	}
	if rev.AmountFen != 2000 || rev.BalanceAfterFen != 5000 || *rev.ReversesID != r.ID {
		t.Fatalf("reversal: got %+v", rev)
	}
	t.Run("ErrReverseTwice", func(t *testing.T) {
		_, err := ledger.Reverse(ctx, voltpay.ReverseInput{EntryID: r.ID, IdempotencyKey: newKey(), Reason: "again"})
		wantCode(t, err, voltpay.ECONFLICT)
	})
	t.Run("ErrReverseReversal", func(t *testing.T) {
		_, err := ledger.Reverse(ctx, voltpay.ReverseInput{EntryID: rev.ID, IdempotencyKey: newKey(), Reason: "again"})
		wantCode(t, err, voltpay.ECONFLICT)
	})
	t.Run("ErrNoReason", func(t *testing.T) {
		_, err := ledger.Reverse(ctx, voltpay.ReverseInput{EntryID: r.ID, IdempotencyKey: newKey()})
		wantCode(t, err, voltpay.EINVALID)
	})
	t.Run("ErrUnknownEntry", func(t *testing.T) {
		_, err := ledger.Reverse(ctx, voltpay.ReverseInput{EntryID: 1 << 40, IdempotencyKey: newKey(), Reason: "x"})
		wantCode(t, err, voltpay.ENOTFOUND)
	})
	if got := assertBalanceIsSum(t, db, a.ID); got != 5000 {
		t.Fatalf("balance: got %d, want 5000", got)
	}
}

func TestLedger_AppendOnly(t *testing.T) {
	db := MustOpenDB(t)
	a := MustOpenAccount(t, db, 1000)
	for _, q := range []string{
		`UPDATE ledger_entries SET amount_fen = 1 WHERE account_id = $1`,
		`DELETE FROM ledger_entries WHERE account_id = $1`,
		`UPDATE accounts SET balance_fen = 999999 WHERE id = $1`,
	} {
		if _, err := db.Exec(q, a.ID); err == nil {
			t.Errorf("%s: the database allowed it", q)
		}
	}
	if _, err := db.Exec(`TRUNCATE ledger_entries CASCADE`); err == nil {
		t.Error("TRUNCATE ledger_entries: the database allowed it")
	}
	assertBalanceIsSum(t, db, a.ID)
}

// TestLedger_Concurrency has many goroutines selling, refunding and
// reversing on one account at once; afterwards the balance must equal the
// sum of the entries, and every successful call must have exactly one entry.
func TestLedger_Concurrency(t *testing.T) {
	db := MustOpenDB(t)
	ledger := postgres.NewLedgerService(db)
	ctx := AdminContext()
	a := MustOpenAccount(t, db, 100000)

	const workers, perWorker = 16, 25
	var mu sync.Mutex
	okKeys := map[string]bool{}
	var sales []*voltpay.LedgerEntry
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				key := newKey()
				var e *voltpay.LedgerEntry
				var err error
				switch i % 3 {
				case 0:
					e, err = ledger.Sell(ctx, voltpay.SaleInput{AccountID: a.ID, AmountFen: voltpay.Fen(100 + i), Channel: "cash", IdempotencyKey: key})
				case 1:
					e, err = ledger.Refund(ctx, voltpay.RefundInput{AccountID: a.ID, AmountFen: voltpay.Fen(50 + i), Channel: "cash", IdempotencyKey: key})
				case 2:
					mu.Lock()
					var target *voltpay.LedgerEntry
					if len(sales) > 0 {
						target, sales = sales[0], sales[1:]
					}
					mu.Unlock()
					if target == nil {
						continue
					}
					e, err = ledger.Reverse(ctx, voltpay.ReverseInput{EntryID: target.ID, IdempotencyKey: key, Reason: "test"})
				}
				if err != nil {
					t.Errorf("worker call: %v", err)
					continue
				}
				mu.Lock()
				okKeys[key] = true
				if e.Type == voltpay.EntrySale {
					sales = append(sales, e)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	assertBalanceIsSum(t, db, a.ID)
	var keys []string
	if err := db.Select(&keys, `SELECT idempotency_key FROM ledger_entries WHERE account_id = $1`, a.ID); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, k := range keys {
		got[k] = true
	}
	for k := range okKeys {
		if !got[k] {
			t.Errorf("entry %s was acknowledged but is missing", k)
		}
	}
	if len(keys) != len(okKeys)+1 { // +1: the opening sale
		t.Errorf("entries: got %d, want %d", len(keys), len(okKeys)+1)
	}
	assertBalanceChain(t, db, a.ID, assertBalanceIsSum(t, db, a.ID))
}

// assertBalanceChain checks that an account's entries form one chain from
// 0 to balance: in the order the ledger applied them (its row lock order,
// which ids do not follow: an id is drawn before the lock is taken), each
// entry's balance before is the previous one's balance after. That holds
// exactly when {0} ∪ {after} = {before} ∪ {balance} as multisets; a lost
// update (two entries moving from the same balance) breaks it.
func assertBalanceChain(tb testing.TB, db *postgres.DB, accountID int64, balance voltpay.Fen) {
	tb.Helper()
	var rows []struct {
		Amount voltpay.Fen `db:"amount_fen"`
		After  voltpay.Fen `db:"balance_after_fen"`
	}
	if err := db.Select(&rows, `SELECT amount_fen, balance_after_fen FROM ledger_entries WHERE account_id = $1`, accountID); err != nil {
		tb.Fatal(err)
	}
	count := map[voltpay.Fen]int{}
	count[0]++
	count[balance]--
	for _, r := range rows {
		count[r.After]++
		count[r.After-r.Amount]--
	}
	for v, n := range count {
		if n != 0 {
			tb.Errorf("balance %d ends %d more entries than it starts: the entries do not form one chain from 0 to %d", v, n, balance)
		}
	}
}
