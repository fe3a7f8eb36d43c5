package billing

import (
	"errors"
	"fmt"
	"time"

	"github.com/voltpay/voltpay"
)

// maxIntervalWh bounds the energy of one interval (100 GWh, more than any
// shop uses in years) so that no price times energy can overflow a Micro.
const maxIntervalWh voltpay.Wh = 100_000_000_000

// Registers are a meter's energy registers at one reading, as read (the CT
// ratio not applied). Rates holds the per-rate registers in
// voltpay.TOURates order; nil where the meter has none or they were not
// read. ReverseWh is the reverse active energy register, nil where the
// meter has none or it was not read: the meter accumulates both directions
// as consumption (issue 4 item 2), so its delta is charged with the
// forward one's.
type Registers struct {
	At        time.Time
	EnergyWh  voltpay.Wh
	Rates     [4]*voltpay.Wh
	ReverseWh *voltpay.Wh
}

// Series is the billing state of one meter's charge series: the last
// charged reading, the carry of exact amounts not yet charged as whole fen,
// the energy used in a tiered tariff's billing period, and the fault that
// stopped it ("" when none; see voltpay.FaultNoTariff). FeeCarry is the
// site's service fee's own carry (see Fee): Charge leaves it alone, the
// caller takes the fee on each Charge's Exact amount, so that the fees of a
// year add up to the fee on its charges however the charges were rounded.
type Series struct {
	Last     *Registers // nil: no baseline yet
	Carry    Carry
	Usage    Usage
	Fault    string
	FeeCarry Carry
	// Modulus is where the meter's energy registers wrap (RegisterModulus
	// of its protocol); 0 means DLT645RegisterModulus. It is the meter's,
	// not stored with the series.
	Modulus voltpay.Wh
}

// Charge is one reading charged: the energy used since the last charged
// reading and the whole fen it costs (0 when the carry keeps it all).
type Charge struct {
	From, To time.Time
	EnergyWh voltpay.Wh
	Exact    Micro
	Fen      voltpay.Fen
	Note     string
	// Lines are the priced parts of the interval (Pricer.Price): their
	// amounts add up to Exact. RateSplit shares Fen over them.
	Lines []Line
}

// Charge advances s over rs, a meter's new readings in time order, each
// after s.Last, priced under the meter's schedule with its CT ratio. The
// first reading of a series is its baseline and costs nothing. It returns
// one Charge per reading after the baseline and moves s to the last reading
// charged. It stops at the first reading it cannot charge, setting s.Fault
// and leaving s at the last good reading: a register that fell
// (FaultRegisterFell, for good: never a refund by accident), a register
// value out of range, an implausible energy or an amount above
// voltpay.MaxTransactionFen (also for good: that is no consumption but a
// fault), or no tariff in force (voltpay.FaultNoTariff: charging waits for
// one). A successful charge
// clears a waiting fault.
func (p Pricer) Charge(s *Series, ctRatio int, sched Schedule, rs []Registers) []Charge {
	var out []Charge
	for i := range rs {
		cur := rs[i]
		if s.Last != nil && cur.ReverseWh == nil {
			// Not read this time: the reverse energy since the last
			// charged reading is charged with the next reading that has it.
			cur.ReverseWh = s.Last.ReverseWh
		}
		if s.Last == nil {
			s.Last = &cur
			continue
		}
		prev := s.Last
		if !cur.At.After(prev.At) {
			continue // not newer: the caller reads only newer ones
		}
		if len(sched) == 0 {
			s.Fault = voltpay.FaultNoTariff
			return out
		}
		iv, err := interval(prev, &cur, s.Modulus, ctRatio)
		if err != nil {
			if errors.Is(err, ErrRegisterFell) {
				s.Fault = fmt.Sprintf("%s at %s: %v", voltpay.FaultRegisterFell, p.clock(cur.At), err)
			} else {
				s.Fault = fmt.Sprintf("bad register at %s: %v", p.clock(cur.At), err)
			}
			return out
		}
		if iv.EnergyWh > maxIntervalWh {
			s.Fault = fmt.Sprintf("implausible energy of %s at %s: check the meter", kWh(iv.EnergyWh), p.clock(cur.At))
			return out
		}
		lines, usage, err := p.Price(iv, sched, s.Usage)
		if err != nil {
			s.Fault = fmt.Sprintf("%s for %s to %s: %v", voltpay.FaultNoTariff, p.clock(iv.From), p.clock(iv.To), err)
			return out
		}
		var exact Micro
		for _, l := range lines {
			exact += l.Amount
		}
		carry := s.Carry
		fen := carry.Add(exact)
		if fen > voltpay.MaxTransactionFen {
			s.Fault = fmt.Sprintf("implausible charge of %s yuan for %s at %s: check the meter", fen, kWh(iv.EnergyWh), p.clock(cur.At))
			return out
		}
		s.Last, s.Carry, s.Usage, s.Fault = &cur, carry, usage, ""
		out = append(out, Charge{From: iv.From, To: iv.To, EnergyWh: iv.EnergyWh, Exact: exact, Fen: fen, Lines: lines,
			Note: fmt.Sprintf("%s from %s to %s", kWh(iv.EnergyWh), p.clock(iv.From), p.clock(iv.To))})
	}
	return out
}

// interval returns the energy between two readings: the total register's
// delta plus the reverse register's when both readings have one (a reverse
// register first read is the baseline of its own delta), and the per-rate
// deltas when some rate register is in both. The rate registers count
// forward energy only: an interval with reverse energy no longer adds up to
// them and is split by time (see Interval.RateWh).
func interval(prev, cur *Registers, modulus voltpay.Wh, ctRatio int) (Interval, error) {
	total, err := Delta(prev.EnergyWh, cur.EnergyWh, modulus, ctRatio)
	if err != nil {
		return Interval{}, fmt.Errorf("total: %w", err)
	}
	if prev.ReverseWh != nil && cur.ReverseWh != nil {
		rev, err := Delta(*prev.ReverseWh, *cur.ReverseWh, modulus, ctRatio)
		if err != nil {
			return Interval{}, fmt.Errorf("reverse: %w", err)
		}
		total += rev
	}
	iv := Interval{From: prev.At, To: cur.At, EnergyWh: total}
	for k, rate := range voltpay.TOURates {
		a, b := prev.Rates[k], cur.Rates[k]
		if a == nil || b == nil {
			continue
		}
		d, err := Delta(*a, *b, modulus, ctRatio)
		if err != nil {
			return Interval{}, fmt.Errorf("%s: %w", rate, err)
		}
		if iv.RateWh == nil {
			iv.RateWh = make(map[string]voltpay.Wh, 4)
		}
		iv.RateWh[rate] = d
	}
	return iv, nil
}

// clock formats t in the tariffs' local time, to the second.
func (p Pricer) clock(t time.Time) string {
	loc := p.Loc
	if loc == nil {
		loc = ChinaTime
	}
	return t.In(loc).Format(time.DateTime)
}

// kWh formats wh as kWh with three decimals, e.g. "1.234 kWh".
func kWh(wh voltpay.Wh) string {
	sign, v := "", int64(wh)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%03d kWh", sign, v/1000, v%1000)
}
