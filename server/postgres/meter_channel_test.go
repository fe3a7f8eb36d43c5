package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestMeter_Channels: the channels of a multi-user device share its
// address on the bus, each once.
func TestMeter_Channels(t *testing.T) {
	db := MustOpenDB(t)
	meters := postgres.NewMeterService(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db)
	mb, dlt := mkGateway(t, db, site.ID, voltpay.ProtocolModbusRTU), mkGateway(t, db, site.ID, voltpay.ProtocolDLT645)
	channel := func(n int) voltpay.MeterInput {
		return voltpay.MeterInput{SiteID: site.ID, Address: "12", Channel: n, Model: "ADF400L",
			Protocol: voltpay.MeterProtocolModbus, GatewayID: &mb.ID}
	}

	m1, m2 := mkMeter(t, db, channel(1)), mkMeter(t, db, channel(2))
	if m1.Channel != 1 || m2.Channel != 2 || m1.Address != "12" || m2.Address != "12" {
		t.Fatalf("got channels %d and %d at %q and %q", m1.Channel, m2.Channel, m1.Address, m2.Address)
	}
	if got, err := meters.FindMeterByID(ctx, m2.ID); err != nil || got.Channel != 2 {
		t.Fatalf("read back %+v, %v", got, err)
	}
	own := mkMeter(t, db, channel(0)) // the unit id with no channel: a meter of its own
	if own.Channel != 0 {
		t.Fatalf("got channel %d, want 0", own.Channel)
	}

	t.Run("ErrConflictSameChannel", func(t *testing.T) {
		_, err := meters.CreateMeter(ctx, channel(2))
		wantCode(t, err, voltpay.ECONFLICT)
		if msg := voltpay.ErrorMessage(err); !strings.Contains(msg, "channel 2") || !strings.Contains(msg, "address 12") {
			t.Errorf("message %q should name the address and channel", msg)
		}
		_, err = meters.CreateMeter(ctx, channel(0))
		wantCode(t, err, voltpay.ECONFLICT)
	})
	t.Run("UpdateChannel", func(t *testing.T) {
		in := channel(2)
		_, err := meters.UpdateMeter(ctx, m1.ID, in)
		wantCode(t, err, voltpay.ECONFLICT)
		in.Channel = 3
		got, err := meters.UpdateMeter(ctx, m1.ID, in)
		if err != nil || got.Channel != 3 {
			t.Fatalf("got %+v, %v; want channel 3", got, err)
		}
	})
	t.Run("ErrInvalidDLT645Channel", func(t *testing.T) {
		_, err := meters.CreateMeter(ctx, voltpay.MeterInput{SiteID: site.ID, Address: randomAddress(), Channel: 1,
			Protocol: voltpay.MeterProtocolDLT645, GatewayID: &dlt.ID})
		wantCode(t, err, voltpay.EINVALID)
		if !strings.Contains(voltpay.ErrorMessage(err), "DL/T 645") {
			t.Errorf("message %q should say why DL/T 645 has no channels", voltpay.ErrorMessage(err))
		}
	})
	t.Run("ErrInvalidChannel37", func(t *testing.T) {
		_, err := meters.CreateMeter(ctx, channel(37))
		wantCode(t, err, voltpay.EINVALID)
	})
	t.Run("DatabaseRefusesChannel37", func(t *testing.T) {
		_, err := db.Exec(`UPDATE meters SET channel = 37 WHERE id = $1`, m2.ID)
		if err == nil || !strings.Contains(err.Error(), "check") {
			t.Fatalf("got %v, want a check violation", err)
		}
	})
	t.Run("SchemaReapplied", func(t *testing.T) {
		// Applying the schema again (every start) keeps the channel
		// column and its index, and leaves no trace of the old index.
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		var idx []string
		if err := db.Select(&idx, `SELECT indexname FROM pg_indexes WHERE tablename = 'meters' AND indexname LIKE 'meters_bus_address%' ORDER BY 1`); err != nil {
			t.Fatal(err)
		}
		if len(idx) != 1 || idx[0] != "meters_bus_address_channel_uniq" {
			t.Fatalf("indexes %v, want only meters_bus_address_channel_uniq", idx)
		}
		if got, err := meters.FindMeterByID(ctx, m2.ID); err != nil || got.Channel != 2 {
			t.Fatalf("after migrate: %+v, %v", got, err)
		}
	})
	t.Run("UpgradeFromVersion4", func(t *testing.T) {
		// A version-4 database: no channel column, the old index. Applying
		// the schema adds the column (channel 0 for every meter) and swaps
		// the index. All inside a transaction rolled back at the end.
		tx, err := db.Beginx()
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = tx.Rollback() }()
		for _, q := range []string{
			`UPDATE meters SET address = (100 + channel)::text WHERE channel > 0`, // version 4 had one meter per address
			`DROP INDEX meters_bus_address_channel_uniq`,
			`ALTER TABLE meters DROP COLUMN channel`,
			`CREATE UNIQUE INDEX meters_bus_address_uniq ON meters (coalesce(gateway_id, 0), address) WHERE status = 'active'`,
			voltpay.SchemaSQL,
		} {
			if _, err := tx.Exec(q); err != nil {
				t.Fatalf("%.60s: %v", q, err)
			}
		}
		var idx []string
		if err := tx.Select(&idx, `SELECT indexname FROM pg_indexes WHERE tablename = 'meters' AND indexname LIKE 'meters_bus_address%' ORDER BY 1`); err != nil {
			t.Fatal(err)
		}
		var nonZero int
		if err := tx.Get(&nonZero, `SELECT count(*) FROM meters WHERE channel <> 0`); err != nil {
			t.Fatal(err)
		}
		if len(idx) != 1 || idx[0] != "meters_bus_address_channel_uniq" || nonZero != 0 {
			t.Fatalf("indexes %v, %d meters with a channel; want only the new index and channel 0 everywhere", idx, nonZero)
		}
	})
}
