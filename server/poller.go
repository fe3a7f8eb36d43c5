package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/voltpay/voltpay"
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
	f := voltpay.GatewayFilter{Page: voltpay.PageArgs{First: voltpay.MaxPageSize}}
	var out []*voltpay.Gateway
	for {
		p, err := s.sites.FindGateways(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("gateways: %w", err)
		}
		out = append(out, p.Items...)
		if !p.HasNext || len(p.Items) == 0 {
			return out, nil
		}
		f.Page.After = p.Items[len(p.Items)-1].ID
	}
}

// Meters returns the active meters of gateway gatewayID.
func (s *pollerSource) Meters(ctx context.Context, gatewayID int64) ([]*voltpay.Meter, error) {
	ctx = voltpay.SystemContext(ctx, "poller")
	status := voltpay.MeterActive
	f := voltpay.MeterFilter{GatewayID: &gatewayID, Status: &status, Page: voltpay.PageArgs{First: voltpay.MaxPageSize}}
	var out []*voltpay.Meter
	for {
		p, err := s.meters.FindMeters(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("meters of gateway %d: %w", gatewayID, err)
		}
		out = append(out, p.Items...)
		if !p.HasNext || len(p.Items) == 0 {
			return out, nil
		}
		f.Page.After = p.Items[len(p.Items)-1].ID
	}
}

// newPoller builds a poller reading db's gateways and meters into db's
// readings, with cfg's intervals and bus settings.
func newPoller(cfg poller.Config, db *postgres.DB, log *slog.Logger) *poller.Poller {
	src := &pollerSource{sites: postgres.NewSiteService(db), meters: postgres.NewMeterService(db)}
	return poller.New(cfg, src, postgres.NewReadingService(db), log)
}

// startPoller runs the poller with its default configuration until ctx
// ends or stop is called; stop waits for the running cycle to end and
// closes the poller's buses.
func startPoller(ctx context.Context, db *postgres.DB, log *slog.Logger) (stop func()) {
	log = log.With("component", "poller")
	p := newPoller(poller.Config{}, db, log)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := p.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
			log.Error("poller stopped", "err", err)
		}
	}()
	log.Info("poller started")
	var once sync.Once
	return func() {
		once.Do(func() {
			cancel()
			<-done
			if err := p.Close(); err != nil {
				log.Warn("poller: close", "err", err)
			}
		})
	}
}
