package voltpay

import (
	"context"
	"strings"
)

// Charge faults: why charging of a meter's series stopped (meter_billing.fault).
const (
	// FaultNoTariff: no tariff prices the meter's new readings. Charging
	// waits, the state does not move, and every run tries again: once a
	// tariff is assigned the waiting readings are charged under it.
	FaultNoTariff = "no tariff"
	// FaultRegisterFell: a register read lower than the last charged
	// reading without rolling over (a fault, a swapped meter, a misread).
	// Charging of the series stops for good, at the last good reading:
	// nothing is charged and nothing refunded until an operator corrects it.
	FaultRegisterFell = "register fell"
)

// ChargeFaultRetried reports whether charging retries a meter with fault f
// on every run (a configuration problem that fixing clears), rather than
// staying stopped until an operator corrects the series.
func ChargeFaultRetried(f string) bool { return f == "" || strings.HasPrefix(f, FaultNoTariff) }

// ChargeStats is what one ChargeMeters call did.
type ChargeStats struct {
	Meters     int     // meters asked for that had new readings
	Readings   int     // new readings taken (baselines and uncharged ones included)
	Entries    int     // charge and service fee entries written to the ledger
	ChargedFen Fen     // the charge entries' total, positive
	FeeFen     Fen     // the service fee entries' total, positive (Site.ServiceFeeBP)
	Faulted    []int64 // meters that stopped on a fault in this call
	// Charged lists the meters that had new readings (those Meters
	// counts): billing.Controller looks at their accounts' alarms and relays.
	Charged []int64
	// Backlog lists meters with more new readings than one call takes
	// (server/postgres.MaxChargeReadingsPerMeter): call again for them.
	Backlog []int64
}

// Add adds o's counts to s.
func (s *ChargeStats) Add(o ChargeStats) {
	s.Meters += o.Meters
	s.Readings += o.Readings
	s.Entries += o.Entries
	s.ChargedFen += o.ChargedFen
	s.FeeFen += o.FeeFen
	s.Faulted = append(s.Faulted, o.Faulted...)
	s.Charged = append(s.Charged, o.Charged...)
	s.Backlog = append(s.Backlog, o.Backlog...)
}

// ChargeService charges meter readings against the owning accounts'
// balances (issue 4, "Charging"): each reading after a meter's first is
// priced and charged as one ledger entry, exactly once, however often and
// however concurrently the same meters are charged. billing.Charger runs it.
// Errors: UNAVAILABLE.
type ChargeService interface {
	// ChargeMeters charges the readings of meterIDs newer than each
	// meter's billing state. Unknown ids are ignored.
	ChargeMeters(ctx context.Context, meterIDs []int64) (ChargeStats, error)
	// PendingMeters lists, in id order after afterID, up to limit meters
	// whose latest reading is newer than their billing state and whose
	// charging is not stopped on a fault: the periodic sweep's work.
	PendingMeters(ctx context.Context, afterID int64, limit int) ([]int64, error)
}
