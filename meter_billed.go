package voltpay

// Meter-billed accounts (prepaid mode PrepaidMeter): the balance lives in
// the meter, which deducts its own consumption and trips itself. The
// platform's part:
//
//   - A sale to such a meter is recorded in the ledger as any sale and, in
//     the same transaction, becomes one CmdCredit command to the meter
//     (params {"amountFen": the sale's amount}, key CreditCommandKey of the
//     sale's key), which meterlink pushes exactly once. An account whose
//     sale could go to several meters (more than one meter-billed meter, or
//     meter-billed and platform-billed ones) must name the meter (SaleInput.MeterID):
//     splitting money between meters is the tenant's choice, not ours.
//   - Carry-over: a meter that went below zero (its overdraft, 透支) adds a
//     credit to its negative balance, so the overdraft is deducted from
//     the next purchase by the meter itself. The platform therefore pushes
//     the full amount: deducting the carry-over here as well would take it
//     twice (the simulator and the DL/T 645 meters we drive both add). A
//     20-yuan sale to a meter at −5 yuan leaves it at 15 yuan.
//   - Credit cap (囤积上限, Meter.CreditCapFen): a sale that would take the
//     meter above its cap is refused before anything is stored. The meter's
//     balance is taken as its last read balance plus the credits that may
//     have landed since (confirmed after that reading, or still on their
//     way), so the check errs on the side of refusing.
//   - Mirror and reconciliation: at each reading that carries a balance,
//     the platform expects the previous read balance plus the credits that
//     certainly landed in between. A difference of more than
//     BalanceMismatchToleranceFen raises AlarmBalanceMismatch on the meter;
//     the next reading that follows on from its predecessor clears it (the
//     jump stays in the alarm history for an operator to look into). The
//     platform does not price a meter-billed meter's consumption (the
//     meter does), so the tolerance must cover what a tenant uses between
//     two readings; when a credit may or may not be in a reading (pushed
//     around the time it was read) the reading decides nothing.

// BalanceMismatchToleranceFen is how far (either way) a meter-billed
// meter's balance may stray from the platform's expectation between two
// readings before AlarmBalanceMismatch is raised: consumption between two
// polls, which the meter deducts and the platform does not price.
const BalanceMismatchToleranceFen Fen = 100

// CreditCommandTTL is how long the credit command of a sale may wait to
// reach its meter: long, because the money is already taken; a credit that
// expires anyway needs an operator to push it again.
const CreditCommandTTL = MaxCommandTTL

// CreditCommandKey is the idempotency key of the credit command that
// carries the sale keyed saleKey into its meter.
func CreditCommandKey(saleKey string) string { return "credit:" + saleKey }
