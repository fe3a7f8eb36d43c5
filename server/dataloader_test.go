package main

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// sqlCounter counts the statements a database/sql pool sends.
type sqlCounter struct {
	queries atomic.Int64 // QueryContext, ExecContext, Prepare (each a round trip)
	begins  atomic.Int64
	mu      sync.Mutex
	log     []string // the statements since reset, shortened
}

func (c *sqlCounter) reset() {
	c.queries.Store(0)
	c.begins.Store(0)
	c.mu.Lock()
	c.log = nil
	c.mu.Unlock()
}

func (c *sqlCounter) add(query string) {
	c.queries.Add(1)
	q := strings.Join(strings.Fields(query), " ")
	if len(q) > 90 {
		q = q[:90] + "…"
	}
	c.mu.Lock()
	c.log = append(c.log, q)
	c.mu.Unlock()
}

// statements returns the statements since reset, one a line.
func (c *sqlCounter) statements() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return "\t" + strings.Join(c.log, "\n\t")
}

// countingConnector wraps lib/pq's connector so that every connection it
// opens counts its statements in n.
type countingConnector struct {
	pq *pq.Connector
	n  *sqlCounter
}

func (c countingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.pq.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &countingConn{conn: conn, n: c.n}, nil
}

func (c countingConnector) Driver() driver.Driver { return c.pq.Driver() }

// countingConn passes everything to pq's connection, counting statements.
// It implements every optional interface pq's connection does, so that
// database/sql treats it just the same.
type countingConn struct {
	conn driver.Conn
	n    *sqlCounter
}

var _ interface {
	driver.Conn
	driver.QueryerContext
	driver.ExecerContext
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
} = (*countingConn)(nil)

func (c *countingConn) Prepare(query string) (driver.Stmt, error) {
	c.n.add(query)
	return c.conn.Prepare(query)
}

func (c *countingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	c.n.add(query)
	return c.conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
}

func (c *countingConn) Close() error { return c.conn.Close() }

func (c *countingConn) Begin() (driver.Tx, error) {
	c.n.begins.Add(1)
	return c.conn.Begin() //lint:ignore SA1019 driver.Conn requires Begin
}

func (c *countingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	c.n.begins.Add(1)
	return c.conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	c.n.add(query)
	return c.conn.(driver.QueryerContext).QueryContext(ctx, query, args)
}

func (c *countingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	c.n.add(query)
	return c.conn.(driver.ExecerContext).ExecContext(ctx, query, args)
}

func (c *countingConn) Ping(ctx context.Context) error { return c.conn.(driver.Pinger).Ping(ctx) }

func (c *countingConn) ResetSession(ctx context.Context) error {
	return c.conn.(driver.SessionResetter).ResetSession(ctx)
}

func (c *countingConn) IsValid() bool { return c.conn.(driver.Validator).IsValid() }

func (c *countingConn) CheckNamedValue(nv *driver.NamedValue) error {
	return c.conn.(driver.NamedValueChecker).CheckNamedValue(nv)
}

// newCountingEnv serves the package database through a counting driver.
func newCountingEnv(tb testing.TB) (*testEnv, *sqlCounter) {
	tb.Helper()
	conn, err := pq.NewConnector(pgtest.URL(tb))
	if err != nil {
		tb.Fatalf("pq connector: %v", err)
	}
	n := &sqlCounter{}
	db, err := postgres.OpenDB(context.Background(), sql.OpenDB(countingConnector{pq: conn, n: n}))
	if err != nil {
		tb.Fatalf("open database: %v", err)
	}
	return newEnvOn(tb, db, testConfig()), n
}

// dlFixture is a site of 1,000 meters over gateways and buildings, with
// tariffs and accounts, written in bulk.
type dlFixture struct {
	meters, accounts, tariffs, gateways, buildings int
}

// dlSeed fills env's site: ten tariffs, four gateways and three buildings
// through the services; 500 accounts and 1,000 meters (a tenth of them
// unassigned, a fifth direct) by COPY.
func dlSeed(tb testing.TB, env *testEnv) dlFixture {
	tb.Helper()
	ctx, site := sys(), env.Site.ID
	var tariffs, gateways, buildings []int64
	for i := range 10 {
		in := voltpay.TariffInput{SiteID: site, Name: fmt.Sprintf("电价 %d", i), Kind: voltpay.TariffFlat,
			Prices: map[string]voltpay.Price{voltpay.RateFlat: voltpay.Price(8000 + i)}}
		if i%2 == 1 {
			in = voltpay.TariffInput{SiteID: site, Name: fmt.Sprintf("峰谷电价 %d", i), Kind: voltpay.TariffTOU,
				Prices:  map[string]voltpay.Price{voltpay.RatePeak: voltpay.Price(11000 + i), voltpay.RateValley: voltpay.Price(4000 + i)},
				Periods: []voltpay.TariffPeriod{{StartMinute: 8 * 60, Rate: voltpay.RatePeak}, {StartMinute: 22 * 60, Rate: voltpay.RateValley}}}
		}
		t, err := env.Res.TariffService.CreateTariff(ctx, in)
		if err != nil {
			tb.Fatalf("create tariff: %v", err)
		}
		tariffs = append(tariffs, t.ID)
	}
	for i := range 3 {
		b, err := env.Res.SiteService.CreateBuilding(ctx, voltpay.BuildingInput{SiteID: site, Name: fmt.Sprintf("%d号楼", i+1), Floors: []string{"1F", "2F"}})
		if err != nil {
			tb.Fatalf("create building: %v", err)
		}
		buildings = append(buildings, b.ID)
	}
	for i := range 4 {
		n := next()
		g, err := env.Res.SiteService.CreateGateway(ctx, voltpay.GatewayInput{SiteID: site, Name: fmt.Sprintf("通讯管理机 %d", i+1),
			Endpoint: fmt.Sprintf("10.%d.%d.%d:4001", 100+n/65536%100, n/256%256, n%256), Protocol: voltpay.ProtocolDLT645})
		if err != nil {
			tb.Fatalf("create gateway: %v", err)
		}
		gateways = append(gateways, g.ID)
	}

	const nAccounts, nMeters = 500, 1000
	tx, err := env.DB.BeginTxx(context.Background(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	copyIn := func(table string, cols []string, rows [][]any) {
		tb.Helper()
		stmt, err := tx.Prepare(pq.CopyIn(table, cols...))
		if err != nil {
			tb.Fatalf("copy into %s: %v", table, err)
		}
		for _, r := range rows {
			if _, err := stmt.Exec(r...); err != nil {
				tb.Fatalf("copy into %s: %v", table, err)
			}
		}
		if _, err := stmt.Exec(); err != nil {
			tb.Fatalf("copy into %s: %v", table, err)
		}
		if err := stmt.Close(); err != nil {
			tb.Fatalf("copy into %s: %v", table, err)
		}
	}
	var rows [][]any
	for i := range nAccounts {
		rows = append(rows, []any{site, fmt.Sprintf("%sL%06d", env.Site.Code, i), fmt.Sprintf("商户 %d", i),
			fmt.Sprintf("%dF-%02d", i%2+1, i%100), fmt.Sprintf("139%08d", i), int64(voltpay.DefaultAlarm1Fen), int64(voltpay.DefaultAlarm2Fen)})
	}
	copyIn("accounts", []string{"site_id", "no", "tenant_name", "shop_no", "phone", "alarm1_fen", "alarm2_fen"}, rows)
	var accounts []int64
	if err := tx.Select(&accounts, `SELECT id FROM accounts WHERE site_id = $1 ORDER BY id`, site); err != nil || len(accounts) != nAccounts {
		tb.Fatalf("accounts: got %d, %v", len(accounts), err)
	}

	rows = rows[:0]
	for i := range nMeters {
		var gateway, account any
		address := fmt.Sprintf("%012d", i+1)
		if i%5 == 4 { // a direct meter: its address must not clash with other tests' direct meters
			address = fmt.Sprintf("%012d", 800_000_000_000+next())
		} else {
			gateway = gateways[i%len(gateways)]
		}
		if i%10 != 9 {
			account = accounts[(i/2)%nAccounts]
		}
		rows = append(rows, []any{site, buildings[i%len(buildings)], fmt.Sprintf("%dF", i%2+1), fmt.Sprintf("%d", 100+i),
			address, "DDSY1352", voltpay.MeterProtocolDLT645, gateway, tariffs[i%len(tariffs)], account})
	}
	copyIn("meters", []string{"site_id", "building_id", "floor", "room", "address", "model", "protocol", "gateway_id", "tariff_id", "account_id"}, rows)
	if err := tx.Commit(); err != nil {
		tb.Fatalf("commit fixtures: %v", err)
	}
	return dlFixture{meters: nMeters, accounts: nAccounts, tariffs: len(tariffs), gateways: len(gateways), buildings: len(buildings)}
}

const dlMetersQuery = `query($site: ID!, $first: Int!) {
  meters(first: $first, filter: {siteId: $site}) {
    totalCount
    nodes {
      id address
      account { id no balanceFen }
      tariff { id name prices { rate price } }
      gateway { id }
      building { id }
      site { id }
    }
  }
}`

type dlMetersPage struct {
	Meters struct {
		TotalCount int
		Nodes      []struct {
			ID, Address string
			Account     *struct{ ID, No string }
			Tariff      *struct {
				ID, Name string
				Prices   []struct{ Rate, Price string }
			}
			Gateway  *struct{ ID string }
			Building *struct{ ID string }
			Site     struct{ ID string }
		}
	}
}

// TestDataloader_ConstantQueries proves that a list of meters with their
// accounts, tariffs, gateways, buildings and sites costs a constant number
// of SQL statements, whether it has 10 items or 1,000.
func TestDataloader_ConstantQueries(t *testing.T) {
	env, counter := newCountingEnv(t)
	fx := dlSeed(t, env)
	viewer := env.operator(t, voltpay.RoleViewer)

	fetch := func(first int) (*dlMetersPage, int64, int64, string) {
		t.Helper()
		counter.reset()
		resp := viewer.do(t, dlMetersQuery, map[string]any{"site": env.Site.ID, "first": first})
		q, b, log := counter.queries.Load(), counter.begins.Load(), counter.statements()
		page := &dlMetersPage{}
		resp.Decode(t, page)
		return page, q, b, log
	}
	fetch(1) // warm up: the session's first use may refresh it

	small, q10, b10, log10 := fetch(10)
	large, q1000, b1000, log1000 := fetch(1000)
	t.Logf("SQL statements for 10 meters: %d (+%d BEGIN); for 1000 meters: %d (+%d BEGIN)", q10, b10, q1000, b1000)
	if q10 != q1000 {
		t.Logf("10 meters:\n%s\n1000 meters:\n%s", log10, log1000)
	}

	if len(small.Meters.Nodes) != 10 || len(large.Meters.Nodes) != fx.meters || large.Meters.TotalCount != fx.meters {
		t.Fatalf("got %d and %d meters (total %d), want 10 and %d", len(small.Meters.Nodes), len(large.Meters.Nodes), large.Meters.TotalCount, fx.meters)
	}
	if q10 != q1000 || b10 != b1000 {
		t.Errorf("statements grow with the page: %d (+%d BEGIN) for 10 meters, %d (+%d BEGIN) for 1000", q10, b10, q1000, b1000)
	}
	if q1000 >= 15 {
		t.Errorf("%d statements for one page of meters; want fewer than 15", q1000)
	}

	// Every reference came back, and right.
	seen := map[string]map[string]bool{"account": {}, "tariff": {}, "gateway": {}, "building": {}}
	for i, m := range large.Meters.Nodes {
		direct, unassigned := i%5 == 4, i%10 == 9
		if (m.Gateway == nil) != direct || (m.Account == nil) != unassigned || m.Tariff == nil || m.Building == nil ||
			m.Site.ID != fmt.Sprint(env.Site.ID) {
			t.Fatalf("meter %d (%s): got %+v", i, m.ID, m)
		}
		if m.Account != nil {
			seen["account"][m.Account.ID] = true
		}
		if m.Gateway != nil {
			seen["gateway"][m.Gateway.ID] = true
		}
		seen["tariff"][m.Tariff.ID] = true
		seen["building"][m.Building.ID] = true
		if len(m.Tariff.Prices) == 0 {
			t.Fatalf("tariff %s has no prices", m.Tariff.ID)
		}
	}
	for kind, want := range map[string]int{"account": fx.accounts, "tariff": fx.tariffs, "gateway": fx.gateways, "building": fx.buildings} {
		if got := len(seen[kind]); got != want {
			t.Errorf("distinct %ss: got %d, want %d", kind, got, want)
		}
	}
}

const dlStatusQuery = `query($site: ID!, $first: Int!) {
  meters(first: $first, filter: {siteId: $site}) {
    nodes { id displayStatus activeAlarms { id kind } }
  }
}`

// TestDataloader_MeterStatus: displayStatus (through the account loader)
// and activeAlarms (through their own loader) keep a list of meters at a
// constant number of statements.
func TestDataloader_MeterStatus(t *testing.T) {
	env, counter := newCountingEnv(t)
	fx := dlSeed(t, env)
	viewer := env.operator(t, voltpay.RoleViewer)
	var ids []int64
	if err := env.DB.Select(&ids, `SELECT id FROM meters WHERE site_id = $1 ORDER BY id LIMIT 20`, env.Site.ID); err != nil {
		t.Fatal(err)
	}
	if err := env.Res.ReadingService.MarkOffline(sys(), ids); err != nil { // no alarms: none was online
		t.Fatal(err)
	}
	if _, err := env.DB.Exec(`INSERT INTO alarms (kind, meter_id, message) SELECT 'overload', unnest($1::bigint[]), 'test'`, pq.Array(ids)); err != nil {
		t.Fatal(err)
	}
	type page struct {
		Meters struct {
			Nodes []struct {
				ID, DisplayStatus string
				ActiveAlarms      []struct{ ID, Kind string }
			}
		}
	}
	fetch := func(first int) (*page, int64, string) {
		t.Helper()
		counter.reset()
		resp := viewer.do(t, dlStatusQuery, map[string]any{"site": env.Site.ID, "first": first})
		q, log := counter.queries.Load(), counter.statements()
		p := &page{}
		resp.Decode(t, p)
		return p, q, log
	}
	fetch(1)
	_, q10, log10 := fetch(10)
	large, q1000, log1000 := fetch(1000)
	if q10 != q1000 {
		t.Errorf("statements grow with the page: %d for 10 meters, %d for 1000\n%s\n%s", q10, q1000, log10, log1000)
	}
	if len(large.Meters.Nodes) != fx.meters {
		t.Fatalf("got %d meters, want %d", len(large.Meters.Nodes), fx.meters)
	}
	alarmed := 0
	for i, m := range large.Meters.Nodes {
		want := billing.StatusOffline // never read
		if i%10 == 9 {
			want = billing.StatusNotOpened
		}
		if m.DisplayStatus != want {
			t.Fatalf("meter %d: status %s, want %s", i, m.DisplayStatus, want)
		}
		alarmed += len(m.ActiveAlarms)
	}
	if alarmed != len(ids) {
		t.Errorf("%d active alarms listed, want %d", alarmed, len(ids))
	}
}
