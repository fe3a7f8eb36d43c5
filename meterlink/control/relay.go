package control

import (
	"context"
	"errors"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// relay sends relay, alarm or guarantee action a (0x1C) unless status word
// 3 already shows it, then polls status word 3 until it does
// (protocols.md 1.10). A direct close the meter refuses is sent again as
// close-allowed, which the meter confirms by its command state while the
// contactor waits for the tenant's button.
func (s *session) relay(ctx context.Context, a dlt645.RelayAction) outcome {
	st, err := s.status3(ctx)
	if err != nil {
		return transient("read status word 3 before "+a.String(), err)
	}
	if shows(st, a) {
		return confirmed("status word 3 already showed " + a.String() + "; nothing sent")
	}
	if a == dlt645.RelayTrip && st.Guarantee() {
		return failed("the meter is in guarantee mode (保电) and will not trip; send guarantee_off or restore_prepaid first")
	}
	note := ""
	err = s.sendRelay(ctx, a)
	var me *dlt645.MeterError
	if a == dlt645.RelayDirectClose && errors.As(err, &me) && !errors.Is(err, dlt645.ErrUnauthorized) {
		a, note = dlt645.RelayCloseAllowed, "the meter refused direct close; close-allowed sent: the tenant presses the meter's button to restore power"
		err = s.sendRelay(ctx, a)
	}
	if errors.As(err, &me) && errors.Is(err, dlt645.ErrOther) && !errors.Is(err, dlt645.ErrUnauthorized) {
		// ERR "other": guarantee on a trip, or an expiry the meter's clock
		// says has passed. Neither goes away by itself quickly, but a
		// time sync in the meantime can fix the second.
		return retry("the meter refused %s (error 'other': its clock may be wrong, so the command's expiry check fails; a time_sync command fixes that): %v", a, err)
	}
	if err != nil {
		return refused("send "+a.String(), err)
	}
	return s.confirmRelay(ctx, a, note)
}

// shows reports whether st already shows a. A trip needs the command state
// too: a meter tripped by its own balance is open, but an operator's trip
// must also hold after a recharge.
func shows(st dlt645.Status3, a dlt645.RelayAction) bool {
	if a == dlt645.RelayTrip {
		return st.RelayOpen() && st.RelayCommandTrip()
	}
	if a == dlt645.AlarmOn || a == dlt645.AlarmOff {
		return false // no status bit: always send
	}
	return st.Confirms(a)
}

// sendRelay sends a with an expiry of RelayValidity, capped by the
// command's own expiry, in the meter's local time.
func (s *session) sendRelay(ctx context.Context, a dlt645.RelayAction) error {
	expiry := s.x.now().Add(s.x.cfg.RelayValidity)
	if s.cmd.ExpiresAt.Before(expiry) {
		expiry = s.cmd.ExpiresAt
	}
	req, err := dlt645.RelayRequest(s.addr, dlt645.RelayCommand{Auth: s.x.cfg.Auth, Action: a, Expiry: expiry.In(s.x.cfg.MeterZone)})
	if err != nil {
		return err
	}
	_, err = s.bus.DLT645(ctx, req)
	return err
}

// confirmRelay polls status word 3 every ConfirmEvery until it shows a or
// ConfirmTimeout passes (then the command is retried: sending it again is
// harmless).
func (s *session) confirmRelay(ctx context.Context, a dlt645.RelayAction, note string) outcome {
	deadline := time.Now().Add(s.x.cfg.ConfirmTimeout)
	var (
		st  dlt645.Status3
		err error
	)
	for {
		st, err = s.status3(ctx)
		if err == nil && st.Confirms(a) {
			if note == "" {
				note = "status word 3 shows " + a.String()
			}
			return confirmed(note)
		}
		if time.Now().Add(s.x.cfg.ConfirmEvery).After(deadline) {
			break
		}
		select {
		case <-ctx.Done():
			return transient("confirm "+a.String(), ctx.Err())
		case <-time.After(s.x.cfg.ConfirmEvery):
		}
	}
	if err != nil {
		return transient("confirm "+a.String()+": read status word 3", err)
	}
	return retry("%s acknowledged but not confirmed: status word 3 = %04X after %s", a, uint16(st), s.x.cfg.ConfirmTimeout)
}
