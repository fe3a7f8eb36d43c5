package control

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
)

// outcome is what one attempt of a command established.
type outcome struct {
	state  string // voltpay.CommandConfirmed, CommandFailed, or CommandPending (retry)
	reason string // why it failed or is retried; a note when confirmed
	// refresh: read the meter after settling so its stored state follows.
	refresh bool
	// seen is what the confirmation read back (the relay state of status
	// word 3), recorded with the confirmation so that its event shows it.
	seen voltpay.CommandReadBack
}

func confirmed(note string) outcome {
	return outcome{state: voltpay.CommandConfirmed, reason: note, refresh: true}
}

func retry(format string, args ...any) outcome {
	return outcome{state: voltpay.CommandPending, reason: fmt.Sprintf(format, args...)}
}

func failed(format string, args ...any) outcome {
	return outcome{state: voltpay.CommandFailed, reason: fmt.Sprintf(format, args...)}
}

// transient turns a bus error into a retry and anything else into a failure.
func transient(what string, err error) outcome {
	var be *bus.Error
	if errors.As(err, &be) || errors.Is(err, context.DeadlineExceeded) {
		return retry("%s: %v", what, err)
	}
	return failed("%s: %v", what, err)
}

// handle runs one attempt of c and settles it.
func (x *Executor) handle(ctx context.Context, c *voltpay.Command) {
	if newer, ok := x.supersededBy(ctx, c); ok {
		x.settle(ctx, c, failed("superseded by command %d (%s), sent later to the same meter", newer.ID, newer.Kind))
		return
	}
	actx, cancel := context.WithTimeout(ctx, x.cfg.CommandTimeout)
	defer cancel()
	var out outcome
	err := x.runner.OnMeter(actx, c.MeterID, func(ctx context.Context, m *voltpay.Meter, b *bus.Bus) error {
		out = x.execute(ctx, c, m, b)
		return nil
	})
	switch {
	case ctx.Err() != nil:
		x.giveBack(c)
		return
	case voltpay.ErrorCode(err) == voltpay.ENOTFOUND:
		out = failed("%v", err)
	case err != nil:
		out = transient("meter unreachable", err)
	}
	x.settle(ctx, c, out)
	if out.state == voltpay.CommandConfirmed && out.refresh {
		if _, err := x.runner.ReadMeters(ctx, []int64{c.MeterID}); err != nil {
			x.log.Warn("control: reading the meter after its command failed; the next cycle will", "meter", c.MeterID, "err", err)
		}
	}
}

// settle records the outcome of an attempt: confirmed, failed, or back to
// pending after a backoff; after MaxAttempts a retry becomes a failure.
func (x *Executor) settle(ctx context.Context, c *voltpay.Command, out outcome) {
	if out.state == voltpay.CommandPending && c.Attempts >= x.cfg.MaxAttempts {
		out = failed("gave up after %d attempts: %s", c.Attempts, out.reason)
	}
	var err error
	switch out.state {
	case voltpay.CommandConfirmed:
		_, err = x.queue.ConfirmCommandReadBack(x.audited(ctx, c, out), c.ID, out.seen)
	case voltpay.CommandFailed:
		_, err = x.queue.FailCommand(x.audited(ctx, c, out), c.ID, out.reason)
	default:
		_, err = x.queue.RetryCommand(ctx, c.ID, out.reason, x.backoff(c.Attempts))
	}
	log := x.log.With("command", c.ID, "meter", c.MeterID, "kind", c.Kind, "attempt", c.Attempts)
	if err != nil {
		// CONFLICT: it expired meanwhile; UNAVAILABLE: it stays sent and
		// returns after StaleAfter (its effect is repeatable).
		log.Warn("control: could not record the outcome", "outcome", out.state, "reason", out.reason, "err", err)
		return
	}
	switch out.state {
	case voltpay.CommandConfirmed:
		log.Info("control: command confirmed", "note", out.reason)
	case voltpay.CommandFailed:
		log.Warn("control: command failed", "reason", out.reason)
	default:
		log.Info("control: command will be retried", "reason", out.reason)
	}
}

// backoff is the wait after attempt n (1-based).
func (x *Executor) backoff(n int) time.Duration {
	b := x.cfg.Backoff
	return b[min(max(n-1, 0), len(b)-1)]
}

// audited returns ctx carrying the audit entry of settling c with out,
// which the storage writes in the transaction that settles it: who asked
// is in the command (created_by) and in the audit entry of the request;
// this one says what the meter did.
func (x *Executor) audited(ctx context.Context, c *voltpay.Command, out outcome) context.Context {
	args, _ := json.Marshal(map[string]any{"commandId": c.ID, "meterId": c.MeterID, "kind": c.Kind,
		"attempts": c.Attempts, "createdBy": c.CreatedBy})
	e := &voltpay.AuditEntry{At: x.now(), ActorKind: "system", ActorName: "meterlink", Operation: "command." + c.Kind,
		Args: args, Result: "ok", Message: out.reason}
	if out.state == voltpay.CommandFailed {
		e.Result = "failed"
	}
	return voltpay.WithPendingAudit(ctx, voltpay.NewPendingAudit(e, x.now()))
}

// axes groups the kinds whose later command overrides an earlier one: the
// relay, guarantee, threshold and price states of a meter.
var axes = map[string][]string{
	voltpay.CmdTrip: {"relay"}, voltpay.CmdClose: {"relay"}, voltpay.CmdCloseAllowed: {"relay"},
	voltpay.CmdGuaranteeOn: {"guarantee"}, voltpay.CmdGuaranteeOff: {"guarantee"},
	voltpay.CmdRestorePrepaid: {"relay", "guarantee"},
	voltpay.CmdPushSettings:   {"settings"}, voltpay.CmdPushTariff: {"tariff"},
}

// supersededBy finds a newer live command of c's meter on one of c's axes:
// sending c after it would undo the later intent (a retried trip landing
// after the close that followed it). Credits and time syncs are never
// superseded.
func (x *Executor) supersededBy(ctx context.Context, c *voltpay.Command) (*voltpay.Command, bool) {
	mine := axes[c.Kind]
	if len(mine) == 0 {
		return nil, false
	}
	page, err := x.queue.FindCommands(ctx, voltpay.CommandFilter{MeterID: &c.MeterID, Page: voltpay.PageArgs{First: 20}})
	if err != nil {
		return nil, false // the attempt goes ahead; the queue error shows at settle
	}
	for _, o := range page.Items {
		if o.ID <= c.ID || o.State == voltpay.CommandCancelled || o.State == voltpay.CommandFailed || o.State == voltpay.CommandExpired {
			continue
		}
		for _, a := range axes[o.Kind] {
			if slices.Contains(mine, a) {
				return o, true
			}
		}
	}
	return nil, false
}
