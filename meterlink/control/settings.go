package control

import (
	"context"
	"fmt"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// setting is one value to write and read back.
type setting struct {
	di    dlt645.DI
	value int64
}

// pushSettings writes the alarm, overdraft, hoarding and close-allowed
// thresholds given in the params (alarm 1 and 2 default to the meter's own
// configuration) and reads each back.
func (s *session) pushSettings(ctx context.Context, p params) outcome {
	fen := func(v *voltpay.Fen) *int64 {
		if v == nil {
			return nil
		}
		n := int64(*v)
		return &n
	}
	if p.Alarm1Fen == nil {
		p.Alarm1Fen = fen(s.meter.Alarm1Fen)
	}
	if p.Alarm2Fen == nil {
		p.Alarm2Fen = fen(s.meter.Alarm2Fen)
	}
	var sets []setting
	for _, v := range []struct {
		di dlt645.DI
		v  *int64
	}{
		{dlt645.DIAlarmAmount1, p.Alarm1Fen}, {dlt645.DIAlarmAmount2, p.Alarm2Fen},
		{dlt645.DIOverdraftAmountMax, p.OverdraftLimitFen}, {dlt645.DIHoardingLimit, p.HoardingLimitFen},
		{dlt645.DICloseAllowedAmount, p.CloseAllowedFen},
	} {
		if v.v != nil {
			sets = append(sets, setting{v.di, *v.v})
		}
	}
	if len(sets) == 0 {
		return failed("nothing to push: the params give no threshold and the meter has no alarm thresholds set")
	}
	return s.writeAll(ctx, sets)
}

// pushTariff writes the current-set prices of rates 1..n (尖, 峰, 平, 谷)
// and reads the price block back.
func (s *session) pushTariff(ctx context.Context, p params) outcome {
	if len(p.Prices) == 0 || len(p.Prices) > 4 {
		return failed("push_tariff needs 1 to 4 prices (rates 尖, 峰, 平, 谷 in yuan/kWh), got %d", len(p.Prices))
	}
	var sets []setting
	for i, str := range p.Prices {
		price, err := voltpay.ParsePrice(str)
		if err != nil {
			return failed("price of rate %d: %v", i+1, err)
		}
		sets = append(sets, setting{dlt645.PriceDI(i+1, false), int64(price)})
	}
	return s.writeAll(ctx, sets)
}

// writeAll writes each setting and then reads each back; every value must
// be the one written.
func (s *session) writeAll(ctx context.Context, sets []setting) outcome {
	for _, st := range sets {
		it, ok := dlt645.Lookup(st.di)
		if !ok {
			return failed("%s is not in the data identifier table", st.di)
		}
		value, err := it.Encode(st.value)
		if err != nil {
			return failed("%v", err)
		}
		if err := s.write(ctx, st.di, value); err != nil {
			return refused(fmt.Sprintf("write %s (%s)", st.di, it.Name), err)
		}
	}
	for _, st := range sets {
		got, err := s.readValues(ctx, st.di)
		if err != nil {
			return refused(fmt.Sprintf("read back %s", st.di), err)
		}
		if len(got) != 1 || got[0] != st.value {
			return retry("read back %s = %v after writing %d", st.di, got, st.value)
		}
	}
	return confirmed(fmt.Sprintf("%d values written and read back", len(sets)))
}
