package poller

import (
	"context"

	"github.com/voltpay/voltpay"
)

// Source lists what to poll. A PostgreSQL adapter over voltpay.SiteService
// and voltpay.MeterService comes later; tests use in-memory fakes.
type Source interface {
	// Gateways returns every gateway to poll.
	Gateways(ctx context.Context) ([]*voltpay.Gateway, error)
	// Meters returns the active meters on gateway gatewayID.
	Meters(ctx context.Context, gatewayID int64) ([]*voltpay.Meter, error)
}

// Sink receives readings and offline reports. Every voltpay.ReadingService
// is a Sink.
type Sink interface {
	// RecordReadings stores a batch of readings and marks their meters online.
	RecordReadings(ctx context.Context, rs []*voltpay.Reading) (stored int, err error)
	// MarkOffline marks meters that stopped answering.
	MarkOffline(ctx context.Context, meterIDs []int64) error
	// RecordGatewayStates records gateways going online or offline and
	// when they last answered, once per cycle.
	RecordGatewayStates(ctx context.Context, states []voltpay.GatewayState) error
}

var _ Sink = voltpay.ReadingService(nil)
