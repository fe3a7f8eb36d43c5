package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/voltpay/voltpay"
)

const (
	valSell    = `mutation($in: SaleInput!) { sell(input: $in) { id receiptNo amountFen balanceAfterFen } }`
	valRefund  = `mutation($in: RefundInput!) { refund(input: $in) { id } }`
	valReverse = `mutation($in: ReverseInput!) { reverseEntry(input: $in) { id } }`
)

// valState is what a refused request must leave untouched.
type valState struct {
	Balances map[int64]voltpay.Fen
	Entries  int
	Accounts int
	Meters   int
}

// valSnapshot reads the balances of accts and the row counts of the ledger,
// accounts and meters. Tests in this package run one at a time, so global
// counts only move when the request under test writes.
func valSnapshot(tb testing.TB, env *testEnv, accts ...int64) valState {
	tb.Helper()
	s := valState{Balances: map[int64]voltpay.Fen{}}
	ctx := context.Background()
	for _, id := range accts {
		var b voltpay.Fen
		if err := env.DB.GetContext(ctx, &b, `SELECT balance_fen FROM accounts WHERE id = $1`, id); err != nil {
			tb.Fatalf("read balance of %d: %v", id, err)
		}
		s.Balances[id] = b
	}
	for q, dst := range map[string]*int{
		`SELECT count(*) FROM ledger_entries`: &s.Entries,
		`SELECT count(*) FROM accounts`:       &s.Accounts,
		`SELECT count(*) FROM meters`:         &s.Meters,
	} {
		if err := env.DB.GetContext(ctx, dst, q); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
	}
	return s
}

func (s valState) String() string {
	return fmt.Sprintf("balances=%v entries=%d accounts=%d meters=%d", s.Balances, s.Entries, s.Accounts, s.Meters)
}

// valSale is the input of a sale.
func valSale(acct int64, amount any) map[string]any {
	return map[string]any{"in": map[string]any{"accountId": acct, "amountFen": amount, "channel": "cash", "idempotencyKey": newKey()}}
}

// TestAPI_BadInput sends requests that must be refused through GraphQL and
// checks each gets the right extensions.code, a message a person can act
// on, and changes nothing.
func TestAPI_BadInput(t *testing.T) {
	env := newEnv(t)
	admin := env.operator(t, voltpay.RoleAdmin)
	ctx := sys()

	acct := env.openAccount(t, 10000) // 100 yuan
	closed := env.openAccount(t, 0)
	if _, err := env.Res.AccountService.CloseAccount(ctx, voltpay.CloseAccountInput{AccountID: closed.ID, Channel: "cash", IdempotencyKey: newKey()}); err != nil {
		t.Fatalf("close account: %v", err)
	}
	sale, err := env.Res.LedgerService.Sell(ctx, voltpay.SaleInput{AccountID: acct.ID, AmountFen: 500, Channel: "cash", IdempotencyKey: newKey()})
	if err != nil {
		t.Fatalf("sell: %v", err)
	}
	reversal, err := env.Res.LedgerService.Reverse(ctx, voltpay.ReverseInput{EntryID: sale.ID, IdempotencyKey: newKey(), Reason: "typo"})
	if err != nil {
		t.Fatalf("reverse: %v", err)
	}
	const unknownID = 987654321012

	deep := "ledgerEntry(id: 1) { id }"
	for range 13 {
		deep = "ledgerEntry(id: 1) { reverses { " + strings.TrimPrefix(deep, "ledgerEntry(id: 1) { ") + " }"
	}
	deep = "{ " + deep + " }"

	tests := []struct {
		name  string
		query string
		vars  map[string]any
		code  string
		field string // extensions.field, when the error names one
		msg   string // the message contains this (case-insensitive)
	}{
		{name: "SellToClosedAccount", query: valSell, vars: valSale(closed.ID, 100),
			code: voltpay.ECONFLICT, msg: "closed"},
		{name: "RefundMoreThanBalance", query: valRefund,
			vars: map[string]any{"in": map[string]any{"accountId": acct.ID, "amountFen": 10001, "channel": "cash", "idempotencyKey": newKey()}},
			code: voltpay.EINSUFFICIENT_BALANCE, msg: "balance of 100.00 yuan"},
		{name: "ReverseTwice", query: valReverse,
			vars: map[string]any{"in": map[string]any{"entryId": sale.ID, "idempotencyKey": newKey(), "reason": "again"}},
			code: voltpay.ECONFLICT, msg: "already reversed"},
		{name: "ReverseReversal", query: valReverse,
			vars: map[string]any{"in": map[string]any{"entryId": reversal.ID, "idempotencyKey": newKey(), "reason": "undo the undo"}},
			code: voltpay.ECONFLICT, msg: "itself a reversal"},
		{name: "NegativeAmount", query: valSell, vars: valSale(acct.ID, -100),
			code: voltpay.EINVALID, field: "amountFen", msg: "positive"},
		{name: "ZeroAmount", query: valSell, vars: valSale(acct.ID, 0),
			code: voltpay.EINVALID, field: "amountFen", msg: "positive"},
		{name: "AbsurdAmount", query: valSell, vars: valSale(acct.ID, 100_000_001),
			code: voltpay.EINVALID, field: "amountFen", msg: "limit"},
		{name: "FloatAmountVariable", query: valSell, vars: valSale(acct.ID, 12.5),
			code: voltpay.EINVALID, field: "amountFen", msg: "integer"},
		{name: "FloatAmountLiteral",
			query: fmt.Sprintf(`mutation { sell(input: {accountId: %d, amountFen: 12.5, channel: cash, idempotencyKey: %q}) { id } }`, acct.ID, newKey()),
			code:  voltpay.EINVALID, field: "amountFen", msg: "integer"},
		{name: "StringAmount", query: valSell, vars: valSale(acct.ID, "ten yuan"),
			code: voltpay.EINVALID, field: "amountFen", msg: "integer"},
		{name: "UnknownAccount", query: valSell, vars: valSale(unknownID, 100),
			code: voltpay.ENOTFOUND, msg: "not found"},
		{name: "UnknownEntry", query: valReverse,
			vars: map[string]any{"in": map[string]any{"entryId": unknownID, "idempotencyKey": newKey(), "reason": "why not"}},
			code: voltpay.ENOTFOUND, msg: "not found"},
		{name: "MalformedPhone", query: `mutation($in: OpenAccountInput!) { openAccount(input: $in) { account { id } } }`,
			vars: map[string]any{"in": map[string]any{"account": map[string]any{"siteId": env.Site.ID, "tenantName": "坏电话", "phone": "12345"},
				"firstSale": map[string]any{"amountFen": 100, "channel": "cash", "idempotencyKey": newKey()}}},
			code: voltpay.EINVALID, field: "phone", msg: "13812345678"},
		{name: "UnknownChannel", query: valSell,
			vars: map[string]any{"in": map[string]any{"accountId": acct.ID, "amountFen": 100, "channel": "paypal", "idempotencyKey": newKey()}},
			code: voltpay.EINVALID, msg: "paypal"},
		{name: "UnknownChannelLiteral",
			query: fmt.Sprintf(`mutation { sell(input: {accountId: %d, amountFen: 100, channel: paypal, idempotencyKey: %q}) { id } }`, acct.ID, newKey()),
			code:  voltpay.EINVALID, msg: "paypal"},
		{name: "SyntaxError", query: `mutation { sell(input: { accountId: 1 { id }`,
			code: voltpay.EINVALID, msg: "expected"},
		{name: "UnknownField", query: valSell[:len(valSell)-4] + " color } }", vars: valSale(acct.ID, 100),
			code: voltpay.EINVALID, msg: "color"},
		{name: "ShortIdempotencyKey", query: valSell,
			vars: map[string]any{"in": map[string]any{"accountId": acct.ID, "amountFen": 100, "channel": "cash", "idempotencyKey": "abc"}},
			code: voltpay.EINVALID, field: "idempotencyKey", msg: "8 to 100"},
		{name: "BadCursor", query: `{ accounts(after: "garbage") { totalCount } }`,
			code: voltpay.EINVALID, field: "after", msg: "endCursor"},
		{name: "PageTooLarge", query: `{ accounts(first: 100000) { totalCount } }`,
			code: voltpay.EINVALID, field: "first", msg: "1000"},
		{name: "TooDeep", query: deep,
			code: voltpay.EINVALID, msg: "limit is 12"},
		{name: "TooComplex", query: `{ meters(first: 1000) { nodes { account { entries(first: 1000) { nodes { id amountFen } } } } } }`,
			code: voltpay.EINVALID, msg: "complexity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := valSnapshot(t, env, acct.ID, closed.ID)
			resp := admin.do(t, tt.query, tt.vars)
			if len(resp.Errors) == 0 {
				t.Fatalf("got no error (data %s), want %s", resp.Data, tt.code)
			}
			e := resp.Errors[0]
			if e.Extensions.Code != tt.code {
				t.Errorf("extensions.code: got %q (%q), want %q", e.Extensions.Code, e.Message, tt.code)
			}
			if e.Extensions.Field != tt.field {
				t.Errorf("extensions.field: got %q, want %q", e.Extensions.Field, tt.field)
			}
			if !strings.Contains(strings.ToLower(e.Message), strings.ToLower(tt.msg)) {
				t.Errorf("message %q does not contain %q", e.Message, tt.msg)
			}
			if strings.Contains(strings.ToLower(e.Message), "internal error") {
				t.Errorf("message %q: a bad request is not an internal error", e.Message)
			}
			if after := valSnapshot(t, env, acct.ID, closed.ID); after.String() != before.String() {
				t.Errorf("state changed:\n before %s\n after  %s", before, after)
			}
		})
	}

	t.Run("BodyTooLarge", func(t *testing.T) {
		before := valSnapshot(t, env, acct.ID)
		big := `{"query": "{ me { name } }", "variables": {"pad": "` + strings.Repeat("x", 2<<20) + `"}}`
		for _, chunked := range []bool{false, true} {
			var body io.Reader = strings.NewReader(big)
			if chunked { // no Content-Length: the limit must hold while reading
				body = io.MultiReader(strings.NewReader(big))
			}
			req, _ := http.NewRequest(http.MethodPost, env.Srv.URL+"/graphql", body)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+admin.bearer)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("POST (chunked=%v): %v", chunked, err)
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusRequestEntityTooLarge {
				t.Errorf("chunked=%v: got status %d (%.200s), want 413", chunked, resp.StatusCode, raw)
			}
		}
		if after := valSnapshot(t, env, acct.ID); after.String() != before.String() {
			t.Errorf("state changed:\n before %s\n after  %s", before, after)
		}
	})

	t.Run("MalformedJSONBody", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, env.Srv.URL+"/graphql", bytes.NewReader([]byte(`{"query": "{ me { name } }", `)))
		req.Header.Set("Content-Type", "application/json")
		resp := admin.send(t, req)
		if resp.Code() != voltpay.EINVALID {
			t.Errorf("got %d %+v, want INVALID_INPUT", resp.Status, resp.Errors)
		}
	})

	if strings.Contains(env.Log.String(), "internal error") {
		t.Errorf("bad input was logged as an internal error:\n%s", env.Log.String())
	}
}

// TestAPI_Idempotency retries sales with one idempotency key.
func TestAPI_Idempotency(t *testing.T) {
	env := newEnv(t)
	cashier := env.operator(t, voltpay.RoleCashier)
	acct := env.openAccount(t, 0)
	type entry struct {
		ID              string
		ReceiptNo       string
		AmountFen       int64
		BalanceAfterFen int64
	}
	sell := func(t *testing.T, key string, amount int64) *gqlResponse {
		return cashier.do(t, valSell, map[string]any{"in": map[string]any{"accountId": acct.ID, "amountFen": amount, "channel": "cash", "idempotencyKey": key}})
	}
	entriesWithKey := func(t *testing.T, key string) int {
		var n int
		if err := env.DB.GetContext(context.Background(), &n, `SELECT count(*) FROM ledger_entries WHERE idempotency_key = $1`, key); err != nil {
			t.Fatal(err)
		}
		return n
	}

	t.Run("SameRequestTwice", func(t *testing.T) {
		key := newKey()
		var first, second struct{ Sell entry }
		sell(t, key, 1000).Decode(t, &first)
		sell(t, key, 1000).Decode(t, &second)
		if first.Sell != second.Sell {
			t.Errorf("retry answered %+v, want the first answer %+v", second.Sell, first.Sell)
		}
		if n := entriesWithKey(t, key); n != 1 {
			t.Errorf("got %d entries with the key, want 1", n)
		}
		if b := valSnapshot(t, env, acct.ID).Balances[acct.ID]; b != 1000 {
			t.Errorf("balance: got %d, want 1000", b)
		}
	})

	t.Run("SameKeyOtherAmount", func(t *testing.T) {
		key := newKey()
		sell(t, key, 200).Decode(t, &struct{ Sell entry }{})
		before := valSnapshot(t, env, acct.ID)
		resp := sell(t, key, 300)
		if resp.Code() != voltpay.ECONFLICT || !strings.Contains(resp.Errors[0].Message, "idempotency key") {
			t.Errorf("got %+v, want CONFLICT about the idempotency key", resp.Errors)
		}
		if after := valSnapshot(t, env, acct.ID); after.String() != before.String() {
			t.Errorf("state changed:\n before %s\n after  %s", before, after)
		}
	})

	t.Run("Concurrent", func(t *testing.T) {
		key := newKey()
		before := valSnapshot(t, env, acct.ID)
		const n = 20
		got := make([]*gqlResponse, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { got[i] = sell(t, key, 777) })
		}
		wg.Wait()
		var want entry
		for i, resp := range got {
			var e struct{ Sell entry }
			resp.Decode(t, &e)
			if i == 0 {
				want = e.Sell
			} else if e.Sell != want {
				t.Errorf("request %d answered %+v, request 0 %+v", i, e.Sell, want)
			}
		}
		if n := entriesWithKey(t, key); n != 1 {
			t.Errorf("got %d entries with the key, want 1", n)
		}
		after := valSnapshot(t, env, acct.ID)
		if after.Balances[acct.ID] != before.Balances[acct.ID]+777 || after.Entries != before.Entries+1 {
			t.Errorf("want one sale of 777 fen:\n before %s\n after  %s", before, after)
		}
	})
}

// TestAPI_OpenCloseAccount opens an account with meters and a first sale,
// closes it (refunding the remainder), and replaces a meter, all through
// GraphQL.
func TestAPI_OpenCloseAccount(t *testing.T) {
	env := newEnv(t)
	cashier := env.operator(t, voltpay.RoleCashier)
	m1, m2 := env.createMeter(t, nil), env.createMeter(t, nil)

	type acctOut struct {
		ID         string
		Status     string
		BalanceFen int64
		ClosedAt   *string
		Meters     []struct{ ID string }
	}
	var opened struct {
		OpenAccount struct {
			Account acctOut
			Sale    struct {
				Type      string
				AmountFen int64
				ReceiptNo string
				Account   struct{ ID string }
			}
		}
	}
	cashier.do(t, `mutation($in: OpenAccountInput!) { openAccount(input: $in) {
			account { id status balanceFen closedAt meters { id } }
			sale { type amountFen receiptNo account { id } } } }`,
		map[string]any{"in": map[string]any{
			"account":   map[string]any{"siteId": env.Site.ID, "tenantName": "张记面馆", "shopNo": "B1-12", "phone": "+86 138 0013 8000"},
			"meterIds":  []int64{m1.ID, m2.ID},
			"firstSale": map[string]any{"amountFen": 8800, "channel": "wechat", "idempotencyKey": newKey()},
		}}).Decode(t, &opened)
	a, s := opened.OpenAccount.Account, opened.OpenAccount.Sale
	if a.Status != "open" || a.BalanceFen != 8800 || len(a.Meters) != 2 || a.ClosedAt != nil {
		t.Fatalf("opened account: got %+v", a)
	}
	if s.Type != "sale" || s.AmountFen != 8800 || s.ReceiptNo == "" || s.Account.ID != a.ID {
		t.Fatalf("first sale: got %+v", s)
	}
	var acctID int64
	fmt.Sscan(a.ID, &acctID)

	var closedRes struct {
		CloseAccount struct {
			Account acctOut
			Refund  struct {
				Type            string
				Channel         string
				AmountFen       int64
				BalanceAfterFen int64
			}
		}
	}
	cashier.do(t, `mutation($in: CloseAccountInput!) { closeAccount(input: $in) {
			account { id status balanceFen closedAt meters { id } }
			refund { type channel amountFen balanceAfterFen } } }`,
		map[string]any{"in": map[string]any{"accountId": a.ID, "channel": "cash", "idempotencyKey": newKey(), "note": "moved out"}}).Decode(t, &closedRes)
	c, r := closedRes.CloseAccount.Account, closedRes.CloseAccount.Refund
	if c.Status != "closed" || c.BalanceFen != 0 || c.ClosedAt == nil || len(c.Meters) != 0 {
		t.Errorf("closed account: got %+v", c)
	}
	if r.Type != "refund" || r.Channel != "cash" || r.AmountFen != -8800 || r.BalanceAfterFen != 0 {
		t.Errorf("final refund: got %+v, want -8800 fen in cash", r)
	}
	for _, m := range []*voltpay.Meter{m1, m2} {
		var got struct {
			Meter struct{ Account *struct{ ID string } }
		}
		cashier.do(t, `query($id: ID!) { meter(id: $id) { account { id } } }`, map[string]any{"id": m.ID}).Decode(t, &got)
		if got.Meter.Account != nil {
			t.Errorf("meter %d still attached to %s after closing", m.ID, got.Meter.Account.ID)
		}
	}
	before := valSnapshot(t, env, acctID)
	if resp := cashier.do(t, valSell, valSale(acctID, 100)); resp.Code() != voltpay.ECONFLICT {
		t.Errorf("sell to closed account: got %+v, want CONFLICT", resp.Errors)
	}
	if after := valSnapshot(t, env, acctID); after.String() != before.String() {
		t.Errorf("state changed:\n before %s\n after  %s", before, after)
	}

	t.Run("ReplaceMeter", func(t *testing.T) {
		manager := env.operator(t, voltpay.RoleManager)
		old, err := env.Res.MeterService.CreateMeter(sys(), voltpay.MeterInput{SiteID: env.Site.ID, Address: fmt.Sprintf("%012d", 600000000+next()),
			Protocol: voltpay.MeterProtocolDLT645, PrepaidMode: voltpay.PrepaidMeter, Floor: "2F", Room: "201"})
		if err != nil {
			t.Fatal(err)
		}
		nm := env.createMeter(t, nil)
		acct := env.openAccount(t, 3000, old.ID)
		in := map[string]any{"oldMeterId": old.ID, "newMeterId": nm.ID, "finalEnergyWh": 123456, "newStartEnergyWh": 10,
			"meterBalanceFen": 1500, "idempotencyKey": newKey()}
		const q = `mutation($in: ReplaceMeterInput!) { replaceMeter(input: $in) {
			meter { id status floor room prepaidMode lastEnergyWh account { id balanceFen meters { id } } }
			carried { type amountFen meter { id } } } }`
		type result struct {
			ReplaceMeter struct {
				Meter struct {
					ID           string
					Status       string
					Floor, Room  string
					PrepaidMode  string
					LastEnergyWh int64
					Account      struct {
						ID         string
						BalanceFen int64
						Meters     []struct{ ID string }
					}
				}
				Carried struct {
					Type      string
					AmountFen int64
					Meter     struct{ ID string }
				}
			}
		}
		var got result
		manager.do(t, q, map[string]any{"in": in}).Decode(t, &got)
		m, carried := got.ReplaceMeter.Meter, got.ReplaceMeter.Carried
		newID := fmt.Sprint(nm.ID)
		if m.ID != newID || m.Status != "active" || m.Floor != "2F" || m.Room != "201" || m.PrepaidMode != "meter" || m.LastEnergyWh != 10 {
			t.Errorf("new meter: got %+v", m)
		}
		if m.Account.ID != fmt.Sprint(acct.ID) || m.Account.BalanceFen != 3000 || len(m.Account.Meters) != 1 || m.Account.Meters[0].ID != newID {
			t.Errorf("account after replacement: got %+v, want balance 3000 with only meter %s", m.Account, newID)
		}
		if carried.Type != "transfer" || carried.AmountFen != 1500 || carried.Meter.ID != newID {
			t.Errorf("carried balance: got %+v", carried)
		}
		var oldGot struct {
			Meter struct {
				Status       string
				LastEnergyWh int64
				Account      *struct{ ID string }
				ReplacedBy   struct{ ID string }
			}
		}
		manager.do(t, `query($id: ID!) { meter(id: $id) { status lastEnergyWh account { id } replacedBy { id } } }`,
			map[string]any{"id": old.ID}).Decode(t, &oldGot)
		if o := oldGot.Meter; o.Status != "replaced" || o.LastEnergyWh != 123456 || o.Account != nil || o.ReplacedBy.ID != newID {
			t.Errorf("old meter: got %+v", o)
		}

		// A retry answers the same; another replacement of the old meter is refused.
		var again result
		manager.do(t, q, map[string]any{"in": in}).Decode(t, &again)
		if again.ReplaceMeter.Meter.ID != newID || again.ReplaceMeter.Carried != carried {
			t.Errorf("retry: got %+v, want %+v", again.ReplaceMeter, got.ReplaceMeter)
		}
		third := env.createMeter(t, nil)
		before := valSnapshot(t, env, acct.ID)
		resp := manager.do(t, q, map[string]any{"in": map[string]any{"oldMeterId": old.ID, "newMeterId": third.ID, "finalEnergyWh": 123456, "idempotencyKey": newKey()}})
		if resp.Code() != voltpay.ECONFLICT {
			t.Errorf("replace a replaced meter: got %+v, want CONFLICT", resp.Errors)
		}
		if after := valSnapshot(t, env, acct.ID); after.String() != before.String() {
			t.Errorf("state changed:\n before %s\n after  %s", before, after)
		}
	})
}
