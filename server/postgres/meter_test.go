package postgres_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// mkMeter creates a meter.
func mkMeter(tb testing.TB, db *postgres.DB, in voltpay.MeterInput) *voltpay.Meter {
	tb.Helper()
	m, err := postgres.NewMeterService(db).CreateMeter(AdminContext(), in)
	if err != nil {
		tb.Fatalf("create meter %+v: %v", in, err)
	}
	return m
}

// randomAddress returns a DL/T 645 address no other test uses.
func randomAddress() string { return fmt.Sprintf("%012d", rand.Int64N(999_999_999_999)) }

// mkAccount opens an account in siteID holding meterIDs.
func mkAccount(tb testing.TB, db *postgres.DB, siteID int64, meters ...int64) *voltpay.Account {
	tb.Helper()
	a, _, err := postgres.NewAccountService(db).OpenAccount(AdminContext(), voltpay.OpenAccountInput{
		Account:  voltpay.AccountInput{SiteID: siteID, TenantName: "李记水果", Phone: "13912345678"},
		MeterIDs: meters,
	})
	if err != nil {
		tb.Fatalf("open account: %v", err)
	}
	return a
}

func TestMeter_Create(t *testing.T) {
	db := MustOpenDB(t)
	meters := postgres.NewMeterService(db)
	ctx := AdminContext()
	site, other := MustCreateSite(t, db), MustCreateSite(t, db)
	dltGW, modbusGW := mkGateway(t, db, site.ID, voltpay.ProtocolDLT645), mkGateway(t, db, site.ID, voltpay.ProtocolModbusTCP)
	otherGW := mkGateway(t, db, other.ID, voltpay.ProtocolDLT645)
	bldg, otherBldg := mkBuilding(t, db, site.ID, "A座", "1F"), mkBuilding(t, db, other.ID, "A座")
	tariff, otherTariff := mkFlatTariff(t, db, site.ID), mkFlatTariff(t, db, other.ID)

	m, err := meters.CreateMeter(ctx, voltpay.MeterInput{
		SiteID: site.ID, BuildingID: &bldg.ID, Floor: "1F", Room: " 101 ", Address: "1234", Model: "DDSY1352",
		Protocol: voltpay.MeterProtocolDLT645, GatewayID: &dltGW.ID, TariffID: &tariff.ID,
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.Address != "000000001234" || m.Room != "101" || m.Phases != 1 || m.CTRatio != 1 || m.PrepaidMode != voltpay.PrepaidPlatform ||
		m.Relay != voltpay.RelayUnknown || m.Status != voltpay.MeterActive || m.Online || m.AccountID != nil || *m.TariffID != tariff.ID {
		t.Fatalf("got %+v", m)
	}

	t.Run("Modbus", func(t *testing.T) {
		m := mkMeter(t, db, voltpay.MeterInput{SiteID: site.ID, Address: "007", Protocol: voltpay.MeterProtocolModbus, GatewayID: &modbusGW.ID,
			Phases: 3, CTRatio: 40, PrepaidMode: voltpay.PrepaidMeter, OverloadW: refOf[int64](20000),
			Alarm1Fen: refOf[voltpay.Fen](3000), Alarm2Fen: refOf[voltpay.Fen](1000)})
		if m.Address != "7" || m.Phases != 3 || m.CTRatio != 40 || *m.OverloadW != 20000 || *m.Alarm1Fen != 3000 || *m.Alarm2Fen != 1000 {
			t.Fatalf("got %+v", m)
		}
	})
	t.Run("Direct", func(t *testing.T) {
		addr := randomAddress()
		m := mkMeter(t, db, voltpay.MeterInput{SiteID: site.ID, Address: addr, Protocol: voltpay.MeterProtocolDLT645})
		if !m.Direct() {
			t.Fatalf("got %+v, want a direct meter", m)
		}
		_, err := meters.CreateMeter(ctx, voltpay.MeterInput{SiteID: other.ID, Address: addr, Protocol: voltpay.MeterProtocolDLT645})
		wantCode(t, err, voltpay.ECONFLICT)
	})
	t.Run("ErrConflictSameGateway", func(t *testing.T) {
		_, err := meters.CreateMeter(ctx, voltpay.MeterInput{SiteID: site.ID, Address: "000000001234", Protocol: voltpay.MeterProtocolDLT645, GatewayID: &dltGW.ID})
		wantCode(t, err, voltpay.ECONFLICT)
	})
	t.Run("SameAddressOtherGateway", func(t *testing.T) {
		gw2 := mkGateway(t, db, site.ID, voltpay.ProtocolDLT645)
		mkMeter(t, db, voltpay.MeterInput{SiteID: site.ID, Address: "1234", Protocol: voltpay.MeterProtocolDLT645, GatewayID: &gw2.ID})
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		before := countRows(t, db, `SELECT count(*) FROM meters WHERE site_id = $1`, site.ID)
		for i, tc := range []struct {
			code string
			f    func(*voltpay.MeterInput)
		}{
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.Address = "" }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.Address = "1234567890123" }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.Address = "12AB" }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.Address = "999999999999" }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) {
				in.Protocol, in.GatewayID, in.Address = voltpay.MeterProtocolModbus, &modbusGW.ID, "0"
			}},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) {
				in.Protocol, in.GatewayID, in.Address = voltpay.MeterProtocolModbus, &modbusGW.ID, "248"
			}},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.Protocol = "mbus" }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.Phases = 2 }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.CTRatio = 10001 }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.CTRatio = -5 }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.PrepaidMode = "card" }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.OverloadW = refOf[int64](0) }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.Alarm1Fen = refOf[voltpay.Fen](-1) }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) {
				in.Alarm1Fen, in.Alarm2Fen = refOf[voltpay.Fen](100), refOf[voltpay.Fen](200)
			}},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.Floor = strings.Repeat("F", 21) }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.SiteID = 0 }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.GatewayID = &otherGW.ID }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.GatewayID = &modbusGW.ID }}, // dlt645 meter on a Modbus bus
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { // Modbus meter on a DL/T 645 bus
				in.Protocol, in.Address = voltpay.MeterProtocolModbus, "9"
			}},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.BuildingID = &otherBldg.ID }},
			{voltpay.EINVALID, func(in *voltpay.MeterInput) { in.TariffID = &otherTariff.ID }},
			{voltpay.ENOTFOUND, func(in *voltpay.MeterInput) { in.SiteID = 1 << 40 }},
			{voltpay.ENOTFOUND, func(in *voltpay.MeterInput) { in.GatewayID = refOf[int64](1 << 40) }},
			{voltpay.ENOTFOUND, func(in *voltpay.MeterInput) { in.BuildingID = refOf[int64](1 << 40) }},
			{voltpay.ENOTFOUND, func(in *voltpay.MeterInput) { in.TariffID = refOf[int64](1 << 40) }},
		} {
			in := voltpay.MeterInput{SiteID: site.ID, Address: randomAddress(), Protocol: voltpay.MeterProtocolDLT645, GatewayID: &dltGW.ID}
			tc.f(&in)
			_, err := meters.CreateMeter(ctx, in)
			if got := voltpay.ErrorCode(err); got != tc.code {
				t.Errorf("case %d (%+v): got %q (%v), want %q", i, in, got, err, tc.code)
			}
		}
		if after := countRows(t, db, `SELECT count(*) FROM meters WHERE site_id = $1`, site.ID); after != before {
			t.Fatalf("meters in site: %d before, %d after failed creates", before, after)
		}
	})
}

func TestMeter_Update(t *testing.T) {
	db := MustOpenDB(t)
	meters := postgres.NewMeterService(db)
	ctx := AdminContext()
	site, other := MustCreateSite(t, db), MustCreateSite(t, db)
	gw := mkGateway(t, db, site.ID, voltpay.ProtocolDLT645)
	in := voltpay.MeterInput{SiteID: site.ID, Address: "1", Protocol: voltpay.MeterProtocolDLT645, GatewayID: &gw.ID}
	m := mkMeter(t, db, in)
	m2 := mkMeter(t, db, voltpay.MeterInput{SiteID: site.ID, Address: "2", Protocol: voltpay.MeterProtocolDLT645, GatewayID: &gw.ID})
	a := mkAccount(t, db, site.ID, m.ID)
	if _, err := db.Exec(`UPDATE meters SET relay = 'closed', online = true WHERE id = $1`, m.ID); err != nil {
		t.Fatal(err)
	}

	tariff := mkFlatTariff(t, db, site.ID)
	in.Room, in.TariffID, in.CTRatio, in.SiteID = "B-12", &tariff.ID, 20, 0
	u, err := meters.UpdateMeter(ctx, m.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if u.Room != "B-12" || *u.TariffID != tariff.ID || u.CTRatio != 20 || u.SiteID != site.ID {
		t.Fatalf("got %+v", u)
	}
	if u.AccountID == nil || *u.AccountID != a.ID || u.Relay != voltpay.RelayClosed || !u.Online || u.Status != voltpay.MeterActive {
		t.Fatalf("update touched account, relay, online or status: %+v", u)
	}

	t.Run("ErrConflictAddress", func(t *testing.T) {
		bad := in
		bad.Address = "000000000002"
		_, err := meters.UpdateMeter(ctx, m.ID, bad)
		wantCode(t, err, voltpay.ECONFLICT)
	})
	t.Run("ErrPrepaidModeWhileAttached", func(t *testing.T) {
		bad := in
		bad.PrepaidMode = voltpay.PrepaidMeter
		_, err := meters.UpdateMeter(ctx, m.ID, bad)
		wantCode(t, err, voltpay.ECONFLICT)
		// An unassigned meter may switch.
		free := voltpay.MeterInput{Address: "2", Protocol: voltpay.MeterProtocolDLT645, GatewayID: &gw.ID, PrepaidMode: voltpay.PrepaidMeter}
		if got, err := meters.UpdateMeter(ctx, m2.ID, free); err != nil || got.PrepaidMode != voltpay.PrepaidMeter {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
	t.Run("ErrOtherSite", func(t *testing.T) {
		bad := in
		bad.SiteID = other.ID
		_, err := meters.UpdateMeter(ctx, m.ID, bad)
		wantCode(t, err, voltpay.EINVALID)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		bad := in
		bad.Phases = 2
		_, err := meters.UpdateMeter(ctx, m.ID, bad)
		wantCode(t, err, voltpay.EINVALID)
		got, err := meters.FindMeterByID(ctx, m.ID)
		if err != nil || got.Phases != 1 || got.Room != "B-12" {
			t.Fatalf("got %+v, %v; want it unchanged", got, err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := meters.UpdateMeter(ctx, 1<<40, in)
		wantCode(t, err, voltpay.ENOTFOUND)
		_, err = meters.FindMeterByID(ctx, 1<<40)
		wantCode(t, err, voltpay.ENOTFOUND)
	})
}

func TestMeter_Find(t *testing.T) {
	db := MustOpenDB(t)
	meters := postgres.NewMeterService(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db)
	gw := mkGateway(t, db, site.ID, voltpay.ProtocolDLT645)
	bldg := mkBuilding(t, db, site.ID, "A座", "1F", "2F")
	var ms []*voltpay.Meter
	for i := range 5 {
		ms = append(ms, mkMeter(t, db, voltpay.MeterInput{
			SiteID: site.ID, GatewayID: &gw.ID, Protocol: voltpay.MeterProtocolDLT645, Address: fmt.Sprint(i + 1),
			BuildingID: &bldg.ID, Floor: fmt.Sprintf("%dF", i%2+1), Room: fmt.Sprintf("10%d%%", i), Model: "DDSY1352",
		}))
	}
	if _, err := db.Exec(`UPDATE meters SET online = true, relay = 'open' WHERE id = $1`, ms[3].ID); err != nil {
		t.Fatal(err)
	}
	a := mkAccount(t, db, site.ID, ms[0].ID, ms[2].ID)

	t.Run("Pages", func(t *testing.T) {
		f := voltpay.MeterFilter{GatewayID: &gw.ID, Page: voltpay.PageArgs{First: 2}}
		var seen []int64
		for page := 1; ; page++ {
			p, err := meters.FindMeters(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if p.Total != 5 {
				t.Fatalf("page %d: total %d, want 5", page, p.Total)
			}
			for _, m := range p.Items {
				seen = append(seen, m.ID)
			}
			if !p.HasNext {
				break
			}
			f.Page.After = p.Items[len(p.Items)-1].ID
		}
		if fmt.Sprint(seen) != fmt.Sprint(meterIDs(ms)) {
			t.Fatalf("paged through %v, want %v", seen, meterIDs(ms))
		}
		p, err := meters.FindMeters(ctx, voltpay.MeterFilter{GatewayID: &gw.ID, Page: voltpay.PageArgs{After: ms[4].ID}})
		if err != nil || len(p.Items) != 0 || p.HasNext || p.Total != 5 {
			t.Fatalf("past the end: got %+v, %v", p, err)
		}
	})
	t.Run("Filters", func(t *testing.T) {
		for name, tc := range map[string]struct {
			f    voltpay.MeterFilter
			want []*voltpay.Meter
		}{
			"Site":       {voltpay.MeterFilter{SiteID: &site.ID}, ms},
			"Building":   {voltpay.MeterFilter{BuildingID: &bldg.ID}, ms},
			"Floor":      {voltpay.MeterFilter{SiteID: &site.ID, Floor: refOf("2F")}, []*voltpay.Meter{ms[1], ms[3]}},
			"Online":     {voltpay.MeterFilter{SiteID: &site.ID, Online: refOf(true)}, ms[3:4]},
			"Offline":    {voltpay.MeterFilter{SiteID: &site.ID, Online: refOf(false)}, []*voltpay.Meter{ms[0], ms[1], ms[2], ms[4]}},
			"Relay":      {voltpay.MeterFilter{SiteID: &site.ID, Relay: refOf(voltpay.RelayOpen)}, ms[3:4]},
			"Status":     {voltpay.MeterFilter{SiteID: &site.ID, Status: refOf(voltpay.MeterActive)}, ms},
			"Account":    {voltpay.MeterFilter{AccountID: &a.ID}, []*voltpay.Meter{ms[0], ms[2]}},
			"Unassigned": {voltpay.MeterFilter{SiteID: &site.ID, Unassigned: refOf(true)}, []*voltpay.Meter{ms[1], ms[3], ms[4]}},
			"Assigned":   {voltpay.MeterFilter{SiteID: &site.ID, Unassigned: refOf(false)}, []*voltpay.Meter{ms[0], ms[2]}},
			"SearchRoom": {voltpay.MeterFilter{SiteID: &site.ID, Search: "103%"}, ms[3:4]},
			"SearchLike": {voltpay.MeterFilter{SiteID: &site.ID, Search: "10_"}, nil}, // "_" is literal
			"SearchAddr": {voltpay.MeterFilter{SiteID: &site.ID, Search: "000000000005"}, ms[4:5]},
			"Combined":   {voltpay.MeterFilter{GatewayID: &gw.ID, Floor: refOf("1F"), Unassigned: refOf(true)}, ms[4:5]},
		} {
			p, err := meters.FindMeters(ctx, tc.f)
			if err != nil || fmt.Sprint(meterIDs(p.Items)) != fmt.Sprint(meterIDs(tc.want)) || p.Total != len(tc.want) {
				t.Errorf("%s: got %v (total %d), %v; want %v", name, meterIDs(p.Items), p.Total, err, meterIDs(tc.want))
			}
		}
		_, err := meters.FindMeters(ctx, voltpay.MeterFilter{Relay: refOf("broken")})
		wantCode(t, err, voltpay.EINVALID)
		_, err = meters.FindMeters(ctx, voltpay.MeterFilter{Status: refOf("lost")})
		wantCode(t, err, voltpay.EINVALID)
	})
	t.Run("Batches", func(t *testing.T) {
		got, err := meters.FindMetersByIDs(ctx, []int64{ms[4].ID, ms[1].ID, 1 << 40})
		if err != nil || fmt.Sprint(meterIDs(got)) != fmt.Sprint([]int64{ms[1].ID, ms[4].ID}) {
			t.Fatalf("by ids: got %v, %v", meterIDs(got), err)
		}
		b := mkAccount(t, db, site.ID, ms[4].ID)
		byAcct, err := meters.FindMetersByAccountIDs(ctx, []int64{a.ID, b.ID, 1 << 40})
		if err != nil || len(byAcct) != 2 || fmt.Sprint(meterIDs(byAcct[a.ID])) != fmt.Sprint([]int64{ms[0].ID, ms[2].ID}) ||
			fmt.Sprint(meterIDs(byAcct[b.ID])) != fmt.Sprint([]int64{ms[4].ID}) {
			t.Fatalf("by accounts: got %v, %v", byAcct, err)
		}
	})
	t.Run("Tenant", func(t *testing.T) {
		tctx := TenantContext(a.ID)
		p, err := meters.FindMeters(tctx, voltpay.MeterFilter{SiteID: &site.ID, AccountID: refOf[int64](1 << 40)})
		if err != nil || fmt.Sprint(meterIDs(p.Items)) != fmt.Sprint([]int64{ms[0].ID, ms[2].ID}) || p.Total != 2 {
			t.Fatalf("got %v, %v; want only the tenant's meters", meterIDs(p.Items), err)
		}
		if m, err := meters.FindMeterByID(tctx, ms[2].ID); err != nil || m.ID != ms[2].ID {
			t.Fatalf("own meter: got %v, %v", m, err)
		}
		_, err = meters.FindMeterByID(tctx, ms[1].ID)
		wantCode(t, err, voltpay.EFORBIDDEN)
	})
}

func meterIDs(ms []*voltpay.Meter) []int64 {
	out := []int64{}
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}
