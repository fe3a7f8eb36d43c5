package postgres

import (
	"context"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// ControlScheduleService implements voltpay.ControlScheduleService.
type ControlScheduleService struct{ db *DB }

// NewControlScheduleService returns a ControlScheduleService on db.
func NewControlScheduleService(db *DB) *ControlScheduleService {
	return &ControlScheduleService{db: db}
}

var _ voltpay.ControlScheduleService = (*ControlScheduleService)(nil)

const scheduleColumns = `id, site_id, name, action, at_minute, weekdays, building_id, meter_ids, enabled, created_by_id, created_at`

// scheduleRow scans a schedule with its arrays.
type scheduleRow struct {
	voltpay.ControlSchedule
	Weekdays pq.Int64Array `db:"weekdays"`
	MeterIDs pq.Int64Array `db:"meter_ids"`
}

func (r *scheduleRow) schedule() *voltpay.ControlSchedule {
	s := r.ControlSchedule
	s.Weekdays = make([]int, len(r.Weekdays))
	for i, d := range r.Weekdays {
		s.Weekdays[i] = int(d)
	}
	s.MeterIDs = []int64(r.MeterIDs)
	return &s
}

// CreateControlSchedule stores a schedule made by the operator of ctx: the
// scheduler acts on that operator's behalf. Errors: INVALID_INPUT,
// FORBIDDEN (not an operator), NOT_FOUND (site or building), CONFLICT.
func (s *ControlScheduleService) CreateControlSchedule(ctx context.Context, in voltpay.ControlScheduleInput) (*voltpay.ControlSchedule, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	got := &scheduleRow{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := checkScheduleRefs(ctx, tx, in); err != nil {
			return err
		}
		p := voltpay.PrincipalFrom(ctx)
		if p == nil || p.Kind != voltpay.PrincipalOperator {
			return voltpay.Errorf(voltpay.EFORBIDDEN, "only an operator can make a control schedule: its commands are sent on that operator's behalf")
		}
		err := tx.GetContext(ctx, got, `
			INSERT INTO control_schedules (site_id, name, action, at_minute, weekdays, building_id, meter_ids, enabled, created_by_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			RETURNING `+scheduleColumns,
			in.SiteID, in.Name, in.Action, in.AtMinute, pq.Array(in.Weekdays), in.BuildingID, pq.Array(in.MeterIDs), in.Enabled, p.ID)
		return scheduleErr(err, in)
	})
	if err != nil {
		return nil, err
	}
	return got.schedule(), nil
}

// UpdateControlSchedule edits a schedule's definition (its maker stays);
// fields absent from in.Fields keep their values.
// Errors: as CreateControlSchedule, NOT_FOUND.
func (s *ControlScheduleService) UpdateControlSchedule(ctx context.Context, id int64, in voltpay.ControlScheduleInput) (*voltpay.ControlSchedule, error) {
	got := &scheduleRow{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		// The row lock keeps two partial updates from undoing each other.
		if err := tx.GetContext(ctx, got, `SELECT `+scheduleColumns+` FROM control_schedules WHERE id = $1 FOR UPDATE`, id); err != nil {
			return notFound(err, "control schedule", id)
		}
		voltpay.KeepAbsent(&in, got.schedule().AsInput(), in.Fields)
		if err := in.Validate(); err != nil {
			return err
		}
		if err := checkScheduleRefs(ctx, tx, in); err != nil {
			return err
		}
		err := tx.GetContext(ctx, got, `
			UPDATE control_schedules
			SET site_id = $2, name = $3, action = $4, at_minute = $5, weekdays = $6, building_id = $7, meter_ids = $8, enabled = $9
			WHERE id = $1
			RETURNING `+scheduleColumns,
			id, in.SiteID, in.Name, in.Action, in.AtMinute, pq.Array(in.Weekdays), in.BuildingID, pq.Array(in.MeterIDs), in.Enabled)
		if err != nil && !isUnique(err, "control_schedules_site_id_name_key") {
			return notFound(err, "control schedule", id)
		}
		return scheduleErr(err, in)
	})
	if err != nil {
		return nil, err
	}
	return got.schedule(), nil
}

// DeleteControlSchedule removes a schedule; commands it already enqueued
// stay. Errors: NOT_FOUND.
func (s *ControlScheduleService) DeleteControlSchedule(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM control_schedules WHERE id = $1`, id)
	if err != nil {
		return mapError(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return voltpay.Errorf(voltpay.ENOTFOUND, "control schedule %d not found; check the id", id)
	}
	return nil
}

// FindControlSchedules lists the schedules of a site (all sites: nil) by
// time of day.
func (s *ControlScheduleService) FindControlSchedules(ctx context.Context, siteID *int64) ([]*voltpay.ControlSchedule, error) {
	rows := []*scheduleRow{}
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+scheduleColumns+` FROM control_schedules
		WHERE $1::bigint IS NULL OR site_id = $1 ORDER BY at_minute, id`, siteID); err != nil {
		return nil, mapError(err)
	}
	out := make([]*voltpay.ControlSchedule, len(rows))
	for i, r := range rows {
		out[i] = r.schedule()
	}
	return out, nil
}

// ScheduleMeters returns the active meters of the schedule's site in its
// building or among its listed meters, in id order.
func (s *ControlScheduleService) ScheduleMeters(ctx context.Context, sc *voltpay.ControlSchedule) ([]int64, error) {
	ids := []int64{}
	err := s.db.SelectContext(ctx, &ids, `
		SELECT id FROM meters
		WHERE site_id = $1 AND status = 'active' AND (building_id = $2 OR id = ANY($3))
		ORDER BY id`, sc.SiteID, sc.BuildingID, pq.Array(sc.MeterIDs))
	return ids, mapError(err)
}

// checkScheduleRefs checks that the site exists and the building, if any,
// belongs to it.
func checkScheduleRefs(ctx context.Context, tx *Tx, in voltpay.ControlScheduleInput) error {
	var one int
	if err := tx.GetContext(ctx, &one, `SELECT 1 FROM sites WHERE id = $1`, in.SiteID); err != nil {
		return notFound(err, "site", in.SiteID)
	}
	if in.BuildingID != nil {
		if err := tx.GetContext(ctx, &one, `SELECT 1 FROM buildings WHERE id = $1 AND site_id = $2`, *in.BuildingID, in.SiteID); err != nil {
			return notFound(err, "building of this site", *in.BuildingID)
		}
	}
	return nil
}

func scheduleErr(err error, in voltpay.ControlScheduleInput) error {
	if isUnique(err, "control_schedules_site_id_name_key") {
		return voltpay.Errorf(voltpay.ECONFLICT, "the site already has a schedule named %q; pick another name", in.Name)
	}
	return mapError(err)
}
