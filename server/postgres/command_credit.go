package postgres

import (
	"context"

	"github.com/voltpay/voltpay"
)

// maxPurchaseCount is the largest count a DL/T 645 credit carries (4 bytes).
const maxPurchaseCount = 1<<32 - 1

// ReserveCreditCount records the purchase count of credit command
// commandID, once: later calls return the count of the first. The unique
// (meter, count) pair makes two credits claiming the same purchase a
// CONFLICT instead of a double credit. Errors: NOT_FOUND, INVALID_INPUT,
// CONFLICT, UNAVAILABLE.
func (s *CommandService) ReserveCreditCount(ctx context.Context, commandID int64, count int64) (int64, error) {
	if count < 1 || count > maxPurchaseCount {
		return 0, voltpay.Invalid("count", "a purchase count is between 1 and %d, got %d", int64(maxPurchaseCount), count)
	}
	var got int64
	err := s.db.inTx(ctx, func(tx *Tx) error {
		var kind string
		var meterID int64
		if err := tx.QueryRowxContext(ctx, `SELECT kind, meter_id FROM meter_commands WHERE id = $1`, commandID).Scan(&kind, &meterID); err != nil {
			return notFound(err, "command", commandID)
		}
		if kind != voltpay.CmdCredit {
			return voltpay.Invalid("commandId", "command %d is a %s, not a credit; only credits carry a purchase count", commandID, kind)
		}
		err := tx.GetContext(ctx, &got, `
			INSERT INTO meter_credit_counts (command_id, meter_id, purchase_count, reserved_at)
			VALUES ($1, $2, $3, $4)
			ON CONFLICT (command_id) DO UPDATE SET command_id = EXCLUDED.command_id
			RETURNING purchase_count`, commandID, meterID, count, tx.now)
		if isUnique(err, "meter_credit_counts_meter_id_purchase_count_key") {
			return voltpay.Errorf(voltpay.ECONFLICT,
				"purchase count %d of meter %d is already taken by another credit; read the meter again before crediting it", count, meterID)
		}
		return mapError(err)
	})
	return got, err
}
