package postgres

import (
	"context"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// snapshotTable is every active meter with its state now, as a table
// findPage pages by id: the newest reading's registers (one index probe
// per meter on meter_readings' primary key, read backward), the balance
// its display status is decided on (meterFacts) and the facts of that
// status as a meterFactsMask. The conditions on site_id and building_id
// reach meters_site_idx and meters_building_idx through the derived table.
const snapshotTable = `(SELECT m.id, m.site_id, m.address, m.channel, m.building_id, coalesce(bd.name, '') AS building_name,
		m.floor, m.room, m.account_id, a.no AS account_no, a.tenant_name, m.ct_ratio,
		coalesce(r.energy_wh, m.last_energy_wh) AS energy_wh, r.sharp_wh, r.peak_wh, r.flat_wh, r.valley_wh, r.reverse_wh,
		f.balance AS balance_fen, r.balance_fen AS meter_balance_fen, m.relay, m.control_mode,
		` + meterFactsMask + ` AS mask, m.online, m.last_read_at
	FROM ` + meterFacts + `
	LEFT JOIN buildings bd ON bd.id = m.building_id
	LEFT JOIN LATERAL (SELECT energy_wh, sharp_wh, peak_wh, flat_wh, valley_wh, reverse_wh, balance_fen
		FROM meter_readings WHERE meter_id = m.id ORDER BY read_at DESC LIMIT 1) r ON true
	WHERE m.status = 'active') s`

// snapshotColumns are snapshotTable's columns in voltpay.MeterSnapshot.
const snapshotColumns = `id, address, channel, building_id, building_name, floor, room, account_id, account_no, tenant_name,
	ct_ratio, energy_wh, sharp_wh, peak_wh, flat_wh, valley_wh, reverse_wh, balance_fen, meter_balance_fen, relay,
	control_mode, mask, online, last_read_at`

// MeterSnapshot pages the active meters of f's site (and building) in id
// order with their registers and state now: two queries a page (one
// without the total), whatever the number of meters. Errors: FORBIDDEN
// (tenants), UNAVAILABLE.
func (s *OpsReportService) MeterSnapshot(ctx context.Context, f voltpay.MeterSnapshotFilter) (*voltpay.Page[*voltpay.MeterSnapshot], error) {
	if err := staffOnly(ctx, "meter snapshot"); err != nil {
		return nil, err
	}
	var w where
	w.add("site_id = ?", f.SiteID)
	w.add("building_id = ?", f.BuildingID)
	p, err := findPage[*voltpay.MeterSnapshot](ctx, s.db, snapshotColumns, snapshotTable, w, f.Page, false)
	if err != nil {
		return nil, err
	}
	for _, m := range p.Items {
		m.DisplayStatus = billing.StatusOf(factsOfMask(m.Mask))
	}
	return p, nil
}
