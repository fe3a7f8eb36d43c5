// Package billing turns meter readings into money and money into relay
// state: tariffs priced exactly, consumption charged to the ledger once per
// reading, alarms, and the automatic trip and close of prepaid meters.
//
// It is a top-level package because it is one of the architecture's three
// parts between the devices and the API (docs/ARCHITECTURE.md §2, "The shape of
// the system"): meterlink learns what meters did, billing decides what that
// costs and what the relays must do, and the storage records both. It
// depends only on the root domain package; PostgreSQL comes in through
// the service interfaces.
//
// Its parts, bottom-up:
//   - money.go: exact amounts (Micro, 1/100,000 fen: a price in 1/10,000
//     yuan/kWh times energy in Wh) and the Carry that rounds them to fen
//     without ever losing a remainder;
//   - pieces.go: an interval cut at tariff changes, time-of-use period
//     edges (a day's periods from its season or weekday variant, if any)
//     and billing-period starts, and energy shared over the pieces by
//     time, in whole Wh that always add up;
//   - price.go: the priced lines of an interval (rate, tier, energy,
//     price, exact amount), tiers crossed inside an interval included;
//   - fee.go: a site's service fee on an exact amount, in basis points;
//   - delta.go: register deltas with CT ratio, rollover and faults;
//   - status.go: a meter's display status and its precedence;
//   - policy.go: the relay each meter needs (prepaid, guarantee, forced
//     trip; grace; friendly periods);
//   - charge.go: a meter's charge series moved over its new readings
//     (baseline, deltas, prices, carry, faults), one Charge per reading;
//   - charger.go: the loop that runs voltpay.ChargeService over the meters
//     notified after readings are recorded and a periodic sweep;
//   - mode.go: the control mode an operator's command puts a meter in;
//   - control_store.go, alarms.go, controller.go: the loop that, after
//     charges, balance moves and meter changes (and a sweep), raises and
//     clears the balance alarms (Notifier: the hook for SMS) and enqueues
//     the trip or close Decide asks for, once per situation.
package billing
