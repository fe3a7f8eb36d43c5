package postgres

import (
	"context"

	"github.com/voltpay/voltpay"
)

// OpsReportService implements voltpay.OpsReportService: the operational
// reports (arrears, meter snapshot, offline, alarms, shared-cost
// statements), each a fixed number of set queries over what the accounts,
// meters, readings, alarms and ledger already hold.
type OpsReportService struct{ db *DB }

// NewOpsReportService returns an OpsReportService on db.
func NewOpsReportService(db *DB) *OpsReportService { return &OpsReportService{db: db} }

var _ voltpay.OpsReportService = (*OpsReportService)(nil)

// staffOnly refuses a tenant (and an anonymous caller) a report whose rows
// are other tenants' business.
func staffOnly(ctx context.Context, report string) error {
	switch p := voltpay.PrincipalFrom(ctx); {
	case p == nil:
		return voltpay.Errorf(voltpay.EUNAUTHENTICATED, "the %s report needs a signed-in operator or an API key", report)
	case p.IsTenant():
		return voltpay.Errorf(voltpay.EFORBIDDEN, "the %s report is for the office's staff; a tenant reads their own account, meters and alarms instead", report)
	}
	return nil
}
