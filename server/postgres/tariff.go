package postgres

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// TariffService implements voltpay.TariffService. A tariff is one row of
// tariffs plus its prices, periods and tiers, always written together in
// one transaction and read together from one snapshot.
type TariffService struct{ db *DB }

// NewTariffService returns a TariffService on db.
func NewTariffService(db *DB) *TariffService { return &TariffService{db: db} }

var _ voltpay.TariffService = (*TariffService)(nil)

const tariffColumns = `id, site_id, name, kind, billing_period, variants, created_at, updated_at`

// FindTariffByID returns one tariff with its prices, periods and tiers.
// Errors: NOT_FOUND.
func (s *TariffService) FindTariffByID(ctx context.Context, id int64) (*voltpay.Tariff, error) {
	var out *voltpay.Tariff
	err := s.db.inSnapshot(ctx, func(tx *Tx) (err error) {
		out, err = findTariff(ctx, tx, id)
		return err
	})
	return out, err
}

// FindTariffsByIDs returns the tariffs with the given ids in id order, with
// their children, in four queries whatever the number of ids; unknown ids
// are left out. For dataloaders.
func (s *TariffService) FindTariffsByIDs(ctx context.Context, ids []int64) ([]*voltpay.Tariff, error) {
	out := []*voltpay.Tariff{}
	err := s.db.inSnapshot(ctx, func(tx *Tx) error {
		if err := tx.SelectContext(ctx, &out, `
			SELECT `+tariffColumns+`
			FROM tariffs
			WHERE id = ANY($1)
			ORDER BY id`,
			pq.Array(ids)); err != nil {
			return mapError(err)
		}
		return loadTariffChildren(ctx, tx, out)
	})
	return out, err
}

// FindTariffs lists tariffs in id order with their children: five queries a
// page (count, page, prices, periods, tiers). Search matches the name.
// Total counts the whole filter, ignoring the cursor. Errors: none but UNAVAILABLE.
func (s *TariffService) FindTariffs(ctx context.Context, f voltpay.TariffFilter) (*voltpay.Page[*voltpay.Tariff], error) {
	var w where
	w.add("site_id = ?", f.SiteID)
	w.add("kind = ?", f.Kind)
	if f.Search != "" {
		w.add("name ILIKE ?", "%"+escapeLike(f.Search)+"%")
	}
	var out *voltpay.Page[*voltpay.Tariff]
	err := s.db.inSnapshot(ctx, func(tx *Tx) (err error) {
		if out, err = findPage[*voltpay.Tariff](ctx, tx, tariffColumns, "tariffs", w, f.Page, false); err != nil {
			return err
		}
		return loadTariffChildren(ctx, tx, out.Items)
	})
	return out, err
}

// CreateTariff validates and stores a tariff with its children.
// Errors: INVALID_INPUT (including a price above the site's markup cap),
// NOT_FOUND (site), CONFLICT (the name is taken in the site).
func (s *TariffService) CreateTariff(ctx context.Context, in voltpay.TariffInput) (*voltpay.Tariff, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *voltpay.Tariff
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := requireSite(ctx, tx, in.SiteID); err != nil {
			return err
		}
		if err := checkMarkup(ctx, tx, in.SiteID, &in); err != nil {
			return err
		}
		var id int64
		if err := tx.GetContext(ctx, &id, `
			INSERT INTO tariffs (site_id, name, kind, billing_period, variants, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6)
			RETURNING id`,
			in.SiteID, in.Name, in.Kind, in.BillingPeriod, voltpay.TariffVariants(in.Variants), tx.now); err != nil {
			return mapError(err)
		}
		if err := writeTariffChildren(ctx, tx, id, &in); err != nil {
			return err
		}
		var err error
		out, err = findTariff(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("create tariff %q: %w", in.Name, err)
	}
	return out, nil
}

// UpdateTariff edits a tariff's definition (name, kind, prices, periods,
// tiers) in one transaction and bumps updated_at; fields absent from
// in.Fields keep their values, and a list sent replaces the whole list.
// SiteID 0 keeps the site; a tariff cannot move to another site, as its
// meters stay where they are.
// Errors: INVALID_INPUT (including a price above the site's markup cap),
// NOT_FOUND, CONFLICT (the name is taken in the site).
func (s *TariffService) UpdateTariff(ctx context.Context, id int64, in voltpay.TariffInput) (*voltpay.Tariff, error) {
	var out *voltpay.Tariff
	err := s.db.inTx(ctx, func(tx *Tx) error {
		var siteID int64
		if err := tx.GetContext(ctx, &siteID, `SELECT site_id FROM tariffs WHERE id = $1 FOR UPDATE`, id); err != nil {
			return notFound(err, "tariff", id)
		}
		if _, err := keepSite("tariff", siteID, in.SiteID); err != nil {
			return err
		}
		// Under the row lock, so two partial updates of different fields
		// cannot undo each other.
		cur, err := findTariff(ctx, tx, id)
		if err != nil {
			return err
		}
		voltpay.KeepAbsent(&in, cur.AsInput(), in.Fields)
		if err := in.Validate(); err != nil {
			return err
		}
		if err := checkMarkup(ctx, tx, siteID, &in); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE tariffs SET name = $2, kind = $3, billing_period = $4, variants = $5, updated_at = $6
			WHERE id = $1`,
			id, in.Name, in.Kind, in.BillingPeriod, voltpay.TariffVariants(in.Variants), tx.now); err != nil {
			return mapError(err)
		}
		// Periods reference prices; that key is deferred, so the order is free.
		if _, err := tx.ExecContext(ctx, `
			WITH periods AS (DELETE FROM tariff_periods WHERE tariff_id = $1),
			     tiers AS (DELETE FROM tariff_tiers WHERE tariff_id = $1)
			DELETE FROM tariff_prices WHERE tariff_id = $1`,
			id); err != nil {
			return mapError(err)
		}
		if err := writeTariffChildren(ctx, tx, id, &in); err != nil {
			return err
		}
		out, err = findTariff(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("update tariff %d: %w", id, err)
	}
	return out, nil
}

// writeTariffChildren inserts a validated tariff's prices, periods and
// tiers, one statement per table.
func writeTariffChildren(ctx context.Context, tx *Tx, id int64, in *voltpay.TariffInput) error {
	var rates []string
	var prices []int64
	for _, r := range voltpay.TOURates { // a fixed order keeps writes deterministic
		if p, ok := in.Prices[r]; ok {
			rates, prices = append(rates, r), append(prices, int64(p))
		}
	}
	starts, periodRates := make([]int64, len(in.Periods)), make([]string, len(in.Periods))
	for i, p := range in.Periods {
		starts[i], periodRates[i] = int64(p.StartMinute), p.Rate
	}
	// 0 stands for the open last tier: stored bounds are above 0 by schema.
	bounds, tierPrices := make([]int64, len(in.Tiers)), make([]int64, len(in.Tiers))
	for i, t := range in.Tiers {
		if t.UpToWh != nil {
			bounds[i] = int64(*t.UpToWh)
		}
		tierPrices[i] = int64(t.Price)
	}
	for _, st := range []struct {
		n     int
		query string
		a, b  any
	}{
		{len(rates), `
			INSERT INTO tariff_prices (tariff_id, rate, price)
			SELECT $1, t.rate, t.price FROM unnest($2::text[], $3::bigint[]) AS t (rate, price)`,
			pq.Array(rates), pq.Array(prices)},
		{len(starts), `
			INSERT INTO tariff_periods (tariff_id, start_minute, rate)
			SELECT $1, t.start_minute, t.rate FROM unnest($2::int[], $3::text[]) AS t (start_minute, rate)`,
			pq.Array(starts), pq.Array(periodRates)},
		{len(bounds), `
			INSERT INTO tariff_tiers (tariff_id, seq, up_to_wh, price)
			SELECT $1, t.seq, NULLIF(t.up_to_wh, 0), t.price
			FROM unnest($2::bigint[], $3::bigint[]) WITH ORDINALITY AS t (up_to_wh, price, seq)`,
			pq.Array(bounds), pq.Array(tierPrices)},
	} {
		if st.n == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, st.query, id, st.a, st.b); err != nil {
			return mapError(err)
		}
	}
	return nil
}

// findTariff reads one tariff with its children. Errors: NOT_FOUND.
func findTariff(ctx context.Context, q queryer, id int64) (*voltpay.Tariff, error) {
	t := &voltpay.Tariff{}
	if err := q.GetContext(ctx, t, `SELECT `+tariffColumns+` FROM tariffs WHERE id = $1`, id); err != nil {
		return nil, notFound(err, "tariff", id)
	}
	if err := loadTariffChildren(ctx, q, []*voltpay.Tariff{t}); err != nil {
		return nil, err
	}
	return t, nil
}

// loadTariffChildren fills the prices, periods (by start) and tiers (in
// order) of tariffs in three queries, however many tariffs there are.
func loadTariffChildren(ctx context.Context, q queryer, tariffs []*voltpay.Tariff) error {
	byID := make(map[int64]*voltpay.Tariff, len(tariffs))
	ids := make([]int64, len(tariffs))
	for i, t := range tariffs {
		t.Prices, t.Periods, t.Tiers = map[string]voltpay.Price{}, []voltpay.TariffPeriod{}, []voltpay.TariffTier{}
		byID[t.ID], ids[i] = t, t.ID
	}
	if len(ids) == 0 {
		return nil
	}
	for _, load := range []func(context.Context, queryer, []int64, map[int64]*voltpay.Tariff) error{
		loadTariffPrices, loadTariffPeriods, loadTariffTiers,
	} {
		if err := load(ctx, q, ids, byID); err != nil {
			return mapError(err)
		}
	}
	return nil
}

func loadTariffPrices(ctx context.Context, q queryer, ids []int64, byID map[int64]*voltpay.Tariff) error {
	var rows []struct {
		TariffID int64         `db:"tariff_id"`
		Rate     string        `db:"rate"`
		Price    voltpay.Price `db:"price"`
	}
	err := q.SelectContext(ctx, &rows, `
		SELECT tariff_id, rate, price
		FROM tariff_prices
		WHERE tariff_id = ANY($1)`,
		pq.Array(ids))
	for _, r := range rows {
		byID[r.TariffID].Prices[r.Rate] = r.Price
	}
	return err
}

func loadTariffPeriods(ctx context.Context, q queryer, ids []int64, byID map[int64]*voltpay.Tariff) error {
	var rows []struct {
		TariffID    int64  `db:"tariff_id"`
		StartMinute int    `db:"start_minute"`
		Rate        string `db:"rate"`
	}
	err := q.SelectContext(ctx, &rows, `
		SELECT tariff_id, start_minute, rate
		FROM tariff_periods
		WHERE tariff_id = ANY($1)
		ORDER BY tariff_id, start_minute`,
		pq.Array(ids))
	for _, r := range rows {
		t := byID[r.TariffID]
		t.Periods = append(t.Periods, voltpay.TariffPeriod{StartMinute: r.StartMinute, Rate: r.Rate})
	}
	return err
}

func loadTariffTiers(ctx context.Context, q queryer, ids []int64, byID map[int64]*voltpay.Tariff) error {
	var rows []struct {
		TariffID int64         `db:"tariff_id"`
		UpToWh   *voltpay.Wh   `db:"up_to_wh"`
		Price    voltpay.Price `db:"price"`
	}
	err := q.SelectContext(ctx, &rows, `
		SELECT tariff_id, up_to_wh, price
		FROM tariff_tiers
		WHERE tariff_id = ANY($1)
		ORDER BY tariff_id, seq`,
		pq.Array(ids))
	for _, r := range rows {
		t := byID[r.TariffID]
		t.Tiers = append(t.Tiers, voltpay.TariffTier{UpToWh: r.UpToWh, Price: r.Price})
	}
	return err
}

// inSnapshot runs fn in a read-only REPEATABLE READ transaction, so that
// several queries see one consistent state of the database.
func (db *DB) inSnapshot(ctx context.Context, fn func(tx *Tx) error) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}
