package recharge_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment/paysim"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
	"github.com/voltpay/voltpay/server/recharge"
	"github.com/voltpay/voltpay/server/recharge/rechargetest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// rig is the recharge service on a real database, with the real SDKs
// talking to both fake gateways over loopback HTTP, and our webhooks
// served to the fakes' notifications.
type rig struct {
	db      *postgres.DB
	store   *postgres.RechargeStore
	svc     *recharge.Service
	fakes   *paysim.Server
	hook    *httptest.Server // our server: /pay/notify/{wechat,alipay}
	account *voltpay.Account
}

var seq atomic.Int64

func newKey() string { return fmt.Sprintf("rk-%d-%d", time.Now().UnixNano(), seq.Add(1)) }

func sys() context.Context { return voltpay.SystemContext(context.Background(), "test") }

func newRig(t testing.TB) *rig {
	t.Helper()
	db, err := postgres.Open(context.Background(), pgtest.URL(t))
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	db.MaxSites = 1 << 20 // the package database holds a site per rig
	mux := http.NewServeMux()
	hook := httptest.NewServer(mux)
	t.Cleanup(hook.Close)
	store := postgres.NewRechargeStore(db)
	svc, fakes := rechargetest.New(t, db, hook.URL, nil)
	mux.Handle("/pay/notify/wechat", svc.Webhook(voltpay.ChannelWechat))
	mux.Handle("/pay/notify/alipay", svc.Webhook(voltpay.ChannelAlipay))

	r := &rig{db: db, store: store, svc: svc, fakes: fakes, hook: hook}
	r.account = r.openAccount(t, 0)
	return r
}

// openAccount opens an account on a fresh site, with a first cash sale
// when firstSale > 0.
func (r *rig) openAccount(t testing.TB, firstSale voltpay.Fen) *voltpay.Account {
	t.Helper()
	n := seq.Add(1)
	site, err := postgres.NewSiteService(r.db).CreateSite(sys(), voltpay.SiteInput{
		Name: fmt.Sprintf("Pay site %d", n), Code: fmt.Sprintf("P%07d", n)})
	if err != nil {
		t.Fatalf("site: %v", err)
	}
	in := voltpay.OpenAccountInput{Account: voltpay.AccountInput{SiteID: site.ID, TenantName: "李记水果", ShopNo: "B1-07", Phone: "13700000000"}}
	if firstSale > 0 {
		in.FirstSale = &voltpay.SaleInput{AmountFen: firstSale, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}
	}
	a, _, err := postgres.NewAccountService(r.db).OpenAccount(sys(), in)
	if err != nil {
		t.Fatalf("account: %v", err)
	}
	return a
}

// order opens a QR order of fen on the rig's account through channel.
func (r *rig) order(t testing.TB, channel string, fen voltpay.Fen) *voltpay.RechargeOrder {
	t.Helper()
	o, err := r.svc.CreateOrder(sys(), voltpay.RechargeOrderInput{AccountID: r.account.ID, AmountFen: fen,
		Channel: channel, Method: voltpay.PayQR, IdempotencyKey: newKey()})
	if err != nil {
		t.Fatalf("create %s order: %v", channel, err)
	}
	return o
}

func (r *rig) fake(channel string) paysim.Fake {
	if channel == voltpay.ChannelWechat {
		return r.fakes.Wechat
	}
	return r.fakes.Alipay
}

func (r *rig) balance(t testing.TB, accountID int64) voltpay.Fen {
	t.Helper()
	var fen voltpay.Fen
	if err := r.db.GetContext(sys(), &fen, `SELECT balance_fen FROM accounts WHERE id = $1`, accountID); err != nil {
		t.Fatal(err)
	}
	return fen
}

// entries counts the account's ledger entries of a type.
func (r *rig) entries(t testing.TB, accountID int64, typ string) int {
	t.Helper()
	var n int
	if err := r.db.GetContext(sys(), &n, `SELECT count(*) FROM ledger_entries WHERE account_id = $1 AND type = $2`, accountID, typ); err != nil {
		t.Fatal(err)
	}
	return n
}

func (r *rig) orderState(t testing.TB, no string) *voltpay.RechargeOrder {
	t.Helper()
	o, err := r.store.FindOrderByNo(sys(), no)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// post sends a notification request the test built to our webhook.
func (r *rig) post(t testing.TB, req *http.Request) (int, string) {
	t.Helper()
	u := *req.URL
	req2, err := http.NewRequest(req.Method, r.hook.URL+u.Path, req.Body)
	if err != nil {
		t.Fatal(err)
	}
	req2.Header = req.Header
	resp, err := http.DefaultClient.Do(req2)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b [512]byte
	n, _ := resp.Body.Read(b[:])
	return resp.StatusCode, string(b[:n])
}

// eventually waits up to 20 s for cond.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after 20 s: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// assertBalanceIsSum fails unless the account's balance equals the sum of its entries.
func (r *rig) assertBalanceIsSum(t testing.TB, accountID int64) {
	t.Helper()
	var bal, sum voltpay.Fen
	if err := r.db.QueryRowContext(sys(), `SELECT a.balance_fen, coalesce((SELECT sum(amount_fen) FROM ledger_entries WHERE account_id = a.id), 0)
		FROM accounts a WHERE a.id = $1`, accountID).Scan(&bal, &sum); err != nil {
		t.Fatal(err)
	}
	if bal != sum {
		t.Fatalf("account %d: balance %d fen, entries sum to %d", accountID, bal, sum)
	}
}
