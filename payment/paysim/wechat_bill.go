package paysim

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/voltpay/voltpay/payment"
)

// wxBillHeader is WeChat's trade bill header (bill_type ALL).
var wxBillHeader = []string{"交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号",
	"用户标识", "交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额", "代金券金额", "微信退款单号",
	"商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态", "商品名称", "商户数据包", "手续费", "费率",
	"订单金额", "申请退款金额", "费率备注"}

// Bill renders the trade bill of one Beijing day from the fake's own paid
// trades and successful refunds, in WeChat's CSV layout; nil when the day
// had none.
func (f *WechatFake) Bill(day time.Time) []byte {
	date := day.In(payment.Shanghai).Format(time.DateOnly)
	onDay := func(t time.Time) bool { return !t.IsZero() && t.In(payment.Shanghai).Format(time.DateOnly) == date }
	yuan := payment.FormatYuan
	type row struct {
		at     time.Time
		fields []string
	}
	var rows []row
	var paid, refunded, fee int64
	f.mu.Lock()
	for _, t := range f.trades {
		if !onDay(t.PaidAt) {
			continue
		}
		fen := t.Amount * 6 / 1000 // 0.60% fee, in fen (the bill writes it with 5 decimals)
		paid, fee = paid+t.Amount, fee+fen
		rows = append(rows, row{t.PaidAt, []string{t.PaidAt.In(payment.Shanghai).Format(time.DateTime), t.AppID, t.MchID, "0", "",
			t.TransactionID, t.OutTradeNo, t.Openid, strings.ToUpper(wxTradeType(t.Method)), "SUCCESS", "OTHERS", "CNY",
			yuan(t.Amount), "0.00", "0", "0", "0.00", "0.00", "", "", t.Description, "", fmt.Sprintf("%s000", yuan(fen)),
			"0.60%", yuan(t.Amount), "0.00", ""}})
	}
	for _, rf := range f.refunds {
		if rf.Status != "SUCCESS" || !onDay(rf.SuccessAt) {
			continue
		}
		t := f.trades[rf.OutTradeNo]
		refunded += rf.Amount
		rows = append(rows, row{rf.SuccessAt, []string{rf.SuccessAt.In(payment.Shanghai).Format(time.DateTime), t.AppID, t.MchID, "0", "",
			t.TransactionID, t.OutTradeNo, t.Openid, strings.ToUpper(wxTradeType(t.Method)), "REFUND", "OTHERS", "CNY",
			"0.00", "0.00", rf.RefundID, rf.OutRefundNo, yuan(rf.Amount), "0.00", "ORIGINAL", "SUCCESS", t.Description, "",
			"0.00000", "0.60%", "0.00", yuan(rf.Amount), ""}})
	}
	f.mu.Unlock()
	if len(rows) == 0 {
		return nil
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].at.Before(rows[j].at) })
	var b strings.Builder
	b.WriteString(strings.Join(wxBillHeader, ",") + "\r\n")
	for _, r := range rows {
		for i, v := range r.fields {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("`" + v)
		}
		b.WriteString("\r\n")
	}
	b.WriteString("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n")
	fmt.Fprintf(&b, "`%d,`%s,`%s,`0.00,`%s000,`%s,`%s\r\n", len(rows), yuan(paid), yuan(refunded), yuan(fee), yuan(paid), yuan(refunded))
	return []byte(b.String())
}

func wxTradeType(method string) string {
	return map[string]string{"jsapi": "JSAPI", "native": "NATIVE", "h5": "MWEB"}[method]
}

// tradeBill answers GET /v3/bill/tradebill with a download link for the
// day's bill and its SHA1.
func (f *WechatFake) tradeBill(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	day, err := time.ParseInLocation(time.DateOnly, q.Get("bill_date"), payment.Shanghai)
	if err != nil {
		f.fail(w, http.StatusBadRequest, "PARAM_ERROR", "bill_date 格式应为YYYY-MM-DD")
		return
	}
	if bt := q.Get("bill_type"); bt != "" && bt != "ALL" {
		f.fail(w, http.StatusBadRequest, "PARAM_ERROR", "模拟器只支持 bill_type=ALL")
		return
	}
	data := f.Bill(day)
	if data == nil {
		f.fail(w, http.StatusBadRequest, "NO_STATEMENT_EXIST", "该日期账单不存在")
		return
	}
	token := wxRandHex(16)
	sum := sha1.Sum(data)
	f.mu.Lock()
	if f.bills == nil {
		f.bills = map[string][]byte{}
	}
	f.bills[token] = data
	f.mu.Unlock()
	f.reply(w, http.StatusOK, map[string]string{
		"hash_type": "SHA1", "hash_value": hex.EncodeToString(sum[:]),
		"download_url": wxBaseURL(r) + "/v3/billdownload/file?token=" + token,
	})
}

// billFile serves a bill like WeChat: the request is signed by the
// merchant, the file is not signed.
func (f *WechatFake) billFile(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	data := f.bills[r.URL.Query().Get("token")]
	f.mu.Unlock()
	if data == nil {
		f.fail(w, http.StatusNotFound, "RESOURCE_NOT_EXISTS", "下载链接已失效")
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(data)
}
