package postgres_test

import (
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// TestIssue11_ModbusMeterChargedPastDLT645Range: the charger gives each
// meter's series the register range of its protocol, so a Modbus meter
// whose register passed 1,000,000 kWh (where a DL/T 645 register wraps) is
// charged as usual instead of stopping with a register fault.
func TestIssue11_ModbusMeterChargedPastDLT645Range(t *testing.T) {
	f := newChargeFix(t)
	gw := mkGateway(t, f.db, f.site, voltpay.ProtocolModbusTCP)
	tariff := f.tariff(t, flat8523)
	m := mkMeter(t, f.db, voltpay.MeterInput{SiteID: f.site, Address: "9", Protocol: voltpay.MeterProtocolModbus,
		GatewayID: &gw.ID, TariffID: &tariff, CTRatio: 1, PrepaidMode: voltpay.PrepaidPlatform}).ID
	f.account(t, m)
	f.read(t, m, "2026-11-25 10:00:00", billing.DLT645RegisterModulus-1000)
	f.read(t, m, "2026-11-25 11:00:00", billing.DLT645RegisterModulus+9000) // 10 kWh
	if st := f.charge(t, m); len(st.Faulted) > 0 {
		t.Fatalf("charging faulted meters %v; want none", st.Faulted)
	}
	if got := f.amounts(t, m); len(got) != 1 || got[0] != 852 { // 10 kWh at 0.8523
		t.Fatalf("charges %v; want one of 852 fen", got)
	}
}
