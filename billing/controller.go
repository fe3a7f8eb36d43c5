package billing

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/voltpay/voltpay"
)

// ControlActor is who the controller's commands name (created_by).
const ControlActor = "system:billing"

// SitePolicy is a site's grace and friendly periods (voltpay.SiteControl,
// which the ControlStore reads with each account); the zero value trips a
// meter in arrears at once, at any time.
type SitePolicy struct {
	Grace    Grace
	Friendly Friendly
}

// ControllerConfig tunes a Controller; zero fields take the defaults.
type ControllerConfig struct {
	// Loc is the local time of friendly periods for accounts whose store
	// gives no site zone (AccountControl.Loc). Default China.
	Loc *time.Location
	// Sweep is how often accounts are re-evaluated whatever was notified:
	// grace times and friendly periods end without any event, commands
	// fail, events are lost to restarts. Default one minute.
	Sweep time.Duration
	// Retry is the wait after a failed evaluation. Default 5 s.
	Retry time.Duration
	// MaxTries bounds the automatic commands sent for one situation (mode
	// epoch, balance turn, action) that end without effect (failed,
	// expired): a meter that refuses a trip is not sent one every sweep
	// for ever. Default 3.
	MaxTries int
	// Batch is how many accounts one evaluation reads. Default 500.
	Batch int
}

func (c ControllerConfig) withDefaults() ControllerConfig {
	if c.Loc == nil {
		c.Loc = ChinaTime
	}
	if c.Sweep <= 0 {
		c.Sweep = time.Minute
	}
	if c.Retry <= 0 {
		c.Retry = 5 * time.Second
	}
	if c.MaxTries <= 0 {
		c.MaxTries = 3
	}
	if c.Batch <= 0 {
		c.Batch = 500
	}
	return c
}

// Controller keeps account alarms and prepaid relays in line with balances
// (issue 4 items 3 and 4): told of accounts and meters that changed
// (Charged, NotifyAccounts, NotifyMeters, Follow), it raises and clears
// alarm 1, alarm 2 and arrears, and enqueues the trip or close that Decide
// asks for through the command queue, which the meterlink executor sends
// and confirms by reading the relay back.
//
// Idempotent by construction: an automatic command's key is
// auto:<meter>:<action>:c<mode command>:e<balance turn>, so every
// evaluation of one situation names the same command and the queue
// returns it instead of adding another; a sale that lifts the balance and
// a later charge that sinks it are new turns, and an operator's change of
// mode a new epoch, so each gets its command. Nothing is sent while a
// relay or guarantee command of the meter is live. A command of the
// situation that ended without effect is followed by another (key
// suffix :r<n>), up to MaxTries. A relay that moves by itself within one
// situation (a tenant's close, the meter's own overload trip) is not
// fought. Two controllers may run side by side: the keys make them agree.
type Controller struct {
	cfg    ControllerConfig
	store  ControlStore
	cmds   voltpay.CommandService
	log    *slog.Logger
	notify Notifier
	wake   chan struct{}
	// Now returns the current time; tests may replace it before Run.
	Now func() time.Time

	mu       sync.Mutex
	accounts map[int64]struct{}
	meters   map[int64]struct{}
	faulted  map[int64]struct{} // meters whose charging stopped on a fault
}

// NewController returns a Controller; notifier and logger may be nil.
func NewController(cfg ControllerConfig, store ControlStore, cmds voltpay.CommandService, notifier Notifier, logger *slog.Logger) *Controller {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if notifier == nil {
		notifier = NopNotifier{}
	}
	return &Controller{cfg: cfg.withDefaults(), store: store, cmds: cmds, log: logger, notify: notifier,
		wake: make(chan struct{}, 1), Now: time.Now, accounts: map[int64]struct{}{}, meters: map[int64]struct{}{},
		faulted: map[int64]struct{}{}}
}

// Charged is a Charger's OnCharged: the charged meters' accounts are
// evaluated, and the meters whose charging stopped on a fault
// (st.Faulted) get their reading_fault alarms. It never blocks: the
// charger's loop does not wait for the alarms' writes.
func (c *Controller) Charged(st voltpay.ChargeStats) {
	c.queue(c.faulted, st.Faulted)
	c.NotifyMeters(st.Charged)
}

// NotifyAccounts queues accounts for evaluation; it never blocks.
func (c *Controller) NotifyAccounts(ids []int64) { c.queue(c.accounts, ids) }

// NotifyMeters queues the accounts of meters for evaluation; it never blocks.
func (c *Controller) NotifyMeters(ids []int64) { c.queue(c.meters, ids) }

func (c *Controller) queue(into map[int64]struct{}, ids []int64) {
	if len(ids) == 0 {
		return
	}
	c.mu.Lock()
	for _, id := range ids {
		into[id] = struct{}{}
	}
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// Follow queues the accounts whose balance moved and the meters whose
// state changed, as ev publishes them, until ctx ends. Events of other
// processes do not arrive here; the sweep covers them.
func (c *Controller) Follow(ctx context.Context, ev voltpay.Events) {
	if ev == nil {
		return
	}
	balances, meters, alarms := ev.SubscribeBalance(ctx), ev.SubscribeMeter(ctx), ev.SubscribeAlarm(ctx)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case b, ok := <-balances:
				if !ok {
					return
				}
				if b.Account != nil {
					c.NotifyAccounts([]int64{b.Account.ID})
				}
			case m, ok := <-meters:
				if !ok {
					return
				}
				if m != nil && m.AccountID != nil {
					c.NotifyAccounts([]int64{*m.AccountID})
				}
			case a, ok := <-alarms:
				if !ok {
					return
				}
				if a != nil && !ownAlarm(a.Kind) {
					c.notify.AlarmChanged(ctx, a)
				}
			}
		}
	}()
}

// Run evaluates queued accounts until ctx ends, sweeping at start and
// every Sweep, and returns ctx's error.
func (c *Controller) Run(ctx context.Context) error {
	sweep := func(ctx context.Context) {
		if err := c.Sweep(ctx); err != nil && ctx.Err() == nil {
			c.log.Warn("billing: control sweep failed", "err", err)
		}
	}
	return runLoop(ctx, c.cfg.Sweep, c.cfg.Retry, c.wake, sweep, c.work)
}

// work evaluates what is queued; on failure it queues it again and reports
// false.
func (c *Controller) work(ctx context.Context) bool {
	accounts, meters, faulted := c.take()
	err := c.ReadingFaults(ctx, faulted)
	if err == nil {
		err = c.Evaluate(ctx, accounts, meters)
	}
	if err == nil {
		return true
	}
	if ctx.Err() == nil {
		c.log.Warn("billing: control evaluation failed; retrying", "accounts", len(accounts), "meters", len(meters), "err", err)
	}
	c.NotifyAccounts(accounts)
	c.NotifyMeters(meters)
	c.queue(c.faulted, faulted)
	return false
}

// take empties the queues.
func (c *Controller) take() (accounts, meters, faulted []int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for id := range c.accounts {
		accounts = append(accounts, id)
	}
	for id := range c.meters {
		meters = append(meters, id)
	}
	for id := range c.faulted {
		faulted = append(faulted, id)
	}
	clear(c.accounts)
	clear(c.meters)
	clear(c.faulted)
	slices.Sort(accounts)
	slices.Sort(meters)
	slices.Sort(faulted)
	return accounts, meters, faulted
}

// Sweep evaluates every account SweepAccounts lists, a page at a time,
// after bringing every meter's reading_fault alarm in line (a fault
// corrected by an operator clears here, and a fault whose notification was
// lost, to a restart or another process's charger, is raised here).
func (c *Controller) Sweep(ctx context.Context) error {
	if err := c.readingFaults(ctx, nil); err != nil {
		return err
	}
	var after int64
	for ctx.Err() == nil {
		ids, err := c.store.SweepAccounts(ctx, after, c.cfg.Batch)
		if err != nil {
			return err
		}
		if err := c.Evaluate(ctx, ids, nil); err != nil {
			return err
		}
		if len(ids) < c.cfg.Batch {
			return nil
		}
		after = ids[len(ids)-1]
	}
	return ctx.Err()
}

// Evaluate brings the alarms of accounts accountIDs and of the accounts of
// meterIDs in line with their balances and enqueues the relay commands
// their meters need. It stops at the first storage error; what it did
// before stays done, and evaluating again is safe.
func (c *Controller) Evaluate(ctx context.Context, accountIDs, meterIDs []int64) error {
	for ctx.Err() == nil && (len(accountIDs) > 0 || len(meterIDs) > 0) {
		a := accountIDs[:min(len(accountIDs), c.cfg.Batch)]
		m := meterIDs[:min(len(meterIDs), c.cfg.Batch)]
		accountIDs, meterIDs = accountIDs[len(a):], meterIDs[len(m):]
		if err := c.evaluate(ctx, a, m); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (c *Controller) evaluate(ctx context.Context, accountIDs, meterIDs []int64) error {
	ctx = voltpay.SystemContext(ctx, ControlActor)
	accounts, err := c.store.AccountControls(ctx, accountIDs, meterIDs)
	if err != nil {
		return err
	}
	var changes []AlarmChange
	for _, a := range accounts {
		changes = append(changes, alarmChanges(a)...)
	}
	if len(changes) > 0 {
		changed, err := c.store.ChangeAlarms(ctx, changes)
		if err != nil {
			return err
		}
		for _, al := range changed {
			c.notify.AlarmChanged(ctx, al)
		}
	}
	now := c.Now()
	for _, a := range accounts {
		if !a.Open {
			continue
		}
		for _, m := range a.Meters {
			if err := c.control(ctx, a, m, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// ReadingFaults raises or clears the reading_fault alarms of meterIDs
// (nothing when empty) and notifies the changes.
func (c *Controller) ReadingFaults(ctx context.Context, meterIDs []int64) error {
	if len(meterIDs) == 0 {
		return nil
	}
	return c.readingFaults(ctx, meterIDs)
}

// readingFaults is ReadingFaults with nil meaning every meter.
func (c *Controller) readingFaults(ctx context.Context, meterIDs []int64) error {
	ctx = voltpay.SystemContext(ctx, ControlActor)
	changed, err := c.store.ReadingFaults(ctx, meterIDs)
	if err != nil {
		return err
	}
	for _, al := range changed {
		c.notify.AlarmChanged(ctx, al)
	}
	return nil
}

// ownAlarm reports whether the controller raises and clears alarms of kind
// itself (and so notifies them itself): Follow hands the notifier only the
// others, which other services raise and publish.
func ownAlarm(kind string) bool {
	return slices.Contains(balanceAlarms, kind) || kind == voltpay.AlarmReadingFault
}

// control enqueues the command meter m of account a needs now, if any.
func (c *Controller) control(ctx context.Context, a *AccountControl, m MeterControl, now time.Time) error {
	loc := a.Loc
	if loc == nil {
		loc = c.cfg.Loc
	}
	balance, turn, turnAt := a.Balance, a.Turn, a.TurnAt
	if a.PerMeter { // the meter's own balance and turn decide
		w := a.wallet(m.MeterID)
		if w == nil {
			return nil // not known yet: the next evaluation sees it
		}
		balance, turn, turnAt = w.Balance, w.Turn, w.TurnAt
	}
	in := ControlInput{Mode: m.Mode, Relay: m.Relay, Balance: balance, Overdraft: a.Overdraft, Now: now.In(loc),
		Grace: a.Policy.Grace, Friendly: a.Policy.Friendly}
	if balance <= 0 {
		since := turnAt
		in.ArrearsSince = &since
	}
	action, reason := Decide(in)
	if action == ActionNone || m.Live {
		return nil
	}
	key := AutoCommandKey(m.MeterID, action, m.ModeCommand, turn)
	dead, err := c.store.DeadCommands(ctx, m.MeterID, key)
	if err != nil {
		return err
	}
	if dead >= c.cfg.MaxTries {
		c.log.Warn("billing: automatic command keeps failing; not sending it again until the situation changes",
			"meter", m.MeterID, "action", action, "key", key, "tries", dead)
		return nil
	}
	if dead > 0 {
		key = fmt.Sprintf("%s:r%d", key, dead)
	}
	cmd, err := c.cmds.EnqueueCommand(ctx, voltpay.CommandInput{MeterID: m.MeterID, Kind: action, IdempotencyKey: key})
	if err != nil {
		if code := voltpay.ErrorCode(err); code == voltpay.ECONFLICT || code == voltpay.ENOTFOUND || code == voltpay.EINVALID {
			c.log.Warn("billing: automatic command refused", "meter", m.MeterID, "action", action, "err", err)
			return nil // this meter's problem, not the batch's
		}
		return err
	}
	c.log.Info("billing: automatic command", "meter", m.MeterID, "account", a.AccountID, "action", action,
		"reason", reason, "command", cmd.ID, "state", cmd.State)
	return nil
}

// AutoCommandKey is the idempotency key of the automatic action (trip or
// close) of meterID in the situation named by the operator's command that
// set its mode (modeCommand, 0 for none) and the balance's turn (the
// ledger entry from which it has stayed on its side of zero).
func AutoCommandKey(meterID int64, action string, modeCommand, turn int64) string {
	return fmt.Sprintf("auto:%d:%s:c%d:e%d", meterID, action, modeCommand, turn)
}
