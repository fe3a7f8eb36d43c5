package control

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/secure"
)

// credit pushes params.AmountFen into a meter that keeps its own balance,
// exactly once:
//
//  1. read the purchase count n off the meter;
//  2. reserve n+1 for this command in the database, or get the count an
//     earlier attempt reserved (the reservation never changes);
//  3. if the meter's count already is (or is past) the reserved one, an
//     earlier attempt's push landed (its reply was lost, or its executor
//     died): confirmed, nothing sent. No other credit can take a reserved
//     count, so only this one can have made that purchase (purchases made
//     outside Voltpay would break this; all credits must go through it);
//  4. push with the reserved count and an order number made of the
//     command id: a repeat is refused by the meter (repeat recharge);
//  5. read the count again: the reserved one proves the credit landed.
func (s *session) credit(ctx context.Context, p params) outcome {
	model := ModelFor(s.meter.Model)
	if model.Credit == dlt645.LayoutNone {
		return failed("meter model %q keeps no balance of its own; credit the account instead", s.meter.Model)
	}
	if p.AmountFen == nil || *p.AmountFen <= 0 {
		return failed("a credit needs a positive amountFen in its params")
	}
	before, err := s.purchaseCount(ctx)
	if err != nil {
		return transient("read the purchase count before crediting", err)
	}
	want, err := s.x.queue.ReserveCreditCount(ctx, s.cmd.ID, before+1)
	switch voltpay.ErrorCode(err) {
	case "":
	case voltpay.EUNAVAILABLE, voltpay.ECONFLICT:
		// CONFLICT: an earlier credit of this meter holds the count and
		// has not settled (its executor died); it goes first.
		return retry("reserve purchase count %d: %v", before+1, err)
	default:
		return failed("reserve purchase count %d: %v", before+1, err)
	}
	switch {
	case before == want:
		return confirmed(fmt.Sprintf("purchase count already %d: an earlier attempt's credit landed", want))
	case before > want:
		// No other credit can have taken the reserved count, so purchase
		// want was this one; later credits have landed since.
		return confirmed(fmt.Sprintf("purchase count %d is past the %d reserved for this credit: an earlier attempt's credit landed and later ones followed", before, want))
	case before < want-1:
		return failed("the meter's purchase count went back to %d below the %d reserved for this credit (meter replaced or reset?); credit it afresh", before, want)
	}
	req, err := s.creditRequest(model, *p.AmountFen, want)
	if err != nil {
		return failed("%v", err)
	}
	_, err = s.bus.DLT645(ctx, req)
	var me *dlt645.MeterError
	if errors.As(err, &me) && !errors.Is(err, dlt645.ErrRepeatRecharge) {
		return refused(fmt.Sprintf("credit %d fen", *p.AmountFen), err)
	}
	if err != nil && !errors.Is(err, dlt645.ErrRepeatRecharge) {
		// No reply: it may or may not have landed; the count tells.
		s.x.log.Info("control: credit push got no reply; checking the purchase count", "command", s.cmd.ID, "err", err)
	}
	after, rerr := s.purchaseCount(ctx)
	if rerr != nil {
		return transient("read the purchase count after crediting", rerr)
	}
	if after == want {
		return confirmed(fmt.Sprintf("purchase count %d → %d", before, after))
	}
	if err != nil {
		return transient(fmt.Sprintf("credit %d fen (purchase count still %d)", *p.AmountFen, after), err)
	}
	return retry("the meter acknowledged the credit but its purchase count is %d, not %d", after, want)
}

// purchaseCount reads the meter's purchase count.
func (s *session) purchaseCount(ctx context.Context) (int64, error) {
	v, err := s.readValues(ctx, dlt645.DIPurchaseCount)
	if err != nil {
		return 0, err
	}
	if len(v) != 1 {
		return 0, fmt.Errorf("purchase count: %d values", len(v))
	}
	return v[0], nil
}

// creditRequest builds the 0x03 frame of the model's layout. The order
// number is the command id (unique, and the same on every retry).
func (s *session) creditRequest(model Model, amount, count int64) (dlt645.Frame, error) {
	prof := dlt645.Profile{Name: s.meter.Model, Layout: model.Credit}
	if model.Credit == dlt645.LayoutStateGrid {
		if len(s.x.cfg.CreditMasterKey) == 0 {
			return dlt645.Frame{}, fmt.Errorf("meter model %q needs MAC-protected credits but no credit master key is configured (VOLTPAY_METER_MASTER_KEY)", s.meter.Model)
		}
		key, err := secure.DeriveKey(s.x.cfg.CreditMasterKey, secure.Diversifier(s.addr))
		if err != nil {
			return dlt645.Frame{}, err
		}
		prof.MAC, prof.Key = secure.RetailMAC{}, key
	}
	c := dlt645.Credit{AmountFen: amount, PurchaseCount: uint32(count), CustomerNumber: s.addr, MeterNumber: s.addr}
	binary.BigEndian.PutUint64(c.OrderNumber[:], uint64(s.cmd.ID))
	return dlt645.CreditRequest(s.addr, prof, c)
}
