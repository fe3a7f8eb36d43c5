package postgres

import (
	"strconv"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// advance moves c's series over its new readings, adding an entry to es for
// each reading that costs a fen or more. billed holds the open accounts
// locked for charging; sched is the meter's tariff schedule.
func (s *ChargeService) advance(c *chargeState, billed map[int64]bool, sched billing.Schedule, es *chargeEntries, st *voltpay.ChargeStats) {
	series := c.loaded()
	c.changed = true
	if c.AccountID == nil || !billed[*c.AccountID] || c.PrepaidMode != voltpay.PrepaidPlatform {
		// Not billed here (no open account, or the meter deducts
		// itself): the series moves on without charging, so the
		// energy is never charged later either.
		last := c.readings[len(c.readings)-1]
		series.Last, series.Fault = &last, ""
		c.series = series
		return
	}
	if c.SeriesAccountID == nil || *c.SeriesAccountID != *c.AccountID {
		series.Carry, series.Usage = billing.Carry{}, billing.Usage{} // a new account, a new series
		c.SeriesAccountID = c.AccountID
	}
	before := series.Fault
	for _, ch := range s.pricer.Charge(&series, c.CTRatio, sched, c.readings) {
		if ch.Fen > 0 {
			es.add(*c.AccountID, c.MeterID, ch.Fen, chargeKey(c.MeterID, ch.To), ch.Note)
		}
	}
	if series.Fault != "" && series.Fault != before {
		st.Faulted = append(st.Faulted, c.MeterID)
	}
	c.series = series
}

// chargeKey is the idempotency key of the charge of meterID's reading at
// readAt: unique per reading, so a reading is charged at most once.
func chargeKey(meterID int64, readAt time.Time) string {
	return "charge:" + strconv.FormatInt(meterID, 10) + ":" + strconv.FormatInt(readAt.UnixMicro(), 10)
}
