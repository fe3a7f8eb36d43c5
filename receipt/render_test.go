package receipt

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay/receipt/receipttest"
)

// sample is a sale of ¥50.00 at the demo's site.
func sample() *Receipt {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	return &Receipt{
		No: "WD01S000123", Kind: KindSale, SiteName: "万达广场物业服务中心", AccountNo: "WD01000001",
		Tenant: "星巴克咖啡", Shop: "1F-101", Meters: []string{"000012345678", "000012345679"},
		AmountFen: 5000, BalanceBeforeFen: 1234, BalanceAfterFen: 6234, Channel: "cash", Operator: "张三 cashier",
		Time: time.Date(2026, 12, 7, 14, 30, 5, 0, shanghai), Note: "预存电费",
		URL: "https://pay.example.com/m/receipt/WD01S000123",
	}
}

// pdf renders r and returns the PDF, its text and its page count; it
// writes the pages as PNG to var/screenshots/receipt/name-<page>.png.
func pdf(t *testing.T, name string, r *Receipt, l *Layout, o Options) ([]byte, string, int) {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r, l, o); err != nil {
		t.Fatalf("Render: %v", err)
	}
	text, pages := receipttest.Read(t, buf.Bytes())
	receipttest.Screenshot(t, buf.Bytes(), filepath.Join("..", "var", "screenshots", "receipt"), name)
	return buf.Bytes(), text, pages
}

func contains(t *testing.T, text string, want ...string) {
	t.Helper()
	receipttest.Contains(t, text, want...)
}

func TestRender_A4ThreeParts(t *testing.T) {
	receipttest.Need(t)
	l := &Layout{Title: "万达广场 预付费电费收据", Footer: []string{"服务电话 400-800-1234（工作日 9:00–18:00）", "请妥善保管本收据，退电时凭客户联办理。"}}
	b, text, pages := pdf(t, "a4-sale", sample(), l, Options{})
	if pages != 1 {
		t.Errorf("pages = %d, want the three parts on 1 A4 page", pages)
	}
	contains(t, text, "万达广场 预付费电费收据", "售 电 收 据", "WD01S000123", "第一联 客户联", "第二联 财务联", "第三联 存根联",
		"¥50.00", "人民币大写 伍拾元整", "WD01000001", "星巴克咖啡", "1F-101", "000012345678, 000012345679",
		"¥12.34", "¥62.34", "现金", "张三 cashier", "2026-12-07 14:30:05", "预存电费", "沿此线裁开", "服务电话 400-800-1234",
		"扫码查看电子收据", "经办人签字")
	if n := strings.Count(text, "伍拾元整"); n != 3 {
		t.Errorf("the amount in capitals prints %d times, want once in each of 3 parts", n)
	}
	if strings.Contains(text, "重打") {
		t.Error("a first print is marked 重打")
	}
	if len(b) > 40<<10 {
		t.Errorf("the PDF is %d bytes: the font should be embedded as a subset (want < 40 KiB)", len(b))
	}
}

func TestRender_Reprint(t *testing.T) {
	receipttest.Need(t)
	r := sample()
	r.Reprint = true
	_, text, _ := pdf(t, "a4-sale-reprint", r, nil, Options{Copies: []Copy{CopyTenant}})
	contains(t, text, "重打 REPRINT", "第一联 客户联", "万达广场物业服务中心")
	if strings.Contains(text, "财务联") || strings.Contains(text, "沿此线裁开") {
		t.Errorf("one copy asked for, more printed:\n%s", text)
	}
}

func TestRender_Continuous241(t *testing.T) {
	receipttest.Need(t)
	r := sample()
	r.Kind, r.AmountFen, r.BalanceBeforeFen, r.BalanceAfterFen, r.Channel = KindRefund, -2005, 6234, 4229, "bank"
	_, text, pages := pdf(t, "241-refund", r, nil, Options{Paper: Continuous241})
	if pages != 3 {
		t.Errorf("pages = %d, want one part a page on continuous paper", pages)
	}
	contains(t, text, "退 电 凭 证", "¥20.05", "贰拾元零伍分", "银行转账", "¥62.34", "¥42.29", "第三联 存根联")
}

func TestRender_Kinds(t *testing.T) {
	receipttest.Need(t)
	r := sample()
	r.Kind, r.AmountFen, r.Reverses, r.Note = KindReversal, -5000, "WD01S000120", "收银错误，金额输入有误"
	_, text, _ := pdf(t, "a4-reversal", r, nil, Options{Copies: []Copy{CopyFinance}})
	contains(t, text, "冲 正 凭 证", "冲正原单", "WD01S000120", "伍拾元整", "收银错误")
	r = sample()
	r.Kind, r.Meters = KindOpening, []string{"000000000001", "000000000002", "000000000003", "000000000004", "000000000005"}
	_, text, _ = pdf(t, "a4-opening", r, nil, Options{Copies: []Copy{CopyArchive}})
	contains(t, text, "开 户 收 据", "等共 5 块", "第三联 存根联")
}

func TestRender_English(t *testing.T) {
	receipttest.Need(t)
	_, text, _ := pdf(t, "a4-sale-en", sample(), nil, Options{Lang: "en-US", Copies: []Copy{CopyTenant}})
	contains(t, text, "Sale receipt", "Copy 1: tenant", "Amount", "伍拾元整", "Cash")
}

func TestRender_LayoutFieldsAndLogo(t *testing.T) {
	receipttest.Need(t)
	l := &Layout{Title: "星河湾购物中心", Fields: []string{FieldAccount, FieldTenant, FieldTime}, Logo: testLogo(t)}
	_, text, _ := pdf(t, "a4-sale-fields", sample(), l, Options{Copies: []Copy{CopyTenant}})
	contains(t, text, "星河湾购物中心", "WD01000001", "星巴克咖啡", "伍拾元整")
	for _, gone := range []string{"变动前余额", "现金", "000012345678", "扫码查看", "经办人签字", "预存电费"} {
		if strings.Contains(text, gone) {
			t.Errorf("the layout leaves %q out, yet it prints", gone)
		}
	}
}

// testLogo is a 120 × 40 PNG: a green bar.
func testLogo(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 120, 40))
	for y := 0; y < 40; y++ {
		for x := 0; x < 120; x++ {
			img.Set(x, y, color.RGBA{0, uint8(100 + x), 60, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
