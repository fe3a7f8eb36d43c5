package sim_test

import (
	"errors"
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/sim"
)

func prepaid() sim.MeterConfig {
	return sim.MeterConfig{LoadW: 1000, Shape: flatShape, Prepaid: true, BalanceFen: 12345, PurchaseCount: 3}
}

func TestDLT645_Read(t *testing.T) {
	f, cl := oneMeter645(t, 3, prepaid(), sim.GatewayConfig{Preamble: -1})
	m := f.Gateway(0).Meters()[1]
	f.Advance(90 * time.Minute)
	st := m.State()
	addr := m.Addr()

	if got := cl.readValue(addr, dlt645.DIBalance)[0]; got != st.BalanceFen {
		t.Errorf("balance = %d, want %d", got, st.BalanceFen)
	}
	if got := cl.readValue(addr, dlt645.DIForwardActiveBlock); len(got) != 5 || got[0] != 1500 || got[sim.RateFlat] != 1500 {
		t.Errorf("energy block = %v, want total and flat 1500 Wh", got)
	}
	if got := cl.readValue(addr, dlt645.DIVoltageA)[0]; got != 2200 {
		t.Errorf("voltage = %d, want 2200", got)
	}
	if got := cl.readValue(addr, dlt645.DIActivePower)[0]; got != 10000 {
		t.Errorf("power = %d (0.1 W), want 10000", got)
	}
	if got := cl.readValue(addr, dlt645.DIPurchaseCount)[0]; got != 3 {
		t.Errorf("purchase count = %d, want 3", got)
	}
	if got := dlt645.Status3(cl.readValue(addr, dlt645.DIStatusWord3)[0]); got.RelayOpen() || got.MeterType() != dlt645.MeterMoneyPrepaid {
		t.Errorf("status3 = %016b", got)
	}
	t.Run("ErrNoData", func(t *testing.T) {
		_, err := cl.exchange(dlt645.ReadRequest(addr, 0x04000C01), time.Second)
		if !errors.Is(err, dlt645.ErrNoData) {
			t.Fatalf("err = %v, want ErrNoData", err)
		}
	})
	t.Run("WrongAddressSilent", func(t *testing.T) {
		_, err := cl.exchange(dlt645.ReadRequest(dlt645.MustParseAddress("1"), dlt645.DIBalance), 100*time.Millisecond)
		if !isTimeout(err) {
			t.Fatalf("err = %v, want timeout", err)
		}
	})
	t.Run("Time", func(t *testing.T) {
		reply, err := cl.exchange(dlt645.ReadRequest(addr, dlt645.DITime), time.Second)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := dlt645.ReadReplyData(dlt645.DITime, reply)
		it, _ := dlt645.Lookup(dlt645.DITime)
		got, err := it.DecodeValue(data)
		if want := int64(13*3600 + 30*60); err != nil || got != want {
			t.Fatalf("time of day = %d, %v; want %d", got, err, want)
		}
	})
	t.Run("BroadcastTime", func(t *testing.T) {
		want := time.Date(2026, 11, 25, 13, 35, 0, 0, sim.China)
		req, _ := dlt645.BroadcastTimeRequest(want)
		cl.send(req)
		cl.readValue(addr, dlt645.DIBalance) // the bus has processed the broadcast
		for _, m := range f.Meters() {
			if got := m.Now(); !got.Equal(want) {
				t.Errorf("meter %s clock = %v, want %v", m.Addr(), got, want)
			}
		}
	})
}

func TestDLT645_Relay(t *testing.T) {
	f, cl := oneMeter645(t, 2, prepaid(), sim.GatewayConfig{})
	m := f.Meters()[0]
	expiry := sim.Epoch.Add(10 * time.Minute)
	relay := func(a dlt645.RelayAction, exp time.Time) error {
		req, err := dlt645.RelayRequest(m.Addr(), dlt645.RelayCommand{Auth: dlt645.Auth{Level: dlt645.LevelPlain2}, Action: a, Expiry: exp})
		if err != nil {
			t.Fatal(err)
		}
		_, err = cl.exchange(req, time.Second)
		return err
	}
	status := func() dlt645.Status3 { return dlt645.Status3(cl.readValue(m.Addr(), dlt645.DIStatusWord3)[0]) }

	if err := relay(dlt645.RelayTrip, expiry); err != nil {
		t.Fatalf("trip: %v", err)
	}
	if s := status(); !s.Confirms(dlt645.RelayTrip) || !s.RelayCommandTrip() {
		t.Fatalf("after trip status3 = %016b", s)
	}
	if f.Meters()[1].State().RelayOpen {
		t.Fatal("the other meter tripped too")
	}
	if err := relay(dlt645.RelayCloseAllowed, expiry); err != nil {
		t.Fatalf("close allowed: %v", err)
	}
	if s := status(); !s.Confirms(dlt645.RelayCloseAllowed) || !s.RelayOpen() {
		t.Fatalf("after 1B status3 = %016b, want command close, relay still open", s)
	}
	if err := relay(dlt645.RelayDirectClose, expiry); err != nil {
		t.Fatalf("direct close: %v", err)
	}
	if s := status(); s.RelayOpen() {
		t.Fatalf("after 1C status3 = %016b", s)
	}
	t.Run("ErrExpired", func(t *testing.T) {
		// Real firmware answers an expired command with ERR 0x04, not "other".
		err := relay(dlt645.RelayTrip, sim.Epoch.Add(-time.Minute))
		if !errors.Is(err, dlt645.ErrUnauthorized) || errors.Is(err, dlt645.ErrOther) || status().RelayOpen() {
			t.Fatalf("err = %v, want ERR 0x04 and relay closed", err)
		}
	})
	t.Run("ErrGuarantee", func(t *testing.T) {
		if err := relay(dlt645.GuaranteeOn, expiry); err != nil {
			t.Fatal(err)
		}
		if s := status(); !s.Guarantee() {
			t.Fatalf("status3 = %016b, want guarantee", s)
		}
		if err := relay(dlt645.RelayTrip, expiry); err == nil || status().RelayOpen() {
			t.Fatalf("trip under guarantee: err = %v, relay open = %v", err, status().RelayOpen())
		}
	})
	t.Run("ErrUnauthorized", func(t *testing.T) {
		mc := prepaid()
		mc.CheckPassword, mc.Password = true, 123456
		f, cl := oneMeter645(t, 1, mc, sim.GatewayConfig{})
		req, _ := dlt645.RelayRequest(f.Meters()[0].Addr(), dlt645.RelayCommand{Auth: dlt645.Auth{Level: dlt645.LevelPlain2, Password: 111111}, Action: dlt645.RelayTrip, Expiry: expiry})
		if _, err := cl.exchange(req, time.Second); !errors.Is(err, dlt645.ErrUnauthorized) {
			t.Fatalf("err = %v, want ErrUnauthorized", err)
		}
	})
}

func TestDLT645_Write(t *testing.T) {
	f, cl := oneMeter645(t, 1, prepaid(), sim.GatewayConfig{})
	addr := f.Meters()[0].Addr()
	for _, tc := range []struct {
		di dlt645.DI
		v  int64
	}{{dlt645.DIAlarmAmount1, 2000}, {dlt645.DIOverdraftAmountMax, 500}, {dlt645.PriceDI(2, false), 8765}} {
		it, _ := dlt645.Lookup(tc.di)
		val, _ := it.Encode(tc.v)
		req, err := dlt645.WriteRequest(addr, tc.di, dlt645.Auth{Level: dlt645.LevelPlain2}, val)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cl.exchange(req, time.Second); err != nil {
			t.Fatalf("write %s: %v", tc.di, err)
		}
		if got := cl.readValue(addr, tc.di)[0]; got != tc.v {
			t.Errorf("%s = %d, want %d", tc.di, got, tc.v)
		}
	}
	req, _ := dlt645.WriteRequest(addr, dlt645.DIBalance, dlt645.Auth{Level: dlt645.LevelPlain2}, []byte{0, 0, 0, 0})
	if _, err := cl.exchange(req, time.Second); !errors.Is(err, dlt645.ErrNoData) {
		t.Fatalf("write balance: err = %v, want ErrNoData", err)
	}
}

// zeroMAC is a fake signer: the simulator has no ESAM and ignores MACs.
type zeroMAC struct{}

func (zeroMAC) Algorithm() string                    { return "zero" }
func (zeroMAC) Sum(key, data []byte) ([]byte, error) { return make([]byte, 8), nil }

func TestDLT645_Credit(t *testing.T) {
	mc := prepaid()
	mc.BalanceFen = 20 // runs out within the first half hour
	f, cl := oneMeter645(t, 1, mc, sim.GatewayConfig{})
	m := f.Meters()[0]
	f.Advance(time.Hour)
	if !m.State().RelayOpen {
		t.Fatal("meter did not trip when the balance ran out")
	}
	profile := dlt645.Profile{Name: "test", Layout: dlt645.LayoutStateGrid, MAC: zeroMAC{}}
	credit := func(amount int64, count uint32) error {
		req, err := dlt645.CreditRequest(m.Addr(), profile, dlt645.Credit{AmountFen: amount, PurchaseCount: count})
		if err != nil {
			t.Fatal(err)
		}
		_, err = cl.exchange(req, time.Second)
		return err
	}
	before := m.State().BalanceFen
	if err := credit(5000, 4); err != nil {
		t.Fatalf("credit: %v", err)
	}
	st := m.State()
	if st.BalanceFen != before+5000 || st.PurchaseCount != 4 || st.RelayOpen {
		t.Fatalf("after credit: %+v, want balance %d, count 4, relay closed", st, before+5000)
	}
	if got := cl.readValue(m.Addr(), dlt645.DIBalance)[0]; got != before+5000 {
		t.Fatalf("balance read = %d", got)
	}
	t.Run("ErrRepeatRecharge", func(t *testing.T) {
		if err := credit(5000, 4); !errors.Is(err, dlt645.ErrRepeatRecharge) {
			t.Fatalf("err = %v, want ErrRepeatRecharge", err)
		}
		if got := m.State().BalanceFen; got != before+5000 {
			t.Fatalf("balance changed to %d", got)
		}
	})
	t.Run("ErrPurchaseCount", func(t *testing.T) {
		if err := credit(5000, 9); !errors.Is(err, dlt645.ErrPurchaseCount) {
			t.Fatalf("err = %v, want ErrPurchaseCount", err)
		}
	})
	t.Run("Vendor", func(t *testing.T) {
		p := dlt645.Profile{Name: "vendor", Layout: dlt645.LayoutVendor}
		c := dlt645.Credit{AmountFen: 100, OrderNumber: [8]byte{1, 2, 3}, MeterNumber: m.Addr()}
		req, _ := dlt645.CreditRequest(m.Addr(), p, c)
		if _, err := cl.exchange(req, time.Second); err != nil {
			t.Fatalf("vendor credit: %v", err)
		}
		if st := m.State(); st.PurchaseCount != 5 || st.BalanceFen != before+5100 {
			t.Fatalf("after vendor credit: %+v", st)
		}
		if _, err := cl.exchange(req, time.Second); !errors.Is(err, dlt645.ErrRepeatRecharge) {
			t.Fatalf("repeated order: err = %v, want ErrRepeatRecharge", err)
		}
	})
}
