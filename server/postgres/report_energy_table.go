package postgres

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

var _ voltpay.EnergyReportService = (*ReportService)(nil)

// energyReportMeters are the report's meters ($1 the site, $2 the building
// or NULL) with what their rows are named by.
const energyReportMeters = `
	SELECT m.id, m.address, m.room, coalesce(m.account_id, 0) AS account_id,
		coalesce(a.no || ' ' || a.tenant_name, '') AS account_name,
		coalesce(m.building_id, 0) AS building_id, coalesce(b.name, '') AS building_name
	FROM meters m
	LEFT JOIN accounts a ON a.id = m.account_id
	LEFT JOIN buildings b ON b.id = m.building_id
	WHERE m.site_id = $1 AND ($2::bigint IS NULL OR m.building_id = $2)
	ORDER BY m.id
	LIMIT $3`

// energyReportScope is the report's meters as energyRollupProbeQuery's %s
// ($1 the site, $3 the building or NULL).
const energyReportScope = `m.site_id = $1 AND ($3::bigint IS NULL OR m.building_id = $3)`

// energyReportCharges totals the charge rollup by meter and rate over the
// report's days ($2 from, $3 to), for the meters of the site ($1) and
// building ($4).
const energyReportCharges = `
	SELECT c.meter_id, c.rate, sum(c.energy_wh) AS energy_wh, sum(c.amount_fen) AS amount_fen
	FROM charge_rate_days c JOIN meters m ON m.id = c.meter_id
	WHERE m.site_id = $1 AND ($4::bigint IS NULL OR m.building_id = $4) AND c.day >= $2::date AND c.day < $3::date
	GROUP BY c.meter_id, c.rate`

// reportMeter is one meter of an energy report.
type reportMeter struct {
	ID           int64  `db:"id"`
	Address      string `db:"address"`
	Room         string `db:"room"`
	AccountID    int64  `db:"account_id"`
	AccountName  string `db:"account_name"`
	BuildingID   int64  `db:"building_id"`
	BuildingName string `db:"building_name"`
}

// EnergyReport answers voltpay.EnergyReportService.EnergyReport from the
// rollups alone: the meters' registers at From and To from energy_days
// (energyRollupProbeQuery, three index probes per meter) and the charges
// from charge_rate_days, then rows added up in Go.
func (s *ReportService) EnergyReport(ctx context.Context, f voltpay.EnergyReportFilter) (*voltpay.EnergyReport, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if voltpay.PrincipalFrom(ctx).IsTenant() {
		// The office's report: a tenant's holds nothing (they chart their own account with energyUsage).
		return pageEnergyReport(f, time.Time{}, time.Time{}, nil), nil
	}
	var tz string
	if err := s.db.GetContext(ctx, &tz, `SELECT timezone FROM sites WHERE id = $1`, f.SiteID); err != nil {
		return nil, notFound(err, "site", f.SiteID)
	}
	if f.BuildingID != nil {
		var n int
		if err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM buildings WHERE id = $1 AND site_id = $2`, *f.BuildingID, f.SiteID); err != nil {
			return nil, mapError(err)
		} else if n == 0 {
			return nil, voltpay.Errorf(voltpay.ENOTFOUND, "building %d not found in site %d; check the ids", *f.BuildingID, f.SiteID)
		}
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("energy report: time zone of the site: %w", err)
	}
	from, to := f.Edges(loc)
	days := []string{f.From, f.To}
	meters := []reportMeter{}
	if err := s.db.SelectContext(ctx, &meters, energyReportMeters, f.SiteID, f.BuildingID, voltpay.MaxEnergyReportMeters+1); err != nil {
		return nil, mapError(err)
	}
	if len(meters) > voltpay.MaxEnergyReportMeters {
		return nil, voltpay.Invalid("buildingId", "the site has more than %d meters, too many for one report; report one building at a time",
			voltpay.MaxEnergyReportMeters)
	}
	energy := make(map[int64]*voltpay.EnergyPoint, len(meters))
	if err := s.eachMeterEdges(ctx, func(rows []energyRow) {
		p := &voltpay.EnergyPoint{}
		addMeterEnergy([]*voltpay.EnergyPoint{p}, rows)
		energy[rows[0].MeterID] = p
	}, fmt.Sprintf(energyRollupProbeQuery, energyReportScope), f.SiteID, pq.Array(days), f.BuildingID); err != nil {
		return nil, err
	}
	charges := []struct {
		MeterID   int64       `db:"meter_id"`
		Rate      string      `db:"rate"`
		EnergyWh  voltpay.Wh  `db:"energy_wh"`
		AmountFen voltpay.Fen `db:"amount_fen"`
	}{}
	if err := s.db.SelectContext(ctx, &charges, energyReportCharges, f.SiteID, days[0], days[1], f.BuildingID); err != nil {
		return nil, mapError(err)
	}
	rows := map[int64]*voltpay.EnergyReportRow{}
	groupOf := make(map[int64]int64, len(meters))
	for _, m := range meters {
		id, name := m.ID, m.Address
		switch f.GroupBy {
		case voltpay.EnergyGroupAccount:
			id, name = m.AccountID, m.AccountName
		case voltpay.EnergyGroupBuilding:
			id, name = m.BuildingID, m.BuildingName
		}
		if m.Room != "" && f.GroupBy == voltpay.EnergyGroupMeter {
			name += " " + m.Room
		}
		r := rows[id]
		if r == nil {
			r = &voltpay.EnergyReportRow{ID: id, Name: name}
			rows[id] = r
		}
		groupOf[m.ID] = id
		r.Meters++
		if p := energy[m.ID]; p != nil {
			addEnergyPoint(r, p)
		}
	}
	for _, c := range charges {
		if r := rows[groupOf[c.MeterID]]; r != nil {
			addCharge(r, c.Rate, c.EnergyWh, c.AmountFen)
		}
	}
	return pageEnergyReport(f, from, to, rows), nil
}

// pageEnergyReport orders the rows (by id, the row of id 0 last), totals
// them and cuts the page.
func pageEnergyReport(f voltpay.EnergyReportFilter, from, to time.Time, rows map[int64]*voltpay.EnergyReportRow) *voltpay.EnergyReport {
	out := &voltpay.EnergyReport{From: from, To: to, Total: &voltpay.EnergyReportRow{}, TotalRows: len(rows)}
	all := make([]*voltpay.EnergyReportRow, 0, len(rows))
	for _, r := range rows {
		all = append(all, r)
		out.Total.Meters += r.Meters
		addEnergyPoint(out.Total, &voltpay.EnergyPoint{EnergyWh: r.EnergyWh, SharpWh: r.SharpWh, PeakWh: r.PeakWh,
			FlatWh: r.FlatWh, ValleyWh: r.ValleyWh})
		out.Total.ChargedWh += r.ChargedWh
		out.Total.AmountFen += r.AmountFen
		out.Total.SharpFen += r.SharpFen
		out.Total.PeakFen += r.PeakFen
		out.Total.FlatFen += r.FlatFen
		out.Total.ValleyFen += r.ValleyFen
	}
	slices.SortFunc(all, func(a, b *voltpay.EnergyReportRow) int {
		switch {
		case a.ID == b.ID:
			return 0
		case a.ID == 0:
			return 1
		case b.ID == 0:
			return -1
		case a.ID < b.ID:
			return -1
		}
		return 1
	})
	size := f.First
	if size == 0 {
		size = voltpay.DefaultPageSize
	}
	start := min(f.Offset, len(all))
	out.Rows = all[start:min(start+size, len(all))]
	return out
}

// addEnergyPoint adds a meter's energy to a row.
func addEnergyPoint(r *voltpay.EnergyReportRow, p *voltpay.EnergyPoint) {
	r.EnergyWh += p.EnergyWh
	for _, x := range []struct {
		into **voltpay.Wh
		add  *voltpay.Wh
	}{
		{&r.SharpWh, p.SharpWh}, {&r.PeakWh, p.PeakWh}, {&r.FlatWh, p.FlatWh}, {&r.ValleyWh, p.ValleyWh}} {
		if x.add == nil {
			continue
		}
		if *x.into == nil {
			*x.into = new(voltpay.Wh)
		}
		**x.into += *x.add
	}
}

// addCharge adds what charging took at one rate to a row.
func addCharge(r *voltpay.EnergyReportRow, rate string, wh voltpay.Wh, fen voltpay.Fen) {
	r.ChargedWh += wh
	r.AmountFen += fen
	switch rate {
	case voltpay.RateSharp:
		r.SharpFen += fen
	case voltpay.RatePeak:
		r.PeakFen += fen
	case voltpay.RateFlat:
		r.FlatFen += fen
	case voltpay.RateValley:
		r.ValleyFen += fen
	}
}
