package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/voltpay/voltpay"
)

// postOne writes an entry that needs no check beyond what the database
// enforces itself (the account exists and is open: ledger_before_insert)
// as a single statement, which is atomic on its own: the entry, the audit
// row of the mutation being served, and the account read back, in one
// round trip instead of five (BEGIN, lock, insert, audit, COMMIT). Sales
// take this path: they are most of the traffic (docs/BENCHMARKS.md).
// A key seen before surfaces as a unique violation and is answered from
// the first entry, as in post. Only sales take this path (LedgerService.Sell);
// a sale to an account with a meter-billed meter is left to sellToMeter.
func (s *LedgerService) postOne(ctx context.Context, want *voltpay.LedgerEntry) (*voltpay.LedgerEntry, error) {
	fillActor(ctx, want)
	args := []any{want.AccountID, want.Type, want.Channel, want.AmountFen, want.IdempotencyKey, want.ReversesID,
		want.MeterID, want.OperatorID, want.APIKeyID, want.Actor, want.ExternalRef, want.Note, s.db.Now()}
	pending := voltpay.PendingAuditFrom(ctx)
	var claimed *voltpay.AuditEntry
	if pending != nil {
		claimed = pending.Claim()
	}
	audit := make([]any, 10) // NULLs when there is nothing to record
	if claimed != nil {
		vals, err := auditValues(ctx, s.db, claimed)
		if err != nil {
			pending.Unclaim()
			return nil, err
		}
		audit = vals
	}
	row := &entryWithAccount{}
	err := s.db.getPrepared(ctx, row, postOneQuery, append(append(args, claimed != nil), audit...)...)
	if err != nil && claimed != nil {
		pending.Unclaim() // nothing was written: the API records the failure
	}
	if isKeyRace(err) {
		return s.replayAfterRace(ctx, want)
	} else if errors.Is(err, sql.ErrNoRows) {
		return s.sellToMeter(ctx, want)
	} else if err != nil {
		return nil, s.insertError(err, want)
	}
	got, a := &row.LedgerEntry, &row.Account
	a.BalanceFen = got.BalanceAfterFen // the row was read before the trigger moved it
	if ev := s.db.Events; ev != nil {
		ev.PublishBalance(voltpay.BalanceChange{Account: a, Entry: got})
	}
	return got, nil
}

// entryWithAccount scans postOneQuery's row: the entry's columns, then the
// account's prefixed with "acct.".
type entryWithAccount struct {
	voltpay.LedgerEntry
	Account voltpay.Account `db:"acct"`
}

// postOneQuery inserts the entry ($1..$13) and, when $14, the audit row
// ($15..$24), and returns the entry with its account. Every statement of a
// WITH runs once whether or not the final SELECT reads it. An account with
// a meter-billed meter writes nothing and returns no row (one index probe
// of meters_account_idx): its sale takes sellToMeter instead; so does a
// sale on a site that takes its service fee on sales (the fee entry is
// written beside the sale in one transaction: takeSaleFee).
var postOneQuery = fmt.Sprintf(`
	WITH e AS (
		INSERT INTO ledger_entries (account_id, type, channel, amount_fen, balance_after_fen, idempotency_key,
			receipt_no, reverses_id, meter_id, operator_id, api_key_id, actor, external_ref, note, created_at)
		SELECT $1::bigint, $2::text, $3::text, $4::bigint, 0, $5::text, '', $6::bigint, $7::bigint, $8::bigint,
			$9::bigint, $10::text, $11::text, $12::text, $13::timestamptz
		WHERE NOT EXISTS (SELECT 1 FROM meters
			WHERE account_id = $1 AND status = 'active' AND prepaid_mode = 'meter')
		AND NOT EXISTS (SELECT 1 FROM accounts fa JOIN sites fs ON fs.id = fa.site_id
			WHERE fa.id = $1 AND fs.service_fee_on = 'sale' AND fs.service_fee_bp > 0)
		RETURNING %s
	), au AS (
		INSERT INTO audit_log (%s)
		SELECT $15, $16, $17, $18, $19, $20, $21, $22, $23, $24 WHERE $14::boolean AND EXISTS (SELECT 1 FROM e)
	)
	SELECT e.*, %s FROM e JOIN accounts a ON a.id = e.account_id`,
	entryColumns, auditInsertColumns, prefixed("a", "acct", accountColumns))

// prefixed turns "x, y" into `t.x AS "p.x", t.y AS "p.y"` for sqlx's
// nested-struct scanning.
func prefixed(table, prefix, columns string) string {
	var out []string
	for _, c := range strings.Split(columns, ",") {
		c = strings.TrimSpace(c)
		out = append(out, fmt.Sprintf(`%s.%s AS "%s.%s"`, table, c, prefix, c))
	}
	return strings.Join(out, ", ")
}
