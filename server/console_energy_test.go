package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// energyPoint is an EnergyPoint as the tests select it.
type energyPoint struct {
	Start, End                        time.Time
	EnergyWh, AmountFen               int64
	SharpWh, PeakWh, FlatWh, ValleyWh *int64
}

// rates prints a point's TOU split, "-" when it has none.
func (p energyPoint) rates() string {
	if p.SharpWh == nil {
		return "-"
	}
	return fmt.Sprintf("%d/%d/%d/%d", *p.SharpWh, *p.PeakWh, *p.FlatWh, *p.ValleyWh)
}

const energyUsageQuery = `query($scope: EnergyScope!, $id: ID!, $from: Time!, $to: Time!, $interval: EnergyInterval!) {
	energyUsage(scope: $scope, id: $id, from: $from, to: $to, interval: $interval) {
		start end energyWh amountFen sharpWh peakWh flatWh valleyWh } }`

// energyUsage asks c for a chart.
func energyUsage(t *testing.T, c *client, scope string, id int64, from, to time.Time, interval string) ([]energyPoint, *gqlResponse) {
	t.Helper()
	resp := c.do(t, energyUsageQuery, map[string]any{"scope": scope, "id": id, "from": from.Format(time.RFC3339),
		"to": to.Format(time.RFC3339), "interval": interval})
	if len(resp.Errors) > 0 {
		return nil, resp
	}
	var got struct{ EnergyUsage []energyPoint }
	resp.Decode(t, &got)
	return got.EnergyUsage, resp
}

// summary prints points as "energy amount rates" each, for comparing.
func summary(points []energyPoint) string {
	s := ""
	for _, p := range points {
		s += fmt.Sprintf("[%d %d %s]", p.EnergyWh, p.AmountFen, p.rates())
	}
	return s
}

// storyClock is a connection of the fixture's own, on a clock of its own:
// accounts opened and readings charged at the times of a test's story (the
// server's clock is left alone).
type storyClock struct {
	t      *testing.T
	env    *testEnv
	db     *postgres.DB
	charge *postgres.ChargeService
}

func newStoryClock(t *testing.T, env *testEnv) *storyClock {
	t.Helper()
	db, err := postgres.Connect(sys(), pgtest.AppURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &storyClock{t: t, env: env, db: db, charge: postgres.NewChargeService(db)}
}

// set makes it at on the clock.
func (c *storyClock) set(at time.Time) { c.db.Now = func() time.Time { return at.UTC() } }

// open opens an account of the env's site with meters, at the clock's time.
func (c *storyClock) open(meters ...int64) *voltpay.Account {
	c.t.Helper()
	a, _, err := postgres.NewAccountService(c.db).OpenAccount(sys(), voltpay.OpenAccountInput{MeterIDs: meters,
		Account: voltpay.AccountInput{SiteID: c.env.Site.ID, TenantName: fmt.Sprintf("故事商户 %d", next()), Phone: "13800138000"}})
	if err != nil {
		c.t.Fatal(err)
	}
	return a
}

// TestConsole_EnergyUsage charts a meter with TOU registers (full readings
// every so often, status readings between them) and a meter without them
// behind a CT, both in a building; the first is charged on an account
// opened after it had already measured something. Energy per point is the
// registers' advance between the edges (local midnights and hours of the
// site), the TOU split the rate registers', the amount what charging took
// for the readings in the point; the account and its tenant see nothing of
// what the meter measured before it was theirs.
func TestConsole_EnergyUsage(t *testing.T) {
	env := newEnv(t)
	admin := env.operator(t, voltpay.RoleAdmin)
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	y, m, d := time.Now().In(shanghai).Date()
	day0 := time.Date(y, m, d-3, 0, 0, 0, 0, shanghai) // local midnight, three days ago
	at := func(hours float64) time.Time { return day0.Add(time.Duration(hours * float64(time.Hour))) }
	fx := newStoryClock(t, env)
	clock, open, charge := fx.set, fx.open, fx.charge

	tariff, err := env.Res.TariffService.CreateTariff(sys(), voltpay.TariffInput{SiteID: env.Site.ID, Name: fmt.Sprintf("电量 %d", next()),
		Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 10000}}) // 1 yuan/kWh
	if err != nil {
		t.Fatal(err)
	}
	b, err := env.Res.SiteService.CreateBuilding(sys(), voltpay.BuildingInput{SiteID: env.Site.ID, Name: fmt.Sprintf("电量楼 %d", next())})
	if err != nil {
		t.Fatal(err)
	}
	newMeter := func(ct int) *voltpay.Meter {
		m, err := env.Res.MeterService.CreateMeter(sys(), voltpay.MeterInput{SiteID: env.Site.ID, BuildingID: &b.ID, TariffID: &tariff.ID,
			Address: fmt.Sprintf("%012d", 800000000+next()), Protocol: voltpay.MeterProtocolDLT645, CTRatio: ct, Phases: 1})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	tou, ct := newMeter(1), newMeter(10)
	full := func(h float64, e, s, p, f, v voltpay.Wh) *voltpay.Reading {
		return &voltpay.Reading{MeterID: tou.ID, ReadAt: at(h), EnergyWh: e, SharpWh: &s, PeakWh: &p, FlatWh: &f, ValleyWh: &v}
	}
	record := func(rs ...*voltpay.Reading) {
		if _, err := env.Res.ReadingService.RecordReadings(sys(), rs); err != nil {
			t.Fatal(err)
		}
	}

	// Before the account: the meter measures 500 Wh, charged to nobody.
	clock(at(-1))
	record(full(-5, 500, 0, 0, 0, 500), full(-2, 1000, 0, 0, 0, 1000))
	if _, err := charge.ChargeMeters(sys(), []int64{tou.ID}); err != nil {
		t.Fatal(err)
	}
	clock(at(0))
	acct, other := open(tou.ID), open()
	// Under the account: a status reading on the hour, full readings every so often.
	record(&voltpay.Reading{MeterID: tou.ID, ReadAt: at(1), EnergyWh: 1500},
		full(1.5, 2000, 0, 200, 300, 1500), full(2.5, 2600, 0, 500, 600, 1500), full(25, 5000, 100, 1500, 1800, 1600))
	record(&voltpay.Reading{MeterID: ct.ID, ReadAt: at(-1.0 / 6), EnergyWh: 100}, &voltpay.Reading{MeterID: ct.ID, ReadAt: at(12), EnergyWh: 150},
		&voltpay.Reading{MeterID: ct.ID, ReadAt: at(30), EnergyWh: 200})
	clock(at(30))
	if st, err := charge.ChargeMeters(sys(), []int64{tou.ID, ct.ID}); err != nil || st.ChargedFen != 400 {
		t.Fatalf("charging: %+v, %v; want 400 fen (4 kWh at 1 yuan)", st, err)
	}

	t.Run("MeterByDay", func(t *testing.T) {
		got, resp := energyUsage(t, admin, "meter", tou.ID, at(-24), at(48), "day")
		if got == nil {
			t.Fatalf("%+v", resp.Errors)
		}
		// Before the account: 500 Wh from its first reading, charged nothing.
		if s := summary(got); s != "[500 0 0/0/0/500][1600 160 0/500/600/500][2400 240 100/1000/1200/100]" {
			t.Errorf("meter by day: %s", s)
		}
		for i, p := range got {
			if !p.Start.Equal(at(float64(24*i-24))) || !p.End.Equal(at(float64(24*i))) {
				t.Errorf("point %d: %s to %s, want local midnights", i, p.Start, p.End)
			}
		}
	})

	t.Run("MeterByHour", func(t *testing.T) {
		got, _ := energyUsage(t, admin, "meter", tou.ID, at(0), at(3), "hour")
		// A reading on the hour belongs to the hour it starts; the status
		// reading's energy is split by the full readings' registers.
		if s := summary(got); s != "[0 0 0/0/0/0][1000 100 0/200/300/500][600 60 0/300/300/0]" {
			t.Errorf("meter by hour: %s", s)
		}
	})

	t.Run("BuildingAddsMeters", func(t *testing.T) {
		got, _ := energyUsage(t, admin, "building", b.ID, at(0), at(48), "day")
		// The CT meter: 50 and 50 Wh on its register, times 10; no rate registers.
		if s := summary(got); s != "[2100 160 0/500/600/500][2900 240 100/1000/1200/100]" {
			t.Errorf("building by day: %s", s)
		}
		ctOnly, _ := energyUsage(t, admin, "meter", ct.ID, at(0), at(48), "day")
		if s := summary(ctOnly); s != "[500 0 -][500 0 -]" {
			t.Errorf("meter without rate registers: %s", s)
		}
	})

	t.Run("AccountFromAttachment", func(t *testing.T) {
		got, _ := energyUsage(t, admin, "account", acct.ID, at(-24), at(48), "day")
		if s := summary(got); s != "[0 0 0/0/0/0][1600 160 0/500/600/500][2400 240 100/1000/1200/100]" {
			t.Errorf("account by day: %s", s)
		}
	})

	t.Run("Tenant", func(t *testing.T) {
		tenant := env.tenant(t, acct.ID)
		for _, scope := range []string{"meter", "account"} {
			id := tou.ID
			if scope == "account" {
				id = acct.ID
			}
			got, resp := energyUsage(t, tenant, scope, id, at(-24), at(48), "day")
			if got == nil {
				t.Fatalf("%s: %+v", scope, resp.Errors)
			}
			if s := summary(got); s != "[0 0 0/0/0/0][1600 160 0/500/600/500][2400 240 100/1000/1200/100]" {
				t.Errorf("tenant's %s: %s (nothing from before it was theirs)", scope, s)
			}
		}
		// Anything else is null, as an id of nothing is: the tenant cannot tell which.
		for _, c := range []struct {
			scope string
			id    int64
		}{{"meter", ct.ID}, {"account", other.ID}, {"meter", 987654321}, {"building", b.ID}, {"site", env.Site.ID}} {
			resp := tenant.do(t, energyUsageQuery, map[string]any{"scope": c.scope, "id": c.id, "from": at(0).Format(time.RFC3339),
				"to": at(48).Format(time.RFC3339), "interval": "day"})
			wantHidden(t, fmt.Sprintf("tenant asking for %s %d", c.scope, c.id), resp)
		}
		wantHidden(t, "an operator asking for a meter of nothing", admin.do(t, energyUsageQuery, map[string]any{"scope": "meter",
			"id": 987654321, "from": at(0).Format(time.RFC3339), "to": at(48).Format(time.RFC3339), "interval": "day"}))
	})

	t.Run("Bounds", func(t *testing.T) {
		if _, resp := energyUsage(t, admin, "meter", tou.ID, at(0), at(1001), "hour"); resp.Code() != voltpay.EINVALID ||
			resp.Errors[0].Extensions.Field != "interval" {
			t.Errorf("1001 hourly points: got %+v, want INVALID_INPUT naming interval", resp.Errors)
		}
		if got, resp := energyUsage(t, admin, "meter", tou.ID, at(0), at(1000), "hour"); len(got) != 1000 {
			t.Errorf("1000 hourly points: got %d, %+v", len(got), resp.Errors)
		}
		if _, resp := energyUsage(t, admin, "meter", tou.ID, at(0), at(24*367), "month"); resp.Code() != voltpay.EINVALID ||
			resp.Errors[0].Extensions.Field != "to" {
			t.Errorf("367 days: got %+v, want INVALID_INPUT naming to", resp.Errors)
		}
		months, _ := energyUsage(t, admin, "meter", tou.ID, at(0), at(24*100), "month")
		for i, p := range months[1:] {
			if p.Start.In(shanghai).Day() != 1 || p.Start.In(shanghai).Hour() != 0 || !months[i].End.Equal(p.Start) {
				t.Errorf("month %d starts %s, want a local first of the month", i+1, p.Start.In(shanghai))
			}
		}
		// Too many meters × points for one chart: a site of 101 meters by the hour.
		big, err := env.Res.SiteService.CreateSite(sys(), voltpay.SiteInput{Name: fmt.Sprintf("大场 %d", next()), Code: fmt.Sprintf("E%d", next())})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.DB.ExecContext(sys(), `INSERT INTO meters (site_id, address, protocol)
			SELECT $1, lpad(i::text, 12, '0'), 'dlt645' FROM generate_series(1, 101) AS i`, big.ID); err != nil {
			t.Fatal(err)
		}
		if _, resp := energyUsage(t, admin, "site", big.ID, at(0), at(990), "hour"); resp.Code() != voltpay.EINVALID {
			t.Errorf("101 meters × 990 points: got %+v, want INVALID_INPUT", resp.Errors)
		}
		if got, resp := energyUsage(t, admin, "site", big.ID, at(0), at(24*30), "day"); len(got) != 30 {
			t.Errorf("101 meters × 30 days: got %d points, %+v", len(got), resp.Errors)
		}
	})
}
