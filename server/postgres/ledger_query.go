package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/voltpay/voltpay"
)

// FindEntryByID returns one entry. Tenants may read only their own account's.
// Errors: NOT_FOUND, FORBIDDEN.
func (s *LedgerService) FindEntryByID(ctx context.Context, id int64) (*voltpay.LedgerEntry, error) {
	e := &voltpay.LedgerEntry{}
	if err := s.db.GetContext(ctx, e, `SELECT `+entryColumns+` FROM ledger_entries WHERE id = $1`, id); err != nil {
		return nil, notFound(err, "ledger entry", id)
	}
	if err := checkTenantAccount(ctx, e.AccountID); err != nil {
		return nil, err
	}
	return e, nil
}

// FindEntries lists entries newest first. Tenants see only their account's.
// Total counts every entry matching the filter. Errors: INVALID_INPUT.
func (s *LedgerService) FindEntries(ctx context.Context, f voltpay.LedgerFilter) (*voltpay.Page[*voltpay.LedgerEntry], error) {
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() {
		f.AccountID = &p.AccountID
	}
	var w where
	w.add("account_id = ?", f.AccountID)
	w.add("operator_id = ?", f.OperatorID)
	w.add("meter_id = ?", f.MeterID)
	w.add("type = ?", f.Type)
	w.add("channel = ?", f.Channel)
	w.add("created_at >= ?", f.From)
	w.add("created_at < ?", f.To)
	if f.ReceiptNo != "" {
		w.add("receipt_no = ?", &f.ReceiptNo)
	}
	return findPage[*voltpay.LedgerEntry](ctx, s.db, entryColumns, "ledger_entries", w, f.Page, true)
}

// where builds a conjunction of SQL conditions with numbered placeholders.
// A condition whose argument is a nil pointer is left out, so optional
// filters read as one line each.
type where struct {
	conds []string
	args  []any
}

// add appends cond (each "?" in it standing for arg) unless arg is a nil
// pointer.
func (w *where) add(cond string, arg any) {
	if isNilPtr(arg) {
		return
	}
	w.args = append(w.args, arg)
	w.conds = append(w.conds, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(w.args))))
}

// sql returns "WHERE …" (or "") for the conditions plus extra ones.
func (w *where) sql(extra ...string) string {
	all := append(append([]string{}, w.conds...), extra...)
	if len(all) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(all, " AND ")
}
