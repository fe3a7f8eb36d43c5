package control

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// Runner gives the executor a meter's bus; *poller.Poller is one.
type Runner interface {
	// OnMeter runs fn with the meter and its bus held, ahead of scheduled
	// reads. Errors: NOT_FOUND for a meter on no gateway, fn's error.
	OnMeter(ctx context.Context, meterID int64, fn func(ctx context.Context, m *voltpay.Meter, b *bus.Bus) error) error
	// ReadMeters reads and records meters now (after a confirmed command,
	// so that the stored relay state and balance follow at once).
	ReadMeters(ctx context.Context, meterIDs []int64) ([]*voltpay.Reading, error)
}

// Defaults of Config.
const (
	DefaultInterval       = 2 * time.Second
	DefaultClaim          = 64
	DefaultParallel       = 32
	DefaultStaleAfter     = 5 * time.Minute
	DefaultCommandTimeout = 2 * time.Minute
	DefaultMaxAttempts    = 8
	DefaultRelayValidity  = 10 * time.Minute
	DefaultConfirmTimeout = 30 * time.Second
	DefaultConfirmEvery   = 2 * time.Second
)

// DefaultBackoff is the wait before attempt n+1 after n failed attempts
// (the last value repeats).
var DefaultBackoff = []time.Duration{5 * time.Second, 15 * time.Second, time.Minute, 5 * time.Minute}

// Config configures an Executor. Zero fields take the defaults above.
type Config struct {
	// Interval is how often the queue is looked at; Wake looks at once.
	Interval time.Duration
	// Claim bounds the commands claimed at a time.
	Claim int
	// Parallel bounds the commands executing at once (each on its own bus).
	Parallel int
	// StaleAfter returns commands left sent this long (their executor died)
	// to the queue. It must exceed CommandTimeout.
	StaleAfter time.Duration
	// CommandTimeout bounds one attempt of one command.
	CommandTimeout time.Duration
	// MaxAttempts fails a command after this many attempts without a
	// usable answer (it may expire first).
	MaxAttempts int
	// Backoff lists the waits between attempts.
	Backoff []time.Duration
	// RelayValidity is the expiry written into relay commands (0x1C),
	// capped by the command's own expiry: a meter refuses a relay command
	// that arrives after it.
	RelayValidity time.Duration
	// ConfirmTimeout is how long status word 3 is polled after a relay
	// command, every ConfirmEvery.
	ConfirmTimeout, ConfirmEvery time.Duration
	// Auth is the password level, password and operator code of writes and
	// relay commands (site-wide in practice).
	Auth dlt645.Auth
	// CreditMasterKey derives each meter's credit MAC key (State-Grid
	// layout); empty means such credits fail with a clear reason.
	CreditMasterKey []byte
	// MeterZone is the meters' local time zone (default UTC+8).
	MeterZone *time.Location
}

func (c Config) withDefaults() Config {
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.Interval, DefaultInterval)
	def(&c.StaleAfter, DefaultStaleAfter)
	def(&c.CommandTimeout, DefaultCommandTimeout)
	def(&c.RelayValidity, DefaultRelayValidity)
	def(&c.ConfirmTimeout, DefaultConfirmTimeout)
	def(&c.ConfirmEvery, DefaultConfirmEvery)
	if c.Claim <= 0 {
		c.Claim = DefaultClaim
	}
	if c.Parallel <= 0 {
		c.Parallel = DefaultParallel
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = DefaultMaxAttempts
	}
	if len(c.Backoff) == 0 {
		c.Backoff = DefaultBackoff
	}
	if c.Auth.Level == 0 {
		c.Auth.Level = dlt645.LevelPlain2
	}
	if c.MeterZone == nil {
		c.MeterZone = time.FixedZone("CST", 8*3600)
	}
	return c
}

// Executor works through the command queue. Run it once per process (more
// processes may run side by side: claims never overlap).
type Executor struct {
	cfg    Config
	queue  voltpay.CommandService
	runner Runner
	log    *slog.Logger
	now    func() time.Time
	wake   chan struct{}
	sem    chan struct{}

	mu       sync.Mutex
	waiting  map[int64][]*voltpay.Command // meter id → commands behind the running one
	inflight map[int64]bool               // command ids claimed and not yet settled here
	held     int                          // commands claimed and not yet settled here
	wg       sync.WaitGroup
}

// New returns an Executor; logger may be nil. The queue's storage writes
// the audit entry of each settled command with it.
func New(cfg Config, queue voltpay.CommandService, runner Runner, logger *slog.Logger) *Executor {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	return &Executor{cfg: cfg, queue: queue, runner: runner, log: logger, now: time.Now,
		wake: make(chan struct{}, 1), sem: make(chan struct{}, cfg.Parallel),
		waiting: map[int64][]*voltpay.Command{}, inflight: map[int64]bool{}}
}

// Wake makes Run look at the queue now (after an enqueue); it never blocks.
func (x *Executor) Wake() {
	select {
	case x.wake <- struct{}{}:
	default:
	}
}

// Run executes commands until ctx ends, then returns the commands it had
// claimed but not started to the queue, waits for the running ones and
// returns ctx's error.
func (x *Executor) Run(ctx context.Context) error {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			x.wg.Wait()
			return ctx.Err()
		case <-t.C:
		case <-x.wake:
		}
		x.tick(ctx)
		t.Reset(x.cfg.Interval)
	}
}

// tick expires and requeues what is due, then claims as many commands as
// there is room for.
func (x *Executor) tick(ctx context.Context) {
	if n, err := x.queue.ExpireCommands(ctx); err != nil {
		x.logQueue(ctx, "expire", err)
	} else if n > 0 {
		x.log.Warn("control: commands expired before they could be confirmed", "count", n)
	}
	if n, err := x.queue.RequeueStale(ctx, x.cfg.StaleAfter); err != nil {
		x.logQueue(ctx, "requeue stale", err)
	} else if n > 0 {
		x.log.Warn("control: commands left sent by a stopped executor returned to the queue", "count", n)
	}
	x.mu.Lock()
	room := min(x.cfg.Claim, 2*x.cfg.Parallel-x.held)
	x.mu.Unlock()
	if room <= 0 {
		return
	}
	cmds, err := x.queue.ClaimCommands(ctx, room)
	if err != nil {
		x.logQueue(ctx, "claim", err)
		return
	}
	for _, c := range cmds {
		x.dispatch(ctx, c)
	}
}

func (x *Executor) logQueue(ctx context.Context, op string, err error) {
	if ctx.Err() == nil {
		x.log.Error("control: command queue unusable; retrying", "op", op, "err", err)
	}
}

// dispatch starts c, or queues it behind the running command of its meter
// so that one meter's commands run one at a time, in claim order.
func (x *Executor) dispatch(ctx context.Context, c *voltpay.Command) {
	x.mu.Lock()
	if x.inflight[c.ID] { // requeued as stale while it ran here: the running attempt settles it
		x.mu.Unlock()
		return
	}
	x.inflight[c.ID] = true
	x.held++
	if q, busy := x.waiting[c.MeterID]; busy {
		x.waiting[c.MeterID] = append(q, c)
		x.mu.Unlock()
		return
	}
	x.waiting[c.MeterID] = nil
	x.mu.Unlock()
	x.wg.Go(func() { x.drain(ctx, c) })
}

// drain runs c and then the commands queued behind it for the same meter.
func (x *Executor) drain(ctx context.Context, c *voltpay.Command) {
	meter := c.MeterID
	for c != nil {
		select {
		case x.sem <- struct{}{}:
			x.handle(ctx, c)
			<-x.sem
		case <-ctx.Done():
			x.giveBack(c)
		}
		x.mu.Lock()
		delete(x.inflight, c.ID)
		x.held--
		c = nil
		if q := x.waiting[meter]; len(q) > 0 {
			c, x.waiting[meter] = q[0], q[1:]
		} else {
			delete(x.waiting, meter)
		}
		x.mu.Unlock()
	}
}

// giveBack returns a claimed command the executor will not run (it is
// stopping) to the queue at once, so a restart need not wait StaleAfter.
func (x *Executor) giveBack(c *voltpay.Command) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := x.queue.RetryCommand(ctx, c.ID, "executor stopped before sending it", 0); err != nil {
		x.log.Warn("control: could not return a command to the queue; it returns after StaleAfter", "command", c.ID, "err", err)
	}
}
