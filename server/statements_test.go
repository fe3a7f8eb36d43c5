package main

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/receipt/receipttest"
)

const statementQuery = `query($id: ID!, $month: String!) { accountStatement(accountId: $id, month: $month) {
	accountNo openingFen closingFen byType { type amountFen count } purchases { channel amountFen } pdfUrl } }`

// TestAccountStatementAPI: the statement over GraphQL and as PDF, for staff
// and for the account's tenant; another tenant gets null and 404, an
// anonymous caller 401, a bad month 400, and every print is audited.
func TestAccountStatementAPI(t *testing.T) {
	receipttest.Need(t)
	env := newEnv(t)
	f := newReceiptFixture(t, env)
	other := env.openAccount(t, 1000)
	month := time.Now().In(shanghai(t)).Format("2006-01")
	cashier := env.operator(t, voltpay.RoleCashier)

	var got struct {
		AccountStatement *struct {
			AccountNo  string
			OpeningFen int64
			ClosingFen int64
			ByType     []struct {
				Type      string
				AmountFen int64
				Count     int
			}
			PdfURL string `json:"pdfUrl"`
		}
	}
	cashier.do(t, statementQuery, map[string]any{"id": f.acct.ID, "month": month}).Decode(t, &got)
	st := got.AccountStatement
	if st == nil || st.OpeningFen != 0 || st.ClosingFen != 5000+12345-2005 {
		t.Fatalf("statement %+v: want opening 0, closing the balance", st)
	}
	sum := st.OpeningFen
	for _, tt := range st.ByType {
		sum += tt.AmountFen
	}
	if sum != st.ClosingFen || st.PdfURL != "/statements/"+itoa(f.acct.ID)+"/"+month+".pdf" {
		t.Fatalf("movements add up to %d (closing %d); pdfUrl %q", sum, st.ClosingFen, st.PdfURL)
	}

	tenant := env.tenant(t, f.acct.ID)
	status, text, pages := tenant.receiptPDF(t, st.PdfURL, "statement")
	if status != http.StatusOK || pages != 1 {
		t.Fatalf("tenant's own statement: %d, %d pages: %s", status, pages, text)
	}
	receipttest.Contains(t, text, "单户费用清单", "星巴克咖啡", "1F-101", "期初余额", "期末余额", "¥153.40", "微信支付", "冲正")

	stranger := env.tenant(t, other.ID)
	var none struct{ AccountStatement *struct{ AccountNo string } }
	stranger.do(t, statementQuery, map[string]any{"id": f.acct.ID, "month": month}).Decode(t, &none)
	if none.AccountStatement != nil {
		t.Errorf("another tenant read the statement: %+v", none.AccountStatement)
	}
	if status, _, _ := stranger.receiptPDF(t, st.PdfURL, ""); status != http.StatusNotFound {
		t.Errorf("another tenant's PDF: %d, want 404", status)
	}
	if status, _, _ := env.anonymous().receiptPDF(t, st.PdfURL, ""); status != http.StatusUnauthorized {
		t.Errorf("anonymous: %d, want 401", status)
	}
	if status, _, _ := cashier.receiptPDF(t, "/statements/"+itoa(f.acct.ID)+"/2026-13.pdf", ""); status != http.StatusBadRequest {
		t.Errorf("month 2026-13: %d, want 400", status)
	}
	var audited int
	if err := env.DB.Get(&audited, `SELECT count(*) FROM audit_log WHERE operation = 'printStatement'`); err != nil {
		t.Fatal(err)
	}
	if audited < 3 {
		t.Errorf("%d prints audited, want the tenant's, the stranger's and the bad month's", audited)
	}
}

// TestEnergyReportAPI: staff get the report with its total; a tenant an empty one.
func TestEnergyReportAPI(t *testing.T) {
	env := newEnv(t)
	m := env.createMeter(t, nil)
	env.openAccount(t, 1000, m.ID)
	const q = `query($site: ID!) { energyReport(siteId: $site, groupBy: account, from: "2026-11-01", to: "2026-12-01") {
		rows { id name meters energyWh } total { meters energyWh amountFen } totalRows } }`
	var got struct {
		EnergyReport struct {
			Rows []struct {
				ID     *string
				Meters int
			}
			Total     struct{ Meters int }
			TotalRows int
		}
	}
	env.operator(t, voltpay.RoleViewer).do(t, q, map[string]any{"site": env.Site.ID}).Decode(t, &got)
	if got.EnergyReport.Total.Meters < 1 || got.EnergyReport.TotalRows < 1 {
		t.Fatalf("report %+v", got.EnergyReport)
	}
	acct := env.openAccount(t, 1000)
	got.EnergyReport.TotalRows = -1
	env.tenant(t, acct.ID).do(t, q, map[string]any{"site": env.Site.ID}).Decode(t, &got)
	if got.EnergyReport.TotalRows != 0 || got.EnergyReport.Total.Meters != 0 {
		t.Errorf("tenant: %+v, want an empty report", got.EnergyReport)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func shanghai(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(voltpay.DefaultTimezone)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
