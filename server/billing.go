package main

import (
	"context"
	"log/slog"
	"slices"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/server/postgres"
)

// chargingSink is the poller's Sink in `voltpay serve`: once a batch of
// readings is stored it tells the Charger which meters have new readings,
// so that charging follows each poll at once (the Charger's sweep is the
// safety net, not the path).
type chargingSink struct {
	voltpay.ReadingService
	charger *billing.Charger
}

var _ poller.Sink = chargingSink{}

// RecordReadings stores rs and, when that succeeded, notifies the charger.
func (s chargingSink) RecordReadings(ctx context.Context, rs []*voltpay.Reading) (int, error) {
	n, err := s.ReadingService.RecordReadings(ctx, rs)
	if err == nil && len(rs) > 0 {
		ids := make([]int64, 0, len(rs))
		for _, r := range rs {
			ids = append(ids, r.MeterID)
		}
		slices.Sort(ids)
		s.charger.Notify(slices.Compact(ids))
	}
	return n, err
}

// billingEngine is the charging and control loop: the Charger turns new
// readings into charge entries; the Controller, told of every charged
// meter (OnCharged), every balance moved and every meter state changed
// (db.Events), and sweeping each minute, keeps alarms and relays in line.
type billingEngine struct {
	charger    *billing.Charger
	controller *billing.Controller
}

// newBillingEngine builds the engine on db with the site defaults (no
// grace, no friendly periods): the relay commands go to db's queue.
func newBillingEngine(db *postgres.DB, log *slog.Logger) *billingEngine {
	b := &billingEngine{
		charger: billing.NewCharger(billing.ChargerConfig{}, postgres.NewChargeService(db), log.With("component", "charger")),
		controller: billing.NewController(billing.ControllerConfig{}, postgres.NewControlStore(db),
			postgres.NewCommandService(db), billing.NopNotifier{}, log.With("component", "controller")),
	}
	b.charger.OnCharged = b.controller.Charged
	return b
}

// sink wraps readings so that the charger hears of what they store.
func (b *billingEngine) sink(readings voltpay.ReadingService) poller.Sink {
	return chargingSink{ReadingService: readings, charger: b.charger}
}

// start runs the charger and the controller through run (which runs each
// until the context it gives ends) and has the controller follow ev.
func (b *billingEngine) start(ctx context.Context, ev voltpay.Events, run func(name string, f func(context.Context) error)) {
	b.controller.Follow(ctx, ev)
	run("charger", b.charger.Run)
	run("billing controller", b.controller.Run)
}
