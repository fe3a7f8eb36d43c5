package postgres

import (
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment/paysim"
)

// TestWechatAmount: every balance, in arrears too, is an amount keyword
// WeChat accepts (the fake checks it as WeChat documents it).
func TestWechatAmount(t *testing.T) {
	for fen, want := range map[voltpay.Fen]string{1230: "12.30元", 0: "0.00元", -1230: "12.30元", -100000000: "1000000.00元"} {
		got := wechatAmount(fen)
		if got != want || !paysim.KeywordValueOK("amount", got) {
			t.Errorf("wechatAmount(%d) = %q (accepted: %v), want %q", fen, got, paysim.KeywordValueOK("amount", got), want)
		}
	}
}
