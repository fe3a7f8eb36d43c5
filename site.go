package voltpay

import (
	"context"
	"net"
	"strconv"
	"time"
)

// Site is one commercial complex (a mall, an office tower) run by one
// property office. Most deployments have one site.
type Site struct {
	ID       int64  `db:"id"`
	Name     string `db:"name"`
	Code     string `db:"code"`     // short unique code, used in account and receipt numbers
	Timezone string `db:"timezone"` // IANA zone for local time (TOU periods, reports)
	// GridPrice is the grid's flat-period price the site buys at; nil when
	// unknown (then its tariffs are not checked against the markup cap).
	GridPrice *Price `db:"grid_price"`
	// MarkupCapPct is the regulated markup over GridPrice its tariffs may
	// not exceed, in percent (see TariffInput.CheckMarkup).
	MarkupCapPct int `db:"markup_cap_pct"`
	// ServiceFeeBP is the service fee the site adds on each charge, in
	// basis points (1/100 %) of the charge; 0 for none.
	ServiceFeeBP int `db:"service_fee_bp"`
	// ServiceFeeOn is what the service fee is taken on: FeeOnCharge (each
	// charge) or FeeOnSale (each sale, as an entry beside it).
	ServiceFeeOn string `db:"service_fee_on"`
	// OfficePhone is the property office's phone for tenants (the tenant
	// app's help page); "" for none.
	OfficePhone string `db:"office_phone"`
	SiteControl
	CreatedAt time.Time `db:"created_at"`
}

// SiteControl is when a site's prepaid meters in arrears are tripped
// (issue 4 item 4): after a grace amount or time, and never in a friendly
// period (友好时段), when the trip waits for the period's end. The zero value
// trips at once, at any time.
type SiteControl struct {
	// GraceFen lets the balance fall this far below the account's overdraft
	// limit before the trip.
	GraceFen Fen `db:"grace_fen"`
	// GraceMinutes lets an account stay this long in arrears before the
	// trip, counted from when its balance fell to or below zero.
	GraceMinutes int `db:"grace_minutes"`
	// FriendlyNightFrom and FriendlyNightTo are the night period in minutes
	// after local midnight (from > to runs across midnight); both nil for
	// none.
	FriendlyNightFrom *int `db:"friendly_night_from"`
	FriendlyNightTo   *int `db:"friendly_night_to"`
	FriendlyWeekends  bool `db:"friendly_weekends"`
	// FriendlyHolidays are local dates "YYYY-MM-DD", in order.
	FriendlyHolidays []string `db:"-"`
}

// SiteInput creates or edits a site. MarkupCapPct nil means
// DefaultMarkupCapPct.
type SiteInput struct {
	Name         string
	Code         string
	Timezone     string
	GridPrice    *Price
	MarkupCapPct *int
	ServiceFeeBP int
	ServiceFeeOn string // FeeOnCharge or FeeOnSale; "": FeeOnCharge for a new site, kept on an edit
	OfficePhone  string // "" for none
	SiteControl
	// Fields names the fields an update was sent (nil: all of them);
	// UpdateSite keeps the site's value of every other field.
	Fields FieldSet
}

// AsInput is the site's editable fields as an input, the values an update
// keeps for the fields it was not sent (KeepAbsent).
func (s *Site) AsInput() SiteInput {
	pct := s.MarkupCapPct
	return SiteInput{Name: s.Name, Code: s.Code, Timezone: s.Timezone, GridPrice: s.GridPrice, MarkupCapPct: &pct,
		ServiceFeeBP: s.ServiceFeeBP, ServiceFeeOn: s.ServiceFeeOn, OfficePhone: s.OfficePhone, SiteControl: s.SiteControl}
}

// What a site's service fee is taken on (Site.ServiceFeeOn).
const (
	// FeeOnCharge: on each charge, a service_fee entry beside the charge.
	FeeOnCharge = "charge"
	// FeeOnSale: on each sale, a service_fee entry beside the sale naming
	// it (LedgerEntry.FeeOfID), so the balance rises by the sale minus the
	// fee; charges then bear none.
	FeeOnSale = "sale"
)

// Building is a building of a site, with the labels of its floors
// (e.g. "B1", "1F" … "12F") so forms can offer them.
type Building struct {
	ID        int64     `db:"id"`
	SiteID    int64     `db:"site_id"`
	Name      string    `db:"name"`
	Floors    []string  `db:"-"`
	CreatedAt time.Time `db:"created_at"`
}

// BuildingInput creates or edits a building.
type BuildingInput struct {
	SiteID int64
	Name   string
	Floors []string
	// Fields names the fields an update was sent (nil: all of them);
	// UpdateBuilding keeps the building's value of every other field.
	Fields FieldSet
}

// AsInput is the building's editable fields as an input, the values an
// update keeps for the fields it was not sent (KeepAbsent).
func (b *Building) AsInput() BuildingInput {
	return BuildingInput{SiteID: b.SiteID, Name: b.Name, Floors: b.Floors}
}

// BuildingFilter selects buildings.
type BuildingFilter struct {
	SiteID *int64
	Page   PageArgs
}

// Gateway protocols: what the gateway's bus speaks.
const (
	ProtocolDLT645    = "dlt645"     // DL/T 645-2007 over a transparent RS-485 converter
	ProtocolModbusRTU = "modbus_rtu" // Modbus RTU frames over a TCP stream
	ProtocolModbusTCP = "modbus_tcp" // Modbus TCP (MBAP header)
)

// GatewayProtocols lists the protocols a gateway may speak.
var GatewayProtocols = []string{ProtocolDLT645, ProtocolModbusRTU, ProtocolModbusTCP}

// DefaultPollInterval is how often a gateway's meters are read in full.
const DefaultPollInterval = 30 * time.Minute

// Gateway is a communication manager (通讯管理机) or RS-485-to-Ethernet
// converter that meterlink reaches over TCP, optionally via a SOCKS5 agent.
type Gateway struct {
	ID                  int64      `db:"id"`
	SiteID              int64      `db:"site_id"`
	BuildingID          *int64     `db:"building_id"`
	Name                string     `db:"name"`
	Host                string     `db:"host"`
	Port                int        `db:"port"`
	Protocol            string     `db:"protocol"`
	ProxyURL            string     `db:"proxy_url"` // socks5://user:pass@host:port, or ""
	PollIntervalSeconds int        `db:"poll_interval_seconds"`
	Online              bool       `db:"online"`
	LastSeenAt          *time.Time `db:"last_seen_at"`
	CreatedAt           time.Time  `db:"created_at"`
}

// Endpoint returns the gateway's "host:port".
func (g *Gateway) Endpoint() string { return net.JoinHostPort(g.Host, strconv.Itoa(g.Port)) }

// GatewayInput creates or edits a gateway. Endpoint is "host:port".
type GatewayInput struct {
	SiteID              int64
	BuildingID          *int64
	Name                string
	Endpoint            string
	Protocol            string
	ProxyURL            string
	PollIntervalSeconds int // 0 means DefaultPollInterval
	// Fields names the fields an update was sent (nil: all of them);
	// UpdateGateway keeps the gateway's value of every other field.
	Fields FieldSet
}

// AsInput is the gateway's editable fields as an input, the values an
// update keeps for the fields it was not sent (KeepAbsent).
func (g *Gateway) AsInput() GatewayInput {
	return GatewayInput{SiteID: g.SiteID, BuildingID: g.BuildingID, Name: g.Name, Endpoint: g.Endpoint(),
		Protocol: g.Protocol, ProxyURL: g.ProxyURL, PollIntervalSeconds: g.PollIntervalSeconds}
}

// GatewayFilter selects gateways.
type GatewayFilter struct {
	SiteID     *int64
	BuildingID *int64
	Online     *bool
	Search     string // name or host contains
	Page       PageArgs
}

// SiteService manages sites, buildings and gateways.
// Errors: NOT_FOUND, INVALID_INPUT, CONFLICT (duplicate names or codes), FORBIDDEN.
type SiteService interface {
	FindSites(ctx context.Context) ([]*Site, error)
	CreateSite(ctx context.Context, in SiteInput) (*Site, error)
	UpdateSite(ctx context.Context, id int64, in SiteInput) (*Site, error)

	FindBuildingsByIDs(ctx context.Context, ids []int64) ([]*Building, error)
	FindBuildings(ctx context.Context, f BuildingFilter) (*Page[*Building], error)
	CreateBuilding(ctx context.Context, in BuildingInput) (*Building, error)
	UpdateBuilding(ctx context.Context, id int64, in BuildingInput) (*Building, error)

	FindGatewaysByIDs(ctx context.Context, ids []int64) ([]*Gateway, error)
	FindGateways(ctx context.Context, f GatewayFilter) (*Page[*Gateway], error)
	CreateGateway(ctx context.Context, in GatewayInput) (*Gateway, error)
	UpdateGateway(ctx context.Context, id int64, in GatewayInput) (*Gateway, error)

	// FindReceiptLayouts returns the receipt layouts of the sites siteIDs
	// as stored (the JSON of package receipt's Layout), by site id; sites
	// without one (receipts then print the defaults) or unknown are left
	// out.
	FindReceiptLayouts(ctx context.Context, siteIDs []int64) (map[int64][]byte, error)
	// SetReceiptLayout replaces the site's receipt layout with layout
	// (checked by receipt.ParseLayout; nil clears it).
	// Errors: NOT_FOUND, INVALID_INPUT.
	SetReceiptLayout(ctx context.Context, siteID int64, layout []byte) error
}
