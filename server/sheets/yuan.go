package sheets

import (
	"fmt"
	"strings"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment"
)

// parseYuan reads a cell's amount of yuan into fen exactly, never through
// a float: "100", "100.5", "1,234.50", "¥100", "100元". A number cell
// stores a binary fraction, which some programs write out in full
// ("99.989999999999995"): ten or more decimals are that noise and are
// rounded to the fen; three to nine decimals are a typing mistake and
// refused. A negative amount, or anything else, is refused with why.
func parseYuan(s string) (voltpay.Fen, *Text) {
	t := strings.NewReplacer(",", "", "，", "", "¥", "", "￥", "", "元", "", " ", "").Replace(s)
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "−") || strings.HasPrefix(t, "(") {
		return 0, &Text{Zh: fmt.Sprintf("期初余额不能为负数（%s）；欠费商户请开户后再处理欠款", s),
			En: fmt.Sprintf("the opening balance cannot be negative (%s); open the account, then settle what the tenant owes", s)}
	}
	whole, frac, _ := strings.Cut(t, ".")
	up := false
	switch {
	case len(frac) >= 10:
		up = frac[2] >= '5'
		frac = frac[:2]
	case len(frac) > 2:
		return 0, &Text{Zh: fmt.Sprintf("期初余额 %s 的小数超过两位（分）", s), En: fmt.Sprintf("the opening balance %s has more than two decimals (fen)", s)}
	}
	if frac != "" {
		whole += "." + frac
	}
	fen, err := payment.ParseYuan(whole)
	if err != nil {
		return 0, &Text{Zh: fmt.Sprintf("期初余额 %q 不是金额；请填写元，如 100 或 100.50", s),
			En: fmt.Sprintf("the opening balance %q is not an amount; write yuan, e.g. 100 or 100.50", s)}
	}
	if up {
		fen++
	}
	return voltpay.Fen(fen), nil
}
