package graph

import (
	"context"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// displayStatus is m's billing.Status (issue 4 item 5). The account comes
// from the operation's account loader, which a list of meters primes in
// one query (prefetchMeters), so a page's statuses cost no query per meter.
// A meter-billed meter's balance lives in the meter; the account's mirror
// of it is what is shown, as everywhere else. In an account keeping one
// balance per meter, the meter's own balance is (one more batched query).
func displayStatus(ctx context.Context, m *voltpay.Meter) (string, error) {
	a, err := loadOpt(ctx, loaders(ctx).Account, m.AccountID)
	if err != nil {
		return "", err
	}
	in := billing.StatusInput{Online: m.Online, Guarantee: m.ControlMode == billing.ModeGuarantee, Relay: m.Relay}
	if a != nil {
		in.Opened = a.Status == voltpay.AccountOpen
		in.Balance, in.Alarm1, in.Alarm2 = a.BalanceFen, a.Alarm1Fen, a.Alarm2Fen
	}
	if a != nil && a.BalanceMode == voltpay.BalancePerMeter { // the meter's own balance
		b, err := loaders(ctx).MeterBalance.Load(ctx, m.ID)
		if err != nil {
			return "", err
		}
		if b != nil {
			in.Balance = *b
		}
	}
	return billing.Status(in), nil
}
