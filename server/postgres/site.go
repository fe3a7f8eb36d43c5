package postgres

import (
	"context"
	"fmt"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// SiteService implements voltpay.SiteService: sites, their buildings and
// their gateways. Lists are keyset pages in id order (see findPage: Total
// counts the whole filter, ignoring the cursor).
type SiteService struct{ db *DB }

// NewSiteService returns a SiteService on db.
func NewSiteService(db *DB) *SiteService { return &SiteService{db: db} }

var _ voltpay.SiteService = (*SiteService)(nil)

// siteColumns are scanned into a siteRow: the holidays come as text
// (YYYY-MM-DD: lib/pq sets DateStyle ISO).
const siteColumns = `id, name, code, timezone, grid_price, markup_cap_pct, service_fee_bp, service_fee_on, office_phone,
	grace_fen, grace_minutes, friendly_night_from, friendly_night_to, friendly_weekends,
	friendly_holidays::text[] AS friendly_holidays, created_at`

const buildingColumns = `id, site_id, name, floors, created_at`

const gatewayColumns = `id, site_id, building_id, name, host, port, protocol, proxy_url,
	poll_interval_seconds, online, last_seen_at, created_at`

// siteRow scans a site with its holidays array.
type siteRow struct {
	voltpay.Site
	Holidays pq.StringArray `db:"friendly_holidays"`
}

func (r *siteRow) site() *voltpay.Site {
	s := r.Site
	s.FriendlyHolidays = append([]string{}, r.Holidays...)
	return &s
}

// FindSites returns every site in id order.
func (s *SiteService) FindSites(ctx context.Context) ([]*voltpay.Site, error) {
	rows := []*siteRow{}
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+siteColumns+` FROM sites ORDER BY id`); err != nil {
		return nil, mapError(err)
	}
	out := make([]*voltpay.Site, len(rows))
	for i, r := range rows {
		out[i] = r.site()
	}
	return out, nil
}

// CreateSite creates a site. Errors: INVALID_INPUT, CONFLICT (the code is
// taken, or the deployment holds its most sites, DB.MaxSites).
func (s *SiteService) CreateSite(ctx context.Context, in voltpay.SiteInput) (*voltpay.Site, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	out := &siteRow{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := requireSiteRoom(ctx, tx, s.db.MaxSites); err != nil {
			return err
		}
		return mapError(tx.GetContext(ctx, out, `
			INSERT INTO sites (name, code, timezone, grid_price, markup_cap_pct, service_fee_bp,
				grace_fen, grace_minutes, friendly_night_from, friendly_night_to, friendly_weekends,
				friendly_holidays, created_at, service_fee_on, office_phone)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::date[], $13, coalesce(nullif($14, ''), 'charge'), $15)
			RETURNING `+siteColumns,
			in.Name, in.Code, in.Timezone, in.GridPrice, *in.MarkupCapPct, in.ServiceFeeBP,
			in.GraceFen, in.GraceMinutes, in.FriendlyNightFrom, in.FriendlyNightTo, in.FriendlyWeekends,
			pq.Array(in.FriendlyHolidays), tx.now, in.ServiceFeeOn, in.OfficePhone))
	})
	if err != nil {
		return nil, fmt.Errorf("create site %s: %w", in.Code, err)
	}
	return out.site(), nil
}

// sitesLockID is the advisory lock key serialising site creations, which
// count the sites there are (requireSiteRoom).
const sitesLockID int64 = 0x766f6c7473697401

// requireSiteRoom refuses a new site when the deployment holds max already.
// The advisory lock makes concurrent creations count one after the other,
// so that two cannot both take the last place.
func requireSiteRoom(ctx context.Context, tx *Tx, max int) error {
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, sitesLockID); err != nil {
		return mapError(err)
	}
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM sites`); err != nil {
		return mapError(err)
	}
	if n >= max {
		return voltpay.Errorf(voltpay.ECONFLICT, "the deployment already holds %d sites, the most it may (%d): Query.sites lists them whole, so rename or reuse a site instead of adding one", n, max)
	}
	return nil
}

// UpdateSite edits a site's name, code, time zone, grid price, markup cap,
// service fee, grace and friendly periods (fields absent from in.Fields keep
// their values) (the controller reads the latter
// at each evaluation, so they apply from its next sweep). Tariffs already stored are not re-checked against a new
// grid price or cap: the check applies when a tariff is created or edited.
// Errors: INVALID_INPUT, NOT_FOUND, CONFLICT (the code is taken).
func (s *SiteService) UpdateSite(ctx context.Context, id int64, in voltpay.SiteInput) (*voltpay.Site, error) {
	out := &siteRow{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		// The row lock keeps two partial updates from undoing each other.
		if err := tx.GetContext(ctx, out, `SELECT `+siteColumns+` FROM sites WHERE id = $1 FOR UPDATE`, id); err != nil {
			return notFound(err, "site", id)
		}
		voltpay.KeepAbsent(&in, out.site().AsInput(), in.Fields)
		if err := in.Validate(); err != nil {
			return err
		}
		err := tx.GetContext(ctx, out, `
			UPDATE sites SET name = $2, code = $3, timezone = $4, grid_price = $5, markup_cap_pct = $6,
				service_fee_bp = $7, grace_fen = $8, grace_minutes = $9, friendly_night_from = $10,
				friendly_night_to = $11, friendly_weekends = $12, friendly_holidays = $13::date[],
				service_fee_on = coalesce(nullif($14, ''), service_fee_on), office_phone = $15
			WHERE id = $1
			RETURNING `+siteColumns,
			id, in.Name, in.Code, in.Timezone, in.GridPrice, *in.MarkupCapPct, in.ServiceFeeBP,
			in.GraceFen, in.GraceMinutes, in.FriendlyNightFrom, in.FriendlyNightTo, in.FriendlyWeekends,
			pq.Array(in.FriendlyHolidays), in.ServiceFeeOn, in.OfficePhone)
		return notFound(err, "site", id)
	})
	if err != nil {
		return nil, fmt.Errorf("update site %d: %w", id, err)
	}
	return out.site(), nil
}

// findSite reads one site. Errors: NOT_FOUND.
func findSite(ctx context.Context, q queryer, id int64) (*voltpay.Site, error) {
	out := &siteRow{}
	if err := q.GetContext(ctx, out, `SELECT `+siteColumns+` FROM sites WHERE id = $1`, id); err != nil {
		return nil, notFound(err, "site", id)
	}
	return out.site(), nil
}

// requireSite checks that a new record names an existing site.
// Errors: INVALID_INPUT (no site given), NOT_FOUND.
func requireSite(ctx context.Context, q queryer, siteID int64) error {
	if siteID <= 0 {
		return voltpay.Invalid("siteId", "siteId is required: say which site this belongs to")
	}
	_, err := findSite(ctx, q, siteID)
	return err
}

// keepSite resolves the site of an edit: 0 keeps the current one, any other
// site is refused, because a record's meters, accounts and history belong to
// its site. Errors: INVALID_INPUT.
func keepSite(what string, current, requested int64) (int64, error) {
	if requested != 0 && requested != current {
		return 0, voltpay.Invalid("siteId", "a %s cannot move to another site (from %d to %d); create a new one in that site instead", what, current, requested)
	}
	return current, nil
}

// checkInSite checks that the record id of table (buildings, gateways,
// tariffs) exists and belongs to siteID. Errors: NOT_FOUND, INVALID_INPUT.
func checkInSite(ctx context.Context, q queryer, table, what, field string, id *int64, siteID int64) error {
	if id == nil {
		return nil
	}
	var got int64
	if err := q.GetContext(ctx, &got, `SELECT site_id FROM `+table+` WHERE id = $1`, *id); err != nil {
		return notFound(err, what, *id)
	}
	if got != siteID {
		return voltpay.Invalid(field, "%s %d belongs to site %d, not to site %d; pick one of this site", what, *id, got, siteID)
	}
	return nil
}

// buildingRow scans a building with its floors array.
type buildingRow struct {
	voltpay.Building
	Floors pq.StringArray `db:"floors"`
}

func (r *buildingRow) building() *voltpay.Building {
	b := r.Building
	b.Floors = append([]string{}, r.Floors...)
	return &b
}

func buildings(rows []*buildingRow) []*voltpay.Building {
	out := make([]*voltpay.Building, len(rows))
	for i, r := range rows {
		out[i] = r.building()
	}
	return out
}

// FindBuildingsByIDs returns the buildings with the given ids in id order, in
// one query, for dataloaders; unknown ids are left out.
func (s *SiteService) FindBuildingsByIDs(ctx context.Context, ids []int64) ([]*voltpay.Building, error) {
	rows := []*buildingRow{}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT `+buildingColumns+`
		FROM buildings
		WHERE id = ANY($1)
		ORDER BY id`,
		pq.Array(ids))
	if err != nil {
		return nil, mapError(err)
	}
	return buildings(rows), nil
}

// FindBuildings lists buildings in id order. Errors: none but UNAVAILABLE.
func (s *SiteService) FindBuildings(ctx context.Context, f voltpay.BuildingFilter) (*voltpay.Page[*voltpay.Building], error) {
	var w where
	w.add("site_id = ?", f.SiteID)
	return findRowPage(ctx, s.db, buildingColumns, "buildings", w, f.Page, false, (*buildingRow).building)
}

// CreateBuilding adds a building to a site.
// Errors: INVALID_INPUT, NOT_FOUND (site), CONFLICT (the name is taken in the site).
func (s *SiteService) CreateBuilding(ctx context.Context, in voltpay.BuildingInput) (*voltpay.Building, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *voltpay.Building
	err := s.db.inTx(ctx, func(tx *Tx) (err error) {
		out, err = createBuilding(ctx, tx, in)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("create building %q: %w", in.Name, err)
	}
	return out, nil
}

// createBuilding adds the validated building in in tx. Errors: as CreateBuilding.
func createBuilding(ctx context.Context, tx *Tx, in voltpay.BuildingInput) (*voltpay.Building, error) {
	if err := requireSite(ctx, tx, in.SiteID); err != nil {
		return nil, err
	}
	row := &buildingRow{}
	err := mapError(tx.GetContext(ctx, row, `
		INSERT INTO buildings (site_id, name, floors, created_at)
		VALUES ($1, $2, $3, $4)
		RETURNING `+buildingColumns,
		in.SiteID, in.Name, pq.Array(in.Floors), tx.now))
	if err != nil {
		return nil, err
	}
	return row.building(), nil
}

// UpdateBuilding renames a building and replaces its floor labels; fields
// absent from in.Fields keep their values. SiteID 0 keeps the site; a
// building cannot move to another site.
// Errors: INVALID_INPUT, NOT_FOUND, CONFLICT (the name is taken in the site).
func (s *SiteService) UpdateBuilding(ctx context.Context, id int64, in voltpay.BuildingInput) (*voltpay.Building, error) {
	row := &buildingRow{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.GetContext(ctx, row, `SELECT `+buildingColumns+` FROM buildings WHERE id = $1 FOR UPDATE`, id); err != nil {
			return notFound(err, "building", id)
		}
		// Under the row lock, so two partial updates cannot undo each other.
		voltpay.KeepAbsent(&in, row.building().AsInput(), in.Fields)
		if err := in.Validate(); err != nil {
			return err
		}
		if _, err := keepSite("building", row.SiteID, in.SiteID); err != nil {
			return err
		}
		return mapError(tx.GetContext(ctx, row, `
			UPDATE buildings SET name = $2, floors = $3
			WHERE id = $1
			RETURNING `+buildingColumns,
			id, in.Name, pq.Array(in.Floors)))
	})
	if err != nil {
		return nil, fmt.Errorf("update building %d: %w", id, err)
	}
	return row.building(), nil
}

// FindGatewaysByIDs returns the gateways with the given ids in id order, in
// one query, for dataloaders; unknown ids are left out.
func (s *SiteService) FindGatewaysByIDs(ctx context.Context, ids []int64) ([]*voltpay.Gateway, error) {
	out := []*voltpay.Gateway{}
	err := s.db.SelectContext(ctx, &out, `
		SELECT `+gatewayColumns+`
		FROM gateways
		WHERE id = ANY($1)
		ORDER BY id`,
		pq.Array(ids))
	return out, mapError(err)
}

// FindGateways lists gateways in id order; Search matches name or host.
// Errors: none but UNAVAILABLE.
func (s *SiteService) FindGateways(ctx context.Context, f voltpay.GatewayFilter) (*voltpay.Page[*voltpay.Gateway], error) {
	var w where
	w.add("site_id = ?", f.SiteID)
	w.add("building_id = ?", f.BuildingID)
	w.add("online = ?", f.Online)
	if f.Search != "" {
		w.add("(name || ' ' || host) ILIKE ?", "%"+escapeLike(f.Search)+"%")
	}
	return findPage[*voltpay.Gateway](ctx, s.db, gatewayColumns, "gateways", w, f.Page, false)
}

// CreateGateway adds a gateway to a site, offline until meterlink reaches it.
// Errors: INVALID_INPUT, NOT_FOUND (site or building), CONFLICT (the name
// is taken in the site, or another gateway has this host:port).
func (s *SiteService) CreateGateway(ctx context.Context, in voltpay.GatewayInput) (*voltpay.Gateway, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *voltpay.Gateway
	err := s.db.inTx(ctx, func(tx *Tx) (err error) {
		out, err = createGateway(ctx, tx, in)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("create gateway %q: %w", in.Name, err)
	}
	return out, nil
}

// createGateway adds the validated gateway in in tx. Errors: as CreateGateway.
func createGateway(ctx context.Context, tx *Tx, in voltpay.GatewayInput) (*voltpay.Gateway, error) {
	host, port, _ := voltpay.SplitEndpoint("endpoint", in.Endpoint) // checked by Validate
	if err := requireSite(ctx, tx, in.SiteID); err != nil {
		return nil, err
	}
	if err := checkInSite(ctx, tx, "buildings", "building", "buildingId", in.BuildingID, in.SiteID); err != nil {
		return nil, err
	}
	out := &voltpay.Gateway{}
	err := mapError(tx.GetContext(ctx, out, `
		INSERT INTO gateways (site_id, building_id, name, host, port, protocol, proxy_url,
			poll_interval_seconds, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		RETURNING `+gatewayColumns,
		in.SiteID, in.BuildingID, in.Name, host, port, in.Protocol, in.ProxyURL,
		in.PollIntervalSeconds, tx.now))
	if err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateGateway edits a gateway's settings; its online state is meterlink's.
// Fields absent from in.Fields keep their values.
// SiteID 0 keeps the site; a gateway cannot move to another site, nor
// switch to a protocol its active meters do not speak.
// Errors: INVALID_INPUT, NOT_FOUND, CONFLICT (name or host:port taken,
// meters of another protocol on the bus).
func (s *SiteService) UpdateGateway(ctx context.Context, id int64, in voltpay.GatewayInput) (*voltpay.Gateway, error) {
	out := &voltpay.Gateway{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		// The row lock keeps meters from joining the bus while the protocol
		// changes, and two partial updates from undoing each other.
		if err := tx.GetContext(ctx, out, `SELECT `+gatewayColumns+` FROM gateways WHERE id = $1 FOR UPDATE`, id); err != nil {
			return notFound(err, "gateway", id)
		}
		voltpay.KeepAbsent(&in, out.AsInput(), in.Fields)
		if err := in.Validate(); err != nil {
			return err
		}
		host, port, _ := voltpay.SplitEndpoint("endpoint", in.Endpoint) // checked by Validate
		siteID, err := keepSite("gateway", out.SiteID, in.SiteID)
		if err != nil {
			return err
		}
		if err := checkInSite(ctx, tx, "buildings", "building", "buildingId", in.BuildingID, siteID); err != nil {
			return err
		}
		if err := checkBusProtocol(ctx, tx, id, in.Protocol); err != nil {
			return err
		}
		return mapError(tx.GetContext(ctx, out, `
			UPDATE gateways SET building_id = $2, name = $3, host = $4, port = $5, protocol = $6,
				proxy_url = $7, poll_interval_seconds = $8
			WHERE id = $1
			RETURNING `+gatewayColumns,
			id, in.BuildingID, in.Name, host, port, in.Protocol, in.ProxyURL, in.PollIntervalSeconds))
	})
	if err != nil {
		return nil, fmt.Errorf("update gateway %d: %w", id, err)
	}
	return out, nil
}

// checkBusProtocol returns CONFLICT when active meters on gateway id speak
// another protocol than a gateway of protocol gwProtocol can talk to.
func checkBusProtocol(ctx context.Context, q queryer, id int64, gwProtocol string) error {
	want := voltpay.MeterProtocolFor(gwProtocol)
	var n int
	err := q.GetContext(ctx, &n, `
		SELECT count(*)
		FROM meters
		WHERE gateway_id = $1 AND status = 'active' AND protocol <> $2`,
		id, want)
	if err != nil {
		return mapError(err)
	}
	if n > 0 {
		return voltpay.Errorf(voltpay.ECONFLICT, "%d active meters on gateway %d do not speak %s; move them to another gateway or change their protocol first", n, id, want)
	}
	return nil
}
