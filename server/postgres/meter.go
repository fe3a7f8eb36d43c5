package postgres

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// MeterService implements voltpay.MeterService. A meter's account, relay,
// online state and status are not edited here: they move through accounts
// (attach, replace), meterlink (readings, controls) and replacement.
type MeterService struct{ db *DB }

// NewMeterService returns a MeterService on db.
func NewMeterService(db *DB) *MeterService { return &MeterService{db: db} }

var _ voltpay.MeterService = (*MeterService)(nil)

// meterColumns is in meter_columns.go, shared with the account operations.

// FindMeterByID returns one meter. A tenant may read only the meters of
// their own account. Errors: NOT_FOUND, FORBIDDEN.
func (s *MeterService) FindMeterByID(ctx context.Context, id int64) (*voltpay.Meter, error) {
	m, err := findMeter(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() && (m.AccountID == nil || *m.AccountID != p.AccountID) {
		return nil, voltpay.Errorf(voltpay.EFORBIDDEN, "you can only see the meters of your own account")
	}
	return m, nil
}

// FindMetersByIDs returns the meters with the given ids in id order, in one
// query, for dataloaders (the caller authorised the parent object); unknown
// ids are left out.
func (s *MeterService) FindMetersByIDs(ctx context.Context, ids []int64) ([]*voltpay.Meter, error) {
	out := []*voltpay.Meter{}
	err := s.db.SelectContext(ctx, &out, `
		SELECT `+meterColumns+`
		FROM meters
		WHERE id = ANY($1)
		ORDER BY id`,
		pq.Array(ids))
	return out, mapError(err)
}

// FindMetersByAccountIDs returns the active meters of each account in id
// order, in one query, for dataloaders. Accounts without meters have no key.
func (s *MeterService) FindMetersByAccountIDs(ctx context.Context, accountIDs []int64) (map[int64][]*voltpay.Meter, error) {
	rows := []*voltpay.Meter{}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT `+meterColumns+`
		FROM meters
		WHERE account_id = ANY($1) AND status = 'active'
		ORDER BY account_id, id`,
		pq.Array(accountIDs))
	if err != nil {
		return nil, mapError(err)
	}
	out := make(map[int64][]*voltpay.Meter, len(accountIDs))
	for _, m := range rows {
		out[*m.AccountID] = append(out[*m.AccountID], m)
	}
	return out, nil
}

// FindMeters lists meters in id order, every filter applied in SQL; Search
// matches address, room or model. A tenant sees only their account's meters.
// Total counts the whole filter, ignoring the cursor. Errors: INVALID_INPUT
// (unknown relay or status).
func (s *MeterService) FindMeters(ctx context.Context, f voltpay.MeterFilter) (*voltpay.Page[*voltpay.Meter], error) {
	if f.Relay != nil && *f.Relay != voltpay.RelayClosed && *f.Relay != voltpay.RelayOpen && *f.Relay != voltpay.RelayUnknown {
		return nil, voltpay.Invalid("relay", "unknown relay state %q; use closed, open or unknown", *f.Relay)
	}
	if f.Status != nil && *f.Status != voltpay.MeterActive && *f.Status != voltpay.MeterReplaced && *f.Status != voltpay.MeterRetired {
		return nil, voltpay.Invalid("status", "unknown meter status %q; use active, replaced or retired", *f.Status)
	}
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() {
		f.AccountID = &p.AccountID
	}
	var w where
	w.add("site_id = ?", f.SiteID)
	w.add("building_id = ?", f.BuildingID)
	w.add("gateway_id = ?", f.GatewayID)
	w.add("account_id = ?", f.AccountID)
	w.add("floor = ?", f.Floor)
	w.add("online = ?", f.Online)
	w.add("relay = ?", f.Relay)
	w.add("status = ?", f.Status)
	if f.Unassigned != nil && *f.Unassigned {
		w.conds = append(w.conds, "account_id IS NULL")
	} else if f.Unassigned != nil {
		w.conds = append(w.conds, "account_id IS NOT NULL")
	}
	if f.Direct != nil && *f.Direct {
		w.conds = append(w.conds, "gateway_id IS NULL")
	} else if f.Direct != nil {
		w.conds = append(w.conds, "gateway_id IS NOT NULL")
	}
	if f.Search != "" {
		w.add("(address || ' ' || room || ' ' || model) ILIKE ?", "%"+escapeLike(f.Search)+"%")
	}
	if len(f.DisplayStatus) > 0 {
		for _, st := range f.DisplayStatus {
			if !slices.Contains(billing.Statuses, st) {
				return nil, voltpay.Invalid("displayStatus", "unknown display status %q; use one of %v", st, billing.Statuses)
			}
		}
		w.add(meterStatusMask, pq.Array(masksShowing(f.DisplayStatus)))
	}
	return findPage[*voltpay.Meter](ctx, s.db, meterColumns, "meters", w, f.Page, false)
}

// CreateMeter adds an unassigned, active meter.
// Errors: INVALID_INPUT (bad fields; building, gateway or tariff of another
// site; a gateway of another protocol), NOT_FOUND (site, building, gateway
// or tariff), CONFLICT (an active meter has this address and channel on
// this gateway, or among direct meters).
func (s *MeterService) CreateMeter(ctx context.Context, in voltpay.MeterInput) (*voltpay.Meter, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *voltpay.Meter
	err := s.db.inTx(ctx, func(tx *Tx) (err error) {
		out, err = createMeter(ctx, tx, &in)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("create meter %s: %w", in.Address, err)
	}
	return out, nil
}

// createMeter adds the validated meter in in tx and publishes it after
// the commit. Errors: as CreateMeter.
func createMeter(ctx context.Context, tx *Tx, in *voltpay.MeterInput) (*voltpay.Meter, error) {
	if err := requireSite(ctx, tx, in.SiteID); err != nil {
		return nil, err
	}
	if err := checkMeterRefs(ctx, tx, in.SiteID, in); err != nil {
		return nil, err
	}
	out := &voltpay.Meter{}
	if err := tx.GetContext(ctx, out, `
		INSERT INTO meters (site_id, building_id, floor, room, address, model, phases, protocol,
			gateway_id, ct_ratio, tariff_id, prepaid_mode, overload_w, alarm1_fen, alarm2_fen, created_at,
			channel, credit_cap_fen, link_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
		RETURNING `+meterColumns,
		in.SiteID, in.BuildingID, in.Floor, in.Room, in.Address, in.Model, in.Phases, in.Protocol,
		in.GatewayID, in.CTRatio, in.TariffID, in.PrepaidMode, in.OverloadW, in.Alarm1Fen, in.Alarm2Fen,
		tx.now, in.Channel, in.CreditCapFen, in.LinkID); err != nil {
		return nil, meterConflict(err, in)
	}
	publishMeterAfterCommit(tx, out)
	return out, nil
}

// UpdateMeter edits a meter's placement, address, wiring, tariff and
// thresholds; fields absent from in.Fields keep their values. SiteID 0 keeps the site; a meter cannot move to another site,
// and a meter attached to an account cannot change its prepaid mode (the
// balance would silently change keeper). Account, relay, online state and
// status are left alone. A meter with a tariff history (SetMeterTariff)
// is put on a new tariff from now on (followTariffEdit). Errors: as
// CreateMeter, CONFLICT for a prepaid mode change of an attached meter, and
// INVALID_INPUT for removing the tariff of a meter with a history.
func (s *MeterService) UpdateMeter(ctx context.Context, id int64, in voltpay.MeterInput) (*voltpay.Meter, error) {
	out := &voltpay.Meter{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		cur, err := lockMeter(ctx, tx, id)
		if err != nil {
			return err
		}
		// Under the row lock, so two partial updates cannot undo each other.
		voltpay.KeepAbsent(&in, cur.AsInput(), in.Fields)
		if err := in.Validate(); err != nil {
			return err
		}
		siteID, err := keepSite("meter", cur.SiteID, in.SiteID)
		if err != nil {
			return err
		}
		if cur.AccountID != nil && cur.PrepaidMode != in.PrepaidMode {
			return voltpay.Errorf(voltpay.ECONFLICT, "meter %d is attached to account %d: its prepaid mode cannot change from %s to %s while the account holds it; detach it first", id, *cur.AccountID, cur.PrepaidMode, in.PrepaidMode)
		}
		if err := checkMeterRefs(ctx, tx, siteID, &in); err != nil {
			return err
		}
		if err := followTariffEdit(ctx, tx, cur, in.TariffID); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, out, `
			UPDATE meters SET building_id = $2, floor = $3, room = $4, address = $5, model = $6,
				phases = $7, protocol = $8, gateway_id = $9, ct_ratio = $10, tariff_id = $11,
				prepaid_mode = $12, overload_w = $13, alarm1_fen = $14, alarm2_fen = $15, channel = $16,
				credit_cap_fen = $17, link_id = $18
			WHERE id = $1
			RETURNING `+meterColumns,
			id, in.BuildingID, in.Floor, in.Room, in.Address, in.Model, in.Phases, in.Protocol,
			in.GatewayID, in.CTRatio, in.TariffID, in.PrepaidMode, in.OverloadW, in.Alarm1Fen,
			in.Alarm2Fen, in.Channel, in.CreditCapFen, in.LinkID); err != nil {
			return meterConflict(err, &in)
		}
		publishMeterAfterCommit(tx, out)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("update meter %d: %w", id, err)
	}
	return out, nil
}

// publishMeterAfterCommit announces meter m once tx commits.
func publishMeterAfterCommit(tx *Tx, m *voltpay.Meter) {
	if ev := tx.db.Events; ev != nil {
		tx.AfterCommit(func() { ev.PublishMeter(m) })
	}
}

// checkMeterRefs checks that the meter's building, gateway and tariff exist
// in siteID and that the gateway speaks the meter's protocol. It takes a
// share lock on the gateway so that its protocol cannot change meanwhile.
// Errors: NOT_FOUND, INVALID_INPUT.
func checkMeterRefs(ctx context.Context, tx *Tx, siteID int64, in *voltpay.MeterInput) error {
	if err := checkInSite(ctx, tx, "buildings", "building", "buildingId", in.BuildingID, siteID); err != nil {
		return err
	}
	if err := checkInSite(ctx, tx, "tariffs", "tariff", "tariffId", in.TariffID, siteID); err != nil {
		return err
	}
	if in.GatewayID == nil {
		return nil
	}
	var gw struct {
		SiteID   int64  `db:"site_id"`
		Protocol string `db:"protocol"`
	}
	if err := tx.GetContext(ctx, &gw, `SELECT site_id, protocol FROM gateways WHERE id = $1 FOR SHARE`, *in.GatewayID); err != nil {
		return notFound(err, "gateway", *in.GatewayID)
	}
	if gw.SiteID != siteID {
		return voltpay.Invalid("gatewayId", "gateway %d belongs to site %d, not to site %d; pick a gateway of this site", *in.GatewayID, gw.SiteID, siteID)
	}
	return voltpay.CheckBusProtocol(strconv.FormatInt(*in.GatewayID, 10), gw.Protocol, in.Protocol)
}

// findMeter reads one meter without scoping or locking. Errors: NOT_FOUND.
func findMeter(ctx context.Context, q queryer, id int64) (*voltpay.Meter, error) {
	m := &voltpay.Meter{}
	if err := q.GetContext(ctx, m, `SELECT `+meterColumns+` FROM meters WHERE id = $1`, id); err != nil {
		return nil, notFound(err, "meter", id)
	}
	return m, nil
}
