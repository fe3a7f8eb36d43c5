package main

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// TestReports_SalesOverHTTP: salesReport and dailySettlement over GraphQL
// and as Excel exports, for finance (everyone's), a cashier (their own
// only; another's FORBIDDEN) and a tenant (FORBIDDEN); the files read back
// with their figures, money as yuan numbers, and the totals.
func TestReports_SalesOverHTTP(t *testing.T) {
	env := newEnv(t)
	c1, c2 := env.operator(t, voltpay.RoleCashier), env.operator(t, voltpay.RoleCashier)
	finance := env.operator(t, voltpay.RoleFinance)
	c1ID, c1Name := auditMe(t, c1)
	c2ID, _ := auditMe(t, c2)
	a := env.openAccount(t, 0)
	money(t, c1, "sell", a.ID, 10000, "cash")
	money(t, c1, "sell", a.ID, 5000, "wechat")
	money(t, c1, "refund", a.ID, 2000, "cash")
	sale := money(t, c2, "sell", a.ID, 3000, "alipay")
	finance.do(t, `mutation($in: ReverseInput!) { reverseEntry(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"entryId": sale, "idempotencyKey": newKey(), "reason": "收错了"}}).Decode(t, &struct{}{})
	today := time.Now().In(billing.ChinaTime).Format(voltpay.DateLayout)
	site := strconv.FormatInt(env.Site.ID, 10)

	const settlementQuery = `query($f: SettlementFilter!) { dailySettlement(filter: $f) {
		day cashiers { operatorId name total { salesFen refundsFen reversalsFen netFen } byChannel { channel netFen } }
		byChannel { channel salesFen refundsFen reversalsFen netFen } total { salesCount netFen } } }`
	type settlement struct {
		DailySettlement struct {
			Day      string
			Cashiers []struct {
				OperatorID *string
				Name       string
				Total      struct{ SalesFen, RefundsFen, ReversalsFen, NetFen int64 }
			}
			Total struct {
				SalesCount int
				NetFen     int64
			}
		}
	}
	filter := map[string]any{"siteId": site, "day": today}
	t.Run("finance sees every cashier", func(t *testing.T) {
		var got settlement
		finance.do(t, settlementQuery, map[string]any{"f": filter}).Decode(t, &got)
		d := got.DailySettlement
		// c1: 100 + 50 − 20; c2: 30; finance: the reversal of c2's 30.
		if d.Day != today || len(d.Cashiers) != 3 || d.Total.NetFen != 13000 || d.Total.SalesCount != 3 {
			t.Fatalf("settlement %+v", d)
		}
	})
	t.Run("a cashier sees their own only", func(t *testing.T) {
		var got settlement
		c1.do(t, settlementQuery, map[string]any{"f": filter}).Decode(t, &got)
		d := got.DailySettlement
		if len(d.Cashiers) != 1 || d.Cashiers[0].Name != c1Name || *d.Cashiers[0].OperatorID != strconv.FormatInt(c1ID, 10) ||
			d.Cashiers[0].Total.NetFen != 13000 || d.Cashiers[0].Total.RefundsFen != -2000 {
			t.Fatalf("cashier's settlement %+v", d)
		}
		other := map[string]any{"siteId": site, "day": today, "operatorId": strconv.FormatInt(c2ID, 10)}
		if resp := c1.do(t, settlementQuery, map[string]any{"f": other}); resp.Code() != voltpay.EFORBIDDEN {
			t.Fatalf("cashier asking for another's settlement: %+v, want FORBIDDEN", resp.Errors)
		}
		resp, body := c1.download(t, exportPath("dailySettlement", other))
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("cashier exporting another's settlement: %d %s", resp.StatusCode, body)
		}
	})
	t.Run("a tenant is refused", func(t *testing.T) {
		tenant := env.tenant(t, a.ID)
		if resp := tenant.do(t, settlementQuery, map[string]any{"f": filter}); resp.Code() != voltpay.EFORBIDDEN {
			t.Fatalf("tenant: %+v, want FORBIDDEN", resp.Errors)
		}
		resp, _ := tenant.download(t, exportPath("salesReport", map[string]any{"from": today, "to": today, "period": "day"}))
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("tenant exporting the sales report: %d, want 403", resp.StatusCode)
		}
	})
	t.Run("bad ranges are INVALID_INPUT naming the field", func(t *testing.T) {
		resp := finance.do(t, `query($f: SalesReportFilter!) { salesReport(filter: $f) { total { netFen } } }`,
			map[string]any{"f": map[string]any{"from": "2026-01-01", "to": "2027-01-02", "period": "day"}})
		if resp.Code() != voltpay.EINVALID || resp.Errors[0].Extensions.Field != "to" {
			t.Fatalf("367 days by day: %+v", resp.Errors)
		}
	})
	t.Run("the sales report exported and read back", func(t *testing.T) {
		resp, body := finance.download(t, exportPath("salesReport", map[string]any{"siteId": site, "from": today, "to": today, "period": "month"}))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("export: %d %s", resp.StatusCode, body)
		}
		f, sheet, rows := workbook(t, body)
		rows = rows[1:] // below the title row
		if rows[0][0] != "期间" || rows[0][1] != "付款方式" || rows[0][9] != "净额(元)" {
			t.Fatalf("header %v", rows[0])
		}
		month := today[:8] + "01"
		// The month: cash, wechat, alipay and its subtotal; by channel ×3; by operator ×3; the total.
		if len(rows) != 1+4+3+3+1 {
			t.Fatalf("%d rows: %v", len(rows), rows)
		}
		if rows[1][0] != month || rows[1][1] != "现金" || rows[1][3] != "1" || rows[1][4] != "100" || rows[1][6] != "-20" || rows[1][9] != "80" {
			t.Errorf("cash row %v", rows[1])
		}
		if rows[4][2] != "小计" || rows[4][9] != "130" {
			t.Errorf("subtotal row %v", rows[4])
		}
		last := rows[len(rows)-1]
		if last[0] != "合计" || last[3] != "3" || last[4] != "180" || last[8] != "-30" || last[9] != "130" {
			t.Errorf("total row %v", last)
		}
		if style, _ := f.GetCellStyle(sheet, "J3"); style == 0 {
			t.Error("money cells want the yuan number format")
		}
	})
	t.Run("a cashier's export holds their own takings only", func(t *testing.T) {
		resp, body := c2.download(t, exportPath("salesReport", map[string]any{"siteId": site, "from": today, "to": today, "period": "day"}))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("export: %d %s", resp.StatusCode, body)
		}
		_, _, rows := workbook(t, body)
		rows = rows[1:] // below the title row
		last := rows[len(rows)-1]
		if last[4] != "30" || last[9] != "30" {
			t.Errorf("cashier 2's total row %v: want their 30 yuan (finance reversed it, not them)", last)
		}
	})
	t.Run("the charges report exports", func(t *testing.T) {
		resp, body := finance.download(t, exportPath("chargesReport", map[string]any{"siteId": site, "from": today, "to": today, "period": "day"},
			"lang", "en"))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("export: %d %s", resp.StatusCode, body)
		}
		_, _, rows := workbook(t, body)
		rows = rows[1:] // below the title row
		if rows[0][0] != "Period" || rows[1][0] != "Total" || rows[1][9] != "0" {
			t.Errorf("no charges today: the total row only, got %v", rows)
		}
	})
}
