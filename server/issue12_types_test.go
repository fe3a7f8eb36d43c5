package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	voltpay "github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/generated"
)

// partialUpdateTariff creates a tou tariff with surcharge tiers, renames it
// with name only (prices, periods, tiers and billing period kept), empties
// the tiers with tiers: [] and billingPeriod: null (periods kept), and
// expects name: null refused with the field named.
func partialUpdateTariff(t *testing.T, e *testEnv, admin *client) {
	const sel = "name kind prices { rate price } periods { start rate } tiers { upToWh price } billingPeriod"
	var created struct {
		CreateTariff struct {
			ID string `json:"id"`
		} `json:"createTariff"`
	}
	full := map[string]any{"siteId": e.Site.ID, "name": fmt.Sprintf("部分峰谷 %d", next()), "kind": "tou",
		"prices":        []any{map[string]any{"rate": "peak", "price": "1.2"}, map[string]any{"rate": "valley", "price": "0.4"}},
		"periods":       []any{map[string]any{"start": "08:00", "rate": "peak"}, map[string]any{"start": "22:00", "rate": "valley"}},
		"tiers":         []any{map[string]any{"upToWh": 100000, "price": "0"}, map[string]any{"price": "0.05"}},
		"billingPeriod": "month"}
	admin.do(t, `mutation($in: TariffInput!) { createTariff(input: $in) { id } }`, map[string]any{"in": full}).Decode(t, &created)
	var id int64
	fmt.Sscan(created.CreateTariff.ID, &id)
	name := full["name"].(string) + "新"
	after := checkPartial(t, admin, "updateTariff", sel, id, map[string]any{}, map[string]any{"name": name})
	if after["name"] != name {
		t.Errorf("name not changed: %v", after)
	}
	after = checkPartial(t, admin, "updateTariff", sel, id, map[string]any{}, map[string]any{"tiers": []any{}, "billingPeriod": nil})
	if tiers, _ := after["tiers"].([]any); len(tiers) != 0 || after["billingPeriod"] != nil {
		t.Errorf("tiers: [] and billingPeriod: null should drop the tiers, got %v", after)
	}
	for _, f := range []string{"name", "kind"} {
		r := admin.do(t, fmt.Sprintf(`mutation($id: ID!) { updateTariff(id: $id, input: {%s: null}) { id } }`, f), map[string]any{"id": id})
		if r.Code() != "INVALID_INPUT" || r.Errors[0].Extensions.Field != f {
			t.Errorf("%s: null must be refused with INVALID_INPUT naming %s, got %+v", f, f, r.Errors)
		}
	}
	// Creation still needs its three fields.
	r := admin.do(t, `mutation($s: ID!) { createTariff(input: {siteId: $s, kind: flat, prices: [{rate: flat, price: "1"}]}) { id } }`,
		map[string]any{"s": e.Site.ID})
	if r.Code() != "INVALID_INPUT" || r.Errors[0].Extensions.Field != "name" {
		t.Errorf("createTariff without name must be refused naming name, got %+v", r.Errors)
	}
}

// TestIssue12_ClosedSetsAreEnums: fields and filters that hold a closed set
// of values are enums, so that a misspelt filter is refused instead of
// silently matching nothing.
func TestIssue12_ClosedSetsAreEnums(t *testing.T) {
	s := generated.NewExecutableSchema(generated.Config{}).Schema()
	for field, enum := range map[string]string{
		"OrderRefund.state": "RefundState", "ControlResult.code": "ErrorCode",
		"AuditEntry.actorKind": "ActorKind", "AuditFilter.actorKind": "ActorKind",
	} {
		typ, name, _ := strings.Cut(field, ".")
		f := s.Types[typ].Fields.ForName(name)
		if f == nil || f.Type.Name() != enum || s.Types[enum].Kind != ast.Enum {
			t.Errorf("%s must be of enum %s, got %v", field, enum, f)
		}
	}
	// ErrorCode lists exactly the codes errors carry.
	codes := []string{voltpay.EUNAUTHENTICATED, voltpay.EFORBIDDEN, voltpay.ENOTFOUND, voltpay.EINVALID,
		voltpay.ECONFLICT, voltpay.EINSUFFICIENT_BALANCE, voltpay.EUNAVAILABLE, voltpay.EINTERNAL}
	var values []string
	for _, v := range s.Types["ErrorCode"].EnumValues {
		values = append(values, v.Name)
	}
	if !slices.Equal(values, codes) {
		t.Errorf("ErrorCode values %v, want the error codes %v", values, codes)
	}

	e := newEnv(t)
	a := e.openAccount(t, 0)
	name := fmt.Sprintf("enum key %d", next())
	_, secret, err := e.Res.AuthService.CreateAPIKey(sys(), name, []voltpay.Permission{voltpay.PermSell})
	if err != nil {
		t.Fatal(err)
	}
	key := &client{env: e, bearer: secret}
	key.do(t, `mutation($in: SaleInput!) { sell(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"accountId": a.ID, "amountFen": 100, "channel": "cash", "idempotencyKey": newKey()}}).Decode(t, &struct{}{})

	auditor := e.operator(t, voltpay.RoleAdmin)
	const q = `query($k: ActorKind) { auditLog(filter: {actorKind: $k, operation: "sell"}, first: 1000) { nodes { actorKind actorName } } }`
	if r := auditor.do(t, q, map[string]any{"k": "api_key"}); len(r.Errors) == 0 {
		t.Errorf("actorKind api_key (no such kind) must be refused, got %s", r.Data)
	}
	var got struct {
		AuditLog struct {
			Nodes []struct{ ActorKind, ActorName string }
		}
	}
	auditor.do(t, q, map[string]any{"k": "apikey"}).Decode(t, &got)
	found := false
	for _, n := range got.AuditLog.Nodes {
		found = found || n.ActorName == name
		if n.ActorKind != "apikey" {
			t.Errorf("actorKind apikey matched an entry of kind %s", n.ActorKind)
		}
	}
	if !found {
		t.Errorf("actorKind apikey did not find the key's sale: %+v", got.AuditLog.Nodes)
	}
}

// TestIssue12_DateScalar: calendar dates are the Date scalar, in and out;
// another spelling or an impossible day is refused with INVALID_INPUT
// naming the field.
func TestIssue12_DateScalar(t *testing.T) {
	s := generated.NewExecutableSchema(generated.Config{}).Schema()
	for _, field := range []string{"Site.friendlyHolidays", "SiteInput.friendlyHolidays", "StatementDiff.day"} {
		typ, name, _ := strings.Cut(field, ".")
		if f := s.Types[typ].Fields.ForName(name); f == nil || f.Type.Name() != "Date" {
			t.Errorf("%s must be of scalar Date, got %v", field, f)
		}
	}
	if a := s.Query.Fields.ForName("rechargeStatement").Arguments.ForName("day"); a.Type.Name() != "Date" {
		t.Errorf("rechargeStatement(day:) must be a Date, got %s", a.Type)
	}

	e := newEnv(t)
	admin := e.operator(t, voltpay.RoleAdmin)
	const upd = `mutation($id: ID!, $d: [Date!]!) { updateSite(id: $id, input: {friendlyHolidays: $d}) { friendlyHolidays } }`
	var got struct {
		UpdateSite struct{ FriendlyHolidays []string }
	}
	admin.do(t, upd, map[string]any{"id": e.Site.ID, "d": []string{"2026-10-02", "2026-10-01"}}).Decode(t, &got)
	if !slices.Equal(got.UpdateSite.FriendlyHolidays, []string{"2026-10-01", "2026-10-02"}) {
		t.Errorf("friendlyHolidays: got %v", got.UpdateSite.FriendlyHolidays)
	}
	for _, bad := range []string{"2026-02-30", "2026-1-5", "2026/10/01", "2026-10-01T00:00:00Z"} {
		r := admin.do(t, upd, map[string]any{"id": e.Site.ID, "d": []string{bad}})
		if r.Code() != "INVALID_INPUT" || r.Errors[0].Extensions.Field != "friendlyHolidays" {
			t.Errorf("holiday %q: got %+v, want INVALID_INPUT naming friendlyHolidays", bad, r.Errors)
		}
		r = admin.do(t, `query($d: Date!) { rechargeStatement(channel: wechat, day: $d) { problem } }`, map[string]any{"d": bad})
		if r.Code() != "INVALID_INPUT" || r.Errors[0].Extensions.Field != "day" {
			t.Errorf("day %q: got %+v, want INVALID_INPUT naming day", bad, r.Errors)
		}
	}
}

// TestIssue12_MeterFilterAssigned: unassigned true lists the meters on no
// account, false those on an account, omitted or null all of them.
func TestIssue12_MeterFilterAssigned(t *testing.T) {
	e := newEnv(t)
	free, held := e.createMeter(t, nil), e.createMeter(t, nil)
	e.openAccount(t, 0, held.ID)
	admin := e.operator(t, voltpay.RoleAdmin)
	const q = `query($f: MeterFilter) { meters(filter: $f, first: 100) { nodes { id } } }`
	ids := func(f map[string]any) []string {
		var got struct {
			Meters struct{ Nodes []struct{ ID string } }
		}
		admin.do(t, q, map[string]any{"f": f}).Decode(t, &got)
		var out []string
		for _, n := range got.Meters.Nodes {
			out = append(out, n.ID)
		}
		return out
	}
	both := []string{fmt.Sprint(free.ID), fmt.Sprint(held.ID)}
	for name, c := range map[string]struct {
		f    map[string]any
		want []string
	}{
		"true":    {map[string]any{"siteId": e.Site.ID, "unassigned": true}, both[:1]},
		"false":   {map[string]any{"siteId": e.Site.ID, "unassigned": false}, both[1:]},
		"null":    {map[string]any{"siteId": e.Site.ID, "unassigned": nil}, both},
		"omitted": {map[string]any{"siteId": e.Site.ID}, both},
	} {
		if got := ids(c.f); !slices.Equal(got, c.want) {
			t.Errorf("unassigned %s: got %v, want %v", name, got, c.want)
		}
	}
}

// wantHidden fails unless resp answers its one lookup with null and no
// error: what a missing id, or another account's object asked for by a
// tenant, gets.
func wantHidden(t *testing.T, what string, resp *gqlResponse) {
	t.Helper()
	var data map[string]any
	if len(resp.Errors) > 0 || json.Unmarshal(resp.Data, &data) != nil || len(data) != 1 {
		t.Errorf("%s: want null without an error, got %s %+v", what, resp.Data, resp.Errors)
		return
	}
	for field, v := range data {
		if v != nil {
			t.Errorf("%s: want %s null, got %v", what, field, v)
		}
	}
}

// TestIssue12_LookupsNullable: the by-id lookups are nullable: a missing
// id answers null for its field alone, without an error, and the sibling
// fields keep their data; a tenant asking for another account's object
// gets the same answer as for a missing one.
func TestIssue12_LookupsNullable(t *testing.T) {
	s := generated.NewExecutableSchema(generated.Config{}).Schema()
	for _, f := range s.Query.Fields {
		if a := f.Arguments.ForName("id"); a != nil && a.Type.NonNull && s.Types[f.Type.Name()].Kind == ast.Object && f.Type.NonNull {
			t.Errorf("Query.%s(id:) returns %s: a lookup by id must be nullable", f.Name, f.Type)
		}
	}

	e := newEnv(t)
	m := e.createMeter(t, nil)
	a := e.openAccount(t, 500, m.ID)
	otherMeter := e.createMeter(t, nil).ID
	other := e.openAccount(t, 700, otherMeter)
	admin := e.operator(t, voltpay.RoleAdmin)
	const missing = "987654321099"
	var got struct {
		Missing *struct{ ID string }
		Present *struct{ ID string }
	}
	for _, lookup := range []string{"account", "meter", "ledgerEntry", "tariff", "command", "rechargeOrder"} {
		r := admin.do(t, fmt.Sprintf(`query($id: ID!, $m: ID!) { missing: %s(id: $id) { id } present: meter(id: $m) { id } }`, lookup),
			map[string]any{"id": missing, "m": m.ID})
		r.Decode(t, &got)
		if got.Missing != nil || got.Present == nil || got.Present.ID != fmt.Sprint(m.ID) {
			t.Errorf("%s(missing) beside meter: got %s, want null beside the meter", lookup, r.Data)
		}
	}

	tenant := e.tenant(t, a.ID)
	var entries struct {
		LedgerEntries struct{ Nodes []struct{ ID string } }
	}
	admin.do(t, `query($a: ID!) { ledgerEntries(filter: {accountId: $a}, first: 1) { nodes { id } } }`,
		map[string]any{"a": other.ID}).Decode(t, &entries)
	for what, q := range map[string]map[string]any{
		"account": {"id": other.ID}, "meter": {"id": otherMeter}, "ledgerEntry": {"id": entries.LedgerEntries.Nodes[0].ID},
	} {
		query := fmt.Sprintf(`query($id: ID!) { %s(id: $id) { id } }`, what)
		hidden := tenant.do(t, query, q)
		wantHidden(t, "tenant's "+what+" of another account", hidden)
		absent := tenant.do(t, query, map[string]any{"id": missing})
		if string(hidden.Data) != string(absent.Data) || len(hidden.Errors) != len(absent.Errors) {
			t.Errorf("%s: another account's answers %s %+v, a missing one %s %+v: a tenant must not tell them apart",
				what, hidden.Data, hidden.Errors, absent.Data, absent.Errors)
		}
	}
}

// timeShape is the one shape of every Time the API writes.
var timeShape = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)

// TestIssue12_TimePrecision: timestamps of different fields all leave as
// UTC with six fractional digits, and one read back as a filter bound
// (from) still finds its own row.
func TestIssue12_TimePrecision(t *testing.T) {
	e := newEnv(t)
	m := e.createMeter(t, nil)
	a := e.openAccount(t, 1234, m.ID)
	admin := e.operator(t, voltpay.RoleAdmin)
	var got struct {
		Account struct {
			OpenedAt string
			Meters   []struct{ CreatedAt string }
		}
		LedgerEntries struct {
			Nodes []struct{ ID, CreatedAt string }
		}
		Me struct{ Name string }
	}
	admin.do(t, `query($a: ID!) { account(id: $a) { openedAt meters { createdAt } }
		ledgerEntries(filter: {accountId: $a}, first: 1) { nodes { id createdAt } } me { name } }`,
		map[string]any{"a": a.ID}).Decode(t, &got)
	if len(got.Account.Meters) != 1 || len(got.LedgerEntries.Nodes) != 1 {
		t.Fatalf("fixture: %+v", got)
	}
	entry := got.LedgerEntries.Nodes[0]
	for field, v := range map[string]string{"Account.openedAt": got.Account.OpenedAt,
		"Meter.createdAt": got.Account.Meters[0].CreatedAt, "LedgerEntry.createdAt": entry.CreatedAt} {
		if !timeShape.MatchString(v) {
			t.Errorf("%s = %q: want UTC with six fractional digits, e.g. 2026-11-25T08:00:00.000000Z", field, v)
		}
	}
	var again struct {
		LedgerEntries struct{ Nodes []struct{ ID string } }
	}
	admin.do(t, `query($a: ID!, $from: Time!) { ledgerEntries(filter: {accountId: $a, from: $from}, first: 10) { nodes { id } } }`,
		map[string]any{"a": a.ID, "from": entry.CreatedAt}).Decode(t, &again)
	if len(again.LedgerEntries.Nodes) != 1 || again.LedgerEntries.Nodes[0].ID != entry.ID {
		t.Errorf("from: its own createdAt %s must find entry %s, got %+v", entry.CreatedAt, entry.ID, again.LedgerEntries.Nodes)
	}
	// Input takes any RFC 3339 spelling.
	admin.do(t, `query($a: ID!) { ledgerEntries(filter: {accountId: $a, from: "2026-01-01T08:00:00+08:00", to: "2099-01-01T00:00:00Z"}, first: 1) { totalCount } }`,
		map[string]any{"a": a.ID}).Decode(t, &again)
}

// TestIssue12_CacheHeaders: a GraphQL GET answers with Cache-Control:
// private, no-cache, Vary on the credentials and a strong ETag of its body;
// the same GET with that tag in If-None-Match gets 304 and no body until the
// answer changes. POST answers, and GETs that fail, are no-store.
func TestIssue12_CacheHeaders(t *testing.T) {
	e := newEnv(t)
	a := e.openAccount(t, 100)
	admin := e.operator(t, voltpay.RoleAdmin)
	get := func(etag string) (*http.Response, []byte) {
		q := url.Values{"query": {`query($id: ID!) { account(id: $id) { balanceFen } }`}, "variables": {fmt.Sprintf(`{"id":"%d"}`, a.ID)}}
		req, _ := http.NewRequest(http.MethodGet, e.Srv.URL+"/graphql?"+q.Encode(), nil)
		req.Header.Set("Authorization", "Bearer "+admin.bearer)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}
	resp, body := get("")
	etag := resp.Header.Get("ETag")
	sum := sha256.Sum256(body)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "private, no-cache" ||
		!slices.Equal(resp.Header.Values("Vary"), []string{"Authorization", "Cookie"}) ||
		etag != `"`+base64.RawURLEncoding.EncodeToString(sum[:])+`"` {
		t.Fatalf("GET: status %d, headers %v, body %s; want 200, private, no-cache, Vary Authorization and Cookie, a strong ETag of the body",
			resp.StatusCode, resp.Header, body)
	}
	for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag} {
		resp, body = get(inm)
		if resp.StatusCode != http.StatusNotModified || len(body) != 0 || resp.Header.Get("ETag") != etag {
			t.Errorf("If-None-Match %s: status %d, %d bytes, ETag %q; want 304 without a body", inm, resp.StatusCode, len(body), resp.Header.Get("ETag"))
		}
	}
	// The answer changes: the old tag no longer matches.
	admin.do(t, `mutation($in: SaleInput!) { sell(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"accountId": a.ID, "amountFen": 100, "channel": "cash", "idempotencyKey": newKey()}}).Decode(t, &struct{}{})
	resp, body = get(etag)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == etag || !strings.Contains(string(body), "200") {
		t.Errorf("after a sale: status %d, ETag %q, body %s; want 200 with a new tag and balance 200", resp.StatusCode, resp.Header.Get("ETag"), body)
	}

	r := admin.do(t, `{ me { name } }`, nil)
	if cc := r.Header.Get("Cache-Control"); cc != "no-store" || r.Header.Get("ETag") != "" {
		t.Errorf("POST: Cache-Control %q, ETag %q; want no-store and no tag", cc, r.Header.Get("ETag"))
	}
	req, _ := http.NewRequest(http.MethodGet, e.Srv.URL+"/graphql?"+url.Values{"query": {`mutation { logout }`}}.Encode(), nil)
	r = admin.send(t, req)
	if r.Status == http.StatusOK || r.Header.Get("Cache-Control") != "no-store" || r.Header.Get("ETag") != "" {
		t.Errorf("GET mutation: status %d, Cache-Control %q, ETag %q; want an error answer, no-store", r.Status, r.Header.Get("Cache-Control"), r.Header.Get("ETag"))
	}
}
