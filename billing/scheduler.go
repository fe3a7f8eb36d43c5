package billing

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/voltpay/voltpay"
)

// Defaults of SchedulerConfig.
const (
	DefaultScheduleInterval = 30 * time.Second
	// DefaultScheduleCatchUp: occurrences this far before the scheduler
	// started still fire (a restart at 22:00:20 must not skip 22:00).
	DefaultScheduleCatchUp = 10 * time.Minute
	// ScheduleCommandTTL: a scheduled trip or close that cannot land
	// within this is dropped, not sent hours late.
	ScheduleCommandTTL = 30 * time.Minute
)

// SchedulerConfig configures a Scheduler; zero fields take the defaults.
type SchedulerConfig struct {
	Interval time.Duration
	CatchUp  time.Duration
	Loc      *time.Location // default ChinaTime
}

// Scheduler runs the time-based controls (分时控制): at each occurrence of
// an enabled schedule it enqueues the schedule's command for every meter it
// selects, on behalf of the operator who made it (so a scheduled trip is an
// operator's trip: the controller does not close it after a sale, and a
// scheduled close returns the meter to automatic prepaid control).
// Occurrences are keyed by schedule, local time and meter, so a tick that
// runs twice, or two schedulers, enqueue each command once.
type Scheduler struct {
	cfg   SchedulerConfig
	store voltpay.ControlScheduleService
	queue voltpay.CommandService
	log   *slog.Logger
	last  time.Time
}

// NewScheduler returns a Scheduler; logger may be nil.
func NewScheduler(cfg SchedulerConfig, store voltpay.ControlScheduleService, queue voltpay.CommandService, logger *slog.Logger) *Scheduler {
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultScheduleInterval
	}
	if cfg.CatchUp <= 0 {
		cfg.CatchUp = DefaultScheduleCatchUp
	}
	if cfg.Loc == nil {
		cfg.Loc = ChinaTime
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Scheduler{cfg: cfg, store: store, queue: queue, log: logger}
}

// Run ticks every Interval until ctx ends, starting CatchUp in the past.
func (s *Scheduler) Run(ctx context.Context) error {
	s.last = time.Now().Add(-s.cfg.CatchUp)
	t := time.NewTicker(s.cfg.Interval)
	defer t.Stop()
	for {
		if _, err := s.Tick(ctx, time.Now()); err != nil && ctx.Err() == nil {
			s.log.Error("scheduler: tick", "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Tick fires every occurrence in (last tick, now] and returns the commands
// enqueued (replays of earlier ticks included). A failed tick is retried
// over the same window next time.
func (s *Scheduler) Tick(ctx context.Context, now time.Time) (int, error) {
	if s.last.IsZero() {
		s.last = now.Add(-s.cfg.CatchUp)
	}
	scheds, err := s.store.FindControlSchedules(voltpay.SystemContext(ctx, "scheduler"), nil)
	if err != nil {
		return 0, fmt.Errorf("scheduler: list schedules: %w", err)
	}
	n := 0
	for _, sc := range scheds {
		if !sc.Enabled {
			continue
		}
		for _, at := range Occurrences(sc, s.last, now, s.cfg.Loc) {
			k, err := s.fire(ctx, sc, at)
			n += k
			if err != nil {
				return n, err
			}
		}
	}
	s.last = now
	return n, nil
}

// fire enqueues sc's command for each of its meters at occurrence at.
func (s *Scheduler) fire(ctx context.Context, sc *voltpay.ControlSchedule, at time.Time) (int, error) {
	ids, err := s.store.ScheduleMeters(voltpay.SystemContext(ctx, "scheduler"), sc)
	if err != nil {
		return 0, fmt.Errorf("scheduler: schedule %d: meters: %w", sc.ID, err)
	}
	actor := voltpay.WithPrincipal(ctx, &voltpay.Principal{Kind: voltpay.PrincipalOperator, ID: sc.CreatedByID,
		Name: fmt.Sprintf("schedule %d (%s)", sc.ID, sc.Name)})
	n := 0
	for _, id := range ids {
		_, err := s.queue.EnqueueCommand(actor, voltpay.CommandInput{MeterID: id, Kind: sc.Action, TTL: ScheduleCommandTTL,
			IdempotencyKey: fmt.Sprintf("schedule:%d:%s:%d", sc.ID, at.UTC().Format("20060102T1504Z"), id)})
		if err != nil {
			return n, fmt.Errorf("scheduler: schedule %d: %s meter %d: %w", sc.ID, sc.Action, id, err)
		}
		n++
	}
	s.log.Info("scheduler: schedule fired", "schedule", sc.ID, "name", sc.Name, "action", sc.Action, "meters", n, "at", at)
	return n, nil
}

// Occurrences returns the times in (from, to] at which sc runs, in loc.
func Occurrences(sc *voltpay.ControlSchedule, from, to time.Time, loc *time.Location) []time.Time {
	var out []time.Time
	lf := from.In(loc)
	for d := time.Date(lf.Year(), lf.Month(), lf.Day(), 0, 0, 0, 0, loc); !d.After(to); d = d.AddDate(0, 0, 1) {
		at := d.Add(time.Duration(sc.AtMinute) * time.Minute)
		if at.After(from) && !at.After(to) && sc.RunsOn(d.Weekday()) {
			out = append(out, at)
		}
	}
	return out
}
