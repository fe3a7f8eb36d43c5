package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// The office kiosk's sign-in (kioskSignIn) over the API: the kiosk key,
// right and wrong checks, the limits, and a kiosk session that sees its
// one account and nothing else, however its requests are edited.

const testKioskKey = "kiosk-key-for-tests"

const mKiosk = `mutation($d: String!, $s: String!, $c: String!) { kioskSignIn(device: $d, shop: $s, check: $c) {
	token expiresAt principal { kind id name kiosk account { id balanceFen } } } }`

type kioskAnswer struct {
	KioskSignIn struct {
		Token     string
		ExpiresAt time.Time
		Principal struct {
			Kind, ID, Name string
			Kiosk          bool
			Account        *struct {
				ID         string
				BalanceFen int64
			}
		}
	}
}

// withKiosk turns env's kiosk on and returns its auth service.
func withKiosk(env *testEnv) *postgres.AuthService {
	a := env.Res.AuthService.(*postgres.AuthService)
	a.KioskKey = testKioskKey
	return a
}

// kioskAccount opens an account with a shop number and phone of its own.
func kioskAccount(t *testing.T, env *testEnv, phone string) *voltpay.Account {
	t.Helper()
	a, _, err := env.Res.AccountService.OpenAccount(sys(), voltpay.OpenAccountInput{Account: voltpay.AccountInput{SiteID: env.Site.ID,
		TenantName: fmt.Sprintf("商户 %d", next()), ShopNo: fmt.Sprintf("k-%d", next()), Phone: phone},
		FirstSale: &voltpay.SaleInput{AmountFen: 12345, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}})
	if err != nil {
		t.Fatalf("open account: %v", err)
	}
	return a
}

func TestKiosk_SignIn(t *testing.T) {
	env := newEnv(t)
	auth := withKiosk(env)
	anon := env.anonymous()
	mine := kioskAccount(t, env, "13912345678")
	other := kioskAccount(t, env, "13987654321")
	manager := env.operator(t, voltpay.RoleManager)
	vars := func(device, shop, check string) map[string]any {
		return map[string]any{"d": device, "s": shop, "c": check}
	}

	t.Run("ErrNotAKiosk", func(t *testing.T) {
		wantError(t, "no key", anon.do(t, mKiosk, vars("", mine.ShopNo, "5678")), voltpay.EUNAUTHENTICATED, "not a kiosk")
		wantError(t, "a wrong key", anon.do(t, mKiosk, vars("guess", mine.ShopNo, "5678")), voltpay.EUNAUTHENTICATED, "not a kiosk")
		auth.KioskKey = ""
		wantError(t, "the kiosk off", anon.do(t, mKiosk, vars("", mine.ShopNo, "5678")), voltpay.EUNAVAILABLE, "VOLTPAY_KIOSK_KEY")
		auth.KioskKey = testKioskKey
	})
	t.Run("ErrWrongCheck", func(t *testing.T) {
		wantError(t, "another account's digits", anon.do(t, mKiosk, vars(testKioskKey, mine.ShopNo, "4321")), voltpay.EUNAUTHENTICATED, "do not match")
		wantError(t, "an unknown shop", anon.do(t, mKiosk, vars(testKioskKey, "no-such-shop", "5678")), voltpay.EUNAUTHENTICATED, "do not match")
		wantError(t, "an empty check", anon.do(t, mKiosk, vars(testKioskKey, mine.ShopNo, " ")), voltpay.EINVALID)
		wantError(t, "an overlong shop", anon.do(t, mKiosk, vars(testKioskKey, strings.Repeat("A", 33), "5678")), voltpay.EINVALID)
	})

	var got kioskAnswer
	anon.do(t, mKiosk, vars(testKioskKey, strings.ToUpper(mine.ShopNo), "5678")).Decode(t, &got)
	p := got.KioskSignIn.Principal
	if p.Kind != "tenant" || !p.Kiosk || p.ID != "0" || p.Name != "kiosk:"+mine.No || p.Account == nil ||
		p.Account.ID != fmt.Sprint(mine.ID) || p.Account.BalanceFen != 12345 {
		t.Fatalf("kioskSignIn by shop number and phone digits = %+v", got)
	}
	if d := time.Until(got.KioskSignIn.ExpiresAt); d <= 0 || d > voltpay.KioskSessionMaxAge {
		t.Fatalf("the kiosk session ends in %s, want at most %s", d, voltpay.KioskSessionMaxAge)
	}
	kiosk := &client{env: env, bearer: got.KioskSignIn.Token}

	// The binding code, by account number, works too.
	var byCode kioskAnswer
	anon.do(t, mKiosk, vars(testKioskKey, mine.No, strings.ToLower(bindingCode(t, manager, mine.ID)))).Decode(t, &byCode)
	if a := byCode.KioskSignIn.Principal.Account; a == nil || a.ID != fmt.Sprint(mine.ID) {
		t.Fatalf("kioskSignIn by account number and binding code = %+v", byCode)
	}

	t.Run("OnlyItsAccount", func(t *testing.T) {
		var own struct{ Account struct{ ID string } }
		kiosk.do(t, `query($id: ID!) { account(id: $id) { id } }`, map[string]any{"id": mine.ID}).Decode(t, &own)
		if own.Account.ID != fmt.Sprint(mine.ID) {
			t.Fatalf("its own account: %+v", own)
		}
		// Reads of another account answer nothing of it (null, or the kiosk's own
		// account only, as for any tenant); what would act on it is refused.
		now := time.Now().UTC().Format(time.RFC3339)
		for _, q := range []struct {
			name, query string
			vars        map[string]any
			refused     bool
		}{
			{"another account", `query($id: ID!) { account(id: $id) { id balanceFen } }`, map[string]any{"id": other.ID}, false},
			{"another account's use", `query($id: ID!, $t: Time!) { energyUsage(scope: account, id: $id, from: "2026-01-01T00:00:00Z", to: $t, interval: month) { energyWh } }`,
				map[string]any{"id": other.ID, "t": now}, false},
			{"the accounts list", `{ accounts(first: 5) { nodes { id } } }`, nil, false},
			{"another's recharge", `mutation($id: ID!) { createRechargeOrder(input: {accountId: $id, amountFen: 5000, channel: wechat, method: qr}) { id } }`,
				map[string]any{"id": other.ID}, true},
			{"switch to another", `mutation($id: ID!) { switchAccount(accountId: $id) { kind } }`, map[string]any{"id": other.ID}, true},
			{"bind another", `mutation($no: String!) { bindAccount(accountNumber: $no, check: {bindingCode: "AAAAAAAA"}) { id } }`, map[string]any{"no": other.No}, true},
			{"list bound", `{ tenantAccounts { id } }`, nil, true},
			{"a password", `mutation { changePassword(currentPassword: "x", newPassword: "another-password-1") }`, nil, true},
			{"the operators list", `{ operators(first: 5) { nodes { id } } }`, nil, true},
		} {
			resp := kiosk.do(t, q.query, q.vars)
			if strings.Contains(string(resp.Data), fmt.Sprintf(`"id":"%d"`, other.ID)) || strings.Contains(string(resp.Data), `"energyWh"`) ||
				(q.refused && len(resp.Errors) == 0) {
				t.Errorf("%s: answered %s %+v; want nothing of account %d (refused: %v)", q.name, resp.Data, resp.Errors, other.ID, q.refused)
			}
		}
	})

	t.Run("Audited", func(t *testing.T) {
		var args string
		if err := env.DB.GetContext(sys(), &args, `SELECT coalesce(string_agg(args::text, ' '), '') FROM audit_log WHERE operation = 'kioskSignIn'`); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(args, mine.ShopNo) || strings.Contains(args, "5678") || strings.Contains(args, testKioskKey) {
			t.Fatalf("the audit log's kioskSignIn args %s: want the shop, never the check or the key", args)
		}
	})

	t.Run("ShortLived", func(t *testing.T) {
		if _, err := env.DB.ExecContext(sys(), `UPDATE sessions SET created_at = created_at - $1::interval WHERE kiosk`,
			fmt.Sprintf("%d seconds", int(voltpay.KioskSessionMaxAge.Seconds())+1)); err != nil {
			t.Fatal(err)
		}
		wantError(t, "after its maximum age", kiosk.do(t, `{ me { kind } }`, nil), voltpay.EUNAUTHENTICATED, "maximum age")
		bc := &client{env: env, bearer: byCode.KioskSignIn.Token}
		bc.do(t, `mutation { logout }`, nil)
		wantError(t, "after logout", bc.do(t, `{ me { kind } }`, nil), voltpay.EUNAUTHENTICATED)
	})
}

// TestKiosk_Limits: wrong checks lock a shop at the kiosk (the right
// check too, until it unlocks), and one address may try only so often.
func TestKiosk_Limits(t *testing.T) {
	env := newEnv(t)
	auth := withKiosk(env)
	a := kioskAccount(t, env, "13911112222")
	ctx := context.Background()
	try := func(ip, check string) error {
		_, err := auth.KioskSignIn(ctx, voltpay.KioskSignInInput{Device: testKioskKey, Shop: a.ShopNo, Check: check, IP: ip})
		return err
	}

	t.Run("LockedAfterWrongChecks", func(t *testing.T) {
		for i := range 5 {
			if err := try(fmt.Sprintf("198.51.100.%d", i), "0000"); voltpay.ErrorCode(err) != voltpay.EUNAUTHENTICATED {
				t.Fatalf("wrong check %d: %v", i+1, err)
			}
		}
		err := try("198.51.100.99", "2222")
		if voltpay.ErrorCode(err) != voltpay.EUNAUTHENTICATED || !strings.Contains(voltpay.ErrorMessage(err), "locked") {
			t.Fatalf("the right check after 5 wrong ones, from elsewhere: %v; want locked", err)
		}
		// By account number too: the lock is the account's, not the word typed.
		_, err = auth.KioskSignIn(ctx, voltpay.KioskSignInInput{Device: testKioskKey, Shop: a.No, Check: "2222", IP: "198.51.100.98"})
		if !strings.Contains(voltpay.ErrorMessage(err), "locked") {
			t.Fatalf("the right check by account number: %v; want locked", err)
		}
	})
	t.Run("PerAddress", func(t *testing.T) {
		b := kioskAccount(t, env, "13933334444")
		for i := range 20 {
			_, err := auth.KioskSignIn(ctx, voltpay.KioskSignInInput{Device: testKioskKey, Shop: b.ShopNo, Check: "4444", IP: "192.0.2.50"})
			if err != nil {
				t.Fatalf("try %d from one address: %v", i+1, err)
			}
		}
		_, err := auth.KioskSignIn(ctx, voltpay.KioskSignInInput{Device: testKioskKey, Shop: b.ShopNo, Check: "4444", IP: "192.0.2.50"})
		if voltpay.ErrorCode(err) != voltpay.EUNAUTHENTICATED || !strings.Contains(voltpay.ErrorMessage(err), "too many tries") {
			t.Fatalf("the 21st try from one address: %v", err)
		}
	})
	t.Run("ErrSharedShopNumber", func(t *testing.T) {
		for range 2 {
			if _, _, err := env.Res.AccountService.OpenAccount(sys(), voltpay.OpenAccountInput{Account: voltpay.AccountInput{SiteID: env.Site.ID,
				TenantName: "同号商户", ShopNo: "SHARED-1", Phone: "13955556666"}}); err != nil {
				t.Fatal(err)
			}
		}
		_, err := auth.KioskSignIn(ctx, voltpay.KioskSignInInput{Device: testKioskKey, Shop: "shared-1", Check: "6666", IP: "192.0.2.60"})
		if voltpay.ErrorCode(err) != voltpay.ECONFLICT || !strings.Contains(voltpay.ErrorMessage(err), "account number") {
			t.Fatalf("a shop number two accounts share: %v", err)
		}
	})
}
