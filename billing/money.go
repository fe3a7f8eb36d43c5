package billing

import (
	"fmt"

	"github.com/voltpay/voltpay"
)

// Micro is an exact amount of money in 1/100,000 fen. A price in
// voltpay.Price units (1/10,000 yuan per kWh, i.e. 1/100 fen per kWh) times
// an energy in Wh is a Micro, with nothing rounded.
type Micro int64

// MicroPerFen is the number of Micro in one fen.
const MicroPerFen = 100_000

// Cost returns the exact cost of wh at price p.
func Cost(wh voltpay.Wh, p voltpay.Price) Micro { return Micro(int64(wh) * int64(p)) }

// String formats m as fen with five decimals, e.g. "12.34567 fen".
func (m Micro) String() string {
	sign, v := "", int64(m)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%05d fen", sign, v/MicroPerFen, v%MicroPerFen)
}

// roundFen rounds m to the nearest fen, halves away from zero.
func roundFen(m Micro) voltpay.Fen {
	if m < 0 {
		return -roundFen(-m)
	}
	return voltpay.Fen((int64(m) + MicroPerFen/2) / MicroPerFen)
}

// Carry rounds a stream of exact amounts to whole fen so that the fen
// charged so far are always the rounded exact total so far: each charge is
// round(total after) − round(total before). A year of half-hourly charges
// therefore adds up to the rounded price of the year's energy, never a fen
// more or less, however small each charge is. The zero Carry starts a new
// series (a new meter, a new account).
type Carry struct {
	// Total is the exact amount charged in the series so far.
	Total Micro
}

// Add adds m to the series and returns the fen to charge for it.
func (c *Carry) Add(m Micro) voltpay.Fen {
	before := roundFen(c.Total)
	c.Total += m
	return roundFen(c.Total) - before
}
