package receipt

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay/receipt/receipttest"
)

// sampleStatement is November 2026 of a shop with two meters, one replaced.
func sampleStatement(charges int) *Statement {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	s := &Statement{SiteName: "万达广场物业服务中心", AccountNo: "WD01000001", Tenant: "星巴克咖啡", Shop: "1F-101", Month: "2026-11",
		From: time.Date(2026, 11, 1, 0, 0, 0, 0, shanghai), To: time.Date(2026, 12, 1, 0, 0, 0, 0, shanghai),
		OpeningFen: 100_000, ClosingFen: 101_787,
		Movements: []Movement{{"sale", 7000, 2}, {"refund", -1000, 1}, {"reversal", -2000, 1}, {"charge", -2265, 5}, {"correction", 52, 1}},
		Purchases: []Movement{{"cash", 2000, 1}, {"bank", 5000, 1}}, Refunds: []Movement{{"cash", -1000, 1}},
		Printed: time.Date(2026, 12, 2, 9, 30, 0, 0, shanghai)}
	rates := []string{"peak", "flat", "valley"}
	for i := range charges {
		s.Charges = append(s.Charges, StatementCharge{Meter: fmt.Sprintf("0000123456%02d", i/3), Rate: rates[i%3], EnergyWh: 2000 + int64(i), AmountFen: 240})
	}
	return s
}

func renderStatement(t *testing.T, name string, s *Statement, lang string) (string, int) {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderStatement(&buf, s, &Layout{Footer: []string{"服务电话 400-800-1234"}}, lang); err != nil {
		t.Fatalf("RenderStatement: %v", err)
	}
	text, pages := receipttest.Read(t, buf.Bytes())
	receipttest.Screenshot(t, buf.Bytes(), filepath.Join("..", "var", "screenshots", "receipt"), name)
	return text, pages
}

// TestRenderStatement: the statement's Chinese text reads back with
// pdftotext, movements and charges included, and a long list of charges
// runs onto a second page under its header again.
func TestRenderStatement(t *testing.T) {
	receipttest.Need(t)
	text, pages := renderStatement(t, "statement-2026-11", sampleStatement(4), "zh-CN")
	if pages != 1 {
		t.Errorf("pages = %d, want 1", pages)
	}
	receipttest.Contains(t, text, "万达广场物业服务中心 单户费用清单", "WD01000001", "星巴克咖啡", "1F-101", "2026-11-01 – 2026-11-30",
		"期初余额", "¥1,000.00", "购电", "¥70.00", "现金", "银行转账", "退电", "-¥10.00", "冲正", "-¥20.00", "电费", "-¥22.65",
		"电费更正", "¥0.52", "期末余额", "¥1,017.87", "电费明细", "000012345600", "峰", "平", "谷", "2.000", "¥2.40", "合计",
		"服务电话 400-800-1234", "第 1 页")
	long, pages := renderStatement(t, "statement-long", sampleStatement(90), "zh-CN")
	if pages < 2 || strings.Count(long, "电量 (kWh)") != pages {
		t.Errorf("a long statement: %d pages, its header %d times", pages, strings.Count(long, "电量 (kWh)"))
	}
	en, _ := renderStatement(t, "statement-en", sampleStatement(2), "en-US")
	receipttest.Contains(t, en, "Monthly statement", "Opening balance", "Purchases", "Cash", "Charges by meter and rate", "Peak")
}
