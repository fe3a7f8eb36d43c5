package model

import "github.com/voltpay/voltpay"

// Connection is every *Connection type of the schema: one page of a list
// in the Relay cursor connection shape, the items both as nodes and as
// edges with their cursors. gqlgen binds each GraphQL type to an
// instantiation (gqlgen.yml), so that one builder (graph/page.go) fills
// them all.
type Connection[T any] struct {
	Nodes      []T        `json:"nodes"`
	Edges      []*Edge[T] `json:"edges"`
	PageInfo   *PageInfo  `json:"pageInfo"`
	TotalCount int        `json:"totalCount"`
}

// Edge is an item of a page with its cursor.
type Edge[T any] struct {
	Cursor string `json:"cursor"`
	Node   T      `json:"node"`
}

// The schema's connections and edges, by GraphQL name.
type (
	AccountConnection       = Connection[*voltpay.Account]
	AccountEdge             = Edge[*voltpay.Account]
	ApportionLineConnection = Connection[*voltpay.ApportionLine]
	ApportionLineEdge       = Edge[*voltpay.ApportionLine]
	AlarmConnection         = Connection[*voltpay.Alarm]
	AlarmEdge               = Edge[*voltpay.Alarm]
	APIKeyConnection        = Connection[*voltpay.APIKey]
	APIKeyEdge              = Edge[*voltpay.APIKey]
	AuditEntryConnection    = Connection[*voltpay.AuditEntry]
	AuditEntryEdge          = Edge[*voltpay.AuditEntry]
	BuildingConnection      = Connection[*voltpay.Building]
	BuildingEdge            = Edge[*voltpay.Building]
	CommandConnection       = Connection[*voltpay.Command]
	CommandEdge             = Edge[*voltpay.Command]
	GatewayConnection       = Connection[*voltpay.Gateway]
	GatewayEdge             = Edge[*voltpay.Gateway]
	LedgerEntryConnection   = Connection[*voltpay.LedgerEntry]
	LedgerEntryEdge         = Edge[*voltpay.LedgerEntry]
	MeterConnection         = Connection[*voltpay.Meter]
	MeterEdge               = Edge[*voltpay.Meter]
	MeterReadingConnection  = Connection[*voltpay.Reading]
	MeterSnapshotConnection = Connection[*voltpay.MeterSnapshot]
	MeterSnapshotEdge       = Edge[*voltpay.MeterSnapshot]
	OfflineMeterConnection  = Connection[*voltpay.OfflineMeter]
	OfflineMeterEdge        = Edge[*voltpay.OfflineMeter]
	MeterReadingEdge        = Edge[*voltpay.Reading]
	OperatorConnection      = Connection[*voltpay.Operator]
	OperatorEdge            = Edge[*voltpay.Operator]
	RechargeOrderConnection = Connection[*voltpay.RechargeOrder]
	RechargeOrderEdge       = Edge[*voltpay.RechargeOrder]
	TariffConnection        = Connection[*voltpay.Tariff]
	TariffEdge              = Edge[*voltpay.Tariff]
)
