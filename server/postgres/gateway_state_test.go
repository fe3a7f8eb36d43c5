package postgres_test

import (
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestReading_RecordGatewayStates: online with a last-seen time, offline
// keeping the last-seen time, unknown ids ignored, all in one call.
func TestReading_RecordGatewayStates(t *testing.T) {
	db := MustOpenDB(t)
	rs := postgres.NewReadingService(db)
	sites := postgres.NewSiteService(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db).ID
	a, b := mkGateway(t, db, site, voltpay.ProtocolDLT645), mkGateway(t, db, site, voltpay.ProtocolModbusTCP)
	seen := time.Now().UTC().Truncate(time.Microsecond)
	if err := rs.RecordGatewayStates(ctx, []voltpay.GatewayState{
		{GatewayID: a.ID, Online: true, SeenAt: &seen}, {GatewayID: b.ID, Online: true, SeenAt: &seen}, {GatewayID: 987654321, Online: true},
	}); err != nil {
		t.Fatal(err)
	}
	if err := rs.RecordGatewayStates(ctx, []voltpay.GatewayState{{GatewayID: b.ID, Online: false}}); err != nil {
		t.Fatal(err)
	}
	gws, err := sites.FindGatewaysByIDs(ctx, []int64{a.ID, b.ID})
	if err != nil || len(gws) != 2 {
		t.Fatalf("FindGatewaysByIDs = %d, %v", len(gws), err)
	}
	for i, tc := range []struct {
		id     int64
		online bool
	}{{a.ID, true}, {b.ID, false}} {
		g := gws[i]
		if g.Online != tc.online || g.LastSeenAt == nil || !g.LastSeenAt.Equal(seen) {
			t.Errorf("gateway %d: online %v, last seen %v; want online %v, last seen %s", tc.id, g.Online, g.LastSeenAt, tc.online, seen)
		}
	}
	if err := rs.RecordGatewayStates(ctx, nil); err != nil {
		t.Errorf("no states: %v", err)
	}
}
