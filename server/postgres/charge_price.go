package postgres

import (
	"strconv"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// advance moves c's series over its new readings, adding an entry to es for
// each reading that costs a fen or more and, when the account's site takes
// a service fee, a service fee entry for each reading whose fee, carried
// on its own (billing.Series.FeeCarry), comes to a fen or more. billed
// holds the open accounts locked for charging with their fees; sched is
// the meter's tariff schedule.
func (s *ChargeService) advance(c *chargeState, billed billedAccounts, sched billing.Schedule, es *chargeEntries, st *voltpay.ChargeStats) {
	series := c.loaded()
	c.changed = true
	if !billed.has(c.AccountID) || c.PrepaidMode != voltpay.PrepaidPlatform {
		// Not billed here (no open account, or the meter deducts
		// itself): the series moves on without charging, so the
		// energy is never charged later either.
		last := c.readings[len(c.readings)-1]
		series.Last, series.Fault = &last, ""
		c.series = series
		return
	}
	if c.SeriesAccountID == nil || *c.SeriesAccountID != *c.AccountID {
		// A new account, a new series.
		series.Carry, series.Usage, series.FeeCarry = billing.Carry{}, billing.Usage{}, billing.Carry{}
		c.SeriesAccountID = c.AccountID
	}
	before := series.Fault
	bp := billed[*c.AccountID]
	for _, ch := range s.pricer.Charge(&series, c.CTRatio, sched, c.readings) {
		key := chargeKey(c.MeterID, ch.To)
		es.splits.add(*c.AccountID, c.MeterID, key, ch)
		if ch.Fen > 0 {
			es.add(voltpay.EntryCharge, *c.AccountID, c.MeterID, ch.Fen, key, ch.Note)
		}
		if bp > 0 {
			// On the exact charge, not its fen: the fee's carry rounds it.
			if fen := series.FeeCarry.Add(billing.Fee(ch.Exact, bp)); fen > 0 {
				es.add(voltpay.EntryServiceFee, *c.AccountID, c.MeterID, fen, feeKey(key),
					"service fee "+billing.Percent(bp)+" of "+ch.Note)
			}
		}
	}
	if series.Fault != "" && series.Fault != before {
		st.Faulted = append(st.Faulted, c.MeterID)
	}
	c.series = series
}

// feeKey is the idempotency key of the service fee taken on the charge
// keyed chargeKey: one fee per reading, at most once, like the charge.
func feeKey(chargeKey string) string { return chargeKey + ":fee" }

// chargeKey is the idempotency key of the charge of meterID's reading at
// readAt: unique per reading, so a reading is charged at most once.
func chargeKey(meterID int64, readAt time.Time) string {
	return "charge:" + strconv.FormatInt(meterID, 10) + ":" + strconv.FormatInt(readAt.UnixMicro(), 10)
}

// chargeKeyReadAt is SQL reading back, from column key holding a chargeKey
// (or the feeKey of one), the time of the reading it names: the inverse of
// chargeKey, kept beside it. The key's time is exact to the microsecond.
func chargeKeyReadAt(key string) string {
	return `('epoch'::timestamptz + split_part(` + key + `, ':', 3)::bigint * interval '1 microsecond')`
}
