package graph

import (
	"encoding/json"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment"
)

// recharge returns the recharge service, or UNAVAILABLE on a server that
// runs without one.
func (r *Resolver) recharge() (voltpay.RechargeService, error) {
	if r.RechargeService == nil {
		return nil, voltpay.Errorf(voltpay.EUNAVAILABLE, "self-service recharge does not run on this server")
	}
	return r.RechargeService, nil
}

func orderID(o *voltpay.RechargeOrder) int64 { return o.ID }

// payParams decodes what the payer needs; null once the order is no
// longer pending (it can no longer be paid).
func payParams(o *voltpay.RechargeOrder) (*payment.Prepay, error) {
	if o.State != voltpay.OrderPending || o.PrepayJSON == "" {
		return nil, nil
	}
	p := &payment.Prepay{}
	if err := json.Unmarshal([]byte(o.PrepayJSON), p); err != nil {
		return nil, err
	}
	return p, nil
}

// parseDay reads a YYYY-MM-DD day (checked by the Date scalar) as its
// midnight in Beijing time, the providers' day.
func parseDay(day string) (time.Time, error) {
	d, err := voltpay.ParseDate("day", day)
	if err != nil {
		return time.Time{}, err
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, payment.Shanghai), nil
}
