package postgres

import (
	"context"

	"github.com/voltpay/voltpay"
)

// offlineTable is every active meter offline now, as a table findPage
// pages by id: its building and gateway, and since when its offline alarm
// is open (alarms_open_meter_uniq). $1 is now, for how long.
const offlineTable = `(SELECT m.id, m.site_id, m.address, m.channel, m.building_id, coalesce(bd.name, '') AS building_name,
		m.floor, m.room, m.gateway_id, g.name AS gateway_name, g.online AS gateway_online, al.raised_at AS since,
		m.last_read_at, extract(epoch FROM $1::timestamptz - coalesce(al.raised_at, m.last_read_at))::bigint AS offline_seconds
	FROM meters m
	LEFT JOIN buildings bd ON bd.id = m.building_id
	LEFT JOIN gateways g ON g.id = m.gateway_id
	LEFT JOIN alarms al ON al.meter_id = m.id AND al.kind = 'offline' AND al.cleared_at IS NULL
	WHERE m.status = 'active' AND NOT m.online) s`

// offlineColumns are offlineTable's columns in voltpay.OfflineMeter.
const offlineColumns = `id, address, channel, building_id, building_name, floor, room, gateway_id, gateway_name,
	gateway_online, since, last_read_at, offline_seconds`

// offlineWhere is the conditions of f, after offlineTable's $1 (now).
func offlineWhere(now any, f voltpay.OfflineFilter) where {
	w := where{args: []any{now}}
	w.add("site_id = ?", f.SiteID)
	w.add("building_id = ?", f.BuildingID)
	w.add("gateway_id = ?", f.GatewayID)
	return w
}

// OfflineMeters pages the active meters of f that are offline now, in id
// order. Errors: FORBIDDEN (tenants), UNAVAILABLE.
func (s *OpsReportService) OfflineMeters(ctx context.Context, f voltpay.OfflineFilter) (*voltpay.Page[*voltpay.OfflineMeter], error) {
	if err := staffOnly(ctx, "offline"); err != nil {
		return nil, err
	}
	return findPage[*voltpay.OfflineMeter](ctx, s.db, offlineColumns, offlineTable, offlineWhere(s.db.Now(), f), f.Page, false)
}

// offlineByBuildingQuery counts the active and offline meters of a site
// (building, gateway) by building.
const offlineByBuildingQuery = `
	SELECT m.building_id, coalesce(bd.name, '') AS building_name, count(*) AS meters, count(*) FILTER (WHERE NOT m.online) AS offline
	FROM meters m LEFT JOIN buildings bd ON bd.id = m.building_id
	WHERE m.status = 'active' AND m.site_id = $1 AND ($2::bigint IS NULL OR m.building_id = $2)
		AND ($3::bigint IS NULL OR m.gateway_id = $3)
	GROUP BY m.building_id, bd.name
	ORDER BY offline DESC, building_name`

// offlineGatewaysQuery lists the offline gateways of a site (building,
// gateway), the longest offline first, with their open alarm and how many
// active meters are behind each. $4 is now.
const offlineGatewaysQuery = `
	SELECT g.id, g.name, coalesce(bd.name, '') AS building_name, g.host, g.port, al.raised_at AS since, g.last_seen_at,
		extract(epoch FROM $4::timestamptz - coalesce(al.raised_at, g.last_seen_at))::bigint AS offline_seconds,
		(SELECT count(*) FROM meters m WHERE m.gateway_id = g.id AND m.status = 'active') AS meters
	FROM gateways g
	LEFT JOIN buildings bd ON bd.id = g.building_id
	LEFT JOIN alarms al ON al.gateway_id = g.id AND al.kind = 'gateway_offline' AND al.cleared_at IS NULL
	WHERE g.site_id = $1 AND ($2::bigint IS NULL OR g.building_id = $2) AND ($3::bigint IS NULL OR g.id = $3)
		AND NOT g.online
	ORDER BY coalesce(al.raised_at, g.last_seen_at) NULLS FIRST, g.id`

// OfflineSummary counts f's offline meters by building and lists its
// offline gateways: three queries. Errors: FORBIDDEN (tenants),
// UNAVAILABLE.
func (s *OpsReportService) OfflineSummary(ctx context.Context, f voltpay.OfflineFilter) (*voltpay.OfflineSummary, error) {
	if err := staffOnly(ctx, "offline"); err != nil {
		return nil, err
	}
	out := &voltpay.OfflineSummary{ByBuilding: []*voltpay.OfflineBuilding{}, OfflineGateways: []*voltpay.OfflineGateway{}}
	if err := s.db.SelectContext(ctx, &out.ByBuilding, offlineByBuildingQuery, f.SiteID, f.BuildingID, f.GatewayID); err != nil {
		return nil, mapError(err)
	}
	for _, b := range out.ByBuilding {
		out.Meters += b.Meters
		out.Offline += b.Offline
	}
	if err := s.db.SelectContext(ctx, &out.OfflineGateways, offlineGatewaysQuery, f.SiteID, f.BuildingID, f.GatewayID, s.db.Now()); err != nil {
		return nil, mapError(err)
	}
	if err := s.db.GetContext(ctx, &out.Gateways, `SELECT count(*) FROM gateways
		WHERE site_id = $1 AND ($2::bigint IS NULL OR building_id = $2) AND ($3::bigint IS NULL OR id = $3)`,
		f.SiteID, f.BuildingID, f.GatewayID); err != nil {
		return nil, mapError(err)
	}
	return out, nil
}
