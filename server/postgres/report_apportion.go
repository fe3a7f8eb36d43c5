package postgres

import (
	"context"

	"github.com/voltpay/voltpay"
)

// statementLinesQuery reads a run's lines with their accounts, what each
// line's ledger entry took and what reversals of that entry gave back.
const statementLinesQuery = `
	SELECT l.account_id, a.no, a.tenant_name, l.weight, l.energy_wh, l.amount_fen, l.entry_id, l.note,
		coalesce(-e.amount_fen, 0) AS entry_fen, coalesce(rv.amount_fen, 0) AS reversed_fen
	FROM apportion_lines l
	JOIN accounts a ON a.id = l.account_id
	LEFT JOIN ledger_entries e ON e.id = l.entry_id
	LEFT JOIN ledger_entries rv ON rv.reverses_id = l.entry_id
	WHERE l.run_id = $1
	ORDER BY l.account_id`

// ApportionStatement reads run runID as a statement in one snapshot: the
// run, its group's name and method, its source meters with the energy each
// measured over the month (measured again now, as the run measured it),
// and its lines with their ledger entries. A line reconciles when its entry
// took its amount (no entry for 0 fen); the run when every line does and
// the lines add up to its total. Errors: NOT_FOUND, FORBIDDEN (tenants:
// they read their own line through apportionRun), UNAVAILABLE.
func (s *OpsReportService) ApportionStatement(ctx context.Context, runID int64) (*voltpay.ApportionStatement, error) {
	if err := staffOnly(ctx, "shared-cost statement"); err != nil {
		return nil, err
	}
	out := &voltpay.ApportionStatement{Sources: []*voltpay.ApportionStatementSource{}, Lines: []*voltpay.ApportionStatementLine{}}
	err := s.db.inSnapshot(ctx, func(tx *Tx) error {
		runs, err := findRuns(ctx, tx, `id = $1`, 0, runID)
		if err != nil {
			return err
		}
		if len(runs) == 0 {
			return voltpay.Errorf(voltpay.ENOTFOUND, "apportionment run %d not found; pick a run of the group's list (apportionRuns)", runID)
		}
		out.Run = runs[0]
		if err := tx.QueryRowxContext(ctx, `SELECT name, method FROM apportion_groups WHERE id = $1`, out.Run.GroupID).
			Scan(&out.GroupName, &out.Method); err != nil {
			return mapError(err)
		}
		var sources []struct {
			MeterID int64  `db:"meter_id"`
			Role    string `db:"role"`
			Address string `db:"address"`
			Room    string `db:"room"`
		}
		if err := tx.SelectContext(ctx, &sources, `SELECT s.meter_id, s.role, m.address, m.room
			FROM apportion_sources s JOIN meters m ON m.id = s.meter_id WHERE s.group_id = $1 ORDER BY s.role, s.meter_id`,
			out.Run.GroupID); err != nil {
			return mapError(err)
		}
		ids := make([]int64, len(sources))
		for i, src := range sources {
			ids[i] = src.MeterID
		}
		energy, _, err := monthEnergy(ctx, tx, ids, out.Run.PeriodStart, out.Run.PeriodEnd)
		if err != nil {
			return err
		}
		for _, src := range sources {
			out.Sources = append(out.Sources, &voltpay.ApportionStatementSource{MeterID: src.MeterID, Address: src.Address,
				Room: src.Room, Role: src.Role, EnergyWh: energy[src.MeterID]})
		}
		if err := tx.SelectContext(ctx, &out.Lines, statementLinesQuery, runID); err != nil {
			return mapError(err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	reconcile(out)
	return out, nil
}

// reconcile fills in each line's share and whether the statement's lines
// and ledger entries agree.
func reconcile(st *voltpay.ApportionStatement) {
	var lines voltpay.Fen
	for _, l := range st.Lines {
		st.WeightTotal += l.Weight
	}
	st.Reconciled = true
	for _, l := range st.Lines {
		l.ShareBP = shareBP(l.Weight, st.WeightTotal, len(st.Lines))
		l.Reconciled = l.EntryFen == l.AmountFen && (l.EntryID == nil) == (l.AmountFen == 0)
		st.Reconciled = st.Reconciled && l.Reconciled
		lines += l.AmountFen
		st.LedgerFen += l.EntryFen - l.ReversedFen
		st.ReversedFen += l.ReversedFen
	}
	st.Reconciled = st.Reconciled && lines == st.Run.TotalFen && st.LedgerFen == st.Run.TotalFen-st.ReversedFen
}
