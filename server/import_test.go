package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/sheets"
)

// importRow is one row of the site import sheet, in the template's
// column order (sheets.importCols).
type importRow struct {
	Building, Floor, Room, Gateway, GatewayProtocol, GatewayHost, GatewayPort string
	Address, MeterProtocol, Channel, Model, Phases, CTRatio, Tariff           string
	ShopNo, Tenant, Phone, Opening                                            string
}

func (r importRow) cells() []string {
	return []string{r.Building, r.Floor, r.Room, r.Gateway, r.GatewayProtocol, r.GatewayHost, r.GatewayPort,
		r.Address, r.MeterProtocol, r.Channel, r.Model, r.Phases, r.CTRatio, r.Tariff, r.ShopNo, r.Tenant, r.Phone, r.Opening}
}

// siteWorkbook fills the real template with rows (from row 2, over the
// example) and returns the .xlsx.
func siteWorkbook(tb testing.TB, rows []importRow) []byte {
	tb.Helper()
	f, err := sheets.Template(nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	for i, r := range rows {
		cells := r.cells()
		if err := f.SetSheetRow(sheets.ImportSheet, fmt.Sprintf("A%d", i+2), &cells); err != nil {
			tb.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// importAnswerBody is the answer of POST /import/site as a test reads it.
type importAnswerBody struct {
	OK              bool
	DryRun          bool
	AlreadyImported bool
	Errors          []sheets.CellError
	SkippedRows     []int
	Summary         voltpay.SiteImportSummary
	Code            string
	Error           string
}

// postSheet uploads body to POST /import/site.
func (c *client) postSheet(tb testing.TB, siteID int64, dryRun bool, contentType string, body []byte) (int, importAnswerBody) {
	tb.Helper()
	url := fmt.Sprintf("%s/import/site?siteId=%d&dryRun=%t", c.env.Srv.URL, siteID, dryRun)
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	c.authorize(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("POST /import/site: %v", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out importAnswerBody
	if err := json.Unmarshal(raw, &out); err != nil {
		tb.Fatalf("answer is not JSON (%d): %.300s", resp.StatusCode, raw)
	}
	return resp.StatusCode, out
}

// siteCounts counts what a site holds, to see that a refused import wrote nothing.
type siteCounts struct{ Buildings, Gateways, Meters, Accounts, Entries, Imports int }

func countSite(tb testing.TB, env *testEnv) siteCounts {
	tb.Helper()
	var c siteCounts
	err := env.DB.QueryRowContext(context.Background(), `
		SELECT (SELECT count(*) FROM buildings WHERE site_id = $1), (SELECT count(*) FROM gateways WHERE site_id = $1),
			(SELECT count(*) FROM meters WHERE site_id = $1), (SELECT count(*) FROM accounts WHERE site_id = $1),
			(SELECT count(*) FROM ledger_entries e JOIN accounts a ON a.id = e.account_id WHERE a.site_id = $1),
			(SELECT count(*) FROM site_imports WHERE site_id = $1)`, env.Site.ID).
		Scan(&c.Buildings, &c.Gateways, &c.Meters, &c.Accounts, &c.Entries, &c.Imports)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// siteFixture is a sheet of 2 buildings, 3 gateways (DL/T 645 and Modbus
// RTU in building A, DL/T 645 in building B) and 40 meters: 15, 10 and 13
// behind the gateways and 2 direct 4G meters; 9 tenants in the buildings, one of them with
// two meters, 8 with an opening balance, 2 with a direct meter: 11 accounts.
func siteFixture(env *testEnv, tariff string) []importRow {
	n := next()
	host := func(i int) string { return fmt.Sprintf("10.%d.%d.%d", 100+n%100, n/100%250, i) }
	var rows []importRow
	add := func(r importRow) { rows = append(rows, r) }
	for i := 1; i <= 15; i++ {
		r := importRow{Building: "A座", Floor: fmt.Sprintf("%dF", (i-1)/5+1), Room: fmt.Sprintf("A%02d", i), Gateway: "A座DL网关",
			Address: fmt.Sprintf("%012d", 880000+i), Model: "DDSY1352", Tariff: tariff}
		if i == 1 {
			r.GatewayProtocol, r.GatewayHost, r.GatewayPort = "DL/T 645", host(1), "8899"
		}
		if i <= 6 {
			r.ShopNo, r.Tenant, r.Phone = fmt.Sprintf("A-%02d", i), fmt.Sprintf("A座商户%d", i), fmt.Sprintf("1380013%04d", i)
			r.Opening = fmt.Sprintf("%d.%02d", 100*i, i)
		}
		add(r)
	}
	for i := 1; i <= 10; i++ {
		r := importRow{Building: "A座", Floor: "B1", Room: fmt.Sprintf("B%02d", i), Gateway: "A座Modbus网关",
			Address: fmt.Sprint(i), Model: "DTSY1352", Phases: "3", CTRatio: "40"}
		if i == 2 {
			r.GatewayProtocol, r.GatewayHost, r.GatewayPort = "Modbus RTU", host(2), "502"
		}
		add(r)
	}
	// Shop A-01's second meter (一户多表): same shop, name and phone, no second balance.
	rows[15].ShopNo, rows[15].Tenant, rows[15].Phone = "A-01", "A座商户1", "13800130001"
	for i := 1; i <= 13; i++ {
		r := importRow{Building: "B座", Floor: "1F", Room: fmt.Sprintf("C%02d", i), Gateway: "B座网关", GatewayProtocol: "DL/T 645",
			GatewayHost: host(3), GatewayPort: "8899", Address: fmt.Sprintf("%012d", 990000+i), Tariff: tariff}
		if i <= 3 {
			r.ShopNo, r.Tenant, r.Phone = fmt.Sprintf("B-%02d", i), fmt.Sprintf("B座商户%d", i), fmt.Sprintf("021-6%07d", i)
			if i != 3 {
				r.Opening = "50"
			}
		}
		add(r)
	}
	for i := 1; i <= 2; i++ {
		add(importRow{Building: "B座", Floor: "RF", GatewayProtocol: "4G直连", Address: fmt.Sprintf("%012d", 770000000000+n*10+int64(i)),
			Model: "DDSY1352-4G", ShopNo: fmt.Sprintf("4G-%d", i), Tenant: fmt.Sprintf("4G商户%d", i), Phone: fmt.Sprintf("1390013%04d", i)})
	}
	return rows
}

// TestImport_Site is the whole story: a sheet with five bad rows reports
// each at its cell and writes nothing; the fixed sheet passes a dry run
// (nothing written), then is written at once; the same file again writes
// nothing more.
func TestImport_Site(t *testing.T) {
	env := newEnv(t)
	tariff := fmt.Sprintf("商业电价 %d", next())
	if _, err := env.Res.TariffService.CreateTariff(sys(), voltpay.TariffInput{SiteID: env.Site.ID, Name: tariff,
		Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 8523}}); err != nil {
		t.Fatal(err)
	}
	manager := env.operator(t, voltpay.RoleManager)
	good := siteFixture(env, tariff)

	bad := slices.Clone(good)
	bad[2].Address = "12AB"         // row 4: bad address
	bad[4].Tariff = "不存在的电价"        // row 6: unknown tariff
	bad[9].Address = bad[8].Address // row 11: duplicate meter on its gateway
	bad[16].GatewayPort = ""        // the Modbus gateway (first on row 17) has its port on row 18 only
	bad[27].Opening = "-50"         // row 29: negative opening balance
	before := countSite(t, env)
	status, ans := manager.postSheet(t, env.Site.ID, false, xlsxType, siteWorkbook(t, bad))
	if status != http.StatusUnprocessableEntity || ans.OK {
		t.Fatalf("bad sheet: %d %+v; want 422 and ok false", status, ans)
	}
	want := map[string]string{"H4": "address", "N6": "tariff", "H11": "address", "G17": "gatewayPort", "R29": "openingBalance"}
	got := map[string]string{}
	for _, e := range ans.Errors {
		got[e.Cell] = e.Field
		if e.Message.Zh == "" || e.Message.En == "" || e.Row == 0 || e.Column == "" {
			t.Errorf("error %+v: want row, column, cell and both messages", e)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("errors at %v, want exactly %v: %+v", got, want, ans.Errors)
	}
	if after := countSite(t, env); after != before {
		t.Errorf("a refused sheet changed the database: %+v → %+v", before, after)
	}

	sheet := siteWorkbook(t, good)
	status, ans = manager.postSheet(t, env.Site.ID, true, xlsxType, sheet)
	wantSum := voltpay.SiteImportSummary{Buildings: 2, Gateways: 3, Meters: 40, Accounts: 11,
		OpeningBalanceFen: 100_01 + 200_02 + 300_03 + 400_04 + 500_05 + 600_06 + 50_00 + 50_00}
	if status != http.StatusOK || !ans.OK || !ans.DryRun || ans.Summary != wantSum || len(ans.Errors) != 0 {
		t.Fatalf("dry run of the fixed sheet: %d %+v; want ok with summary %+v", status, ans, wantSum)
	}
	if after := countSite(t, env); after != before {
		t.Errorf("a dry run changed the database: %+v → %+v", before, after)
	}

	status, ans = manager.postSheet(t, env.Site.ID, false, xlsxType, sheet)
	if status != http.StatusOK || !ans.OK || ans.DryRun || ans.AlreadyImported || ans.Summary != wantSum {
		t.Fatalf("import: %d %+v; want ok with summary %+v", status, ans, wantSum)
	}
	written := countSite(t, env)
	wantCounts := siteCounts{Buildings: before.Buildings + 2, Gateways: before.Gateways + 3, Meters: before.Meters + 40,
		Accounts: before.Accounts + 11, Entries: before.Entries + 8, Imports: before.Imports + 1}
	if written != wantCounts {
		t.Errorf("after the import %+v, want %+v", written, wantCounts)
	}
	checkImportedAccounts(t, env)

	status, ans = manager.postSheet(t, env.Site.ID, false, xlsxType, sheet)
	if status != http.StatusOK || !ans.OK || !ans.AlreadyImported || ans.Summary != wantSum {
		t.Errorf("the same file again: %d %+v; want ok, alreadyImported, the first summary", status, ans)
	}
	if again := countSite(t, env); again != written {
		t.Errorf("the same file again wrote: %+v → %+v", written, again)
	}
	var audit struct {
		AuditLog struct {
			Nodes []struct{ Args, Result string }
		}
	}
	env.operator(t, voltpay.RoleAdmin).do(t, `{ auditLog(filter: {operation: "importSite"}, first: 10) { nodes { args result } } }`, nil).Decode(t, &audit)
	var okWrites int
	for _, n := range audit.AuditLog.Nodes {
		if n.Result == "ok" && strings.Contains(n.Args, `"dryRun": false`) {
			okWrites++
		}
	}
	if okWrites != 1 {
		t.Errorf("audit: %d successful imports recorded, want 1: %+v", okWrites, audit.AuditLog.Nodes)
	}
}

// checkImportedAccounts: each tenant's balance is its opening balance,
// posted as one cash sale, and shop A-01 funds two meters.
func checkImportedAccounts(t *testing.T, env *testEnv) {
	t.Helper()
	rows, err := env.DB.QueryContext(context.Background(), `
		SELECT a.shop_no, a.balance_fen, coalesce(sum(e.amount_fen), 0), count(e.id),
			(SELECT count(*) FROM meters m WHERE m.account_id = a.id)
		FROM accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id AND e.type = 'sale' AND e.channel = 'cash'
		WHERE a.site_id = $1 GROUP BY a.id ORDER BY a.shop_no`, env.Site.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := map[string]voltpay.Fen{"A-01": 100_01, "A-02": 200_02, "A-03": 300_03, "A-04": 400_04, "A-05": 500_05, "A-06": 600_06,
		"B-01": 50_00, "B-02": 50_00, "B-03": 0, "4G-1": 0, "4G-2": 0}
	seen := 0
	for rows.Next() {
		var shop string
		var balance, sales voltpay.Fen
		var entries, meters int
		if err := rows.Scan(&shop, &balance, &sales, &entries, &meters); err != nil {
			t.Fatal(err)
		}
		seen++
		if w, ok := want[shop]; !ok || balance != w || sales != w || (w > 0) != (entries == 1) {
			t.Errorf("shop %s: balance %s, cash sales %s in %d entries; want %s in one sale", shop, balance, sales, entries, w)
		}
		if wantMeters := map[bool]int{true: 2, false: 1}[shop == "A-01"]; meters != wantMeters {
			t.Errorf("shop %s has %d meters, want %d", shop, meters, wantMeters)
		}
	}
	if seen != 11 {
		t.Errorf("%d accounts in the site, want 11", seen)
	}
}

// TestImport_Refusals: what is not an .xlsx, too large, without the
// permissions, or for a missing site is refused before anything is read.
func TestImport_Refusals(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	rows := []importRow{{Building: "A", GatewayProtocol: "4G直连", Address: fmt.Sprintf("%012d", 660000000000+next())}}
	sheet := siteWorkbook(t, rows)

	status, ans := manager.postSheet(t, env.Site.ID, true, xlsxType, bytes.Repeat([]byte("x"), 6<<20))
	if status != http.StatusRequestEntityTooLarge || ans.Code != voltpay.EINVALID || !strings.Contains(ans.Error, "5 MB") {
		t.Errorf("6 MB body: %d %+v; want 413 naming the 5 MB limit", status, ans)
	}
	status, ans = manager.postSheet(t, env.Site.ID, true, "text/csv", []byte("建筑名称,电表地址\nA,1\n"))
	if status != http.StatusUnsupportedMediaType {
		t.Errorf("CSV content type: %d %+v; want 415", status, ans)
	}
	status, ans = manager.postSheet(t, env.Site.ID, true, xlsxType, []byte("建筑名称,电表地址\nA,1\n"))
	if status != http.StatusBadRequest || ans.Code != voltpay.EINVALID || !strings.Contains(ans.Error, "not an .xlsx workbook") {
		t.Errorf("CSV as xlsx: %d %+v; want 400 saying it is not an .xlsx workbook", status, ans)
	}
	status, ans = manager.postSheet(t, env.Site.ID, true, xlsxType, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...))
	if status != http.StatusBadRequest || !strings.Contains(ans.Error, ".xls") {
		t.Errorf("old .xls: %d %+v; want 400 asking for .xlsx", status, ans)
	}
	status, ans = env.operator(t, voltpay.RoleCashier).postSheet(t, env.Site.ID, true, xlsxType, sheet)
	if status != http.StatusForbidden || ans.Code != voltpay.EFORBIDDEN || !strings.Contains(ans.Error, string(voltpay.PermManageMeters)) {
		t.Errorf("cashier: %d %+v; want 403 naming manage_meters", status, ans)
	}
	status, ans = env.anonymous().postSheet(t, env.Site.ID, true, xlsxType, sheet)
	if status != http.StatusUnauthorized {
		t.Errorf("anonymous: %d %+v; want 401", status, ans)
	}
	metersOnly := env.apiKey(t, voltpay.PermManageMeters)
	tenantRows := slices.Clone(rows)
	tenantRows[0].ShopNo, tenantRows[0].Tenant, tenantRows[0].Phone = "S1", "商户", "13800138000"
	status, ans = metersOnly.postSheet(t, env.Site.ID, true, xlsxType, siteWorkbook(t, tenantRows))
	if status != http.StatusForbidden || !strings.Contains(ans.Error, string(voltpay.PermManageAccounts)) || !strings.Contains(ans.Error, "row 2") {
		t.Errorf("tenants without manage_accounts: %d %+v; want 403 naming the permission and the row", status, ans)
	}
	if status, ans := metersOnly.postSheet(t, env.Site.ID, true, xlsxType, sheet); status != http.StatusOK || !ans.OK {
		t.Errorf("meters only with manage_meters: %d %+v; want ok", status, ans)
	}
	req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/import/site?siteId=%d", env.Srv.URL, env.Site.ID), bytes.NewReader(sheet))
	req.Header.Set("Content-Type", xlsxType)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	manager.authorize(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site upload: %d; want 403", resp.StatusCode)
	}
	if status, ans := manager.postSheet(t, 99999999, true, xlsxType, sheet); status != http.StatusNotFound {
		t.Errorf("unknown site: %d %+v; want 404", status, ans)
	}

	// Multipart, as a browser form sends it.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "site.xlsx")
	fw.Write(sheet)
	mw.Close()
	if status, ans := manager.postSheet(t, env.Site.ID, true, mw.FormDataContentType(), body.Bytes()); status != http.StatusOK || !ans.OK || ans.Summary.Meters != 1 {
		t.Errorf("multipart upload: %d %+v; want ok with one meter", status, ans)
	}
}

// TestImport_Template: the template opens, has the data sheet with the
// bilingual header and an example row, the instructions sheet, and with
// siteId the site's tariffs; the unchanged template imports nothing.
func TestImport_Template(t *testing.T) {
	env := newEnv(t)
	tariff := fmt.Sprintf("模板电价 %d", next())
	if _, err := env.Res.TariffService.CreateTariff(sys(), voltpay.TariffInput{SiteID: env.Site.ID, Name: tariff,
		Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 8000}}); err != nil {
		t.Fatal(err)
	}
	manager := env.operator(t, voltpay.RoleManager)
	resp, body := manager.download(t, fmt.Sprintf("/import/site-template.xlsx?siteId=%d", env.Site.ID))
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "site-template") {
		t.Fatalf("template: %d %s %.200s", resp.StatusCode, resp.Header.Get("Content-Disposition"), body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{sheets.ImportSheet, sheets.InstructionsSheet}) {
		t.Errorf("sheets %q", got)
	}
	rows, _ := f.GetRows(sheets.ImportSheet)
	if len(rows) != 2 || rows[0][0] != "建筑名称 *\nBuilding" || rows[1][7] != "000012345678" {
		t.Errorf("data sheet rows %q; want the header and the example", rows)
	}
	notes, _ := f.GetRows(sheets.InstructionsSheet)
	var listed bool
	for _, r := range notes {
		listed = listed || (len(r) > 0 && r[0] == tariff)
	}
	if !listed {
		t.Errorf("the instructions do not list the site's tariff %q", tariff)
	}
	// The template as it is: the example row is skipped, nothing to write.
	status, ans := manager.postSheet(t, env.Site.ID, true, xlsxType, body)
	if status != 200 || !ans.OK || !slices.Equal(ans.SkippedRows, []int{2}) || ans.Summary.Meters != 0 {
		t.Errorf("the unchanged template: %d %+v; want ok, row 2 skipped, nothing to write", status, ans)
	}
	// Without a site: the template for anyone signed in or not.
	if resp, _ := env.anonymous().download(t, "/import/site-template.xlsx"); resp.StatusCode != 200 {
		t.Errorf("template without site: %d", resp.StatusCode)
	}
	if resp, _ := env.anonymous().download(t, fmt.Sprintf("/import/site-template.xlsx?siteId=%d", env.Site.ID)); resp.StatusCode != 401 {
		t.Errorf("site's template, anonymous: %d, want 401", resp.StatusCode)
	}
}

// TestImport_SameSheetConcurrently: the same sheet posted three times at
// once is written once; the others answer the first import.
func TestImport_SameSheetConcurrently(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	var rows []importRow
	for i := range 5 {
		rows = append(rows, importRow{Building: "C座", GatewayProtocol: "4G直连", Address: fmt.Sprintf("%012d", 550000000000+next()*10+int64(i)),
			ShopNo: fmt.Sprintf("C-%d", i), Tenant: "商户", Phone: "13800138000", Opening: "10"})
	}
	sheet := siteWorkbook(t, rows)
	type result struct {
		status int
		ans    importAnswerBody
	}
	results := make(chan result, 3)
	for range 3 {
		go func() {
			status, ans := manager.postSheet(t, env.Site.ID, false, xlsxType, sheet)
			results <- result{status, ans}
		}()
	}
	written := 0
	for range 3 {
		r := <-results
		if r.status != http.StatusOK || !r.ans.OK || r.ans.Summary.Meters != 5 {
			t.Errorf("concurrent import: %d %+v", r.status, r.ans)
		}
		if !r.ans.AlreadyImported {
			written++
		}
	}
	c := countSite(t, env)
	if written != 1 || c.Meters != 5 || c.Accounts != 5 || c.Entries != 5 || c.Imports != 1 {
		t.Errorf("%d imports wrote; the site holds %+v; want one import of 5 meters, 5 accounts, 5 sales", written, c)
	}
}
