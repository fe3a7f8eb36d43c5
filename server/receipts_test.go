package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/receipt/receipttest"
)

// receiptFixture is an account opened with a first sale, then sold to,
// refunded and a sale reversed, in the env's site.
type receiptFixture struct {
	acct                            *voltpay.Account
	meter                           *voltpay.Meter
	opening, sale, refund, reversal *voltpay.LedgerEntry
	reversed                        *voltpay.LedgerEntry
}

func newReceiptFixture(t *testing.T, env *testEnv) *receiptFixture {
	t.Helper()
	f := &receiptFixture{meter: env.createMeter(t, nil)}
	acct, opening, err := env.Res.AccountService.OpenAccount(sys(), voltpay.OpenAccountInput{MeterIDs: []int64{f.meter.ID},
		Account:   voltpay.AccountInput{SiteID: env.Site.ID, TenantName: "星巴克咖啡", ShopNo: "1F-101", Phone: "13800138000"},
		FirstSale: &voltpay.SaleInput{AmountFen: 5000, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}})
	if err != nil {
		t.Fatal(err)
	}
	f.acct, f.opening = acct, opening
	sell := func(fen voltpay.Fen) *voltpay.LedgerEntry {
		e, err := env.Res.LedgerService.Sell(sys(), voltpay.SaleInput{AccountID: acct.ID, AmountFen: fen, Channel: voltpay.ChannelWechat, IdempotencyKey: newKey(), Note: "预存电费"})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	f.sale = sell(12345)
	if f.refund, err = env.Res.LedgerService.Refund(sys(), voltpay.RefundInput{AccountID: acct.ID, AmountFen: 2005, Channel: voltpay.ChannelBank, IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	f.reversed = sell(100)
	if f.reversal, err = env.Res.LedgerService.Reverse(sys(), voltpay.ReverseInput{EntryID: f.reversed.ID, IdempotencyKey: newKey(), Reason: "金额输入错误"}); err != nil {
		t.Fatal(err)
	}
	return f
}

// receiptPDF GETs the receipt's PDF and returns its status and, for a PDF,
// its text and pages; shot names the screenshot (var/screenshots/receipt-http/).
func (c *client) receiptPDF(t *testing.T, path, shot string) (int, string, int) {
	t.Helper()
	resp, body := c.download(t, path)
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, string(body), 0
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/pdf" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Content-Type %q, Cache-Control %q; want application/pdf, no-store", ct, resp.Header.Get("Cache-Control"))
	}
	text, pages := receipttest.Read(t, body)
	if shot != "" {
		receipttest.Screenshot(t, body, filepath.Join("..", "var", "screenshots", "receipt-http"), shot)
	}
	return resp.StatusCode, text, pages
}

var printOp = "printReceipt"

func TestReceiptPDF(t *testing.T) {
	receipttest.Need(t)
	env := newEnv(t)
	f := newReceiptFixture(t, env)
	cashier := env.operator(t, voltpay.RoleCashier)

	t.Run("Opening", func(t *testing.T) {
		status, text, pages := cashier.receiptPDF(t, "/receipts/"+f.opening.ReceiptNo+".pdf", "opening-a4")
		if status != http.StatusOK || pages != 1 {
			t.Fatalf("status %d, %d pages: %s", status, pages, text)
		}
		receipttest.Contains(t, text, "开户收据", env.Site.Name, f.opening.ReceiptNo, f.acct.No, "星巴克咖啡", "1F-101",
			f.meter.Address, "¥50.00", "伍拾元整", "¥0.00", "现金", "第一联 客户联", "第二联 财务联", "第三联 存根联")
	})
	t.Run("SaleReprint241", func(t *testing.T) {
		status, text, pages := cashier.receiptPDF(t, "/receipts/"+f.sale.ReceiptNo+".pdf?copy=tenant&paper=241&reprint=1", "sale-241-reprint")
		if status != http.StatusOK || pages != 1 {
			t.Fatalf("status %d, %d pages: %s", status, pages, text)
		}
		receipttest.Contains(t, text, "售电收据", "重打", "¥123.45", "壹佰贰拾叁元肆角伍分", "¥50.00", "¥173.45", "微信支付", "预存电费")
		if strings.Contains(text, "财务联") {
			t.Error("copy=tenant printed the finance copy too")
		}
		audit, err := env.Res.AuditService.FindAudit(sys(), voltpay.AuditFilter{Operation: &printOp, Page: voltpay.PageArgs{First: 20}})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range audit.Items {
			var args struct {
				ReceiptNo string
				Reprint   bool
			}
			json.Unmarshal(e.Args, &args)
			found = found || args.ReceiptNo == f.sale.ReceiptNo && args.Reprint && e.Result == "ok"
		}
		if !found {
			t.Errorf("the reprint of %s is not in the audit log", f.sale.ReceiptNo)
		}
	})
	t.Run("RefundAndReversal", func(t *testing.T) {
		_, text, _ := cashier.receiptPDF(t, "/receipts/"+f.refund.ReceiptNo+".pdf?copy=finance", "refund")
		receipttest.Contains(t, text, "退电凭证", "¥20.05", "贰拾元零伍分", "银行转账", "第二联 财务联")
		_, text, _ = cashier.receiptPDF(t, "/receipts/"+f.reversal.ReceiptNo+".pdf?copy=archive&lang=en-US", "reversal-en")
		receipttest.Contains(t, text, "Reversal voucher", "Reverses", f.reversed.ReceiptNo, "壹元整", "金额输入错误", "Copy 3: archive")
	})
	t.Run("Layout", func(t *testing.T) {
		layout := `{"title":"万达广场 电费收据","footer":["服务电话 400-800-1234"],"fields":["account","tenant","qr"],"publicUrl":"https://pay.example.com"}`
		if err := env.Res.SiteService.SetReceiptLayout(sys(), env.Site.ID, []byte(layout)); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { env.Res.SiteService.SetReceiptLayout(sys(), env.Site.ID, nil) })
		_, text, _ := cashier.receiptPDF(t, "/receipts/"+f.sale.ReceiptNo+".pdf", "sale-layout")
		receipttest.Contains(t, text, "万达广场 电费收据", "服务电话 400-800-1234", "星巴克咖啡")
		if strings.Contains(text, "变动前余额") || strings.Contains(text, "微信支付") {
			t.Errorf("the layout leaves balance and channel out, yet they print:\n%s", text)
		}
		err := env.Res.SiteService.SetReceiptLayout(sys(), env.Site.ID, []byte(`{"fields":["colour"]}`))
		if voltpay.ErrorCode(err) != voltpay.EINVALID || !strings.Contains(voltpay.ErrorMessage(err), "colour") {
			t.Errorf("an unknown field: %v, want INVALID_INPUT naming it", err)
		}
		if err := env.Res.SiteService.SetReceiptLayout(sys(), 1<<40, nil); voltpay.ErrorCode(err) != voltpay.ENOTFOUND {
			t.Errorf("another site's layout: %v, want NOT_FOUND", err)
		}
	})
	t.Run("BrokenStoredLayout", func(t *testing.T) {
		if _, err := env.DB.ExecContext(sys(), `UPDATE sites SET receipt_layout = '{"title": 42}' WHERE id = $1`, env.Site.ID); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { env.Res.SiteService.SetReceiptLayout(sys(), env.Site.ID, nil) })
		status, text, _ := cashier.receiptPDF(t, "/receipts/"+f.sale.ReceiptNo+".pdf?copy=tenant", "")
		if status != http.StatusOK {
			t.Fatalf("a broken stored layout stops printing: %d %s", status, text)
		}
		receipttest.Contains(t, text, env.Site.Name, "变动前余额")
		if !strings.Contains(env.Log.String(), "layout is unreadable") {
			t.Error("a broken stored layout is not logged")
		}
	})
}

func TestReceiptPDF_Access(t *testing.T) {
	receipttest.Need(t)
	env := newEnv(t)
	f := newReceiptFixture(t, env)
	other := env.openAccount(t, 1000)
	path := "/receipts/" + f.sale.ReceiptNo + ".pdf?copy=tenant"

	t.Run("OwnTenant", func(t *testing.T) {
		status, text, _ := env.tenant(t, f.acct.ID).receiptPDF(t, path, "tenant-own")
		if status != http.StatusOK {
			t.Fatalf("the tenant's own receipt: %d %s", status, text)
		}
		receipttest.Contains(t, text, f.sale.ReceiptNo, "星巴克咖啡")
	})
	t.Run("ErrOtherTenant", func(t *testing.T) {
		status, body, _ := env.tenant(t, other.ID).receiptPDF(t, path, "")
		if status != http.StatusNotFound || strings.Contains(body, "星巴克") {
			t.Errorf("another tenant's receipt: %d %s, want 404 telling nothing", status, body)
		}
	})
	t.Run("ErrAnonymous", func(t *testing.T) {
		if status, body, _ := env.anonymous().receiptPDF(t, path, ""); status != http.StatusUnauthorized {
			t.Errorf("anonymous: %d %s, want 401", status, body)
		}
	})
	t.Run("ErrNoPermission", func(t *testing.T) {
		status, body, _ := env.apiKey(t, voltpay.PermReadSite).receiptPDF(t, path, "")
		if status != http.StatusForbidden || !strings.Contains(body, "read_accounts") {
			t.Errorf("a key without read_accounts: %d %s, want 403 naming it", status, body)
		}
	})
	cashier := env.operator(t, voltpay.RoleCashier)
	for name, tc := range map[string]struct {
		path string
		want int
		says string
	}{
		"ErrUnknownNumber": {"/receipts/R2026120799999999.pdf", http.StatusNotFound, "no receipt R2026120799999999"},
		"ErrMalformed":     {"/receipts/" + strings.Repeat("9", 41) + ".pdf", http.StatusNotFound, "use /receipts/"},
		"ErrNotPDF":        {"/receipts/" + f.sale.ReceiptNo + ".png", http.StatusNotFound, ".pdf"},
		"ErrCopy":          {path + ",carbon", http.StatusBadRequest, "carbon"},
		"ErrPaper":         {"/receipts/" + f.sale.ReceiptNo + ".pdf?paper=a5", http.StatusBadRequest, "a4"},
		"ErrReprint":       {"/receipts/" + f.sale.ReceiptNo + ".pdf?reprint=yes", http.StatusBadRequest, "reprint"},
	} {
		t.Run(name, func(t *testing.T) {
			status, body, _ := cashier.receiptPDF(t, tc.path, "")
			if status != tc.want || !strings.Contains(body, tc.says) {
				t.Errorf("GET %s: %d %s, want %d saying %q", tc.path, status, body, tc.want, tc.says)
			}
		})
	}
	t.Run("ErrTransfer", func(t *testing.T) {
		out, _, err := env.Res.LedgerService.Transfer(sys(), voltpay.TransferInput{FromAccountID: f.acct.ID, ToAccountID: other.ID, AmountFen: 1, IdempotencyKey: newKey()})
		if err != nil {
			t.Fatal(err)
		}
		status, body, _ := cashier.receiptPDF(t, fmt.Sprintf("/receipts/%s.pdf", out.ReceiptNo), "")
		if status != http.StatusBadRequest || !strings.Contains(body, "transfer") {
			t.Errorf("a transfer's receipt: %d %s, want 400 saying receipts print for sales…", status, body)
		}
	})
}
