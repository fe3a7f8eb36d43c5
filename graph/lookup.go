package graph

import (
	"context"

	"github.com/voltpay/voltpay"
)

// nullIfHidden answers a by-id lookup (meter, account, ledgerEntry, tariff,
// command, rechargeOrder) with null and no error when the object does not
// exist, or when a tenant asks for another account's: the two answers are
// the same, so that a tenant cannot probe which ids exist, and a missing id
// nulls only its own field, not the sibling fields of the answer. Other
// errors pass unchanged.
func nullIfHidden[T any](ctx context.Context, v *T, err error) (*T, error) {
	switch voltpay.ErrorCode(err) {
	case voltpay.ENOTFOUND:
		return nil, nil
	case voltpay.EFORBIDDEN:
		// The lookup's @can has passed: what refuses a tenant here is the
		// services' confinement to their own account.
		if voltpay.PrincipalFrom(ctx).IsTenant() {
			return nil, nil
		}
	}
	return v, err
}
