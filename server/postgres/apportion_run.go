package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

const apportionRunColumns = `id, group_id, period_start, period_start + interval '1 month' AS period_end,
	common_wh, line_loss_wh, total_wh, price, total_fen, note, created_at`

const apportionLineColumns = `l.run_id, l.account_id, to_char(r.period_start, 'YYYY-MM') AS month, l.weight, l.energy_wh,
	l.amount_fen, l.entry_id, l.note`

// apportionActor names the run on entries made without a principal.
const apportionActor = "apportionment"

// RunApportionment charges one month of a group (公摊), in one transaction
// holding the group's lock: the month's shared energy (billing.SharedEnergy
// from the readings that bound the month), priced once at the group's
// tariff, split over the members by the group's method (billing.Apportion:
// the parts add up to the total to the fen), one 'apportionment' entry per
// member with a part of at least a fen, keyed apportion:<run>:<account>.
//
// A month is run once. Running it again returns the first run unchanged
// (idempotent, so a retried request or a double click is safe): the entries
// are final, and what is wrong in them is corrected by reversing them. A
// month that has not ended yet is refused (CONFLICT): its readings are not
// all in. Errors: INVALID_INPUT (month), NOT_FOUND, CONFLICT (month not
// ended, a register that fell, a closed member account).
func (s *ApportionService) RunApportionment(ctx context.Context, groupID int64, month string) (*voltpay.ApportionRun, error) {
	start, end, err := billing.Month(month, billing.ChinaTime)
	if err != nil {
		return nil, err
	}
	if now := s.db.Now(); end.After(now) {
		return nil, voltpay.Errorf(voltpay.ECONFLICT, "month %s has not ended yet (it ends %s); run it after then, once its last readings are in",
			month, end.Format(time.DateTime))
	}
	var out *voltpay.ApportionRun
	var entries []*voltpay.LedgerEntry
	err = s.db.inTx(ctx, func(tx *Tx) error {
		entries = nil
		g, err := findApportionGroup(ctx, tx, groupID, true)
		if err != nil {
			return err
		}
		if out, err = findRunByMonth(ctx, tx, groupID, start); err != nil || out != nil {
			return err
		}
		out, entries, err = runApportionment(ctx, tx, g, start, end)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.publish(ctx, entries)
	return out, nil
}

// runApportionment computes and writes a month of g.
func runApportionment(ctx context.Context, tx *Tx, g *voltpay.ApportionGroup, start, end time.Time) (*voltpay.ApportionRun, []*voltpay.LedgerEntry, error) {
	tariff, err := findTariff(ctx, tx, g.TariffID)
	if err != nil {
		return nil, nil, err
	}
	price, err := billing.SharedPrice(tariff)
	if err != nil {
		return nil, nil, err
	}
	accounts := make([]int64, len(g.Members))
	for i, m := range g.Members {
		accounts[i] = m.AccountID
	}
	// The members' meters: the meters below the master, and the measure of
	// each member's own use.
	var subs []struct {
		ID        int64 `db:"id"`
		AccountID int64 `db:"account_id"`
	}
	if err := tx.SelectContext(ctx, &subs, `SELECT id, account_id FROM meters WHERE account_id = ANY($1) ORDER BY id`,
		pq.Array(accounts)); err != nil {
		return nil, nil, mapError(err)
	}
	ids := make([]int64, 0, len(g.Sources)+len(subs))
	for _, src := range g.Sources {
		ids = append(ids, src.MeterID)
	}
	for _, m := range subs {
		ids = append(ids, m.ID)
	}
	energy, notes, err := monthEnergy(ctx, tx, ids, start, end)
	if err != nil {
		return nil, nil, err
	}
	var common, masters, below []voltpay.Wh
	for _, src := range g.Sources {
		if src.Role == voltpay.SourceCommon {
			common = append(common, energy[src.MeterID])
		} else {
			masters = append(masters, energy[src.MeterID])
		}
	}
	use := map[int64]voltpay.Wh{}
	for _, m := range subs {
		below = append(below, energy[m.ID])
		use[m.AccountID] += energy[m.ID]
	}
	shared := billing.SharedEnergy(common, masters, below, g.IncludeLineLoss)
	notes = append(notes, shared.Notes...)
	total := billing.SharedCost(shared.TotalWh(), price)
	if total > voltpay.MaxTransactionFen*voltpay.Fen(len(g.Members)) {
		return nil, nil, voltpay.Errorf(voltpay.ECONFLICT, "the shared energy of %s costs an implausible %s yuan; check the source meters' readings",
			billing.FormatKWh(shared.TotalWh()), total)
	}

	weights := make([]int64, len(g.Members))
	var sum int64
	for i, m := range g.Members {
		switch g.Method {
		case voltpay.ApportionArea:
			weights[i] = *m.AreaM2X100
		case voltpay.ApportionFixed:
			weights[i] = *m.ShareBP
		default:
			weights[i] = int64(use[m.AccountID])
		}
		sum += weights[i]
	}
	if sum == 0 {
		notes = append(notes, "no member used any energy: split equally")
	}
	fen := billing.Apportion(total, weights)
	wh := billing.ApportionWh(shared.TotalWh(), weights)

	run := &voltpay.ApportionRun{GroupID: g.ID, PeriodStart: start, PeriodEnd: end, CommonWh: shared.CommonWh,
		LineLossWh: shared.LineLossWh, TotalWh: shared.TotalWh(), Price: price, TotalFen: total,
		Note: strings.Join(notes, "; "), CreatedAt: tx.now}
	if err := tx.GetContext(ctx, &run.ID, `
		INSERT INTO apportion_runs (group_id, period_start, common_wh, line_loss_wh, total_wh, price, total_fen, note, created_at)
		VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		g.ID, start.Format(time.DateOnly), run.CommonWh, run.LineLossWh, run.TotalWh, run.Price, run.TotalFen, run.Note, tx.now); err != nil {
		return nil, nil, mapError(err)
	}
	month := run.Month()
	var entries []*voltpay.LedgerEntry
	for i, m := range g.Members {
		line := &voltpay.ApportionLine{RunID: run.ID, AccountID: m.AccountID, Month: month, Weight: weights[i],
			EnergyWh: wh[i], AmountFen: fen[i],
			Note: fmt.Sprintf("公摊 %s: %s × %s", month, billing.FormatKWh(shared.TotalWh()), shareOf(weights[i], sum, len(weights)))}
		if fen[i] > 0 {
			e := &voltpay.LedgerEntry{AccountID: m.AccountID, Type: voltpay.EntryApportionment, AmountFen: -fen[i],
				IdempotencyKey: fmt.Sprintf("apportion:%d:%d", run.ID, m.AccountID), Actor: apportionActor, Note: line.Note}
			fillActor(ctx, e)
			if err := tx.GetContext(ctx, e, `
				INSERT INTO ledger_entries (account_id, type, amount_fen, balance_after_fen, idempotency_key, receipt_no,
					operator_id, api_key_id, actor, note, created_at, meter_id)
				VALUES ($1, $2, $3, 0, $4, '', $5, $6, $7, $8, $9, `+apportionMeterSQL+`) RETURNING `+entryColumns,
				e.AccountID, e.Type, e.AmountFen, e.IdempotencyKey, e.OperatorID, e.APIKeyID, e.Actor, e.Note, tx.now); err != nil {
				return nil, nil, mapError(err)
			}
			line.EntryID = &e.ID
			entries = append(entries, e)
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO apportion_lines (run_id, account_id, weight, energy_wh, amount_fen, entry_id, note)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			line.RunID, line.AccountID, line.Weight, line.EnergyWh, line.AmountFen, line.EntryID, line.Note); err != nil {
			return nil, nil, mapError(err)
		}
		run.Lines = append(run.Lines, line)
	}
	return run, entries, nil
}

// apportionMeterSQL is the meter an apportionment entry of account $1
// names: none for a shared account; for one keeping a balance per meter,
// its first active meter (lowest id), which the whole part is taken from.
const apportionMeterSQL = `(SELECT min(m.id) FROM meters m JOIN accounts a ON a.id = m.account_id
	WHERE m.account_id = $1 AND m.status = 'active' AND a.balance_mode = 'per_meter')`

// shareOf formats a member's share of the split, e.g. "33.33%".
func shareOf(w, sum int64, n int) string {
	bp := shareBP(w, sum, n)
	return fmt.Sprintf("%d.%02d%%", bp/100, bp%100)
}

// shareBP is weight w's share of sum in basis points, rounded; with sum 0
// the split is equal over n members.
func shareBP(w, sum int64, n int) int64 {
	if sum == 0 {
		w, sum = 1, int64(n)
	}
	return (w*10000*2 + sum) / (2 * sum)
}

// monthEnergy returns each meter's energy over [start, end) from the
// readings that bound it (billing.MonthReadings), with notes on meters
// measured over less than the month.
func monthEnergy(ctx context.Context, q queryer, ids []int64, start, end time.Time) (map[int64]voltpay.Wh, []string, error) {
	var rows []struct {
		MeterID int64       `db:"meter_id"`
		CTRatio int         `db:"ct_ratio"`
		StartAt *time.Time  `db:"s_at"`
		StartWh *voltpay.Wh `db:"s_wh"`
		EndAt   *time.Time  `db:"e_at"`
		EndWh   *voltpay.Wh `db:"e_wh"`
	}
	if err := q.SelectContext(ctx, &rows, `
		SELECT m.id AS meter_id, m.ct_ratio, s.read_at AS s_at, s.energy_wh AS s_wh, e.read_at AS e_at, e.energy_wh AS e_wh
		FROM meters m
		LEFT JOIN LATERAL (SELECT read_at, energy_wh FROM meter_readings r
			WHERE r.meter_id = m.id AND r.read_at >= $2 ORDER BY read_at LIMIT 1) s ON true
		LEFT JOIN LATERAL (SELECT read_at, energy_wh FROM (
				(SELECT read_at, energy_wh FROM meter_readings r
				 WHERE r.meter_id = m.id AND r.read_at >= $3 ORDER BY read_at LIMIT 1)
				UNION ALL
				(SELECT read_at, energy_wh FROM meter_readings r
				 WHERE r.meter_id = m.id AND r.read_at < $3 ORDER BY read_at DESC LIMIT 1)) z
			ORDER BY read_at DESC LIMIT 1) e ON true
		WHERE m.id = ANY($1)
		ORDER BY m.id`, pq.Array(ids), start, end); err != nil {
		return nil, nil, mapError(err)
	}
	out := make(map[int64]voltpay.Wh, len(rows))
	var notes []string
	for _, r := range rows {
		mr := billing.MonthReadings{MeterID: r.MeterID, CTRatio: r.CTRatio}
		if r.StartAt != nil {
			mr.Start = &billing.Registers{At: *r.StartAt, EnergyWh: *r.StartWh}
		}
		if r.EndAt != nil {
			mr.End = &billing.Registers{At: *r.EndAt, EnergyWh: *r.EndWh}
		}
		wh, note, err := mr.Energy(start, end)
		if err != nil {
			return nil, nil, err
		}
		out[r.MeterID] = wh
		if note != "" {
			notes = append(notes, note)
		}
	}
	return out, notes, nil
}

// findRunByMonth returns the group's run of the month starting at start,
// with its lines, or nil.
func findRunByMonth(ctx context.Context, q queryer, groupID int64, start time.Time) (*voltpay.ApportionRun, error) {
	runs, err := findRuns(ctx, q, `group_id = $1 AND period_start = $2::date`, 0, groupID, start.Format(time.DateOnly))
	if err != nil || len(runs) == 0 {
		return nil, err
	}
	return runs[0], nil
}

// findRuns reads runs matching cond (on apportion_runs) with their lines,
// only tenant's lines when tenant is not 0, newest month first.
func findRuns(ctx context.Context, q queryer, cond string, tenant int64, args ...any) ([]*voltpay.ApportionRun, error) {
	runs := []*voltpay.ApportionRun{}
	if err := q.SelectContext(ctx, &runs, `SELECT `+apportionRunColumns+` FROM apportion_runs WHERE `+cond+
		` ORDER BY period_start DESC LIMIT 1000`, args...); err != nil {
		return nil, mapError(err)
	}
	byID := map[int64]*voltpay.ApportionRun{}
	ids := make([]int64, len(runs))
	for i, r := range runs {
		r.PeriodStart = localDate(r.PeriodStart)
		r.PeriodEnd = localDate(r.PeriodEnd)
		r.Lines = []*voltpay.ApportionLine{}
		byID[r.ID], ids[i] = r, r.ID
	}
	var lines []*voltpay.ApportionLine
	if err := q.SelectContext(ctx, &lines, `SELECT `+apportionLineColumns+`
		FROM apportion_lines l JOIN apportion_runs r ON r.id = l.run_id
		WHERE l.run_id = ANY($1) AND ($2::bigint = 0 OR l.account_id = $2)
		ORDER BY l.run_id, l.account_id`, pq.Array(ids), tenant); err != nil {
		return nil, mapError(err)
	}
	for _, l := range lines {
		byID[l.RunID].Lines = append(byID[l.RunID].Lines, l)
	}
	if tenant == 0 {
		return runs, nil
	}
	mine := runs[:0]
	for _, r := range runs {
		if len(r.Lines) > 0 {
			mine = append(mine, r)
		}
	}
	return mine, nil
}

// localDate turns a DATE read back (midnight UTC) into local midnight.
func localDate(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, billing.ChinaTime)
}

// FindApportionRuns lists a group's runs with their lines, newest month
// first; none for an unknown group. A tenant sees only the runs that
// charged their account, and only their own line.
func (s *ApportionService) FindApportionRuns(ctx context.Context, groupID int64) ([]*voltpay.ApportionRun, error) {
	tenant := tenantOf(ctx)
	var out []*voltpay.ApportionRun
	err := s.db.inSnapshot(ctx, func(tx *Tx) (err error) {
		out, err = findRuns(ctx, tx, `group_id = $1`, tenant, groupID)
		return err
	})
	return out, err
}

// FindApportionLines lists an account's statement lines, newest first, at
// most limit (1 to voltpay.MaxPageSize; default voltpay.DefaultPageSize).
func (s *ApportionService) FindApportionLines(ctx context.Context, accountID int64, limit int) ([]*voltpay.ApportionLine, error) {
	if err := checkTenantAccount(ctx, accountID); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > voltpay.MaxPageSize {
		limit = voltpay.DefaultPageSize
	}
	out := []*voltpay.ApportionLine{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+apportionLineColumns+`
		FROM apportion_lines l JOIN apportion_runs r ON r.id = l.run_id
		WHERE l.account_id = $1
		ORDER BY r.period_start DESC, l.run_id DESC LIMIT $2`, accountID, limit)
	return out, mapError(err)
}

// publish sends each charged account's new balance after commit, so that
// alarms and automatic trips see the apportionment like a charge.
func (s *ApportionService) publish(ctx context.Context, entries []*voltpay.LedgerEntry) {
	ev := s.db.Events
	if ev == nil || len(entries) == 0 {
		return
	}
	ids := make([]int64, len(entries))
	byAccount := map[int64]*voltpay.LedgerEntry{}
	for i, e := range entries {
		ids[i], byAccount[e.AccountID] = e.AccountID, e
	}
	accounts := []*voltpay.Account{}
	if err := s.db.SelectContext(ctx, &accounts, `SELECT `+accountColumns+` FROM accounts WHERE id = ANY($1) ORDER BY id`,
		pq.Array(ids)); err != nil {
		return // the balances are committed; a missed event only delays the alarm check
	}
	for _, a := range accounts {
		ev.PublishBalance(voltpay.BalanceChange{Account: a, Entry: byAccount[a.ID]})
	}
}

// FindApportionGroupByID returns one group with its sources and members.
func (s *ApportionService) FindApportionGroupByID(ctx context.Context, id int64) (*voltpay.ApportionGroup, error) {
	var out *voltpay.ApportionGroup
	err := s.db.inSnapshot(ctx, func(tx *Tx) (err error) {
		out, err = findApportionGroup(ctx, tx, id, false)
		return err
	})
	return out, err
}

// FindApportionRunByID returns one run with its lines; a tenant gets
// NOT_FOUND, as for an id of nothing, unless the run charged their account,
// and then only their own line.
func (s *ApportionService) FindApportionRunByID(ctx context.Context, id int64) (*voltpay.ApportionRun, error) {
	var runs []*voltpay.ApportionRun
	err := s.db.inSnapshot(ctx, func(tx *Tx) (err error) {
		runs, err = findRuns(ctx, tx, `id = $1`, tenantOf(ctx), id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(runs) == 0 {
		return nil, voltpay.Errorf(voltpay.ENOTFOUND, "apportionment run %d not found; check the id", id)
	}
	return runs[0], nil
}

// FindApportionRunLines reads one page of a run's lines in account id
// order (keyset on the account id, unique within a run); a tenant's page
// holds their own line only.
func (s *ApportionService) FindApportionRunLines(ctx context.Context, f voltpay.ApportionLineFilter) (*voltpay.Page[*voltpay.ApportionLine], error) {
	var w where
	w.add("l.run_id = ?", f.RunID)
	if t := tenantOf(ctx); t != 0 {
		w.add("l.account_id = ?", t)
	}
	return findKeyPage[*voltpay.ApportionLine](ctx, s.db, apportionLineColumns,
		"apportion_lines l JOIN apportion_runs r ON r.id = l.run_id", apportionLineKey, w, f.Page, false)
}

// apportionLineKey pages a run's lines by account id.
var apportionLineKey = pageKey{column: "l.account_id", value: func(c int64) any { return c }}

// tenantOf returns the account of a tenant caller, 0 for anyone else, and
// -1 (no account has it) for a tenant person bound to no account: 0 below
// means every account.
func tenantOf(ctx context.Context) int64 {
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() {
		if p.AccountID == 0 {
			return -1
		}
		return p.AccountID
	}
	return 0
}
