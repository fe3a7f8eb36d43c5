package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
	"github.com/voltpay/voltpay/meterlink/control"
	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/server/postgres"
)

// pollerSource lists what the poller reads: every gateway, and each
// gateway's active meters, paged from the site and meter services with
// the system's permissions.
type pollerSource struct {
	sites  voltpay.SiteService
	meters voltpay.MeterService
}

var _ poller.Source = (*pollerSource)(nil)

// Gateways returns every gateway.
func (s *pollerSource) Gateways(ctx context.Context) ([]*voltpay.Gateway, error) {
	ctx = voltpay.SystemContext(ctx, "poller")
	gws, err := everyPage(func(after int64) (*voltpay.Page[*voltpay.Gateway], error) {
		return s.sites.FindGateways(ctx, voltpay.GatewayFilter{Page: voltpay.PageArgs{First: firstPage.First, After: after}})
	}, gatewayID)
	if err != nil {
		return nil, fmt.Errorf("gateways: %w", err)
	}
	return gws, nil
}

// Meters returns the active meters of gateway gatewayID.
func (s *pollerSource) Meters(ctx context.Context, gatewayID int64) ([]*voltpay.Meter, error) {
	ms, err := activeMeters(voltpay.SystemContext(ctx, "poller"), s.meters, voltpay.MeterFilter{GatewayID: &gatewayID})
	if err != nil {
		return nil, fmt.Errorf("meters of gateway %d: %w", gatewayID, err)
	}
	return ms, nil
}

// DirectMeters returns every active meter without a gateway (4G meters).
func (s *pollerSource) DirectMeters(ctx context.Context) ([]*voltpay.Meter, error) {
	direct := true
	ms, err := activeMeters(voltpay.SystemContext(ctx, "poller"), s.meters, voltpay.MeterFilter{Direct: &direct})
	if err != nil {
		return nil, fmt.Errorf("direct meters: %w", err)
	}
	return ms, nil
}

// activeMeters lists every active meter f selects.
func activeMeters(ctx context.Context, svc voltpay.MeterService, f voltpay.MeterFilter) ([]*voltpay.Meter, error) {
	status := voltpay.MeterActive
	f.Status = &status
	return everyPage(func(after int64) (*voltpay.Page[*voltpay.Meter], error) {
		f.Page = voltpay.PageArgs{First: firstPage.First, After: after}
		return svc.FindMeters(ctx, f)
	}, meterID)
}

// newPoller builds a poller reading db's gateways and meters into db's
// readings, with cfg's intervals and bus settings.
func newPoller(cfg poller.Config, db *postgres.DB, log *slog.Logger) *poller.Poller {
	return newPollerInto(cfg, db, postgres.NewReadingService(db), log)
}

// newPollerInto is newPoller writing its readings to sink.
func newPollerInto(cfg poller.Config, db *postgres.DB, sink poller.Sink, log *slog.Logger) *poller.Poller {
	src := &pollerSource{sites: postgres.NewSiteService(db), meters: postgres.NewMeterService(db)}
	return poller.New(cfg, src, sink, log)
}

// startMeterlink runs the poller (scheduled reads), the command executor
// (remote controls, through the poller's buses) and billing (charging the
// readings, alarms, automatic trip and close: billingEngine) until ctx
// ends or stop is called. It returns the poller, which serves reads on demand, and
// wake, which makes the executor look at the queue at once. stop waits for
// the running cycle and commands to end and closes the poller's buses.
func startMeterlink(ctx context.Context, cfg *config, db *postgres.DB, log *slog.Logger) (p *poller.Poller, wake func(), stop func()) {
	plog := log.With("component", "poller")
	links, err := listenLinks(ctx, cfg.LinkAddr, log.With("component", "link"))
	if err != nil {
		log.Error("4G meters cannot dial in; direct meters will not be read", "err", err)
	}
	pcfg := poller.Config{}
	if links != nil {
		pcfg.Link = linkOf(links)
	}
	bill := newBillingEngine(db, log)
	p = newPollerInto(pcfg, db, bill.sink(postgres.NewReadingService(db)), plog)
	x := control.New(control.Config{
		Auth:            dlt645.Auth{Level: dlt645.LevelPlain2, Password: cfg.MeterPassword},
		CreditMasterKey: cfg.MeterMasterKey,
	}, postgres.NewCommandService(db), p, log.With("component", "control"))
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	run := func(name string, f func(context.Context) error) {
		wg.Go(func() {
			if err := f(ctx); err != nil && !errors.Is(err, context.Canceled) {
				log.Error(name+" stopped", "err", err)
			}
		})
	}
	run("poller", p.Run)
	run("command executor", x.Run)
	bill.start(ctx, db.Events, run)
	sched := billing.NewScheduler(billing.SchedulerConfig{}, postgres.NewControlScheduleService(db), postgres.NewCommandService(db),
		log.With("component", "scheduler"))
	run("control scheduler", sched.Run)
	run("monthly apportionment", billing.NewMonthlyApportioner(postgres.NewApportionService(db), log.With("component", "apportionment")).Run)
	log.Info("meterlink started: poller, command executor, charger, billing controller, control scheduler and monthly apportionment")
	var once sync.Once
	return p, x.Wake, func() {
		once.Do(func() {
			cancel()
			wg.Wait()
			if err := p.Close(); err != nil {
				plog.Warn("poller: close", "err", err)
			}
			if links != nil {
				_ = links.Close()
			}
		})
	}
}

// wakeOnNewCommands calls wake whenever a command becomes pending (a new
// one, or a retry due now), so that a close after a payment does not wait
// for the executor's next look at the queue. Events from other server
// processes do not arrive here; the executor's interval covers them.
func wakeOnNewCommands(ctx context.Context, ev voltpay.Events, wake func()) {
	if ev == nil {
		return
	}
	ch := ev.SubscribeCommand(ctx)
	go func() {
		for c := range ch {
			if c.State == voltpay.CommandPending {
				wake()
			}
		}
	}()
}
