package voltpay

import "context"

// MeterReader reads meters on demand, for an operator who will not wait for
// the next scheduled cycle (the poller implements it).
type MeterReader interface {
	// ReadMeters reads the meters now, jumping their bus's queue, records
	// the readings that succeeded and returns them in the order asked. The
	// error joins (errors.Join) a NOT_FOUND error for meters on no gateway
	// the reader serves and an UNAVAILABLE error for meters that did not
	// answer, so readings and an error may come back together.
	ReadMeters(ctx context.Context, meterIDs []int64) ([]*Reading, error)
}
