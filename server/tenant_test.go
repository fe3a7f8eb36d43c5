package main

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/generated"
)

// tenantFixture is two accounts of one site, A and B, each with meters and
// ledger entries; A's first meter hangs on a gateway.
type tenantFixture struct {
	A, B             *voltpay.Account
	MetersA, MetersB []string // ids as the API writes them
	EntriesA         []string
	EntriesB         []string
	ReceiptB         string
	Unassigned       *voltpay.Meter
	GatewayMeter     *voltpay.Meter
}

func tenantID(id int64) string { return strconv.FormatInt(id, 10) }

// tenantSetup builds the fixture through the services, as the system.
func tenantSetup(t *testing.T, env *testEnv) *tenantFixture {
	t.Helper()
	n := next()
	gw, err := env.Res.SiteService.CreateGateway(sys(), voltpay.GatewayInput{SiteID: env.Site.ID, Name: fmt.Sprintf("租户测试管理机 %d", n),
		Endpoint: fmt.Sprintf("10.%d.%d.%d:4001", 200+n%50, (n/50)%250, n%250), Protocol: voltpay.ProtocolDLT645})
	if err != nil {
		t.Fatalf("create gateway: %v", err)
	}
	onGW, err := env.Res.MeterService.CreateMeter(sys(), voltpay.MeterInput{SiteID: env.Site.ID, GatewayID: &gw.ID,
		Address: fmt.Sprintf("%012d", 600000000+next()), Protocol: voltpay.MeterProtocolDLT645, Model: "DDSY1352"})
	if err != nil {
		t.Fatalf("create meter on gateway: %v", err)
	}
	a2, b1 := env.createMeter(t, nil), env.createMeter(t, nil)
	fx := &tenantFixture{GatewayMeter: onGW, Unassigned: env.createMeter(t, nil),
		MetersA: []string{tenantID(onGW.ID), tenantID(a2.ID)}, MetersB: []string{tenantID(b1.ID)}}
	fx.A = env.openAccount(t, 5000, onGW.ID, a2.ID)
	fx.B = env.openAccount(t, 7000, b1.ID)
	for _, s := range []voltpay.SaleInput{
		{AccountID: fx.A.ID, AmountFen: 1500, Channel: voltpay.ChannelCash, IdempotencyKey: newKey(), MeterID: &onGW.ID},
		{AccountID: fx.B.ID, AmountFen: 2500, Channel: voltpay.ChannelCash, IdempotencyKey: newKey(), MeterID: &b1.ID},
	} {
		if _, err := env.Res.LedgerService.Sell(sys(), s); err != nil {
			t.Fatalf("sell: %v", err)
		}
	}
	for _, acct := range []*voltpay.Account{fx.A, fx.B} {
		p, err := env.Res.LedgerService.FindEntries(sys(), voltpay.LedgerFilter{AccountID: &acct.ID})
		if err != nil || len(p.Items) != 2 {
			t.Fatalf("entries of account %d: %v (%d entries, want 2)", acct.ID, err, len(p.Items))
		}
		for _, e := range p.Items {
			if acct == fx.A {
				fx.EntriesA = append(fx.EntriesA, tenantID(e.ID))
			} else {
				fx.EntriesB = append(fx.EntriesB, tenantID(e.ID))
				fx.ReceiptB = e.ReceiptNo
			}
		}
	}
	return fx
}

// tenantNodes is a connection's ids and total.
type tenantNodes struct {
	TotalCount int
	Nodes      []struct {
		ID      string
		Account *struct{ ID string }
		Gateway *struct{ ID string }
	}
}

func (c tenantNodes) ids() []string {
	out := []string{}
	for _, n := range c.Nodes {
		out = append(out, n.ID)
	}
	sort.Strings(out)
	return out
}

func tenantSorted(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return out
}

// tenantNoLeak fails when any of got is in other.
func tenantNoLeak(t *testing.T, what string, got, other []string) {
	t.Helper()
	for _, id := range got {
		if slices.Contains(other, id) {
			t.Errorf("%s: tenant of A sees %s of account B", what, id)
		}
	}
}

// tenantRefused checks that resp is a single error with code want and no data.
func tenantRefused(t *testing.T, what string, resp *gqlResponse, want string) {
	t.Helper()
	if resp.Code() != want {
		t.Errorf("%s: got code %q (%+v), want %s", what, resp.Code(), resp.Errors, want)
	}
	if s := string(resp.Data); s != "" && s != "null" && !strings.HasSuffix(s, ":null}") {
		t.Errorf("%s: refused, yet data came back: %s", what, s)
	}
}

// TestTenant_Isolation checks that a tenant sees their own account, its
// meters and entries, and nothing of any other account; that every
// mutation is refused to them; and that the site's network and lists are
// hidden from them.
func TestTenant_Isolation(t *testing.T) {
	env := newEnv(t)
	fx := tenantSetup(t, env)
	tenant := env.tenant(t, fx.A.ID)
	manager := env.operator(t, voltpay.RoleManager)
	idA, idB := tenantID(fx.A.ID), tenantID(fx.B.ID)

	t.Run("Me", func(t *testing.T) {
		var got struct {
			Me struct {
				Kind        string
				Permissions []string
				Account     struct {
					ID      string
					Meters  []struct{ ID string }
					Entries tenantNodes
				}
			}
		}
		tenant.do(t, `{ me { kind permissions account { id meters { id } entries(first: 100) { totalCount nodes { id } } } } }`, nil).Decode(t, &got)
		if got.Me.Kind != "tenant" || got.Me.Account.ID != idA {
			t.Fatalf("me: got kind %q account %q, want tenant of %s", got.Me.Kind, got.Me.Account.ID, idA)
		}
		if !slices.Equal(got.Me.Permissions, []string{string(voltpay.PermReadAccounts), string(voltpay.PermRecharge)}) {
			t.Errorf("me.permissions: got %v, want [read_accounts recharge]", got.Me.Permissions)
		}
		var meters []string
		for _, m := range got.Me.Account.Meters {
			meters = append(meters, m.ID)
		}
		if !slices.Equal(tenantSorted(meters), tenantSorted(fx.MetersA)) {
			t.Errorf("me.account.meters: got %v, want %v", meters, fx.MetersA)
		}
		if ids := got.Me.Account.Entries.ids(); !slices.Equal(ids, tenantSorted(fx.EntriesA)) {
			t.Errorf("me.account.entries: got %v, want %v", ids, fx.EntriesA)
		}
	})

	t.Run("Account", func(t *testing.T) {
		var got struct {
			Account struct {
				ID         string
				BalanceFen int64
			}
		}
		tenant.do(t, `query($id: ID!) { account(id: $id) { id balanceFen } }`, map[string]any{"id": idA}).Decode(t, &got)
		if got.Account.ID != idA || got.Account.BalanceFen != 6500 {
			t.Errorf("account(A): got %+v, want id %s balance 6500", got.Account, idA)
		}
		wantHidden(t, "account(B)", tenant.do(t, `query($id: ID!) { account(id: $id) { id balanceFen tenantName } }`,
			map[string]any{"id": idB}))
	})

	t.Run("Accounts", func(t *testing.T) {
		for _, c := range []struct {
			name   string
			filter map[string]any
			want   []string
		}{
			{"NoFilter", nil, []string{idA}},
			{"Site", map[string]any{"siteId": env.Site.ID}, []string{idA}},
			{"SearchB", map[string]any{"search": fx.B.TenantName}, []string{}},
			{"BalanceMax", map[string]any{"balanceMaxFen": 100_000_000}, []string{idA}},
		} {
			t.Run(c.name, func(t *testing.T) {
				var got struct{ Accounts tenantNodes }
				tenant.do(t, `query($f: AccountFilter) { accounts(filter: $f, first: 100) { totalCount nodes { id } } }`,
					map[string]any{"f": c.filter}).Decode(t, &got)
				if ids := got.Accounts.ids(); !slices.Equal(ids, c.want) || got.Accounts.TotalCount != len(c.want) {
					t.Errorf("accounts: got %v (totalCount %d), want %v", ids, got.Accounts.TotalCount, c.want)
				}
			})
		}
	})

	t.Run("Meters", func(t *testing.T) {
		for _, c := range []struct {
			name   string
			filter map[string]any
			want   []string
		}{
			{"NoFilter", nil, tenantSorted(fx.MetersA)},
			{"AccountB", map[string]any{"accountId": idB}, tenantSorted(fx.MetersA)},
			{"Unassigned", map[string]any{"unassigned": true}, []string{}},
			{"Site", map[string]any{"siteId": env.Site.ID}, tenantSorted(fx.MetersA)},
		} {
			t.Run(c.name, func(t *testing.T) {
				var got struct{ Meters tenantNodes }
				tenant.do(t, `query($f: MeterFilter) { meters(filter: $f, first: 100) { totalCount nodes { id account { id } gateway { id } } } }`,
					map[string]any{"f": c.filter}).Decode(t, &got)
				ids := got.Meters.ids()
				tenantNoLeak(t, "meters", ids, fx.MetersB)
				if !slices.Equal(ids, c.want) || got.Meters.TotalCount != len(c.want) {
					t.Errorf("meters: got %v (totalCount %d), want %v", ids, got.Meters.TotalCount, c.want)
				}
				for _, n := range got.Meters.Nodes {
					if n.Account == nil || n.Account.ID != idA {
						t.Errorf("meter %s: account %+v, want %s", n.ID, n.Account, idA)
					}
					if n.Gateway != nil {
						t.Errorf("meter %s: tenant sees gateway %s", n.ID, n.Gateway.ID)
					}
				}
			})
		}
	})

	t.Run("Meter", func(t *testing.T) {
		var got struct{ Meter struct{ ID string } }
		tenant.do(t, `query($id: ID!) { meter(id: $id) { id } }`, map[string]any{"id": fx.MetersA[1]}).Decode(t, &got)
		if got.Meter.ID != fx.MetersA[1] {
			t.Errorf("meter(A's): got %q", got.Meter.ID)
		}
		wantHidden(t, "meter(B's)", tenant.do(t, `query($id: ID!) { meter(id: $id) { id address } }`,
			map[string]any{"id": fx.MetersB[0]}))
		wantHidden(t, "meter(unassigned)", tenant.do(t, `query($id: ID!) { meter(id: $id) { id address } }`,
			map[string]any{"id": fx.Unassigned.ID}))
	})

	t.Run("GatewayHidden", func(t *testing.T) {
		q := `query($id: ID!) { meter(id: $id) { id gateway { id host } } }`
		vars := map[string]any{"id": fx.GatewayMeter.ID}
		var asManager, asTenant struct {
			Meter struct{ Gateway *struct{ ID string } }
		}
		manager.do(t, q, vars).Decode(t, &asManager)
		if asManager.Meter.Gateway == nil {
			t.Fatal("meter.gateway is null for a manager too: the fixture meter has no gateway")
		}
		tenant.do(t, q, vars).Decode(t, &asTenant)
		if asTenant.Meter.Gateway != nil {
			t.Errorf("meter.gateway: tenant sees gateway %s, want null", asTenant.Meter.Gateway.ID)
		}
	})

	t.Run("LedgerEntries", func(t *testing.T) {
		for _, c := range []struct {
			name   string
			filter map[string]any
			want   []string
		}{
			{"NoFilter", nil, tenantSorted(fx.EntriesA)},
			// The service replaces a tenant's accountId filter by their own account.
			{"AccountB", map[string]any{"accountId": idB}, tenantSorted(fx.EntriesA)},
			{"MeterB", map[string]any{"meterId": fx.MetersB[0]}, []string{}},
			{"ReceiptB", map[string]any{"receiptNo": fx.ReceiptB}, []string{}},
		} {
			t.Run(c.name, func(t *testing.T) {
				resp := tenant.do(t, `query($f: LedgerFilter) { ledgerEntries(filter: $f, first: 100) { totalCount nodes { id account { id } } } }`,
					map[string]any{"f": c.filter})
				if resp.Code() == voltpay.EFORBIDDEN {
					return // refusing is as good as confining
				}
				var got struct{ LedgerEntries tenantNodes }
				resp.Decode(t, &got)
				ids := got.LedgerEntries.ids()
				tenantNoLeak(t, "ledgerEntries", ids, fx.EntriesB)
				for _, n := range got.LedgerEntries.Nodes {
					if n.Account == nil || n.Account.ID != idA {
						t.Errorf("entry %s: account %+v, want %s", n.ID, n.Account, idA)
					}
				}
				if !slices.Equal(ids, c.want) || got.LedgerEntries.TotalCount != len(c.want) {
					t.Errorf("ledgerEntries: got %v (totalCount %d), want %v", ids, got.LedgerEntries.TotalCount, c.want)
				}
			})
		}
	})

	t.Run("LedgerEntry", func(t *testing.T) {
		var got struct{ LedgerEntry struct{ ID string } }
		tenant.do(t, `query($id: ID!) { ledgerEntry(id: $id) { id } }`, map[string]any{"id": fx.EntriesA[0]}).Decode(t, &got)
		if got.LedgerEntry.ID != fx.EntriesA[0] {
			t.Errorf("ledgerEntry(A's): got %q", got.LedgerEntry.ID)
		}
		for _, id := range fx.EntriesB {
			wantHidden(t, "ledgerEntry(B's)", tenant.do(t, `query($id: ID!) { ledgerEntry(id: $id) { id amountFen } }`,
				map[string]any{"id": id}))
		}
	})

	t.Run("SiteHidden", func(t *testing.T) {
		for _, q := range []string{
			`{ gateways { totalCount } }`, `{ buildings { totalCount } }`, `{ tariffs { totalCount } }`,
			`{ auditLog { totalCount } }`, `{ sites { id } }`, `{ operators { totalCount } }`, `{ apiKeys { totalCount } }`,
		} {
			tenantRefused(t, q, tenant.do(t, q, nil), voltpay.EFORBIDDEN)
		}
	})

	t.Run("MutationsForbidden", func(t *testing.T) {
		tenantMutations(t, env, tenant, fx)
	})
}

// tenantMutations tries every mutation but recharging as the tenant, first
// with the matrix's samples, then aimed at the tenant's own account, and
// checks that each is FORBIDDEN and changed nothing.
func tenantMutations(t *testing.T, env *testEnv, tenant *client, fx *tenantFixture) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	afx := &authzFixtures{Site: env.Site.ID, Account: fx.A.ID}
	for _, f := range schema.Mutation.Fields {
		if f.Name == "login" || f.Name == "logout" || f.Name == "changePassword" {
			continue // public, and for any signed-in caller (a tenant changes their own password: TestConsole_ChangePassword)
		}
		if f.Name == "createRechargeOrder" {
			continue // a tenant recharges their own account (TestRechargeAPI: never another's)
		}
		if sample := authzSamples["Mutation."+f.Name]; sample.tenantOnly || slices.Contains([]string{"requestSignInCode", "signInWithCode", "signInWithWechat"}, f.Name) {
			continue // the tenant app's own (TestTenantApp_*)
		}
		if f.Name == "setNotificationSettings" || f.Name == "kioskSignIn" {
			continue // a tenant's own warnings (TestNotifications_Permissions); the kiosk's public sign-in (TestKiosk_*)
		}
		sample, ok := authzSamples["Mutation."+f.Name]
		if !ok {
			t.Errorf("mutation %s has no sample in authzSamples", f.Name)
			continue
		}
		tenantRefused(t, f.Name, tenant.do(t, sample.query, sample.vars(afx)), voltpay.EFORBIDDEN)
	}

	idA, idB := tenantID(fx.A.ID), tenantID(fx.B.ID)
	own := []struct {
		query string
		vars  map[string]any
	}{
		{`mutation($in: SaleInput!) { sell(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"accountId": idA, "amountFen": 100000, "channel": "wechat", "idempotencyKey": newKey()}}},
		{`mutation($in: RefundInput!) { refund(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"accountId": idA, "amountFen": 100, "channel": "cash", "idempotencyKey": newKey()}}},
		{`mutation($in: ReverseInput!) { reverseEntry(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"entryId": fx.EntriesA[0], "idempotencyKey": newKey(), "reason": "tenant"}}},
		{`mutation($in: TransferInput!) { transferBalance(input: $in) { out { id } } }`, map[string]any{"in": map[string]any{
			"fromAccountId": idB, "toAccountId": idA, "amountFen": 100, "idempotencyKey": newKey()}}},
		{`mutation($in: CloseAccountInput!) { closeAccount(input: $in) { account { id } } }`, map[string]any{"in": map[string]any{
			"accountId": idA, "channel": "cash", "idempotencyKey": newKey()}}},
		{`mutation($id: ID!, $in: AccountInput!) { updateAccount(id: $id, input: $in) { id } }`, map[string]any{"id": idA,
			"in": map[string]any{"siteId": env.Site.ID, "tenantName": "改名", "phone": "13800138000", "alarm1Fen": 0, "alarm2Fen": 0}}},
		{`mutation($a: ID!, $m: ID!) { attachMeter(accountId: $a, meterId: $m) { id } }`, map[string]any{"a": idA, "m": fx.Unassigned.ID}},
		{`mutation($a: ID!, $m: ID!) { detachMeter(accountId: $a, meterId: $m) { id } }`, map[string]any{"a": idA, "m": fx.MetersA[1]}},
		{`mutation($in: ReplaceMeterInput!) { replaceMeter(input: $in) { meter { id } } }`, map[string]any{"in": map[string]any{
			"oldMeterId": fx.MetersA[1], "newMeterId": fx.Unassigned.ID, "finalEnergyWh": 1000, "idempotencyKey": newKey()}}},
		{`mutation($a: ID!) { createTenantUser(accountId: $a, phone: "13912345678", password: "tenant-password-2") { id } }`,
			map[string]any{"a": idA}},
		{`mutation { createApiKey(name: "mine", scopes: [read_accounts]) { secret } }`, nil},
	}
	for _, m := range own {
		tenantRefused(t, m.query, tenant.do(t, m.query, m.vars), voltpay.EFORBIDDEN)
	}

	// Nothing moved.
	for _, c := range []struct {
		acct *voltpay.Account
		want voltpay.Fen
	}{{fx.A, 6500}, {fx.B, 9500}} {
		a, err := env.Res.AccountService.FindAccountByID(sys(), c.acct.ID)
		if err != nil || a.BalanceFen != c.want || a.Status != "open" || a.TenantName != c.acct.TenantName {
			t.Errorf("account %d after the tenant's attempts: %+v, %v; want open, balance %d, name unchanged", c.acct.ID, a, err, c.want)
		}
	}
	if m, err := env.Res.MeterService.FindMeterByID(sys(), fx.Unassigned.ID); err != nil || m.AccountID != nil {
		t.Errorf("unassigned meter after the tenant's attempts: %+v, %v", m, err)
	}
}
