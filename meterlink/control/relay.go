package control

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// relay sends relay, alarm or guarantee action a (0x1C) unless status word
// 3 already shows it, then polls status word 3 until it does
// (docs/PROTOCOLS.md §1.10). A refusal is judged on evidence, not on its error
// bits (see refusal).
func (s *session) relay(ctx context.Context, a dlt645.RelayAction) outcome {
	st, err := s.status3(ctx)
	if err != nil {
		return transient("read status word 3 before "+a.String(), err)
	}
	if shows(st, a) {
		return readBack(confirmed("status word 3 already showed "+a.String()+"; nothing sent"), st)
	}
	if a == dlt645.RelayTrip && st.Guarantee() {
		return failed("the meter is in guarantee mode (保电) and will not trip; send guarantee_off or restore_prepaid first")
	}
	err = s.sendRelay(ctx, a, 0)
	var me *dlt645.MeterError
	if errors.As(err, &me) {
		return s.refusal(ctx, a, err)
	}
	if err != nil {
		return refused("send "+a.String(), err)
	}
	return s.confirmRelay(ctx, a, "")
}

// refusal handles a meter's refusal (err) of relay action a. Real firmware
// answers every refused plaintext 0x1C with ERR 0x04 (password /
// unauthorised), an expired command included (meterlink/doc.go, "What real
// firmware does"), so the error word cannot tell a wrong password from a
// drifted clock or an action the firmware does not take. The evidence can:
//
//  1. the meter's clock is read; if it is off, the command is sent again
//     with a fresh expiry in the meter's own time, which the meter's expiry
//     check accepts;
//  2. a direct close still refused is sent as close-allowed, which the
//     tenant completes with the meter's button;
//  3. only a refusal that survives both is the meter's answer: with bit 2,
//     the password or operator code.
func (s *session) refusal(ctx context.Context, a dlt645.RelayAction, err error) outcome {
	var me *dlt645.MeterError
	drift, derr := s.drift(ctx)
	clock := fmt.Sprintf("its clock is right (off by %s)", drift)
	switch {
	case errors.As(derr, &me):
		drift, clock = 0, "its clock could not be read: "+derr.Error()
	case derr != nil:
		return transient("read the meter clock after it refused "+a.String(), derr)
	}
	note := ""
	if drift.Abs() > clockTolerance {
		clock = fmt.Sprintf("the command was sent again with the expiry in the meter's time (its clock is off by %s)", drift)
		note = fmt.Sprintf("the meter refused %s while its clock was off by %s (the expiry check failed); sent again with the expiry in the meter's time: a time_sync command corrects the clock", a, drift)
		if err = s.sendRelay(ctx, a, drift); err == nil {
			return s.confirmRelay(ctx, a, note)
		}
	}
	if a == dlt645.RelayDirectClose && errors.As(err, &me) {
		a = dlt645.RelayCloseAllowed
		note = strings.TrimPrefix(note+"; ", "; ") + "the meter refused direct close; close-allowed sent: the tenant presses the meter's button to restore power"
		if err = s.sendRelay(ctx, a, drift); err == nil {
			return s.confirmRelay(ctx, a, note)
		}
	}
	if !errors.As(err, &me) {
		return refused("send "+a.String(), err)
	}
	if errors.Is(err, dlt645.ErrUnauthorized) {
		return failed("the meter refused %s and %s: it refuses the password or operator code (check VOLTPAY_METER_PASSWORD), or does not take %s in plaintext: %v", a, clock, a, err)
	}
	return failed("the meter refused %s and %s: %v", a, clock, err)
}

// readBack returns out recording the relay state status word 3 st shows.
func readBack(out outcome, st dlt645.Status3) outcome {
	out.seen.Relay = voltpay.RelayState(st.RelayOpen())
	return out
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

// sendRelay sends a with a fresh expiry of RelayValidity, capped by the
// command's own expiry, in the meter's local time; drift (meter clock minus
// ours) moves it onto the meter's clock, which is what the meter checks it
// against.
func (s *session) sendRelay(ctx context.Context, a dlt645.RelayAction, drift time.Duration) error {
	expiry := s.x.now().Add(s.x.cfg.RelayValidity)
	if s.cmd.ExpiresAt.Before(expiry) {
		expiry = s.cmd.ExpiresAt
	}
	expiry = expiry.Add(drift)
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
			return readBack(confirmed(note), st)
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
