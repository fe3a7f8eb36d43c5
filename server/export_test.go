package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/voltpay/voltpay"
)

// download GETs path with the client's credential and returns the answer.
func (c *client) download(tb testing.TB, path string, header ...string) (*http.Response, []byte) {
	tb.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.env.Srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	c.authorize(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

// exportPath is the export URL of list with filter (a JSON value, or nil).
func exportPath(list string, filter any, params ...string) string {
	v := url.Values{}
	if filter != nil {
		b, _ := json.Marshal(filter)
		v.Set("filter", string(b))
	}
	for i := 0; i+1 < len(params); i += 2 {
		v.Set(params[i], params[i+1])
	}
	return "/export/" + list + ".xlsx?" + v.Encode()
}

// workbook opens an exported file and returns its only sheet's rows (raw
// values: numbers as stored, not formatted).
func workbook(tb testing.TB, body []byte) (*excelize.File, string, [][]string) {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		tb.Fatalf("the export is not a workbook: %v (%.200s)", err, body)
	}
	tb.Cleanup(func() { f.Close() })
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatalf("read rows: %v", err)
	}
	return f, sheet, rows
}

// exported is an export's sheet in its parts: the title row, the header,
// the data rows, the totals row (nil without one) and the rows below it
// (the note of a cut file).
type exported struct {
	title  string
	header []string
	data   [][]string
	totals []string
	after  [][]string
}

// parts splits the rows of an export (workbook) into its parts; the
// totals row is the one headed 合计 or Total.
func parts(tb testing.TB, rows [][]string) exported {
	tb.Helper()
	if len(rows) < 2 || len(rows[0]) == 0 {
		tb.Fatalf("an export has a title and a header row: %q", rows)
	}
	e := exported{title: rows[0][0], header: rows[1]}
	for i, r := range rows[2:] {
		if len(r) > 0 && (r[0] == "合计" || r[0] == "Total") {
			e.totals, e.after = r, rows[2+i+1:]
			return e
		}
		if len(r) > 0 && (strings.HasPrefix(r[0], "文件已截断") || strings.HasPrefix(r[0], "File cut")) {
			e.after = rows[2+i:]
			return e
		}
		e.data = append(e.data, r)
	}
	return e
}

// jsonError is the body of a refused export or import.
type jsonError struct {
	Error string `json:"error"`
	Code  string `json:"code"`
	Field string `json:"field"`
}

func decodeError(tb testing.TB, body []byte) jsonError {
	tb.Helper()
	var e jsonError
	if err := json.Unmarshal(body, &e); err != nil {
		tb.Fatalf("refusal is not JSON: %v: %.300s", err, body)
	}
	return e
}

// TestExport_MetersAsAdmin: an admin exports the site's meters; the file
// has the Chinese headers, bold and frozen, one row per meter of the
// filter (totalCount), money as yuan numbers formatted #,##0.00, times as
// dates, and the download's headers name the file in both languages.
func TestExport_MetersAsAdmin(t *testing.T) {
	env := newEnv(t)
	var meters []*voltpay.Meter
	for range 5 {
		meters = append(meters, env.createMeter(t, nil))
	}
	acct := env.openAccount(t, 12345, meters[2].ID)
	admin := env.operator(t, voltpay.RoleAdmin)

	filter := map[string]any{"siteId": strconv.FormatInt(env.Site.ID, 10)}
	var count struct{ Meters struct{ TotalCount int } }
	admin.do(t, `query($f: MeterFilter) { meters(filter: $f) { totalCount } }`, map[string]any{"f": filter}).Decode(t, &count)

	resp, body := admin.download(t, exportPath("meters", filter))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("export: %d %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != xlsxType {
		t.Errorf("Content-Type %q, want %q", ct, xlsxType)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", cc)
	}
	cd := resp.Header.Get("Content-Disposition")
	if !strings.HasPrefix(cd, `attachment; filename="meters-`) || !strings.Contains(cd, "filename*=UTF-8''"+url.PathEscape("电表-")) {
		t.Errorf("Content-Disposition %q: want attachment; filename=\"meters-<date>.xlsx\"; filename*=UTF-8''电表-<date>.xlsx", cd)
	}

	f, sheet, rows := workbook(t, body)
	if sheet != "电表" {
		t.Errorf("sheet %q, want 电表", sheet)
	}
	sh := parts(t, rows)
	header := sh.header
	col := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in %q", name, header)
		return -1
	}
	if len(sh.data) != count.Meters.TotalCount || count.Meters.TotalCount != 5 {
		t.Fatalf("%d data rows, totalCount %d; want both 5", len(sh.data), count.Meters.TotalCount)
	}
	addr, bal, tenant := col("电表地址"), col("余额(元)"), col("商户")
	var found bool
	for i, r := range sh.data {
		if r[addr] != meters[2].Address {
			continue
		}
		found = true
		if r[bal] != "123.45" || r[tenant] != acct.TenantName {
			t.Errorf("meter %s: balance %q, tenant %q; want 123.45 and %q", meters[2].Address, r[bal], r[tenant], acct.TenantName)
		}
		cell, _ := excelize.CoordinatesToCellName(bal+1, i+3)
		styleID, _ := f.GetCellStyle(sheet, cell)
		style, err := f.GetStyle(styleID)
		if err != nil || style.CustomNumFmt == nil || *style.CustomNumFmt != "#,##0.00" {
			t.Errorf("balance cell %s: style %+v, err %v; want number format #,##0.00", cell, style, err)
		}
	}
	if !found {
		t.Errorf("meter %s not in the export", meters[2].Address)
	}
	created, _ := excelize.CoordinatesToCellName(col("创建时间")+1, 3)
	styleID, _ := f.GetCellStyle(sheet, created)
	if style, _ := f.GetStyle(styleID); style == nil || style.CustomNumFmt == nil || *style.CustomNumFmt != "yyyy-mm-dd hh:mm:ss" {
		t.Errorf("created cell %s is not a date formatted yyyy-mm-dd hh:mm:ss: %+v", created, style)
	}
	if s, _ := f.GetStyle(mustStyle(t, f, sheet, "A2")); s == nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("the header is not bold")
	}
	if panes, err := f.GetPanes(sheet); err != nil || !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
		t.Errorf("the title and header rows are not frozen: %+v, %v", panes, err)
	}

	// English on request, or by Accept-Language.
	for _, c := range []struct{ path, accept string }{
		{exportPath("meters", filter, "lang", "en-US"), ""},
		{exportPath("meters", filter), "en-GB,en;q=0.9,zh;q=0.5"},
	} {
		resp, body := admin.download(t, c.path, "Accept-Language", c.accept)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("export in English: %d %s", resp.StatusCode, body)
		}
		if _, sheet, rows := workbook(t, body); sheet != "meters" || parts(t, rows).header[1] != "Address" || !strings.HasPrefix(rows[0][0], "Meters | Filter: Site ") {
			t.Errorf("%s (Accept-Language %q): sheet %q, title and header %q; want English", c.path, c.accept, sheet, rows[:2])
		}
	}

	// Every export is in the audit log, with its list, filter and rows.
	var audit struct {
		AuditLog struct {
			Nodes []struct{ Operation, Args, Result string }
		}
	}
	admin.do(t, `{ auditLog(filter: {operation: "export"}, first: 5) { nodes { operation args result } } }`, nil).Decode(t, &audit)
	var args struct {
		List   string
		Rows   int
		Filter map[string]any
	}
	if len(audit.AuditLog.Nodes) > 0 {
		json.Unmarshal([]byte(audit.AuditLog.Nodes[0].Args), &args)
	}
	if len(audit.AuditLog.Nodes) == 0 || args.List != "meters" || args.Rows != 5 || args.Filter["siteId"] != filter["siteId"] ||
		audit.AuditLog.Nodes[0].Result != "ok" {
		t.Errorf("audit of the export: %+v; want operation export with list, filter and rows", audit.AuditLog.Nodes)
	}
}

func mustStyle(tb testing.TB, f *excelize.File, sheet, cell string) int {
	tb.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		tb.Fatalf("style of %s: %v", cell, err)
	}
	return id
}

// TestExport_TenantSeesOwnLedger: a tenant exporting ledger entries gets
// only their own account's, whatever the filter asks, as over GraphQL.
func TestExport_TenantSeesOwnLedger(t *testing.T) {
	env := newEnv(t)
	mine := env.openAccount(t, 5000, env.createMeter(t, nil).ID)
	other := env.openAccount(t, 7000, env.createMeter(t, nil).ID)
	tenant := env.tenant(t, mine.ID)

	resp, body := tenant.download(t, exportPath("ledgerEntries", nil))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("tenant export: %d %s", resp.StatusCode, body)
	}
	_, _, rows := workbook(t, body)
	sh := parts(t, rows)
	if len(sh.data) != 1 {
		t.Fatalf("tenant's export has %d data rows, want their one sale: %q", len(sh.data), rows)
	}
	joined := strings.Join(sh.data[0], "|")
	if !strings.Contains(joined, mine.No) || strings.Contains(joined, other.No) || !strings.Contains(joined, "50") {
		t.Errorf("tenant's row %q: want their account %s's sale of 50 yuan only", sh.data[0], mine.No)
	}
	for _, h := range sh.header {
		if h == "网关" || h == "Gateway" {
			t.Errorf("a tenant's export shows the gateway column")
		}
	}
	// Asking for the other account changes nothing but the answer: theirs only or refused.
	resp, body = tenant.download(t, exportPath("ledgerEntries", map[string]any{"accountId": other.ID}))
	if resp.StatusCode == http.StatusOK {
		if _, _, rows := workbook(t, body); strings.Contains(fmt.Sprint(parts(t, rows).data), other.No) {
			t.Errorf("a tenant exported another account's entries: %q", rows)
		}
	}
}

// TestExport_Refusals: without the list's permission 403, without a
// credential 401, a filter that does not read 400 naming the field, an
// unknown list 404; every refusal JSON {error, code}.
func TestExport_Refusals(t *testing.T) {
	env := newEnv(t)
	siteOnly := env.apiKey(t, voltpay.PermReadSite)
	admin := env.operator(t, voltpay.RoleAdmin)
	cases := []struct {
		name   string
		c      *client
		path   string
		status int
		code   string
		field  string
	}{
		{"key without read_accounts", siteOnly, exportPath("meters", nil), 403, voltpay.EFORBIDDEN, ""},
		{"key without read_audit", siteOnly, exportPath("auditLog", nil), 403, voltpay.EFORBIDDEN, ""},
		{"anonymous", env.anonymous(), exportPath("meters", nil), 401, voltpay.EUNAUTHENTICATED, ""},
		{"unknown field", admin, exportPath("meters", map[string]any{"siteIdx": 1}), 400, voltpay.EINVALID, "siteIdx"},
		{"bad enum", admin, exportPath("meters", map[string]any{"status": "broken"}), 400, voltpay.EINVALID, "status"},
		{"bad time", admin, exportPath("ledgerEntries", map[string]any{"from": "yesterday"}), 400, voltpay.EINVALID, "from"},
		{"bad id", admin, exportPath("meters", map[string]any{"siteId": "x1"}), 400, voltpay.EINVALID, "siteId"},
		{"over-long search", admin, exportPath("meters", map[string]any{"search": strings.Repeat("x", 101)}), 400, voltpay.EINVALID, "search"},
		{"not JSON", admin, "/export/meters.xlsx?filter=%7Bnope", 400, voltpay.EINVALID, "filter"},
		{"filter of a list without one", admin, exportPath("operators", map[string]any{"x": 1}), 400, voltpay.EINVALID, "filter"},
		{"unknown list", admin, "/export/secrets.xlsx", 404, voltpay.ENOTFOUND, ""},
	}
	for _, c := range cases {
		resp, body := c.c.download(t, c.path)
		e := decodeError(t, body)
		if resp.StatusCode != c.status || e.Code != c.code || e.Field != c.field || e.Error == "" {
			t.Errorf("%s: %d %+v; want %d %s field %q", c.name, resp.StatusCode, e, c.status, c.code, c.field)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("%s: Content-Type %q, want application/json", c.name, ct)
		}
	}
	// The empty enum counts as absent, as over GraphQL.
	if resp, body := admin.download(t, exportPath("meters", map[string]any{"status": "", "siteId": fmt.Sprint(env.Site.ID)})); resp.StatusCode != 200 {
		t.Errorf("empty enum: %d %s; want 200", resp.StatusCode, body)
	}
}

// TestExport_EveryList: every list exports for an admin, with its headers.
func TestExport_EveryList(t *testing.T) {
	env := newEnv(t)
	env.openAccount(t, 100, env.createMeter(t, nil).ID)
	admin := env.operator(t, voltpay.RoleAdmin)
	filters := reportFilters(env)
	month := map[string]any{"siteId": env.Site.ID, "from": "2026-12-01", "to": "2026-12-31", "period": "day"}
	filters["salesReport"], filters["chargesReport"] = month, month
	filters["dailySettlement"] = map[string]any{"siteId": env.Site.ID, "day": "2026-12-08"}
	for name, table := range exportTables {
		if readBackElsewhere[name] {
			continue
		}
		resp, body := admin.download(t, exportPath(name, filters[name]))
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d %s", name, resp.StatusCode, body)
			continue
		}
		if _, sheet, rows := workbook(t, body); sheet != table.stem().Zh || len(rows) < 2 || rows[1][0] != table.columns()[0].header.Zh ||
			!strings.HasPrefix(rows[0][0], table.stem().Zh+" | 筛选：") {
			t.Errorf("%s: sheet %q, title and header %q", name, sheet, rows)
		}
	}
}

// TestExport_Cut: past maxExportRows the file stops and its last row says
// it was cut and how many rows matched.
func TestExport_Cut(t *testing.T) {
	env := newEnv(t)
	for range 4 {
		env.createMeter(t, nil)
	}
	old := maxExportRows
	maxExportRows = 3
	t.Cleanup(func() { maxExportRows = old })
	admin := env.operator(t, voltpay.RoleAdmin)
	resp, body := admin.download(t, exportPath("meters", map[string]any{"siteId": env.Site.ID}, "lang", "en"))
	if resp.StatusCode != 200 {
		t.Fatalf("export: %d %s", resp.StatusCode, body)
	}
	_, _, rows := workbook(t, body)
	sh := parts(t, rows)
	if len(sh.data) != 3 || len(sh.after) != 1 || !strings.Contains(sh.after[0][0], "File cut") || !strings.Contains(sh.after[0][0], "of the 4 matching rows") {
		t.Errorf("cut export: %q; want the title, header, 3 rows and a note saying 3 of 4", rows)
	}
}

// TestExport_ColumnsFollowObjectRules: a column showing another object
// (a meter's building, gateway, tariff, account) is left out for callers
// who may not see that object below a meter over GraphQL: a key with
// read_accounts alone sees the tenant but not the site's network.
func TestExport_ColumnsFollowObjectRules(t *testing.T) {
	env := newEnv(t)
	env.openAccount(t, 100, env.createMeter(t, nil).ID)
	filter := map[string]any{"siteId": env.Site.ID}
	headers := func(c *client) []string {
		resp, body := c.download(t, exportPath("meters", filter, "lang", "en-US"))
		if resp.StatusCode != 200 {
			t.Fatalf("export: %d %s", resp.StatusCode, body)
		}
		_, _, rows := workbook(t, body)
		return parts(t, rows).header
	}
	accounts := headers(env.apiKey(t, voltpay.PermReadAccounts))
	for _, h := range []string{"Building", "Gateway", "Tariff"} {
		if slices.Contains(accounts, h) {
			t.Errorf("a read_accounts key's export has column %s: %q", h, accounts)
		}
	}
	if !slices.Contains(accounts, "Tenant") {
		t.Errorf("a read_accounts key's export lacks the tenant: %q", accounts)
	}
	site := headers(env.apiKey(t, voltpay.PermReadSite, voltpay.PermReadAccounts))
	for _, h := range []string{"Building", "Gateway", "Tariff", "Tenant"} {
		if !slices.Contains(site, h) {
			t.Errorf("a read_site key's export lacks column %s: %q", h, site)
		}
	}
}
