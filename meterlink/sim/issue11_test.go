package sim_test

import (
	"errors"
	"testing"
	"time"

	"github.com/voltpay/voltpay/billing"
	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// TestIssue11_RelayRefusalBit04: refused plaintext relay commands are
// answered as the model's firmware does: ERR 0x04 whatever the cause on
// real firmware (the default), the standard's bit per cause when the model
// says so. Over real TCP to the simulated gateway.
func TestIssue11_RelayRefusalBit04(t *testing.T) {
	expired := sim.Epoch.Add(-time.Minute)
	for _, tc := range []struct {
		model   string
		fw      *sim.Firmware
		expired byte // error word of an expired trip
	}{
		{model: "", expired: 0x04},
		{model: "Acrel DDSY1352", expired: 0x04},
		{model: "DLT645-STANDARD", expired: 0x01},
		{model: "DDSY1352", fw: &sim.StandardFirmware, expired: 0x01},
	} {
		mc := prepaid()
		mc.Model, mc.Firmware = tc.model, tc.fw
		mc.CheckPassword, mc.Password = true, 123456
		f, cl := oneMeter645(t, 1, mc, sim.GatewayConfig{})
		addr := f.Meters()[0].Addr()
		good := dlt645.Auth{Level: dlt645.LevelPlain2, Password: 123456}
		send := func(auth dlt645.Auth, a dlt645.RelayAction, expiry time.Time) uint16 {
			t.Helper()
			req, err := dlt645.RelayRequest(addr, dlt645.RelayCommand{Auth: auth, Action: a, Expiry: expiry})
			if err != nil {
				t.Fatal(err)
			}
			_, err = cl.exchange(req, time.Second)
			var me *dlt645.MeterError
			if !errors.As(err, &me) || me.Len != 1 {
				t.Fatalf("%q %s: err = %v, want a 1-byte refusal", tc.model, a, err)
			}
			return me.Word
		}
		if w := send(good, dlt645.RelayTrip, expired); w != uint16(tc.expired) {
			t.Errorf("%q expired trip: error word %02X, want %02X", tc.model, w, tc.expired)
		}
		if w := send(dlt645.Auth{Level: dlt645.LevelPlain2, Password: 1}, dlt645.RelayTrip, sim.Epoch.Add(time.Hour)); w != 0x04 {
			t.Errorf("%q wrong password: error word %02X, want 04", tc.model, w)
		}
		if f.Meters()[0].State().RelayOpen {
			t.Errorf("%q: a refused trip opened the relay", tc.model)
		}
	}
}

// TestIssue11_RegisterRollover: an energy register rolls over to 0 after
// 999999.99 kWh instead of failing the read; the wrap is where billing
// counts it.
func TestIssue11_RegisterRollover(t *testing.T) {
	if dlt645.EnergyModulusWh != billing.DLT645RegisterModulus {
		t.Fatalf("codec wraps at %d Wh, billing at %d Wh", dlt645.EnergyModulusWh, billing.DLT645RegisterModulus)
	}
	f, cl := oneMeter645(t, 1, sim.MeterConfig{LoadW: 1000, Shape: flatShape}, sim.GatewayConfig{})
	m := f.Meters()[0]
	m.SetEnergy(999_999_500)
	if got := cl.readValue(m.Addr(), dlt645.DIForwardActive)[0]; got != 999_999_500 {
		t.Fatalf("before the wrap: %d Wh", got)
	}
	f.Advance(time.Hour) // +1 kWh
	if got := cl.readValue(m.Addr(), dlt645.DIForwardActive)[0]; got != 500 {
		t.Fatalf("after the wrap: %d Wh, want 500", got)
	}
	if got := cl.readValue(m.Addr(), dlt645.DIForwardActiveBlock); got[0] != 500 {
		t.Fatalf("block after the wrap: %v", got)
	}
	if d, err := billing.Delta(999_999_500, 500, 0, 1); err != nil || d != 1000 {
		t.Fatalf("billing delta across the wrap: %d, %v; want 1000 Wh", d, err)
	}
}

// TestIssue11_WildcardRelayRefused: a relay command or a write to the
// all-AA wildcard gets no answer and changes nothing, as on real meters;
// reads at the wildcard still work.
func TestIssue11_WildcardRelayRefused(t *testing.T) {
	f, cl := oneMeter645(t, 1, prepaid(), sim.GatewayConfig{})
	req, err := dlt645.RelayRequest(dlt645.Wildcard, dlt645.RelayCommand{Auth: dlt645.Auth{Level: dlt645.LevelPlain2},
		Action: dlt645.RelayTrip, Expiry: sim.Epoch.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.exchange(req, 300*time.Millisecond); !isTimeout(err) {
		t.Fatalf("relay at the wildcard: err = %v, want no answer", err)
	}
	if f.Meters()[0].State().RelayOpen {
		t.Fatal("a relay command at the wildcard tripped the meter")
	}
	value, _ := dlt645.Lookup(dlt645.DIAlarmAmount1)
	enc, _ := value.Encode(500)
	w, _ := dlt645.WriteRequest(dlt645.Wildcard, dlt645.DIAlarmAmount1, dlt645.Auth{Level: dlt645.LevelPlain2}, enc)
	if _, err := cl.exchange(w, 300*time.Millisecond); !isTimeout(err) {
		t.Fatalf("write at the wildcard: err = %v, want no answer", err)
	}
	if got := cl.readValue(dlt645.Wildcard, dlt645.DIBalance)[0]; got != 12345 {
		t.Fatalf("read at the wildcard: %d", got)
	}
}
