package voltpay

import (
	"context"
	"time"
)

// Meter protocols: how meterlink talks to the meter itself.
const (
	MeterProtocolDLT645 = "dlt645"
	MeterProtocolModbus = "modbus"
)

// Prepaid modes: where the prepaid balance lives.
const (
	// PrepaidPlatform: the platform keeps the balance and trips the relay on arrears.
	PrepaidPlatform = "platform"
	// PrepaidMeter: credit is pushed into the meter, which deducts and trips itself.
	PrepaidMeter = "meter"
)

// Relay states as last read from the meter.
const (
	RelayClosed  = "closed" // power on
	RelayOpen    = "open"   // tripped, power off
	RelayUnknown = "unknown"
)

// RelayState is the relay state of a meter whose contactor is open or not.
func RelayState(open bool) string {
	if open {
		return RelayOpen
	}
	return RelayClosed
}

// Meter life-cycle states.
const (
	MeterActive   = "active"
	MeterReplaced = "replaced" // superseded by ReplacedByID; keeps its history
	MeterRetired  = "retired"
)

// Meter is one electricity meter (or one channel of a multi-user metering
// device) hung in a shop. It belongs to at most one open account.
type Meter struct {
	ID          int64  `db:"id"`
	SiteID      int64  `db:"site_id"`
	BuildingID  *int64 `db:"building_id"`
	Floor       string `db:"floor"`
	Room        string `db:"room"`
	Address     string `db:"address"` // 12-digit BCD for DL/T 645, unit id for Modbus
	Channel     int    `db:"channel"` // 0: a meter of its own; n: channel n of the multi-user device at Address
	Model       string `db:"model"`   // e.g. DDSY1352, DTSY1352
	Phases      int    `db:"phases"`  // 1 or 3
	Protocol    string `db:"protocol"`
	GatewayID   *int64 `db:"gateway_id"` // nil: a direct (4G) meter
	CTRatio     int    `db:"ct_ratio"`   // current transformer ratio, 1 when none
	TariffID    *int64 `db:"tariff_id"`
	PrepaidMode string `db:"prepaid_mode"`
	OverloadW   *int64 `db:"overload_w"` // active power above which the meter alarms/trips
	Alarm1Fen   *Fen   `db:"alarm1_fen"` // on-meter alarm thresholds (meter-balance mode)
	Alarm2Fen   *Fen   `db:"alarm2_fen"`
	// CreditCapFen is the most credit a meter-billed meter may hold
	// (囤积上限): a sale that would take it above is refused. Nil: no cap.
	CreditCapFen *Fen `db:"credit_cap_fen"`
	// LinkID is how a direct (4G) meter identifies itself when it dials in:
	// the serial of an Acrel 4G meter's login, or the registration id of a
	// DTU. Nil: the address (DL/T 645), or for a direct Modbus meter its
	// unit id zero-padded to 14 digits.
	LinkID *string `db:"link_id"`
	Relay  string  `db:"relay"`
	// ControlMode is how the platform drives the relay: billing.ModePrepaid,
	// ModeGuarantee or ModeForcedTrip, set by an operator's commands.
	ControlMode  string     `db:"control_mode"`
	Online       bool       `db:"online"`
	LastEnergyWh *Wh        `db:"last_energy_wh"` // total forward active energy at the last reading
	LastReadAt   *time.Time `db:"last_read_at"`
	AccountID    *int64     `db:"account_id"`
	Status       string     `db:"status"`
	ReplacedByID *int64     `db:"replaced_by_id"`
	CreatedAt    time.Time  `db:"created_at"`
}

// Direct reports whether the meter connects on its own (4G) rather than through a gateway.
func (m *Meter) Direct() bool { return m.GatewayID == nil }

// MeterInput creates or edits a meter.
type MeterInput struct {
	SiteID      int64
	BuildingID  *int64
	Floor       string
	Room        string
	Address     string
	Channel     int // 0, or 1..MaxMeterChannel for a channel of a multi-user device (Modbus only)
	Model       string
	Phases      int
	Protocol    string
	GatewayID   *int64
	CTRatio     int
	TariffID    *int64
	PrepaidMode string
	OverloadW   *int64
	Alarm1Fen   *Fen
	Alarm2Fen   *Fen
	// CreditCapFen: the stored-credit cap of a meter-billed meter (nil: none).
	CreditCapFen *Fen
	// LinkID: a direct meter's dial-in identity (Meter.LinkID); nil: none.
	LinkID *string
	// Fields names the fields an update was sent (nil: all of them);
	// UpdateMeter keeps the meter's value of every other field.
	Fields FieldSet
}

// AsInput is the meter's editable fields as an input, the values an update
// keeps for the fields it was not sent (KeepAbsent).
func (m *Meter) AsInput() MeterInput {
	return MeterInput{SiteID: m.SiteID, BuildingID: m.BuildingID, Floor: m.Floor, Room: m.Room, Address: m.Address,
		Channel: m.Channel, Model: m.Model, Phases: m.Phases, Protocol: m.Protocol, GatewayID: m.GatewayID,
		CTRatio: m.CTRatio, TariffID: m.TariffID, PrepaidMode: m.PrepaidMode, OverloadW: m.OverloadW,
		Alarm1Fen: m.Alarm1Fen, Alarm2Fen: m.Alarm2Fen, CreditCapFen: m.CreditCapFen, LinkID: m.LinkID}
}

// MeterFilter selects meters. IDs, when set, restricts to those meters.
type MeterFilter struct {
	SiteID     *int64
	BuildingID *int64
	GatewayID  *int64
	AccountID  *int64
	Floor      *string
	Online     *bool
	Relay      *string
	Status     *string
	Unassigned *bool  // true: only meters on no account; false: only meters on an account
	Direct     *bool  // true: only direct (4G) meters; false: only meters behind a gateway
	Search     string // address, room or model contains
	// DisplayStatus keeps the meters showing one of these display statuses
	// (billing.Statuses); empty: any.
	DisplayStatus []string
	Page          PageArgs
}

// ReplaceMeterInput replaces an account's meter by a new one (换表): the old
// meter's final reading closes its series, and any balance kept on the old
// meter is carried to the new one.
type ReplaceMeterInput struct {
	OldMeterID       int64
	NewMeterID       int64
	FinalEnergyWh    Wh  // the old meter's final reading
	NewStartEnergyWh Wh  // the new meter's register at installation
	MeterBalanceFen  Fen // balance left on the old meter (meter-balance mode), carried over
	IdempotencyKey   string
	Note             string
}

// MeterService manages meters.
// Errors: NOT_FOUND, INVALID_INPUT, CONFLICT (duplicate address and channel
// on a bus), FORBIDDEN.
type MeterService interface {
	FindMeterByID(ctx context.Context, id int64) (*Meter, error)
	FindMetersByIDs(ctx context.Context, ids []int64) ([]*Meter, error)
	// FindMetersByAccountIDs returns the active meters of each account, in one query.
	FindMetersByAccountIDs(ctx context.Context, accountIDs []int64) (map[int64][]*Meter, error)
	FindMeters(ctx context.Context, f MeterFilter) (*Page[*Meter], error)
	CreateMeter(ctx context.Context, in MeterInput) (*Meter, error)
	UpdateMeter(ctx context.Context, id int64, in MeterInput) (*Meter, error)
}
