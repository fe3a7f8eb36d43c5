package voltpay

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// SiteImport is a site's buildings, gateways, meters and tenants' accounts
// read from one sheet (快速配置，即装即用), every input already validated
// (each input's own Validate, plus the checks across rows), to be written
// in one transaction. Objects refer to each other by index: a meter's
// Building and Gateway index Buildings and Gateways (-1: none), an
// account's Meters index Meters.
type SiteImport struct {
	SiteID int64
	// SheetSHA256 is the sheet's digest in hex: importing the same sheet
	// into the site again writes nothing and answers the first import.
	SheetSHA256 string
	Buildings   []ImportBuilding
	Gateways    []ImportGateway
	Meters      []ImportMeter
	Accounts    []ImportAccount
}

// ImportBuilding is a building a sheet names, first on row Row: one the
// site has (ID) or a new one (Input).
type ImportBuilding struct {
	Row   int
	ID    int64
	Input BuildingInput
}

// ImportGateway is a gateway a sheet names, first on row Row: one the
// site has (ID) or a new one (Input), placed in Buildings[Building] when
// all its meters are in that building (-1: none).
type ImportGateway struct {
	Row      int
	ID       int64
	Building int
	Input    GatewayInput
}

// ImportMeter is a new meter from sheet row Row, in Buildings[Building]
// behind Gateways[Gateway] (-1: none, a direct 4G meter); Input's
// BuildingID and GatewayID are filled in when those are written.
type ImportMeter struct {
	Row      int
	Building int
	Gateway  int
	Input    MeterInput
}

// ImportAccount is a tenant's new account, first named on sheet row Row,
// funding Meters (indexes of SiteImport.Meters), opened with OpeningFen
// (0: none) posted as its first sale, in cash.
type ImportAccount struct {
	Row        int
	Input      AccountInput
	Meters     []int
	OpeningFen Fen
}

// SiteImportSummary counts what an import creates (and the buildings and
// gateways of the site it reuses).
type SiteImportSummary struct {
	Buildings         int `json:"buildings"`
	Gateways          int `json:"gateways"`
	Meters            int `json:"meters"`
	Accounts          int `json:"accounts"`
	OpeningBalanceFen Fen `json:"openingBalanceFen"`
	BuildingsExisting int `json:"buildingsExisting"`
	GatewaysExisting  int `json:"gatewaysExisting"`
}

// Summary counts what in creates.
func (in *SiteImport) Summary() SiteImportSummary {
	s := SiteImportSummary{Meters: len(in.Meters), Accounts: len(in.Accounts)}
	for _, b := range in.Buildings {
		if b.ID == 0 {
			s.Buildings++
		} else {
			s.BuildingsExisting++
		}
	}
	for _, g := range in.Gateways {
		if g.ID == 0 {
			s.Gateways++
		} else {
			s.GatewaysExisting++
		}
	}
	for _, a := range in.Accounts {
		s.OpeningBalanceFen += a.OpeningFen
	}
	return s
}

// ImportKey is the idempotency key of one thing an import writes (an
// account, its opening sale), derived from the sheet's digest: part names
// the thing, e.g. "a12" for the account first named on row 12.
func (in *SiteImport) ImportKey(part string) string {
	return "site-import-" + strconv.FormatInt(in.SiteID, 10) + "-" + in.SheetSHA256[:32] + "-" + part
}

// SiteImportResult is what an import wrote: its summary, and Replayed
// when the sheet had been imported into the site before (at At), so that
// nothing was written this time.
type SiteImportResult struct {
	Summary  SiteImportSummary
	Replayed bool
	At       time.Time
}

// MeterKey is where a meter's address must be unique among active meters:
// on one gateway (GatewayID 0: among direct meters), address and channel.
type MeterKey struct {
	GatewayID int64
	Address   string
	Channel   int
}

// SiteImportState is what a site already holds that a sheet may name or
// clash with, read before planning an import.
type SiteImportState struct {
	Buildings map[string]*Building // the site's, by name
	Gateways  map[string]*Gateway  // the site's, by name
	// Endpoints are every site's gateways by "host:port", which one
	// gateway at most may use.
	Endpoints map[string]*Gateway
	Tariffs   map[string]*Tariff // the site's, by name
	// Meters are the active meters at the addresses asked about.
	Meters map[MeterKey]*Meter
	// Accounts are the site's open accounts by shop number ("shop:" +
	// ShopNo) and by tenant name and phone ("tenant:" + name + "/" + phone).
	Accounts map[string]*Account
	// Imported is the earlier import of the same sheet into the site, if any.
	Imported *SiteImportResult
}

// AccountKeys are the keys SiteImportState.Accounts holds an account under.
func AccountKeys(shopNo, tenantName, phone string) []string {
	keys := []string{"tenant:" + tenantName + "/" + phone}
	if shopNo != "" {
		keys = append(keys, "shop:"+shopNo)
	}
	return keys
}

// SiteImportService writes a site imported from a sheet.
type SiteImportService interface {
	// SiteImportState reads what site siteID holds that a sheet may name
	// or clash with: its buildings, gateways, tariffs and open accounts,
	// all gateways' endpoints, the active meters at addresses, and the
	// earlier import of the sheet with digest sheetSHA256.
	SiteImportState(ctx context.Context, siteID int64, sheetSHA256 string, addresses []string) (*SiteImportState, error)
	// ImportSite writes in in one transaction, or nothing: buildings and
	// gateways it does not reuse, meters, accounts with their meters and
	// their opening sales, and the import's record. The same sheet again
	// writes nothing and answers the first import (Replayed). An error of
	// one of its rows is a *RowError. Errors: INVALID_INPUT, NOT_FOUND,
	// CONFLICT (something the sheet creates exists by now).
	ImportSite(ctx context.Context, in SiteImport) (*SiteImportResult, error)
}

// RowError is the error of one row of an imported sheet.
type RowError struct {
	Row int
	Err error
}

func (e *RowError) Error() string { return fmt.Sprintf("row %d: %v", e.Row, e.Err) }

// Unwrap gives the row's error, so that ErrorCode and ErrorMessage see it.
func (e *RowError) Unwrap() error { return e.Err }
