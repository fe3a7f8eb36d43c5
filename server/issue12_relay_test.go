package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
)

// relayPage is one page of any connection, read through both its nodes
// and its edges.
type relayPage struct {
	TotalCount int
	Nodes      []struct{ ID string }
	Edges      []struct {
		Cursor string
		Node   struct{ ID string }
	}
	PageInfo struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
}

// ids returns the page's node ids, failing unless edges hold the same
// items in the same order and the page's start and end cursors are its
// first and last edges'.
func (p relayPage) ids(t *testing.T) []string {
	t.Helper()
	var out []string
	if len(p.Edges) != len(p.Nodes) {
		t.Fatalf("%d nodes but %d edges", len(p.Nodes), len(p.Edges))
	}
	for i, n := range p.Nodes {
		if e := p.Edges[i]; e.Node.ID != n.ID || e.Cursor == "" {
			t.Fatalf("edge %d is %+v, node %d is %s: edges and nodes disagree", i, e, i, n.ID)
		}
		out = append(out, n.ID)
	}
	start, end := p.PageInfo.StartCursor, p.PageInfo.EndCursor
	if n := len(p.Edges); n == 0 {
		if start != nil || end != nil {
			t.Fatalf("empty page with cursors %v, %v; want null", start, end)
		}
	} else if start == nil || end == nil || *start != p.Edges[0].Cursor || *end != p.Edges[n-1].Cursor {
		t.Fatalf("pageInfo cursors %v, %v are not the first and last edges' (%s, %s)", start, end, p.Edges[0].Cursor, p.Edges[n-1].Cursor)
	}
	return out
}

// relayFields selects all of a connection that relayPage reads.
const relayFields = `totalCount nodes { id } edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`

// relayMeters asks for a page of meters; vars holds the filter (f) and
// first, after, last and before, absent when nil.
const relayMeters = `query($f: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {
  meters(filter: $f, first: $first, after: $after, last: $last, before: $before) { ` + relayFields + ` }
}`

// connection runs q and returns its one connection (the data's only field).
func connection(t *testing.T, c *client, q string, vars map[string]any) relayPage {
	t.Helper()
	var got map[string]relayPage
	c.do(t, q, vars).Decode(t, &got)
	if len(got) != 1 {
		t.Fatalf("want one connection, got %v", got)
	}
	for _, p := range got {
		return p
	}
	return relayPage{}
}

// wantFlags fails unless the page says which ends have items beyond it.
func wantFlags(t *testing.T, what string, p relayPage, prev, next bool) {
	t.Helper()
	if p.PageInfo.HasPreviousPage != prev || p.PageInfo.HasNextPage != next {
		t.Errorf("%s: hasPreviousPage %v, hasNextPage %v; want %v, %v", what, p.PageInfo.HasPreviousPage, p.PageInfo.HasNextPage, prev, next)
	}
}

// walk pages through a whole list with fetch, which reads the page after
// (or, backward, before) the cursor it is given (nil: from the start, or
// the end). It checks each page's flags and returns the items in the
// list's order and the list's totalCount.
func walk(t *testing.T, what string, fetch func(cursor any) relayPage, backward bool) (items []string, total int) {
	t.Helper()
	var cursor any
	for i := 0; ; i++ {
		p := fetch(cursor)
		if backward {
			items = append(p.ids(t), items...)
		} else {
			items = append(items, p.ids(t)...)
		}
		total = p.TotalCount
		more := len(items) < total
		if backward {
			wantFlags(t, fmt.Sprintf("%s, page %d", what, i), p, more, i > 0)
		} else {
			wantFlags(t, fmt.Sprintf("%s, page %d", what, i), p, i > 0, more)
		}
		if !more || len(p.Edges) == 0 {
			return items, total
		}
		cursor = *p.PageInfo.EndCursor
		if backward {
			cursor = *p.PageInfo.StartCursor
		}
	}
}

// wantInvalid fails unless r was refused with INVALID_INPUT on field, its
// message saying all of words.
func wantInvalid(t *testing.T, what string, r *gqlResponse, field string, words ...string) {
	t.Helper()
	if r.Code() != voltpay.EINVALID || r.Errors[0].Extensions.Field != field {
		t.Errorf("%s: got %+v, want INVALID_INPUT on %s", what, r.Errors, field)
		return
	}
	for _, w := range words {
		if !strings.Contains(r.Errors[0].Message, w) {
			t.Errorf("%s: message %q does not say %q", what, r.Errors[0].Message, w)
		}
	}
}

// TestIssue12_RelayPagesForwardAndBack: every connection has Relay's edges
// and pageInfo; first/after page forward and last/before backward through
// the same items in the same order, with hasPreviousPage and hasNextPage
// right at both ends; first: 0 returns no items but the count.
func TestIssue12_RelayPagesForwardAndBack(t *testing.T) {
	e := newEnv(t)
	admin := e.operator(t, voltpay.RoleAdmin)
	var want []string
	for range 7 {
		want = append(want, fmt.Sprint(e.createMeter(t, nil).ID))
	}
	f := map[string]any{"siteId": e.Site.ID}
	page := func(vars map[string]any) relayPage {
		vars["f"] = f
		return connection(t, admin, relayMeters, vars)
	}

	t.Run("Forward", func(t *testing.T) {
		got, total := walk(t, "forward by 3", func(after any) relayPage { return page(map[string]any{"first": 3, "after": after}) }, false)
		if !slices.Equal(got, want) || total != len(want) {
			t.Fatalf("paging forward by 3: got %v (totalCount %d), want %v", got, total, want)
		}
	})

	t.Run("Backward", func(t *testing.T) {
		got, _ := walk(t, "backward by 3", func(before any) relayPage { return page(map[string]any{"last": 3, "before": before}) }, true)
		if !slices.Equal(got, want) {
			t.Fatalf("paging backward by 3: got %v, want %v (the same items in the same order as forward)", got, want)
		}
	})

	t.Run("Cursors", func(t *testing.T) {
		first := page(map[string]any{"first": 3})
		// An edge's cursor continues after (or ends before) its item.
		p := page(map[string]any{"first": 2, "after": first.Edges[1].Cursor})
		if got := p.ids(t); !slices.Equal(got, want[2:4]) {
			t.Errorf("after the second edge's cursor: got %v, want %v", got, want[2:4])
		}
		wantFlags(t, "after the second edge", p, true, true)
		last := page(map[string]any{"last": 1})
		end := last.Edges[0].Cursor
		// before alone pages backward: the 50 (here 6) items before it.
		p = page(map[string]any{"before": end})
		if got := p.ids(t); !slices.Equal(got, want[:6]) {
			t.Errorf("before the last item: got %v, want %v", got, want[:6])
		}
		wantFlags(t, "before the last item", p, false, true)
		// Both cursors: the items between them.
		p = page(map[string]any{"first": 10, "after": first.Edges[0].Cursor, "before": end})
		if got := p.ids(t); !slices.Equal(got, want[1:6]) {
			t.Errorf("between the first and last items: got %v, want %v", got, want[1:6])
		}
		wantFlags(t, "between the first and last items", p, true, false)
		// The page size is no part of the filter a cursor is bound to.
		if p := page(map[string]any{"first": 1, "after": first.Edges[0].Cursor}); !slices.Equal(p.ids(t), want[1:2]) {
			t.Errorf("a cursor of a page of 3 with first 1: got %v", p.ids(t))
		}
	})

	t.Run("Zero", func(t *testing.T) {
		p := page(map[string]any{"first": 0})
		if len(p.ids(t)) != 0 || p.TotalCount != len(want) {
			t.Errorf("first: 0 gave %d items of %d; want none, with totalCount %d", len(p.Nodes), p.TotalCount, len(want))
		}
		wantFlags(t, "first: 0", p, false, true)
		end := *page(map[string]any{"last": 1}).PageInfo.EndCursor
		wantFlags(t, "first: 0 after the last item", page(map[string]any{"first": 0, "after": end}), true, false)
		p = page(map[string]any{"last": 0})
		if len(p.ids(t)) != 0 || p.TotalCount != len(want) {
			t.Errorf("last: 0 gave %d items of %d; want none", len(p.Nodes), p.TotalCount)
		}
		wantFlags(t, "last: 0", p, true, false)
		// Omitted, the page is still 50.
		if p := page(map[string]any{}); len(p.ids(t)) != len(want) {
			t.Errorf("no first: got %d items, want all %d", len(p.Nodes), len(want))
		}
	})

	t.Run("Refused", func(t *testing.T) {
		q := func(vars map[string]any) *gqlResponse {
			vars["f"] = f
			return admin.do(t, relayMeters, vars)
		}
		wantInvalid(t, "first and last", q(map[string]any{"first": 2, "last": 2}), "last", "first or last")
		wantInvalid(t, "first: -1", q(map[string]any{"first": -1}), "first", "1000")
		wantInvalid(t, "last: 1001", q(map[string]any{"last": 1001}), "last", "1000")
		wantInvalid(t, "a made-up cursor", q(map[string]any{"before": "garbage"}), "before", "endCursor")
	})
}

// TestIssue12_CursorBoundToListAndFilter: a cursor continues only the list
// and filter it came from; elsewhere it is refused with INVALID_INPUT on
// the argument it came in, saying to start again without it (it was
// accepted by ledgerEntries and silently skipped entries).
func TestIssue12_CursorBoundToListAndFilter(t *testing.T) {
	e := newEnv(t)
	admin := e.operator(t, voltpay.RoleAdmin)
	e.createMeter(t, nil)
	m := e.createMeter(t, nil)
	meters := connection(t, admin, relayMeters, map[string]any{"f": map[string]any{"siteId": e.Site.ID}, "first": 1})
	cursor := *meters.PageInfo.EndCursor
	if p := connection(t, admin, relayMeters, map[string]any{"f": map[string]any{"siteId": e.Site.ID}, "after": cursor}); len(p.ids(t)) != 1 {
		t.Fatalf("the cursor under its own filter: got %d meters, want the second", len(p.Nodes))
	}

	r := admin.do(t, `query($a: String) { ledgerEntries(after: $a) { totalCount } }`, map[string]any{"a": cursor})
	wantInvalid(t, "a meters cursor given to ledgerEntries", r, "after", "another list", "start again without after")
	r = admin.do(t, `query($b: String) { alarms(before: $b) { totalCount } }`, map[string]any{"b": cursor})
	wantInvalid(t, "a meters cursor given to alarms as before", r, "before", "another list", "start again without before")

	for name, other := range map[string]map[string]any{
		"another site":  {"siteId": e.Site.ID + 1_000_000},
		"one more term": {"siteId": e.Site.ID, "search": fmt.Sprint(m.Address)},
		"no filter":     nil,
	} {
		r := admin.do(t, relayMeters, map[string]any{"f": other, "first": 1, "after": cursor})
		wantInvalid(t, "a cursor of filter A given with "+name, r, "after", "another filter", "start again without after")
		if msg := r.Errors[0].Message; strings.Contains(msg, "siteId") || strings.Contains(msg, "SiteID") {
			t.Errorf("the refusal reveals the filter: %q", r.Errors[0].Message)
		}
	}

	// A nested list is the list of its items under its parent: an
	// account's entries continue in ledgerEntries filtered by the account,
	// never in another account's.
	a, b := e.openAccount(t, 100), e.openAccount(t, 100)
	for range 2 {
		if _, err := e.Res.LedgerService.Sell(sys(), voltpay.SaleInput{AccountID: a.ID, AmountFen: 100, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}); err != nil {
			t.Fatal(err)
		}
	}
	const entries = `query($id: ID!, $a: String) { account(id: $id) { entries(first: 1, after: $a) { ` + relayFields + ` } } }`
	var got struct{ Account struct{ Entries relayPage } }
	admin.do(t, entries, map[string]any{"id": a.ID}).Decode(t, &got)
	newest, entryCursor := got.Account.Entries.ids(t), *got.Account.Entries.PageInfo.EndCursor
	wantFlags(t, "an account's newest entry", got.Account.Entries, false, true)
	got.Account.Entries = relayPage{}
	admin.do(t, entries, map[string]any{"id": a.ID, "a": entryCursor}).Decode(t, &got)
	if next := got.Account.Entries.ids(t); len(next) != 1 || next[0] == newest[0] {
		t.Errorf("an account's entries after its newest: got %v", next)
	}
	p := connection(t, admin, `query($f: LedgerFilter, $a: String) { ledgerEntries(filter: $f, first: 1, after: $a) { `+relayFields+` } }`,
		map[string]any{"f": map[string]any{"accountId": a.ID}, "a": entryCursor})
	if !slices.Equal(p.ids(t), got.Account.Entries.ids(t)) {
		t.Errorf("ledgerEntries of the account after its newest: got %v, want %v", p.ids(t), got.Account.Entries.ids(t))
	}
	r = admin.do(t, entries, map[string]any{"id": b.ID, "a": entryCursor})
	wantInvalid(t, "an account's cursor given to another account's entries", r, "after", "another filter")
}

// TestIssue12_OperatorsAndAPIKeysPaginate: operators and apiKeys, which
// only grow (disabled operators and revoked keys stay), are connections.
func TestIssue12_OperatorsAndAPIKeysPaginate(t *testing.T) {
	e := newEnv(t)
	admin := e.operator(t, voltpay.RoleAdmin)
	e.apiKey(t, voltpay.PermReadAccounts)
	e.apiKey(t, voltpay.PermSell)
	for _, list := range []string{"operators", "apiKeys"} {
		q := `query($first: Int, $after: String, $last: Int, $before: String) { ` + list + `(first: $first, after: $after, last: $last, before: $before) { ` + relayFields + ` } }`
		all, total := walk(t, list, func(after any) relayPage { return connection(t, admin, q, map[string]any{"first": 2, "after": after}) }, false)
		if len(all) != total || total < 2 {
			t.Fatalf("%s: paged through %d of totalCount %d", list, len(all), total)
		}
		back, _ := walk(t, list+" backward", func(before any) relayPage {
			return connection(t, admin, q, map[string]any{"last": 2, "before": before})
		}, true)
		if !slices.Equal(back, all) {
			t.Errorf("%s: backward %v, forward %v", list, back, all)
		}
		last := connection(t, admin, q, map[string]any{"last": 2})
		if got := last.ids(t); !slices.Equal(got, all[len(all)-2:]) {
			t.Errorf("%s: last 2 are %v, want %v", list, got, all[len(all)-2:])
		}
		wantFlags(t, list+" last 2", last, total > 2, false)
	}
}

// TestIssue12_AccountMetersBounded: Account.meters is a plain list, so an
// account funds at most voltpay.MaxAccountMeters meters; the next one is
// refused wherever a meter is attached.
func TestIssue12_AccountMetersBounded(t *testing.T) {
	e := newEnv(t)
	manager := e.operator(t, voltpay.RoleManager)
	acct := e.openAccount(t, 0)
	// The limit's worth of meters, written directly: the API would take
	// one request each.
	base := 700_000_000 + next()*1000
	if _, err := e.DB.ExecContext(context.Background(), `
		INSERT INTO meters (site_id, address, protocol, account_id)
		SELECT $1, lpad(($2 + g)::text, 12, '0'), 'dlt645', $3 FROM generate_series(1, $4) g`,
		e.Site.ID, base, acct.ID, voltpay.MaxAccountMeters); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Account struct{ Meters []struct{ ID string } }
	}
	manager.do(t, `query($id: ID!) { account(id: $id) { meters { id } } }`, map[string]any{"id": acct.ID}).Decode(t, &got)
	if len(got.Account.Meters) != voltpay.MaxAccountMeters {
		t.Fatalf("Account.meters lists %d, want %d", len(got.Account.Meters), voltpay.MaxAccountMeters)
	}
	extra := e.createMeter(t, nil)
	const attach = `mutation($a: ID!, $m: ID!) { attachMeter(accountId: $a, meterId: $m) { id } }`
	r := manager.do(t, attach, map[string]any{"a": acct.ID, "m": extra.ID})
	if r.Code() != voltpay.ECONFLICT || !strings.Contains(r.Errors[0].Message, fmt.Sprint(voltpay.MaxAccountMeters)) {
		t.Fatalf("attaching meter %d: got %+v, want CONFLICT naming the limit %d", voltpay.MaxAccountMeters+1, r.Errors, voltpay.MaxAccountMeters)
	}
	// Opening an account with more than the limit is refused the same way.
	var ids []any
	for range voltpay.MaxAccountMeters + 1 {
		ids = append(ids, e.createMeter(t, nil).ID)
	}
	r = manager.do(t, `mutation($in: OpenAccountInput!) { openAccount(input: $in) { account { id } } }`, map[string]any{"in": map[string]any{
		"account": map[string]any{"siteId": e.Site.ID, "tenantName": "大商户", "phone": "13800138000"}, "meterIds": ids}})
	if r.Code() != voltpay.ECONFLICT || !strings.Contains(r.Errors[0].Message, fmt.Sprint(voltpay.MaxAccountMeters)) {
		t.Errorf("opening an account with %d meters: got %+v, want CONFLICT naming the limit", len(ids), r.Errors)
	}
	// Below the limit again, a meter attaches.
	var detached struct{ DetachMeter struct{ ID string } }
	manager.do(t, `mutation($a: ID!, $m: ID!) { detachMeter(accountId: $a, meterId: $m) { id } }`,
		map[string]any{"a": acct.ID, "m": got.Account.Meters[0].ID}).Decode(t, &detached)
	if r := manager.do(t, attach, map[string]any{"a": acct.ID, "m": extra.ID}); len(r.Errors) > 0 {
		t.Errorf("attaching below the limit: %+v", r.Errors)
	}
}

// TestIssue12_SitesBounded: sites is a plain list, so a deployment holds at
// most voltpay.MaxSites sites; creating the next one is refused.
func TestIssue12_SitesBounded(t *testing.T) {
	db, cfg := ownDatabase(t) // a deployment of its own: the limit counts every site
	e := newEnvOn(t, db, cfg)
	db.MaxSites = voltpay.MaxSites // the deployment's real limit, which test envs lift
	admin := e.operator(t, voltpay.RoleAdmin)
	// Up to one short of the limit directly: the API would take a request each.
	if _, err := db.ExecContext(context.Background(), `
		INSERT INTO sites (name, code) SELECT 'Site ' || g, 'S' || g FROM generate_series(1, $1 - 2) g`, voltpay.MaxSites); err != nil {
		t.Fatal(err)
	}
	const create = `mutation($in: SiteInput!) { createSite(input: $in) { id } }`
	if r := admin.do(t, create, map[string]any{"in": map[string]any{"name": "最后一个", "code": "LAST"}}); len(r.Errors) > 0 {
		t.Fatalf("site %d of %d: %+v", voltpay.MaxSites, voltpay.MaxSites, r.Errors)
	}
	var sites struct{ Sites []struct{ ID string } }
	admin.do(t, `{ sites { id } }`, nil).Decode(t, &sites)
	if len(sites.Sites) != voltpay.MaxSites {
		t.Fatalf("sites lists %d, want %d", len(sites.Sites), voltpay.MaxSites)
	}
	r := admin.do(t, create, map[string]any{"in": map[string]any{"name": "多一个", "code": "MORE"}})
	if r.Code() != voltpay.ECONFLICT || !strings.Contains(r.Errors[0].Message, fmt.Sprint(voltpay.MaxSites)) {
		t.Errorf("site %d: got %+v, want CONFLICT naming the limit %d", voltpay.MaxSites+1, r.Errors, voltpay.MaxSites)
	}
}

// TestIssue12_EdgesPrefetchLikeNodes: a page read through edges primes its
// items' references as one read through nodes does, so it too costs the
// same number of statements for 10 meters as for 1,000.
func TestIssue12_EdgesPrefetchLikeNodes(t *testing.T) {
	env, counter := newCountingEnv(t)
	fx := dlSeed(t, env)
	viewer := env.operator(t, voltpay.RoleViewer)
	const q = `query($site: ID!, $first: Int!) { meters(first: $first, filter: {siteId: $site}) {
	  edges { cursor node { id account { id no } tariff { id name } gateway { id } building { id } } } } }`
	fetch := func(first int) (int, int64, string) {
		t.Helper()
		counter.reset()
		r := viewer.do(t, q, map[string]any{"site": env.Site.ID, "first": first})
		n, log := counter.queries.Load(), counter.statements()
		var got struct {
			Meters struct{ Edges []struct{ Cursor string } }
		}
		r.Decode(t, &got)
		return len(got.Meters.Edges), n, log
	}
	fetch(1) // warm up: the session's first use may refresh it
	_, q10, log10 := fetch(10)
	n, q1000, log1000 := fetch(1000)
	if n != fx.meters {
		t.Fatalf("got %d edges, want %d", n, fx.meters)
	}
	if q10 != q1000 {
		t.Errorf("statements grow with a page of edges: %d for 10 meters, %d for 1000\n%s\n%s", q10, q1000, log10, log1000)
	}
}
