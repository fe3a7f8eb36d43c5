package postgres_test

import (
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestCommand_ReserveCreditCount: a credit's purchase count is reserved
// once and never changes; two credits of a meter cannot share a count.
func TestCommand_ReserveCreditCount(t *testing.T) {
	db := MustOpenDB(t)
	cs := postgres.NewCommandService(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db).ID
	m, other := mkDirectMeter(t, db, site), mkDirectMeter(t, db, site)
	a := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID, Kind: voltpay.CmdCredit})
	b := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID, Kind: voltpay.CmdCredit})
	c := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: other.ID, Kind: voltpay.CmdCredit})
	trip := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID, Kind: voltpay.CmdTrip})

	for _, tc := range []struct {
		name    string
		id      int64
		count   int64
		want    int64
		errCode string
	}{
		{"first reservation", a.ID, 8, 8, ""},
		{"a retry gets the first count", a.ID, 9, 8, ""},
		{"another credit of the meter cannot take it", b.ID, 8, 0, voltpay.ECONFLICT},
		{"the next count is free", b.ID, 9, 9, ""},
		{"another meter has its own counts", c.ID, 8, 8, ""},
		{"not a credit", trip.ID, 1, 0, voltpay.EINVALID},
		{"zero", a.ID, 0, 0, voltpay.EINVALID},
		{"beyond 4 bytes", a.ID, 1 << 32, 0, voltpay.EINVALID},
		{"unknown command", 987654321, 1, 0, voltpay.ENOTFOUND},
	} {
		got, err := cs.ReserveCreditCount(ctx, tc.id, tc.count)
		if tc.errCode != "" {
			wantCode(t, err, tc.errCode)
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: ReserveCreditCount(%d, %d) = %d, %v; want %d", tc.name, tc.id, tc.count, got, err, tc.want)
		}
	}
}
