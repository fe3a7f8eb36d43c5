package billing

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
