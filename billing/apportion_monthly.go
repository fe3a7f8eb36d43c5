package billing

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/voltpay/voltpay"
)

// Defaults of MonthlyApportioner.
const (
	// DefaultApportionDelay: a month is apportioned this long after it
	// ended, when every meter has been read past its end (the poller reads
	// each at least every 30 minutes).
	DefaultApportionDelay    = 6 * time.Hour
	DefaultApportionInterval = time.Hour
)

// MonthlyApportioner runs every group's shared-cost apportionment (公摊)
// for the month just ended, so that nobody has to remember to. A run is
// idempotent (a second run of a month returns the first), so a tick after
// a restart or a run an operator already made changes nothing.
type MonthlyApportioner struct {
	Delay, Interval time.Duration
	Loc             *time.Location
	svc             voltpay.ApportionService
	log             *slog.Logger
	done            map[int64]string // group → month run by this process
}

// NewMonthlyApportioner returns an apportioner with the defaults; logger
// may be nil.
func NewMonthlyApportioner(svc voltpay.ApportionService, logger *slog.Logger) *MonthlyApportioner {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &MonthlyApportioner{Delay: DefaultApportionDelay, Interval: DefaultApportionInterval, Loc: ChinaTime,
		svc: svc, log: logger, done: map[int64]string{}}
}

// Run ticks every Interval until ctx ends.
func (m *MonthlyApportioner) Run(ctx context.Context) error {
	t := time.NewTicker(m.Interval)
	defer t.Stop()
	for {
		if _, err := m.Tick(ctx, time.Now()); err != nil && ctx.Err() == nil {
			m.log.Error("apportionment: monthly run", "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Tick runs the month before now's (local) month for every group not yet
// run here, once Delay has passed since that month ended. It returns the
// runs made (or found) and the joined errors of the groups that failed
// (they are tried again next tick).
func (m *MonthlyApportioner) Tick(ctx context.Context, now time.Time) (int, error) {
	lt := now.In(m.Loc)
	thisMonth := time.Date(lt.Year(), lt.Month(), 1, 0, 0, 0, 0, m.Loc)
	if lt.Before(thisMonth.Add(m.Delay)) {
		return 0, nil
	}
	month := thisMonth.AddDate(0, -1, 0).Format("2006-01")
	ctx = voltpay.SystemContext(ctx, "apportionment")
	groups, err := m.svc.FindApportionGroups(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("apportionment: list groups: %w", err)
	}
	var (
		n    int
		errs []error
	)
	for _, g := range groups {
		if m.done[g.ID] == month {
			continue
		}
		if _, err := m.svc.RunApportionment(ctx, g.ID, month); err != nil {
			errs = append(errs, fmt.Errorf("apportionment: group %d, %s: %w", g.ID, month, err))
			continue
		}
		m.done[g.ID] = month
		n++
	}
	return n, errors.Join(errs...)
}
