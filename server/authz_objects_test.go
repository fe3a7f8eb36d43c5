package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/graph/generated"
)

// movedMeterFixture is issue 10's finding 3 set up twice: meter MA moved
// from tenant A's account (then closed) to tenant B's new account, and
// meter MC moved from tenant C's account (still open) to B's. A's and C's
// ledgers name their old meter, and each meter has readings and an alarm
// raised under its old account. B's account carries markers that must
// never reach A or C.
type movedMeterFixture struct {
	Tariff                     *voltpay.Tariff
	MeterA, MeterC             *voltpay.Meter
	AccountA, AccountB, AcctC  *voltpay.Account
	TenantA, TenantC           *client
	EntryA, EntryC, EntryB     int64 // entries naming MA, MC; B's first sale
	Command                    int64 // a command to MC
	BName, BPhone, BNote, BBal string
	// BCode is B's binding code, which no tenant may read.
	BCode string
}

// newMovedMeterFixture builds the fixture in env's site.
func newMovedMeterFixture(t *testing.T, env *testEnv) *movedMeterFixture {
	t.Helper()
	ctx := sys()
	n := next()
	fx := &movedMeterFixture{BName: fmt.Sprintf("乙商户BMARK%d", n), BPhone: fmt.Sprintf("137%08d", 40000000+n),
		BNote: fmt.Sprintf("BNOTE%dX", n), BBal: "7770133"}
	var err error
	fx.Tariff, err = env.Res.TariffService.CreateTariff(ctx, voltpay.TariffInput{SiteID: env.Site.ID, Name: fmt.Sprintf("移表 %d", n),
		Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 8523}})
	if err != nil {
		t.Fatal(err)
	}
	fx.MeterA, fx.MeterC = env.createMeter(t, &fx.Tariff.ID), env.createMeter(t, &fx.Tariff.ID)

	// A and C keep a balance per meter, so their sales name the meter.
	open := func(m *voltpay.Meter) (*voltpay.Account, int64) {
		a, sale, err := env.Res.AccountService.OpenAccount(ctx, voltpay.OpenAccountInput{MeterIDs: []int64{m.ID},
			Account: voltpay.AccountInput{SiteID: env.Site.ID, TenantName: fmt.Sprintf("前商户 %d", next()), Phone: "13800138000",
				BalanceMode: voltpay.BalancePerMeter},
			FirstSale: &voltpay.SaleInput{AmountFen: 10000, Channel: voltpay.ChannelCash, IdempotencyKey: newKey(), MeterID: &m.ID}})
		if err != nil || sale == nil {
			t.Fatalf("open account: %v", err)
		}
		return a, sale.ID
	}
	fx.AccountA, fx.EntryA = open(fx.MeterA)
	fx.AcctC, fx.EntryC = open(fx.MeterC)
	fx.TenantA, fx.TenantC = env.tenant(t, fx.AccountA.ID), env.tenant(t, fx.AcctC.ID)

	// Readings, then an outage: an offline alarm under the old accounts.
	offline := func(at time.Time) {
		for _, m := range []*voltpay.Meter{fx.MeterA, fx.MeterC} {
			if _, err := env.Res.ReadingService.RecordReadings(ctx, []*voltpay.Reading{{MeterID: m.ID, ReadAt: at, EnergyWh: 1000}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := env.Res.ReadingService.MarkOffline(ctx, []int64{fx.MeterA.ID, fx.MeterC.ID}); err != nil {
			t.Fatal(err)
		}
	}
	offline(time.Now().Add(-time.Hour))

	// A's account closes (its meter leaves with it); C's meter is detached.
	if _, err := env.Res.AccountService.CloseAccount(ctx, voltpay.CloseAccountInput{AccountID: fx.AccountA.ID,
		Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}); err != nil {
		t.Fatalf("close A: %v", err)
	}
	if _, err := env.Res.LedgerService.Refund(ctx, voltpay.RefundInput{AccountID: fx.AcctC.ID, AmountFen: 10000,
		Channel: voltpay.ChannelCash, IdempotencyKey: newKey(), MeterID: &fx.MeterC.ID}); err != nil {
		t.Fatalf("refund C's meter: %v", err)
	}
	if _, err := env.Res.AccountService.DetachMeter(ctx, fx.AcctC.ID, fx.MeterC.ID); err != nil {
		t.Fatalf("detach C's meter: %v", err)
	}

	// B opens with both meters, and the meters go offline again under B.
	b, sale, err := env.Res.AccountService.OpenAccount(ctx, voltpay.OpenAccountInput{MeterIDs: []int64{fx.MeterA.ID, fx.MeterC.ID},
		Account:   voltpay.AccountInput{SiteID: env.Site.ID, TenantName: fx.BName, Phone: fx.BPhone, Note: fx.BNote},
		FirstSale: &voltpay.SaleInput{AmountFen: 7770133, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}})
	if err != nil {
		t.Fatalf("open B: %v", err)
	}
	fx.AccountB, fx.EntryB = b, sale.ID
	if err := env.DB.GetContext(ctx, &fx.BCode, `SELECT binding_code FROM accounts WHERE id = $1`, b.ID); err != nil {
		t.Fatal(err)
	}
	offline(time.Now())
	cmd, err := env.Res.CommandService.EnqueueCommand(ctx, voltpay.CommandInput{MeterID: fx.MeterC.ID, Kind: voltpay.CmdTimeSync, IdempotencyKey: newKey()})
	if err != nil {
		t.Fatal(err)
	}
	fx.Command = cmd.ID
	return fx
}

// leaks returns the markers of B's account that raw contains.
func (fx *movedMeterFixture) leaks(raw []byte) []string {
	var out []string
	for _, m := range []string{fx.BName, fx.BPhone, fx.BNote, fx.BBal, fx.AccountB.No, fx.BCode} {
		if strings.Contains(string(raw), m) {
			out = append(out, m)
		}
	}
	return out
}

// TestSecurity_MovedMeterNestedRead is finding 3: a former tenant read the
// account that a meter moved to through nested objects. A (account closed)
// must be signed out; C (account open) must be refused each nested object
// of B's, with FORBIDDEN, and see none of B's data.
func TestSecurity_MovedMeterNestedRead(t *testing.T) {
	env := newEnv(t)
	fx := newMovedMeterFixture(t, env)
	const account = `account { id no tenantName phone note balanceFen }`
	queries := map[string]string{
		"ledgerEntries": `{ ledgerEntries(first: 50) { nodes { id meter { id balanceFen ` + account + ` } } } }`,
		"alarms":        `query($m: ID) { alarms(first: 50, filter: {meterId: $m}) { nodes { id meter { id ` + account + ` } } } }`,
		"activeAlarms":  `{ me { account { meters { id } entries(first: 50) { nodes { meter { activeAlarms { id ` + account + ` } } } } } } }`,
		"ledgerEntry":   `query($e: ID!) { ledgerEntry(id: $e) { id meter { id replacedBy { id } ` + account + ` } } }`,
	}
	for _, tc := range []struct {
		name           string
		tenant         *client
		meter, entry   int64
		want, wantNull string
	}{
		{"ClosedAccount", fx.TenantA, fx.MeterA.ID, fx.EntryA, voltpay.EUNAUTHENTICATED, ""},
		{"MeterDetached", fx.TenantC, fx.MeterC.ID, fx.EntryC, voltpay.EFORBIDDEN, "meter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for name, q := range queries {
				resp := tc.tenant.do(t, q, map[string]any{"m": tc.meter, "e": tc.entry})
				raw, _ := json.Marshal(resp.Errors)
				if leaks := fx.leaks(append(raw, resp.Data...)); len(leaks) > 0 {
					t.Errorf("%s: the former tenant reads B's %v: %s", name, leaks, resp.Data)
				}
				if name == "activeAlarms" && tc.want == voltpay.EFORBIDDEN {
					continue // C's own meters have no alarms; the meter is refused first
				}
				if resp.Code() != tc.want {
					t.Errorf("%s: got %q %+v, want %s", name, resp.Code(), resp.Errors, tc.want)
				}
				if tc.wantNull != "" && len(resp.Errors) > 0 && resp.Errors[0].Path[len(resp.Errors[0].Path)-1] != tc.wantNull {
					t.Errorf("%s: refused at %v, want at the meter", name, resp.Errors[0].Path)
				}
			}
		})
	}
	// The closed account's tenant cannot sign in again either, and is told why.
	resp := env.anonymous().do(t, `mutation($p: String!) { login(username: $p, password: "tenant-password", tenant: true) { token } }`,
		map[string]any{"p": tenantPhone(t, env, fx.AccountA.ID)})
	if resp.Code() != voltpay.EUNAUTHENTICATED || !strings.Contains(resp.Errors[0].Message, "closed") {
		t.Errorf("login of a closed account's tenant: got %+v, want UNAUTHENTICATED saying the account is closed", resp.Errors)
	}
}

// tenantPhone returns the phone of accountID's tenant login.
func tenantPhone(t *testing.T, env *testEnv, accountID int64) string {
	t.Helper()
	var phone string
	if err := env.DB.GetContext(sys(), &phone, `SELECT phone FROM tenant_users WHERE account_id = $1`, accountID); err != nil {
		t.Fatal(err)
	}
	return phone
}

// TestSecurity_NestedReadSite is finding 3's second half: an API key of
// read_accounts read a meter's gateway, site and tariff (read_site data)
// through nested fields; a sell key read the account of its sale.
func TestSecurity_NestedReadSite(t *testing.T) {
	env := newEnv(t)
	g, err := env.Res.SiteService.CreateGateway(sys(), voltpay.GatewayInput{SiteID: env.Site.ID, Name: "嵌套网关",
		Endpoint: fmt.Sprintf("10.7.%d.%d:4001", next()%256, next()%256), Protocol: voltpay.ProtocolDLT645,
		ProxyURL: "socks5://agent:SECRET@10.0.0.9:1080"})
	if err != nil {
		t.Fatal(err)
	}
	tariff, err := env.Res.TariffService.CreateTariff(sys(), voltpay.TariffInput{SiteID: env.Site.ID, Name: fmt.Sprintf("嵌套 %d", next()),
		Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 8523}})
	if err != nil {
		t.Fatal(err)
	}
	m, err := env.Res.MeterService.CreateMeter(sys(), voltpay.MeterInput{SiteID: env.Site.ID, Address: fmt.Sprintf("%012d", 600000000+next()),
		Protocol: voltpay.MeterProtocolDLT645, GatewayID: &g.ID, TariffID: &tariff.ID})
	if err != nil {
		t.Fatal(err)
	}
	acct := env.openAccount(t, 100, m.ID)
	key := env.apiKey(t, voltpay.PermReadAccounts)
	for _, f := range []string{"gateway { id name endpoint }", "site { id name }", "tariff { id name }", "building { id }",
		"account { site { id name } }"} {
		resp := key.do(t, `query($id: ID!) { meter(id: $id) { id `+f+` } }`, map[string]any{"id": m.ID})
		if strings.Contains(string(resp.Data), env.Site.Name) || strings.Contains(string(resp.Data), g.Name) || strings.Contains(string(resp.Data), tariff.Name) {
			t.Errorf("read_accounts key reads meter { %s }: %s", f, resp.Data)
		}
		if f != "building { id }" && resp.Code() != voltpay.EFORBIDDEN { // the meter has no building: nothing withheld
			t.Errorf("meter { %s }: got %q %+v, want FORBIDDEN", f, resp.Code(), resp.Errors)
		}
	}
	// A key with the scope still reads them.
	var ok struct {
		Meter struct{ Gateway, Tariff struct{ ID string } }
	}
	env.apiKey(t, voltpay.PermReadAccounts, voltpay.PermReadSite).do(t, `query($id: ID!) { meter(id: $id) { gateway { id } tariff { id } } }`,
		map[string]any{"id": m.ID}).Decode(t, &ok)
	if ok.Meter.Gateway.ID != fmt.Sprint(g.ID) || ok.Meter.Tariff.ID != fmt.Sprint(tariff.ID) {
		t.Errorf("read_accounts+read_site key: got %+v", ok)
	}

	// A sell key sees the entry its sale made, not the account behind it.
	sell := env.apiKey(t, voltpay.PermSell)
	in := valSale(acct.ID, 100)
	var sold struct{ Sell struct{ ID string } }
	sell.do(t, `mutation($in: SaleInput!) { sell(input: $in) { id } }`, in).Decode(t, &sold)
	resp := sell.do(t, `mutation($in: SaleInput!) { sell(input: $in) { id account { tenantName phone } } }`, valSale(acct.ID, 100))
	if resp.Code() != voltpay.EFORBIDDEN || strings.Contains(string(resp.Data), acct.TenantName) {
		t.Errorf("sell { account }: got %+v %s, want FORBIDDEN without the account", resp.Errors, resp.Data)
	}
}

// authzWalkArgs gives each root query the arguments it is walked with,
// from the moved-meter fixture; several sets walk it several times.
// TestAuthz_ObjectWalk fails when a query of the schema has none.
var authzWalkArgs = map[string]func(fx *movedMeterFixture) []string{
	"me":              noArgs,
	"tenantAccounts":  noArgs,
	"operators":       noArgs,
	"apiKeys":         noArgs,
	"sites":           noArgs,
	"paymentChannels": noArgs,
	"account": func(fx *movedMeterFixture) []string {
		return []string{fmt.Sprintf("(id: %d)", fx.AccountB.ID), fmt.Sprintf("(id: %d)", fx.AcctC.ID)}
	},
	"accounts": firstArgs,
	"ledgerEntry": func(fx *movedMeterFixture) []string {
		return []string{fmt.Sprintf("(id: %d)", fx.EntryC), fmt.Sprintf("(id: %d)", fx.EntryB)}
	},
	"ledgerEntries": func(fx *movedMeterFixture) []string {
		return []string{"(first: 5)", fmt.Sprintf("(first: 5, filter: {meterId: %d})", fx.MeterC.ID)}
	},
	"alarms": func(fx *movedMeterFixture) []string {
		return []string{"(first: 5)", fmt.Sprintf("(first: 5, filter: {meterId: %d})", fx.MeterC.ID)}
	},
	"meter": func(fx *movedMeterFixture) []string {
		return []string{fmt.Sprintf("(id: %d)", fx.MeterC.ID)}
	},
	"meters":    firstArgs,
	"buildings": firstArgs,
	"gateways":  firstArgs,
	"tariff": func(fx *movedMeterFixture) []string {
		return []string{fmt.Sprintf("(id: %d)", fx.Tariff.ID)}
	},
	"tariffs": firstArgs,
	"command": func(fx *movedMeterFixture) []string {
		return []string{fmt.Sprintf("(id: %d)", fx.Command)}
	},
	"commands":         firstArgs,
	"controlSchedules": noArgs,
	"apportionGroups":  noArgs,
	"apportionRuns": func(*movedMeterFixture) []string {
		return []string{"(groupId: " + authzUnknownID + ")"}
	},
	"apportionGroup": func(*movedMeterFixture) []string {
		return []string{"(id: " + authzUnknownID + ")"}
	},
	"apportionRun": func(*movedMeterFixture) []string {
		return []string{"(id: " + authzUnknownID + ")"}
	},
	"rechargeOrder": func(*movedMeterFixture) []string {
		return []string{"(id: " + authzUnknownID + ")"}
	},
	"rechargeOrders": firstArgs,
	"rechargeStatement": func(*movedMeterFixture) []string {
		return []string{`(channel: wechat, day: "2026-01-01")`}
	},
	"auditLog": firstArgs,
	"salesSummary": func(*movedMeterFixture) []string {
		return []string{fmt.Sprintf("(from: %q, to: %q)", time.Now().Add(-24*time.Hour).Format(time.RFC3339), time.Now().Add(time.Hour).Format(time.RFC3339))}
	},
	"energyUsage": func(fx *movedMeterFixture) []string {
		from, to := time.Now().Add(-48*time.Hour).Format(time.RFC3339), time.Now().Add(time.Hour).Format(time.RFC3339)
		var out []string
		for _, s := range []struct {
			scope string
			id    int64
		}{{"meter", fx.MeterC.ID}, {"meter", fx.MeterA.ID}, {"account", fx.AcctC.ID}, {"account", fx.AccountB.ID}} {
			out = append(out, fmt.Sprintf("(scope: %s, id: %d, from: %q, to: %q, interval: hour)", s.scope, s.id, from, to))
		}
		return out
	},
	"energyReport": func(fx *movedMeterFixture) []string {
		return []string{fmt.Sprintf(`(siteId: %d, groupBy: account, from: "2026-01-01", to: "2026-02-01")`, fx.MeterA.SiteID)}
	},
	"accountStatement": func(fx *movedMeterFixture) []string {
		month := time.Now().In(time.FixedZone("CST", 8*3600)).Format("2006-01")
		return []string{fmt.Sprintf("(accountId: %d, month: %q)", fx.AcctC.ID, month), fmt.Sprintf("(accountId: %d, month: %q)", fx.AccountB.ID, month)}
	},
	"meterStatusCounts": noArgs,
	"roles":             noArgs,
	// The notification outbox.
	"notifications": func(fx *movedMeterFixture) []string {
		return []string{"(first: 5)", fmt.Sprintf("(first: 5, filter: {accountId: %d})", fx.AccountB.ID)}
	},
	"notificationSettings": func(fx *movedMeterFixture) []string {
		// Omitted: a tenant's current account (staff must name one).
		return []string{fmt.Sprintf("(accountId: %d)", fx.AcctC.ID), fmt.Sprintf("(accountId: %d)", fx.AccountB.ID)}
	},
	"previewNotificationTemplate": func(*movedMeterFixture) []string {
		return []string{`(kind: alarm1, text: "{account} {balance}")`}
	},
	"smsStatus": noArgs,
	// The reports: staff's, whatever a tenant's session asks.
	"arrearsReport":   noArgs,
	"arrearsAccounts": noArgs,
	"meterSnapshot": func(fx *movedMeterFixture) []string {
		return []string{fmt.Sprintf("(first: 5, filter: {siteId: %d})", fx.MeterA.SiteID)}
	},
	"offlineMeters": func(fx *movedMeterFixture) []string {
		return []string{fmt.Sprintf("(first: 5, filter: {siteId: %d})", fx.MeterA.SiteID)}
	},
	"offlineSummary": func(fx *movedMeterFixture) []string {
		return []string{fmt.Sprintf("(filter: {siteId: %d})", fx.MeterA.SiteID)}
	},
	"alarmStats": func(*movedMeterFixture) []string {
		return []string{fmt.Sprintf("(filter: {from: %q, to: %q})", time.Now().Add(-48*time.Hour).Format(time.RFC3339), time.Now().Add(time.Hour).Format(time.RFC3339))}
	},
	"alarmDailyCounts": func(*movedMeterFixture) []string {
		return []string{fmt.Sprintf("(filter: {from: %q, to: %q})", time.Now().Add(-48*time.Hour).Format(time.RFC3339), time.Now().Add(time.Hour).Format(time.RFC3339))}
	},
	"apportionStatement": func(*movedMeterFixture) []string {
		return []string{"(runId: " + authzUnknownID + ")"}
	},
	"apportionStatementLines": func(*movedMeterFixture) []string {
		return []string{"(filter: {runId: " + authzUnknownID + "})"}
	},
	"salesReport": func(*movedMeterFixture) []string {
		return []string{`(filter: {from: "2026-01-01", to: "2026-02-01", period: day})`}
	},
	"dailySettlement": func(*movedMeterFixture) []string {
		return []string{`(filter: {day: "2026-01-01"})`}
	},
	"chargesReport": func(*movedMeterFixture) []string {
		return []string{`(filter: {from: "2026-01-01", to: "2026-02-01", period: month})`}
	},
}

func noArgs(*movedMeterFixture) []string    { return []string{""} }
func firstArgs(*movedMeterFixture) []string { return []string{"(first: 5)"} }

// authzWalkDepth bounds the walk: levels of objects below a root field
// (pages and other wrappers do not count).
const authzWalkDepth = 4

// authzSelection returns the selection set of every field of typ, objects
// to depth more levels, each object with its __typename. A type appears
// at most twice on a path, so the walk stays finite and small.
func authzSelection(s *ast.Schema, typ string, depth int, path map[string]int) string {
	def := s.Types[typ]
	var b strings.Builder
	b.WriteString("{ __typename")
	path[typ]++
	defer func() { path[typ]-- }()
	for _, f := range def.Fields {
		if strings.HasPrefix(f.Name, "__") {
			continue
		}
		args := ""
		for _, a := range f.Arguments {
			if a.Name == "first" {
				args = "(first: 3)"
			} else if a.Type.NonNull && a.DefaultValue == nil {
				panic(fmt.Sprintf("the walk cannot fill required argument %s.%s(%s)", typ, f.Name, a.Name))
			}
		}
		ft := s.Types[f.Type.Name()]
		if ft.Kind != ast.Object {
			b.WriteString(" " + f.Name + args)
			continue
		}
		d := depth
		if !graph.IsWrapper(ft.Name) {
			d--
		}
		if d < 0 || path[ft.Name] >= 2 {
			continue
		}
		b.WriteString(" " + f.Name + args + " " + authzSelection(s, ft.Name, d, path))
	}
	b.WriteString(" }")
	return b.String()
}

// authzWalkQueries returns the walk's queries, by root field.
func authzWalkQueries(t *testing.T, s *ast.Schema, fx *movedMeterFixture) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, f := range s.Query.Fields {
		if strings.HasPrefix(f.Name, "__") {
			continue
		}
		args, ok := authzWalkArgs[f.Name]
		if !ok {
			t.Errorf("Query.%s has no arguments in authzWalkArgs: add them so the object walk covers it", f.Name)
			continue
		}
		sel := ""
		if s.Types[f.Type.Name()].Kind == ast.Object {
			sel = authzSelection(s, f.Type.Name(), authzWalkDepth, map[string]int{})
		}
		for _, a := range args(fx) {
			out[f.Name] = append(out[f.Name], "{ "+f.Name+a+" "+sel+" }")
		}
	}
	return out
}

// authzForbidden walks an answer and returns the objects in it that p may
// not see by the object rules ("Type at path").
func authzForbidden(p *voltpay.Principal, v any, path string, nested bool) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		typ, _ := x["__typename"].(string)
		if typ != "" && !graph.MaySee(p, typ, nested) {
			out = append(out, typ+" at "+path)
		}
		childNested := nested || (typ != "" && !graph.IsWrapper(typ))
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, authzForbidden(p, x[k], path+"."+k, childNested)...)
		}
	case []any:
		for i, it := range x {
			out = append(out, authzForbidden(p, it, fmt.Sprintf("%s[%d]", path, i), nested)...)
		}
	}
	return out
}

// TestAuthz_ObjectWalk walks every path from every root query, to
// authzWalkDepth objects deep with every field selected, as the tenant
// whose meter moved to B's account, as the tenant whose account closed,
// and as an API key of each single scope. It fails when a tenant's answer
// holds any of B's data, or an answer holds an object the caller may not
// see by graph/guard_policy.go, or the server fails (INTERNAL).
func TestAuthz_ObjectWalk(t *testing.T) {
	// Every field of every object to four levels is far more than a
	// client's budget allows in one document; the walk is about who sees
	// what, so its server allows it.
	env := newEnv(t, func(c *config) { c.MaxFields, c.MaxTokens, c.MaxComplexity = 1_000_000, 1_000_000, 1<<50 })
	fx := newMovedMeterFixture(t, env)
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	queries := authzWalkQueries(t, schema, fx)
	if t.Failed() {
		t.FailNow()
	}
	callers := []authzCaller{
		{name: "tenant_meter_moved", client: fx.TenantC, principal: &voltpay.Principal{Kind: voltpay.PrincipalTenant, AccountID: fx.AcctC.ID}},
		{name: "tenant_account_closed", client: fx.TenantA, principal: &voltpay.Principal{Kind: voltpay.PrincipalTenant, AccountID: fx.AccountA.ID}},
	}
	// A person bound to two accounts (C's, and D's by its binding code),
	// D current: neither binding reaches B, and C's objects are refused
	// while D is current, however the ids are edited.
	d := env.openAccount(t, 100)
	twice := env.tenant(t, fx.AcctC.ID)
	var dCode string
	if err := env.DB.GetContext(sys(), &dCode, `SELECT binding_code FROM accounts WHERE id = $1`, d.ID); err != nil {
		t.Fatal(err)
	}
	twice.do(t, `mutation($no: String!, $c: String!) { bindAccount(accountNumber: $no, check: {bindingCode: $c}) { id } }`,
		map[string]any{"no": d.No, "c": dCode}).Decode(t, &struct{}{})
	callers = append(callers, authzCaller{name: "tenant_bound_twice", client: twice,
		principal: &voltpay.Principal{Kind: voltpay.PrincipalTenant, AccountID: d.ID}})
	// A person who signed up by a texted code and is bound to nothing: no
	// current account, which must never read as "every account".
	unbound, _ := signInByCode(t, env, withFakeSMS(t, env), newMobile())
	callers = append(callers, authzCaller{name: "tenant_unbound", client: unbound,
		principal: &voltpay.Principal{Kind: voltpay.PrincipalTenant}})
	for _, perm := range voltpay.AllPermissions {
		callers = append(callers, authzCaller{name: "apikey_" + string(perm), client: env.apiKey(t, perm),
			principal: &voltpay.Principal{Kind: voltpay.PrincipalAPIKey, Scopes: []voltpay.Permission{perm}}})
	}
	fields := make([]string, 0, len(queries))
	for f := range queries {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, c := range callers {
		t.Run(c.name, func(t *testing.T) {
			for _, f := range fields {
				for _, q := range queries[f] {
					resp := c.client.do(t, q, nil)
					for _, e := range resp.Errors {
						if e.Extensions.Code == voltpay.EINTERNAL || e.Extensions.Code == voltpay.EINVALID {
							t.Errorf("%s: %s %q at %v\nquery: %s", f, e.Extensions.Code, e.Message, e.Path, q)
						}
					}
					if c.principal.IsTenant() {
						if leaks := fx.leaks(resp.Data); len(leaks) > 0 {
							t.Errorf("%s: the tenant reads B's %v: %s", f, leaks, resp.Data)
						}
					}
					var data any
					if err := json.Unmarshal(resp.Data, &data); err != nil && len(resp.Data) > 0 {
						t.Fatalf("%s: %v", f, err)
					}
					for _, o := range authzForbidden(c.principal, data, "data", false) {
						t.Errorf("%s: the answer holds %s, which the caller may not see", f, o)
					}
				}
			}
		})
	}
}
