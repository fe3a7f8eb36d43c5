package postgres

import (
	"context"
	"fmt"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// ApportionService implements voltpay.ApportionService: groups of accounts
// sharing common-area meters and line losses (公摊), and their monthly runs
// (apportion_run.go).
type ApportionService struct{ db *DB }

// NewApportionService returns an ApportionService on db.
func NewApportionService(db *DB) *ApportionService { return &ApportionService{db: db} }

var _ voltpay.ApportionService = (*ApportionService)(nil)

const apportionGroupColumns = `id, site_id, name, method, tariff_id, include_line_loss, created_at, updated_at`

// CreateApportionGroup stores a group with its sources and members.
// Errors: INVALID_INPUT, NOT_FOUND (site, tariff, meter or account not in
// the site), CONFLICT (the name is taken in the site).
func (s *ApportionService) CreateApportionGroup(ctx context.Context, in voltpay.ApportionGroupInput) (*voltpay.ApportionGroup, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *voltpay.ApportionGroup
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := checkApportionRefs(ctx, tx, &in); err != nil {
			return err
		}
		var id int64
		if err := tx.GetContext(ctx, &id, `
			INSERT INTO apportion_groups (site_id, name, method, tariff_id, include_line_loss, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
			in.SiteID, in.Name, in.Method, in.TariffID, in.IncludeLineLoss, tx.now); err != nil {
			return mapError(err)
		}
		if err := writeApportionChildren(ctx, tx, id, &in); err != nil {
			return err
		}
		var err error
		out, err = findApportionGroup(ctx, tx, id, false)
		return err
	})
	return out, err
}

// UpdateApportionGroup replaces a group's settings, sources and members;
// fields absent from in.Fields keep their values (a list sent is whole).
// The site cannot change. Runs already made stay as they were: a month is
// charged by the group as it was when the month was run.
// Errors: INVALID_INPUT, NOT_FOUND, CONFLICT.
func (s *ApportionService) UpdateApportionGroup(ctx context.Context, id int64, in voltpay.ApportionGroupInput) (*voltpay.ApportionGroup, error) {
	var out *voltpay.ApportionGroup
	err := s.db.inTx(ctx, func(tx *Tx) error {
		g, err := findApportionGroup(ctx, tx, id, true)
		if err != nil {
			return err
		}
		// Under the row lock, so two partial updates cannot undo each other.
		voltpay.KeepAbsent(&in, g.AsInput(), in.Fields)
		if err := in.Validate(); err != nil {
			return err
		}
		if g.SiteID != in.SiteID {
			return voltpay.Invalid("siteId", "group %s belongs to site %d; a group cannot move to another site, create a new one there", g.Name, g.SiteID)
		}
		if err := checkApportionRefs(ctx, tx, &in); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE apportion_groups SET name = $2, method = $3, tariff_id = $4, include_line_loss = $5, updated_at = $6
			WHERE id = $1`, id, in.Name, in.Method, in.TariffID, in.IncludeLineLoss, tx.now); err != nil {
			return mapError(err)
		}
		for _, q := range []string{`DELETE FROM apportion_sources WHERE group_id = $1`, `DELETE FROM apportion_members WHERE group_id = $1`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return mapError(err)
			}
		}
		if err := writeApportionChildren(ctx, tx, id, &in); err != nil {
			return err
		}
		out, err = findApportionGroup(ctx, tx, id, false)
		return err
	})
	return out, err
}

// FindApportionGroups lists groups in id order, of one site or all.
func (s *ApportionService) FindApportionGroups(ctx context.Context, siteID *int64) ([]*voltpay.ApportionGroup, error) {
	var out []*voltpay.ApportionGroup
	err := s.db.inSnapshot(ctx, func(tx *Tx) error {
		var ids []int64
		if err := tx.SelectContext(ctx, &ids, `SELECT id FROM apportion_groups WHERE $1::bigint IS NULL OR site_id = $1 ORDER BY id LIMIT $2`,
			siteID, voltpay.MaxPageSize); err != nil {
			return mapError(err)
		}
		out = make([]*voltpay.ApportionGroup, 0, len(ids))
		for _, id := range ids {
			g, err := findApportionGroup(ctx, tx, id, false)
			if err != nil {
				return err
			}
			out = append(out, g)
		}
		return nil
	})
	return out, err
}

// checkApportionRefs returns NOT_FOUND naming the first tariff, meter or
// account of in that is not in its site: a group shares within one site.
func checkApportionRefs(ctx context.Context, tx *Tx, in *voltpay.ApportionGroupInput) error {
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM sites WHERE id = $1`, in.SiteID); err != nil {
		return mapError(err)
	} else if n == 0 {
		return voltpay.Errorf(voltpay.ENOTFOUND, "site %d not found; check the id", in.SiteID)
	}
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM tariffs WHERE id = $1 AND site_id = $2`, in.TariffID, in.SiteID); err != nil {
		return mapError(err)
	} else if n == 0 {
		return voltpay.Errorf(voltpay.ENOTFOUND, "tariff %d not found in site %d; choose a tariff of the group's site", in.TariffID, in.SiteID)
	}
	meters := make([]int64, len(in.Sources))
	for i, src := range in.Sources {
		meters[i] = src.MeterID
	}
	accounts := make([]int64, len(in.Members))
	for i, m := range in.Members {
		accounts[i] = m.AccountID
	}
	for _, c := range []struct {
		what, table string
		ids         []int64
	}{{"meter", "meters", meters}, {"account", "accounts", accounts}} {
		var missing []int64
		if err := tx.SelectContext(ctx, &missing, fmt.Sprintf(`
			SELECT x.id FROM unnest($1::bigint[]) AS x (id)
			WHERE NOT EXISTS (SELECT 1 FROM %s t WHERE t.id = x.id AND t.site_id = $2)`, c.table),
			pq.Array(c.ids), in.SiteID); err != nil {
			return mapError(err)
		}
		if len(missing) > 0 {
			return voltpay.Errorf(voltpay.ENOTFOUND, "%s %d not found in site %d; a group shares within one site", c.what, missing[0], in.SiteID)
		}
	}
	return nil
}

// writeApportionChildren inserts a group's sources and members.
func writeApportionChildren(ctx context.Context, tx *Tx, id int64, in *voltpay.ApportionGroupInput) error {
	for _, src := range in.Sources {
		if _, err := tx.ExecContext(ctx, `INSERT INTO apportion_sources (group_id, meter_id, role) VALUES ($1, $2, $3)`,
			id, src.MeterID, src.Role); err != nil {
			return mapError(err)
		}
	}
	for _, m := range in.Members {
		if _, err := tx.ExecContext(ctx, `INSERT INTO apportion_members (group_id, account_id, area_m2_x100, share_bp) VALUES ($1, $2, $3, $4)`,
			id, m.AccountID, m.AreaM2X100, m.ShareBP); err != nil {
			return mapError(err)
		}
	}
	return nil
}

// findApportionGroup reads a group with its sources and members; lock
// takes the group's row lock, which serialises edits and runs of a group.
func findApportionGroup(ctx context.Context, q queryer, id int64, lock bool) (*voltpay.ApportionGroup, error) {
	query := `SELECT ` + apportionGroupColumns + ` FROM apportion_groups WHERE id = $1`
	if lock {
		query += ` FOR UPDATE`
	}
	g := &voltpay.ApportionGroup{}
	if err := q.GetContext(ctx, g, query, id); err != nil {
		return nil, notFound(err, "apportionment group", id)
	}
	g.Sources, g.Members = []voltpay.ApportionSource{}, []voltpay.ApportionMember{}
	if err := q.SelectContext(ctx, &g.Sources, `SELECT meter_id, role FROM apportion_sources WHERE group_id = $1 ORDER BY meter_id`, id); err != nil {
		return nil, mapError(err)
	}
	if err := q.SelectContext(ctx, &g.Members, `
		SELECT account_id, area_m2_x100, share_bp FROM apportion_members WHERE group_id = $1 ORDER BY account_id`, id); err != nil {
		return nil, mapError(err)
	}
	return g, nil
}
