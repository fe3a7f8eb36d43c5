package postgres

import (
	"context"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// setControlMode moves the control mode of command c's meter when a person
// asked for c (an operator or an API key: billing.ModeAfter says which
// kinds move it), in the transaction that enqueues c, so that the mode and
// the command commit together. Commands of the system (the billing
// controller, seeding, tests acting as the system) never move it: an
// automatic trip must not turn itself into an operator's forced trip.
// The meter's control_command_id becomes c's id, the mode's epoch.
func setControlMode(ctx context.Context, tx *Tx, p *voltpay.Principal, c *voltpay.Command) error {
	if p == nil || (p.Kind != voltpay.PrincipalOperator && p.Kind != voltpay.PrincipalAPIKey) {
		return nil
	}
	mode, ok := billing.ModeAfter(c.Kind)
	if !ok {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE meters SET control_mode = $2, control_command_id = $3 WHERE id = $1`,
		c.MeterID, mode, c.ID)
	return mapError(err)
}
