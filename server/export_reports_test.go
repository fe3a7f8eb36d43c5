package main

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// opsSite is a site with two accounts in arrears (-15.00 and 0.00), one
// in credit, and a shared-cost run of October 2026 (100 kWh at 0.8523
// over two members by area 1:3).
type opsSite struct {
	env              *testEnv
	owes, zero, paid *voltpay.Account
	run              *voltpay.ApportionRun
	siteID           string
}

func newOpsSite(t *testing.T) *opsSite {
	t.Helper()
	env := newEnv(t)
	s := &opsSite{env: env, siteID: strconv.FormatInt(env.Site.ID, 10)}
	s.owes = env.openAccount(t, 500, env.createMeter(t, nil).ID)
	s.zero = env.openAccount(t, 0, env.createMeter(t, nil).ID)
	s.paid = env.openAccount(t, 12345, env.createMeter(t, nil).ID)
	if _, err := env.DB.ExecContext(context.Background(), `INSERT INTO ledger_entries
		(account_id, type, amount_fen, balance_after_fen, idempotency_key, receipt_no, meter_id, actor)
		VALUES ($1, 'charge', -2000, 0, $2, '', (SELECT min(id) FROM meters WHERE account_id = $1), 'test')`,
		s.owes.ID, newKey()); err != nil {
		t.Fatal(err)
	}

	tariff, err := env.Res.TariffService.CreateTariff(sys(), voltpay.TariffInput{SiteID: env.Site.ID, Name: fmt.Sprintf("公摊价 %d", next()),
		Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 8523}})
	if err != nil {
		t.Fatal(err)
	}
	common := env.createMeter(t, nil)
	for at, wh := range map[string]voltpay.Wh{"2026-10-01 00:00:00": 1000, "2026-11-01 00:00:00": 101_000} {
		ts, _ := time.ParseInLocation(time.DateTime, at, billing.ChinaTime)
		if _, err := env.Res.ReadingService.RecordReadings(context.Background(), []*voltpay.Reading{{MeterID: common.ID, ReadAt: ts, EnergyWh: wh}}); err != nil {
			t.Fatal(err)
		}
	}
	a1, a3 := int64(10000), int64(30000)
	g, err := env.Res.ApportionService.CreateApportionGroup(sys(), voltpay.ApportionGroupInput{SiteID: env.Site.ID,
		Name: fmt.Sprintf("A座公摊 %d", next()), Method: voltpay.ApportionArea, TariffID: tariff.ID,
		Sources: []voltpay.ApportionSource{{MeterID: common.ID, Role: voltpay.SourceCommon}},
		Members: []voltpay.ApportionMember{{AccountID: s.paid.ID, AreaM2X100: &a1}, {AccountID: s.zero.ID, AreaM2X100: &a3}}})
	if err != nil {
		t.Fatal(err)
	}
	if s.run, err = env.Res.ApportionService.RunApportionment(sys(), g.ID, "2026-10"); err != nil {
		t.Fatal(err)
	}
	return s
}

// cellStyle is the number format of a cell.
func cellFormat(t *testing.T, f *excelize.File, sheet string, col, row int) string {
	t.Helper()
	cell, _ := excelize.CoordinatesToCellName(col+1, row+1)
	id, _ := f.GetCellStyle(sheet, cell)
	st, err := f.GetStyle(id)
	if err != nil || st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

func TestOpsReports_ExportReadBack(t *testing.T) {
	s := newOpsSite(t)
	admin := s.env.operator(t, voltpay.RoleAdmin)

	// Arrears: -15.00 (after the run: 500 - 2000 = -1500 fen), then the
	// zero account charged its shared cost (8523 × 3/4 = 6392 fen), a total
	// row with the sums.
	resp, body := admin.download(t, exportPath("arrearsAccounts", map[string]any{"siteId": s.siteID}))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("arrears export: %d %s", resp.StatusCode, body)
	}
	f, sheet, rows := workbook(t, body)
	rows = rows[1:] // below the title row
	if sheet != "欠费" || rows[0][0] != "户号" || rows[0][5] != "余额(元)" || rows[0][6] != "欠费(元)" {
		t.Fatalf("arrears sheet %q header %q", sheet, rows[0])
	}
	if len(rows) != 4 || rows[1][0] != s.zero.No || rows[1][5] != "-63.92" || rows[1][6] != "63.92" ||
		rows[2][0] != s.owes.No || rows[2][5] != "-15" || rows[2][6] != "15" || rows[2][7] != "欠费" {
		t.Fatalf("arrears rows: %q", rows)
	}
	if rows[3][0] != "合计" || rows[3][5] != "-78.92" || rows[3][6] != "78.92" {
		t.Fatalf("arrears totals row: %q", rows[3])
	}
	if got := cellFormat(t, f, sheet, 6, 3); got != "#,##0.00" {
		t.Errorf("the debt total's format is %q, want #,##0.00", got)
	}

	// Snapshot: every meter of the site, in id order.
	resp, body = admin.download(t, exportPath("meterSnapshot", map[string]any{"siteId": s.siteID}, "lang", "en"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("snapshot export: %d %s", resp.StatusCode, body)
	}
	f, sheet, rows = workbook(t, body)
	rows = rows[1:] // below the title row
	if sheet != "meter snapshot" || len(rows) != 5 || rows[0][9] != "Total (kWh)" || rows[4][9] != "101" {
		t.Fatalf("snapshot: sheet %q rows %q", sheet, rows)
	}
	if got := cellFormat(t, f, sheet, 9, 5); got != "#,##0.00" { // rows[4], below the title
		t.Errorf("the register's format is %q, want #,##0.00", got)
	}

	// The statement: two lines that add up to the run, and reconcile.
	resp, body = admin.download(t, exportPath("apportionStatementLines", map[string]any{"runId": strconv.FormatInt(s.run.ID, 10)}))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("statement export: %d %s", resp.StatusCode, body)
	}
	_, sheet, rows = workbook(t, body)
	rows = rows[1:] // below the title row
	if sheet != "公摊" || len(rows) != 4 {
		t.Fatalf("statement: %q %q", sheet, rows)
	}
	// In account id order: the zero account (3/4) was opened first.
	if rows[1][0] != s.zero.No || rows[1][3] != "7500" || rows[1][5] != "63.92" || rows[2][3] != "2500" || rows[2][5] != "21.31" ||
		rows[1][8] != "是" || rows[2][7] != "21.31" {
		t.Fatalf("statement lines: %q", rows[1:3])
	}
	if rows[3][0] != "合计" || rows[3][4] != "100" || rows[3][5] != "85.23" || rows[3][7] != "85.23" {
		t.Fatalf("statement totals: %q", rows[3])
	}

	// Alarm days of a month: none here, but a well-formed file.
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, billing.ChinaTime)
	resp, body = admin.download(t, exportPath("alarmDailyCounts", map[string]any{"siteId": s.siteID,
		"from": from.Format(time.RFC3339), "to": from.AddDate(0, 1, 0).Format(time.RFC3339)}))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("alarm days export: %d %s", resp.StatusCode, body)
	}
	_, sheet, rows = workbook(t, body)
	if rows = rows[1:]; sheet != "告警统计" || len(rows) != 1 || rows[0][0] != "日期" { // below the title row
		t.Fatalf("alarm days: %q %q", sheet, rows)
	}
	resp, body = admin.download(t, exportPath("offlineMeters", map[string]any{"siteId": s.siteID}))
	_, sheet, rows = workbook(t, body)
	if rows = rows[1:]; resp.StatusCode != 200 || sheet != "失联表" || len(rows) != 4 { // below the title row
		t.Fatalf("offline meters (the three never read; the common meter was): %q %q", sheet, rows)
	}
}

func TestOpsReports_Refusals(t *testing.T) {
	s := newOpsSite(t)
	env := s.env
	admin := env.operator(t, voltpay.RoleAdmin)
	tenant := env.tenant(t, s.owes.ID)
	siteKey := env.apiKey(t, voltpay.PermReadSite)
	accountsKey := env.apiKey(t, voltpay.PermReadAccounts)
	cases := []struct {
		name   string
		c      *client
		path   string
		status int
		code   string
		field  string
	}{
		{"tenant: arrears", tenant, exportPath("arrearsAccounts", nil), 403, voltpay.EFORBIDDEN, ""},
		{"tenant: snapshot", tenant, exportPath("meterSnapshot", map[string]any{"siteId": s.siteID}), 403, voltpay.EFORBIDDEN, ""},
		{"key without read_accounts", siteKey, exportPath("arrearsAccounts", nil), 403, voltpay.EFORBIDDEN, ""},
		{"key without read_site", accountsKey, exportPath("offlineMeters", map[string]any{"siteId": s.siteID}), 403, voltpay.EFORBIDDEN, ""},
		{"snapshot without a site", admin, exportPath("meterSnapshot", nil), 400, voltpay.EINVALID, "filter"},
		{"bad level", admin, exportPath("arrearsAccounts", map[string]any{"level": "broke"}), 400, voltpay.EINVALID, "level"},
		{"range too long", admin, exportPath("alarmDailyCounts", map[string]any{"from": "2026-01-01T00:00:00+08:00",
			"to": "2026-12-01T00:00:00+08:00"}), 400, voltpay.EINVALID, "to"},
		{"no such run", admin, exportPath("apportionStatementLines", map[string]any{"runId": "999999999"}), 404, voltpay.ENOTFOUND, ""},
	}
	for _, c := range cases {
		resp, body := c.c.download(t, c.path)
		e := decodeError(t, body)
		if resp.StatusCode != c.status || e.Code != c.code || (c.field != "" && e.Field != c.field) || e.Error == "" {
			t.Errorf("%s: %d %+v; want %d %s field %q", c.name, resp.StatusCode, e, c.status, c.code, c.field)
		}
	}

	// Over GraphQL: staff see the reports, tenants are refused each.
	queries := map[string]string{
		"arrearsReport":      `{ arrearsReport { count debtFen rows { accountNo meters { relay } } byBuilding { count } } }`,
		"meterSnapshot":      `query($s: ID!) { meterSnapshot(filter: {siteId: $s}) { totalCount nodes { meterId displayStatus } } }`,
		"offlineSummary":     `query($s: ID!) { offlineSummary(filter: {siteId: $s}) { meters offline byBuilding { offline } } }`,
		"alarmStats":         `query($s: ID!) { alarmStats(filter: {siteId: $s, from: "2026-11-01T00:00:00+08:00", to: "2026-12-01T00:00:00+08:00"}) { byKind { kind raised } } }`,
		"apportionStatement": `query($r: ID!) { apportionStatement(runId: $r) { reconciled lines { shareBp } run { totalFen } } }`,
	}
	vars := map[string]any{"s": s.siteID, "r": strconv.FormatInt(s.run.ID, 10)}
	for name, q := range queries {
		v := map[string]any{}
		for k, val := range vars {
			if containsVar(q, k) {
				v[k] = val
			}
		}
		if r := admin.do(t, q, v); len(r.Errors) > 0 {
			t.Errorf("%s as admin: %+v", name, r.Errors)
		}
		if r := tenant.do(t, q, v); r.Code() != voltpay.EFORBIDDEN {
			t.Errorf("%s as a tenant: %s %+v; want FORBIDDEN", name, r.Code(), r.Errors)
		}
	}
	var st struct {
		ApportionStatement struct {
			Reconciled bool
			Lines      []struct{ ShareBp int }
			Run        struct{ TotalFen int64 }
		}
	}
	admin.do(t, queries["apportionStatement"], map[string]any{"r": strconv.FormatInt(s.run.ID, 10)}).Decode(t, &st)
	if !st.ApportionStatement.Reconciled || len(st.ApportionStatement.Lines) != 2 || st.ApportionStatement.Lines[0].ShareBp != 7500 || st.ApportionStatement.Run.TotalFen != 8523 {
		t.Errorf("statement over GraphQL: %+v", st)
	}
	if r := admin.do(t, `{ alarmStats(filter: {from: "2026-12-01T00:00:00Z", to: "2026-11-01T00:00:00Z"}) { days { day } } }`, nil); r.Code() != voltpay.EINVALID {
		t.Errorf("a reversed range: %s %+v; want INVALID_INPUT", r.Code(), r.Errors)
	}
}

// containsVar reports whether query declares variable $name.
func containsVar(query, name string) bool {
	for i := 0; i+len(name)+1 <= len(query); i++ {
		if query[i] == '$' && query[i+1:i+1+len(name)] == name {
			return true
		}
	}
	return false
}

// readBackElsewhere are the exports TestExport_EveryList leaves out, as
// they need an object its site has not (a shared-cost run): they are read
// back in TestOpsReports_ExportReadBack.
var readBackElsewhere = map[string]bool{"apportionStatementLines": true}

// reportFilters are the filters the reports that need one export with in
// TestExport_EveryList.
func reportFilters(env *testEnv) map[string]any {
	site := strconv.FormatInt(env.Site.ID, 10)
	return map[string]any{
		"meterSnapshot":    map[string]any{"siteId": site},
		"offlineMeters":    map[string]any{"siteId": site},
		"alarmDailyCounts": map[string]any{"from": "2026-11-01T00:00:00+08:00", "to": "2026-12-01T00:00:00+08:00"},
	}
}
