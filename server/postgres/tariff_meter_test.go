package postgres_test

import (
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// meterTariffRow is one row of meter_tariffs.
type meterTariffRow struct {
	TariffID      int64     `db:"tariff_id"`
	EffectiveFrom time.Time `db:"effective_from"`
}

func meterTariffRows(tb testing.TB, db *postgres.DB, meter int64) []meterTariffRow {
	tb.Helper()
	var out []meterTariffRow
	if err := db.Select(&out, `SELECT tariff_id, effective_from FROM meter_tariffs WHERE meter_id = $1 ORDER BY effective_from`, meter); err != nil {
		tb.Fatal(err)
	}
	return out
}

// TestSetMeterTariff: a tariff change effective from a time inside a
// reading interval splits it between the two prices; the first change of a
// meter records its tariff until then; a change before the last charged
// reading is refused.
func TestSetMeterTariff(t *testing.T) {
	f := newChargeFix(t)
	now := cst("2026-11-26 09:00:00")
	f.db.Now = func() time.Time { return now }
	tariffs := postgres.NewTariffService(f.db)
	ctx := AdminContext()
	flat, later := f.tariff(t, flat8523), f.tariff(t, flat9000)

	t.Run("a change inside an interval is charged at both prices", func(t *testing.T) {
		m := f.meter(t, flat, 1, "")
		f.account(t, m)
		f.read(t, m, "2026-11-25 11:00:00", 0)
		f.charge(t, m) // the baseline: charged up to 11:00

		_, err := tariffs.SetMeterTariff(ctx, m, later, refOf(cst("2026-11-25 10:59:59")))
		wantCode(t, err, voltpay.EINVALID)
		if msg := voltpay.ErrorMessage(err); !strings.Contains(msg, "charged up to its reading of 2026-11-25T") || !strings.Contains(msg, "never re-priced") {
			t.Fatalf("message %q: say up to when the meter is charged and why", msg)
		}

		got, err := tariffs.SetMeterTariff(ctx, m, later, refOf(cst("2026-11-25 12:00:00")))
		if err != nil {
			t.Fatal(err)
		}
		if got.TariffID == nil || *got.TariffID != later {
			t.Fatalf("meter tariff %v, want %d: the change is in force now", got.TariffID, later)
		}
		rows := meterTariffRows(t, f.db, m)
		if len(rows) != 2 || rows[0].TariffID != flat || rows[0].EffectiveFrom.Unix() != 0 ||
			rows[1].TariffID != later || !rows[1].EffectiveFrom.Equal(cst("2026-11-25 12:00:00")) {
			t.Fatalf("history %+v: want the old tariff since the epoch, then the new one from 12:00", rows)
		}

		f.read(t, m, "2026-11-25 13:00:00", 2000)
		f.charge(t, m)
		f.wantAmounts(t, m, 175) // 1 kWh at 0.8523 + 1 kWh at 0.90 = 175.23 fen
	})

	t.Run("a change in the future leaves the meter's tariff for now", func(t *testing.T) {
		m := f.meter(t, flat, 1, "")
		got, err := tariffs.SetMeterTariff(ctx, m, later, refOf(now.Add(24*time.Hour)))
		if err != nil {
			t.Fatal(err)
		}
		if *got.TariffID != flat {
			t.Fatalf("meter tariff %d, want still %d until the change", *got.TariffID, flat)
		}
		// A second change at the same time replaces the first.
		if _, err := tariffs.SetMeterTariff(ctx, m, flat, refOf(now.Add(24*time.Hour))); err != nil {
			t.Fatal(err)
		}
		if rows := meterTariffRows(t, f.db, m); len(rows) != 2 || rows[1].TariffID != flat {
			t.Fatalf("history %+v", rows)
		}
	})

	t.Run("now by default; a meter without a tariff has no earlier row", func(t *testing.T) {
		m := f.meter(t, 0, 1, "")
		got, err := tariffs.SetMeterTariff(ctx, m, later, nil)
		if err != nil {
			t.Fatal(err)
		}
		rows := meterTariffRows(t, f.db, m)
		if *got.TariffID != later || len(rows) != 1 || !rows[0].EffectiveFrom.Equal(now) {
			t.Fatalf("meter %v, history %+v", got.TariffID, rows)
		}
	})

	t.Run("an edit of a meter with a history follows it from now", func(t *testing.T) {
		m := f.meter(t, flat, 1, "")
		if _, err := tariffs.SetMeterTariff(ctx, m, later, refOf(cst("2026-11-01 00:00:00"))); err != nil {
			t.Fatal(err)
		}
		meters := postgres.NewMeterService(f.db)
		cur, err := meters.FindMeterByID(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		in := voltpay.MeterInput{Address: cur.Address, Protocol: cur.Protocol, CTRatio: 1, PrepaidMode: cur.PrepaidMode, TariffID: &flat}
		if _, err := meters.UpdateMeter(ctx, m, in); err != nil {
			t.Fatal(err)
		}
		rows := meterTariffRows(t, f.db, m)
		if len(rows) != 3 || rows[2].TariffID != flat || !rows[2].EffectiveFrom.Equal(now) {
			t.Fatalf("history %+v: want the edit's tariff from now", rows)
		}
		in.TariffID = nil
		_, err = meters.UpdateMeter(ctx, m, in)
		wantCode(t, err, voltpay.EINVALID)
	})

	t.Run("errors", func(t *testing.T) {
		m := f.meter(t, flat, 1, "")
		_, err := tariffs.SetMeterTariff(ctx, 1<<40, later, nil)
		wantCode(t, err, voltpay.ENOTFOUND)
		_, err = tariffs.SetMeterTariff(ctx, m, 1<<40, nil)
		wantCode(t, err, voltpay.ENOTFOUND)
		elsewhere := mkFlatTariff(t, f.db, MustCreateSite(t, f.db).ID)
		_, err = tariffs.SetMeterTariff(ctx, m, elsewhere.ID, nil)
		wantCode(t, err, voltpay.EINVALID)
		if rows := meterTariffRows(t, f.db, m); len(rows) != 0 {
			t.Fatalf("history %+v written by refused changes", rows)
		}
	})
}
