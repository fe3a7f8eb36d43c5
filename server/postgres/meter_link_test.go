package postgres_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// A direct meter keeps the serial it dials in with (link id): stored and
// read back, one active meter per link id, only on direct meters, and
// only letters and digits.
func TestMeter_LinkID(t *testing.T) {
	db := MustOpenDB(t)
	site := MustCreateSite(t, db)
	ms := postgres.NewMeterService(db)
	serial := fmt.Sprintf("8612%010d", rand.Int64N(9_999_999_999))
	in := voltpay.MeterInput{SiteID: site.ID, Address: randomAddress(), Protocol: voltpay.MeterProtocolDLT645, LinkID: &serial}
	m, err := ms.CreateMeter(AdminContext(), in)
	if err != nil {
		t.Fatal(err)
	}
	if m.LinkID == nil || *m.LinkID != serial {
		t.Fatalf("link id %v, want %s", m.LinkID, serial)
	}
	in.Address = randomAddress()
	_, err = ms.CreateMeter(AdminContext(), in)
	wantCode(t, err, voltpay.ECONFLICT)
	bad := "86-12"
	in.LinkID = &bad
	_, err = ms.CreateMeter(AdminContext(), in)
	wantCode(t, err, voltpay.EINVALID)
	gw := int64(1)
	in.LinkID, in.GatewayID = &serial, &gw
	_, err = ms.CreateMeter(AdminContext(), in)
	wantCode(t, err, voltpay.EINVALID)
	// Cleared by an update without it.
	in = voltpay.MeterInput{SiteID: site.ID, Address: m.Address, Protocol: voltpay.MeterProtocolDLT645}
	if m, err = ms.UpdateMeter(AdminContext(), m.ID, in); err != nil || m.LinkID != nil {
		t.Fatalf("update without a link id: %+v, %v", m, err)
	}
}
