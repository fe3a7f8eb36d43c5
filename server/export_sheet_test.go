package main

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/sheets"
)

// readBack is one downloaded export, opened with excelize.
type readBack struct {
	f     *excelize.File
	sheet string
	exported
}

func (c *client) readBack(tb testing.TB, list string, filter any, params ...string) readBack {
	tb.Helper()
	resp, body := c.download(tb, exportPath(list, filter, params...))
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("export %s: %d %s\n%s", list, resp.StatusCode, body, c.env.Log)
	}
	f, sheet, rows := workbook(tb, body)
	return readBack{f: f, sheet: sheet, exported: parts(tb, rows)}
}

// col is the index of the column headed name.
func (r readBack) col(tb testing.TB, name string) int {
	tb.Helper()
	for i, h := range r.header {
		if h == name {
			return i
		}
	}
	tb.Fatalf("no column %q in %q", name, r.header)
	return -1
}

// cell is the A1 name of data row i's (0-based, below the header) column c.
func cell(c, i int) string {
	n, _ := excelize.CoordinatesToCellName(c+1, i+3)
	return n
}

// format is the custom number format of a cell ("" for none).
func (r readBack) format(tb testing.TB, name string) string {
	tb.Helper()
	s, err := r.f.GetStyle(mustStyle(tb, r.f, r.sheet, name))
	if err != nil || s.CustomNumFmt == nil {
		return ""
	}
	return *s.CustomNumFmt
}

// isNumber reports whether a cell is stored as a number (no text type).
func (r readBack) isNumber(tb testing.TB, name string) bool {
	tb.Helper()
	typ, err := r.f.GetCellType(r.sheet, name)
	if err != nil {
		tb.Fatalf("type of %s: %v", name, err)
	}
	v, _ := r.f.GetCellValue(r.sheet, name, excelize.Options{RawCellValue: true})
	_, perr := strconv.ParseFloat(v, 64)
	return (typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber) && perr == nil
}

// checkFrame checks what every export has: the title in row 1 merged over
// the header, the header in row 2, both frozen.
func (r readBack) checkFrame(tb testing.TB, prefix string) {
	tb.Helper()
	if !strings.HasPrefix(r.title, prefix) {
		tb.Errorf("title %q, want it to start %q", r.title, prefix)
	}
	if panes, err := r.f.GetPanes(r.sheet); err != nil || !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
		tb.Errorf("panes %+v (%v): want frozen below the header (row 2), A3 the first cell scrolling", panes, err)
	}
	merged, _ := r.f.GetMergeCells(r.sheet)
	last, _ := excelize.CoordinatesToCellName(len(r.header), 1)
	if len(merged) != 1 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != last {
		tb.Errorf("the title is not merged across A1:%s: %v", last, merged)
	}
	if s, _ := r.f.GetStyle(mustStyle(tb, r.f, r.sheet, "A2")); s == nil || s.Font == nil || !s.Font.Bold {
		tb.Errorf("the header is not bold")
	}
}

// TestExport_ReadBackLedger: a cashier's view of an account's cash sales
// in a time range. The title names the account (number and tenant, not
// its id), the channel translated, the range in the site's zone and when
// it was made; amounts are numbers formatted #,##0.00 and times dates;
// the totals row sums the amounts exactly (a SUM formula over the data
// rows, its value already there) and leaves the running balance alone.
func TestExport_ReadBackLedger(t *testing.T) {
	env := newEnv(t)
	acct := env.openAccount(t, 10001, env.createMeter(t, nil).ID) // 100.01
	for _, fen := range []voltpay.Fen{2, 3333} {
		if _, err := env.Res.LedgerService.Sell(sys(), voltpay.SaleInput{AccountID: acct.ID, AmountFen: fen, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}); err != nil {
			t.Fatal(err)
		}
	}
	// Another channel: not in the filter, not in the total.
	if _, err := env.Res.LedgerService.Sell(sys(), voltpay.SaleInput{AccountID: acct.ID, AmountFen: 999, Channel: voltpay.ChannelBank, IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation(env.Site.Timezone)
	from := time.Now().In(loc).Add(-time.Hour).Truncate(time.Minute)
	to := from.Add(3 * time.Hour)
	admin := env.operator(t, voltpay.RoleAdmin)
	filter := map[string]any{"accountId": acct.ID, "channel": "cash", "from": from.UTC().Format(time.RFC3339), "to": to.UTC().Format(time.RFC3339)}
	r := admin.readBack(t, "ledgerEntries", filter)

	r.checkFrame(t, "流水 | 筛选：")
	for _, want := range []string{"账户 " + acct.No + " " + acct.TenantName, "付款方式 现金",
		"时间：" + from.Format("2006-01-02 15:04") + " 至 " + to.Format("2006-01-02 15:04"),
		"导出于 " + time.Now().In(loc).Format("2006-01-02"), "（" + env.Site.Timezone + "）"} {
		if !strings.Contains(r.title, want) {
			t.Errorf("title %q lacks %q", r.title, want)
		}
	}
	if len(r.data) != 3 {
		t.Fatalf("%d data rows, want the 3 cash sales: %q", len(r.data), r.data)
	}
	amount, after, when := r.col(t, "金额(元)"), r.col(t, "余额(元)"), r.col(t, "时间")
	for i := range r.data {
		for _, c := range []int{amount, after, when} {
			if !r.isNumber(t, cell(c, i)) {
				t.Errorf("row %d, %s: not a number cell", i, r.header[c])
			}
		}
		if f := r.format(t, cell(amount, i)); f != sheets.FormatMoney {
			t.Errorf("amount format %q, want %q", f, sheets.FormatMoney)
		}
		if f := r.format(t, cell(when, i)); f != sheets.FormatTime {
			t.Errorf("time format %q, want %q", f, sheets.FormatTime)
		}
	}
	if r.totals == nil {
		t.Fatalf("no totals row: %q", r.data)
	}
	totalCell, _ := excelize.CoordinatesToCellName(amount+1, 3+len(r.data))
	formula, _ := r.f.GetCellFormula(r.sheet, totalCell)
	col, _ := excelize.ColumnNumberToName(amount + 1)
	if want := fmt.Sprintf("SUM(%s3:%s5)", col, col); formula != want {
		t.Errorf("total %s: formula %q, want %q", totalCell, formula, want)
	}
	if v, _ := r.f.GetCellValue(r.sheet, totalCell, excelize.Options{RawCellValue: true}); v != "133.36" {
		t.Errorf("total of the amounts %q, want 133.36 (100.01 + 0.02 + 33.33)", v)
	}
	if r.format(t, totalCell) != sheets.FormatMoney {
		t.Errorf("total %s is not formatted as money", totalCell)
	}
	if v, _ := r.f.GetCellValue(r.sheet, "A"+strconv.Itoa(3+len(r.data))); v != "合计" {
		t.Errorf("the totals row is headed %q, want 合计", v)
	}
	afterTotal, _ := excelize.CoordinatesToCellName(after+1, 3+len(r.data))
	if v, _ := r.f.GetCellValue(r.sheet, afterTotal); v != "" {
		t.Errorf("the running balance was totalled (%q): a sum of balances means nothing", v)
	}
}

// TestExport_ReadBackMeters: meters of a site that are offline and in
// use, in English: the title names the site and translates the enum and
// boolean; balances total, registers (kWh, not summable) do not.
func TestExport_ReadBackMeters(t *testing.T) {
	env := newEnv(t)
	m1, m2 := env.createMeter(t, nil), env.createMeter(t, nil)
	env.openAccount(t, 1234, m1.ID)
	env.openAccount(t, 5, m2.ID)
	if _, err := env.DB.Exec(`UPDATE meters SET last_energy_wh = 1234567, online = false WHERE id IN ($1, $2)`, m1.ID, m2.ID); err != nil {
		t.Fatal(err)
	}
	admin := env.operator(t, voltpay.RoleAdmin)
	r := admin.readBack(t, "meters", map[string]any{"siteId": strconv.FormatInt(env.Site.ID, 10), "online": false, "status": "active"}, "lang", "en-US")

	r.checkFrame(t, "Meters | Filter: Site "+env.Site.Name+", Online No, Status Active | Time: any | Exported ")
	if len(r.data) != 2 {
		t.Fatalf("%d rows, want 2: %q", len(r.data), r.data)
	}
	reg, bal := r.col(t, "Register (kWh)"), r.col(t, "Balance (yuan)")
	if r.format(t, cell(reg, 0)) != sheets.FormatEnergy || !r.isNumber(t, cell(reg, 0)) {
		t.Errorf("register cell: want a number formatted %q", sheets.FormatEnergy)
	}
	if v, _ := r.f.GetCellValue(r.sheet, cell(reg, 0), excelize.Options{RawCellValue: true}); v != "1234.567" {
		t.Errorf("register %q, want 1234.567 kWh", v)
	}
	if r.totals == nil || r.totals[0] != "Total" {
		t.Fatalf("totals row %q, want one headed Total", r.totals)
	}
	if v, _ := r.f.GetCellValue(r.sheet, cell(bal, 2), excelize.Options{RawCellValue: true}); v != "12.39" {
		t.Errorf("balance total %q, want 12.39", v)
	}
	if v, _ := r.f.GetCellValue(r.sheet, cell(reg, 2)); v != "" {
		t.Errorf("registers were totalled (%q)", v)
	}
}

// TestExport_ReadBackEmpty: an export matching nothing still has its
// title, header and a totals row of zeros (no formula over no rows).
func TestExport_ReadBackEmpty(t *testing.T) {
	env := newEnv(t)
	admin := env.operator(t, voltpay.RoleAdmin)
	r := admin.readBack(t, "accounts", map[string]any{"siteId": strconv.FormatInt(env.Site.ID, 10), "search": "nobody here", "status": "closed"})
	r.checkFrame(t, "账户 | 筛选：站点 "+env.Site.Name+"，状态 已销户，搜索 “nobody here” | 时间：不限 | 导出于 ")
	if len(r.data) != 0 || r.totals == nil {
		t.Fatalf("data %q, totals %q: want no rows and a totals row", r.data, r.totals)
	}
	bal := r.col(t, "余额(元)")
	if v, _ := r.f.GetCellValue(r.sheet, cell(bal, 0), excelize.Options{RawCellValue: true}); v != "0" {
		t.Errorf("empty total %q, want 0", v)
	}
	if f, _ := r.f.GetCellFormula(r.sheet, cell(bal, 0)); f != "" {
		t.Errorf("empty total has formula %q", f)
	}
}

// TestExport_HeadersHaveUnits: every money column is headed in 元/yuan,
// every energy column in kWh, every price in 元/kWh, in every export.
func TestExport_HeadersHaveUnits(t *testing.T) {
	units := map[sheets.Kind][2]string{sheets.KindMoney: {"(元)", "(yuan)"}, sheets.KindEnergy: {"(kWh)", "(kWh)"}, sheets.KindPrice: {"(元/kWh)", "(yuan/kWh)"}}
	for name, table := range exportTables {
		for _, c := range table.columns() {
			u, ok := units[c.kind]
			if ok && (!strings.HasSuffix(c.header.Zh, u[0]) || !strings.HasSuffix(c.header.En, u[1])) {
				t.Errorf("export %s, column %s / %s: want the unit %s / %s", name, c.header.Zh, c.header.En, u[0], u[1])
			}
		}
	}
}
