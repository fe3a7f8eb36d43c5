package graph

import (
	"context"
	"strings"

	"github.com/voltpay/voltpay"
)

// balanceChanges streams balance changes of one account (or all the caller
// may see). Tenants only ever receive their own account's.
func (r *Resolver) balanceChanges(ctx context.Context, accountID *int64) (<-chan *voltpay.BalanceChange, error) {
	want, err := subscriptionAccount(ctx, accountID)
	if err != nil {
		return nil, err
	}
	return relay(ctx, r.Events.SubscribeBalance(ctx), func(c voltpay.BalanceChange) (*voltpay.BalanceChange, bool) {
		return &c, want == 0 || c.Account.ID == want
	}), nil
}

// meterChanges streams meter state changes; tenants see their meters only.
func (r *Resolver) meterChanges(ctx context.Context, meterID *int64) (<-chan *voltpay.Meter, error) {
	tenant := voltpay.PrincipalFrom(ctx)
	in := r.Events.SubscribeMeter(ctx)
	return relay(ctx, in, func(m *voltpay.Meter) (*voltpay.Meter, bool) {
		if tenant.IsTenant() && (m.AccountID == nil || *m.AccountID != tenant.AccountID) {
			return nil, false
		}
		return m, meterID == nil || m.ID == *meterID
	}), nil
}

// alarms streams raised alarms; tenants see their account's only.
func (r *Resolver) alarms(ctx context.Context) (<-chan *voltpay.Alarm, error) {
	p := voltpay.PrincipalFrom(ctx)
	return relay(ctx, r.Events.SubscribeAlarm(ctx), func(a *voltpay.Alarm) (*voltpay.Alarm, bool) {
		return a, !p.IsTenant() || (a.AccountID != nil && *a.AccountID == p.AccountID)
	}), nil
}

// commandChanges streams command changes: those with ids, those of the
// controlMeters batch batchKey (keys "<batchKey>:<meter id>"), or every
// command when both are omitted. Only operators and keys that may read the
// site get here (@can read_site), so there is no tenant to confine.
func (r *Resolver) commandChanges(ctx context.Context, ids []int64, batchKey *string) (<-chan *voltpay.Command, error) {
	if batchKey != nil && *batchKey == "" {
		return nil, voltpay.Invalid("batchKey", "batchKey is the idempotencyKey of a controlMeters batch; leave it out to follow commands by id")
	}
	all := len(ids) == 0 && batchKey == nil
	want := make(map[int64]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	return relay(ctx, r.Events.SubscribeCommand(ctx), func(c *voltpay.Command) (*voltpay.Command, bool) {
		return c, all || want[c.ID] || (batchKey != nil && inBatch(c.IdempotencyKey, *batchKey))
	}), nil
}

// inBatch reports whether a command's key is BatchCommandKey(batchKey, id)
// for some meter id (so batch "a" does not take in batch "a:1"'s commands).
func inBatch(key, batchKey string) bool {
	rest, ok := strings.CutPrefix(key, batchKey+":")
	if !ok || rest == "" {
		return false
	}
	for _, c := range rest {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// subscriptionAccount returns the account to follow (0: all). A tenant
// follows their own account and may not ask for another.
func subscriptionAccount(ctx context.Context, accountID *int64) (int64, error) {
	p := voltpay.PrincipalFrom(ctx)
	if !p.IsTenant() {
		return derefOr(accountID, 0), nil
	}
	if accountID != nil && *accountID != p.AccountID {
		return 0, voltpay.Errorf(voltpay.EFORBIDDEN, "you can only follow your own account")
	}
	return p.AccountID, nil
}

// relay forwards the events that pick keeps (converted as gqlgen wants)
// from in to a new channel, until ctx ends.
func relay[T any, V any](ctx context.Context, in <-chan T, pick func(T) (V, bool)) <-chan V {
	out := make(chan V, 1)
	go func() {
		defer close(out)
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-in:
				if !ok {
					return
				}
				v, keep := pick(ev)
				if !keep {
					continue
				}
				select {
				case out <- v:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out
}

func derefOr(p *int64, def int64) int64 {
	if p == nil {
		return def
	}
	return *p
}
