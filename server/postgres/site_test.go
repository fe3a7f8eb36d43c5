package postgres_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// refOf returns a pointer to v, for optional fields and filters.
func refOf[T any](v T) *T { return &v }

// randomCode returns a site code no other test uses.
func randomCode() string { return fmt.Sprintf("Z%06X", rand.Uint32()&0xffffff) }

// randomEndpoint returns a gateway host:port no other test uses.
func randomEndpoint() string {
	return fmt.Sprintf("10.%d.%d.%d:%d", rand.IntN(256), rand.IntN(256), rand.IntN(256), 1024+rand.IntN(60000))
}

// countRows runs a count query and returns its result.
func countRows(tb testing.TB, db *postgres.DB, query string, args ...any) int {
	tb.Helper()
	var n int
	if err := db.Get(&n, query, args...); err != nil {
		tb.Fatalf("count: %v", err)
	}
	return n
}

// mkBuilding creates a building in siteID.
func mkBuilding(tb testing.TB, db *postgres.DB, siteID int64, name string, floors ...string) *voltpay.Building {
	tb.Helper()
	b, err := postgres.NewSiteService(db).CreateBuilding(AdminContext(), voltpay.BuildingInput{SiteID: siteID, Name: name, Floors: floors})
	if err != nil {
		tb.Fatalf("create building: %v", err)
	}
	return b
}

// mkGateway creates a gateway of protocol in siteID at a random endpoint.
func mkGateway(tb testing.TB, db *postgres.DB, siteID int64, protocol string) *voltpay.Gateway {
	tb.Helper()
	g, err := postgres.NewSiteService(db).CreateGateway(AdminContext(), voltpay.GatewayInput{
		SiteID: siteID, Name: "gw " + randomEndpoint(), Endpoint: randomEndpoint(), Protocol: protocol,
	})
	if err != nil {
		tb.Fatalf("create gateway: %v", err)
	}
	return g
}

func TestSite_CreateUpdate(t *testing.T) {
	db := MustOpenDB(t)
	sites := postgres.NewSiteService(db)
	ctx := AdminContext()
	code := randomCode()

	s, err := sites.CreateSite(ctx, voltpay.SiteInput{Name: " 万达广场 ", Code: " " + strings.ToLower(code) + " "})
	if err != nil {
		t.Fatal(err)
	}
	if s.ID == 0 || s.Name != "万达广场" || s.Code != code || s.Timezone != "Asia/Shanghai" || s.CreatedAt.IsZero() {
		t.Fatalf("got %+v", s)
	}

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, in := range []voltpay.SiteInput{
			{Name: "", Code: randomCode()},
			{Name: strings.Repeat("x", 101), Code: randomCode()},
			{Name: "bad code", Code: "A"},
			{Name: "bad code", Code: "A-B"},
			{Name: "bad code", Code: "ABCDEFGHI"},
			{Name: "bad zone", Code: randomCode(), Timezone: "Asia/Atlantis"},
		} {
			_, err := sites.CreateSite(ctx, in)
			wantCode(t, err, voltpay.EINVALID)
			if n := countRows(t, db, `SELECT count(*) FROM sites WHERE code = upper($1)`, strings.TrimSpace(in.Code)); n != 0 {
				t.Fatalf("%+v: %d sites written", in, n)
			}
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		_, err := sites.CreateSite(ctx, voltpay.SiteInput{Name: "again", Code: strings.ToLower(code)})
		wantCode(t, err, voltpay.ECONFLICT)
	})
	t.Run("Update", func(t *testing.T) {
		code2 := randomCode()
		u, err := sites.UpdateSite(ctx, s.ID, voltpay.SiteInput{Name: "万达广场二期", Code: code2, Timezone: "Asia/Urumqi"})
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != s.ID || u.Name != "万达广场二期" || u.Code != code2 || u.Timezone != "Asia/Urumqi" || !u.CreatedAt.Equal(s.CreatedAt) {
			t.Fatalf("got %+v", u)
		}
		other := MustCreateSite(t, db)
		_, err = sites.UpdateSite(ctx, other.ID, voltpay.SiteInput{Name: "x", Code: code2})
		wantCode(t, err, voltpay.ECONFLICT)
		_, err = sites.UpdateSite(ctx, -1, voltpay.SiteInput{Name: "x", Code: randomCode()})
		wantCode(t, err, voltpay.ENOTFOUND)
		_, err = sites.UpdateSite(ctx, s.ID, voltpay.SiteInput{Name: "x", Code: "?"})
		wantCode(t, err, voltpay.EINVALID)
	})
	t.Run("FindSites", func(t *testing.T) {
		all, err := sites.FindSites(ctx)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for i, x := range all {
			found = found || x.ID == s.ID
			if i > 0 && all[i-1].ID >= x.ID {
				t.Fatalf("sites not in id order: %d then %d", all[i-1].ID, x.ID)
			}
		}
		if !found {
			t.Fatalf("site %d not among %d sites", s.ID, len(all))
		}
	})
}

func TestBuilding_CreateUpdateFind(t *testing.T) {
	db := MustOpenDB(t)
	sites := postgres.NewSiteService(db)
	ctx := AdminContext()
	site, other := MustCreateSite(t, db), MustCreateSite(t, db)

	b, err := sites.CreateBuilding(ctx, voltpay.BuildingInput{SiteID: site.ID, Name: " A座 ", Floors: []string{"B1", " 1F", "2F"}})
	if err != nil {
		t.Fatal(err)
	}
	if b.SiteID != site.ID || b.Name != "A座" || strings.Join(b.Floors, ",") != "B1,1F,2F" {
		t.Fatalf("got %+v", b)
	}

	t.Run("ErrInvalid", func(t *testing.T) {
		many := make([]string, 201)
		for i := range many {
			many[i] = fmt.Sprint(i)
		}
		for _, in := range []voltpay.BuildingInput{
			{SiteID: site.ID, Name: ""},
			{SiteID: site.ID, Name: strings.Repeat("楼", 101)},
			{SiteID: site.ID, Name: "too many floors", Floors: many},
			{SiteID: site.ID, Name: "long floor", Floors: []string{strings.Repeat("F", 21)}},
			{SiteID: site.ID, Name: "duplicate floor", Floors: []string{"1F", "1F"}},
			{SiteID: site.ID, Name: "empty floor", Floors: []string{""}},
			{SiteID: 0, Name: "no site"},
		} {
			_, err := sites.CreateBuilding(ctx, in)
			wantCode(t, err, voltpay.EINVALID)
		}
		if n := countRows(t, db, `SELECT count(*) FROM buildings WHERE site_id = $1`, site.ID); n != 1 {
			t.Fatalf("got %d buildings, want 1", n)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := sites.CreateBuilding(ctx, voltpay.BuildingInput{SiteID: 1 << 40, Name: "B座"})
		wantCode(t, err, voltpay.ENOTFOUND)
		_, err = sites.UpdateBuilding(ctx, 1<<40, voltpay.BuildingInput{Name: "B座"})
		wantCode(t, err, voltpay.ENOTFOUND)
	})
	t.Run("ErrConflict", func(t *testing.T) {
		_, err := sites.CreateBuilding(ctx, voltpay.BuildingInput{SiteID: site.ID, Name: "A座"})
		wantCode(t, err, voltpay.ECONFLICT)
		// The same name in another site is fine.
		mkBuilding(t, db, other.ID, "A座")
	})
	t.Run("Update", func(t *testing.T) {
		u, err := sites.UpdateBuilding(ctx, b.ID, voltpay.BuildingInput{Name: "A栋", Floors: []string{"1F"}})
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != b.ID || u.SiteID != site.ID || u.Name != "A栋" || len(u.Floors) != 1 || u.Floors[0] != "1F" {
			t.Fatalf("got %+v", u)
		}
		_, err = sites.UpdateBuilding(ctx, b.ID, voltpay.BuildingInput{SiteID: other.ID, Name: "A栋"})
		wantCode(t, err, voltpay.EINVALID)
		u, err = sites.UpdateBuilding(ctx, b.ID, voltpay.BuildingInput{SiteID: site.ID, Name: "A栋"})
		if err != nil || u.Floors == nil || len(u.Floors) != 0 {
			t.Fatalf("got %+v, %v; want no floors", u, err)
		}
	})
	t.Run("Find", func(t *testing.T) {
		b2 := mkBuilding(t, db, site.ID, "B座")
		b3 := mkBuilding(t, db, site.ID, "C座", "1F")
		got, err := sites.FindBuildingsByIDs(ctx, []int64{b3.ID, b.ID, 1 << 40})
		if err != nil || len(got) != 2 || got[0].ID != b.ID || got[1].ID != b3.ID || got[1].Floors[0] != "1F" {
			t.Fatalf("by ids: got %v, %v", got, err)
		}
		p, err := sites.FindBuildings(ctx, voltpay.BuildingFilter{SiteID: &site.ID, Page: voltpay.PageArgs{First: 2}})
		if err != nil || p.Total != 3 || !p.HasNext || len(p.Items) != 2 || p.Items[0].ID != b.ID || p.Items[1].ID != b2.ID {
			t.Fatalf("page 1: got %+v, %v", p, err)
		}
		p, err = sites.FindBuildings(ctx, voltpay.BuildingFilter{SiteID: &site.ID, Page: voltpay.PageArgs{First: 2, After: b2.ID}})
		if err != nil || p.Total != 3 || p.HasNext || len(p.Items) != 1 || p.Items[0].ID != b3.ID {
			t.Fatalf("page 2: got %+v, %v", p, err)
		}
	})
}

func TestGateway_CreateUpdateFind(t *testing.T) {
	db := MustOpenDB(t)
	sites := postgres.NewSiteService(db)
	ctx := AdminContext()
	site, other := MustCreateSite(t, db), MustCreateSite(t, db)
	bldg, otherBldg := mkBuilding(t, db, site.ID, "A座"), mkBuilding(t, db, other.ID, "A座")
	host := fmt.Sprintf("gw-%d.Example.COM", rand.Uint32())

	g, err := sites.CreateGateway(ctx, voltpay.GatewayInput{
		SiteID: site.ID, BuildingID: &bldg.ID, Name: "1号管理机", Endpoint: host + ":8899",
		Protocol: voltpay.ProtocolDLT645, ProxyURL: "socks5://agent:pw@10.1.1.1:1080",
	})
	if err != nil {
		t.Fatal(err)
	}
	if g.Host != strings.ToLower(host) || g.Port != 8899 || g.PollIntervalSeconds != 1800 || g.Online ||
		g.ProxyURL != "socks5://agent:pw@10.1.1.1:1080" || *g.BuildingID != bldg.ID {
		t.Fatalf("got %+v", g)
	}

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, tc := range []struct {
			code string
			f    func(*voltpay.GatewayInput)
		}{
			{voltpay.EINVALID, func(in *voltpay.GatewayInput) { in.Name = "" }},
			{voltpay.EINVALID, func(in *voltpay.GatewayInput) { in.Endpoint = "10.0.0.1" }},
			{voltpay.EINVALID, func(in *voltpay.GatewayInput) { in.Endpoint = "10.0.0.1:0" }},
			{voltpay.EINVALID, func(in *voltpay.GatewayInput) { in.Endpoint = "10.0.0.1:70000" }},
			{voltpay.EINVALID, func(in *voltpay.GatewayInput) { in.Endpoint = ":502" }},
			{voltpay.EINVALID, func(in *voltpay.GatewayInput) { in.Endpoint = strings.Repeat("h", 254) + ":502" }},
			{voltpay.EINVALID, func(in *voltpay.GatewayInput) { in.Protocol = "bacnet" }},
			{voltpay.EINVALID, func(in *voltpay.GatewayInput) { in.ProxyURL = "http://10.0.0.1:8080" }},
			{voltpay.EINVALID, func(in *voltpay.GatewayInput) { in.ProxyURL = "socks5://10.0.0.1" }},
			{voltpay.EINVALID, func(in *voltpay.GatewayInput) { in.PollIntervalSeconds = 30 }},
			{voltpay.EINVALID, func(in *voltpay.GatewayInput) { in.PollIntervalSeconds = 90000 }},
			{voltpay.EINVALID, func(in *voltpay.GatewayInput) { in.SiteID = 0 }},
			{voltpay.EINVALID, func(in *voltpay.GatewayInput) { in.BuildingID = &otherBldg.ID }},
			{voltpay.ENOTFOUND, func(in *voltpay.GatewayInput) { in.BuildingID = refOf[int64](1 << 40) }},
			{voltpay.ENOTFOUND, func(in *voltpay.GatewayInput) { in.SiteID = 1 << 40 }},
		} {
			in := voltpay.GatewayInput{SiteID: site.ID, Name: "bad", Endpoint: randomEndpoint(), Protocol: voltpay.ProtocolModbusTCP}
			tc.f(&in)
			_, err := sites.CreateGateway(ctx, in)
			wantCode(t, err, tc.code)
		}
		if n := countRows(t, db, `SELECT count(*) FROM gateways WHERE site_id = $1`, site.ID); n != 1 {
			t.Fatalf("got %d gateways, want 1", n)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		_, err := sites.CreateGateway(ctx, voltpay.GatewayInput{SiteID: other.ID, Name: "x", Endpoint: strings.ToUpper(host) + ":8899", Protocol: voltpay.ProtocolDLT645})
		wantCode(t, err, voltpay.ECONFLICT)
		_, err = sites.CreateGateway(ctx, voltpay.GatewayInput{SiteID: site.ID, Name: "1号管理机", Endpoint: randomEndpoint(), Protocol: voltpay.ProtocolDLT645})
		wantCode(t, err, voltpay.ECONFLICT)
	})
	t.Run("Update", func(t *testing.T) {
		v6 := fmt.Sprintf("fd00::%x", rand.Uint32()&0xffff)
		ep := "[" + v6 + "]:502"
		u, err := sites.UpdateGateway(ctx, g.ID, voltpay.GatewayInput{Name: "1号管理机", Endpoint: ep, Protocol: voltpay.ProtocolDLT645, PollIntervalSeconds: 600})
		if err != nil {
			t.Fatal(err)
		}
		if u.Host != v6 || u.Port != 502 || u.BuildingID != nil || u.ProxyURL != "" || u.PollIntervalSeconds != 600 || u.SiteID != site.ID {
			t.Fatalf("got %+v", u)
		}
		_, err = sites.UpdateGateway(ctx, g.ID, voltpay.GatewayInput{SiteID: other.ID, Name: "x", Endpoint: ep, Protocol: voltpay.ProtocolDLT645})
		wantCode(t, err, voltpay.EINVALID)
		_, err = sites.UpdateGateway(ctx, 1<<40, voltpay.GatewayInput{Name: "x", Endpoint: ep, Protocol: voltpay.ProtocolDLT645})
		wantCode(t, err, voltpay.ENOTFOUND)
	})
	t.Run("ErrProtocolOfMeters", func(t *testing.T) {
		gw := mkGateway(t, db, site.ID, voltpay.ProtocolModbusRTU)
		mkMeter(t, db, voltpay.MeterInput{SiteID: site.ID, GatewayID: &gw.ID, Protocol: voltpay.MeterProtocolModbus, Address: "1"})
		in := voltpay.GatewayInput{Name: gw.Name, Endpoint: fmt.Sprintf("%s:%d", gw.Host, gw.Port), Protocol: voltpay.ProtocolDLT645}
		_, err := sites.UpdateGateway(ctx, gw.ID, in)
		wantCode(t, err, voltpay.ECONFLICT)
		in.Protocol = voltpay.ProtocolModbusTCP // still Modbus: fine
		if _, err := sites.UpdateGateway(ctx, gw.ID, in); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Find", func(t *testing.T) {
		s := MustCreateSite(t, db)
		b := mkBuilding(t, db, s.ID, "B座")
		var gws []*voltpay.Gateway
		for range 3 {
			gws = append(gws, mkGateway(t, db, s.ID, voltpay.ProtocolDLT645))
		}
		if _, err := db.Exec(`UPDATE gateways SET online = true, building_id = $2 WHERE id = $1`, gws[1].ID, b.ID); err != nil {
			t.Fatal(err)
		}
		p, err := sites.FindGateways(ctx, voltpay.GatewayFilter{SiteID: &s.ID, Page: voltpay.PageArgs{First: 2}})
		if err != nil || p.Total != 3 || !p.HasNext || len(p.Items) != 2 || p.Items[0].ID != gws[0].ID {
			t.Fatalf("page 1: got %+v, %v", p, err)
		}
		p, err = sites.FindGateways(ctx, voltpay.GatewayFilter{SiteID: &s.ID, Page: voltpay.PageArgs{First: 2, After: p.Items[1].ID}})
		if err != nil || p.Total != 3 || p.HasNext || len(p.Items) != 1 || p.Items[0].ID != gws[2].ID {
			t.Fatalf("page 2: got %+v, %v", p, err)
		}
		for name, f := range map[string]voltpay.GatewayFilter{
			"Online":   {SiteID: &s.ID, Online: refOf(true)},
			"Building": {BuildingID: &b.ID},
			"Search":   {SiteID: &s.ID, Search: gws[1].Host},
		} {
			p, err := sites.FindGateways(ctx, f)
			if err != nil || p.Total != 1 || len(p.Items) != 1 || p.Items[0].ID != gws[1].ID {
				t.Fatalf("%s: got %+v, %v", name, p, err)
			}
		}
		got, err := sites.FindGatewaysByIDs(ctx, []int64{gws[2].ID, gws[0].ID})
		if err != nil || len(got) != 2 || got[0].ID != gws[0].ID || got[1].ID != gws[2].ID {
			t.Fatalf("by ids: got %v, %v", got, err)
		}
	})
}
