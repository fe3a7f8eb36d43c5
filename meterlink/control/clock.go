package control

import (
	"context"
	"fmt"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// clockTolerance: a meter clock this close to ours is right.
const clockTolerance = 5 * time.Second

// timeSync sets the meter clock: nothing when it is within clockTolerance,
// a broadcast time for small drift, a password-protected write of the date
// and time (0400010C) otherwise; then the clock is read back.
func (s *session) timeSync(ctx context.Context) outcome {
	drift, err := s.drift(ctx)
	if err != nil {
		return refused("read the meter clock", err)
	}
	if drift.Abs() <= clockTolerance {
		return confirmed(fmt.Sprintf("clock off by %s; nothing to correct", drift))
	}
	now := s.x.now().In(s.x.cfg.MeterZone)
	if drift.Abs() <= dlt645.MaxBroadcastCorrection && !dlt645.NearMidnight(now) {
		req, err := dlt645.BroadcastTimeRequest(now)
		if err == nil {
			_, err = s.bus.DLT645(ctx, req)
		}
		if err != nil {
			return transient("broadcast time", err)
		}
	} else {
		value, err := dlt645.EncodeDateTime(now)
		if err != nil {
			return failed("%v", err)
		}
		if err := s.write(ctx, dlt645.DIDateTime, value); err != nil {
			return refused("write the meter clock", err)
		}
	}
	after, err := s.drift(ctx)
	if err != nil {
		return transient("read the meter clock back", err)
	}
	if after.Abs() > clockTolerance {
		return retry("clock still off by %s after the correction (was %s)", after, drift)
	}
	return confirmed(fmt.Sprintf("clock corrected from %s to %s", drift, after))
}

// drift reads the meter clock and returns meter time minus our time.
func (s *session) drift(ctx context.Context) (time.Duration, error) {
	data, err := s.read(ctx, dlt645.DIDateTime)
	if err != nil {
		return 0, err
	}
	t, err := dlt645.DecodeDateTime(data, s.x.cfg.MeterZone)
	if err != nil {
		return 0, err
	}
	return t.Sub(s.x.now()).Truncate(time.Second), nil
}
