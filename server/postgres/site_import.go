package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// SiteImportService implements voltpay.SiteImportService: a site's
// buildings, gateways, meters and accounts from one sheet, written in one
// transaction through the same helpers as CreateBuilding, CreateGateway,
// CreateMeter and OpenAccount.
type SiteImportService struct {
	db       *DB
	accounts *AccountService
}

// NewSiteImportService returns a SiteImportService on db.
func NewSiteImportService(db *DB) *SiteImportService {
	return &SiteImportService{db: db, accounts: NewAccountService(db)}
}

var _ voltpay.SiteImportService = (*SiteImportService)(nil)

// SiteImportState reads what site siteID holds that a sheet may name or
// clash with. Errors: NOT_FOUND (site), UNAVAILABLE.
func (s *SiteImportService) SiteImportState(ctx context.Context, siteID int64, sheetSHA256 string, addresses []string) (*voltpay.SiteImportState, error) {
	if _, err := findSite(ctx, s.db, siteID); err != nil {
		return nil, err
	}
	st := &voltpay.SiteImportState{Buildings: map[string]*voltpay.Building{}, Gateways: map[string]*voltpay.Gateway{},
		Endpoints: map[string]*voltpay.Gateway{}, Tariffs: map[string]*voltpay.Tariff{},
		Meters: map[voltpay.MeterKey]*voltpay.Meter{}, Accounts: map[string]*voltpay.Account{}}

	brows := []*buildingRow{}
	if err := s.db.SelectContext(ctx, &brows, `SELECT `+buildingColumns+` FROM buildings WHERE site_id = $1`, siteID); err != nil {
		return nil, mapError(err)
	}
	for _, b := range buildings(brows) {
		st.Buildings[b.Name] = b
	}
	gws := []*voltpay.Gateway{}
	if err := s.db.SelectContext(ctx, &gws, `SELECT `+gatewayColumns+` FROM gateways`); err != nil {
		return nil, mapError(err)
	}
	for _, g := range gws {
		st.Endpoints[g.Endpoint()] = g
		if g.SiteID == siteID {
			st.Gateways[g.Name] = g
		}
	}
	tariffs := []*voltpay.Tariff{}
	if err := s.db.SelectContext(ctx, &tariffs, `SELECT `+tariffColumns+` FROM tariffs WHERE site_id = $1`, siteID); err != nil {
		return nil, mapError(err)
	}
	for _, t := range tariffs {
		st.Tariffs[t.Name] = t
	}
	meters := []*voltpay.Meter{}
	if err := s.db.SelectContext(ctx, &meters, `SELECT `+meterColumns+` FROM meters WHERE status = 'active' AND address = ANY($1)`,
		pq.Array(addresses)); err != nil {
		return nil, mapError(err)
	}
	for _, m := range meters {
		st.Meters[voltpay.MeterKey{GatewayID: derefID(m.GatewayID), Address: m.Address, Channel: m.Channel}] = m
	}
	accounts := []*voltpay.Account{}
	if err := s.db.SelectContext(ctx, &accounts, `SELECT `+accountColumns+` FROM accounts WHERE site_id = $1 AND status = 'open'`, siteID); err != nil {
		return nil, mapError(err)
	}
	for _, a := range accounts {
		for _, k := range voltpay.AccountKeys(a.ShopNo, a.TenantName, a.Phone) {
			st.Accounts[k] = a
		}
	}
	var err error
	st.Imported, err = findSiteImport(ctx, s.db, siteID, sheetSHA256)
	return st, err
}

// findSiteImport returns the import of the sheet with digest sha into the
// site, or nil.
func findSiteImport(ctx context.Context, q queryer, siteID int64, sha string) (*voltpay.SiteImportResult, error) {
	var row struct {
		Summary string `db:"summary"`
		At      sql.NullTime
	}
	err := q.GetContext(ctx, &row, `SELECT summary::text AS summary, created_at AS at FROM site_imports WHERE site_id = $1 AND sheet_sha256 = $2`, siteID, sha)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, mapError(err)
	}
	out := &voltpay.SiteImportResult{Replayed: true, At: row.At.Time}
	if err := json.Unmarshal([]byte(row.Summary), &out.Summary); err != nil {
		return nil, fmt.Errorf("site import summary: %w", err)
	}
	return out, nil
}

// ImportSite writes in in one transaction (see voltpay.SiteImportService).
// Every input is validated again here, as the services do; the database's
// constraints catch what changed since the sheet was checked.
func (s *SiteImportService) ImportSite(ctx context.Context, in voltpay.SiteImport) (*voltpay.SiteImportResult, error) {
	if len(in.SheetSHA256) != 64 {
		return nil, voltpay.Invalid("sheetSha256", "a site import needs the sheet's sha256 in hex, got %q", in.SheetSHA256)
	}
	out, err := s.importSite(ctx, in)
	if isUnique(err, "site_imports_site_id_sheet_sha256_key") {
		return s.importSite(ctx, in) // a concurrent copy imported it: now it is found
	}
	return out, err
}

func (s *SiteImportService) importSite(ctx context.Context, in voltpay.SiteImport) (*voltpay.SiteImportResult, error) {
	var out *voltpay.SiteImportResult
	err := s.db.inTx(ctx, func(tx *Tx) error {
		prev, err := findSiteImport(ctx, tx, in.SiteID, in.SheetSHA256)
		if err != nil || prev != nil {
			if prev != nil {
				markReplayed(ctx, tx) // the first import's audit row stands
			}
			out = prev
			return err
		}
		// The record first: a concurrent copy of the sheet waits on its
		// key until this commits, then fails and finds it.
		summary := in.Summary()
		b, _ := json.Marshal(summary)
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO site_imports (site_id, sheet_sha256, summary, actor, created_at) VALUES ($1, $2, $3, $4, $5)`,
			in.SiteID, in.SheetSHA256, string(b), actorName(ctx), tx.now); err != nil {
			if isUnique(err, "site_imports_site_id_sheet_sha256_key") {
				return err // raw: ImportSite retries and finds it
			}
			return notFound(err, "site", in.SiteID)
		}
		if err := s.write(ctx, tx, &in); err != nil {
			return err
		}
		out = &voltpay.SiteImportResult{Summary: summary, At: tx.now}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// write creates what in names in tx, in order: buildings, gateways (in
// their building), meters (on them), accounts (with their meters and
// opening sales).
func (s *SiteImportService) write(ctx context.Context, tx *Tx, in *voltpay.SiteImport) error {
	buildingIDs := make([]int64, len(in.Buildings))
	for i, b := range in.Buildings {
		if buildingIDs[i] = b.ID; b.ID != 0 {
			continue // the site's own
		}
		b.Input.SiteID = in.SiteID
		nb, err := inRow(b.Row, b.Input.Validate, func() (*voltpay.Building, error) { return createBuilding(ctx, tx, b.Input) })
		if err != nil {
			return err
		}
		buildingIDs[i] = nb.ID
	}
	ref := func(ids []int64, i int) *int64 {
		if i < 0 {
			return nil
		}
		return &ids[i]
	}
	gatewayIDs := make([]int64, len(in.Gateways))
	for i, g := range in.Gateways {
		if gatewayIDs[i] = g.ID; g.ID != 0 {
			continue
		}
		g.Input.SiteID, g.Input.BuildingID = in.SiteID, ref(buildingIDs, g.Building)
		ng, err := inRow(g.Row, g.Input.Validate, func() (*voltpay.Gateway, error) { return createGateway(ctx, tx, g.Input) })
		if err != nil {
			return err
		}
		gatewayIDs[i] = ng.ID
	}
	meterIDs := make([]int64, len(in.Meters))
	for i, m := range in.Meters {
		m.Input.SiteID, m.Input.BuildingID, m.Input.GatewayID = in.SiteID, ref(buildingIDs, m.Building), ref(gatewayIDs, m.Gateway)
		nm, err := inRow(m.Row, m.Input.Validate, func() (*voltpay.Meter, error) { return createMeter(ctx, tx, &m.Input) })
		if err != nil {
			return err
		}
		meterIDs[i] = nm.ID
	}
	for _, a := range in.Accounts {
		if err := s.openAccount(ctx, tx, in, a, meterIDs); err != nil {
			return &voltpay.RowError{Row: a.Row, Err: err}
		}
	}
	return nil
}

// inRow validates and creates one object of sheet row row, an error of
// either being the row's.
func inRow[T any](row int, validate func() error, create func() (T, error)) (T, error) {
	var out T
	err := validate()
	if err == nil {
		out, err = create()
	}
	if err != nil {
		return out, &voltpay.RowError{Row: row, Err: err}
	}
	return out, nil
}

// openAccount opens account a of the import with its meters and its
// opening balance, as OpenAccount opens one with a first sale.
func (s *SiteImportService) openAccount(ctx context.Context, tx *Tx, in *voltpay.SiteImport, a voltpay.ImportAccount, meterIDs []int64) error {
	a.Input.SiteID = in.SiteID
	if err := a.Input.Validate(); err != nil {
		return err
	}
	part := "a" + strconv.Itoa(a.Row)
	open := voltpay.OpenAccountInput{Account: a.Input, IdempotencyKey: in.ImportKey(part)}
	for _, i := range a.Meters {
		open.MeterIDs = append(open.MeterIDs, meterIDs[i])
	}
	var first *voltpay.SaleInput
	if a.OpeningFen > 0 {
		first = &voltpay.SaleInput{AmountFen: a.OpeningFen, Channel: voltpay.ChannelCash,
			IdempotencyKey: in.ImportKey(part + "-opening"), Note: "opening balance (site import)"}
	}
	sale, err := saleEntry(ctx, first)
	if err != nil {
		return err
	}
	_, _, err = s.accounts.openNew(ctx, tx, open, sale)
	return err
}

// actorName is who is importing, for the import's record.
func actorName(ctx context.Context) string {
	if p := voltpay.PrincipalFrom(ctx); p != nil {
		return string(p.Kind) + " " + p.Name
	}
	return "anonymous"
}
