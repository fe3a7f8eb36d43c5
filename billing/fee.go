package billing

import (
	"strconv"

	"github.com/voltpay/voltpay"
)

// BasisPoints is how many basis points make the whole: 100 % = 10,000 bp.
const BasisPoints = 10_000

// Fee returns the service fee of bp basis points on amount (a site's fee
// on each charge, see voltpay.Site.ServiceFeeBP), rounded to the nearest
// Micro, halves away from zero. It is an exact amount like the charge it
// is taken on: rounding to fen is the fee series' own Carry's job, so that
// a year of fees adds up to the fee on the year's charges, and the fee is
// an entry of its own, never folded into the charge. Amounts stay far
// below the range where amount × bp overflows (a charge of a billion
// yuan at 100 %).
func Fee(amount Micro, bp int) Micro {
	if amount < 0 {
		return -Fee(-amount, bp)
	}
	return Micro((int64(amount)*int64(bp) + BasisPoints/2) / BasisPoints)
}

// Percent formats bp basis points as a percentage for notes and receipts,
// without trailing zeros: 500 is "5%", 150 "1.5%", 25 "0.25%".
func Percent(bp int) string {
	sign := ""
	if bp < 0 {
		sign, bp = "-", -bp
	}
	s := sign + strconv.Itoa(bp/100)
	if frac := bp % 100; frac != 0 {
		if frac%10 == 0 {
			s += "." + strconv.Itoa(frac/10)
		} else {
			s += "." + strconv.Itoa(frac/10) + strconv.Itoa(frac%10)
		}
	}
	return s + "%"
}

// FeeFen is the service fee of bp basis points on amount fen taken on its
// own (on a sale, voltpay.FeeOnSale), rounded to the fen as Fee rounds:
// halves away from zero.
func FeeFen(amount voltpay.Fen, bp int) voltpay.Fen {
	return voltpay.Fen(Fee(Micro(amount), bp))
}
